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


def digests(folder: Path, known: dict | None = None) -> dict[str, str]:
    """A digest of each segment file in the folder now (those already known kept)."""
    known = known if isinstance(known, dict) else {}
    found = {}
    for path in folder.iterdir():
        if _SEGMENT.match(path.name) and path.is_file():
            digest = known.get(path.name)
            found[path.name] = digest if isinstance(digest, str) else _digest(path)
    return found


def changed(folder: Path, files: object) -> str | None:
    """The first recorded segment file whose bytes are no longer those written, or None."""
    if not isinstance(files, dict):
        return None
    for name, digest in files.items():
        path = folder / str(name)
        if _SEGMENT.match(str(name)) and path.is_file() and _digest(path) != digest:
            return str(name)
    return None


def _digest(path: Path) -> str:
    with path.open("rb") as f:
        return hashlib.file_digest(f, "sha1").hexdigest()  # (for damage, not for an attacker)
