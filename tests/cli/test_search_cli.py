"""reader search: prefixes over words as written, phrases counted where they stand."""

from __future__ import annotations


def test_prefixes_find_words_as_written(cli):
    for query in ("monetiz*", "commercializ*"):
        code, found, err = cli.json("search", query)
        assert code == 0 and [h["article_id"] for h in found["hits"]] == [1], (query, err)


def test_a_last_word_no_article_has_finds_the_words_it_begins_and_says_so(cli):
    """As Enter in the window: the words as written, and a last word that is no word of
    the library but begins some taken as typed ("multimo" finds "multimodal")."""
    code, out, err = cli("search", "multimo")
    assert code == 0 and "Chief Scientist of Luma AI" in out and "multimodality" in out
    assert "note: no article has the word “multimo”: words that begin with it" in err
    code, found, _ = cli.json("search", "multimo")
    assert [h["article_id"] for h in found["hits"]] == [1] and found["notes"]
    code, found, _ = cli.json("search", "multimodal")
    assert found["notes"] == [] and found["total"] == 1


def test_a_phrase_is_counted_and_bolded_where_its_words_stand_together(cli):
    code, found, _ = cli.json("search", '"video reasoning"')
    [hit] = found["hits"]
    assert code == 0 and hit["matches"] == 5
    assert all("<b>reason</b>" not in s.lower() for s in hit["snippets"])
    code, out, _ = cli("search", '"video reasoning"')
    assert "(5 matches)" in out and "&#x27;" not in out and "<b>" not in out


def test_an_import_returns_with_its_articles_searchable(cli, tmp_path):
    """The import indexes what it added before it returns, saying how far it is on
    stderr; the next search has nothing to catch up on."""
    folder = tmp_path / "pages"
    folder.mkdir()
    for n in range(60):
        (folder / f"page{n:02}.md").write_text(f"# Page {n}\n\nA zeppelin{n} over the bay.\n")
    code, _, err = cli("search", "zeppelin7")  # builds the index: it exists before the import
    assert code == 0 and "building the search index" in err
    code, out, err = cli("import", str(folder))
    assert code == 0 and out.count("imported ") == 60
    lines = err.splitlines()
    assert "importing 60/60" in lines and "indexing 60/60" in lines
    assert len([line for line in lines if line.startswith("indexing")]) <= 11  # not flooded
    code, found, err = cli.json("search", "zeppelin42")
    assert code == 0 and [h["title"] for h in found["hits"]] == ["Page 42"]
    assert "indexing" not in err and "rebuilding" not in err


def test_the_first_import_into_a_new_library_builds_the_index_quietly(cli, tmp_path):
    page = tmp_path / "one.md"
    page.write_text("# One\n\nA single zeppelin.\n")
    code, _, err = cli("import", str(page))  # (the bundled interview and this one)
    assert code == 0 and "missing" not in err and "indexing 2/2" in err.splitlines()
    code, found, err = cli.json("search", "zeppelin")
    assert code == 0 and [h["title"] for h in found["hits"]] == ["One"] and "index" not in err


def test_a_hit_found_only_outside_the_text_says_where(cli):
    code, out, _ = cli("search", "title:scientist")
    assert code == 0 and "(in the title)" in out and "match" not in out
    code, found, _ = cli.json("search", "title:scientist publication:intelligent")
    [hit] = found["hits"]
    assert hit["matches"] == 0 and hit["matched_in"] == ["title", "publication"]
    code, out, _ = cli("search", "title:scientist publication:intelligent")
    assert "(in the title and the publication)" in out
    code, found, _ = cli.json("search", "scientist")  # (the text too: counted there)
    assert found["hits"][0]["matches"] > 0 and found["hits"][0]["matched_in"] == ["title"]


def test_a_query_may_start_with_a_word_left_out(cli):
    """`reader search -sora` is the articles without "sora", as in the window (argparse
    took -sora for an option it did not know)."""
    code, found, err = cli.json("search", "-zeppelin")
    assert code == 0 and [h["article_id"] for h in found["hits"]] == [1], err
    assert found["query"] == "-zeppelin"
    code, found, _ = cli.json("search", "-video")
    assert code == 0 and found["hits"] == []
    code, found, _ = cli.json("search", "-zeppelin", "multimodal")
    assert found["query"] == "-zeppelin multimodal" and len(found["hits"]) == 1
    code, found, _ = cli.json("search", "--limit", "5", "-zeppelin")
    assert found["query"] == "-zeppelin" and len(found["hits"]) == 1
    code, found, _ = cli.json("search", "-hype")  # (not -h with "ype" after it)
    assert code == 0 and found["query"] == "-hype" and len(found["hits"]) == 1
    code, found, _ = cli.json("search", "multimodal", "-zeppelin")
    assert found["query"] == "multimodal -zeppelin"
    code, out, _ = cli("search", "-h")
    assert code == 0 and "usage: reader search" in out
    code, _, err = cli("search", "video", "--bogus")
    assert code == 2 and "unrecognized arguments: --bogus" in err
    code, _, err = cli("search")
    assert code == 2 and "a query is needed" in err


def test_a_hit_found_in_a_note_or_a_tag_says_so(cli):
    code, _, err = cli(
        "highlight", "1", "Ray 3 is a phased achievement.", "--note", "quokka rally",
        "--tag", "marsupial",
    )  # fmt: skip
    assert code == 0, err
    code, out, _ = cli("search", "quokka")
    assert "(in a note)" in out and "match" not in out
    code, out, _ = cli("search", "tag:marsupial")
    assert "(in its tags)" in out and "match" not in out
    code, found, _ = cli.json("search", "quokka")
    assert found["hits"][0]["matched_in"] == ["notes"]
