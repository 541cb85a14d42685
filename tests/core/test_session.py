"""The session: one way into a library, typed changes, one transaction per user action,
and what other programs changed."""

from __future__ import annotations

import os
import subprocess
import sys

import pytest

from reader.core.changes import Changes
from reader.core.storage.db import CHANGE_LOG_KEPT

FORECASTS = (
    "# Forecasts\n\nAnalysts expect the market for video models will double by 2027. "
    "Prices will probably fall next year, the company said.\n"
)


@pytest.fixture
def heard(session):
    """Every Changes record the session's bus announces, in order."""
    records: list[Changes] = []
    session.bus.subscribe(records.append)
    return records


def test_each_action_announces_what_it_changed(session, heard, tmp_path):
    path = tmp_path / "f.md"
    path.write_text(FORECASTS, encoding="utf-8")
    article_id = session.library.import_file(path)
    [added] = heard  # the article and its proposals: one transaction, one record
    assert added.articles == {article_id} and added.predictions == {article_id}
    assert len(added.prediction_ids) == 2 and not added.highlights
    text = session.library.get(article_id).plain_text
    h = session.highlights.add(article_id, text, 0, 9)
    assert heard[-1] == Changes.highlight(article_id, h.id)
    session.highlights.rename_color(2, "Evidence")
    assert heard[-1] == Changes(colors=True)
    session.library.delete(article_id)
    assert heard[-1] == Changes.article(article_id)
    assert heard[-1].concerns(article_id) and not heard[-1].concerns(article_id + 1)


def test_nested_transactions_commit_once_with_everything_they_recorded(session, heard):
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    with session.db.transaction():
        first = session.highlights.add(article.id, text, 0, 5)
        second = session.highlights.add(article.id, text, 10, 15)
        assert heard == []  # nothing is announced before the commit
    assert heard == [Changes(highlights={article.id}, highlight_ids={first.id, second.id})]


def test_an_article_whose_proposals_fail_is_not_stored(session, tmp_path, monkeypatch):
    """The article and its proposals commit together: a failure between them leaves
    neither, so the same file imports cleanly afterwards."""
    import reader.core.predictions.detector as detector

    path = tmp_path / "f.md"
    path.write_text(FORECASTS, encoding="utf-8")
    before = [a.id for a in session.library.summaries()]

    def broken(article):
        raise OSError("disk gone between the article and its proposals")

    monkeypatch.setattr(detector, "detected_predictions", broken)
    with pytest.raises(OSError):
        session.library.import_file(path)
    assert [a.id for a in session.library.summaries()] == before
    monkeypatch.undo()
    article_id = session.library.import_file(path)  # not refused as a duplicate
    assert len(session.predictions.for_article(article_id)) == 2


def test_changes_survive_the_log_and_a_damaged_record_means_everything():
    record = Changes(
        articles=frozenset({1}),
        highlights=frozenset({2}),
        highlight_ids=frozenset({7, 8}),
        settings=frozenset({"bundled.luma"}),
        colors=True,
    )
    assert Changes.from_json(record.to_json()) == record
    assert Changes.from_json("{not json") == Changes(everything=True)
    assert Changes.from_json('{"articles": "x"}') == Changes(everything=True)
    assert not Changes() and record | Changes(everything=True) != record


def test_a_worker_session_shares_the_hooks_and_the_bus(session, heard, tmp_path):
    path = tmp_path / "f.md"
    path.write_text(FORECASTS, encoding="utf-8")
    with session.worker() as worker:
        assert worker.db is not session.db  # a connection of its own
        article_id = worker.library.import_file(path)
    assert len(session.predictions.for_article(article_id)) == 2  # proposals, as the CLI
    assert heard[-1].articles == {article_id}
    assert session.external_changes() == Changes()  # this process's own: announced already


def test_changes_made_by_another_program_are_read_from_the_log(session, data_dir):
    assert session.external_changes() == Changes()  # nothing yet: one cheap PRAGMA
    article = session.library.summaries()[0]
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "highlight",
         str(article.id), "Ray 3 is a phased achievement.", "--note", "from the CLI"],
        check=True, capture_output=True, env=env, timeout=120,
    )  # fmt: skip
    changes = session.external_changes()
    [h] = session.highlights.for_article(article.id)
    assert changes == Changes.highlight(article.id, h.id) and h.note == "from the CLI"
    assert session.external_changes() == Changes()  # told once


def test_the_change_log_is_pruned_and_a_reader_left_behind_rereads_everything(session):
    article = session.library.get(session.library.summaries()[0].id)
    db = session.db
    start = db.last_change()
    with db.transaction() as tx:
        tx.executemany(
            "INSERT INTO change_log(origin, changed) VALUES ('elsewhere', ?)",
            [(Changes.article(article.id).to_json(),)] * (CHANGE_LOG_KEPT + 10),
        )
    db.prune_change_log()
    kept = db.execute("SELECT count(*) FROM change_log").fetchone()[0]
    assert kept == CHANGE_LOG_KEPT
    _, changes = db.changes_since(start)
    assert changes.everything  # rows it had not read were pruned
