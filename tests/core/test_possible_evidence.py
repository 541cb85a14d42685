"""Possible evidence: a saved article is offered the open predictions it may bear on,
found with the search index, and the offers are right often enough on a test library."""

from __future__ import annotations

from pathlib import Path

from reader.core.search.bearing import THRESHOLD
from scripts.bench.evidence_offers import LIBRARY, measure


def test_offers_at_the_threshold_are_mostly_right(tmp_path):
    [score] = measure(tmp_path / "library", (THRESHOLD,))
    assert score.precision >= 0.85 and score.recall >= 0.85  # measured: 0.89 / 0.88


def test_an_article_is_offered_the_prediction_it_bears_on_with_its_passage(tmp_path):
    measure(tmp_path / "library", (THRESHOLD,))  # (builds the library)
    from reader.core.session import open_session

    session = open_session(tmp_path / "library")
    try:
        luma = session.library.find_article("", "Luma Ships Ray 4 as a Single Multimodal Model")
        offers = session.possible_evidence([luma])
        [offer] = [o for o in offers if o.prediction_id == 5]  # "Luma will not release…"
        passage = session.library.get(luma).plain_text[offer.start : offer.end]
        assert "stand-alone" in passage and offer.score >= THRESHOLD
        derby = session.library.find_article("", "A Late Goal Settles the Derby")
        assert session.possible_evidence([derby]) == []
        session.predictions.update(5, outcome="true")  # resolved: nothing more to find
        assert 5 not in {o.prediction_id for o in session.possible_evidence([luma])}
    finally:
        session.close()


def test_a_library_too_small_to_judge_offers_nothing(session, tmp_path):
    path = Path(LIBRARY / "luma-ray4.md")
    [article] = session.library.import_paths([path]).imported
    session.search.catch_up(session.documents)
    assert session.possible_evidence([article.id], threshold=0.0) == []
