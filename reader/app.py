"""Composition root: paths -> database -> session -> QApplication -> MainWindow."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import cast

from reader.core.session import Session, open_session


def build_main_window(data_dir: str | Path | None = None, session: Session | None = None):
    """The real main window over a data folder (used by the app and by tests)."""
    from reader.ui.main_window import MainWindow
    from reader.ui.window.state import WindowState

    session = session or open_session(data_dir)
    window = MainWindow(session, WindowState(session.folder))
    window.start()
    return window


def set_aside_if_damaged(folder: Path) -> tuple[str, Path] | None:
    """(why, where it went) when the database was damaged and moved aside, else None."""
    from reader.core.storage.paths import database_path
    from reader.core.storage.recovery import damage, set_aside

    path = database_path(folder)
    reason = damage(path)
    return None if reason is None else (reason, set_aside(path))


def offer_restore(window, reason: str, moved_to: Path) -> None:
    from reader.core.storage.recovery import backups
    from reader.ui.window.recovery_dialog import RecoveryDialog

    folder = window.session.folder
    dialog = RecoveryDialog(reason, moved_to, backups(folder), window)
    if dialog.exec() and dialog.chosen is not None:
        window.restore_backup(dialog.chosen)


def _display_available() -> bool:
    if sys.platform != "linux" or os.environ.get("QT_QPA_PLATFORM"):
        return True
    return bool(os.environ.get("DISPLAY") or os.environ.get("WAYLAND_DISPLAY"))


def run_gui(data_dir: str | None = None, paths: list[str] | None = None) -> int:
    """The window on the library (in `data_dir`), opening `paths` (files, web addresses);
    when a window is already open on it, that one comes forward and opens them."""
    if not _display_available():
        print(
            "reader: no display found. Run the window under a virtual display with\n"
            "  xvfb-run -a reader\n"
            "or offscreen (no visible window) with QT_QPA_PLATFORM=offscreen reader",
            file=sys.stderr,
        )
        return 2
    from PySide6.QtCore import Qt, QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    from reader.core.storage.errors import DatabaseError
    from reader.core.storage.paths import data_dir as resolve_data_dir
    from reader.ui.common.operations import wind_down
    from reader.ui.window.signals import SignalWatch
    from reader.ui.window.single_instance import InstanceServer, hand_over

    app = cast(QApplication, QApplication.instance() or QApplication(sys.argv[:1]))
    app.setApplicationName("Reader")
    app.setOrganizationName("Reader")
    app.setDesktopFileName("io.github.reader.Reader")  # (reader desktop install)
    from PySide6.QtGui import QIcon

    from reader.core.storage.resources import resource_path

    app.setWindowIcon(QIcon(str(resource_path("desktop", "reader.svg"))))
    folder = resolve_data_dir(data_dir)
    paths = [p if "://" in p else str(Path(p).absolute()) for p in paths or []]
    if hand_over(folder, paths):
        told = "opened there" if paths else "brought that window forward"
        print(f"reader: already open on {folder}; {told}.", file=sys.stderr)
        return 0
    try:
        damaged = set_aside_if_damaged(folder)
        window = build_main_window(data_dir)
    except (DatabaseError, OSError) as exc:
        box = QMessageBox(
            QMessageBox.Icon.Critical, "Reader", f"Reader cannot open its library.\n\n{exc}"
        )
        box.setTextFormat(Qt.TextFormat.PlainText)  # (the path is not markup)
        box.exec()
        return 1
    server = InstanceServer(folder, window)
    server.activation_requested.connect(window.bring_forward)
    window.show()
    if paths:
        QTimer.singleShot(0, window, lambda: window.bring_forward(paths))
    if damaged is not None:
        QTimer.singleShot(0, window, lambda: offer_restore(window, *damaged))
    QTimer.singleShot(3000, window, window.start_auto_backup)
    watch = SignalWatch(window.end_now)
    code = app.exec()
    watch.restore()
    wind_down()  # (an import or a backup still running ends before the library closes)
    window.session.close()
    return code
