"""What highlights and predictions share: anchored rows with tags, a trash and listeners."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, ClassVar, Generic, TypeVar

from reader.core.annotations import anchoring
from reader.core.annotations.tags import load_tags
from reader.core.models import Anchor, TextPositionSelector, TextQuoteSelector
from reader.core.storage.db import Database, id_chunks, utc_now

T = TypeVar("T")
Listener = Callable[[str, int], None]  # (event, article_id)


@dataclass(frozen=True)
class Placed(Generic[T]):
    """An annotation and where it sits in the current text (anchor None: unanchored)."""

    item: T
    anchor: Anchor | None
    candidate: Anchor | None = None

    @property
    def highlight(self) -> T:
        return self.item

    @property
    def prediction(self) -> T:
        return self.item


class AnchoredService(Generic[T]):
    """Soft delete, trash, purge, re-anchoring and change listeners over one table."""

    TABLE: ClassVar[str]
    KIND: ClassVar[str]  # tag kind, see reader.core.annotations.tags
    EVENT: ClassVar[str]  # what listeners are told changed
    COLUMNS: ClassVar[str]
    ERROR: ClassVar[type[Exception]] = LookupError

    def __init__(self, db: Database) -> None:
        self.db = db
        self.listeners: list[Listener] = []
        # (article id, text) -> {item id: (quote, position, anchor)}: re-anchor only what changed
        self._anchors: dict[tuple[int, str], dict[int, tuple]] = {}
        self._memo: dict[int, tuple[tuple, T]] = {}

    def _changed(self, article_id: int) -> None:
        for listener in self.listeners:
            listener(self.EVENT, article_id)

    UID, UPDATED, DELETED = 1, -2, -1  # column positions in COLUMNS

    def _make(self, row: sqlite3.Row, tags: tuple[str, ...]) -> T:
        raise NotImplementedError

    def _build(self, rows: list[sqlite3.Row]) -> list[T]:
        """Rows to objects, reusing those whose uid and timestamps have not changed."""
        memo = self._memo
        version = {r[0]: (r[self.UID], r[self.UPDATED], r[self.DELETED]) for r in rows}
        fresh = [r for r in rows if (m := memo.get(r[0])) is None or m[0] != version[r[0]]]
        if fresh:
            tags = load_tags(self.db, self.KIND, [r[0] for r in fresh])
            for r in fresh:
                memo[r[0]] = (version[r[0]], self._make(r, tags.get(r[0], ())))
        return [memo[r[0]][1] for r in rows]

    def _build_listed(self, versions: list[sqlite3.Row]) -> list[T]:
        """Objects for (id, uid, updated_at, deleted_at) rows, in their order: full rows
        are read only for those not already built (listing 50,000 highlights again reads
        four small columns, not every quote and its context)."""
        memo = self._memo
        stale = [r[0] for r in versions if (m := memo.get(r[0])) is None or m[0] != tuple(r[1:])]
        for chunk, marks in id_chunks(stale):
            sql = f"SELECT {self.COLUMNS} FROM {self.TABLE} WHERE id IN ({marks})"
            self._build(self.db.execute(sql, chunk).fetchall())
        return [memo[r[0]][1] for r in versions]

    def _select(self, where: str, params: tuple[Any, ...] = (), order: str = "id") -> list[T]:
        sql = f"SELECT {self.COLUMNS} FROM {self.TABLE} WHERE {where} ORDER BY {order}"
        return self._build(self.db.execute(sql, params).fetchall())

    def get(self, item_id: int) -> T:
        found = self._select("id=?", (item_id,))
        if not found:
            raise self.ERROR(f"no {self.KIND} with id {item_id}")
        return found[0]

    def for_article(self, article_id: int) -> list[T]:
        return self._select("article_id=? AND deleted_at IS NULL", (article_id,), "start, end")

    def for_articles(self, article_ids: Iterable[int]) -> dict[int, list[T]]:
        """for_article() of each of these articles, in a query per 900 of them."""
        found: dict[int, list[T]] = {}
        for chunk, marks in id_chunks(article_ids):
            where = f"article_id IN ({marks}) AND deleted_at IS NULL"
            for item in self._select(where, tuple(chunk), "article_id, start, end"):
                found.setdefault(item.article_id, []).append(item)
        return found

    def trash(self) -> list[T]:
        return self._select("deleted_at IS NOT NULL", order="deleted_at DESC")

    def delete(self, item_id: int) -> None:
        """To the trash (restorable until the trash is emptied)."""
        self._set_deleted(item_id, utc_now())

    def restore(self, item_id: int) -> None:
        self._set_deleted(item_id, None)

    def _set_deleted(self, item_id: int, when: str | None) -> None:
        article_id = self.get(item_id).article_id
        with self.db.transaction() as tx:
            tx.execute(f"UPDATE {self.TABLE} SET deleted_at=? WHERE id=?", (when, item_id))
        self._changed(article_id)

    def purge(self, item_id: int) -> None:
        """Remove for good (the undo of an add)."""
        article_id = self.get(item_id).article_id
        with self.db.transaction() as tx:
            tx.execute(f"DELETE FROM {self.TABLE} WHERE id=?", (item_id,))
        self._changed(article_id)

    def empty_trash(self) -> int:
        with self.db.transaction() as tx:
            return tx.execute(f"DELETE FROM {self.TABLE} WHERE deleted_at IS NOT NULL").rowcount

    def set_selectors(
        self, item_id: int, quote: TextQuoteSelector, position: TextPositionSelector
    ) -> T:
        article_id = self.get(item_id).article_id
        with self.db.transaction() as tx:
            tx.execute(
                f"UPDATE {self.TABLE} SET exact=?, prefix=?, suffix=?, start=?, end=?,"
                " updated_at=? WHERE id=?",
                (
                    quote.exact,
                    quote.prefix,
                    quote.suffix,
                    position.start,
                    position.end,
                    utc_now(),
                    item_id,
                ),
            )
        self._changed(article_id)
        return self.get(item_id)

    def reattach(self, item_id: int, text: str, start: int, end: int) -> T:
        """Anchor an unanchored item on a new selection (its other fields stay)."""
        try:
            quote, position = anchoring.describe(text, start, end)
        except ValueError as exc:
            raise self.ERROR(str(exc)) from exc
        return self.set_selectors(item_id, quote, position)

    def placed(self, article_id: int, text: str, items: list[T] | None = None) -> list[Placed[T]]:
        """Re-anchor every live item of an article (or these of its items, as read by
        for_articles) in its current text."""
        items = self.for_article(article_id) if items is None else items
        anchors = anchoring.anchor_many(text, items)
        return [
            Placed(
                item, a, None if a else anchoring.best_candidate(text, item.quote, item.position)
            )
            for item, a in zip(items, anchors, strict=True)
        ]
