"""A whole session in the real window, with screenshots along the way.

Offscreen in CI; under a real X server with `bash scripts/e2e.sh` (Xvfb), which keeps
the screenshots in screenshots/e2e/ to look at.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QCoreApplication, QPoint, Qt

from reader.core.annotations.highlights import HighlightFilter
from reader.core.predictions.service import PredictionFilter
from reader.ui.export.dialog import ExportDialog
from tests.ui.test_highlights_ui import select

QUOTE = "I think these abilities will eventually appear in the visual and video modalities"


def test_a_whole_session_survives_a_restart(make_window, qtbot, data_dir, tmp_path):
    shots = Path(os.environ.get("READER_SCREENSHOTS", tmp_path / "shots"))
    shots.mkdir(parents=True, exist_ok=True)
    window = make_window()
    window.resize(1500, 950)

    def shot(name: str) -> None:
        QCoreApplication.processEvents()  # what was asked for is laid out and painted
        assert window.grab().save(str(shots / f"{name}.png"))

    shot("1-opened")
    assert window.controller.current.slug == "luma-ai-chief-scientist-interview"

    qtbot.waitUntil(lambda: window.search.controller.ready, timeout=20000)
    window.search.focus()
    with qtbot.waitSignal(
        window.search.controller.search_finished,
        timeout=10000,
        check_params_cb=lambda _result, query: query == "video reasoning",
    ):
        qtbot.keyClicks(window.search.panel.box, "video reasoning")
    qtbot.keyClick(window.search.panel.box, Qt.Key.Key_Down)
    qtbot.keyClick(window.search.panel.results, Qt.Key.Key_Return)
    assert window.reading.matches.ranges
    shot("2-searched")

    select(window, "This goal also requires greater computing power")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    [h] = window.controller.session.highlights.query(HighlightFilter())
    editor = window.highlights.editor
    editor.open_for(h, [], window.mapToGlobal(QPoint(600, 300)))
    qtbot.keyClicks(editor.note_edit, "Compute is the moat.")
    editor.tag_edit.setText("compute")
    editor.flush()
    shot("3-highlighted")
    editor.hide()

    select(window, QUOTE)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_P)
    user = [
        p
        for p in window.controller.session.predictions.query(PredictionFilter())
        if p.source == "user"
    ]
    assert len(user) == 1
    form = window.predictions.panel.editor
    form.stance.setCurrentIndex(form.stance.findData("agree"))
    form.probability.setValue(65)
    shot("4-predicted")

    dialog = ExportDialog(window.export, window.controller.current.id, window.state.qs, window)
    qtbot.addWidget(dialog)
    dialog.folder.setText(str(tmp_path / "vault"))
    dialog.show()
    assert dialog.grab().save(str(shots / "5-export.png"))
    dialog.export_button.click()
    [exported] = dialog.written
    text = exported.read_text()
    assert "Compute is the moat." in text and "probability 65%" in text

    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    again.resize(1500, 950)
    [h2] = again.controller.session.highlights.query(HighlightFilter())
    assert (h2.note, h2.tags, h2.color) == ("Compute is the moat.", ("compute",), 2)
    [p2] = [
        p
        for p in again.controller.session.predictions.query(PredictionFilter())
        if p.source == "user"
    ]
    assert (p2.stance, p2.probability, p2.speaker) == ("agree", 65, "Song Jiaming")
    QCoreApplication.processEvents()
    assert again.grab().save(str(shots / "6-restarted.png"))
