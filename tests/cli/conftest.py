from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest


@pytest.fixture
def cli(data_dir):
    """Run `reader --data-dir DIR ...` as a subprocess; returns (code, stdout, stderr)."""

    def run(*args: str, env: dict | None = None, use_env_var: bool = False):
        base = [sys.executable, "-m", "reader"]
        full_env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", **(env or {})}
        if use_env_var:
            full_env["READER_DATA_DIR"] = str(data_dir)
        else:
            base += ["--data-dir", str(data_dir)]
        proc = subprocess.run(
            [*base, *args], capture_output=True, text=True, env=full_env, timeout=120
        )
        return proc.returncode, proc.stdout, proc.stderr

    def run_json(*args: str, **kw):
        code, out, err = run(*args, "--json", **kw)
        return code, json.loads(out), err

    run.json = run_json
    return run
