"""Stray dock tab bars (a Qt 6.11 layout bug) are hidden; the real ones stay and work."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDockWidget, QLabel, QMainWindow, QTabBar

from reader.ui.window.dock_tabs import hide_stale_tab_bars

LEFT, RIGHT = Qt.DockWidgetArea.LeftDockWidgetArea, Qt.DockWidgetArea.RightDockWidgetArea


def shown_bars(window) -> list[list[str]]:
    return sorted(
        [bar.tabText(i) for i in range(bar.count())]
        for bar in window.findChildren(QTabBar)
        if bar.parent() is window and bar.isVisible()
    )


def two_groups(qtbot):
    """The layout Reader has: two docks tabbed on the left, three on the right."""
    window = QMainWindow()
    window.setCentralWidget(QLabel("reading"))
    docks = {}
    for name, area in (("L", LEFT), ("S", LEFT), ("H", RIGHT), ("A", RIGHT), ("P", RIGHT)):
        docks[name] = dock = QDockWidget(name, window)
        dock.setObjectName(name)
        dock.setWidget(QLabel(name))
        window.addDockWidget(area, dock)
    window.tabifyDockWidget(docks["L"], docks["S"])
    window.tabifyDockWidget(docks["H"], docks["P"])
    window.tabifyDockWidget(docks["H"], docks["A"])
    qtbot.addWidget(window)
    window.resize(900, 600)
    window.show()
    qtbot.waitExposed(window)
    return window, docks


def test_the_bar_left_behind_is_hidden_and_the_live_ones_kept(qtbot):
    window, docks = two_groups(qtbot)
    assert ["H", "P"] in shown_bars(window)  # the bug: the right group's first bar stays
    assert hide_stale_tab_bars(window) == 1
    assert shown_bars(window) == [["H", "P", "A"], ["L", "S"]]
    docks["P"].raise_()
    qtbot.waitUntil(docks["P"].isVisible)
    assert hide_stale_tab_bars(window) == 0


def test_a_closed_partner_leaves_no_bar(qtbot):
    window, docks = two_groups(qtbot)
    docks["L"].hide()
    qtbot.waitUntil(lambda: docks["L"].isHidden())
    hide_stale_tab_bars(window)
    assert all("L" not in bar for bar in shown_bars(window))
    assert ["H", "P", "A"] in shown_bars(window)
