"""`reader highlight` and `reader highlights` in a subprocess."""

from __future__ import annotations


def test_highlight_then_list_as_json(cli):
    code, h, _ = cli.json(
        "highlight",
        "luma",
        "Ray 3 is a phased achievement.",
        "--color",
        "green",
        "--note",
        "key",
        "--tag",
        "Strategy",
    )
    assert code == 0
    assert h["exact"] == "Ray 3 is a phased achievement." and h["color"] == "Green"
    assert h["tags"] == ["strategy"] and h["anchored"] is True
    code, items, _ = cli.json("highlights", "luma")
    assert [i["id"] for i in items] == [h["id"]]
    code, items, _ = cli.json("highlights", "--color", "blue")
    assert items == []
    code, items, _ = cli.json("highlights", "--tag", "strategy")
    assert len(items) == 1 and items[0]["note"] == "key"


def test_ambiguous_text_is_refused_with_the_occurrences(cli):
    code, out, err = cli("highlight", "luma", "unified multimodal")
    assert code == 1 and out == ""
    assert "occurs 7 times" in err and "--occurrence" in err and "[unified multimodal]" in err
    code, h, _ = cli.json("highlight", "luma", "unified multimodal", "--occurrence", "2")
    assert code == 0 and h["prefix"].endswith('company has established the "')


def test_text_not_in_the_article_and_bad_colour_are_refused(cli):
    code, _, err = cli("highlight", "luma", "this sentence is not in the interview")
    assert code == 1 and "not in the article" in err
    code, _, err = cli("highlight", "luma", "Ray 3 is a phased", "--color", "mauve")
    assert code == 1 and "no colour 'mauve'" in err and "Traceback" not in err
    for occurrence in ("9", "0", "-1"):
        code, _, err = cli("highlight", "luma", "Ray 3 is a phased", "--occurrence", occurrence)
        assert code == 1 and "--occurrence must be between 1 and 1" in err
    code, items, _ = cli.json("highlights")
    assert items == []
