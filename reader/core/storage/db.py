"""SQLite connection: WAL, foreign keys, schema from resources, forward migrations."""

from __future__ import annotations

import os
import sqlite3
import uuid
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from reader.core.changes import NOTHING, Changes
from reader.core.storage.errors import DatabaseError, StorageError, describe
from reader.core.storage.resources import read_resource, resource_path

SCHEMA_VERSION = 5
# Who wrote a change_log row: this process. Its own sessions announce their changes
# directly; rows of any other origin were written by another program (the CLI).
PROCESS_ORIGIN = uuid.uuid4().hex
CHANGE_LOG_KEPT = 5000  # rows; a reader further behind than that rereads everything


def utc_now() -> str:
    return utc_text(datetime.now(UTC))


def utc_text(moment: datetime) -> str:
    """A moment (in UTC) as the library stores times."""
    return moment.strftime("%Y-%m-%dT%H:%M:%S.%fZ")


Params = Sequence[Any] | Mapping[str, Any]  # what a statement's ? or :name stand for
SQL_VARIABLES = 900  # SQLite's limit on ? per statement (999 before 3.32), with room


def id_chunks(ids: Iterable[int]) -> Iterator[tuple[list[int], str]]:
    """The ids in groups that fit one statement, each with its "?,?,…" placeholders."""
    ids = list(ids)
    for i in range(0, len(ids), SQL_VARIABLES):
        chunk = ids[i : i + SQL_VARIABLES]
        yield chunk, ",".join("?" * len(chunk))


def _casefold(text: str | None) -> str | None:
    """Case-insensitive matching for any script (SQLite's lower() folds ASCII only)."""
    return text.casefold() if isinstance(text, str) else text


def writable(path: Path) -> bool:
    """Whether the database at `path` (and its folder, for the WAL files) can be written."""
    folder_ok = os.access(path.parent, os.W_OK | os.X_OK)
    return folder_ok and (not path.exists() or os.access(path, os.W_OK))


def sqlite_uri(path: Path, read_only: bool) -> str:
    """An SQLite URI for the file, its name escaped ('#', '%', '?' are not URI syntax)."""
    uri = path.resolve().as_uri()
    return f"{uri}?mode=ro" if read_only else uri


def _connect(path: Path, read_only: bool) -> sqlite3.Connection:
    """A connection; read-only ones fall back to `immutable` when SQLite cannot make the
    WAL index beside a file in a read-only folder."""
    kwargs: dict = dict(isolation_level=None, check_same_thread=False, timeout=10.0)
    if not read_only:
        return sqlite3.connect(str(path), **kwargs)
    conn = sqlite3.connect(sqlite_uri(path, True), uri=True, **kwargs)
    try:
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return conn
    except sqlite3.OperationalError:
        conn.close()
        return sqlite3.connect(sqlite_uri(path, True) + "&immutable=1", uri=True, **kwargs)


