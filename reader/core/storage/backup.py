"""Full backup and restore of the library: every table, as one JSON document."""

from __future__ import annotations

import gzip
import json
import os
import tempfile
from pathlib import Path

from reader.core.changes import Changes
from reader.core.storage.db import SCHEMA_VERSION, Database, utc_now

FORMAT = "reader-backup"
FORMAT_VERSION = 1
# Parents before children, so foreign keys hold while restoring.
TABLES = (
    "articles",
    "colors",
    "settings",
    "highlights",
    "highlight_tags",
    "predictions",
    "prediction_tags",
)
MAX_BACKUP_BYTES = 2 * 1024**3


class BackupError(Exception):
    """A backup that cannot be written or read; the message says why."""


def _columns(db: Database, table: str) -> list[str]:
    return [r[1] for r in db.execute(f"PRAGMA table_info({table})")]


def snapshot(db: Database) -> dict:
    """Every row of every table (one read transaction, so it is consistent)."""
    data: dict = {
        "format": FORMAT,
        "format_version": FORMAT_VERSION,
        "schema_version": SCHEMA_VERSION,
        "created_at": utc_now(),
        "tables": {},
    }
    db.execute("BEGIN")
    try:
        for table in TABLES:
            cols = _columns(db, table)
            rows = db.execute(f"SELECT {', '.join(cols)} FROM {table} ORDER BY rowid").fetchall()
            data["tables"][table] = {"columns": cols, "rows": [list(r) for r in rows]}
    finally:
        db.execute("COMMIT")
    return data


def write_backup(db: Database, path: Path) -> Path:
    """Write a gzip-compressed JSON backup atomically (temp file, fsync, rename)."""
    payload = json.dumps(snapshot(db), ensure_ascii=False).encode("utf-8")
    path = Path(path)
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".backup-", dir=folder)
    except OSError as exc:
        raise BackupError(f"cannot write to {folder}: {exc.strerror or exc}") from exc
    try:
        with os.fdopen(fd, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0) as gz:
            gz.write(payload)
            gz.flush()
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise BackupError(f"cannot write the backup {path}: {exc.strerror or exc}") from exc
    return path


def read_backup(path: Path) -> dict:
    """Parse and validate a backup file; BackupError on anything unexpected."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise BackupError("the backup is larger than 2 GB; refusing to read it")
        raw = path.read_bytes()
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from exc
    try:
        text = gzip.decompress(raw) if raw[:2] == b"\x1f\x8b" else raw
        data = json.loads(text)
    except (OSError, EOFError, ValueError, gzip.BadGzipFile) as exc:
        raise BackupError(f"{path.name} is not a Reader backup (unreadable: {exc})") from exc
    _validate(data)
    return data


def _validate(data) -> None:
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("not a Reader backup (no 'reader-backup' marker)")
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"unsupported backup format version {data.get('format_version')!r}")
    version = data.get("schema_version")
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise BackupError(f"the backup is from a newer Reader (schema {version})")
    tables = data.get("tables")
    if not isinstance(tables, dict):
        raise BackupError("the backup has no tables")
    for name, table in tables.items():
        if name not in TABLES:
            raise BackupError(f"unknown table {name!r} in the backup")
        if not isinstance(table, dict) or not all(
            isinstance(table.get(k), list) for k in ("columns", "rows")
        ):
            raise BackupError(f"table {name!r} in the backup is malformed")
        width = len(table["columns"])
        if any(not isinstance(r, list) or len(r) != width for r in table["rows"]):
            raise BackupError(f"table {name!r} has rows of the wrong width")


def restore(db: Database, data: dict) -> dict[str, int]:
    """Replace the library's contents with the backup's, in one transaction."""
    counts: dict[str, int] = {}
    with db.transaction() as tx:
        for table in reversed(TABLES):
            tx.execute(f"DELETE FROM {table}")
        for table in TABLES:
            if table not in data["tables"]:
                continue
            cols = data["tables"][table]["columns"]
            known = set(_columns(db, table))
            unknown = [c for c in cols if c not in known]
            if unknown:
                raise BackupError(f"table {table!r}: unknown columns {unknown}")
            marks = ", ".join("?" * len(cols))
            rows = data["tables"][table]["rows"]
            try:
                tx.executemany(f"INSERT INTO {table}({', '.join(cols)}) VALUES ({marks})", rows)
            except Exception as exc:
                raise BackupError(f"table {table!r} could not be restored: {exc}") from exc
            counts[table] = len(rows)
        problems = tx.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BackupError(f"the backup is inconsistent: {len(problems)} dangling references")
        tx.record(Changes(everything=True))
    return counts
