"""The window on a full disk: the user is told, and what they typed is not lost."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from tests.ui.test_highlights_ui import select, stored


def test_note_typed_on_a_full_disk_is_kept_and_saved_when_space_returns(make_window, qtbot):
    window = make_window()
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    [h] = stored(window)
    editor = window.highlights.editor
    editor.open_for(h, [], window.mapToGlobal(window.rect().center()))
    db = window.controller.session.db
    db.execute("PRAGMA query_only = ON")  # the library cannot be written now
    qtbot.keyClicks(editor.note_edit, "typed while the disk was full")
    editor.flush()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "Could not save" in box.text()
    assert stored(window)[0].note == ""
    assert editor.note_edit.toPlainText() == "typed while the disk was full"
    box.close()
    db.execute("PRAGMA query_only = OFF")  # space returns
    editor.flush()
    assert stored(window)[0].note == "typed while the disk was full"


def test_highlighting_on_a_read_only_library_says_why(make_window):
    window = make_window()
    window.controller.session.db.execute("PRAGMA query_only = ON")
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "read-only" in box.text()
    assert window.undo_stack.count() == 0
    window.controller.session.db.execute("PRAGMA query_only = OFF")
    assert stored(window) == []


def note_that_cannot_be_saved(window, text: str):
    """A highlight's note popup with `text` typed while the library cannot be written."""
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    [h] = stored(window)
    editor = window.highlights.editor
    editor.open_for(h, [], window.mapToGlobal(window.rect().center()))
    window.controller.session.db.execute("PRAGMA query_only = ON")
    editor.note_edit.setPlainText(text)
    return editor


def test_closing_with_a_note_that_cannot_be_saved_offers_to_copy_it(
    make_window, qtbot, monkeypatch
):
    from PySide6.QtGui import QGuiApplication

    window = make_window()
    note_that_cannot_be_saved(window, "cannot be saved yet")
    answers = iter(["Keep Open", "Copy Note and Close"])

    def exec_box(box):
        wanted = next(answers)
        for button in box.buttons():
            if button.text() == wanted:
                box.setProperty("clicked", wanted)
                button.click()
        return 0

    monkeypatch.setattr(QMessageBox, "exec", exec_box)
    assert window.close() is False  # kept open
    assert window.isVisible()
    assert window.close() is True
    assert QGuiApplication.clipboard().text() == "cannot be saved yet"
    window.controller.session.db.execute("PRAGMA query_only = OFF")


def test_told_to_end_with_a_note_that_cannot_be_saved_keeps_it_in_a_file(
    make_window, qtbot, monkeypatch, data_dir
):
    from PySide6.QtWidgets import QApplication

    window = make_window()
    note_that_cannot_be_saved(window, "typed as the system logged out")
    asked = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: asked.append(box.text()) or 0)
    monkeypatch.setattr(QApplication, "quit", lambda: None)  # (the tests' own loop goes on)
    window.end_now()
    assert not window.isVisible()
    assert asked == []  # no one to ask: nothing waits for an answer
    [kept] = (data_dir / "unsaved").glob("note-*.txt")
    assert kept.read_text(encoding="utf-8") == "typed as the system logged out"
    window.controller.session.db.execute("PRAGMA query_only = OFF")
