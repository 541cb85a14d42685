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
from reader.core.predictions.detector_eval import (  # noqa: E402
    careful_reader,
    evaluate,
    load,
    score_text,
)


def main() -> None:
    folder = ROOT / "tests/data/prediction_eval"
    for name, item in load(folder).items():
        s = score_text(item.text, item.forecasts)
        split = f"{item.split}{' (real)' if item.real else ''}"
        print(
            f"{name:26} {split:16} P {s.precision:.2f}  R {s.recall:.2f}  "
            f"(tp {s.true_positives}, fp {s.false_positives}, fn {s.false_negatives})"
        )
    for group, (s, a) in evaluate(folder).items():
        print(
            f"{'ALL ' + group:43} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}  "
            f"speaker right {a.right}/{a.found}"
        )
    doc = load_bundled()
    curated = [c.exact for c in load_curated("luma-interview")]
    s = score_text(doc.plain_text, curated)
    print(f"{'interview vs curated':34} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}")
    s = score_text(doc.plain_text, careful_reader(folder))
    print(
        f"{'interview vs a careful reader':34} P {s.precision:.2f}  R {s.recall:.2f}  F1 {s.f1:.2f}"
    )
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
