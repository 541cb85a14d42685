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


def unclaimed(path: Path, ours: Callable[[Path], bool]) -> Path:
    """`path` itself if nothing is there, it is not a file, it is empty or Reader wrote it
    (`ours`); otherwise the first such "name (2).ext", "name (3).ext"…: a backup or an
    export never replaces a file of the user's."""
    path = Path(path)
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
