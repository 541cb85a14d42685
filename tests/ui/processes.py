"""The window as its own process, as a user starts it: `python -m reader --data-dir …`."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path


def start_reader(data_dir: Path, *args: str, cwd: Path | None = None) -> subprocess.Popen:
    """`reader --data-dir DATA_DIR ARGS…` offscreen, its messages (stderr) kept as text."""
    return subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), *args],
        env={**os.environ, "QT_QPA_PLATFORM": "offscreen"},
        cwd=cwd,
        stderr=subprocess.PIPE,
        text=True,
    )
