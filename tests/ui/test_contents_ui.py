"""The Contents panel in the real window: headings, going there, the current one marked,
and an EPUB's contents list made links."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.ui.common.docks import in_front
from tests.core.test_epub import make_epub


def _show_contents(window, qtbot):
    window.contents.dock.show()
    window.contents.dock.raise_()
    panel = window.contents.panel
    qtbot.waitUntil(lambda: len(panel.items) > 0)
    return panel


def _top_title(window) -> str:
    view = window.reading_view
    start = view.offset_in_view(0.0)
    return window.controller.current.plain_text[start : start + 40]


def test_the_interview_lists_its_sections_and_a_click_goes_there(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    panel = _show_contents(window, qtbot)
    titles = [item.text(0) for item in panel.items]
    assert titles[1:] == [
        "The Future of Video-Generation Models: Reasoning Ability and Unified Multimodality",
        "The To C Era Hasn't Arrived Yet",
    ]
    second = panel.items[2]
    rect = panel.tree.visualItemRect(second)
    qtbot.mouseClick(panel.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.waitUntil(lambda: _top_title(window).startswith("The To C Era"))
    qtbot.waitUntil(lambda: panel.tree.currentItem() is second and second.font(0).bold())
    assert not panel.items[1].font(0).bold()


def test_the_current_section_is_marked_as_you_scroll(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    panel = _show_contents(window, qtbot)
    view = window.reading_view
    qtbot.waitUntil(lambda: view._pending_scroll is None, timeout=3000)
    qtbot.waitUntil(lambda: panel.items[0].font(0).bold())  # at the top: the title
    text = window.controller.current.plain_text
    view.scroll_to_range(*(lambda i: (i, i + 10))(text.index("Song Jiaming: I think OpenAI")))
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.items[2])
    view.verticalScrollBar().setValue(0)
    qtbot.waitUntil(lambda: panel.tree.currentItem() is panel.items[0])


def test_ctrl_t_brings_the_contents_forward(make_window, qtbot):
    window = make_window()
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    assert not in_front(window.contents.dock)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: in_front(window.contents.dock))


def test_an_epub_contents_list_is_links_to_its_chapters(make_window, qtbot, tmp_path):
    window = make_window()
    window.resize(900, 380)  # short: the book's second chapter is out of view
    [book] = window.session.library.import_paths([make_epub(tmp_path / "b.epub")]).imported
    window.controller.open_article(book.id)
    panel = _show_contents(window, qtbot)
    assert [i.text(0) for i in panel.items] == [
        "The Test Book",
        "Contents",
        "The Beginning",
        "The Middle",
    ]
    view = window.reading_view
    text = window.controller.current.plain_text
    entry = text.index("The Middle")  # the first: the contents line, not the heading
    assert view.annotations_at(entry + 2) == [("contents", 3)]
    link = view.palette().link().color()  # painted as the article's links are
    painted = [s for s in view.extraSelections() if s.format.foreground().color() == link]
    assert any(s.cursor.selectedText() == "The Middle" for s in painted)
    doc_start, _ = view.to_document(entry + 2, entry + 2)
    cursor = view.textCursor()
    cursor.setPosition(doc_start)
    point = view.cursorRect(cursor).center()
    heading = window.contents.sections[3].start

    def heading_in_view() -> bool:
        cursor.setPosition(view.to_document(heading, heading)[0])
        return view.viewport().rect().contains(view.cursorRect(cursor))

    assert view.verticalScrollBar().maximum() > 0 and not heading_in_view()
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.waitUntil(heading_in_view)


def test_ctrl_d_bookmarks_the_place_lists_it_goes_back_and_removes_it(make_window, qtbot):
    window = make_window()
    window.resize(1400, 900)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    view = window.reading_view
    view.setFocus()
    qtbot.waitUntil(lambda: not view.placing, timeout=3000)
    text = window.controller.current.plain_text
    place = text.index("Song Jiaming: I think OpenAI")
    view.scroll_to_top_of_view(place)
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)
    panel = _show_contents(window, qtbot)
    qtbot.waitUntil(lambda: panel.bookmarks.count() == 1)
    label = panel.bookmarks.item(0).text()
    assert label.startswith("The To C Era Hasn't Arrived Yet — “Song Jiaming: I think OpenAI")
    assert "Bookmarked: “Song Jiaming: I think OpenAI" in window.statusBar().currentMessage()
    view.verticalScrollBar().setValue(0)
    item = panel.bookmarks.item(0)
    qtbot.mouseClick(
        panel.bookmarks.viewport(),
        Qt.MouseButton.LeftButton,
        pos=panel.bookmarks.visualItemRect(item).center(),
    )
    qtbot.waitUntil(lambda: abs(view.offset_in_view(0.0) - place) < 3)
    view.setFocus()
    qtbot.keyClick(view, Qt.Key.Key_D, Qt.KeyboardModifier.ControlModifier)  # again: removed
    qtbot.waitUntil(lambda: panel.bookmarks.count() == 0 and panel.no_bookmarks.isVisible())
    window.undo_stack.undo()  # back
    qtbot.waitUntil(lambda: panel.bookmarks.count() == 1)
    panel.bookmarks.setCurrentRow(0)
    panel.remove_action.trigger()
    qtbot.waitUntil(lambda: panel.bookmarks.count() == 0)
    assert window.session.bookmarks.for_article(window.controller.current.id) == []
