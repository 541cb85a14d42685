"""Every failure of `reader` is one line on stderr and exit status 1, never a traceback."""

from __future__ import annotations

import errno
import os
import subprocess
import sys

import pytest

from reader.cli.main import main
from reader.core.session import open_session


def run_main(capsys, *args: str) -> tuple[int, str]:
    code = main(list(args))
    return code, capsys.readouterr().err


def full_disk(*_args, **_kwargs):
    raise OSError(errno.ENOSPC, "No space left on device", "/data/index/_MAIN_1.seg")


@pytest.mark.parametrize(
    ("target", "args"),
    [
        ("reader.core.search.index.SearchIndex._build_into", ("reindex",)),
        ("reader.core.search.index.SearchIndex._build_into", ("search", "video")),
        ("os.fsync", ("backup",)),  # the backup written, then the disk full
    ],
)
def test_a_full_disk_is_one_line(monkeypatch, capsys, data_dir, target, args):
    open_session(data_dir).close()
    monkeypatch.setattr(target, full_disk)
    code, err = run_main(capsys, "--data-dir", str(data_dir), *args)
    assert code == 1
    assert err.strip().count("\n") == 0 and "Traceback" not in err
    assert "no space left on device" in err.lower()


def test_import_highlight_and_predict_on_a_full_disk_are_one_line(
    capsys, data_dir, monkeypatch, tmp_path
):
    import reader.core.storage.db as db_module

    real = db_module._connect

    def capped(path, read_only):  # SQLite's own cap: writes fail as on a full disk
        conn = real(path, read_only)
        pages = conn.execute("PRAGMA page_count").fetchone()[0]
        conn.execute(f"PRAGMA max_page_count = {pages}")
        return conn

    open_session(data_dir).close()
    monkeypatch.setattr(db_module, "_connect", capped)
    long_note = "x" * 200_000
    big = tmp_path / "big.md"
    big.write_text("# Big\n\n" + "word " * 200_000)
    for args in (
        ("import", str(big)),
        ("highlight", "1", "Ray 3 is a phased achievement.", "--note", long_note),
        ("predict", "1", "Ray 3 is a phased achievement.", "--statement", long_note),
    ):
        code, err = run_main(capsys, "--data-dir", str(data_dir), *args)
        assert code == 1 and "disk is full" in err and err.strip().count("\n") == 0


def test_a_closed_pipe_ends_quietly(data_dir):
    session = open_session(data_dir)
    article = session.library.get(session.library.summaries()[0].id)
    with session.db.transaction():
        for start in range(0, len(article.plain_text) - 40, 40):
            session.highlights.add(article.id, article.plain_text, start, start + 30)
    session.close()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    reader = subprocess.Popen(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "highlights"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env,
    )  # fmt: skip
    assert reader.stdout is not None and reader.stderr is not None
    first = reader.stdout.readline()  # as `| head -1` does, then the pipe closes
    reader.stdout.close()
    err = reader.stderr.read().decode()
    reader.stderr.close()
    assert reader.wait(timeout=60) == 0 and first
    assert err == ""  # no BrokenPipeError, no traceback
