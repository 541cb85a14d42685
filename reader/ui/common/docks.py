"""Panels docked in the main window."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QApplication, QDockWidget, QMainWindow, QWidget


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


def behind_a_tab(widget: QWidget) -> bool:
    """Whether a widget is in a panel that another panel's tab hides."""
    parent: QWidget | None = widget
    while parent is not None:
        if isinstance(parent, QDockWidget):
            return parent.isVisible() and not in_front(parent)
        parent = parent.parentWidget()
    return False


def in_front(dock: QDockWidget) -> bool:
    """Open and not behind another panel's tab (such a panel counts as visible to Qt)."""
    return dock.isVisible() and not dock.visibleRegion().isEmpty()


def panel_action(dock: QDockWidget, *shortcuts: str) -> QAction:
    """The Panels menu's entry for a panel: it brings a panel open behind another tab to
    the front, or shows a closed one, and puts the keyboard in it; only a panel already
    in front with the keyboard in it is closed by it. (Qt's toggleViewAction closes a
    panel behind a tab, and reopens it behind again.)"""
    action = QAction(dock.windowTitle(), dock)
    action.setObjectName(dock.objectName() + "Action")
    action.setCheckable(True)
    action.setChecked(not dock.isHidden())
    action.setShortcuts([QKeySequence(s) for s in shortcuts])

    def trigger() -> None:
        focused = QApplication.focusWidget()
        if in_front(dock) and focused is not None and dock.isAncestorOf(focused):
            dock.hide()
        else:
            show_dock(dock)
            focus_panel(dock)
        action.setChecked(not dock.isHidden())

    action.triggered.connect(trigger)
    dock.visibilityChanged.connect(lambda _visible: action.setChecked(not dock.isHidden()))
    return action


def focus_panel(dock: QDockWidget) -> None:
    """The keyboard into a panel: its first control that takes focus by Tab."""
    content = dock.widget()
    if content is None:
        return
    target = getattr(content, "focus_target", None)  # the control a panel starts at
    if isinstance(target, QWidget):
        target.setFocus(Qt.FocusReason.ShortcutFocusReason)
        return
    for child in content.findChildren(QWidget):
        wants = child.focusPolicy() & Qt.FocusPolicy.TabFocus
        if wants and child.isVisibleTo(content) and child.isEnabled():
            child.setFocus(Qt.FocusReason.ShortcutFocusReason)
            return
