"""Work around stray dock tab bars (Qt 6.11): hide those that belong to no dock group.

Tabifying a second group of docks, or restoring a saved layout, leaves an earlier tab bar
of a group behind, shown where the layout last put it: over the reading view, or under
a panel whose partner the user closed. Qt neither uses nor hides it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect, QTimer
from PySide6.QtWidgets import QDockWidget, QMainWindow, QTabBar


def hide_stale_tab_bars(window: QMainWindow) -> int:
    """Hide each tab bar that is not the one under a group of tabbed docks: its tabs match
    no group, or it stands away from its group. Returns how many were hidden."""
    live: dict[frozenset[str], QRect] = {}
    for dock in window.findChildren(QDockWidget):
        # a tab not in front counts as visible but is parked outside the window
        if dock.isVisible() and not dock.isFloating():
            group = [dock, *(d for d in window.tabifiedDockWidgets(dock) if not d.isHidden())]
            key = frozenset(d.windowTitle() for d in group)
            if len(group) > 1 and window.rect().intersects(dock.geometry()):
                live[key] = live.get(key, QRect()).united(dock.geometry())
    hidden = 0
    for bar in window.findChildren(QTabBar):
        if bar.parent() is not window or not bar.isVisible():
            continue
        where = live.get(frozenset(bar.tabText(i) for i in range(bar.count())))
        at = bar.geometry()
        if where is None or at.left() >= where.right() or at.right() <= where.left():
            bar.hide()
            hidden += 1
    return hidden


def keep_tab_bars_tidy(window: QMainWindow) -> QTimer:
    """Hide stray bars whenever a dock shows, hides, floats or moves (and when the window
    shows: start the returned timer from its showEvent)."""
    check = QTimer(window, singleShot=True, interval=0)
    check.timeout.connect(lambda: hide_stale_tab_bars(window))
    for dock in window.findChildren(QDockWidget):
        dock.visibilityChanged.connect(check.start)
        dock.topLevelChanged.connect(check.start)
        dock.dockLocationChanged.connect(check.start)
    return check
