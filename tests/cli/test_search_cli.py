"""reader search: prefixes over words as written, phrases counted where they stand."""

from __future__ import annotations


def test_prefixes_find_words_as_written(cli):
    for query in ("monetiz*", "commercializ*"):
        code, found, err = cli.json("search", query)
        assert code == 0 and [h["article_id"] for h in found["hits"]] == [1], (query, err)


def test_a_phrase_is_counted_and_bolded_where_its_words_stand_together(cli):
    code, found, _ = cli.json("search", '"video reasoning"')
    [hit] = found["hits"]
    assert code == 0 and hit["matches"] == 5
    assert all("<b>reason</b>" not in s.lower() for s in hit["snippets"])
    code, out, _ = cli("search", '"video reasoning"')
    assert "(5 matches)" in out and "&#x27;" not in out and "<b>" not in out
