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


@dataclass(frozen=True)
class Attribution:
    right: int
    found: int  # forecasts found (their speaker can be judged)

    @property
    def accuracy(self) -> float:
        return self.right / self.found if self.found else 1.0

    def __add__(self, other: Attribution) -> Attribution:
        return Attribution(self.right + other.right, self.found + other.found)


def attribution(text: str, forecasts: list[str], speakers: dict[str, str]) -> Attribution:
    """Of the forecasts found, how many go to the speaker the label names (the article's
    own voice, "", where it names none)."""
    found = detect(text, "2025-11-20")
    right = judged = 0
    for f in forecasts:
        start = text.index(f)
        hit = next((d for d in found if d.start < start + len(f) and start < d.end), None)
        if hit is None:
            continue
        judged += 1
        right += hit.speaker.casefold() == speakers.get(f, "").casefold()
    return Attribution(right, judged)


def score_text(text: str, forecasts: list[str], made_on: str = "2025-11-20") -> Score:
    found = detect(text, made_on)
    spans = []
    for f in forecasts:
        start = text.index(f)
        spans.append((start, start + len(f)))
    hit = [any(d.start < e and s < d.end for s, e in spans) for d in found]
    matched = [any(d.start < e and s < d.end for d in found) for s, e in spans]
    return Score(sum(hit), len(hit) - sum(hit), len(matched) - sum(matched))


@dataclass(frozen=True)
class Labelled:
    text: str
    forecasts: list[str]
    split: str  # "tune", "held-out" or "held-out-2" (a later test half)
    real: bool  # text no one here wrote (else written for the detector)
    speakers: dict[str, str]  # forecast -> who makes it, where the text names someone


def _split(first_line: str) -> str:
    """The split a file's first line names (tests/data/prediction_eval/LABELLING.md)."""
    if "held out, second" in first_line:
        return "held-out-2"
    return "held-out" if "held out" in first_line else "tune"


def load(folder: Path) -> dict[str, Labelled]:
    out = {}
    for path in sorted(folder.glob("*.toml")):
        raw = path.read_text(encoding="utf-8")
        data = tomllib.loads(raw)
        first = raw.splitlines()[0]
        out[path.stem] = Labelled(
            data["text"],
            data["forecasts"],
            _split(first),
            "real text" in first,
            dict(data.get("speakers", {})),
        )
    return out


def evaluate(folder: Path) -> dict[str, tuple[Score, Attribution]]:
    """Scores and attribution by group: each split whole ("tune", "held-out") and each
    split's real texts alone ("tune, real", "held-out, real")."""
    out: dict[str, tuple[Score, Attribution]] = {}
    for item in load(folder).values():
        s = score_text(item.text, item.forecasts)
        a = attribution(item.text, item.forecasts, item.speakers)
        groups = [item.split] + ([f"{item.split}, real"] if item.real else [])
        for group in groups:
            score, attributed = out.get(group, (Score(0, 0, 0), Attribution(0, 0)))
            out[group] = (score + s, attributed + a)
    return out


def careful_reader(folder: Path) -> list[str]:
    """The bundled interview's forecasts as a careful reader marks them, weaker ones
    included (folder/interview/careful-reader.toml)."""
    path = folder / "interview" / "careful-reader.toml"
    return list(tomllib.loads(path.read_text(encoding="utf-8"))["forecasts"])
