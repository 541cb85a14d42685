"""Rough edges a first session hits: selections, keys that say nothing, panels, dialogs."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QRect, Qt
from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication, QStyleOptionViewItem, QTableWidget

from reader.core.annotations.highlights import HighlightFilter
from reader.core.annotations.notes import note_html
from reader.core.predictions.service import PredictionFilter
from reader.ui.common.docks import in_front
from reader.ui.common.placement import off_passage, on_screen
from reader.ui.highlights.model import RowRole
from reader.ui.predictions.panel import PredictionIdRole
from reader.ui.window.help_dialogs import ShortcutsDialog
from tests.ui.test_highlights_ui import select


def highlights(window):
    return window.controller.session.highlights.query(HighlightFilter())


def active(qtbot, window):
    """Keyboard shortcuts reach only the active window."""
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    return window


def drag(qtbot, window, start: int, end: int, modifier=Qt.KeyboardModifier.NoModifier):
    """Drag the mouse over canonical text[start:end] as a user does."""
    view = window.reading_view
    doc_start, doc_end = view.to_document(start, end)
    view.scroll_to_range(start, end)
    cursor = view.textCursor()
    cursor.setPosition(doc_start)
    a = view.cursorRect(cursor).center()
    cursor.setPosition(doc_end)
    b = view.cursorRect(cursor).center()
    port = view.viewport()
    qtbot.mousePress(port, Qt.MouseButton.LeftButton, modifier, a)
    qtbot.mouseMove(port, QPoint((a.x() + b.x()) // 2, (a.y() + b.y()) // 2))
    qtbot.mouseMove(port, b)
    qtbot.mouseRelease(port, Qt.MouseButton.LeftButton, modifier, b)
    assert view.textCursor().hasSelection()


def test_a_dragged_highlight_snaps_to_whole_words_and_alt_keeps_it_exact(make_window, qtbot):
    window = make_window()
    text = window.controller.current.plain_text
    word = text.index("valuation of $4 billion")
    drag(qtbot, window, word + 3, word + len("valuation of $4 bil"))  # "uation of $4 bil"
    qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    [h] = highlights(window)
    assert h.quote.exact == "valuation of $4 billion"
    other = text.index("star startup")
    drag(qtbot, window, other + 2, other + 9, Qt.KeyboardModifier.AltModifier)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H)
    assert sorted(h.quote.exact for h in highlights(window)) == [
        "ar star",
        "valuation of $4 billion",
    ]


def test_marking_a_fragment_as_a_prediction_takes_its_whole_sentence(make_window, qtbot):
    window = make_window()
    text = window.controller.current.plain_text
    fragment = text.index("is likely to be Luma's last")
    select(window, "ely to be Luma's la")
    window.predictions.mark_selection()
    [marked] = [
        p
        for p in window.session.predictions.query(PredictionFilter())
        if p.source == "user" and "ely to be Luma's la" in p.statement
    ]
    assert marked.statement == (
        "Ray 3 is likely to be Luma's last generation of traditional video-generation models."
    )
    assert text.index(marked.statement) < fragment
    assert window.predictions.panel.editor.statement.toPlainText() == marked.statement
    select(window, "ely to be Luma's la")  # Alt-dragged: kept as it was selected
    window.reading_view.exact_selection = True
    window.predictions.mark_selection()
    assert "ely to be Luma's la" in [
        p.statement for p in window.session.predictions.query(PredictionFilter())
    ]


def test_h_with_nothing_selected_says_what_to_do(make_window, qtbot):
    window = make_window()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H)
    assert "Select some text first" in window.statusBar().currentMessage()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_4)
    assert "Select some text first" in window.statusBar().currentMessage()
    assert highlights(window) == []


def test_undo_and_redo_say_what_they_did_in_the_status_bar(make_window, qtbot):
    window = active(qtbot, make_window())
    select(window, "Dream Machine")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_4)
    assert window.statusBar().currentMessage().startswith("Highlighted in")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert highlights(window) == []
    assert window.statusBar().currentMessage() == "Undone: Highlight"
    qtbot.keyClick(
        window,
        Qt.Key.Key_Z,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    assert len(highlights(window)) == 1
    assert window.statusBar().currentMessage() == "Redone: Highlight"


def test_ctrl_shift_h_brings_all_highlights_forward_then_hides_it(make_window, qtbot):
    window = active(qtbot, make_window())
    dock = window.highlights.all_dock
    qtbot.waitUntil(lambda: dock.isVisible())  # a tab behind Predictions at first start
    assert not in_front(dock)
    keys = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H, keys)
    qtbot.waitUntil(lambda: in_front(dock))
    assert not in_front(window.highlights.dock)  # its tab partner went behind
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H, keys)
    qtbot.waitUntil(lambda: dock.isHidden())
    qtbot.keyClick(window.reading_view, Qt.Key.Key_H, keys)  # closed: shown again, and in front
    qtbot.waitUntil(lambda: in_front(dock))
    window.search.dock.show()
    window.search.dock.raise_()
    qtbot.waitUntil(lambda: not in_front(window.library.dock))
    qtbot.keyClick(window.reading_view, Qt.Key.Key_L, keys)  # the library too
    qtbot.waitUntil(lambda: in_front(window.library.dock))


def test_the_shortcuts_dialog_shows_every_row(qtbot):
    dialog = ShortcutsDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.findChild(QTableWidget)
    assert not table.verticalScrollBar().isVisible()
    assert not table.horizontalScrollBar().isVisible()
    last = table.visualItemRect(table.item(table.rowCount() - 1, 2))
    assert table.viewport().rect().contains(last)


def test_the_note_popup_opens_above_a_highlight_near_the_screen_bottom(make_window, qtbot):
    window = make_window()
    screen = window.screen().availableGeometry()
    window.setGeometry(screen)
    view = window.reading_view
    start, end = select(window, "Dream Machine attracted one million users")
    window.highlights.highlight_selection(2)
    doc_start, _ = view.to_document(start + 3, end)
    cursor = view.textCursor()
    cursor.setPosition(doc_start)
    bar = view.verticalScrollBar()  # the highlight's line near the bottom of the view
    bar.setValue(bar.value() + view.cursorRect(cursor).center().y() - view.viewport().height() + 12)
    point = view.cursorRect(cursor).center()
    assert view.viewport().height() - 30 < point.y() < view.viewport().height()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = window.highlights.editor
    qtbot.waitUntil(editor.isVisible)
    assert screen.contains(editor.frameGeometry())  # colour buttons and Delete in reach
    assert editor.geometry().bottom() < view.viewport().mapToGlobal(point).y()  # above it


def test_a_popup_is_placed_whole_on_the_screen():
    screen = QRect(0, 0, 1600, 1000)
    assert on_screen(380, 237, QPoint(500, 300), screen) == QPoint(500, 300)  # below: fits
    assert on_screen(380, 237, QPoint(500, 816), screen) == QPoint(500, 816 - 24 - 237)
    assert on_screen(380, 237, QPoint(1500, 300), screen) == QPoint(1600 - 380, 300)
    assert on_screen(380, 990, QPoint(10, 500), screen) == QPoint(10, 10)  # too tall for both


def test_a_tool_window_over_a_passage_moves_below_it_or_above_it():
    screen = QRect(0, 0, 1600, 1000)
    passage = QRect(300, 300, 800, 60)  # y 300..359
    assert off_passage(QRect(500, 600, 560, 340), passage, screen) is None  # out of the way
    assert off_passage(QRect(500, 250, 560, 340), passage, screen) == QPoint(500, 359 + 16)
    low = QRect(300, 700, 800, 60)  # no room below: above it
    assert off_passage(QRect(500, 500, 560, 340), low, screen) == QPoint(500, 700 - 16 - 340)
    tall = QRect(300, 100, 800, 800)  # room on neither side: as low as it can go
    assert off_passage(QRect(1000, 300, 560, 340), tall, screen) == QPoint(1000, 660)


def test_notes_show_their_markdown_rendered_in_the_highlights_panel(make_window, qtbot):
    window = make_window()
    article = window.controller.current
    start = article.plain_text.index("Dream Machine")
    for note in ("**one model**", "__one model__", "one model"):  # bold, bold, plain
        window.session.highlights.add(article.id, article.plain_text, start, start + 13, 2, note)
    panel = window.highlights.panel
    window.highlights.dock.show()
    window.highlights.dock.raise_()
    qtbot.waitUntil(lambda: panel.view.model().rowCount() == 3)
    shot = panel.view.viewport().grab().toImage()
    crops = {}
    for row in range(3):
        index = panel.view.model().index(row, 0)
        note = index.data(RowRole).highlight.note
        crops[note] = shot.copy(panel.view.visualRect(index))
    # the two ways of writing bold look the same: neither shows its asterisks or underscores
    assert crops["**one model**"] == crops["__one model__"]
    assert crops["**one model**"] != crops["one model"]  # and bold is not plain


def test_a_note_is_rendered_sanitised():
    assert note_html("**one model**") == "<p><strong>one model</strong></p>"
    assert note_html("# My heading\n\nbody") == "<p><b>My heading</b></p>\n<p>body</p>"
    assert note_html("first line\nsecond line") == "<p>first line<br>second line</p>"
    assert note_html("a < b & c") == "<p>a &lt; b &amp; c</p>"
    hostile = note_html(
        '<script>alert(1)</script><img src="http://example.org/t.png">'
        '<a href="javascript:alert(1)" onclick="x()">click</a> [me](file:///etc/passwd)'
    )
    for bad in ("<script", "alert(1)", "<img", "example.org", "onclick", "javascript:", "file:"):
        assert bad not in hostile
    assert "click" in hostile and "me" in hostile


def _visible_in_tree(panel, prediction_id: int) -> bool:
    tree = panel.tree
    index = tree.currentIndex()
    assert index.data(PredictionIdRole) == prediction_id
    return tree.viewport().rect().contains(tree.visualRect(index))  # the whole row


def test_setting_an_outcome_keeps_the_prediction_chosen_and_in_view(make_window, qtbot):
    window = make_window()
    panel = window.predictions.panel
    window.predictions.dock.show()
    window.predictions.dock.raise_()
    qtbot.waitUntil(lambda: panel.tree.isVisible() and panel.model.rowCount() > 0)
    open_group = next(
        panel.model.item(g)
        for g in range(panel.model.rowCount())
        if panel.model.item(g).text().startswith("Open")
    )
    item = open_group.child(open_group.rowCount() - 1)  # the last open one
    pid = item.data(PredictionIdRole)
    panel.tree.setCurrentIndex(item.index())
    panel.tree.scrollTo(item.index())
    panel._on_tree_clicked(item.index())
    editor = panel.editor
    editor.outcome.setCurrentIndex(editor.outcome.findData("true"))
    assert window.session.predictions.get(pid).outcome == "true"
    moved = panel.tree.currentIndex()
    assert moved.parent().data().startswith("Resolved")  # it moved group
    qtbot.waitUntil(lambda: _visible_in_tree(panel, pid))  # and the list followed it
    assert editor.prediction.id == pid


def test_an_empty_prediction_editor_shows_nothing_stale(make_window, qtbot):
    window = make_window()
    panel = window.predictions.panel
    first = window.session.predictions.query(PredictionFilter())[0]
    panel.editor.load(first)
    panel.editor.outcome.setCurrentIndex(panel.editor.outcome.findData("false"))
    panel.editor.load(None)
    assert panel.editor.source_label.text() == "Select a prediction to annotate it."
    assert not panel.editor.fields.isVisibleTo(panel.editor)
    assert not panel.editor.buttons.isVisibleTo(panel.editor)
    assert panel.editor.outcome.currentData() == "open"
    assert panel.editor.resolved_on.text() == "—" and panel.editor.resolve_by.text() == "—"


def test_the_statement_is_shown_whole_and_the_list_has_room(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    panel = window.predictions.panel
    window.predictions.dock.show()
    window.predictions.dock.raise_()
    qtbot.waitUntil(lambda: panel.tree.isVisible() and panel.tree.height() > 0)
    longest = max(
        window.session.predictions.query(PredictionFilter()), key=lambda p: len(p.statement)
    )
    panel.editor.load(longest)
    statement = panel.editor.statement
    qtbot.waitUntil(lambda: not statement.verticalScrollBar().isVisible())
    assert statement.toPlainText() == longest.statement
    assert panel.tree.height() >= 0.4 * panel.splitter.height()  # was about a third
    assert panel.editor.delete_button.isVisible()  # in reach without scrolling
    area = panel.splitter.widget(1)
    assert (
        area.viewport()
        .rect()
        .intersects(
            panel.editor.delete_button.geometry().translated(-area.horizontalScrollBar().value(), 0)
        )
    )


def test_placeholders_are_dimmer_than_labels_in_the_dark_theme(make_window):
    window = make_window()
    window.set_theme("dark")
    palette = QApplication.palette()
    assert palette.color(QPalette.ColorRole.Window).lightness() < 80  # dark, as asked
    for group in (QPalette.ColorGroup.Active, QPalette.ColorGroup.Disabled):
        hint = palette.color(group, QPalette.ColorRole.PlaceholderText).lightness()
        label = palette.color(group, QPalette.ColorRole.WindowText).lightness()
        assert hint < label, group
    window.set_theme("light")


def _first_visible(view) -> int:
    """Canonical offset of the text at the top left of the page."""
    margin = view.document().rootFrame().frameFormat().leftMargin()
    return view.to_canonical(view.cursorForPosition(QPoint(int(margin) + 2, 2)).position())


def test_the_reading_place_is_kept_when_the_text_size_or_width_changes(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    view = window.reading_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    qtbot.waitUntil(lambda: view._pending_scroll is None, timeout=3000)  # opened and placed
    bar = view.verticalScrollBar()
    while bar.value() < bar.maximum() * 0.52:  # reading on, as a reader does
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    text = window.controller.current.plain_text
    before = _first_visible(view)
    line = text[before : before + 40]
    for step in (+1, +1, +1, -1, 0):  # Ctrl+Plus three times, Ctrl+Minus, Ctrl+0
        window.reading.zoom(step)
        qtbot.wait(1)  # (nothing to settle: the place is kept in the same call)
        assert abs(_first_visible(view) - before) < 80, (step, line)
    window.resize(900, 900)
    qtbot.waitUntil(lambda: view.width() < 800)
    assert abs(_first_visible(view) - before) < 80
    window.set_theme("sepia")
    assert abs(_first_visible(view) - before) < 80
    window.set_theme("light")


def test_highlight_rows_are_as_tall_as_what_they_show_at_the_panel_s_width(make_window, qtbot):
    window = make_window()
    window.resize(1500, 950)
    for phrase, color in (
        ("Ray 3 is likely to be Luma's last generation of traditional video-generation models", 4),
        ('The company has established the "unified multimodal model"', 1),
        ("This goal also requires greater computing power", 2),
    ):
        select(window, phrase)
        window.highlights.highlight_selection(color)
    panel, view = window.highlights.panel, window.highlights.panel.view
    qtbot.waitUntil(lambda: view.model().rowCount() == 3)
    [first_id] = [h.id for h in highlights(window) if h.color == 4]
    window.highlights.controller.set_note(first_id, "Their own forecast about their own roadmap.")
    window.highlights.controller.set_tags(first_id, ["luma-strategy"])

    def rects():
        return [view.visualRect(view.model().index(r, 0)) for r in range(3)]

    def needed(row: int, rect) -> int:
        option = QStyleOptionViewItem()
        option.rect, option.font = rect, view.font()
        return panel.delegate.sizeHint(option, view.model().index(row, 0)).height()

    for width in (None, 420, 260):  # as laid out, then the panel dragged wider, narrower
        if width is not None:
            window.highlights.dock.setFixedWidth(width)
            qtbot.waitUntil(lambda w=width: window.highlights.dock.width() == w)
        qtbot.waitUntil(lambda: rects()[0].height() == needed(0, rects()[0]))
        shown = rects()
        assert shown[0].bottom() < shown[1].top() and shown[1].bottom() < shown[2].top()
        assert [r.height() for r in shown] == [needed(n, r) for n, r in enumerate(shown)]


def test_ctrl_home_and_ctrl_end_go_to_the_start_and_the_end(make_window, qtbot):
    window = make_window()
    view = window.reading_view
    qtbot.waitUntil(lambda: not view.placing and view.verticalScrollBar().maximum() > 0)
    bar = view.verticalScrollBar()
    qtbot.keyClick(view, Qt.Key.Key_End, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == bar.maximum()
    qtbot.keyClick(view, Qt.Key.Key_Home, Qt.KeyboardModifier.ControlModifier)
    assert bar.value() == 0


def test_the_contents_mark_the_last_section_when_the_end_is_reached(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    window.contents.dock.show()
    window.contents.dock.raise_()
    panel = window.contents.panel
    qtbot.waitUntil(lambda: len(panel.items) == 3)
    window.contents.go_to(2)  # the last heading: the page can only scroll to the end
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.items[2])
    qtbot.wait(200)  # (the scroll's own marking has had its turn: still the last)
    assert panel.tree.currentItem() is panel.items[2]


def test_a_reopened_article_shows_a_whole_line_on_top(make_window, qtbot, data_dir):
    window = make_window()
    view = window.reading_view
    qtbot.waitUntil(lambda: not view.placing and view.verticalScrollBar().maximum() > 0)
    view.verticalScrollBar().setValue(view.verticalScrollBar().maximum() // 3 + 7)
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    view = again.reading_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    qtbot.waitUntil(lambda: not view.placing, timeout=3000)
    cursor = view.cursorForPosition(
        QPoint(int(view.document().rootFrame().frameFormat().leftMargin()) + 2, 1)
    )
    assert view.cursorRect(cursor).top() >= 0  # not a line cut in half at the top


def test_the_library_row_keeps_progress_in_sight_when_narrow():
    from PySide6.QtGui import QFont, QFontMetrics

    from reader.core.models import ArticleSummary
    from reader.ui.library.panel import _meta_line

    a = ArticleSummary(
        1,
        "s",
        "T",
        "The Very Long Publication Name Weekly",
        3000,
        "2026-12-02T10:00:00Z",
        state="archive",
        furthest=0.27,
        tags=("ai-video", "luma"),
    )
    fm = QFontMetrics(QFont())
    wide = _meta_line(a, 2, fm, 2000)
    assert wide.startswith("Archived · The Very Long") and "#ai-video  #luma" in wide
    narrow = _meta_line(
        a, 2, fm, fm.horizontalAdvance("Archived · 27% · 9 min left · 2 to review") + 30
    )
    assert narrow.startswith("Archived · 27% · 9 min left · 2 to review")
    assert (
        fm.horizontalAdvance(narrow)
        <= fm.horizontalAdvance("Archived · 27% · 9 min left · 2 to review") + 30
    )


@pytest.mark.parametrize("name", ["light", "sepia", "dark"])
def test_a_selection_never_looks_like_a_highlight(name):
    from reader.core.storage.backup import DEFAULT_COLORS
    from reader.ui.highlights.presenter import highlight_format
    from reader.ui.reading.theme import THEMES

    theme = THEMES[name]
    page, selection = QColor(theme.bg), QColor(theme.selection)
    for _slot, colour, hex_color in DEFAULT_COLORS:
        painted = highlight_format(hex_color, False, theme.dark).background().color()
        a = painted.alphaF()  # as it shows over the page
        over = zip(painted.getRgb()[:3], page.getRgb()[:3], strict=True)
        shown = [a * c1 + (1 - a) * c2 for c1, c2 in over]
        apart = sum((s - c) ** 2 for s, c in zip(shown, selection.getRgb()[:3], strict=True))
        apart **= 0.5
        assert apart > 100, (name, colour, round(apart))  # (the blue was 9 apart in light)
