"""`reader predict` and `reader predictions` in a subprocess."""

from __future__ import annotations

QUOTE = "I think what happened to images this year will also happen in the video field next year."


def test_predict_then_list_with_filters(cli):
    code, p, _ = cli.json(
        "predict", "luma", QUOTE, "--tag", "Unified multimodal", "--resolve-by", "2026-12-31"
    )
    assert code == 0
    assert p["speaker"] == "Song Jiaming" and p["source"] == "user" and p["review"] == "confirmed"
    assert p["resolve_by"] == "2026-12-31" and p["tags"] == ["unified-multimodal"]
    assert p["made_on"] == "2025-11-20"
    code, items, _ = cli.json("predictions", "luma", "--tag", "unified-multimodal")
    assert [i["id"] for i in items] == [p["id"]] and items[0]["anchored"] is True
    code, items, _ = cli.json("predictions", "--status", "resolved")
    assert items == []


def test_bad_status_and_bad_date_are_clear_errors(cli):
    code, _, err = cli("predictions", "--status", "bogus")
    assert code == 1 and "status must be one of" in err and "Traceback" not in err
    code, _, err = cli("predict", "luma", QUOTE, "--resolve-by", "soon")
    assert code == 1 and "date like 2026-12-31" in err
    code, _, err = cli("predict", "luma", "words that are not in the article at all")
    assert code == 1 and "not in the article" in err
