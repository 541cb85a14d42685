"""The curated predictions of the interview fit its text and the taxonomy."""

from reader.core.annotations import anchoring
from reader.core.ingest.bundled import load_bundled
from reader.core.predictions.curated import load_curated, taxonomy


def test_every_curated_quote_is_in_the_article_exactly_once():
    text = load_bundled().plain_text
    items = load_curated("luma-interview")
    assert len(items) >= 12
    for item in items:
        assert len(anchoring.find_occurrences(text, item.exact)) == 1, item.exact[:50]


def test_every_curated_item_is_complete_and_tagged_from_the_taxonomy():
    known = set(taxonomy())
    for item in load_curated("luma-interview"):
        assert item.statement and item.speaker and item.horizon
        assert item.tags and set(item.tags) <= known, item.tags
        assert item.resolve_by and item.resolve_by >= "2026-01-01"
        assert 0 < item.confidence < 1


def test_habitual_and_planned_will_are_not_curated():
    exacts = " ".join(i.exact for i in load_curated("luma-interview"))
    assert "the crew will set up several cameras" not in exacts
    assert "Luma AI will use this computing power" not in exacts


def test_next_year_forecasts_fall_due_at_the_end_of_2026():
    next_year = [i for i in load_curated("luma-interview") if i.horizon == "next year"]
    assert next_year and all(i.resolve_by == "2026-12-31" for i in next_year)
