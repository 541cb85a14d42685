"""A damaged database is detected and set aside, never overwritten; daily backups."""

from __future__ import annotations

import sqlite3

from reader.core.session import open_session
from reader.core.storage import recovery
from reader.core.storage.backup import read_backup, restore
from reader.core.storage.paths import database_path
from reader.core.storage.recovery import auto_backup, backups, damage, set_aside


def test_garbage_and_truncated_databases_are_detected(session, tmp_path):
    path = database_path(session.folder)
    session.close()
    assert damage(path) is None
    garbage = tmp_path / "g.sqlite3"
    garbage.write_bytes(b"not a database at all" * 50)
    assert "not an SQLite database" in damage(garbage)
    truncated = tmp_path / "t.sqlite3"
    truncated.write_bytes(path.read_bytes()[: 4096 + 100])
    assert damage(truncated) is not None
    assert damage(tmp_path / "missing.sqlite3") is None


def test_an_unchanged_database_that_passed_is_not_read_through_again(session, monkeypatch):
    path = database_path(session.folder)
    session.close()
    checks = []
    real = recovery._checked
    monkeypatch.setattr(recovery, "_checked", lambda p: checks.append(p) or real(p))
    assert damage(path) is None and len(checks) == 1
    assert damage(path) is None and len(checks) == 1  # the same file, unchanged
    with sqlite3.connect(path) as conn:  # any write: checked again
        conn.execute("UPDATE articles SET title = title || '!'")
    conn.close()
    assert damage(path) is None and len(checks) == 2
    data = bytearray(path.read_bytes())  # a page's bytes spoiled, the size kept
    page = 4096 * (len(data) // 4096 - 1)
    data[page : page + 4096] = b"\x0d" + b"\xff" * 4095
    path.write_bytes(bytes(data))
    assert "damaged" in damage(path) and len(checks) == 3
    assert "damaged" in damage(path) and len(checks) == 4  # damage is never remembered


def test_a_write_during_the_check_is_not_recorded_as_checked(session, monkeypatch):
    path = database_path(session.folder)
    session.close()
    checks = []
    real = recovery._checked

    def checked_while_written(p):
        checks.append(p)
        found = real(p)
        with sqlite3.connect(path) as conn:  # (the window writes while `reader` checks)
            conn.execute("UPDATE articles SET title = title || '?'")
        conn.close()
        return found

    monkeypatch.setattr(recovery, "_checked", checked_while_written)
    assert damage(path) is None and damage(path) is None
    assert len(checks) == 2  # what was written meanwhile was never checked: again


def test_a_spoiled_record_of_the_check_means_checking_again(session, monkeypatch):
    path = database_path(session.folder)
    session.close()
    assert damage(path) is None
    record = path.with_name(path.name + ".checked")
    checks = []
    real = recovery._checked
    monkeypatch.setattr(recovery, "_checked", lambda p: checks.append(p) or real(p))
    for spoiled in ("not json", "[1, 2]", ""):
        record.write_text(spoiled)
        assert damage(path) is None
    assert len(checks) == 3
    other = path.with_name("other.sqlite3")  # another file put in its place
    other.write_bytes(path.read_bytes())
    other.replace(path)
    assert damage(path) is None and len(checks) == 4


def test_set_aside_moves_the_file_and_its_journal_untouched(tmp_path):
    path = tmp_path / "library.sqlite3"
    path.write_bytes(b"damaged bytes")
    (tmp_path / "library.sqlite3-wal").write_bytes(b"wal")
    moved = set_aside(path)
    assert not path.exists() and moved.read_bytes() == b"damaged bytes"
    assert moved.with_name(moved.name + "-wal").read_bytes() == b"wal"
    path.write_bytes(b"again")
    assert set_aside(path) != moved  # a second one never overwrites the first


def test_daily_backup_keeps_seven_and_restores(session, data_dir):
    t0 = 1_800_000_000
    first = auto_backup(session.db, data_dir, now=t0)
    assert first is not None
    assert auto_backup(session.db, data_dir, now=t0 + 3600) is None  # not due yet
    for day in range(1, 10):
        assert auto_backup(session.db, data_dir, now=t0 + day * 86_400 + 1) is not None
    autos = sorted(p.name for p in backups(data_dir))
    assert len(autos) == 7 and autos[0] == "auto-20270118-080001.json.gz"  # oldest dropped
    fresh = open_session(data_dir / "fresh", first_run=False)
    restore(fresh.db, read_backup(backups(data_dir)[0]))
    assert len(fresh.library.summaries()) == 1
    fresh.close()


def test_unsaved_text_goes_to_the_library_folder_else_the_temporary_folder(tmp_path, monkeypatch):
    import tempfile

    from reader.core.storage.recovery import keep_unsaved_text

    folder = tmp_path / "library"
    folder.mkdir()
    kept = keep_unsaved_text(folder, "a note typed on a full disk")
    assert kept.parent == folder / "unsaved" and kept.name.startswith("note-")
    assert kept.read_text(encoding="utf-8") == "a note typed on a full disk"
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the folder would be")  # unsaved/ cannot be made there
    monkeypatch.setattr(tempfile, "gettempdir", lambda: str(tmp_path / "tmp"))
    elsewhere = keep_unsaved_text(blocked, "still kept")
    assert elsewhere.parent == tmp_path / "tmp" / "reader-unsaved"
    assert elsewhere.read_text(encoding="utf-8") == "still kept"
