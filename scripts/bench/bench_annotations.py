"""Highlights and predictions in the window: add, paint, ledger.

python scripts/bench/bench_annotations.py [--quick]
"""

from __future__ import annotations

import os
import random
import statistics
import sys
import tempfile
import time
from datetime import date
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


def _big_article(words: int, seed: int = 3) -> str:
    rng = random.Random(seed)
    vocab = [f"w{n}" for n in range(5000)]
    paragraphs = []
    while words > 0:
        n = min(words, rng.randint(60, 160))
        paragraphs.append(" ".join(rng.choices(vocab, k=n)) + ".")
        words -= n
    return "# Benchmark Article\n\n" + "\n\n".join(paragraphs)


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor
    from PySide6.QtTest import QTest
    from PySide6.QtWidgets import QApplication

    from reader.app import build_main_window
    from reader.core.models import Prediction, TextPositionSelector, TextQuoteSelector
    from reader.ui.predictions.ledger_dialog import LedgerDialog

    app = QApplication.instance() or QApplication([])
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        words = 20_000 if quick else 100_000
        source = folder / "big.md"
        source.write_text(_big_article(words), encoding="utf-8")
        window = build_main_window(folder / "lib")
        window.resize(1400, 900)
        window.show()
        session = window.controller.session
        article_id = session.library.import_file(source)
        window.controller.refresh()
        window.controller.open_article(article_id)
        article = window.controller.current
        text = article.plain_text
        rng = random.Random(5)
        n_highlights = 200 if quick else 1000
        with session.db.transaction():  # set-up only: one change, one index update
            for _ in range(n_highlights):
                start = rng.randrange(0, len(text) - 50)
                session.highlights.add(
                    article_id, text, start, start + rng.randint(10, 40), rng.randint(1, 5)
                )
        window.search.controller.shutdown()  # let the start-up index check finish first
        session.search.rebuild(session.documents)
        cold, warm = [], []
        for _ in range(5):
            session.highlights._memo.clear()
            window.reading_view._layer_cache.clear()
            t0 = time.perf_counter()
            window.highlights.refresh()
            app.processEvents()
            cold.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            window.highlights.refresh()
            app.processEvents()
            warm.append(time.perf_counter() - t0)
        label = f"open: re-anchor, list and paint {n_highlights} highlights ({words:,} words)"
        rows.append((label, f"{statistics.median(cold) * 1000:.0f} ms", "≤ 200 ms"))
        rows.append(
            (
                "refresh after a change (anchors cached)",
                f"{statistics.median(warm) * 1000:.0f} ms",
                "",
            )
        )
        view = window.reading_view
        adds = []
        for _ in range(15):
            start = rng.randrange(0, len(text) - 50)
            doc_start, doc_end = view.to_document(start, start + 20)
            cursor = QTextCursor(view.document())
            cursor.setPosition(doc_start)
            cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
            view.setTextCursor(cursor)
            t0 = time.perf_counter()
            QTest.keyClick(view, Qt.Key.Key_2)
            app.processEvents()
            adds.append(time.perf_counter() - t0)
        rows.append(
            (
                f"add a highlight: key press to stored and painted ({n_highlights} on page)",
                f"{statistics.median(adds) * 1000:.0f} ms",
                "≤ 30 ms",
            )
        )
        n_pred = 2000 if quick else 10_000
        now = "2026-01-01T00:00:00Z"
        items = [
            Prediction(
                id=0,
                uid=f"u{i}",
                article_id=article_id,
                quote=TextQuoteSelector(text[i * 10 % 5000 : i * 10 % 5000 + 20]),
                position=TextPositionSelector(i * 10 % 5000, i * 10 % 5000 + 20),
                statement=f"Statement {i}",
                speaker="Someone",
                resolve_by="2026-12-31",
                probability=rng.randint(0, 100),
                tags=(f"t{i % 12}",),
                outcome=rng.choice(["open", "true", "false"]),
                created_at=now,
                updated_at=now,
            )
            for i in range(n_pred)
        ]
        session.predictions.insert_many(items)
        opens = []
        for _ in range(5):
            t0 = time.perf_counter()
            dialog = LedgerDialog(
                window.predictions.controller, window.controller, window, today=date(2026, 11, 24)
            )
            dialog.show()
            app.processEvents()
            opens.append(time.perf_counter() - t0)
            dialog.close()
            dialog.deleteLater()
        rows.append(
            (
                f"open the ledger over {n_pred:,} predictions",
                f"{statistics.median(opens) * 1000:.0f} ms",
                "≤ 300 ms",
            )
        )
        window.close()
        session.close()
    return rows


if __name__ == "__main__":
    for row in run(quick="--quick" in sys.argv):
        print(" | ".join(row))
