"""Find in the open article: Ctrl+F, matches marked, F3 / Shift+F3, Esc."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

from reader.core.text import find_phrase
from reader.ui.highlights.presenter import highlight_format
from reader.ui.reading.find_bar import CURRENT_COLOR, MATCH_COLOR


def _over(color: QColor, paper: QColor) -> QColor:
    a = color.alphaF()
    mix = [
        a * x + (1 - a) * y for x, y in zip(color.getRgbF()[:3], paper.getRgbF()[:3], strict=True)
    ]
    return QColor.fromRgbF(*mix)


def _distance(a: QColor, b: QColor) -> float:
    return sum((x - y) ** 2 for x, y in zip(a.getRgb()[:3], b.getRgb()[:3], strict=True)) ** 0.5


def test_find_phrase_ignores_case_and_whitespace_runs():
    text = "Unified  multimodal\nmodels; unified MULTIMODAL."
    assert find_phrase(text, "unified multimodal") == [(0, 19), (28, 46)]
    assert find_phrase(text, "   ") == []
    assert find_phrase(text, "a+b(") == []  # no regex injection


def test_ctrl_f_marks_every_match_and_f3_steps(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    bar = window.reading.find_bar
    assert bar.isVisible()
    qtbot.keyClicks(bar.edit, "unified multimodal")
    assert bar.count.text() == "1 of 8"
    marked = [
        s
        for s in window.reading_view.extraSelections()
        if s.format.background().color().name() in (MATCH_COLOR, CURRENT_COLOR)
    ]
    assert len(marked) == 8
    assert all(s.cursor.selectedText().lower() == "unified multimodal" for s in marked)
    current = [s for s in marked if s.format.background().color().name() == CURRENT_COLOR]
    assert len(current) == 1 and current[0].cursor.selectionStart() == min(
        s.cursor.selectionStart() for s in marked
    )
    paper = window.reading_view.palette().base().color()
    painted = [  # each highlight colour as it shows: translucent over the page
        _over(highlight_format(c.hex, False, False).background().color(), paper)
        for c in window.highlights.controller.colors()
    ]
    for mark in (MATCH_COLOR, CURRENT_COLOR):  # told apart from every highlight colour
        assert min(_distance(QColor(mark), c) for c in painted) > 80
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3)
    assert bar.count.text() == "2 of 8"
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClick(bar.edit, Qt.Key.Key_F3, Qt.KeyboardModifier.ShiftModifier)
    assert bar.count.text() == "8 of 8"
    qtbot.keyClick(bar.edit, Qt.Key.Key_Escape)
    assert not bar.isVisible()
    assert not [
        s
        for s in window.reading_view.extraSelections()
        if s.format.background().color().name() in (MATCH_COLOR, CURRENT_COLOR)
    ]


def test_no_matches_says_so(make_window, qtbot):
    window = make_window()
    window.reading.find_bar.open_bar()
    qtbot.keyClicks(window.reading.find_bar.edit, "zebra crossing")
    assert window.reading.find_bar.count.text() == "no matches"


def test_marks_survive_a_theme_change_but_not_another_article(make_window, qtbot, tmp_path):
    window = make_window()
    window.reading.find_bar.open_bar()
    qtbot.keyClicks(window.reading.find_bar.edit, "Dream Machine")
    marked = len(window.reading.matches.ranges)
    assert marked >= 3
    window.set_theme("dark")
    painted = [
        s
        for s in window.reading_view.extraSelections()
        if s.format.background().color().name() in (MATCH_COLOR, CURRENT_COLOR)
    ]
    assert len(painted) == marked
    path = tmp_path / "other.md"
    path.write_text("# Other\n\nNothing to find here.\n")
    window.session.library.import_file(path)
    window.controller.refresh()
    other = next(a.id for a in window.session.library.summaries() if a.title == "Other")
    window.reading.find_bar.close_bar()
    window.controller.open_article(other)
    assert window.reading.matches.ranges == []


def test_find_starts_where_the_reader_is_and_a_search_that_finds_nothing_goes_back(
    make_window, qtbot
):
    window = make_window()
    window.resize(1200, 800)
    view, bar = window.reading_view, window.reading.find_bar
    qtbot.waitUntil(lambda: not view.placing and view.verticalScrollBar().maximum() > 0)
    scroll = view.verticalScrollBar()
    scroll.setValue(scroll.maximum() // 2)
    here, top = scroll.value(), view.offset_in_view()
    bar.open_bar()
    qtbot.keyClicks(bar.edit, "unified multimodal")
    current = bar.stepper.ranges[bar.stepper.current]
    assert current[0] >= top  # the first match from where the reader is, not the top
    assert bar.stepper.current > 0
    bar.edit.clear()
    qtbot.keyClicks(bar.edit, "zzzqqq")  # ("z" alone finds some: then nothing)
    assert bar.count.text() == "no matches" and scroll.value() == here
    bar.edit.clear()
    assert scroll.value() == here
