from __future__ import annotations

import pytest
from PySide6.QtGui import QGuiApplication


@pytest.fixture
def make_window(qtbot, data_dir):
    """Build the real main window over a data folder; closes it (and its DB) afterwards."""
    from reader.app import build_main_window

    windows = []

    def make(folder=None):
        window = build_main_window(folder or data_dir)
        qtbot.addWidget(window)
        window.show()
        qtbot.waitExposed(window)
        windows.append(window)
        return window

    yield make
    for window in windows:
        window.close()
        window.controller.session.close()


@pytest.fixture(autouse=True)
def empty_clipboard(qapp):
    """Empty the clipboard after each test. A QMimeData a test put there would otherwise be
    destroyed by Qt's exit handlers after Python has shut down: a SIGSEGV at exit."""
    yield
    QGuiApplication.clipboard().clear()
