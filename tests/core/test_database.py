import sqlite3

import pytest

from reader.core.storage.db import SCHEMA_VERSION, Database, DatabaseError


def test_new_database_has_schema_wal_and_foreign_keys(tmp_path):
    db = Database(tmp_path / "lib.sqlite3")
    assert db.version == SCHEMA_VERSION
    assert db.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    assert db.execute("PRAGMA foreign_keys").fetchone()[0] == 1
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table'")}
    assert {"articles", "highlights", "predictions", "colors", "settings"} <= names
    assert db.execute("SELECT name FROM colors WHERE slot=4").fetchone()[0] == "Pink"


def test_transaction_rolls_back_on_error(tmp_path):
    db = Database(tmp_path / "lib.sqlite3")
    with pytest.raises(RuntimeError), db.transaction() as tx:
        tx.execute("INSERT INTO settings(key, value) VALUES ('a', '1')")
        raise RuntimeError("boom")
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 0


def test_database_from_a_newer_version_is_refused(tmp_path):
    path = tmp_path / "lib.sqlite3"
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.close()
    with pytest.raises(DatabaseError, match="newer Reader"):
        Database(path)


def test_garbage_file_is_a_clear_error_and_is_not_overwritten(tmp_path):
    path = tmp_path / "lib.sqlite3"
    garbage = b"this is not a database" * 100
    path.write_bytes(garbage)
    with pytest.raises(DatabaseError, match="cannot open"):
        Database(path)
    assert path.read_bytes() == garbage
