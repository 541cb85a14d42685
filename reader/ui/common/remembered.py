"""Dialogs that open at the size and place they were left at (per library, in its
window.ini). Qt keeps a restored dialog on a screen that is there now."""

from __future__ import annotations

from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QDialog


def remember_geometry(dialog: QDialog, settings: QSettings, key: str) -> None:
    """Give `dialog` its last size and place, and keep them when it closes."""
    name = f"dialogs/{key}"
    if (saved := settings.value(name)) is not None:
        dialog.restoreGeometry(saved)
    dialog.finished.connect(lambda _result: settings.setValue(name, dialog.saveGeometry()))
