"""Damaged databases and automatic backups: never overwrite, always offer a way back."""

from __future__ import annotations

import json
import os
import sqlite3
import time
from datetime import UTC, datetime
from pathlib import Path

from reader.core.storage.backup import write_backup
from reader.core.storage.db import Database, sqlite_uri, writable
from reader.core.storage.litter import temp_prefix

SQLITE_HEADER = b"SQLite format 3\x00"
AUTO_BACKUP_EVERY_S = 24 * 3600
AUTO_BACKUPS_KEPT = 7


EMPTY = "the file is empty (0 bytes): the library it held is gone"


def damage(path: Path) -> str | None:
    """Why the database file at `path` cannot be used, or None (a missing file is fine:
    a new library starts). Read-only files and folders are not damage."""
    if not path.exists() and not path.is_symlink():
        return None
    if not path.is_file():
        return "it is not a file (a folder or a broken link stands in its place)"
    if path.stat().st_size == 0:
        return EMPTY
    try:
        with path.open("rb") as f:
            if f.read(16) != SQLITE_HEADER:
                return "it is not an SQLite database (garbage or another kind of file)"
    except OSError as exc:
        return f"it cannot be read ({exc.strerror or exc})"
    before = _fingerprint(path)
    if _recorded(path) == before:
        return None
    reason = _checked(path)
    if reason is None and _fingerprint(path) == before:  # (nothing written meanwhile)
        _remember_checked(path, before)
    return reason


def _checked(path: Path) -> str | None:
    """SQLite's quick check of every page (~0.25 s for a library of 10,000 articles)."""
    try:
        conn = sqlite3.connect(sqlite_uri(path, True), uri=True)
        try:
            try:
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
            except sqlite3.OperationalError:
                if writable(path):
                    raise
                conn.close()  # a read-only folder: no WAL index can be made beside it
                conn = sqlite3.connect(sqlite_uri(path, True) + "&immutable=1", uri=True)
                result = conn.execute("PRAGMA quick_check").fetchone()[0]
        finally:
            conn.close()
    except sqlite3.DatabaseError as exc:
        return f"SQLite cannot read it ({exc})"
    if result == "ok":
        return None
    first = " ".join(str(result).split())  # SQLite's report spans lines: said in one
    return f"it is damaged ({first[:200]}{'…' if len(first) > 200 else ''})"


# A database that passed the check and has not changed since (the same file, size and
# times, its write-ahead log too) is not read through again: every `reader` command and
# every start of the window checked it, a quarter of a second at 10,000 articles. Any
# write, a restore or a file put in its place changes what is recorded, and it is
# checked again. (Damage under an unchanged file, the disk's own, is met when the page is
# read: a one-line error, and nothing written.)
def _fingerprint(path: Path) -> list:
    """What changes when the database or its log is written: each file's identity, size
    and times, and the first bytes of each (the database's change counter, the log's
    salts), which a write within the same clock tick also changes."""
    found: list = []
    for file, head in ((path, 100), (path.with_name(path.name + "-wal"), 32)):
        try:
            st = file.stat()
            with file.open("rb") as f:
                first = f.read(head).hex()
        except FileNotFoundError:
            st, first = None, ""
        if st is None or (file is not path and st.st_size == 0):  # (an empty log: none)
            found += [None] * 5
        else:
            found += [st.st_ino, st.st_size, st.st_mtime_ns, st.st_ctime_ns, first]
    return found


CHECKING = "checked"  # (`.checked-<pid>-…`: a record a killed process half wrote)


def _record(path: Path) -> Path:
    return path.with_name(path.name + ".checked")


def _recorded(path: Path) -> list | None:
    try:
        found = json.loads(_record(path).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    return found if isinstance(found, list) else None


def _remember_checked(path: Path, fingerprint: list) -> None:
    """Record the file as checked (nowhere, in a folder that cannot be written)."""
    record = _record(path)
    tmp = record.with_name(f"{temp_prefix(CHECKING)}{record.name}")
    try:
        tmp.write_text(json.dumps(fingerprint), encoding="utf-8")
        os.replace(tmp, record)
    except OSError:
        tmp.unlink(missing_ok=True)


def set_aside(path: Path) -> Path:
    """Move a damaged database (and its -wal/-shm files) out of the way, untouched."""
    stamp = datetime.now(UTC).strftime("%Y%m%d-%H%M%S")
    target = path.with_name(f"{path.name}.damaged-{stamp}")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.damaged-{stamp}-{n}")
    path.rename(target)
    for suffix in ("-wal", "-shm"):
        side = path.with_name(path.name + suffix)
        if side.exists():
            side.rename(target.with_name(target.name + suffix))
    return target


def backup_folder(data_dir: Path) -> Path:
    return data_dir / "backups"


def backups(data_dir: Path) -> list[Path]:
    """Automatic and manual backups in the data folder, newest first."""
    folder = backup_folder(data_dir)
    if not folder.is_dir():
        return []
    return sorted(folder.glob("*.json.gz"), key=lambda p: p.stat().st_mtime, reverse=True)


def auto_backup(db: Database, data_dir: Path, now: float | None = None) -> Path | None:
    """A daily backup into data_dir/backups (the last seven are kept); None if not due."""
    now = time.time() if now is None else now
    existing = sorted(p for p in backups(data_dir) if p.name.startswith("auto-"))
    if existing and now - _stamp_time(existing[-1]) < AUTO_BACKUP_EVERY_S:
        return None
    folder = backup_folder(data_dir)
    folder.mkdir(parents=True, exist_ok=True)
    stamp = datetime.fromtimestamp(now, UTC).strftime("%Y%m%d-%H%M%S")
    path = write_backup(db, folder / f"auto-{stamp}.json.gz")
    autos = sorted((p for p in backups(data_dir) if p.name.startswith("auto-")), reverse=True)
    for old in autos[AUTO_BACKUPS_KEPT:]:
        old.unlink(missing_ok=True)
    return path


def _stamp_time(path: Path) -> float:
    """When an automatic backup was made, from its name (auto-YYYYmmdd-HHMMSS.json.gz)."""
    try:
        stamp = path.name.removeprefix("auto-").split(".")[0]
        return datetime.strptime(stamp, "%Y%m%d-%H%M%S").replace(tzinfo=UTC).timestamp()
    except ValueError:
        return path.stat().st_mtime


def keep_unsaved_text(folder: Path, text: str, what: str = "note") -> Path:
    """Text the library could not store, written to a dated file where it can be found
    (the library's unsaved/ folder, else the system's temporary folder) when there is no
    one to ask (the window is told to end by the system); where it went."""
    import tempfile

    name = f"{what}-{datetime.now(UTC).strftime('%Y%m%d-%H%M%S')}.txt"
    for place in (folder / "unsaved", Path(tempfile.gettempdir()) / "reader-unsaved"):
        try:
            place.mkdir(parents=True, exist_ok=True)
            path = place / name
            path.write_text(text, encoding="utf-8")
            return path
        except OSError:
            continue
    raise OSError(f"the unsaved {what} could not be written anywhere")
