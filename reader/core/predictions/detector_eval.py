"""Precision and recall of the detector on labelled texts (tests/data/prediction_eval/)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from pathlib import Path

from reader.core.predictions.detector import detect


@dataclass(frozen=True)
class Score:
    true_positives: int
    false_positives: int
    false_negatives: int

    @property
    def precision(self) -> float:
        found = self.true_positives + self.false_positives
        return self.true_positives / found if found else 1.0

    @property
    def recall(self) -> float:
        wanted = self.true_positives + self.false_negatives
        return self.true_positives / wanted if wanted else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def __add__(self, other: Score) -> Score:
        return Score(
            self.true_positives + other.true_positives,
            self.false_positives + other.false_positives,
            self.false_negatives + other.false_negatives,
        )


def score_text(text: str, forecasts: list[str], made_on: str = "2025-11-20") -> Score:
    found = detect(text, made_on)
    spans = []
    for f in forecasts:
        start = text.index(f)
        spans.append((start, start + len(f)))
    hit = [any(d.start < e and s < d.end for s, e in spans) for d in found]
    matched = [any(d.start < e and s < d.end for d in found) for s, e in spans]
    return Score(sum(hit), len(hit) - sum(hit), len(matched) - sum(matched))


def load(folder: Path) -> dict[str, tuple[str, list[str], str]]:
    """name -> (text, forecasts, split) where split is 'tune' or 'held-out'."""
    out = {}
    for path in sorted(folder.glob("*.toml")):
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
        split = "held-out" if "held out" in raw.splitlines()[0] else "tune"
        out[path.stem] = (data["text"], data["forecasts"], split)
    return out
