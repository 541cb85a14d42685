"""The whole app at scale: 10,000 articles, 50,000 highlights, 5,000 predictions.

python scripts/bench/bench_scale.py [--quick]

The library comes from scale_library.py (cached in bench-data/scale/; the first run
builds it, which takes several minutes, most of it the search index). Each run is a
fresh process with the real main window (offscreen), measuring, in order: start-up to
the last-read article painted with the 10,001-article library listed; scrolling the
library list a page at a time; filtering it; searching; the All Highlights panel; the
ledger; exporting every annotated article as Markdown; and the process's memory (RSS)
with all that open and searched.
"""

from __future__ import annotations

import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

CHILD = r"""
import json, resource, sys, tempfile, time
t_launch = float(sys.argv[2])
from pathlib import Path
from PySide6.QtCore import QEvent, QEventLoop, QObject
from PySide6.QtWidgets import QApplication
from reader.app import build_main_window

app = QApplication([])
window = build_main_window(sys.argv[1])
out = {}

class Painted(QObject):
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint and "start" not in out:
            if window.reading_view.toPlainText() and window.library.panel.proxy.rowCount():
                out["start"] = time.time() - t_launch
        return False

watch = Painted()
window.reading_view.viewport().installEventFilter(watch)
window.resize(1400, 900)
window.show()
while "start" not in out:  # no app.exec()/quit(): the event loop must keep running after
    app.processEvents(QEventLoop.ProcessEventsFlag.WaitForMoreEvents, 50)
session = window.controller.session
out["articles"] = window.library.panel.proxy.rowCount()
out["opened"] = window.controller.current.id
out["last"] = max(session.library.articles.live_ids())

def clock(fn):
    t0 = time.perf_counter()
    fn()
    return time.perf_counter() - t0

# library list: a page down at a time, painted each time
view = window.library.panel.view
bar = view.verticalScrollBar()
steps = []
for _ in range(150):
    def page():
        bar.setValue(min(bar.maximum(), bar.value() + bar.pageStep()))
        view.viewport().repaint()
    steps.append(clock(page))
out["scroll"] = steps
bar.setValue(0)

def filter_library(text):
    window.library.panel.filter_box.setText(text)
    view.viewport().repaint()
out["filter"] = [clock(lambda t=t: filter_library(t)) for t in ("ka", "kalo", "")]

# search, through the controller, as typing does (worker thread, newest wins)
waited = time.perf_counter()
while not window.search.controller.ready:
    app.processEvents(); time.sleep(0.01)
out["index_ready_after_paint"] = time.perf_counter() - waited
sys.path.insert(0, sys.argv[3])
from scripts.bench.synthetic import vocabulary
vocab = vocabulary()
searches = []
for n, q in enumerate([vocab[300 + 97 * k] for k in range(8)] + [f"{vocab[400]} {vocab[900]}"]):
    loop = QEventLoop()
    got = []
    def done(result, query, got=got, loop=loop):
        got.append(result); loop.quit()
    window.search.controller.search_finished.connect(done)
    t0 = time.perf_counter()
    window.search.controller.search_now(q)
    if not got:
        loop.exec()
    searches.append(time.perf_counter() - t0)
    window.search.controller.search_finished.disconnect(done)
out["search"] = searches

# typing in the search box, a key every 150 ms: from each key to results painted for
# that text or a newer one (search as you type, through the window's own box)
from PySide6.QtCore import Qt
from PySide6.QtTest import QTest
box, results = window.search.panel.box, window.search.panel.results
typed_at: list[tuple[str, float]] = []
latencies = []
def painted(result, query):
    results.viewport().repaint()
    now = time.perf_counter()
    for text, at in list(typed_at):
        if query.startswith(text.strip()):
            latencies.append(now - at)
            typed_at.remove((text, at))
window.search.controller.search_finished.connect(painted)
for word in [vocab[350 + 131 * k] for k in range(6)]:
    box.clear()
    app.processEvents()
    for n in range(1, len(word) + 1):
        typed_at.append((word[:n], time.perf_counter()))
        QTest.keyClick(box, word[n - 1])
        deadline = time.perf_counter() + 0.15
        while time.perf_counter() < deadline:
            app.processEvents(); time.sleep(0.002)
    deadline = time.perf_counter() + 5
    while typed_at and time.perf_counter() < deadline:
        app.processEvents(); time.sleep(0.002)
    typed_at.clear()
window.search.controller.search_finished.disconnect(painted)
out["keystroke"] = latencies

# All Highlights: raise the tab, rows listed and painted
panel = window.highlights.all_panel
def all_highlights():
    window.highlights.all_dock.raise_()
    app.processEvents()
    panel.view.viewport().repaint()
out["all_highlights_first"] = [clock(all_highlights)]
out["all_highlights_rows"] = panel.model.rowCount()
def refresh():
    window.highlights.refresh_library_wide()
    panel.view.viewport().repaint()
out["all_highlights"] = [clock(refresh) for _ in range(3)]

# the ledger
from datetime import date
from reader.ui.predictions.ledger_dialog import LedgerDialog
def ledger():
    predictions = window.predictions.controller
    dialog = LedgerDialog(predictions, window.controller, window, today=date(2026, 11, 25))
    dialog.show()
    app.processEvents()
    dialog.close()
    dialog.deleteLater()
out["ledger"] = [clock(ledger) for _ in range(3)]

# export every annotated article (the Export dialog's "whole library" does this)
def export():
    with tempfile.TemporaryDirectory() as tmp:
        ids = window.export.all_ids()
        written = window.export.export(ids, Path(tmp), ExportOptions())
        assert written and len(written) == len(ids), "export failed"
from reader.core.export import ExportOptions
out["export"] = [clock(export)]

for line in open("/proc/self/status"):
    if line.startswith("VmRSS:"):
        out["rss_mb"] = int(line.split()[1]) / 1024
out["peak_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
window.search.controller.shutdown()
session.close()
print("RESULT " + json.dumps(out), flush=True)
"""


