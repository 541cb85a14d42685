"""Where the user's data lives: --data-dir, then READER_DATA_DIR, then platformdirs."""

from __future__ import annotations

import os
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
