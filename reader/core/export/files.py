"""Safe file names inside an export folder, and atomic writes with clear errors."""

from __future__ import annotations

import errno
import os
import re
import tempfile
import unicodedata
from collections.abc import Iterable
from pathlib import Path

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    "CONIN$",
    "CONOUT$",
    *(f"COM{i}" for i in "0123456789¹²³"),
    *(f"LPT{i}" for i in "0123456789¹²³"),
}
MAX_CHARS = 120
MAX_BYTES = 200  # leaves room for " (nn)" and the suffix within a 255-byte name limit
UNSAFE = re.compile(r'[\x00-\x1f\x7f-\x9f/\\:*?"<>|]+')


class ExportError(Exception):
    """An export that could not be written; the message says why, for the user."""


def safe_filename(title: str, suffix: str = ".md", fallback: str = "Untitled") -> str:
    """A file name from a title: no separators, '..', control characters, reserved names."""
    name = unicodedata.normalize("NFC", title)
    name = UNSAFE.sub(" ", name)
    name = re.sub(r"\.{2,}", ".", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = _cap(name).rstrip(" .")
    if not name:
        name = fallback
    if name.split(".")[0].strip().upper() in RESERVED:
        name = f"_{name}"
    return name + suffix


def _cap(name: str) -> str:
    name = name[:MAX_CHARS]
    while len(name.encode("utf-8")) > MAX_BYTES:
        name = name[:-1]
    # do not leave a dangling combining mark or joiner at the cut
    while name and unicodedata.category(name[-1]) in ("Mn", "Me", "Cf"):
        name = name[:-1]
    return name


def unique_name(name: str, taken: Iterable[str]) -> str:
    """`name`, or `name (2)`, `name (3)` … — the first not in `taken` (case-insensitive)."""
    lowered = {t.casefold() for t in taken}
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.casefold() in lowered:
        candidate, n = f"{stem} ({n}){suffix}", n + 1
    return candidate


def inside(folder: Path, name: str) -> Path:
    """`folder / name`, refusing any name that would land outside the folder."""
    base = Path(folder).resolve()
    path = (base / name).resolve()
    if path.parent != base or name in ("", ".", ".."):
        raise ExportError(f"refusing to write outside the export folder {base}: {name!r}")
    return path


def describe(exc: OSError, where: Path) -> str:
    """A sentence for the user about a failed write."""
    if exc.errno == errno.ENOSPC or exc.errno == errno.EDQUOT:
        return f"The disk is full: nothing was written to {where}. Free some space and try again."
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"Cannot write to {where}: permission denied. Choose another folder."
    if exc.errno in (errno.ENOTDIR, errno.ENOENT):
        return f"Cannot write to {where}: the folder does not exist or is a file."
    return f"Cannot write to {where}: {exc.strerror or exc}."


def ensure_folder(folder: Path) -> Path:
    """Create the export folder if needed; ExportError if that is impossible."""
    folder = Path(folder)
    if folder.exists() and not folder.is_dir():
        raise ExportError(f"Cannot export into {folder}: it is a file, not a folder.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(describe(exc, folder)) from exc
    return folder


def atomic_write(path: Path, text: str) -> None:
    """Write to a temporary file in the same folder, fsync, then os.replace over `path`.

    On any failure the temporary file is removed and the old file (if any) is untouched.
    """
    folder = path.parent
    try:
        fd, tmp = tempfile.mkstemp(prefix=".reader-export-", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise ExportError(describe(exc, folder)) from exc
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(describe(exc, path)) from exc
    _fsync_dir(folder)


def _fsync_dir(folder: Path) -> None:
    """Make the rename durable where the platform allows it (not on Windows)."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
