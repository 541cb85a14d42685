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


def test_new_articles_wait_in_the_inbox_until_the_reader_opens_or_reads_them(make_window, qtbot):
    window = make_window()
    panel = window.library.panel
    assert panel.state == "inbox"
    interview = window.controller.current.title  # opened by the window: still waiting
    qtbot.waitUntil(lambda: tab_texts(window) == ["Inbox 1", "Reading 0", "Archive 0", "All 1"])
    import_two(window, qtbot)  # the last imported is shown, and waits in the Inbox too
    qtbot.waitUntil(lambda: tab_texts(window)[:2] == ["Inbox 3", "Reading 0"])
    assert window.controller.current.title == "A plain text note"
    assert sorted(listed(window)) == sorted([interview, "A plain text note", "Tricky Markdown"])
    tricky = next(a.id for a in window.session.library.summaries() if a.title == "Tricky Markdown")
    panel.article_activated.emit(tricky)  # the reader opens one from the list
    qtbot.waitUntil(lambda: tab_texts(window)[:2] == ["Inbox 2", "Reading 1"])
    assert "Tricky Markdown" in listed(window)  # still listed while it is read
    window.reading.remember_place()  # (nothing read of the one before: it stays waiting)
    panel.show_state("reading")
    assert listed(window) == ["Tricky Markdown"]
    assert window.session.library.shelf.counts() == {"inbox": 2, "reading": 1, "archive": 0}


def test_reading_some_of_an_article_starts_it(make_window, qtbot):
    window = make_window()
    window.resize(1200, 800)
    view = window.reading_view
    qtbot.waitUntil(lambda: not view.placing and view.verticalScrollBar().maximum() > 0)
    qtbot.keyClick(view, Qt.Key.Key_PageDown)
    article = window.controller.current.id
    qtbot.waitUntil(lambda: window.controller.state_of(article) == "reading", timeout=5000)


def test_e_archives_the_open_article_opens_the_next_and_undo_brings_it_back(make_window, qtbot):
    window = active(qtbot, make_window())
    import_two(window, qtbot)
    panel = window.library.panel
    panel.sort_box.setCurrentText("Title")
    panel.article_activated.emit(panel.proxy.index(0, 0).data(SummaryRole).id)
    first = window.controller.current.title
    assert first == "A plain text note"
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 1")
    assert window.controller.current.title != first  # the next one listed is open
    assert first not in listed(window)
    assert "Archived “A plain text note”" in window.statusBar().currentMessage()
    window.undo_stack.undo()  # back: the article, open again, in the state it was
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 0")
    assert window.controller.current.title == first and first in listed(window)
    assert window.controller.state_of(window.controller.current.id) == "reading"
    panel.show_state("archive")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)  # archived, from the Archive tab
    qtbot.waitUntil(lambda: first in listed(window) and tab_texts(window)[2] == "Archive 1")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_E)  # again: back to Reading, still shown
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 0")
    assert listed(window) == [first]  # (the open one stays listed until another opens)
    assert window.controller.state_of(window.controller.current.id) == "reading"
    row = panel.proxy.index(0, 0)  # and says where it went
    meta = panel.view.itemDelegate().meta_for(row, panel.view.fontMetrics(), 2000)
    assert meta.startswith("In Reading · ")
    panel.show_state("reading")
    meta = panel.view.itemDelegate().meta_for(
        panel.proxy.index(0, 0), panel.view.fontMetrics(), 2000
    )
    assert "Reading" not in meta and "Archived" not in meta


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


def test_reading_further_updates_its_row_without_reloading_the_library(make_window, qtbot):
    window = make_window()
    article = window.controller.current.id
    reloads, rows = [], []
    window.controller.library_changed.connect(reloads.append)
    window.controller.articles_updated.connect(rows.append)
    window.controller.record_progress(article, 0.5)
    qtbot.waitUntil(lambda: len(rows) == 1)
    assert reloads == [] and [a.id for a in rows[0]] == [article]
    proxy = window.library.panel.proxy
    shown = next(
        proxy.index(r, 0).data(SummaryRole)
        for r in range(proxy.rowCount())
        if proxy.index(r, 0).data(SummaryRole).id == article
    )
    assert shown.furthest == 0.5 and shown.state == "reading"  # read some: started
    assert tab_texts(window)[:2] == ["Inbox 0", "Reading 1"]
