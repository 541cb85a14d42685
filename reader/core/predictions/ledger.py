"""Scoring resolved predictions: Brier score and calibration, overall, per tag, and per
person quoted (their track record, by the confidence the text gave their forecasts).

Convention: the binary Brier score, mean of (p - o)^2 with p the forecast probability
in [0, 1] and o = 1 if it came true, 0 if it came false: 0 is perfect, 0.25 is what
always saying 50% earns, 1 is always certain and always wrong. Predictions resolved
"partly" or "can't tell", and those without a probability, are left out of the score.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date

from reader.core.models import Prediction
from reader.core.predictions.service import is_due

SCORED_OUTCOMES = {"true": 1.0, "false": 0.0}


@dataclass(frozen=True)
class Bucket:
    low: int  # percent, inclusive
    high: int  # percent, inclusive for the last bucket
    count: int
    mean_forecast: float  # 0..1
    observed: float  # share that came true, 0..1


@dataclass(frozen=True)
class Score:
    label: str
    scored: int
    brier: float | None
    buckets: tuple[Bucket, ...]
    # Murphy's split of the Brier score over the buckets: brier ≈ reliability -
    # resolution + uncertainty. Reliability: how far forecasts sit from what happened
    # (lower is better); resolution: how much forecasts tell outcomes apart (higher).
    reliability: float | None = None
    resolution: float | None = None
    resolved: int = 0  # resolved predictions counted (scored or not: no probability)


@dataclass(frozen=True)
class LedgerSummary:
    total: int
    open: int
    due: int
    resolved: int
    yours: Score  # the reader's own probabilities
    authors: Score  # the confidence the text itself expressed
    per_tag: tuple[Score, ...]
    per_speaker: tuple[Score, ...] = ()  # the people quoted, by the confidence they expressed
    proposed: int = 0  # the detector's proposals not yet reviewed (not tracked, not scored)


def user_probability(p: Prediction) -> float | None:
    return None if p.probability is None else p.probability / 100


def author_probability(p: Prediction) -> float | None:
    return p.confidence


def score(
    items: Iterable[Prediction],
    prob: Callable[[Prediction], float | None],
    label: str = "",
    bins: int = 10,
) -> Score:
    items = list(items)
    pairs = [
        (f, SCORED_OUTCOMES[p.outcome])
        for p in items
        if p.outcome in SCORED_OUTCOMES and (f := prob(p)) is not None
    ]
    resolved = sum(p.outcome != "open" for p in items)
    if not pairs:
        return Score(label, 0, None, (), resolved=resolved)
    brier = sum((f - o) ** 2 for f, o in pairs) / len(pairs)
    width = 100 // bins
    binned: dict[int, list[tuple[float, float]]] = {}
    for f, o in pairs:  # 0-9, 10-19, … 90-100 (the last takes 100 too)
        binned.setdefault(min(round(f * 100) // width, bins - 1), []).append((f, o))
    buckets = []
    for b, inside in sorted(binned.items()):
        low, high = b * width, (b + 1) * width - (0 if b == bins - 1 else 1)
        buckets.append(
            Bucket(
                low,
                high,
                len(inside),
                sum(f for f, _ in inside) / len(inside),
                sum(o for _, o in inside) / len(inside),
            )
        )
    n, base = len(pairs), sum(o for _, o in pairs) / len(pairs)
    reliability = sum(b.count * (b.mean_forecast - b.observed) ** 2 for b in buckets) / n
    resolution = sum(b.count * (b.observed - base) ** 2 for b in buckets) / n
    return Score(label, n, brier, tuple(buckets), reliability, resolution, resolved)


def tracked(items: list[Prediction]) -> list[Prediction]:
    """What the ledger tracks: the reader's predictions and the proposals they accepted
    (a proposal not yet reviewed is not a prediction yet)."""
    return [p for p in items if p.review == "confirmed"]


def summarise(items: list[Prediction], today: date) -> LedgerSummary:
    live = tracked(items)
    by_tag: dict[str, list[Prediction]] = {}
    by_speaker: dict[str, list[Prediction]] = {}
    for p in live:  # one pass, whatever the number of tags and speakers
        for t in p.tags:
            by_tag.setdefault(t, []).append(p)
        if p.speaker:
            by_speaker.setdefault(p.speaker, []).append(p)
    per_tag = tuple(
        s
        for t, tagged in sorted(by_tag.items())
        if (s := score(tagged, user_probability, t)).scored
    )
    per_speaker = tuple(
        s
        for who, theirs in sorted(by_speaker.items())
        if (s := score(theirs, author_probability, who)).resolved
    )
    return LedgerSummary(
        total=len(live),
        open=sum(p.outcome == "open" for p in live),
        due=sum(is_due(p, today) for p in live),
        resolved=sum(p.outcome != "open" for p in live),
        yours=score(live, user_probability, "You"),
        authors=score(live, author_probability, "The article"),
        per_tag=per_tag,
        per_speaker=tuple(sorted(per_speaker, key=lambda s: (-s.resolved, s.label))),
        proposed=sum(p.review == "proposed" for p in items),
    )
