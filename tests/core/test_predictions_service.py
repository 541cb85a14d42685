"""Predictions in a real library: add, annotate, resolve, filter, trash; the ledger."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.predictions.ledger import score, summarise, user_probability
from reader.core.predictions.service import PredictionError, PredictionFilter, is_due


@pytest.fixture
def article(session):
    return session.library.get(session.library.summaries()[0].id)


def _add(session, article, phrase, **values):
    text = article.plain_text
    start = text.index(phrase)
    return session.predictions.add(article.id, text, start, start + len(phrase), **values)


def test_add_and_annotate_a_prediction(session, article):
    p = _add(
        session,
        article,
        "I think what happened to images this year will also happen in the video field next year.",
        speaker="Song Jiaming",
        horizon="next year",
        resolve_by="2026-12-31",
        tags=["Unified multimodal"],
    )
    assert p.source == "user" and p.review == "confirmed" and p.outcome == "open"
    assert p.statement.startswith("I think what happened")
    assert p.tags == ("unified-multimodal",)
    p = session.predictions.update(
        p.id, stance="agree", probability=70, note="plausible", evidence="https://example.org"
    )
    assert (p.stance, p.probability, p.note) == ("agree", 70, "plausible")
    p = session.predictions.update(p.id, outcome="true")
    assert p.resolved_on == date.today().isoformat()
    p = session.predictions.update(p.id, outcome="open")
    assert p.resolved_on is None


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"stance": "maybe"}, "stance must be"),
        ({"probability": 101}, "probability"),
        ({"probability": "50"}, "probability"),
        ({"outcome": "won"}, "outcome must be"),
        ({"resolve_by": "next year"}, "date like"),
        ({"article_id": 5}, "cannot be edited"),
    ],
)
def test_bad_edits_are_refused_and_change_nothing(session, article, changes, message):
    p = _add(session, article, "Ray 3 is a phased achievement.")
    with pytest.raises(PredictionError, match=message):
        session.predictions.update(p.id, **changes)
    assert session.predictions.get(p.id) == p


def test_filters_due_status_stance_tag(session, article):
    ps = session.predictions
    a = _add(
        session,
        article,
        "Ray 3 is a phased achievement.",
        resolve_by="2026-12-15",
        tags=["strategy"],
    )
    b = _add(
        session,
        article,
        "Dream Machine attracted one million users",
        resolve_by="2030-12-31",
        review="proposed",
    )
    ps.update(b.id, stance="disagree")
    today = date(2026, 11, 24)
    assert [p.id for p in ps.query(PredictionFilter(due=True), today)] == [a.id]
    assert [p.id for p in ps.query(PredictionFilter(status="proposed"))] == [b.id]
    assert [p.id for p in ps.query(PredictionFilter(stance="disagree"))] == [b.id]
    assert [p.id for p in ps.query(PredictionFilter(tag="strategy"))] == [a.id]
    ps.update(a.id, outcome="false")
    assert [p.id for p in ps.query(PredictionFilter(status="resolved"))] == [a.id]
    assert ps.query(PredictionFilter(due=True), today) == []
    with pytest.raises(PredictionError, match="status must be"):
        ps.query(PredictionFilter(status="bogus"))


def test_due_means_within_thirty_days_or_passed():
    from tests.core.test_predictions_service import _fake

    today = date(2026, 11, 24)
    assert is_due(_fake(resolve_by="2026-12-24"), today)
    assert not is_due(_fake(resolve_by="2026-12-25"), today)
    assert is_due(_fake(resolve_by="2025-01-01"), today)
    assert not is_due(_fake(resolve_by="2025-01-01", outcome="true"), today)
    assert not is_due(_fake(resolve_by=None), today)


def test_trash_restore_and_undo_of_add(session, article):
    ps = session.predictions
    p = _add(session, article, "Ray 3 is a phased achievement.")
    before = {x.id for x in ps.for_article(article.id)} - {p.id}
    ps.delete(p.id)
    assert p.id not in {x.id for x in ps.for_article(article.id)}
    assert [t.id for t in ps.trash()] == [p.id]
    ps.restore(p.id)
    ps.purge(p.id)
    assert ps.trash() == [] and {x.id for x in ps.for_article(article.id)} == before
    again = ps.insert(p)  # redo brings back the same record
    assert again.id == p.id and again.uid == p.uid


def _fake(**values):
    from reader.core.models import Prediction, TextPositionSelector, TextQuoteSelector

    base = dict(
        id=1,
        uid="u",
        article_id=1,
        quote=TextQuoteSelector("x"),
        position=TextPositionSelector(0, 1),
        statement="s",
    )
    return Prediction(**{**base, **values})


def test_brier_score_and_calibration():
    items = [
        _fake(probability=90, outcome="true"),
        _fake(probability=80, outcome="false"),
        _fake(probability=20, outcome="false"),
        _fake(probability=50, outcome="partly"),  # not scored
        _fake(probability=None, outcome="true"),  # not scored
        _fake(probability=60, outcome="open"),  # not scored
    ]
    s = score(items, user_probability)
    assert s.scored == 3
    assert s.brier == pytest.approx((0.1**2 + 0.8**2 + 0.2**2) / 3)
    by_low = {b.low: b for b in s.buckets}
    assert by_low[90].observed == 1.0 and by_low[80].observed == 0.0
    assert by_low[20].count == 1 and by_low[20].mean_forecast == pytest.approx(0.2)


def test_calibration_bins_are_tens_and_the_last_takes_100():
    items = [_fake(probability=v, outcome="true") for v in (0, 9, 10, 19, 90, 99, 100)]
    s = score(items, user_probability)
    assert [(b.low, b.high, b.count) for b in s.buckets] == [(0, 9, 2), (10, 19, 2), (90, 100, 3)]
    assert s.buckets[2].mean_forecast == pytest.approx((0.9 + 0.99 + 1.0) / 3)


def test_summary_counts_and_per_tag(session):
    items = [
        _fake(probability=90, outcome="true", tags=("a",), resolve_by="2026-12-01"),
        _fake(probability=30, outcome="open", tags=("a", "b"), resolve_by="2026-12-01"),
        _fake(probability=30, outcome="false", tags=("b",), confidence=0.8),
        _fake(review="rejected", outcome="true", probability=10),
    ]
    summary = summarise(items, date(2026, 11, 24))
    assert (summary.total, summary.open, summary.due, summary.resolved) == (3, 1, 1, 2)
    assert summary.yours.brier == pytest.approx((0.01 + 0.09) / 2)
    assert summary.authors.brier == pytest.approx(0.64)
    assert [s.label for s in summary.per_tag] == ["a", "b"]


def test_a_proposal_not_yet_reviewed_is_never_due(session):
    from datetime import date

    from reader.core.predictions.service import PredictionFilter

    article = session.library.get(1)
    text = article.plain_text
    start = text.index("Ray 3 is a phased achievement.")
    made = session.predictions.add(1, text, start, start + 30, statement="Ray 3 ships")
    session.predictions.update(made.id, resolve_by="2020-01-01", review="proposed")
    due = session.predictions.query(PredictionFilter(due=True), date(2026, 12, 2))
    assert made.id not in {p.id for p in due}
    session.predictions.update(made.id, review="confirmed")
    due = session.predictions.query(PredictionFilter(due=True), date(2026, 12, 2))
    assert made.id in {p.id for p in due}
