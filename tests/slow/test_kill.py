"""SIGKILL the core at random moments: acknowledged actions survive, nothing is half-written."""

from __future__ import annotations

import json
import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

WORKER = Path(__file__).with_name("kill_worker.py")
KILLS = int(os.environ.get("READER_KILLS", "200"))


def run_and_kill(folder: Path, seed: int, delay: float) -> list[dict]:
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).parents[2])}
    proc = subprocess.Popen(
        [sys.executable, str(WORKER), str(folder), str(seed)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
    )
    time.sleep(delay)
    proc.send_signal(signal.SIGKILL)
    out, err = proc.communicate()
    assert proc.returncode == -signal.SIGKILL, err.decode()[-2000:]
    acks = []
    for line in out.decode().splitlines():
        if line.startswith("ACK ") and line.endswith("}"):
            acks.append(json.loads(line[4:]))
    return acks


def verify(folder: Path, acks: list[dict]) -> None:
    conn = sqlite3.connect(folder / "library.sqlite3")
    try:
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        assert conn.execute("PRAGMA foreign_key_check").fetchall() == []
        articles = {r[0] for r in conn.execute("SELECT id FROM articles")}
        highlights = {r[0]: r for r in conn.execute("SELECT id, note, deleted_at FROM highlights")}
        predictions = {
            r[0]: r for r in conn.execute("SELECT id, note, probability FROM predictions")
        }
        for a in acks:
            kind, ident = a["kind"], a["id"]
            if kind == "article":
                assert ident in articles
            elif kind == "highlight":
                assert ident in highlights
            elif kind == "note":
                # the acknowledged note, or a later one committed just before the kill
                assert int(highlights[ident][1].split()[1]) >= a["n"]
            elif kind == "prediction":
                assert ident in predictions
            elif kind == "annotate":
                assert int(predictions[ident][1].split()[1]) >= a["n"]
            elif kind == "deleted":
                assert highlights[ident][2] is not None
        # an article and the predictions proposed for it were one transaction: no article
        # of the worker's is without its proposals
        for (art_id,) in conn.execute("SELECT id FROM articles WHERE bundled_key IS NULL"):
            proposed = conn.execute(
                "SELECT count(*) FROM predictions WHERE article_id=? AND source='detected'",
                (art_id,),
            ).fetchone()[0]
            assert proposed >= 1, f"article {art_id} was stored without its proposals"
        # nothing half-written: every highlight's quote is where its position says
        for art_id, text in conn.execute("SELECT id, plain_text FROM articles"):
            for exact, start, end in conn.execute(
                "SELECT exact, start, end FROM highlights WHERE article_id=?", (art_id,)
            ):
                assert text[start:end] == exact
    finally:
        conn.close()


@pytest.mark.slow
def test_sigkill_never_loses_an_acknowledged_action(tmp_path):
    folder = tmp_path / "lib"
    rng = random.Random(1234)
    all_acks: list[dict] = []
    for kill in range(KILLS):
        acks = run_and_kill(folder, kill, rng.uniform(0.05, 0.6))
        all_acks.extend(acks)
        verify(folder, all_acks)
    assert len(all_acks) > KILLS  # the workers really did work between kills
    from reader.core.session import open_session

    session = open_session(folder)  # the index opens and agrees, or is rebuilt
    if session.search.needs_rebuild(session.documents) is not None:
        session.search.rebuild(session.documents)
    assert session.search.needs_rebuild(session.documents) is None
    assert session.search.search("video").error is None
    session.close()
    kinds = {a["kind"] for a in all_acks}
    assert {"article", "highlight", "note", "prediction", "annotate"} <= kinds
