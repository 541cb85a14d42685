"""Keeping a library in order: Inbox, Reading, Archive; the furthest point read; tags on
articles. Real SQLite files, a real Whoosh index."""

from __future__ import annotations

import pytest

from reader.core.library.shelf import ShelfError
from tests.conftest import CORPUS


def _two(session):
    report = session.library.import_paths([CORPUS / "tricky.md", CORPUS / "notes.txt"])
    return [a.id for a in report.imported]


def test_new_articles_wait_in_the_inbox_and_opening_one_starts_reading_it(session):
    first, second = _two(session)
    shelf = session.library.shelf
    assert shelf.counts() == {"inbox": 3, "reading": 0, "archive": 0}  # with the interview
    assert shelf.opened(first) is True
    assert shelf.opened(first) is False  # once
    assert shelf.toggle_archive(second) == "archive"
    states = {a.id: a.state for a in session.library.summaries()}
    assert (states[first], states[second]) == ("reading", "archive")
    assert shelf.counts() == {"inbox": 1, "reading": 1, "archive": 1}
    assert shelf.opened(second) is False  # an archived article stays archived when read
    assert shelf.toggle_archive(second) == "inbox"  # unarchived, never read: the Inbox
    shelf.toggle_archive(second)
    shelf.record_progress(second, 0.3)
    assert shelf.toggle_archive(second) == "reading"  # read some of: back to Reading


def test_a_state_change_is_one_logged_transaction(session):
    [first, _] = _two(session)
    heard = []
    session.bus.subscribe(heard.append)
    seq = session.db.last_change()
    session.library.shelf.set_state(first, "archive")
    assert [c.status for c in heard] == [frozenset([first])]
    _newest, logged = session.db.changes_since(seq, own=True)
    assert logged.status == frozenset([first]) and not logged.articles


def test_the_furthest_point_read_only_moves_forward(session):
    article = session.library.summaries()[0].id
    shelf = session.library.shelf
    assert shelf.record_progress(article, 0.4) is True
    assert shelf.record_progress(article, 0.2) is False  # read back: still 40 %
    assert shelf.record_progress(article, 0.405) is False  # less than a step
    assert shelf.record_progress(article, 0.999) is True  # the end in view: read
    [listed] = session.library.summaries()
    assert listed.furthest == 1.0 and listed.minutes_left == 0


def test_articles_take_tags_as_highlights_do(session):
    first, second = _two(session)
    shelf = session.library.shelf
    assert shelf.add_tags(first, ["AI video", "#Luma", "ai video"]) == ("ai-video", "luma")
    shelf.add_tags(second, ["garden"])
    assert shelf.remove_tags(first, ["LUMA"]) == ("ai-video",)
    assert shelf.tags_in_use() == ["ai-video", "garden"]
    tags = {a.id: a.tags for a in session.library.summaries()}
    assert (tags[first], tags[second]) == (("ai-video",), ("garden",))


def test_unknown_states_and_articles_are_refused_clearly(session):
    article = session.library.summaries()[0].id
    with pytest.raises(ShelfError, match="no state 'later' \\(states: inbox, reading, archive\\)"):
        session.library.shelf.set_state(article, "later")
    with pytest.raises(ShelfError, match="no article with id 999"):
        session.library.shelf.add_tags(999, ["x"])


def test_search_finds_articles_by_state_and_by_their_own_tags(session):
    first, second = _two(session)
    session.library.shelf.set_state(second, "archive")
    session.library.shelf.add_tags(first, ["garden-notes"])
    session.search.rebuild(session.documents)
    ids = lambda q: sorted(h.article_id for h in session.search.search(q).hits)  # noqa: E731
    assert ids("state:archive") == [second]
    assert ids("tag:garden-notes") == [first]
    session.library.shelf.set_state(first, "archive")  # the index follows the change
    session.search.flush()
    assert ids("state:archive") == sorted([first, second])


def test_a_backup_keeps_states_progress_and_tags(session, tmp_path):
    first, second = _two(session)
    shelf = session.library.shelf
    shelf.set_state(first, "archive")
    shelf.record_progress(second, 0.5)
    shelf.add_tags(second, ["keep"])
    path = session.write_backup(tmp_path / "b.json.gz")
    shelf.set_state(first, "reading")
    shelf.set_tags(second, [])
    session.restore_backup(path)
    listed = {a.id: (a.state, a.furthest, a.tags) for a in session.library.summaries()}
    assert listed[first][0] == "archive"
    assert listed[second] == ("inbox", 0.5, ("keep",))


def test_the_markdown_export_carries_the_article_s_tags_and_state(session):
    from reader.core.export import collect, render

    article = session.library.summaries()[0].id
    session.library.shelf.add_tags(article, ["zz-first", "ai-video"])
    session.library.shelf.set_state(article, "archive")
    text = session.library.get(article).plain_text
    session.highlights.add(article, text, 0, 20, tags=["aaa-highlight"])
    item = collect(session.library, session.highlights, session.predictions, article)
    front = render(item, session.highlights.colors(), "2026-12-02").split("---")[1]
    assert 'tags: ["zz-first", "ai-video"]' in front.splitlines()  # its own, as it has them
    [others] = [line for line in front.splitlines() if line.startswith("annotation_tags: ")]
    listed = [t.strip(' "') for t in others[len("annotation_tags: [") : -1].split(",")]
    assert "aaa-highlight" in listed and listed == sorted(listed)  # its annotations', apart
    assert "zz-first" not in listed
    assert 'state: "archive"' in front
