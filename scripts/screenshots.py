"""Drive the real window through a short session and save screenshots.

xvfb-run -a -s "-screen 0 1600x1000x24" .venv/bin/python scripts/screenshots.py OUT_DIR
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtGui import QTextCursor
from PySide6.QtWidgets import QApplication

from reader.app import build_main_window


def select(window, phrase: str) -> None:
    view, text = window.reading_view, window.controller.current.plain_text
    start = text.index(phrase)
    doc_start, doc_end = view.to_document(start, start + len(phrase))
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_start)
    cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    app = QApplication(sys.argv[:1])
    window = build_main_window(tempfile.mkdtemp(prefix="reader-shots-"))
    window.resize(1500, 950)
    window.show()
    steps = []

    def shot(name: str):
        def take():
            app.processEvents()
            window.grab().save(str(out / f"{name}.png"))

        return take

    def highlight():
        for phrase, color in (
            (
                "Ray 3 is likely to be Luma's last generation of traditional "
                "video-generation models",
                4,
            ),
            ('The company has established the "unified multimodal model"', 1),
            ("This goal also requires greater computing power", 2),
        ):
            select(window, phrase)
            window.highlights.highlight_selection(color)
        first = window.highlights.controller.query(
            __import__(
                "reader.core.annotations.highlights", fromlist=["HighlightFilter"]
            ).HighlightFilter()
        )
        window.highlights.controller.set_note(
            first[-1].id, "Their own forecast about their own roadmap."
        )
        window.highlights.controller.set_tags(first[-1].id, ["luma-strategy"])
        text = window.controller.current.plain_text
        window.reading_view.scroll_to_range(
            text.index("In September this year"), text.index("In September this year") + 10
        )

    def predictions():
        select(
            window,
            "He believes that the video-generation model will also experience the same "
            "convergence process next year.",
        )
        window.predictions.mark_selection()

    def ledger():
        from reader.ui.predictions.ledger_dialog import LedgerDialog

        dialog = LedgerDialog(window.predictions.controller, window.controller, window)
        dialog.show()
        dialog.tabs.setCurrentIndex(1)
        app.processEvents()
        dialog.grab().save(str(out / "ledger.png"))
        dialog.close()

    def search():
        window.search.focus()
        window.search.panel.box.setText("unified multimodal")
        window.search.controller.search_now("unified multimodal")

    def open_hit():
        hits = window.search.panel.model.hits()
        if hits:
            window.search.open_hit(hits[0])

    def export():
        from reader.ui.export.dialog import ExportDialog

        dialog = ExportDialog(window.export, window.controller.current.id, window.state.qs, window)
        dialog.show()
        app.processEvents()
        dialog.grab().save(str(out / "06-export.png"))
        dialog.close()

    def dark():
        window.set_theme("dark")

    steps = [
        shot("01-interview"),
        highlight,
        shot("02-highlights"),
        predictions,
        shot("03-predictions"),
        ledger,
        search,
        open_hit,
        shot("05-search"),
        export,
        dark,
        shot("04-dark"),
        app.quit,
    ]
    for n, step in enumerate(steps):
        QTimer.singleShot(600 + 500 * n, step)
    app.exec()
    window.close()


if __name__ == "__main__":
    main(Path(sys.argv[1] if len(sys.argv) > 1 else "screenshots"))
