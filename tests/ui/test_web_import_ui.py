"""Saving from a URL and pasting from the clipboard, in the real window."""

from __future__ import annotations

from PySide6.QtCore import QMimeData
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from tests.core.test_web_import import server  # noqa: F401 (a fixture)


def test_save_from_url_opens_the_article(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000) as blocker:
        window.import_paths([f"{server}/news"])
    assert len(blocker.args[0].imported) == 1
    assert window.controller.current.title == "Robots Learn to Fold Laundry"
    assert "fold shirts" in window.reading_view.toPlainText()


def test_a_bad_url_says_why(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths([f"{server}/missing"])
    box = window.findChild(QMessageBox, "importReport")
    assert box is not None and "404" in box.informativeText()


def test_a_server_that_does_not_exist_is_named_in_words(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths(["http://no-such-host.invalid/story"])
    box = window.findChild(QMessageBox, "importReport")
    told = box.informativeText()
    assert "could not find the server no-such-host.invalid" in told
    assert "Errno" not in told and "Name or service" not in told
    box.close()


def test_paste_html_from_the_clipboard(make_window):
    window = make_window()
    data = QMimeData()
    data.setHtml(
        "<h1>Clipped Story</h1><p>Some <b>copied</b> text from a page.</p><script>alert(1)</script>"
    )
    data.setText("Clipped Story\nSome copied text from a page.")
    QGuiApplication.clipboard().setMimeData(data)
    window.library.paste_article()
    assert window.controller.current.title == "Clipped Story"
    assert "alert" not in window.reading_view.toPlainText()


def test_pasting_nothing_is_a_clear_message(make_window):
    window = make_window()
    QGuiApplication.clipboard().setText("")
    window.library.paste_article()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "clipboard is empty" in box.text()


def test_a_duplicate_can_replace_the_existing_article(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths([f"{server}/news"])
    article = window.controller.current
    start = article.plain_text.index("fold shirts")
    window.controller.session.highlights.add(article.id, article.plain_text, start, start + 11)
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000) as blocker:
        window.import_paths([f"{server}/news"])
    [dup] = blocker.args[0].duplicates
    assert dup.existing_id == article.id
    box = window.findChild(QMessageBox, "importReport")
    replace = next(b for b in box.buttons() if b.text() == "Replace Existing")
    replace.click()
    assert window.controller.current.id == article.id
    [h] = window.controller.session.highlights.for_article(article.id)
    assert h.quote.exact == "fold shirts"
    assert len(window.session.library.summaries()) == 2  # no second copy


def test_a_watched_folder_imports_new_files(make_window, qtbot, tmp_path, data_dir):
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    (inbox / "already-there.md").write_text("# Old\n\nLeft alone.\n")
    window = make_window()
    window.library.watch_folder(inbox)
    assert window.library.watch_action.isChecked()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000) as blocker:
        (inbox / "dropped.md").write_text("# Dropped In\n\nA note saved into the folder.\n")
        (inbox / "ignored.pdf").write_bytes(b"%PDF")
    assert [a.title for a in blocker.args[0].imported] == ["Dropped In"]
    titles = {a.title for a in window.session.library.summaries()}
    assert "Old" not in titles
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)  # remembered across restarts
    assert again.library.folder_watcher.folder == inbox and again.library.watch_action.isChecked()
    again.library.watch_folder(None)
    assert not again.library.watch_action.isChecked()


def test_the_file_menu_has_the_saving_actions_and_their_keys(make_window):
    from PySide6.QtGui import QAction, QKeySequence

    window = make_window()
    keys = {
        a.objectName(): a.shortcut().toString()
        for a in window.findChildren(QAction)
        if a.objectName()
    }
    assert keys["saveUrlAction"] == QKeySequence("Ctrl+L").toString()
    assert keys["pasteAction"] == QKeySequence("Ctrl+Shift+V").toString()
    assert keys["exportAction"] == QKeySequence("Ctrl+E").toString()
    assert keys["importFolder"] == QKeySequence("Ctrl+Shift+O").toString()
    assert "watchAction" in keys


def _reads_searches_and_highlights(window, qtbot, phrase: str, unique_word: str) -> None:
    """The open article shows its text, search finds it, and a selection becomes a highlight."""
    from PySide6.QtCore import Qt

    from tests.ui.test_highlights_ui import select

    article = window.controller.current
    assert phrase in window.reading_view.toPlainText()
    qtbot.waitUntil(lambda: window.search.controller.ready, timeout=20000)
    with qtbot.waitSignal(window.search.controller.search_finished, timeout=10000) as found:
        window.search.controller.search_now(unique_word)
    assert [hit.article_id for hit in found.args[0].hits] == [article.id]
    start, end = select(window, phrase)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_3)
    [h] = window.controller.session.highlights.for_article(article.id)
    assert (h.quote.exact, h.position.start, h.position.end, h.color) == (phrase, start, end, 3)


def test_every_way_in_reads_searches_and_highlights(make_window, qtbot, server, tmp_path):  # noqa: F811
    """The issue's user: a page from a server, a paste, an EPUB and a saved page."""
    from tests.conftest import DATA
    from tests.core.test_epub import make_epub

    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths([f"{server}/longform"])
    assert window.controller.current.publication == "The Daily Frame"
    _reads_searches_and_highlights(window, qtbot, "a door opened on the left", "helicopter")

    data = QMimeData()
    data.setHtml(
        "<html><body><!--StartFragment--><h1>Pasted Clip</h1><p>Zeppelins may return"
        " as cargo carriers by 2035.</p><!--EndFragment--></body></html>"
    )
    data.setText("Pasted Clip\nZeppelins may return as cargo carriers by 2035.")
    QGuiApplication.clipboard().setMimeData(data)
    window.library.paste_article()
    _reads_searches_and_highlights(window, qtbot, "as cargo carriers", "zeppelins")

    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths([make_epub(tmp_path / "book.epub")])
    assert window.controller.current.title == "The Test Book"
    _reads_searches_and_highlights(window, qtbot, "quiet morning", "morning")

    saved = tmp_path / "saved"
    (saved / "Ad agencies_files").mkdir(parents=True)
    (saved / "Ad agencies_files" / "frame.html").write_text("<p>an ad frame</p>")
    (saved / "Ad agencies.html").write_bytes((DATA / "web" / "divsoup.html").read_bytes())
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000) as blocker:
        window.import_paths([saved])
    assert [a.title for a in blocker.args[0].imported] == ["Ad agencies bet on synthetic spots"]
    _reads_searches_and_highlights(window, qtbot, "forty regional versions", "anonymity")
