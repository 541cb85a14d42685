"""A full disk or a read-only library: a clear StorageError, and nothing stored is lost."""

from __future__ import annotations

import pytest

from reader.core.storage.db import StorageError


def _fill_disk(db) -> None:
    """SQLite's own size cap: writes past it fail exactly as on a full disk."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_is_a_clear_error_and_keeps_what_is_stored(session):
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    h = session.highlights.add(article.id, text, 0, 20, note="kept")
    _fill_disk(session.db)
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(50):  # until the pages run out
            session.highlights.update(h.id, note="x" * 100_000)
    assert session.highlights.get(h.id).note in ("kept", "x" * 100_000)
    assert session.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    session.db.execute("PRAGMA max_page_count = 1073741823")  # space returns
    session.highlights.update(h.id, note="saved later")
    assert session.highlights.get(h.id).note == "saved later"


def test_read_only_library_is_a_clear_error(session):
    session.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="read-only"):
        session.library.delete(session.library.summaries()[0].id)
    session.db.execute("PRAGMA query_only = OFF")
    assert len(session.library.summaries()) == 1
