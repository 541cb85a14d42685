"""Full backup and restore of the library: every table, as one JSON document."""

from __future__ import annotations

import gzip
import json
import math
import os
import re
import sqlite3
import tempfile
import zlib
from pathlib import Path

from reader.core.changes import Changes
from reader.core.storage.db import SCHEMA_VERSION, Database, utc_now
from reader.core.storage.litter import temp_prefix
from reader.core.storage.paths import NotAFile, unclaimed
from reader.core.text import is_iso_date

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
    "reading",
    "article_tags",
    "bookmarks",
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
    """Write a gzip-compressed JSON backup atomically (temp file, fsync, rename) and
    return where: a file there that is not a Reader backup is never replaced, the backup
    takes the name "name (2).json.gz" beside it instead."""
    payload = json.dumps(snapshot(db), ensure_ascii=False).encode("utf-8")
    try:
        path = unclaimed(Path(path), is_backup)
    except NotAFile as exc:
        raise BackupError(str(exc)) from None
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix("backup"), dir=folder)
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


def is_backup(path: Path) -> bool:
    """Whether the file is one of Reader's backups (from its first bytes)."""
    try:
        with gzip.open(path, "rb") as f:
            head = f.read(64)
    except (OSError, EOFError, zlib.error):
        return False
    return re.match(rb'\s*\{\s*"format"\s*:\s*"reader-backup"', head) is not None


MAX_EXPANDED_BYTES = 1024**3  # a backup's JSON, once unzipped: 1 GB
MAX_DEPTH = 64  # nesting of the JSON (a backup's own is 6 deep)
_CHUNK = 1024 * 1024


def read_backup(path: Path) -> dict:
    """Parse and validate a backup file; BackupError on anything unexpected.

    Read in chunks with a limit on the unzipped size, so a gzip bomb or /dev/zero costs
    at most that much; every row is checked before anything is replaced (see validate)."""
    path = Path(path)
    try:
        if not path.is_file():
            raise BackupError(f"{path.name} is not a file")
        if path.stat().st_size > MAX_BACKUP_BYTES:
            raise BackupError("the backup is larger than 2 GB; refusing to read it")
        text = _read_bounded(path)
    except OSError as exc:
        raise BackupError(f"cannot read {path}: {exc.strerror or exc}") from exc
    if _depth(text) > MAX_DEPTH:
        raise BackupError(f"{path.name} is not a Reader backup (its JSON is nested too deeply)")
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise BackupError(f"{path.name} is not a Reader backup (unreadable: {exc})") from exc
    validate(data)
    return data


def _read_bounded(path: Path) -> bytes:
    with path.open("rb") as raw:
        zipped = raw.read(2) == b"\x1f\x8b"
        raw.seek(0)
        source = gzip.GzipFile(fileobj=raw) if zipped else raw
        parts, size = [], 0
        try:
            while chunk := source.read(_CHUNK):
                size += len(chunk)
                if size > MAX_EXPANDED_BYTES:
                    raise BackupError(
                        f"{path.name} unpacks to more than {MAX_EXPANDED_BYTES // 1024**3} GB; "
                        "refusing to read it"
                    )
                parts.append(chunk)
        except (EOFError, gzip.BadGzipFile, zlib.error) as exc:
            raise BackupError(f"{path.name} is not a Reader backup (unreadable: {exc})") from exc
    return b"".join(parts)


def _depth(text: bytes) -> int:
    """How deeply the JSON nests (brackets outside strings), without parsing it."""
    depth = deepest = 0
    for token in _JSON_TOKEN.finditer(text):
        bracket = token.group(0)
        if bracket in (b"[", b"{"):
            depth += 1
            deepest = max(deepest, depth)
        elif bracket in (b"]", b"}"):
            depth -= 1
    return deepest


_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def validate(data) -> None:
    """The backup's shape: its marker, versions, known tables, rows of the right width."""
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise BackupError("not a Reader backup (no 'reader-backup' marker)")
    if data.get("format_version") != FORMAT_VERSION:
        raise BackupError(f"unsupported backup format version {data.get('format_version')!r}")
    version = data.get("schema_version")
    if isinstance(version, bool) or not isinstance(version, int) or version < 1:
        raise BackupError(f"the backup's schema version {version!r} is not a version number")
    if version > SCHEMA_VERSION:
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
        columns = table["columns"]
        if not all(isinstance(c, str) for c in columns) or len(set(columns)) != len(columns):
            raise BackupError(f"table {name!r} in the backup has malformed column names")
        width = len(columns)
        if any(not isinstance(r, list) or len(r) != width for r in table["rows"]):
            raise BackupError(f"table {name!r} has rows of the wrong width")


