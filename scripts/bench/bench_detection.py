"""The prediction detector: its speed, and its precision and recall (predictions issue).

python scripts/bench/bench_detection.py
"""

from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.core.ingest.bundled import load_bundled  # noqa: E402
from reader.core.predictions.curated import load_curated  # noqa: E402
from reader.core.predictions.detector import detect  # noqa: E402
from reader.core.predictions.detector_eval import (  # noqa: E402
    Score,
    careful_reader,
    evaluate,
    score_text,
)


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    labelled = ROOT / "tests/data/prediction_eval"
    groups = evaluate(labelled)
    doc = load_bundled()
    interview = score_text(doc.plain_text, [c.exact for c in load_curated("luma-interview")])
    careful = score_text(doc.plain_text, careful_reader(labelled))
    big = (doc.plain_text + "\n") * 4  # about 10,600 words
    times = []
    for _ in range(5):
        t0 = time.perf_counter()
        detect(big, "2025-11-20")
        times.append(time.perf_counter() - t0)
    rows = [
        (
            f"detect predictions in a {len(big.split()):,}-word article (median of 5)",
            f"{statistics.median(times) * 1000:.0f} ms",
            "≤ 200 ms",
        )
    ]
    for group, (s, a) in groups.items():
        rows.append((f"detector on the {group} set: precision / recall", _pr(s), "stated"))
        rows.append((f"  speaker right on the {group} set", f"{a.right} / {a.found}", "stated"))
    rows.append(("detector on the interview vs its curated set", _pr(interview), "stated"))
    rows.append(("detector on the interview vs a careful reader", _pr(careful), "stated"))
    rows.append(_book_length(quick))
    return rows


def _book_length(quick: bool) -> tuple[str, str, str]:
    """A text of a million words or so with "will" in most sentences (a stress, not an
    article), imported into a new library: extraction, proposals, anchoring, the index."""
    import random
    import tempfile

    from reader.core.session import open_session

    rng = random.Random(7)
    words = ["market", "prices", "will", "fall", "rise", "studio", "analysts", "forecast"]
    paragraphs = 4_000 if quick else 40_000
    text = "\n\n".join(
        " ".join(rng.choice(words) for _ in range(30)).capitalize() + f". Paragraph {i} ends."
        for i in range(paragraphs)
    )
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "book.txt"
        path.write_text("A book of forecasts\n\n" + text, encoding="utf-8")
        session = open_session(Path(folder) / "library")
        try:
            t0 = time.perf_counter()
            article_id = session.library.import_file(path)
            took = time.perf_counter() - t0
            kept = len(session.predictions.for_article(article_id))
        finally:
            session.close()
    return (
        f"import a {len(text.split()):,}-word text of forecasts ({kept} proposed; index apart)",
        f"{took:.1f} s",
        "stated",
    )


def _pr(s: Score) -> str:
    return f"{s.precision:.2f} / {s.recall:.2f}"


if __name__ == "__main__":
    for row in run():
        print(" | ".join(row))