class Database:
    """One connection to the library database; every user action is one transaction."""

    def __init__(self, path: Path, on_commit: Callable[[Changes], None] | None = None) -> None:
        self.path = path
        self.on_commit = on_commit
        self._depth = 0  # nested transaction() blocks join the outermost one
        self._changes = NOTHING
        # why nothing can be saved (the folder or the file is read-only), else None
        self.read_only: str | None = None
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise DatabaseError(f"cannot make the library folder {path.parent}: {exc}") from exc
        if not writable(path):
            if not path.exists():
                raise DatabaseError(f"the folder {path.parent} is read-only and holds no library")
            self.read_only = "the library folder is read-only"
        try:
            self.conn = _connect(path, self.read_only is not None)
            self.conn.row_factory = sqlite3.Row
            self.conn.create_function("casefold", 1, _casefold, deterministic=True)
            self.conn.execute("PRAGMA foreign_keys = ON")
            self.conn.execute("PRAGMA busy_timeout = 10000")
            if self.read_only is None:
                self.conn.execute("PRAGMA journal_mode = WAL")
                self.conn.execute("PRAGMA synchronous = NORMAL")
            self._migrate()
        except sqlite3.DatabaseError as exc:
            raise DatabaseError(f"cannot open the library database {path}: {exc}") from exc

    @property
    def version(self) -> int:
        return int(self.conn.execute("PRAGMA user_version").fetchone()[0])

    def _migrate(self) -> None:
        version = self.version
        if version > SCHEMA_VERSION:
            raise DatabaseError(
                f"{self.path} was written by a newer Reader (schema {version}, "
                f"this one knows {SCHEMA_VERSION})"
            )
        if version == SCHEMA_VERSION:
            return  # (no write: a read-only library still opens)
        if self.read_only is not None:
            raise DatabaseError(
                f"{self.path} needs upgrading for this Reader, and {self.read_only}"
            )
        with self.transaction() as conn:
            if version == 0:
                conn.executescript_in_tx(read_resource("schema.sql"))
                conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION}")
                return
            for step in range(version + 1, SCHEMA_VERSION + 1):
                script = resource_path("migrations", f"{step:04d}.sql")
                conn.executescript_in_tx(script.read_text(encoding="utf-8"))
                conn.execute(f"PRAGMA user_version = {step}")

    @contextmanager
    def transaction(self) -> Iterator[_Tx]:
        """BEGIN IMMEDIATE ... COMMIT, rolled back on any exception.

        A transaction opened inside another joins it: an article and the predictions
        proposed for it commit together or not at all. What the transaction recorded
        (`tx.record`) goes into the change log with it and is announced after COMMIT.
        sqlite3 errors become StorageError with a message for the user.
        """
        if self.read_only is not None:
            raise StorageError(
                f"Could not save: {self.read_only}. The library is open for reading only."
            )
        if self._depth:
            self._depth += 1
            try:
                yield _Tx(self)
            finally:
                self._depth -= 1
            return
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StorageError(describe(exc)) from exc
        self._depth, self._changes = 1, NOTHING
        try:
            yield _Tx(self)
            changes = self._changes
            if changes:
                self.conn.execute(
                    "INSERT INTO change_log(origin, changed) VALUES (?, ?)",
                    (PROCESS_ORIGIN, changes.to_json()),
                )
            self.conn.execute("COMMIT")
        except BaseException as exc:
            if self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
            if isinstance(exc, sqlite3.OperationalError):
                raise StorageError(describe(exc)) from exc
            raise
        finally:
            self._depth, self._changes = 0, NOTHING
        if changes and self.on_commit is not None:
            self.on_commit(changes)

    def data_version(self) -> int:
        """Changes when another connection commits (SQLite's PRAGMA data_version)."""
        return int(self.conn.execute("PRAGMA data_version").fetchone()[0])

    def last_change(self) -> int:
        row = self.conn.execute("SELECT max(seq) FROM change_log").fetchone()
        return int(row[0] or 0)

    def changes_since(self, seq: int, own: bool = False) -> tuple[int, Changes]:
        """(the newest log row, what other programs changed after row `seq`; with `own`,
        what this program changed too)."""
        rows = self.conn.execute(
            "SELECT seq, origin, changed FROM change_log WHERE seq > ? ORDER BY seq", (seq,)
        ).fetchall()
        if not rows:
            return seq, NOTHING
        changes = NOTHING
        if rows[0]["seq"] > seq + 1:  # rows were pruned: what they said is lost
            changes = Changes(everything=True)
        for row in rows:
            if own or row["origin"] != PROCESS_ORIGIN:
                changes = changes | Changes.from_json(row["changed"])
        return int(rows[-1]["seq"]), changes

    def prune_change_log(self) -> None:
        """Keep the newest CHANGE_LOG_KEPT rows (readers only need the recent ones)."""
        newest = self.last_change()
        if newest > CHANGE_LOG_KEPT:
            with self.transaction() as tx:
                tx.execute("DELETE FROM change_log WHERE seq <= ?", (newest - CHANGE_LOG_KEPT,))

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self.conn.execute(sql, params)

    def close(self) -> None:
        self.conn.close()


class _Tx:
    """The connection as seen inside a transaction."""

    def __init__(self, db: Database) -> None:
        self._db = db
        self._conn = db.conn

    def execute(self, sql: str, params: Params = ()) -> sqlite3.Cursor:
        return self._conn.execute(sql, params)

    def executemany(self, sql: str, rows) -> sqlite3.Cursor:
        return self._conn.executemany(sql, rows)

    def record(self, changes: Changes) -> None:
        """Say what this transaction changed (logged and announced with its commit)."""
        self._db._changes = self._db._changes | changes

    def executescript_in_tx(self, script: str) -> None:
        """Run a multi-statement script without leaving the open transaction."""
        for statement in _split_sql(script):
            self._conn.execute(statement)


def _split_sql(script: str) -> list[str]:
    statements, buf = [], ""
    for line in script.splitlines(keepends=True):
        if line.lstrip().startswith("--"):
            continue
        buf += line
        if sqlite3.complete_statement(buf):
            statements.append(buf.strip())
            buf = ""
    if buf.strip():
        statements.append(buf.strip())
    return statements
