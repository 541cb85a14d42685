"""Backup and restore round-trip exactly; bad backup files are refused clearly."""

from __future__ import annotations

import gzip
import json

import pytest

from reader.core.session import open_session
from reader.core.storage.backup import BackupError, read_backup, restore, snapshot, write_backup
from tests.conftest import CORPUS


def _fill(session):
    session.library.import_paths([CORPUS / "tricky.md", CORPUS / "notes.txt"])
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    start = text.index("Dream Machine")
    session.highlights.add(article.id, text, start, start + 13, 2, "a note", ["consumer"])
    session.highlights.rename_color(4, "Disagree")


def _contents(db) -> dict:
    data = snapshot(db)
    data.pop("created_at")
    return data


def test_backup_wipe_restore_compare(session, tmp_path):
    _fill(session)
    before = _contents(session.db)
    path = write_backup(session.db, tmp_path / "lib.backup.json.gz")
    fresh = open_session(tmp_path / "fresh", first_run=False)
    counts = restore(fresh.db, read_backup(path))
    assert counts["articles"] == 3 and counts["highlights"] == 1
    assert _contents(fresh.db) == before
    fresh.close()


def test_restore_over_a_library_replaces_it(session, tmp_path):
    path = write_backup(session.db, tmp_path / "b.gz")
    _fill(session)
    restore(session.db, read_backup(path))
    assert len(session.library.summaries()) == 1
    assert session.highlights.colors()[3].name == "Pink"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "not a Reader backup"),
        (b"\x1f\x8bgarbage", "not a Reader backup"),
        (b'{"format": "something-else"}', "no 'reader-backup' marker"),
        (b'{"format": "reader-backup", "format_version": 99}', "unsupported backup format"),
        (
            b'{"format": "reader-backup", "format_version": 1, "schema_version": 999, '
            b'"tables": {}}',
            "newer Reader",
        ),
        (
            b'{"format": "reader-backup", "format_version": 1, "schema_version": 1, '
            b'"tables": {"evil; DROP TABLE articles": {"columns": [], "rows": []}}}',
            "unknown table",
        ),
        (
            b'{"format": "reader-backup", "format_version": 1, "schema_version": 1, '
            b'"tables": {"settings": {"columns": ["key"], "rows": [["a", "b"]]}}}',
            "wrong width",
        ),
    ],
)
def test_bad_backups_are_refused(tmp_path, content, reason):
    path = tmp_path / "bad"
    path.write_bytes(content)
    with pytest.raises(BackupError, match=reason):
        read_backup(path)


def test_restore_with_unknown_column_changes_nothing(session, tmp_path):
    data = snapshot(session.db)
    data["tables"]["settings"] = {
        "columns": ["key", "value", "x); DROP TABLE articles; --"],
        "rows": [["k", "1", "2"]],
    }
    path = tmp_path / "b.json"
    path.write_text(json.dumps(data))
    with pytest.raises(BackupError, match="unknown columns"):
        restore(session.db, read_backup(path))
    assert len(session.library.summaries()) == 1  # rolled back: nothing lost


def test_unwritable_backup_folder_is_a_clear_error(session, tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(BackupError, match="cannot write"):
        write_backup(session.db, blocker / "sub" / "b.gz")


def test_backup_is_gzip_json(session, tmp_path):
    path = write_backup(session.db, tmp_path / "b.gz")
    assert json.loads(gzip.decompress(path.read_bytes()))["format"] == "reader-backup"
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".backup-")]
