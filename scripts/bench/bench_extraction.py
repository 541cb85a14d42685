"""Saved web pages: extracting a typical 200 KB news page, and importing 1,000 of them.

python scripts/bench/bench_extraction.py [--quick]

The page is tests/data/web/longform.html (194 KB: an article inside the usual chrome).
The batch imports a folder of distinct copies of it through the real main window
(offscreen), as File › Import Folder… does, and measures how long the window's event
loop was ever kept waiting (a 10 ms timer's longest gap) while the import ran.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PAGE = ROOT / "tests" / "data" / "web" / "longform.html"

COLD = r"""
import sys, time
from pathlib import Path
t0 = time.perf_counter()
from reader.core.ingest.importer import load
load(Path(sys.argv[1]))
print(f"{time.perf_counter() - t0:.4f}")
"""


def cold_extraction(runs: int) -> list[float]:
    """First page in a fresh process: includes importing the extractor (lxml, trafilatura)."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", COLD, str(PAGE)],
            check=True,
            capture_output=True,
            text=True,
            cwd=ROOT,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return times


def warm_extraction(runs: int) -> tuple[list[float], list[float]]:
    from reader.core.ingest.importer import load
    from reader.core.ingest.page_extract import extract_page

    page = PAGE.read_text(encoding="utf-8")
    load(PAGE)  # the extractor imported, caches warm
    extract, whole = [], []
    for _ in range(runs):
        t0 = time.perf_counter()
        extract_page(page)
        extract.append(time.perf_counter() - t0)
        t0 = time.perf_counter()
        load(PAGE)  # read, decode, extract, sanitise, canonical text
        whole.append(time.perf_counter() - t0)
    return extract, whole


def write_pages(folder: Path, count: int) -> None:
    page = PAGE.read_text(encoding="utf-8")
    for n in range(count):
        variant = page.replace("Inside the Race", f"Inside Race {n}").replace(
            "Two years ago,", f"Two years ago (part {n}),"
        )
        (folder / f"page-{n:04d}.html").write_text(variant, encoding="utf-8")
        files = folder / f"page-{n:04d}_files"  # as a browser saves them: skipped
        files.mkdir()
        (files / "app.js").write_text("alert(1)")


def batch_import(count: int) -> dict[str, float]:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from PySide6.QtCore import QElapsedTimer, QTimer
    from PySide6.QtWidgets import QApplication

    from reader.app import build_main_window

    app = QApplication.instance() or QApplication([])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "pages"
        folder.mkdir()
        write_pages(folder, count)
        window = build_main_window(Path(tmp) / "lib")
        window.show()
        app.processEvents()
        gaps: list[float] = []
        clock = QElapsedTimer()
        clock.start()
        last = [clock.elapsed()]

        def tick() -> None:
            now = clock.elapsed()
            gaps.append(now - last[0])
            last[0] = now

        timer = QTimer(interval=10, timeout=tick)
        timer.start()
        done: list = []
        window.controller.import_finished.connect(done.append)
        t0 = time.perf_counter()
        window.import_paths([folder])
        while not done:
            app.processEvents()
            time.sleep(0.002)
        total = time.perf_counter() - t0
        timer.stop()
        report = done[0]
        window.controller.session.close()
        window.close()
    if len(report.imported) != count:
        raise RuntimeError(f"imported {len(report.imported)} of {count}: {report.failed[:3]}")
    gaps.sort()
    return {
        "total": total,
        "per_page": total / count,
        "gap_max": gaps[-1] if gaps else 0.0,
        "gap_p99": gaps[int(len(gaps) * 0.99)] if gaps else 0.0,
    }


def hostile_captions() -> float:
    """Seconds to find captions in 10 MB of unclosed <figure>/<figcaption> tags."""
    from reader.core.ingest.web_images import captions

    unclosed = "<figure><img src='a.png'><figcaption>x</figcaption>" * 200_000
    one_figure = "<figure><img src='a.png'>" + "<figcaption>x" * 800_000 + "</figure>"
    t0 = time.perf_counter()
    captions(unclosed, "http://example.test/")
    captions(one_figure, "http://example.test/")
    return time.perf_counter() - t0


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    hostile = hostile_captions()
    cold = cold_extraction(3)
    extract, whole = warm_extraction(10 if quick else 30)
    count = 200 if quick else 1000
    batch = batch_import(count)
    kb = PAGE.stat().st_size / 1024
    return [
        (
            f"extract a {kb:.0f} KB news page (median)",
            f"{statistics.median(extract) * 1000:.0f} ms",
            "≤ 300 ms",
        ),
        (
            "import it: extract + sanitise + canonical text (median)",
            f"{statistics.median(whole) * 1000:.0f} ms",
            "≤ 300 ms",
        ),
        (
            "first page in a fresh process (imports the extractor)",
            f"{statistics.median(cold) * 1000:.0f} ms",
            "stated",
        ),
        (
            f"import {count} saved pages (folder, main window)",
            f"{batch['total']:.0f} s ({batch['per_page'] * 1000:.0f} ms/page)",
            "progress shown",
        ),
        (
            "window event loop during that import: longest wait (p99)",
            f"{batch['gap_max']:.0f} ms ({batch['gap_p99']:.0f} ms)",
            "responsive",
        ),
        (
            "captions of 10 MB of unclosed figure tags (linear scan)",
            f"{hostile * 1000:.0f} ms",
            "≤ 5 s",
        ),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
