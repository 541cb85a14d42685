"""A library written by schema 1 opens under today's schema (5) with nothing lost."""

from __future__ import annotations

import sqlite3

from reader.core.session import open_session
from reader.core.storage.db import SCHEMA_VERSION, Database


def test_a_schema_1_library_is_migrated_in_place(tmp_path):
    folder = tmp_path / "lib"
    session = open_session(folder)
    [article] = session.library.summaries()
    text = session.library.get(article.id).plain_text
    session.highlights.add(article.id, text, 0, 20, note="kept")
    path = session.db.path
    session.close()
    conn = sqlite3.connect(path)  # as schema 1 left it: no index on deleted_at, no log,
    conn.execute("DROP TABLE change_log")  # no states, progress or article tags
    conn.execute("DROP TABLE reading")
    conn.execute("DROP TABLE article_tags")
    conn.execute("DROP TABLE bookmarks")
    old_source = "Intelligent Emergence, English translation (seed: shared/seed/luma-interview.txt)"
    conn.execute("UPDATE articles SET source=?", (old_source,))
    conn.execute("DROP INDEX articles_deleted")
    conn.execute("DROP INDEX articles_bundled")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()

    db = Database(path)
    assert db.version == SCHEMA_VERSION == 5
    names = {r[0] for r in db.execute("SELECT name FROM sqlite_master")}
    assert {"articles_deleted", "articles_bundled", "change_log"} <= names
    assert {"reading", "reading_state", "article_tags", "article_tags_tag"} <= names
    assert {"bookmarks", "bookmarks_article"} <= names
    db.close()
    again = open_session(folder)
    [h] = again.highlights.for_article(article.id)
    assert h.note == "kept" and [a.id for a in again.library.summaries()] == [article.id]
    assert again.library.get(article.id).source == "Intelligent Emergence, English translation"
    [listed] = again.library.summaries()  # in the Inbox, unread, untagged; and it files
    assert (listed.state, listed.furthest, listed.tags) == ("inbox", 0.0, ())
    again.library.shelf.opened(article.id)
    again.library.shelf.add_tags(article.id, ["AI video"])
    [listed] = again.library.summaries()
    assert (listed.state, listed.tags) == ("reading", ("ai-video",))
    again.bookmarks.add(article.id, text, 100)
    assert len(again.bookmarks.for_article(article.id)) == 1
    plan = again.db.execute(
        "EXPLAIN QUERY PLAN SELECT id FROM articles WHERE deleted_at IS NULL"
    ).fetchall()
    assert "articles_deleted" in " ".join(str(row[3]) for row in plan)
    plan = again.db.execute(
        "EXPLAIN QUERY PLAN SELECT id, deleted_at FROM articles WHERE bundled_key=?", ("k",)
    ).fetchall()
    assert "articles_bundled" in " ".join(str(row[3]) for row in plan)
    again.close()
