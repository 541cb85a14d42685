"""File › Back Up Library… and Restore Library from Backup…: the same backups as
`reader backup` and `reader restore`, with a confirmation and a report that stays."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QMessageBox

from reader.core.storage.backup import is_backup
from reader.core.storage.recovery import backup_folder
from reader.ui.window.backups import BackupActions
from tests.conftest import CORPUS


def trigger(window, name: str) -> None:
    window.findChild(QAction, name).trigger()


def notes(window) -> list[str]:
    return [h.note for h in window.session.highlights.for_article(window.controller.current.id)]


def test_back_up_then_restore_from_the_file_menu(make_window, qtbot, monkeypatch, tmp_path):
    window = make_window()
    article = window.controller.current
    window.session.highlights.add(article.id, article.plain_text, 0, 12, note="kept")
    suggested = []

    def save_as(_parent, _caption, directory, _filter):
        suggested.append(directory)
        return str(tmp_path / "mine.json.gz"), ""

    monkeypatch.setattr(QFileDialog, "getSaveFileName", save_as)
    trigger(window, "backupAction")
    qtbot.waitUntil(lambda: "Backed up the library" in window.statusBar().currentMessage())
    assert is_backup(tmp_path / "mine.json.gz")
    assert suggested[0].startswith(str(backup_folder(window.session.folder)))

    window.session.highlights.add(article.id, article.plain_text, 20, 30, note="later")
    monkeypatch.setattr(
        QFileDialog, "getOpenFileName", lambda *a: (str(tmp_path / "mine.json.gz"), "")
    )

    def press_restore():
        box = window.findChild(QMessageBox, "confirmRestore")
        assert "mine.json.gz" in box.text() and "safety copy" in box.informativeText()
        [restore] = [
            b for b in box.buttons() if box.buttonRole(b) == QMessageBox.ButtonRole.DestructiveRole
        ]
        restore.click()

    QTimer.singleShot(0, press_restore)
    with qtbot.waitSignal(window.search.controller.index_ready, timeout=20000):
        trigger(window, "restoreBackupAction")  # (then the index is rebuilt)
    assert notes(window) == ["kept"]
    report = window.findChild(QMessageBox, "restoreReport")
    predictions = len(window.session.predictions.for_article(article.id))
    assert f"1 article, 1 highlight and {predictions} predictions from mine.json.gz" in (
        report.text()
    )
    assert "before-restore-" in report.text()
    assert report.isVisible()  # still there once the index is rebuilt
    assert window.undo_stack.count() == 0


def test_a_restore_keeps_the_article_being_read_when_the_backup_has_it(
    make_window, qtbot, monkeypatch, tmp_path
):
    window = make_window()
    window.import_paths([CORPUS / "tricky.md"])
    qtbot.waitUntil(lambda: window.controller.current.title == "Tricky Markdown", timeout=10000)
    reading = window.controller.current.id
    path = window.session.write_backup(tmp_path / "both.json.gz")
    monkeypatch.setattr(BackupActions, "confirm_restore", lambda self, path: True)
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    trigger(window, "restoreBackupAction")
    assert window.controller.current.id == reading
    assert window.library.panel.current_id() == reading
    window.findChild(QMessageBox, "restoreReport").close()


def test_a_restore_not_confirmed_changes_nothing(make_window, monkeypatch, tmp_path):
    window = make_window()
    path = window.session.write_backup(tmp_path / "b.json.gz")
    article = window.controller.current
    window.session.highlights.add(article.id, article.plain_text, 0, 12, note="mine")
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a: (str(path), ""))
    QTimer.singleShot(0, lambda: window.findChild(QMessageBox, "confirmRestore").reject())
    trigger(window, "restoreBackupAction")
    assert notes(window) == ["mine"]
    assert not list(backup_folder(window.session.folder).glob("before-restore-*"))


def test_backing_up_over_a_file_of_the_user_s_keeps_it_and_says_so(
    make_window, qtbot, monkeypatch, tmp_path
):
    window = make_window()
    thesis = tmp_path / "thesis.json.gz"
    thesis.write_bytes(b"chapter one")
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a: (str(thesis), ""))
    trigger(window, "backupAction")
    qtbot.waitUntil(lambda: "Backed up" in window.statusBar().currentMessage())
    told = window.statusBar().currentMessage()
    assert "thesis.json.gz is not a Reader backup, so it was kept" in told
    assert thesis.read_bytes() == b"chapter one" and is_backup(tmp_path / "thesis (2).json.gz")
