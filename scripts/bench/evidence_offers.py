"""How often "possible evidence" offers are right, at several thresholds.

python scripts/bench/evidence_offers.py

A fresh library with the bundled interview (13 curated predictions) and the 16 short
articles of tests/data/evidence_library/ (8 bear on one or more of the predictions, 8 on
none; tests/data/evidence_library/labels.toml says which). Each article is imported as a
user saves one and offered the predictions it may bear on. An offer is right when the
labels list that prediction for that article. Precision: right offers / offers made.
Recall: bearing articles that got at least one right offer / bearing articles.
"""

from __future__ import annotations

import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
LIBRARY = ROOT / "tests" / "data" / "evidence_library"
THRESHOLDS = (0.3, 0.4, 0.5, 0.6, 0.7)


@dataclass(frozen=True)
class OfferScore:
    threshold: float
    offers: int
    right: int
    articles_found: int  # bearing articles with at least one right offer
    bearing: int  # articles that bear on some prediction

    @property
    def precision(self) -> float:
        return self.right / self.offers if self.offers else 1.0

    @property
    def recall(self) -> float:
        return self.articles_found / self.bearing if self.bearing else 1.0


def measure(folder: Path, thresholds=THRESHOLDS) -> list[OfferScore]:
    """Build the library in `folder` and score the offers at each threshold."""
    from reader.core.session import open_session

    labels: dict[str, list[str]] = tomllib.loads((LIBRARY / "labels.toml").read_text())["bears"]
    session = open_session(folder)
    try:
        statements = {p.id: p.statement for p in session.predictions.for_article(1)}
        wanted: dict[int, set[int]] = {}
        for name, starts in labels.items():
            [summary] = session.library.import_paths([LIBRARY / name]).imported
            wanted[summary.id] = {
                pid for pid, s in statements.items() if any(s.startswith(x) for x in starts)
            }
        session.search.catch_up(session.documents)
        scores = []
        for threshold in thresholds:
            offers = session.possible_evidence(list(wanted), threshold)
            right = [o for o in offers if o.prediction_id in wanted[o.article_id]]
            bearing = [a for a, ps in wanted.items() if ps]
            found = {o.article_id for o in right}
            scores.append(OfferScore(threshold, len(offers), len(right), len(found), len(bearing)))
        return scores
    finally:
        session.close()


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    with tempfile.TemporaryDirectory() as tmp:
        scores = measure(Path(tmp))
    return [
        (
            f"possible-evidence offers at threshold {s.threshold}: precision / recall",
            f"{s.precision:.2f} / {s.recall:.2f} ({s.right} of {s.offers} offers right; "
            f"{s.articles_found} of {s.bearing} bearing articles found)",
            "stated",
        )
        for s in scores
    ]


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
