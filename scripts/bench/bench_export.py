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

from reader.core.export import ExportOptions, export_articles, render_markdown  # noqa: E402
from reader.core.exporter import collect, export_folder  # noqa: E402
from reader.core.models import (  # noqa: E402
    Article,
    ColorSlot,
    Highlight,
    Prediction,
    TextPositionSelector,
    TextQuoteSelector,
)
from reader.core.services import open_services  # noqa: E402
from scripts.bench.synthetic import articles  # noqa: E402


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    n_articles, n_high, n_pred = (20, 2000, 200) if quick else (100, 10_000, 1_000)
    rng = random.Random(11)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        s = open_services(folder / "lib", first_run=False)
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
        ),
        *run_core(quick),
    ]


def _core_library(n_articles: int, n_high: int, n_pred: int) -> list:
    """In-memory articles (a heading every 4 paragraphs) with highlights and predictions."""
    rng = random.Random(13)
    library = []
    for n, title, body in articles(n_articles, words=1200):
        blocks, html = [], []
        for i, para in enumerate(body.split("\n")):
            if i % 4 == 0:
                blocks.append(f"Section {i // 4 + 1}")
                html.append(f"<h2>Section {i // 4 + 1}</h2>")
            blocks.append(para)
            html.append(f"<p>{para}</p>")
        plain = "\n".join(blocks)
        a = Article(
            n,
            f"{n:08x}-0000-4000-8000-{n:012x}",
            f"a{n}",
            title,
            ("A. Writer",),
            (),
            "Bench",
            f"https://example.org/{n}",
            "en",
            "2026-01-01T00:00:00Z",
            None,
            len(plain.split()),
            "markdown",
            body,
            "".join(html),
            plain,
            "",
        )
        library.append((a, [], []))
    for k in range(n_high + n_pred):
        a, hs, ps = library[k % n_articles]
        start = rng.randrange(0, len(a.plain_text) - 80)
        end = start + rng.randint(20, 80)
        quote = TextQuoteSelector(a.plain_text[start:end])
        span = TextPositionSelector(start, end)
        uid = f"{k:08x}-1111-4222-8333-{k:012x}"
        if k < n_high:
            note = "a note" if k % 3 == 0 else ""
            hs.append(Highlight(k, uid, a.id, 1 + k % 5, quote, span, note, ("t1", "big idea")))
        else:
            ps.append(
                Prediction(
                    k,
                    uid,
                    a.id,
                    quote,
                    span,
                    "It will happen.",
                    tags=("p",),
                    probability=k % 100,
                    note="why",
                )
            )
    return library


def run_core(quick: bool = False) -> list[tuple[str, str, str]]:
    """reader.core.export (Qt-free, store-free): render and write one file per article."""
    n_articles, n_high, n_pred = (20, 2000, 200) if quick else (100, 10_000, 1_000)
    library = _core_library(n_articles, n_high, n_pred)
    colors = [ColorSlot(i, f"Colour {i}", "#000000") for i in range(1, 6)]
    stamp = "2026-01-01T00:00:00Z"
    render_times, write_times = [], []
    with tempfile.TemporaryDirectory() as tmp:
        for run_n in range(5):
            t0 = time.perf_counter()
            for a, hs, ps in library:
                render_markdown(a, hs, ps, colors, ExportOptions(), stamp)
            render_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            # into the same folder each time after the first: re-export with merge
            export_articles(library, Path(tmp) / f"out{min(run_n, 1)}", colors=colors)
            write_times.append(time.perf_counter() - t0)
    label = f"{n_high:,} highlights + {n_pred:,} predictions ({n_articles} articles)"
    return [
        (f"core render {label}", f"{statistics.median(render_times) * 1000:.0f} ms", "≤ 1 s"),
        (
            f"core export to files {label}",
            f"{statistics.median(write_times) * 1000:.0f} ms",
            "≤ 1 s",
        ),
    ]


if __name__ == "__main__":
    rows = run_core if "--core" in sys.argv else run
    for row in rows(quick="--quick" in sys.argv):
        print(" | ".join(row))
