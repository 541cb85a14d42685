"""A full disk or a read-only library: a clear StorageError, and nothing stored is lost."""

from __future__ import annotations

import pytest

from reader.core.storage.db import StorageError


def _fill_disk(db) -> None:
    """SQLite's own size cap: writes past it fail exactly as on a full disk."""
    pages = db.execute("PRAGMA page_count").fetchone()[0]
    db.execute(f"PRAGMA max_page_count = {pages}")


def test_full_disk_is_a_clear_error_and_keeps_what_is_stored(services):
    article = services.library.get(services.library.summaries()[0].id)
    text = article.plain_text
    h = services.highlights.add(article.id, text, 0, 20, note="kept")
    _fill_disk(services.db)
    with pytest.raises(StorageError, match="disk is full"):
        for _ in range(50):  # until the pages run out
            services.highlights.update(h.id, note="x" * 100_000)
    assert services.highlights.get(h.id).note in ("kept", "x" * 100_000)
    assert services.db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    services.db.execute("PRAGMA max_page_count = 1073741823")  # space returns
    services.highlights.update(h.id, note="saved later")
    assert services.highlights.get(h.id).note == "saved later"


def test_read_only_library_is_a_clear_error(services):
    services.db.execute("PRAGMA query_only = ON")
    with pytest.raises(StorageError, match="read-only"):
        services.library.delete(services.library.summaries()[0].id)
    services.db.execute("PRAGMA query_only = OFF")
    assert len(services.library.summaries()) == 1
