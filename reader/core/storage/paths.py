"""Where the user's data lives: --data-dir, then READER_DATA_DIR, then platformdirs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

ENV_VAR = "READER_DATA_DIR"


def data_dir(override: str | os.PathLike[str] | None = None) -> Path:
    if override:
        return Path(override).expanduser()
    env = os.environ.get(ENV_VAR)
    if env:
        return Path(env).expanduser()
    from platformdirs import user_data_dir

    return Path(user_data_dir("reader", appauthor=False))


def database_path(folder: Path) -> Path:
    return folder / "library.sqlite3"


def index_path(folder: Path) -> Path:
    return folder / "index"


_DOUBLE_SUFFIXES = (".json.gz", ".tar.gz")


class NotAFile(ValueError):
    """A backup or an export was asked to go where no plain file can be written."""


def unclaimed(path: Path, ours: Callable[[Path], bool]) -> Path:
    """`path` itself if nothing is there, it is empty or Reader wrote it (`ours`);
    otherwise the first such "name (2).ext", "name (3).ext"…: a backup or an export
    never replaces a file of the user's. NotAFile for a folder, a device or a link
    standing there (a write would replace the link itself: /dev/stdout is one)."""
    path = Path(path)
    if path.is_symlink() or (path.exists() and not path.is_file()):
        raise NotAFile(
            f"{path} is not a plain file (a folder, a device or a link); name a file to write"
        )
    name = path.name
    suffix = next((s for s in _DOUBLE_SUFFIXES if name.lower().endswith(s)), path.suffix)
    stem = name[: len(name) - len(suffix)] if suffix else name
    candidate, n = path, 2
    while _taken(candidate, ours):
        candidate, n = path.with_name(f"{stem} ({n}){suffix}"), n + 1
    return candidate


def _taken(path: Path, ours: Callable[[Path], bool]) -> bool:
    try:
        return path.is_file() and path.stat().st_size > 0 and not ours(path)
    except OSError:  # unreadable: not ours to replace
        return True
