"""Safe file names and atomic writes for exports."""

from __future__ import annotations

import errno
import os
import re
import stat
import tempfile
import unicodedata
from pathlib import Path

from reader.core.storage.litter import temp_prefix

RESERVED = {
    "CON",
    "PRN",
    "AUX",
    "NUL",
    *(f"COM{i}" for i in range(1, 10)),
    *(f"LPT{i}" for i in range(1, 10)),
}
MAX_NAME_BYTES = 200  # of UTF-8: file systems allow 255, and " (12).md" must still fit


class ExportError(OSError):
    """An export that could not be written; the message says why, for the user."""


def safe_name(title: str, suffix: str = ".md") -> str:
    """A file name from a title that is safe on every platform: no separators, no '..',
    no control, bidi or zero-width characters, no reserved device names (CON, NUL, …),
    at most MAX_NAME_BYTES bytes."""
    name = unicodedata.normalize("NFC", title)
    name = "".join(c for c in name if unicodedata.category(c) != "Cf")  # bidi, zero-width
    name = re.sub(r"[\x00-\x1f\x7f/\\:*?\"<>|]+", " ", name)
    name = re.sub(r"\s+", " ", name).strip(" .")
    name = name.replace("..", ".")
    name = name.encode("utf-8")[:MAX_NAME_BYTES].decode("utf-8", "ignore").rstrip(" .")
    if not name:
        name = "article"
    if name.split(".")[0].strip().upper() in RESERVED:
        name = f"_{name}"
    return name + suffix


def unique_path(folder: Path, name: str, taken: set[str]) -> Path:
    """`name` in `folder`, numbered if another article of this export already took it."""
    stem, suffix = os.path.splitext(name)
    candidate, n = name, 2
    while candidate.lower() in taken:
        candidate, n = f"{stem} ({n}){suffix}", n + 1
    taken.add(candidate.lower())
    # a name with no separator and not "." or ".." stays in the folder; an existing
    # symlink of that name is replaced, never followed (atomic_write renames over it)
    if os.sep in candidate or (os.altsep and os.altsep in candidate) or candidate in (".", ".."):
        raise ExportError(f"refusing to write outside {folder}: {candidate}")
    return folder / candidate


def _new_file_mode() -> int:
    """What the user's umask gives a new file (mkstemp's 0600 would hide exports from
    other programs); read once, at import, while only one thread runs."""
    mask = os.umask(0o022)
    os.umask(mask)
    return 0o666 & ~mask


NEW_FILE_MODE = _new_file_mode()


def atomic_write(path: Path, text: str, durable: bool = True) -> None:
    """Write via a temporary file in the same folder, then rename over the target.

    `durable` fsyncs the file first, so that a crash cannot leave it empty: needed when
    it replaces a file holding the reader's own words, not for a new file that an export
    can write again (10,000 fsyncs were two thirds of exporting a 10,000-article library).
    """
    folder = path.parent
    try:
        folder.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=temp_prefix("reader-export"), dir=folder)
    except OSError as exc:
        raise ExportError(describe(exc, folder)) from exc
    try:
        if hasattr(os, "fchmod"):  # a replaced file keeps its mode, a new one the umask's
            mode = stat.S_IMODE(path.stat().st_mode) if path.exists() else NEW_FILE_MODE
            os.fchmod(fd, mode)
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as f:
            f.write(text)
            f.flush()
            if durable:
                os.fsync(f.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        raise ExportError(describe(exc, path)) from exc


def describe(exc: OSError, where: Path) -> str:
    if exc.errno == errno.ENOSPC:
        return f"the disk is full: nothing was written to {where}"
    if exc.errno in (errno.EACCES, errno.EPERM, errno.EROFS):
        return f"cannot write to {where}: permission denied (choose another folder)"
    if exc.errno in (errno.ENOTDIR, errno.ENOENT):
        return f"cannot write to {where}: the folder does not exist or is a file"
    return f"cannot write to {where}: {exc.strerror or exc}"
