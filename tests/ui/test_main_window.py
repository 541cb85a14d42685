"""The real main window over a throwaway data folder."""

from __future__ import annotations

from PySide6.QtCore import QRect, Qt
from PySide6.QtWidgets import QMessageBox, QTabBar

from reader.ui.common.docks import in_front
from tests.conftest import CORPUS


def test_fresh_start_opens_on_the_interview(make_window):
    window = make_window()
    article = window.controller.current
    assert article is not None and article.slug == "luma-ai-chief-scientist-interview"
    text = window.reading_view.toPlainText()
    assert text.startswith("Exclusive Interview with the Chief Scientist of Luma AI")
    assert "Intelligent Emergence:" in text
    assert window.library.panel.view.model().rowCount() == 1
    assert "Luma AI" in window.windowTitle()
    assert "min left" in window.reading.progress_label.text()


def test_first_start_shows_the_predictions_then_the_tab_the_reader_chose(
    make_window, data_dir, qtbot
):
    window = make_window()
    qtbot.waitUntil(lambda: in_front(window.predictions.dock))
    assert not in_front(window.highlights.dock)
    assert window.predictions.panel.model.rowCount() > 0  # the interview's own
    assert window.highlights.panel.count_label.text().startswith("No highlights yet")
    window.highlights.dock.raise_()
    qtbot.waitUntil(lambda: in_front(window.highlights.dock))
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    qtbot.waitUntil(lambda: in_front(again.highlights.dock))
    assert not in_front(again.predictions.dock)


def test_reading_column_is_a_comfortable_measure(make_window):
    window = make_window()
    window.resize(1600, 900)
    view = window.reading_view
    margin = view.document().rootFrame().frameFormat().leftMargin()
    column = view.viewport().width() - 2 * margin
    from PySide6.QtGui import QFontMetricsF

    avg = QFontMetricsF(view.document().defaultFont()).horizontalAdvance("abcdefghij klmnop ") / 18
    assert 60 <= column / avg <= 80
    assert margin > 100  # centred, not stretched across a wide window


