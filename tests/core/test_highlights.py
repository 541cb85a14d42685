"""Highlights in a real SQLite library: each action one committed transaction."""

from __future__ import annotations

import sqlite3

import pytest

from reader.core.annotations.highlights import HighlightError, HighlightFilter


@pytest.fixture
def article(session):
    return session.library.get(session.library.summaries()[0].id)


def _span(text: str, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    return start, start + len(phrase)


def _committed(session, sql: str, params=()) -> list[tuple]:
    """What another connection sees: proves the action was committed."""
    other = sqlite3.connect(session.db.path)
    try:
        return other.execute(sql, params).fetchall()
    finally:
        other.close()


def test_add_stores_w3c_selectors_and_commits(session, article):
    hs = session.highlights
    start, end = _span(article.plain_text, "Ray 3 is a phased achievement.")
    h = hs.add(
        article.id,
        article.plain_text,
        start,
        end,
        color=2,
        note="n",
        tags=["Luma Strategy", "#luma-strategy", "3D"],
    )
    assert h.quote.exact == "Ray 3 is a phased achievement."
    assert h.quote.prefix == article.plain_text[start - 32 : start]
    assert h.quote.suffix == article.plain_text[end : end + 32]
    assert (h.position.start, h.position.end) == (start, end)
    assert h.tags == ("luma-strategy", "3d")
    assert h.uid and h.created_at == h.updated_at
    rows = _committed(session, "SELECT exact, color, note FROM highlights WHERE id=?", (h.id,))
    assert rows == [("Ray 3 is a phased achievement.", 2, "n")]


def test_empty_or_out_of_range_span_is_refused(session, article):
    with pytest.raises(HighlightError):
        session.highlights.add(article.id, article.plain_text, 10, 10)
    with pytest.raises(HighlightError):
        session.highlights.add(article.id, article.plain_text, 0, len(article.plain_text) + 5)


def test_update_delete_restore_and_trash(session, article):
    hs = session.highlights
    h = hs.add(article.id, article.plain_text, *_span(article.plain_text, "Dream Machine"))
    h2 = hs.update(h.id, note="first\nsecond line", color=4, tags=["consumer"])
    assert (h2.note, h2.color, h2.tags) == ("first\nsecond line", 4, ("consumer",))
    hs.delete(h.id)
    assert hs.for_article(article.id) == []
    assert [t.id for t in hs.trash()] == [h.id]
    hs.restore(h.id)
    assert [x.id for x in hs.for_article(article.id)] == [h.id]
    hs.delete(h.id)
    assert hs.empty_trash() == 1
    assert _committed(session, "SELECT count(*) FROM highlights") == [(0,)]
    assert _committed(session, "SELECT count(*) FROM highlight_tags") == [(0,)]


def test_overlapping_and_adjacent_highlights(session, article):
    hs, text = session.highlights, article.plain_text
    a = hs.add(article.id, text, *_span(text, "completed a $900 million Series C"))
    b = hs.add(article.id, text, *_span(text, "Series C financing at a valuation"))
    start, end = _span(text, "of $4 billion")
    c = hs.add(article.id, text, start, end)
    placed = {p.highlight.id: p.anchor for p in hs.placed(article.id, text)}
    assert placed[a.id].end > placed[b.id].start  # overlap kept
    assert placed[b.id].end + 1 == placed[c.id].start  # adjacent (one space between)


def test_filters_colour_tag_text_and_article(session, article, tmp_path):
    hs, text = session.highlights, article.plain_text
    hs.add(article.id, text, *_span(text, "unified multimodal", 0), color=1, tags=["models"])
    hs.add(article.id, text, *_span(text, "Sora 2", 0), color=4, note="consumer hype")
    other = tmp_path / "o.md"
    other.write_text("# Other\n\nSora 2 appears here too.", encoding="utf-8")
    other_id = session.library.import_file(other)
    other_text = session.library.get(other_id).plain_text
    hs.add(other_id, other_text, *_span(other_text, "Sora 2"), color=4)
    assert len(hs.query(HighlightFilter(color=4))) == 2
    assert len(hs.query(HighlightFilter(color=4, article_id=article.id))) == 1
    assert [h.quote.exact for h in hs.query(HighlightFilter(tag="models"))] == [
        "unified multimodal"
    ]
    assert [h.note for h in hs.query(HighlightFilter(text="HYPE"))] == ["consumer hype"]
    session.library.delete(other_id)  # highlights of deleted articles drop out of lists
    assert len(hs.query(HighlightFilter(color=4))) == 1


def test_query_ids_match_query_and_get_many_skips_what_is_gone(session, article):
    hs, text = session.highlights, article.plain_text
    made = [hs.add(article.id, text, *_span(text, p)) for p in ("Ray 3", "Sora 2", "Luma")]
    ids = hs.query_ids(HighlightFilter())
    assert ids == [h.id for h in hs.query(HighlightFilter())]
    assert sorted(ids) == sorted(h.id for h in made)
    hs.delete(made[1].id)
    assert made[1].id not in hs.query_ids(HighlightFilter())
    got = hs.get_many([made[0].id, 999_999, made[1].id, made[2].id])
    assert set(got) == {made[0].id, made[2].id}
    assert got[made[2].id].quote.exact == "Luma"


def test_text_filter_folds_case_beyond_ascii(session, article):
    hs, text = session.highlights, article.plain_text
    hs.add(article.id, text, *_span(text, "Ray 3"), note="Überraschend: ÉCOLE des modèles")
    hs.add(article.id, text, *_span(text, "Sora 2"), note="straße")
    assert [h.note for h in hs.query(HighlightFilter(text="école"))] == [
        "Überraschend: ÉCOLE des modèles"
    ]
    assert len(hs.query_ids(HighlightFilter(text="überRASCHEND"))) == 1
    assert [h.note for h in hs.query(HighlightFilter(text="STRASSE"))] == ["straße"]


def test_colour_names_can_change_and_are_found_by_name(session):
    hs = session.highlights
    hs.rename_color(4, "  Disagree ")
    assert hs.color_slot("disagree") == 4 and hs.color_slot("4") == 4
    assert [c.name for c in hs.colors()][3] == "Disagree"
    with pytest.raises(HighlightError, match="no colour 'Pink'"):
        hs.color_slot("Pink")
    with pytest.raises(HighlightError):
        hs.rename_color(1, "   ")


def test_reimport_with_edits_keeps_and_reanchors_highlights(session, tmp_path):
    path = tmp_path / "essay.md"
    original = (
        "# Essay\n\nThe first paragraph talks about cameras and lenses.\n\n"
        "Video models will converge to a unified architecture next year.\n\n"
        "A closing paragraph that will be deleted entirely in the new version.\n"
    )
    path.write_text(original, encoding="utf-8")
    article_id = session.library.import_file(path)
    text = session.library.get(article_id).plain_text
    hs = session.highlights
    kept = hs.add(article_id, text, *_span(text, "converge to a unified architecture"))
    edited = hs.add(article_id, text, *_span(text, "talks about cameras and lenses"))
    gone = hs.add(article_id, text, *_span(text, "A closing paragraph that will be deleted"))
    path.write_text(
        "# Essay\n\nA brand new opening paragraph, inserted before everything else.\n\n"
        "The first paragraph talks about cameras and zoom lenses.\n\n"
        "Video models will converge to a unified architecture next year.\n",
        encoding="utf-8",
    )
    assert session.library.import_file(path) == article_id  # same article, new text
    new_text = session.library.get(article_id).plain_text
    placed = {p.highlight.id: p for p in hs.placed(article_id, new_text)}
    a = placed[kept.id].anchor
    assert new_text[a.start : a.end] == "converge to a unified architecture"
    e = placed[edited.id].anchor
    assert e is not None and e.method == "fuzzy"
    target_start, target_end = _span(new_text, "talks about cameras and zoom lenses")
    assert abs(e.start - target_start) <= 2 and abs(e.end - target_end) <= 5
    assert placed[gone.id].anchor is None  # orphaned, not dropped
    assert len(hs.for_article(article_id)) == 3


def test_tags_in_use_are_in_natural_order(session, article):
    hs, text = session.highlights, article.plain_text
    hs.add(article.id, text, *_span(text, "Ray 3"), tags=["tag10", "tag2", "beta", "tag1"])
    assert hs.tags_in_use() == ["beta", "tag1", "tag2", "tag10"]
