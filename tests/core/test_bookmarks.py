"""Bookmarks: a line of an article to come back to, anchored, exported, backed up."""

from __future__ import annotations

import json

import pytest

from reader.core.annotations.bookmarks import BookmarkError, quote_at
from reader.core.export import export_folder, export_json
from reader.core.export.w3c import parse
from reader.core.models import Bookmark


def _article(session):
    article = session.library.get(session.library.summaries()[0].id)
    return article, article.plain_text


def test_a_bookmark_quotes_the_words_from_the_place_it_marks(session):
    article, text = _article(session)
    inside = text.index("attracted one million users") + 3  # inside a word: from its start
    b = session.bookmarks.add(article.id, text, inside)
    assert b.position.start == inside - 3
    assert b.quote.exact.startswith("attracted one million users")
    assert len(b.quote.exact) <= 90 and not text[b.position.end].isalnum()  # whole words
    assert "\n" not in b.quote.exact  # within its paragraph
    found = session.bookmarks.between(article.id, text, inside - 100, inside + 100)
    assert found is not None and found.id == b.id  # in view: found (Ctrl+D removes it)
    assert session.bookmarks.between(article.id, text, 0, 100) is None


def test_bookmarks_are_found_again_in_a_corrected_text(session):
    article, text = _article(session)
    b = session.bookmarks.add(article.id, text, text.index("The To C Era"))
    corrected = "A new first paragraph, added by the editor.\n" + text
    [placed] = session.bookmarks.placed(article.id, corrected)
    assert placed.anchor is not None
    assert corrected[placed.anchor.start :].startswith("The To C Era")
    assert placed.item.id == b.id


def test_a_bookmark_change_is_one_logged_transaction_and_undo_is_purge(session):
    article, text = _article(session)
    heard = []
    session.bus.subscribe(heard.append)
    b = session.bookmarks.add(article.id, text, 500)
    session.bookmarks.purge(b.id)
    assert [c.bookmarks for c in heard] == [frozenset([article.id])] * 2
    assert session.bookmarks.for_article(article.id) == []


def test_nothing_to_bookmark_is_refused_clearly(session):
    article, _text = _article(session)
    with pytest.raises(BookmarkError, match="no text here"):
        session.bookmarks.add(article.id, "", 0)
    assert quote_at("one\n\ntwo", 4) == (5, 8)  # an empty line: the next line's words


def test_bookmarks_go_into_the_markdown_and_json_exports_and_the_backup(session, tmp_path):
    article, text = _article(session)
    session.bookmarks.add(article.id, text, text.index("Song Jiaming: I think OpenAI"))
    [path] = export_folder(
        session.annotations([article.id]), tmp_path / "md", session.highlights.colors()
    )
    exported = path.read_text(encoding="utf-8")
    section = exported.split("## Bookmarks\n\n", 1)[1]
    assert section.startswith("- *The To C Era Hasn't Arrived Yet* — “Song Jiaming: I think")
    out = export_json(session.annotations([article.id]), tmp_path / "a.json", [])
    items = json.loads(out.read_text(encoding="utf-8"))["first"]["items"]
    assert [a["motivation"] for a in items].count("bookmarking") == 1
    [back] = [x for x in parse(out.read_text(encoding="utf-8")) if isinstance(x, Bookmark)]
    assert back.quote.exact.startswith("Song Jiaming: I think")
    backup = session.write_backup(tmp_path / "b.json.gz")
    session.bookmarks.purge(session.bookmarks.for_article(article.id)[0].id)
    session.restore_backup(backup)
    [kept] = session.bookmarks.for_article(article.id)
    assert kept.quote.exact.startswith("Song Jiaming: I think")
