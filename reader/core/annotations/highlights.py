"""HighlightStore (SQL) and HighlightService (one transaction per user action)."""

from __future__ import annotations

import uuid
from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.annotations import anchoring
from reader.core.annotations.anchored import AnchoredService, Placed
from reader.core.changes import Changes
from reader.core.models import Article, ColorSlot, Highlight, TextQuoteSelector
from reader.core.storage.db import id_chunks, utc_now, utc_text
from reader.core.storage.tags import clean_tags, replace_tags, tags_in_use
from reader.core.text import utc_moment


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
    MODEL, TABLE, KIND, ERROR = Highlight, "highlights", "highlight", HighlightError

    # -- colours --
    def colors(self) -> list[ColorSlot]:
        rows = self.db.execute("SELECT slot, name, hex FROM colors ORDER BY slot")
        return [ColorSlot(r["slot"], r["name"], r["hex"]) for r in rows]

    def rename_color(self, slot: int, name: str) -> None:
        name = " ".join(name.split())
        if not name:
            raise HighlightError("a colour needs a name")
        with self.db.transaction() as tx:
            tx.execute("UPDATE colors SET name=? WHERE slot=?", (name, slot))
            tx.record(Changes(colors=True))  # every article: `color:` searches use the name

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
        made_at: str | None = None,
    ) -> Highlight:
        """Highlight text[start:end] of the article's canonical text (`made_at`: when
        another app says it was made, for one brought from there)."""
        try:
            quote, position = anchoring.describe(text, start, end)
        except ValueError as exc:
            raise HighlightError(str(exc)) from exc
        now = utc_now()
        moment = utc_moment(made_at)
        made = utc_text(moment) if moment else now
        h = Highlight(
            0,
            str(uuid.uuid4()),
            article_id,
            color,
            quote,
            position,
            note,
            clean_tags(tags),
            made,
            now,
        )
        return self.insert(h)

    def add_imported(self, article: Article, wanted: list) -> tuple[int, int]:
        """Highlight the passages another app's export brought (each {"exact", "note",
        and maybe "prefix", "suffix", "tags", "color"}), skipping those already
        highlighted: (how many were added, how many could not be found in the text).
        Each is looked for after the one before, then anywhere, then as anchoring finds
        a changed quote. Runs inside the import's transaction."""
        text = article.plain_text
        have = {h.quote.exact for h in self.for_article(article.id)}
        slots = {c.name.casefold(): c.slot for c in self.colors()}
        added = missed = at = 0
        for item in wanted:
            exact = str(item.get("exact", "")) if isinstance(item, dict) else ""
            if not exact.strip():
                continue
            span = _find_quote(text, item, exact, at)
            if span is None:
                missed += 1
                continue
            at = span[1]
            if text[span[0] : span[1]] in have:
                continue
            tags = [str(t) for t in item.get("tags") or () if str(t).strip()]
            color = slots.get(str(item.get("color") or "").casefold(), 1)
            note, made = str(item.get("note") or ""), item.get("added")
            made = made if isinstance(made, str) else None
            self.add(article.id, text, *span, color, note, tags, made)
            have.add(text[span[0] : span[1]])
            added += 1
        return added, missed

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
            self._record(tx, h.article_id, highlight_id)
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


def _find_quote(text: str, item: dict, exact: str, after: int) -> tuple[int, int] | None:
    found = text.find(exact, after)
    if found < 0:
        found = text.find(exact)
    if found >= 0:
        return found, found + len(exact)
    quote = TextQuoteSelector(exact, str(item.get("prefix") or ""), str(item.get("suffix") or ""))
    placed = anchoring.anchor(text, quote, None)
    return (placed.start, placed.end) if placed is not None else None
