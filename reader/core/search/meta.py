"""The index's own record, `reader-index.json`: its format version, the change log
position it reflects, and a digest of each of its segment files.

Whoosh checks nothing it reads: a damaged byte in a postings block or a term's inlined
postings is read as a wrong position or weight, and a search quietly misses. Whoosh
writes a segment file once and never changes it, so a digest taken when it is written
tells, when the index is opened thoroughly, whether any byte of it changed since.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import stat
import threading
from pathlib import Path

META = "reader-index.json"
_SEGMENT = re.compile(r"^[A-Za-z0-9_]{1,100}\.seg$")  # (never a path out of the folder)


def read(folder: Path) -> dict:
    """The record, or {} when it is missing or unreadable."""
    try:
        meta = json.loads((folder / META).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    return meta if isinstance(meta, dict) else {}


def write(folder: Path, version: int, seq: int | None, files: dict[str, str]) -> None:
    """The record replaced whole: a reader never sees half of it."""
    meta: dict = {"version": version, "files": files}
    if seq is not None:
        meta["seq"] = seq
    tmp = folder / f".{META}.{os.getpid()}-{threading.get_ident()}"
    tmp.write_text(json.dumps(meta), encoding="utf-8")
    os.replace(tmp, folder / META)


def digests(folder: Path, names: list[str], known: dict | None = None) -> dict[str, str]:
    """A digest of each of these segment files (the index's committed segments; a file
    another program is still writing is never among them), those already known kept."""
    known = known if isinstance(known, dict) else {}
    found = {}
    for name in names:
        digest = known.get(name)
        if not isinstance(digest, str):
            digest = _digest(folder / name) if _SEGMENT.match(name) else None
        if digest:
            found[name] = digest
    return found


def changed(folder: Path, files: object) -> str | None:
    """The first recorded segment file whose bytes are no longer those written, or None."""
    if not isinstance(files, dict):
        return None
    for name, digest in files.items():
        path = folder / str(name)
        if _SEGMENT.match(str(name)) and os.path.lexists(path) and _digest(path) != digest:
            return str(name)
    return None


def _digest(path: Path) -> str | None:
    """The file's digest; None for anything but a regular file of the folder's own (a
    link planted there could point at a secret, or at a device that never ends)."""
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return None
    with os.fdopen(fd, "rb") as f:
        if not stat.S_ISREG(os.fstat(f.fileno()).st_mode):
            return None
        return hashlib.file_digest(f, "sha1").hexdigest()  # (for damage, not for an attacker)
