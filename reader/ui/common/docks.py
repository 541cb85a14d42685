"""Panels docked in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QMainWindow, QWidget


def add_dock(
    window: QMainWindow, title: str, name: str, widget: QWidget, area: Qt.DockWidgetArea
) -> QDockWidget:
    """A dock holding `widget`, named so the window's saved layout can restore it."""
    dock = QDockWidget(title, window)
    dock.setObjectName(name)
    dock.setWidget(widget)
    window.addDockWidget(area, dock)
    return dock


def show_dock(dock: QDockWidget) -> None:
    """Show a panel and bring it to the front of its tab group."""
    dock.show()
    dock.raise_()