# columns holding JSON, and what the JSON must be
_JSON_COLUMNS = {
    ("articles", "authors"): list,
    ("articles", "editors"): list,
    ("articles", "meta"): dict,
    ("settings", "value"): object,
}
_TYPES = {"INTEGER": (int,), "REAL": (int, float), "TEXT": (str,)}
# columns Reader only ever fills with a timestamp, and the dates a user sets (made_on is
# not among them: it comes from an article's publication date, which may be free text)
_TIMESTAMPS = {"saved_at", "created_at", "updated_at", "deleted_at", "changed_at"}
_DATES = {("predictions", "resolve_by"), ("predictions", "resolved_on")}
_PLACED = {"highlights", "predictions", "bookmarks"}  # rows with a start and an end in the text


def check_rows(db: Database, data: dict) -> None:
    """Every value of every row has the type its column holds (names listed, JSON that
    parses to the right shape): the first bad row is named, before anything is replaced."""
    for table, content in data["tables"].items():
        info = {r["name"]: r for r in db.execute(f"PRAGMA table_info({table})")}
        columns = content["columns"]
        unknown = [c for c in columns if c not in info]
        if unknown:
            raise BackupError(f"table {table!r}: unknown columns {unknown}")
        missing = [
            n
            for n, r in info.items()
            if r["notnull"] and r["dflt_value"] is None and n not in columns
        ]
        if missing:
            raise BackupError(f"table {table!r}: the backup lacks the columns {missing}")
        for number, row in enumerate(content["rows"], 1):
            for column, value in zip(columns, row, strict=True):
                problem = _problem(table, info[column], value)
                if problem:
                    raise BackupError(f"table {table!r}, row {number}: {column} {problem}")
            if table in _PLACED:
                start, end = row[columns.index("start")], row[columns.index("end")]
                if not 0 <= start <= end:
                    raise BackupError(
                        f"table {table!r}, row {number}: start {start} and end {end} "
                        "are not a place in the text (0 ≤ start ≤ end)"
                    )


def _problem(table: str, column, value) -> str | None:
    name = column["name"]
    if value is None:
        needed = column["notnull"] or (column["pk"] and column["type"] != "INTEGER")
        return "is empty, and must not be" if needed else None
    kinds = _TYPES.get(column["type"].upper(), (int, float, str))
    if isinstance(value, bool) or not isinstance(value, kinds):
        return f"must be {column['type'].lower()}, not {type(value).__name__}"
    if isinstance(value, float) and not math.isfinite(value):  # JSON's 1e999, NaN
        return f"must be a finite number, not {value}"
    if isinstance(value, int) and not -(2**63) <= value < 2**63:
        return "is a number too large for the library"
    if isinstance(value, str):
        if name in _TIMESTAMPS and not is_iso_date(value):
            return f"must be a time like 2026-12-31T09:30:00Z, not {value[:40]!r}"
        if (table, name) in _DATES and not is_iso_date(value):
            return f"must be a date like 2026-12-31, not {value[:40]!r}"
    shape = _JSON_COLUMNS.get((table, name))
    if shape is None:
        return None
    try:
        parsed = json.loads(value) if isinstance(value, str) else None
    except (ValueError, RecursionError):
        return "is not JSON"
    if shape is object:
        return None
    if not isinstance(parsed, shape):
        return f"must be a JSON {shape.__name__}"
    if isinstance(parsed, list) and not all(isinstance(x, str) for x in parsed):
        return "must list names (text)"
    return None


def restore(db: Database, data: dict) -> dict[str, int]:
    """Replace the library's contents with the backup's, in one transaction. Every row
    is checked first; a backup without colours gets the default ones."""
    check_rows(db, data)
    counts: dict[str, int] = {}
    with db.transaction() as tx:
        for table in reversed(TABLES):
            tx.execute(f"DELETE FROM {table}")
        for table in TABLES:
            if table == "highlights":  # the colours a highlight may name, if it lacks any
                tx.executemany(
                    "INSERT OR IGNORE INTO colors(slot, name, hex) VALUES (?, ?, ?)",
                    DEFAULT_COLORS,
                )
            if table not in data["tables"]:
                continue
            cols = data["tables"][table]["columns"]
            sql = f"INSERT INTO {table}({', '.join(cols)}) VALUES ({', '.join('?' * len(cols))})"
            rows = data["tables"][table]["rows"]
            for number, row in enumerate(rows, 1):
                try:
                    tx.execute(sql, row)
                except sqlite3.IntegrityError as exc:
                    raise BackupError(f"table {table!r}, row {number}: {exc}") from exc
            counts[table] = len(rows)
        problems = tx.execute("PRAGMA foreign_key_check").fetchall()
        if problems:
            raise BackupError(f"the backup is inconsistent: {len(problems)} dangling references")
        tx.record(Changes(everything=True))
    return counts


DEFAULT_COLORS = (
    (1, "Yellow", "#f7d84a"),
    (2, "Green", "#8fd18b"),
    (3, "Blue", "#86b9f0"),
    (4, "Pink", "#f29bc2"),
    (5, "Purple", "#b79cf0"),
)
