"""Keeping a library in order in the real window: Inbox, Reading, Archive with counts,
archiving with E, tags with T, filters and collections, how far each article is read."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QInputDialog

from reader.ui.common.tag_edit import TagEdit
from reader.ui.library.article_model import SummaryRole
from tests.conftest import CORPUS


def listed(window) -> list[str]:
    proxy = window.library.panel.proxy
    return [proxy.index(r, 0).data(SummaryRole).title for r in range(proxy.rowCount())]


def tab_texts(window) -> list[str]:
    tabs = window.library.panel.tabs
    return [tabs.tabText(i) for i in range(tabs.count())]


def import_two(window, qtbot):
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths([CORPUS / "tricky.md", CORPUS / "notes.txt"])


def active(qtbot, window):
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    return window


def test_new_articles_arrive_in_the_inbox_and_opening_one_starts_reading_it(make_window, qtbot):
    window = make_window()
    panel = window.library.panel
    assert panel.state == "inbox"
    interview = window.controller.current.title
    qtbot.waitUntil(lambda: tab_texts(window) == ["Inbox 0", "Reading 1", "Archive 0", "All 1"])
    assert listed(window) == [interview]  # opened: in Reading, still listed while read
    import_two(window, qtbot)  # the last imported is opened, so it is being read
    qtbot.waitUntil(lambda: tab_texts(window)[:2] == ["Inbox 1", "Reading 2"])
    assert window.controller.current.title == "A plain text note"
    assert sorted(listed(window)) == ["A plain text note", "Tricky Markdown"]
    panel.show_state("reading")
    assert sorted(listed(window)) == sorted([interview, "A plain text note"])
    assert window.session.library.shelf.counts() == {"inbox": 1, "reading": 2, "archive": 0}


def test_e_archives_the_open_article_opens_the_next_and_undo_brings_it_back(make_window, qtbot):
    window = active(qtbot, make_window())
    import_two(window, qtbot)
    panel = window.library.panel
    panel.show_state("reading")
    panel.sort_box.setCurrentText("Title")
    window.controller.open_article(window.library.panel.proxy.index(0, 0).data(SummaryRole).id)
    first = window.controller.current.title
    assert first == "A plain text note"
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 1")
    assert window.controller.current.title != first  # the next one listed is open
    assert first not in listed(window)
    assert "Archived “A plain text note”" in window.statusBar().currentMessage()
    window.undo_stack.undo()
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 0")
    assert first in listed(window)
    panel.show_state("archive")
    window.controller.open_article(
        next(a.id for a in window.session.library.summaries() if a.title == first)
    )
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)  # not archived: archived now
    qtbot.waitUntil(lambda: listed(window) == [first])
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)  # again: back to Reading
    qtbot.waitUntil(lambda: listed(window) == [])
    assert window.controller.state_of(window.controller.current.id) == "reading"


def test_t_tags_the_article_and_the_filter_and_a_collection_find_it(
    make_window, qtbot, monkeypatch
):
    window = active(qtbot, make_window())
    import_two(window, qtbot)

    def fill_in(dialog):
        edit = dialog.findChild(TagEdit, "articleTags")
        edit.setText("garden, To read")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(QDialog, "exec", fill_in)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_T)
    current = window.controller.current
    assert window.controller.article_tags(current.id) == ("garden", "to-read")
    panel = window.library.panel
    panel.show_state(None)
    panel.filter_box.setText("tag:garden")
    qtbot.waitUntil(lambda: listed(window) == [current.title])
    panel.filter_box.setText("note tag:garden")  # a title word too
    assert listed(window) == [current.title]
    panel.filter_box.setText("saved:March")
    assert "Not understood: saved: takes a date" in panel.empty_note.text()
    panel.filter_box.setText("tag:garden")
    monkeypatch.setattr(QInputDialog, "getText", lambda *a, **k: ("Garden", True))
    window.library.save_collection()
    assert window.controller.collections() == {"Garden": "tag:garden"}
    panel.filter_box.clear()
    panel.show_state("archive")
    [chosen] = [a for a in panel.collections_menu.actions() if a.text() == "Garden"]
    chosen.trigger()
    assert panel.state is None and panel.filter_box.text() == "tag:garden"
    assert listed(window) == [current.title]
    window.session.library.shelf.add_tags(  # kept up to date: another article joins
        next(a.id for a in window.session.library.summaries() if a.title == "Tricky Markdown"),
        ["garden"],
    )
    qtbot.waitUntil(lambda: sorted(listed(window)) == sorted([current.title, "Tricky Markdown"]))


def test_how_far_each_article_is_read_is_kept_and_shown(make_window, qtbot, data_dir):
    window = make_window()
    window.resize(1200, 800)
    view = window.reading_view
    qtbot.waitUntil(lambda: view.verticalScrollBar().maximum() > 0)
    qtbot.waitUntil(lambda: not view.placing, timeout=3000)
    bar = view.verticalScrollBar()
    while bar.value() < bar.maximum() * 0.6:
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    article = window.controller.current.id

    def furthest() -> float:
        return next(a.furthest for a in window.session.library.summaries() if a.id == article)

    qtbot.waitUntil(lambda: furthest() >= 0.59, timeout=5000)  # saved as you stop scrolling
    panel = window.library.panel
    row = panel.proxy.index(0, 0).data(SummaryRole)
    assert row.furthest >= 0.59 and row.minutes_left < row.reading_minutes
    qtbot.keyClick(view, Qt.Key.Key_Home)  # reading back does not unread it
    window.reading.remember_place()
    assert furthest() >= 0.59
    while bar.value() < bar.maximum() * 0.3:  # the place is where it was left, though
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    qtbot.waitUntil(
        lambda: "Continuing where you left off: 3" in again.statusBar().currentMessage()
    )
    assert again.library.panel.proxy.index(0, 0).data(SummaryRole).furthest >= 0.59
