"""A damaged library at start: set aside, the window opens, a backup can be restored."""

from __future__ import annotations

from reader.app import build_main_window, offer_restore, set_aside_if_damaged
from reader.core.session import open_session
from reader.core.storage.backup import write_backup
from reader.core.storage.paths import database_path
from reader.core.storage.recovery import backup_folder
from reader.ui.window.recovery_dialog import RecoveryDialog
from tests.conftest import CORPUS


def test_damaged_library_is_set_aside_and_a_backup_restored(qtbot, data_dir, monkeypatch):
    session = open_session(data_dir)
    session.library.import_paths([CORPUS / "tricky.md"])
    backup_folder(data_dir).mkdir()
    write_backup(session.db, backup_folder(data_dir) / "auto-20261120-000000.json.gz")
    session.close()
    garbage = b"\x00garbage" * 4096
    database_path(data_dir).write_bytes(garbage)

    reason, moved = set_aside_if_damaged(data_dir)
    assert "not an SQLite database" in reason and moved.read_bytes() == garbage
    window = build_main_window(data_dir)
    qtbot.addWidget(window)
    assert window.library.panel.view.model().rowCount() == 1  # a fresh library

    def choose_first(dialog):
        dialog._accept_current()
        return 1

    monkeypatch.setattr(RecoveryDialog, "exec", choose_first)
    offer_restore(window, reason, moved)
    titles = {a.title for a in window.session.library.summaries()}
    assert "Tricky Markdown" in titles and window.controller.current is not None
    assert list(backup_folder(data_dir).glob("before-restore-*.json.gz"))  # kept, dated
    window.close()
    window.controller.session.close()


def test_healthy_library_is_left_alone(data_dir):
    open_session(data_dir).close()
    assert set_aside_if_damaged(data_dir) is None
