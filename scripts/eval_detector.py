"""Print the prediction detector's precision and recall on the labelled set and the interview.

.venv/bin/python scripts/eval_detector.py
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.bundled import load_bundled  # noqa: E402
from reader.core.predictions.curated import load_curated  # noqa: E402
from reader.core.predictions.detector import detect  # noqa: E402
from reader.core.predictions.detector_eval import Score, load, score_text  # noqa: E402


def main() -> None:
    totals: dict[str, Score] = {}
    for name, (text, forecasts, split) in load(ROOT / "tests/data/prediction_eval").items():
        s = score_text(text, forecasts)
        totals[split] = totals.get(split, Score(0, 0, 0)) + s
        print(
            f"{name:24} {split:9} P {s.precision:.2f}  R {s.recall:.2f}  "
            f"(tp {s.true_positives}, fp {s.false_positives}, fn {s.false_negatives})"
        )
    for split, s in totals.items():
        print(f"{'ALL ' + split:34} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}")
    doc = load_bundled()
    curated = [c.exact for c in load_curated("luma-interview")]
    s = score_text(doc.plain_text, curated)
    print(f"{'interview vs curated':34} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}")
    big = (doc.plain_text + "\n") * 4  # about 10,600 words
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        detect(big, "2025-11-20")
        times.append(time.perf_counter() - t0)
    words = len(big.split())
    print(f"detection over {words:,} words: {sorted(times)[2] * 1000:.0f} ms (median of 5)")


if __name__ == "__main__":
    main()