def test_remembers_last_article_scroll_and_font_across_restarts(make_window, data_dir, qtbot):
    window = make_window()
    window.controller.import_paths([CORPUS / "tricky.md"])
    qtbot.waitUntil(lambda: window.controller.current.title == "Tricky Markdown", timeout=5000)
    interview_id = window.library.panel.model._rows[0].id
    window.controller.open_article(interview_id)
    window.reading.zoom(+2)
    bar = window.reading_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0)
    bar.setValue(bar.maximum() // 2)
    window.close()
    window.controller.session.close()

    again = make_window(data_dir)
    assert again.controller.current.id == interview_id
    assert again.reading_view.point_size == window.reading_view.point_size
    bar = again.reading_view.verticalScrollBar()
    qtbot.waitUntil(lambda: bar.maximum() > 0 and abs(bar.value() - bar.maximum() // 2) < 40)


def test_import_shows_progress_and_opens_the_new_article(make_window, qtbot, tmp_path):
    window = make_window()
    window.library.panel.show_state(None)  # All: the interview (being read) and the new
    bad = tmp_path / "bad.md"
    bad.write_bytes(b"\x00\x00binary")
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000) as blocker:
        window.import_paths([CORPUS / "tricky.md", CORPUS / "notes.txt", bad])
    report = blocker.args[0]
    assert len(report.imported) == 2 and len(report.failed) == 1
    assert window.library.panel.view.model().rowCount() == 3
    opened = window.controller.current
    assert opened is not None and window.library.panel.current_id() == opened.id
    box = window.findChild(QMessageBox, "importReport")
    assert box is not None and "bad.md" in box.informativeText()
    box.close()


def test_delete_with_confirmation_then_undo(make_window, qtbot, monkeypatch):
    window = make_window()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    article_id = window.controller.current.id
    window.library.confirm_delete()
    assert window.library.panel.view.model().rowCount() == 0
    assert window.controller.current is None
    window.undo_stack.undo()
    assert window.library.panel.view.model().rowCount() == 1
    assert window.controller.current.id == article_id
    window.undo_stack.redo()
    assert window.library.panel.view.model().rowCount() == 0


def test_restore_bundled_article_from_the_menu(make_window, monkeypatch):
    window = make_window()
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    window.library.confirm_delete()
    window.findChild(type(window.library.delete_action), "restoreBundledAction").trigger()
    assert window.controller.current.slug == "luma-ai-chief-scientist-interview"


def test_zoom_and_themes(make_window, qtbot):
    window = make_window()
    size = window.reading_view.point_size
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    qtbot.keyClick(window.reading_view, Qt.Key.Key_Equal, Qt.KeyboardModifier.ControlModifier)
    assert window.reading_view.point_size == size + 1
    qtbot.keyClick(window.reading_view, Qt.Key.Key_0, Qt.KeyboardModifier.ControlModifier)
    assert window.reading_view.point_size == size
    light_panel = window.library.panel.palette().window().color()
    window.set_theme("dark")
    assert window.reading_view.palette().base().color().name() == "#1c1d20"
    # the panels, lists and menus go dark with the page
    qtbot.waitUntil(lambda: window.library.panel.palette().window().color().lightness() < 60)
    assert window.library.panel.view.palette().base().color().name() == "#1c1d20"
    assert window.menuBar().palette().window().color().lightness() < 60
    window.set_theme("sepia")
    assert window.reading_view.palette().base().color().name() == "#f6efe1"
    qtbot.waitUntil(lambda: window.library.panel.palette().window().color() == light_panel)


def test_links_are_not_followed_and_nothing_remote_loads(make_window, qtbot, monkeypatch):
    from PySide6.QtCore import QUrl
    from PySide6.QtGui import QDesktopServices, QTextDocument

    opened = []
    monkeypatch.setattr(QDesktopServices, "openUrl", lambda url: opened.append(url.toString()))
    window = make_window()
    view = window.reading_view
    assert (
        view.loadResource(
            int(QTextDocument.ResourceType.ImageResource), QUrl("https://tracker.example/p.gif")
        )
        is None
    )
    view.anchorClicked.emit(QUrl("https://example.org/"))
    view.anchorClicked.emit(QUrl("file:///etc/passwd"))
    assert opened == ["https://example.org/"]


def test_filter_library_by_title(make_window, qtbot):
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths([CORPUS / "tricky.md"])
    qtbot.keyClicks(window.library.panel.filter_box, "tricky")
    assert window.library.panel.view.model().rowCount() == 1


def test_the_library_list_sorts_and_filters_and_keeps_the_selection(make_window, tmp_path):
    window = make_window()
    window.library.panel.show_state(None)  # All (the interview is being read)
    for name, words in (("Banana Article", 40), ("apple article", 10), ("Cherry Piece", 25)):
        path = tmp_path / f"{name}.md"
        path.write_text(f"# {name}\n\n" + " ".join(["word"] * words) + f" {name}.\n")
        window.controller.session.library.import_file(path)
    window.controller.refresh()
    panel = window.library.panel
    cherry = next(a.id for a in window.session.library.summaries() if a.title == "Cherry Piece")
    window.controller.open_article(cherry)
    panel.select(cherry)

    def titles() -> list[str]:
        return [panel.proxy.index(r, 0).data() for r in range(panel.proxy.rowCount())]

    expected = {
        "Title": ["apple article", "Banana Article", "Cherry Piece"],
        "Longest first": ["Exclusive", "Banana Article", "Cherry Piece", "apple article"],
        "Shortest first": ["apple article", "Cherry Piece", "Banana Article", "Exclusive"],
        "Newest first": ["Cherry Piece", "apple article", "Banana Article", "Exclusive"],
    }
    for label, order in expected.items():
        panel.sort_box.setCurrentText(label)
        shown = [t for t in titles() if t in order or t.startswith("Exclusive")]
        got = [("Exclusive" if t.startswith("Exclusive") else t) for t in shown]
        assert [t for t in got if t in order] == order, label
        assert panel.current_id() == cherry, label  # the selection follows its article
    panel.filter_box.setText("article")
    assert sorted(titles()) == ["Banana Article", "apple article"]
    assert panel.current_id() is None  # the open article is filtered out: nothing else chosen
    panel.filter_box.setText("durian")
    assert panel.empty_note.isVisible() and "durian" in panel.empty_note.text()
    panel.filter_box.setText("piece")
    assert not panel.empty_note.isVisible()
    assert panel.current_id() == cherry
    panel.filter_box.clear()
    assert panel.current_id() == cherry


def test_every_shortcut_of_the_window_is_in_the_help_table(make_window):
    from PySide6.QtGui import QAction

    from reader.ui.window.help_dialogs import SHORTCUTS

    window = make_window()
    listed = " | ".join(keys for _, keys, _ in SHORTCUTS)
    aliases = {"Ctrl+Y", "Ctrl++", "Ctrl+=", "Ctrl+-"}  # shown as Ctrl+Shift+Z, Ctrl+Plus…
    missing = {
        f"{action.text()} {seq.toString()}"
        for action in window.findChildren(QAction)
        for seq in action.shortcuts()
        if seq.toString() and seq.toString() not in listed and seq.toString() not in aliases
    }
    assert not missing


def visible_dock_tab_bars(window) -> list[tuple[list[str], QRect]]:
    return [
        ([bar.tabText(i) for i in range(bar.count())], bar.geometry())
        for bar in window.findChildren(QTabBar)
        if bar.parent() is window and bar.isVisible()
    ]


def test_no_stray_dock_tab_bar_is_painted_over_the_window(make_window, qtbot, data_dir):
    window = make_window()
    expected = [["Highlights", "Predictions", "All Highlights"], ["Library", "Search", "Contents"]]
    qtbot.waitUntil(lambda: sorted(tabs for tabs, _ in visible_dock_tab_bars(window)) == expected)
    reading = window.centralWidget().geometry()
    bars = visible_dock_tab_bars(window)
    assert not any(rect.intersects(reading) for _, rect in bars)
    window.library.dock.hide()  # closed by the user, remembered
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)
    qtbot.waitUntil(  # the right-hand group, and Search with Contents on the left
        lambda: (
            sorted(tabs for tabs, _ in visible_dock_tab_bars(again))
            == [["Highlights", "Predictions", "All Highlights"], ["Search", "Contents"]]
        )
    )
    bars = visible_dock_tab_bars(again)
    assert not any("Library" in tabs for tabs, _ in bars)
    assert not any(rect.intersects(again.centralWidget().geometry()) for _, rect in bars)
    again.highlights.dock.raise_()
    again.predictions.dock.raise_()  # the real bar still switches the tabs
    qtbot.waitUntil(lambda: again.predictions.panel.isVisible())


def test_deleting_the_open_article_opens_the_next_one_in_the_list(
    make_window, tmp_path, monkeypatch
):
    window = make_window()
    window.library.panel.show_state(None)  # All: as it lists them
    monkeypatch.setattr(QMessageBox, "exec", lambda box: QMessageBox.StandardButton.Yes)
    for name in ("First", "Second", "Third"):  # saved in this order: newest first lists
        path = tmp_path / f"{name}.md"  # Third, Second, First, then the interview
        path.write_text(f"# {name}\n\nSome words of the {name.lower()} article.\n")
        window.controller.session.library.import_file(path)
    window.controller.refresh()
    panel = window.library.panel
    panel.sort_box.setCurrentText("Newest first")
    ids = {a.title: a.id for a in window.session.library.summaries()}
    window.controller.open_article(ids["Second"])
    window.library.confirm_delete()
    assert window.controller.current.title == "First"  # the one below it, not the oldest
    window.controller.open_article(ids["Third"])
    panel.sort_box.setCurrentText("Title")  # Exclusive…, First, Third: Third is last
    window.library.confirm_delete()
    assert window.controller.current.title == "First"  # the one above it
