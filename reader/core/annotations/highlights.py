"""HighlightStore (SQL) and HighlightService (one transaction per user action)."""

from __future__ import annotations

import sqlite3
import uuid
from collections.abc import Iterable
from dataclasses import dataclass, replace

from reader.core.annotations import anchoring
from reader.core.annotations.anchored import AnchoredService, Placed
from reader.core.annotations.tags import clean_tags, replace_tags, tags_in_use
from reader.core.models import ColorSlot, Highlight, TextPositionSelector, TextQuoteSelector
from reader.core.storage.db import id_chunks, utc_now

_COLS = (
    "id, uid, article_id, color, exact, prefix, suffix, start, end, note, created_at, "
    "updated_at, deleted_at"
)


class HighlightError(ValueError):
    """A highlight request that cannot be done; the message says why."""


PlacedHighlight = Placed[Highlight]


@dataclass(frozen=True)
class HighlightFilter:
    color: int | None = None
    tag: str | None = None
    text: str = ""
    article_id: int | None = None


class HighlightService(AnchoredService[Highlight]):
    TABLE, KIND, EVENT, COLUMNS, ERROR = (
        "highlights",
        "highlight",
        "highlights",
        _COLS,
        HighlightError,
    )

    # -- colours --
    def colors(self) -> list[ColorSlot]:
        rows = self.db.execute("SELECT slot, name, hex FROM colors ORDER BY slot")
        return [ColorSlot(r[0], r[1], r[2]) for r in rows]

    def rename_color(self, slot: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise HighlightError("a colour needs a name")
        with self.db.transaction() as tx:
            tx.execute("UPDATE colors SET name=? WHERE slot=?", (name, slot))
        self._changed(-1)  # every article: `color:` searches use the new name

    def color_slot(self, name_or_slot: str) -> int:
        """A colour by its name (any case) or its number 1-5."""
        value = name_or_slot.strip()
        for c in self.colors():
            if value.casefold() == c.name.casefold() or value == str(c.slot):
                return c.slot
        names = ", ".join(c.name for c in self.colors())
        raise HighlightError(f"no colour '{value}' (colours: {names})")

    # -- create / change / delete --
    def add(
        self,
        article_id: int,
        text: str,
        start: int,
        end: int,
        color: int = 1,
        note: str = "",
        tags: Iterable[str] = (),
    ) -> Highlight:
        """Highlight text[start:end] of the article's canonical text."""
        try:
            quote, position = anchoring.describe(text, start, end)
        except ValueError as exc:
            raise HighlightError(str(exc)) from exc
        now = utc_now()
        h = Highlight(
            0,
            str(uuid.uuid4()),
            article_id,
            color,
            quote,
            position,
            note,
            clean_tags(tags),
            now,
            now,
        )
        return self.insert(h)

    def insert(self, h: Highlight) -> Highlight:
        """Store a highlight (a new one, or one brought back by redo with its id)."""
        with self.db.transaction() as tx:
            cur = tx.execute(
                f"INSERT INTO highlights({_COLS}) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?)",
                (
                    h.id or None,
                    h.uid,
                    h.article_id,
                    h.color,
                    h.quote.exact,
                    h.quote.prefix,
                    h.quote.suffix,
                    h.position.start,
                    h.position.end,
                    h.note,
                    h.created_at,
                    h.updated_at,
                    h.deleted_at,
                ),
            )
            new_id = int(cur.lastrowid)
            tags = replace_tags(tx, "highlight", new_id, h.tags)
        self._changed(h.article_id)
        return replace(h, id=new_id, tags=tags)

    def update(
        self,
        highlight_id: int,
        *,
        note: str | None = None,
        color: int | None = None,
        tags: Iterable[str] | None = None,
    ) -> Highlight:
        h = self.get(highlight_id)
        with self.db.transaction() as tx:
            tx.execute(
                "UPDATE highlights SET note=?, color=?, updated_at=? WHERE id=?",
                (
                    h.note if note is None else note,
                    h.color if color is None else color,
                    utc_now(),
                    highlight_id,
                ),
            )
            if tags is not None:
                replace_tags(tx, "highlight", highlight_id, tags)
        self._changed(h.article_id)
        return self.get(highlight_id)

    # -- reading --
    def query(self, flt: HighlightFilter) -> list[Highlight]:
        """Live highlights of live articles matching the filter, newest first."""
        sql, params = self._query_sql(flt, "h.id, h.uid, h.updated_at, h.deleted_at")
        return self._build_listed(self.db.execute(sql, params).fetchall())

    def query_ids(self, flt: HighlightFilter) -> list[int]:
        """The ids query() would return, in its order, building nothing (a list of
        50,000 loads the highlights it shows as they scroll into view: get_many)."""
        sql, params = self._query_sql(flt, "h.id")
        return [int(r[0]) for r in self.db.execute(sql, params)]

    def get_many(self, highlight_ids: list[int]) -> dict[int, Highlight]:
        """The live highlights among these ids; deleted ones are left out."""
        found: dict[int, Highlight] = {}
        for chunk, marks in id_chunks(highlight_ids):
            found.update(
                (h.id, h)
                for h in self._select(f"id IN ({marks}) AND deleted_at IS NULL", tuple(chunk))
            )
        return found

    @staticmethod
    def _query_sql(flt: HighlightFilter, columns: str) -> tuple[str, list]:
        sql = (  # NOT IN, not a join: SQLite then reads highlights once, in one pass
            f"SELECT {columns} FROM highlights h WHERE h.deleted_at IS NULL"
            " AND h.article_id NOT IN (SELECT id FROM articles WHERE deleted_at IS NOT NULL)"
        )
        params: list = []
        if flt.article_id is not None:
            sql += " AND h.article_id=?"
            params.append(flt.article_id)
        if flt.color is not None:
            sql += " AND h.color=?"
            params.append(flt.color)
        if flt.tag:
            sql += " AND h.id IN (SELECT highlight_id FROM highlight_tags WHERE tag=?)"
            params.append(flt.tag)
        if flt.text:  # casefold(): registered by Database (SQLite's lower() is ASCII only)
            sql += " AND (instr(casefold(h.exact), ?) > 0 OR instr(casefold(h.note), ?) > 0)"
            params += [flt.text.casefold(), flt.text.casefold()]
        sql += " ORDER BY h.created_at DESC, h.id DESC"
        return sql, params

    def tags_in_use(self) -> list[str]:
        return tags_in_use(self.db, "highlight")

    def _make(self, r: sqlite3.Row, tags: tuple[str, ...]) -> Highlight:
        return Highlight(
            id=r[0],
            uid=r[1],
            article_id=r[2],
            color=r[3],
            quote=TextQuoteSelector(r[4], r[5], r[6]),
            position=TextPositionSelector(r[7], r[8]),
            note=r[9],
            tags=tags,
            created_at=r[10],
            updated_at=r[11],
            deleted_at=r[12],
        )
