"""Keyboard reach and accessible names: every control says what it is, Tab walks through
every panel shown, and Alt+1…Alt+6 put the keyboard into each panel."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QTabBar,
    QWidget,
)


def _qt_internal(widget: QWidget, window) -> bool:
    """Parts Qt makes and names itself: a combo box's popup list, a spin box's line
    edit, the tab bars under tabbed panels."""
    parent = widget.parentWidget()
    while parent is not None and parent is not window:
        if isinstance(parent, QComboBox | QAbstractSpinBox) or parent.inherits(
            "QComboBoxPrivateContainer"
        ):
            return True
        parent = parent.parentWidget()
    return widget.parentWidget() is window and widget.inherits("QTabBar")


def _said(widget: QWidget) -> str:
    """What a screen reader says for it: its name, a button's words, a tab bar's tabs."""
    text = widget.text() if isinstance(widget, QAbstractButton) else ""
    if isinstance(widget, QTabBar):
        text = ", ".join(widget.tabText(i) for i in range(widget.count()))
    return widget.accessibleName() or text


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    return window


def test_every_control_has_a_name_a_screen_reader_can_say(make_window):
    window = make_window()
    unnamed = [
        f"{type(w).__name__} {w.objectName()} in {type(w.parentWidget()).__name__}"
        for w in window.findChildren(QWidget)
        if w.focusPolicy() & Qt.FocusPolicy.TabFocus
        and not _qt_internal(w, window)
        and not _said(w)
    ]
    assert unnamed == []
    editor = window.highlights.editor  # the note popup too
    assert all(_said(b) for b in editor.findChildren(QAbstractButton))


def test_tab_walks_through_every_panel_shown_and_comes_back(make_window, qtbot):
    window = active(qtbot, make_window())
    window.reading_view.setFocus()
    seen, start = [], QApplication.focusWidget()
    for _ in range(120):
        qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        focused = QApplication.focusWidget()
        if focused is start:
            break
        seen.append(_said(focused))
    else:
        raise AssertionError(f"Tab never came back to the text: {seen}")
    for wanted in (
        "Library states",
        "Filter the library",
        "Articles",
        "Group predictions by",  # the tab in front at first start
        "Predictions",
    ):
        assert wanted in seen, (wanted, seen)
    assert "" not in seen  # nothing reached that a screen reader cannot name


def test_alt_digits_put_the_keyboard_into_each_panel(make_window, qtbot):
    window = active(qtbot, make_window())
    view = window.reading_view
    panels = {
        Qt.Key.Key_1: window.library.dock,
        Qt.Key.Key_2: window.contents.dock,
        Qt.Key.Key_3: window.search.dock,
        Qt.Key.Key_4: window.highlights.dock,
        Qt.Key.Key_5: window.predictions.dock,
        Qt.Key.Key_6: window.highlights.all_dock,
    }
    for key, dock in panels.items():
        view.setFocus()
        qtbot.keyClick(view, key, Qt.KeyboardModifier.AltModifier)
        qtbot.waitUntil(lambda d=dock: d.isAncestorOf(QApplication.focusWidget()))
        assert _said(QApplication.focusWidget())
        if key in (Qt.Key.Key_1, Qt.Key.Key_5):  # the lists themselves, where keys act
            assert _said(QApplication.focusWidget()) in ("Articles", "Predictions")
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_0, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: QApplication.focusWidget() is view)
