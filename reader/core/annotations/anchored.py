"""What highlights and predictions share: anchored rows with tags, a trash, re-anchoring."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass, fields, replace
from typing import Any, ClassVar, Generic, Protocol, TypeVar

from reader.core.annotations import anchoring
from reader.core.changes import Changes
from reader.core.models import Anchor, TextPositionSelector, TextQuoteSelector
from reader.core.storage.db import Database, _Tx, id_chunks, utc_now
from reader.core.storage.tags import load_tags, replace_tags


class AnchoredItem(Protocol):
    """What a Highlight and a Prediction both are: text anchored in an article, tagged."""

    @property
    def id(self) -> int: ...
    @property
    def article_id(self) -> int: ...
    @property
    def quote(self) -> TextQuoteSelector: ...
    @property
    def position(self) -> TextPositionSelector: ...
    @property
    def tags(self) -> tuple[str, ...]: ...


T = TypeVar("T", bound=AnchoredItem)
# the selectors' columns; every other field of a Highlight or Prediction but its tags
# is a column of the same name, so a new field is a column and a model field, no more
_SELECTORS = {"quote": ("exact", "prefix", "suffix"), "position": ("start", "end")}


def columns_of(model: type) -> tuple[str, ...]:
    """The table's columns for an anchored model (Highlight, Prediction), in field order."""
    names: list[str] = []
    for f in fields(model):
        if f.name != "tags":
            names.extend(_SELECTORS.get(f.name, (f.name,)))
    return tuple(names)


def row_of(item: Any) -> dict[str, Any]:
    """An anchored item as its row (a new item, id 0, gets its id from the table)."""
    row: dict[str, Any] = {}
    for f in fields(item):
        value = getattr(item, f.name)
        if f.name in _SELECTORS:
            row.update((column, getattr(value, column)) for column in _SELECTORS[f.name])
        elif f.name != "tags":
            row[f.name] = value
    row["id"] = row["id"] or None
    return row


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
    """Soft delete, trash, purge and re-anchoring over one table; every write records
    what it changed in its transaction (see reader.core.changes)."""

    MODEL: ClassVar[type]
    TABLE: ClassVar[str]
    KIND: ClassVar[str]  # tag kind, see reader.core.storage.tags
    ERROR: ClassVar[type[Exception]] = LookupError
    COLUMNS: ClassVar[str]  # from MODEL

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        cls.COLUMNS = ", ".join(columns_of(cls.MODEL))
        cls._SCALARS = tuple(
            f.name for f in fields(cls.MODEL) if f.name not in _SELECTORS and f.name != "tags"
        )

    def __init__(self, db: Database) -> None:
        self.db = db
        self._memo: dict[int, tuple[tuple, T]] = {}

    def _record(self, tx: _Tx, article_id: int, item_id: int) -> None:
        tx.record(Changes.annotation(self.KIND, article_id, item_id))

    _SCALARS: ClassVar[tuple[str, ...]]

    def _make(self, row: sqlite3.Row, tags: tuple[str, ...]) -> T:
        """An item from its row, by column name."""
        values = {name: row[name] for name in self._SCALARS}
        quote = TextQuoteSelector(row["exact"], row["prefix"], row["suffix"])
        position = TextPositionSelector(row["start"], row["end"])
        return self.MODEL(**values, quote=quote, position=position, tags=tags)

    def _insert(self, tx: _Tx, item: T) -> T:
        """INSERT one item (a new one, or one brought back by redo with its id) and its
        tags, recorded as a change; the item as stored."""
        row = row_of(item)
        marks = ", ".join("?" * len(row))
        cur = tx.execute(
            f"INSERT INTO {self.TABLE}({', '.join(row)}) VALUES ({marks})", tuple(row.values())
        )
        new_id = int(cur.lastrowid or 0)
        tags = replace_tags(tx, self.KIND, new_id, item.tags)
        self._record(tx, item.article_id, new_id)
        return replace(item, id=new_id, tags=tags)  # type: ignore[type-var]

    def insert(self, item: T) -> T:
        """Store one item, in a transaction of its own."""
        with self.db.transaction() as tx:
            return self._insert(tx, item)

    @staticmethod
    def _version(row: sqlite3.Row) -> tuple:
        """What tells a stored item from an earlier copy of itself."""
        return (row["uid"], row["updated_at"], row["deleted_at"])

    def _build(self, rows: list[sqlite3.Row]) -> list[T]:
        """Rows to objects, reusing those whose uid and timestamps have not changed."""
        memo = self._memo
        version = {r["id"]: self._version(r) for r in rows}
        fresh = [r for r in rows if (m := memo.get(r["id"])) is None or m[0] != version[r["id"]]]
        if fresh:
            tags = load_tags(self.db, self.KIND, [r["id"] for r in fresh])
            for r in fresh:
                memo[r["id"]] = (version[r["id"]], self._make(r, tags.get(r["id"], ())))
        return [memo[r["id"]][1] for r in rows]

    def _build_listed(self, versions: list[sqlite3.Row]) -> list[T]:
        """Objects for (id, uid, updated_at, deleted_at) rows, in their order: full rows
        are read only for those not already built (listing 50,000 highlights again reads
        four small columns, not every quote and its context)."""
        memo = self._memo
        stale = [
            r["id"]
            for r in versions
            if (m := memo.get(r["id"])) is None or m[0] != self._version(r)
        ]
        for chunk, marks in id_chunks(stale):
            sql = f"SELECT {self.COLUMNS} FROM {self.TABLE} WHERE id IN ({marks})"
            self._build(self.db.execute(sql, chunk).fetchall())
        return [memo[r["id"]][1] for r in versions]

    def _select(self, where: str, params: tuple[Any, ...] = (), order: str = "id") -> list[T]:
        sql = f"SELECT {self.COLUMNS} FROM {self.TABLE} WHERE {where} ORDER BY {order}"
        return self._build(self.db.execute(sql, params).fetchall())

    def get(self, item_id: int) -> T:
        found = self._select("id=?", (item_id,))
        if not found:
            raise self.ERROR(f"no {self.KIND} with id {item_id}")
        return found[0]

    def by_uid(self, uid: str) -> T | None:
        """The live item with this stable id, if there is one."""
        found = self._select("uid=? AND deleted_at IS NULL", (uid,))
        return found[0] if found else None

    def has_uid(self, uid: str) -> bool:
        """Whether an item with this stable id is stored (live or in the trash)."""
        sql = f"SELECT 1 FROM {self.TABLE} WHERE uid=?"
        return self.db.execute(sql, (uid,)).fetchone() is not None

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
            self._record(tx, article_id, item_id)

    def purge(self, item_id: int) -> None:
        """Remove for good (the undo of an add)."""
        article_id = self.get(item_id).article_id
        with self.db.transaction() as tx:
            tx.execute(f"DELETE FROM {self.TABLE} WHERE id=?", (item_id,))
            self._record(tx, article_id, item_id)

    def empty_trash(self) -> int:
        with self.db.transaction() as tx:
            gone = tx.execute(
                f"SELECT id, article_id FROM {self.TABLE} WHERE deleted_at IS NOT NULL"
            ).fetchall()
            tx.execute(f"DELETE FROM {self.TABLE} WHERE deleted_at IS NOT NULL")
            for row in gone:
                self._record(tx, row["article_id"], row["id"])
            return len(gone)

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
            self._record(tx, article_id, item_id)
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
