"""Work off the UI thread: when the window closes, what still runs is asked to stop and
waited for, so the program never exits with an import cut off half-way."""

from __future__ import annotations

import threading
import time

from reader.ui.common.operations import Operation, wind_down


def test_wind_down_stops_running_work_at_its_next_step_and_waits_for_it(qapp):
    steps, started = [], threading.Event()

    def work(progress):
        started.set()
        while not operation.cancelled:  # a long import, file after file
            steps.append(1)
            time.sleep(0.01)
        time.sleep(0.2)  # the file it is on, finished
        steps.append("ended")
        return len(steps)

    operation = Operation(work).start()
    assert started.wait(5)
    assert wind_down(5000) is True
    assert steps[-1] == "ended"  # waited for: not cut off


def test_a_single_file_import_says_so_while_it_works(make_window, qtbot, tmp_path):
    from PySide6.QtWidgets import QProgressDialog

    window = make_window()
    path = tmp_path / "book.txt"
    path.write_text("A long book\n\n" + "Words of a long book go on and on. " * 20_000)
    with qtbot.waitSignal(window.controller.import_finished, timeout=30000):
        window.import_paths([path])
        dialog = window.findChild(QProgressDialog, "importProgress")
        assert dialog is not None and dialog.labelText() == "Importing book.txt…"
        assert window.statusBar().currentMessage() == "Importing book.txt…"
    assert window.controller.current.title == "A long book"


def test_an_import_that_fails_takes_its_progress_away(make_window, qtbot, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QProgressDialog

    from reader.core.library.service import LibraryService

    def broken(self, *args, **kwargs):
        raise RuntimeError("the disk went away")

    monkeypatch.setattr(LibraryService, "import_paths", broken)
    window = make_window()
    path = tmp_path / "note.txt"
    path.write_text("A note\n\nSome words.\n")
    errors = []
    window.controller.error_occurred.connect(errors.append)
    window.import_paths([path])
    qtbot.waitUntil(lambda: errors != [], timeout=10000)
    assert "the disk went away" in errors[0]
    qtbot.waitUntil(lambda: window.findChild(QProgressDialog, "importProgress") is None)
