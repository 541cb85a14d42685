"""Shared fixtures: throwaway data folders, a real core session, the real main window."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from hypothesis import settings

# CI runs the same examples every time (a failure there is reproducible, never a flake);
# elsewhere each run explores new ones.
settings.register_profile("ci", derandomize=True, deadline=None)
if os.environ.get("CI"):
    settings.load_profile("ci")

# examples per fuzz test: 300 in CI; scripts/soak.sh asks for many more
FUZZ_EXAMPLES = int(os.environ.get("READER_FUZZ_EXAMPLES", "300"))

DATA = Path(__file__).parent / "data"
CORPUS = DATA / "corpus"


@pytest.fixture
def data_dir(tmp_path: Path) -> Path:
    folder = tmp_path / "data"
    folder.mkdir()
    return folder


@pytest.fixture
def session(data_dir: Path):
    from reader.core.session import open_session

    session = open_session(data_dir)
    yield session
    session.close()
