"""The ledger's scores: track records of the people quoted, and the Brier split."""

from __future__ import annotations

from datetime import date

import pytest

from reader.core.predictions.ledger import author_probability, score, summarise
from tests.core.test_predictions_service import _fake


def test_each_person_quoted_has_a_track_record_by_the_confidence_the_text_gave():
    items = [
        _fake(speaker="Song Jiaming", confidence=0.8, outcome="true"),
        _fake(speaker="Song Jiaming", confidence=0.7, outcome="false"),
        _fake(speaker="Song Jiaming", confidence=None, outcome="true"),  # resolved, unscored
        _fake(speaker="Song Jiaming", confidence=0.9, outcome="open"),
        _fake(speaker="Analyst", confidence=0.6, outcome="true"),
        _fake(speaker="Nobody Resolved", confidence=0.6, outcome="open"),
        _fake(speaker="Rejected", confidence=0.9, outcome="true", review="rejected"),
    ]
    summary = summarise(items, date(2026, 12, 2))
    records = {s.label: s for s in summary.per_speaker}
    assert list(records) == ["Song Jiaming", "Analyst"]  # most resolved first; none: none
    song = records["Song Jiaming"]
    assert (song.resolved, song.scored) == (3, 2)
    assert song.brier == pytest.approx(((0.8 - 1) ** 2 + (0.7 - 0) ** 2) / 2)
    assert records["Analyst"].brier == pytest.approx(0.16)


def test_the_brier_score_splits_into_reliability_and_resolution():
    items = [_fake(confidence=0.8, outcome="true")] * 4 + [
        _fake(confidence=0.2, outcome="false")
    ] * 4
    s = score(items, author_probability)
    base = 0.5  # half came true
    assert s.reliability == pytest.approx((4 * 0.2**2 + 4 * 0.2**2) / 8)
    assert s.resolution == pytest.approx((4 * (1 - base) ** 2 + 4 * (0 - base) ** 2) / 8)
    uncertainty = base * (1 - base)
    assert s.brier == pytest.approx(s.reliability - s.resolution + uncertainty)


def test_proposals_not_yet_reviewed_are_counted_apart_and_not_tracked():
    from reader.core.export.ledger import ledger_markdown
    from reader.core.predictions.ledger import tracked

    items = [
        _fake(id=1, speaker="A", confidence=0.8, outcome="true"),
        _fake(id=2, speaker="B", confidence=0.9, outcome="open", review="proposed"),
        _fake(id=3, speaker="B", confidence=0.9, outcome="true", review="proposed"),
        _fake(id=4, outcome="open", review="rejected"),
    ]
    summary = summarise(items, date(2026, 12, 2))
    assert (summary.total, summary.open, summary.resolved, summary.proposed) == (1, 0, 1, 2)
    assert [s.label for s in summary.per_speaker] == ["A"]
    assert [p.id for p in tracked(items)] == [1]
    assert "1 prediction: 0 open, 0 due, 1 resolved; 2 proposals not yet reviewed." in (
        ledger_markdown(tracked(items), summary, {})
    )
