"""Panels docked in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
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


def in_front(dock: QDockWidget) -> bool:
    """Open and not behind another panel's tab (such a panel counts as visible to Qt)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def panel_action(dock: QDockWidget, shortcut: str = "") -> QAction:
    """The Panels menu's entry for a panel: it brings a panel open behind another tab to
    the front and shows a closed one; only a panel already in front is closed by it.
    (Qt's toggleViewAction closes a panel behind a tab, and reopens it behind again.)"""
    action = QAction(dock.windowTitle(), dock)
    action.setObjectName(dock.objectName() + "Action")
    action.setCheckable(True)
    action.setChecked(not dock.isHidden())
    if shortcut:
        action.setShortcut(QKeySequence(shortcut))

    def trigger() -> None:
        if in_front(dock):
            dock.hide()
        else:
            show_dock(dock)
        action.setChecked(not dock.isHidden())

    action.triggered.connect(trigger)
    dock.visibilityChanged.connect(lambda _visible: action.setChecked(not dock.isHidden()))
    return action
