"""Bookmarks: places in an article to come back to, anchored as highlights are.

A bookmark marks a place: the first line in view when it was made. The words from there
are its quote, so it is found again after the text is corrected, and listed by them with
its section.
"""

from __future__ import annotations

import uuid

from reader.core.annotations import anchoring
from reader.core.annotations.anchored import AnchoredService
from reader.core.changes import Changes
from reader.core.models import Bookmark
from reader.core.storage.db import _Tx, utc_now
from reader.core.text import snap_to_words

LABEL_CHARS = 80  # a bookmark quotes at most this much of its line


class BookmarkError(LookupError):
    """No such bookmark, or no line to bookmark; the message says which."""


class BookmarkService(AnchoredService[Bookmark]):
    MODEL = Bookmark
    TABLE = "bookmarks"
    KIND = "bookmark"
    ERROR = BookmarkError

    def _record(self, tx: _Tx, article_id: int, item_id: int) -> None:
        tx.record(Changes(bookmarks=frozenset([article_id])))

    def add(self, article_id: int, text: str, offset: int) -> Bookmark:
        """Bookmark the place at `offset` (the first line in view): its first words."""
        start, end = quote_at(text, offset)
        if end <= start:
            raise BookmarkError("there is no text here to bookmark")
        quote, position = anchoring.describe(text, start, end)
        now = utc_now()
        return self.insert(
            Bookmark(0, str(uuid.uuid4()), article_id, quote, position, (), now, now)
        )

    def between(self, article_id: int, text: str, start: int, end: int) -> Bookmark | None:
        """The first bookmark placed in text[start:end] (what is in view), if any."""
        for placed in sorted(
            self.placed(article_id, text), key=lambda p: p.anchor.start if p.anchor else -1
        ):
            if placed.anchor is not None and start <= placed.anchor.start < max(end, start + 1):
                return placed.item
        return None


def quote_at(text: str, offset: int) -> tuple[int, int]:
    """(start, end) of what a bookmark at `offset` quotes: from the word there (or the
    next text) up to LABEL_CHARS, in whole words, within its paragraph."""
    offset = max(0, min(offset, len(text)))
    start = (
        snap_to_words(text, offset, min(len(text), offset + 1))[0] if offset < len(text) else offset
    )
    while start < len(text) and text[start].isspace():
        start += 1
    line_end = text.find("\n", start)
    line_end = len(text) if line_end == -1 else line_end
    end = min(line_end, start + LABEL_CHARS)
    if end < line_end:
        end = snap_to_words(text, start, end)[1]
    return start, end