def one_run(folder: Path) -> dict:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    t0 = time.time()
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(folder), str(t0), str(ROOT)],
        env=env,
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=1800,
    )
    for line in done.stdout.splitlines():
        if line.startswith("RESULT "):
            return json.loads(line.removeprefix("RESULT "))
    raise RuntimeError(f"scale run failed: {done.stderr[-2000:]}")


def _p90(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(0.9 * len(ordered)))] if ordered else 0.0


def ms(values: list[float]) -> str:
    return f"{statistics.median(values) * 1000:.0f} ms"


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    from scripts.bench.scale_library import DEFAULT, build

    t0 = time.perf_counter()
    folder = build(DEFAULT, log=lambda m: print(m, file=sys.stderr))
    print(f"[scale library ready in {time.perf_counter() - t0:.0f} s]", file=sys.stderr)
    runs = [one_run(folder) for _ in range(1 if quick else 3)]
    first = runs[0]
    if first["opened"] != first["last"] or first["articles"] < 10_000:
        raise RuntimeError(f"the window did not open the last article: {first}")
    scroll = [s for r in runs for s in r["scroll"]]
    gather = lambda key: [v for r in runs for v in r[key]]  # noqa: E731
    return [
        (
            "start-up to the last article painted, 10,001 listed (median)",
            ms([r["start"] for r in runs]),
            "≤ 800 ms (cold start)",
        ),
        (
            "library list: one page down, painted (median / max)",
            f"{ms(scroll)} / {max(scroll) * 1000:.0f} ms",
            "≤ 16 ms (smooth)",
        ),
        ("library list: filter by title as typed (median)", ms(gather("filter")), "≤ 100 ms"),
        (
            "search index checked after first paint (in the background; searches run meanwhile)",
            ms([r["index_ready_after_paint"] for r in runs]),
            "off the start-up path",
        ),
        ("search: a term or two, result delivered (median)", ms(gather("search")), "≤ 30 ms"),
        (
            "search as you type: a key to results painted (median / p90)",
            f"{ms(gather('keystroke'))} / {_p90(gather('keystroke')) * 1000:.0f} ms",
            "≤ 50 ms",
        ),
        (
            f"All Highlights: first opened, {first['all_highlights_rows']:,} rows listed, painted",
            ms(gather("all_highlights_first")),
            "≤ 300 ms",
        ),
        ("All Highlights: listed again after a change", ms(gather("all_highlights")), "≤ 300 ms"),
        ("ledger over 5,000 predictions (+ curated)", ms(gather("ledger")), "≤ 300 ms"),
        (
            "export 50,000 highlights + 5,000 predictions (10,001 articles)",
            ms(gather("export")),
            "≤ 1 s per 10,000 highlights",
        ),
        (
            "memory (RSS) with all that open and searched: now / peak",
            f"{max(r['rss_mb'] for r in runs):.0f} / {max(r['peak_rss_mb'] for r in runs):.0f} MB",
            "≤ 400 MB",
        ),
    ]


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
