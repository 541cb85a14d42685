"""What a killed command leaves behind (a half-built index, a half-written backup or
export), removed on the next start, never another running program's.

Every such file or folder carries the writing process's id in its name,
`<prefix><pid>-<anything>`; it is stale when that process is gone.
"""

from __future__ import annotations

import os
import shutil
from pathlib import Path


def pid_alive(pid: int) -> bool:
    if pid <= 0:
        return False
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # someone else's process: alive
    except OSError:
        return False
    return True


def owner(name: str, prefix: str) -> int | None:
    """The process id in `<prefix><pid>[-…]`, or None when the name is not one of ours."""
    if not name.startswith(prefix):
        return None
    digits = name[len(prefix) :].split("-", 1)[0]
    return int(digits) if digits.isdigit() else None


def remove_stale(folder: Path, prefix: str) -> list[Path]:
    """Remove `folder`'s entries named `<prefix><pid>…` whose process is gone."""
    removed: list[Path] = []
    try:
        entries = list(folder.iterdir())
    except OSError:
        return removed
    for entry in entries:
        pid = owner(entry.name, prefix)
        if pid is None or pid_alive(pid):
            continue
        try:
            if entry.is_dir() and not entry.is_symlink():
                shutil.rmtree(entry)
            else:
                entry.unlink()
            removed.append(entry)
        except OSError:
            pass  # (read-only, or gone meanwhile: tried again next time)
    return removed


def temp_prefix(name: str) -> str:
    """The prefix of this process's temporary files: `.<name>-<pid>-`."""
    return f".{name}-{os.getpid()}-"
