"""Highlighting in the real window: keys, editor, sidebar, undo, unanchored, all-highlights."""

from __future__ import annotations

import re

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QTextCursor

from reader.core.annotations.highlights import HighlightFilter


def select(window, phrase: str, occurrence: int = 0) -> tuple[int, int]:
    view, text = window.reading_view, window.controller.current.plain_text
    start = -1
    for _ in range(occurrence + 1):
        start = text.index(phrase, start + 1)
    doc_start, doc_end = view.to_document(start, start + len(phrase))
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_start)
    cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
    view.setTextCursor(cursor)
    return start, start + len(phrase)


def stored(window):
    return window.controller.session.highlights.query(HighlightFilter())


def test_keys_1_to_5_and_h_highlight_the_selection(make_window, qtbot):
    window = make_window()
    view = window.reading_view
    span = select(window, "Ray 3 is a phased achievement.")
    qtbot.keyClick(view, Qt.Key.Key_3)
    [h] = stored(window)
    assert (h.color, h.position.start, h.position.end) == (3, *span)
    assert view.textCursor().hasSelection() is False
    select(window, "Dream Machine")
    qtbot.keyClick(view, Qt.Key.Key_H)  # H repeats the last colour
    assert sorted(h.color for h in stored(window)) == [3, 3]
    qtbot.keyClick(view, Qt.Key.Key_2)  # no selection: nothing happens
    assert len(stored(window)) == 2
    painted = [
        s for s in view.extraSelections() if s.format.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert len(painted) == 2
    assert painted[0].format.background().color().name() == "#86b9f0"
    assert window.highlights.panel.count_label.text() == "2 highlights"


def test_select_whole_words_only_trims_whitespace(make_window):
    window = make_window()
    _start, _end = select(window, " Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    [h] = stored(window)
    assert h.quote.exact == "Ray 3 is a phased achievement."


def test_click_opens_editor_and_note_autosaves_and_survives_close(make_window, qtbot, data_dir):
    window = make_window()
    view = window.reading_view
    start, end = select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    [h] = stored(window)
    doc_start, _ = view.to_document(start + 3, end)
    cursor = QTextCursor(view.document())
    cursor.setPosition(doc_start)
    point = view.cursorRect(cursor).center()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    editor = window.highlights.editor
    qtbot.waitUntil(editor.isVisible)
    assert editor.highlight.id == h.id
    qtbot.keyClicks(editor.note_edit, "A first line")
    qtbot.waitUntil(lambda: stored(window)[0].note == "A first line", timeout=3000)
    qtbot.keyClicks(editor.note_edit, " and more")  # closing mid-edit keeps it
    editor.tag_edit.setText("strategy, Luma")
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    [h2] = stored(again)
    assert h2.note == "A first line and more"
    painted = [
        s
        for s in again.reading_view.extraSelections()  # painted again on restart
        if s.format.background().style() != Qt.BrushStyle.NoBrush
    ]
    assert [s.cursor.selectedText() for s in painted] == ["Ray 3 is a phased achievement."]
    assert h2.tags == ("strategy", "luma")


def test_undo_redo_add_edit_delete(make_window):
    window = make_window()
    undo = window.undo_stack
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(2)
    [h] = stored(window)
    window.highlights.controller.set_note(h.id, "n1")
    window.highlights.controller.set_color(h.id, 5)
    window.highlights.controller.delete(h.id)
    assert stored(window) == []
    undo.undo()  # delete
    assert stored(window)[0].color == 5
    undo.undo()  # colour
    assert stored(window)[0].color == 2
    undo.undo()  # note
    assert stored(window)[0].note == ""
    undo.undo()  # add
    assert stored(window) == []
    for _ in range(4):
        undo.redo()
    assert stored(window) == []
    assert window.controller.session.highlights.trash()[0].note == "n1"


def test_sidebar_filters_counts_and_jumps(make_window, qtbot):
    window = make_window()
    c = window.highlights.controller
    select(window, "Dream Machine", 0)
    window.highlights.highlight_selection(1)
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(4)
    c.set_tags(stored(window)[0].id, ["strategy"])
    panel = window.highlights.panel
    assert panel.count_label.text() == "2 highlights"
    panel.color_filter.setCurrentIndex(panel.color_filter.findData(4))
    assert panel.count_label.text() == "1 of 2 highlights"
    panel.color_filter.setCurrentIndex(0)
    panel.tag_filter.setCurrentIndex(panel.tag_filter.findData("strategy"))
    assert [r.highlight.quote.exact for r in panel.visible_rows()] == [
        "Ray 3 is a phased achievement."
    ]
    panel.tag_filter.setCurrentIndex(0)
    qtbot.keyClicks(panel.text_filter, "dream")
    assert [r.highlight.quote.exact for r in panel.visible_rows()] == ["Dream Machine"]
    panel.text_filter.clear()
    window.reading_view.verticalScrollBar().setValue(0)
    index = panel.model.index(panel.model.row_of(stored(window)[0].id))
    panel.view.clicked.emit(index)
    assert window.reading_view.verticalScrollBar().value() > 0
    assert any(
        s.format.background().color().name() == "#ffb347"
        for s in window.reading_view.extraSelections()
    )


def test_unanchored_highlight_is_listed_and_can_be_reattached(make_window, tmp_path):
    path = tmp_path / "essay.md"
    path.write_text("# Essay\n\nA sentence that will vanish completely soon.\n\nKeep me.\n")
    window = make_window()
    window.session.library.import_file(path)
    window.controller.refresh()
    article_id = next(a.id for a in window.session.library.summaries() if a.title == "Essay")
    window.controller.open_article(article_id)
    select(window, "A sentence that will vanish completely soon.")
    window.highlights.highlight_selection(1)
    path.write_text("# Essay\n\nSomething else entirely now stands in this place.\n\nKeep me.\n")
    window.session.library.import_file(path)
    window.controller.current = None
    window.controller.open_article(article_id)
    panel = window.highlights.panel
    [row] = panel.visible_rows()
    assert row.unanchored and "1 unanchored" in panel.count_label.text()
    select(window, "Keep me.")
    window.highlights.reattach_selection(row.highlight.id)
    [row] = panel.visible_rows()
    assert not row.unanchored and row.highlight.quote.exact == "Keep me."
    window.undo_stack.undo()
    assert panel.visible_rows()[0].unanchored


def test_all_highlights_view_lists_every_article(make_window, qtbot, tmp_path):
    path = tmp_path / "other.md"
    path.write_text("# Other Article\n\nAnother text about video models.\n")
    window = make_window()
    interview = window.controller.current.id
    select(window, "Dream Machine")
    window.highlights.highlight_selection(1)
    window.session.library.import_file(path)
    window.controller.refresh()
    other = next(a.id for a in window.session.library.summaries() if a.title == "Other Article")
    window.controller.open_article(other)
    select(window, "video models")
    window.highlights.highlight_selection(2)
    window.highlights.all_dock.show()
    window.highlights.all_dock.raise_()
    qtbot.waitUntil(lambda: len(window.highlights.all_panel.visible_rows()) == 2)
    rows = window.highlights.all_panel.visible_rows()
    assert {r.article_title for r in rows} == {
        "Other Article",
        window.session.library.get(interview).title,
    }
    target = next(r for r in rows if r.highlight.article_id == interview)
    window.highlights.all_panel.highlight_activated.emit(target)
    assert window.controller.current.id == interview


def test_renamed_colour_shows_in_toolbar_and_filters(make_window):
    window = make_window()
    window.highlights.controller.rename_color(4, "Disagree")
    assert window.highlights.color_actions[3].text() == "Highlight Disagree"
    toolbar = window.highlights.toolbar.actions()  # the colours, then Mark as Prediction
    assert toolbar[: len(window.highlights.color_actions)] == window.highlights.color_actions
    assert toolbar[-1] is window.predictions.mark_action
    panel = window.highlights.panel
    assert panel.color_filter.itemText(4) == "Disagree"


def test_editor_delete_button_moves_to_trash(make_window, qtbot):
    window = make_window()
    select(window, "Dream Machine")
    window.highlights.highlight_selection(1)
    [h] = stored(window)
    editor = window.highlights.editor
    editor.open_for(h, [], QPoint(100, 100))
    editor.delete_button.click()
    assert stored(window) == []
    assert [t.id for t in window.controller.session.highlights.trash()] == [h.id]


def test_highlights_after_emoji_land_on_the_right_text(make_window, tmp_path):
    path = tmp_path / "emoji.md"
    path.write_text("# Emoji 🎬 test\n\nFilm 🎥🎞️ and video 📹 models will converge next year.\n")
    window = make_window()
    window.session.library.import_file(path)
    window.controller.refresh()
    article_id = next(a.id for a in window.session.library.summaries() if "Emoji" in a.title)
    window.controller.open_article(article_id)
    select(window, "models will converge")
    assert window.reading_view.textCursor().selectedText() == "models will converge"
    window.highlights.highlight_selection(1)
    [h] = [h for h in stored(window) if h.article_id == article_id]
    assert h.quote.exact == "models will converge"
    painted = [s for s in window.reading_view.extraSelections() if s.cursor.hasSelection()]
    assert painted[0].cursor.selectedText() == "models will converge"


def test_a_long_list_of_highlights_is_painted_at_once(make_window, qtbot):
    """Hundreds of highlights: equal item heights, laid out in one pass and painted
    (measuring each wrapped item, 50,000 took minutes to show anything)."""
    from reader.ui.highlights.panel import COMPACT_FROM

    window = make_window()
    window.resize(1400, 900)
    article = window.controller.current
    text = article.plain_text
    service = window.session.highlights
    with window.session.db.transaction():  # set-up: one change (one refresh), not hundreds
        for n in range(COMPACT_FROM + 100):
            start = (n * 37) % (len(text) - 40)
            service.add(article.id, text, start, start + 30, n % 5 + 1)
    window.highlights.all_dock.raise_()
    panel = window.highlights.all_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == COMPACT_FROM + 100, timeout=10000)

    def inked() -> int:
        image = panel.view.viewport().grab().toImage()
        return sum(
            image.pixelColor(x, y).lightness() < 160
            for x in range(0, image.width(), 3)
            for y in range(0, min(image.height(), 300), 3)
        )

    qtbot.waitUntil(lambda: inked() > 50)  # text and colour bars, not a blank list
    assert panel.delegate.compact and panel.view.uniformItemSizes()
    assert panel.count_label.text() == f"{COMPACT_FROM + 100:,} highlights"
    first = panel.view.visualRect(panel.model.index(0, 0))
    assert first.top() == 0 and first.height() == panel.view.sizeHintForRow(1)


def test_all_highlights_builds_only_the_rows_it_shows_and_filters_in_sql(make_window, qtbot):
    window = make_window()
    hs, article = window.controller.session.highlights, window.controller.current
    text = article.plain_text
    spans = [m.span() for m in re.finditer(r"\w{5,}", text)][:600]
    with window.session.db.transaction():  # set-up: one change
        made = [hs.add(article.id, text, s, e) for s, e in spans]
        hs.update(made[10].id, note="Überraschend gut")
    window.highlights.all_dock.show()
    window.highlights.all_dock.raise_()
    panel = window.highlights.all_panel
    qtbot.waitUntil(lambda: panel.count_label.text() == "600 highlights")
    model = panel.model
    assert model.rowCount() == 600
    qtbot.waitUntil(lambda: model.loaded_count() > 0)  # once painted
    assert model.loaded_count() <= 200  # the first page or two, not 600 rows
    gone = model.row_of(made[300].id)
    assert gone > 250  # not built yet
    # deleted behind the list's back (as in a race with its query): its row shows nothing
    window.session.db.execute(
        "UPDATE highlights SET deleted_at='2026-01-01' WHERE id=?", (made[300].id,)
    )
    panel.view.scrollToBottom()
    qtbot.waitUntil(lambda: model.data(model.index(599, 0)) is not None)
    assert model.loaded_count() < 600
    panel.view.scrollTo(model.index(gone, 0))
    panel.view.viewport().repaint()
    assert model.data(model.index(gone, 0)) is None
    assert model.data(model.index(gone + 1, 0)) is not None
    assert len(panel.visible_rows()) == 599
    assert panel.view.verticalScrollBar().value() > 0
    panel.text_filter.setText("überRASCHEND")
    qtbot.waitUntil(lambda: panel.count_label.text() == "1 of 600 highlights")
    assert panel.view.verticalScrollBar().value() == 0  # a new filter starts at the top
    [row] = panel.visible_rows()
    assert row.highlight.id == made[10].id


def test_all_highlights_jumps_within_the_open_article_and_keeps_its_place(
    make_window, qtbot, tmp_path
):
    from reader.ui.highlights.model import RowRole

    window = make_window()
    interview = window.controller.current
    select(window, "Project Halo")  # far down the interview
    window.highlights.highlight_selection(2)
    path = tmp_path / "other.md"
    path.write_text("# Other Article\n\nAnother text about video models.\n")
    other = window.session.library.import_file(path)
    window.controller.refresh()
    text = window.session.library.get(other).plain_text
    start = text.index("video models")
    window.controller.session.highlights.add(other, text, start, start + 12)
    window.controller.open_article(interview.id)
    window.highlights.all_dock.show()
    window.highlights.all_dock.raise_()
    panel = window.highlights.all_panel
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
    halo = next(
        panel.model.index(r).data(RowRole)
        for r in range(2)
        if panel.model.index(r).data(RowRole).highlight.article_id == interview.id
    )
    view = window.reading_view
    view.verticalScrollBar().setValue(0)
    panel.highlight_activated.emit(halo)  # the article is already open
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    assert "unanchored" not in window.statusBar().currentMessage()
    # the entry chosen stays chosen while articles open and the list is rebuilt
    panel.view.setCurrentIndex(panel.model.index(panel.model.row_of(halo.highlight.id)))
    window.controller.open_article(other)
    window.controller.open_article(interview.id)
    window.highlights.refresh_library_wide()
    assert panel.view.currentIndex().data(RowRole).highlight.id == halo.highlight.id
    # deleting an article takes its highlights from the list; undo brings them back
    window.controller.delete_article(other)
    qtbot.waitUntil(lambda: panel.model.rowCount() == 1)
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: panel.model.rowCount() == 2)
