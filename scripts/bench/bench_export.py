"""Exporting a library with 10,000 highlights and 1,000 predictions as Markdown.

python scripts/bench/bench_export.py [--quick]
"""

from __future__ import annotations

import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reader.core.export import collect, export_folder  # noqa: E402
from reader.core.models import Prediction  # noqa: E402
from reader.core.session import open_session  # noqa: E402
from scripts.bench.synthetic import articles  # noqa: E402


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    n_articles, n_high, n_pred = (20, 2000, 200) if quick else (100, 10_000, 1_000)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        s = open_session(folder / "lib", first_run=False)
        for n, title, body in articles(n_articles, words=1200):
            path = folder / f"a{n}.md"
            path.write_text(f"# {title}\n\n{body}\n", encoding="utf-8")
            s.library.import_file(path)
        ids = s.library.articles.live_ids()
        texts = {i: s.library.get(i).plain_text for i in ids}
        for k in range(n_high):
            aid = ids[k % len(ids)]
            start = rng.randrange(0, len(texts[aid]) - 60)
            s.highlights.add(
                aid,
                texts[aid],
                start,
                start + rng.randint(20, 60),
                rng.randint(1, 5),
                "a note" if k % 3 == 0 else "",
                ["t1"],
            )
        preds = []
        for k in range(n_pred):
            aid = ids[k % len(ids)]
            p = s.predictions.add(aid, texts[aid], 10 + k % 50, 60 + k % 50, tags=["p"])
            preds.append(p)
        times = []
        for run_n in range(3):
            t0 = time.perf_counter()
            items = [collect(s.library, s.highlights, s.predictions, i) for i in ids]
            export_folder(items, folder / f"out{run_n}", s.highlights.colors())
            times.append(time.perf_counter() - t0)
        s.close()
    assert isinstance(preds[0], Prediction)
    return [
        (
            f"export {n_high:,} highlights + {n_pred:,} predictions ({n_articles} files)",
            f"{statistics.median(times) * 1000:.0f} ms",
            "≤ 1 s",
        )
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
