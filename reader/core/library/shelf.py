"""Where each article stands (Inbox, Reading, Archive), how far it has been read, and
its tags: the library kept in order, as Pocket and Readwise Reader keep it.

A new article is in the Inbox; opening it moves it to Reading; archiving puts it away
(and unarchiving brings it back to Reading). Each change is one transaction, announced
as `Changes(status=…)` (the list and the search index follow; the text is not touched)
or, for the furthest point read, `Changes(progress=…)` (the list follows).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from reader.core.changes import Changes
from reader.core.storage.db import Database, id_chunks, utc_now
from reader.core.storage.tags import clean_tags, load_tags, replace_tags, tags_in_use

STATES = ("inbox", "reading", "archive")
PROGRESS_STEP = 0.01  # the furthest point read is kept when it moves at least this far


class ShelfError(ValueError):
    """A state or an article the shelf does not know; the message says which."""


@dataclass(frozen=True)
class Standing:
    state: str = "inbox"
    furthest: float = 0.0  # 0..1: the furthest point read
    tags: tuple[str, ...] = ()


def check_state(state: str) -> str:
    value = state.strip().lower()
    aliases = {"archived": "archive", "new": "inbox", "unread": "inbox"}
    value = aliases.get(value, value)
    if value not in STATES:
        raise ShelfError(f"no state '{state}' (states: {', '.join(STATES)})")
    return value


class Shelf:
    def __init__(self, db: Database) -> None:
        self.db = db

    # -- reading --
    def standing(self, article_ids: Iterable[int]) -> dict[int, Standing]:
        """Each article's state, furthest point read and tags (defaults for the unknown)."""
        ids = list(article_ids)
        found = {i: Standing() for i in ids}
        tags = load_tags(self.db, "article", ids)
        for chunk, marks in id_chunks(ids):
            sql = f"SELECT article_id, state, furthest FROM reading WHERE article_id IN ({marks})"
            for row in self.db.execute(sql, chunk):
                found[row[0]] = Standing(row[1], float(row[2]))
        return {i: Standing(s.state, s.furthest, tags.get(i, ())) for i, s in found.items()}

    def counts(self) -> dict[str, int]:
        """Live articles in each state."""
        rows = self.db.execute(
            "SELECT COALESCE(r.state, 'inbox'), count(*) FROM articles a"
            " LEFT JOIN reading r ON r.article_id = a.id"
            " WHERE a.deleted_at IS NULL GROUP BY 1"
        )
        counts = dict.fromkeys(STATES, 0)
        counts.update({state: int(n) for state, n in rows})
        return counts

    def tags_in_use(self) -> list[str]:
        return tags_in_use(self.db, "article")

    def _place(self, article_id: int) -> tuple[str, float]:
        """(state, furthest point read) of one article, without its tags."""
        row = self.db.execute(
            "SELECT state, furthest FROM reading WHERE article_id=?", (article_id,)
        ).fetchone()
        return (row[0], float(row[1])) if row else ("inbox", 0.0)

    # -- changing --
    def set_state(self, article_id: int, state: str) -> bool:
        """Put an article in a state; False when it already was there."""
        state = check_state(state)
        self._require(article_id)
        if self._place(article_id)[0] == state:
            return False
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO reading(article_id, state, changed_at) VALUES (?, ?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET state=excluded.state,"
                " changed_at=excluded.changed_at",
                (article_id, state, utc_now()),
            )
            tx.record(Changes(status=frozenset([article_id])))
        return True

    def opened(self, article_id: int) -> bool:
        """Opening an article from the Inbox starts reading it (True when it moved)."""
        if self._place(article_id)[0] != "inbox":
            return False
        return self.set_state(article_id, "reading")

    def toggle_archive(self, article_id: int) -> str:
        """Archive an article, or bring an archived one back (see unarchived); its new
        state."""
        archived = self._place(article_id)[0] == "archive"
        state = self.unarchived(article_id) if archived else "archive"
        self.set_state(article_id, state)
        return state

    def unarchived(self, article_id: int) -> str:
        """Where an archived article goes back to: Reading when some of it was read,
        else the Inbox it came from."""
        return "reading" if self._place(article_id)[1] > 0 else "inbox"

    def record_progress(self, article_id: int, fraction: float, start: bool = False) -> bool:
        """Keep the furthest point read (only ever further, in steps of 1 %); with
        `start`, an article read some of leaves the Inbox for Reading, in the same
        transaction."""
        fraction = min(1.0, max(0.0, float(fraction)))
        if fraction >= 0.995:
            fraction = 1.0  # the last line in view: read to the end
        before = self._place(article_id)[1]
        if fraction < before + PROGRESS_STEP and not (fraction == 1.0 > before):
            return False
        with self.db.transaction() as tx:
            tx.execute(
                "INSERT INTO reading(article_id, furthest) VALUES (?, ?)"
                " ON CONFLICT(article_id) DO UPDATE SET furthest=excluded.furthest",
                (article_id, round(fraction, 3)),
            )
            tx.record(Changes(progress=frozenset([article_id])))
            if start:
                self.opened(article_id)  # (joins this transaction)
        return True

    def set_tags(self, article_id: int, tags: Iterable[str]) -> tuple[str, ...]:
        self._require(article_id)
        with self.db.transaction() as tx:
            cleaned = replace_tags(tx, "article", article_id, tags)
            tx.record(Changes(status=frozenset([article_id])))
        return cleaned

    def add_tags(self, article_id: int, tags: Iterable[str]) -> tuple[str, ...]:
        have = self.standing([article_id])[article_id].tags
        return self.set_tags(article_id, (*have, *clean_tags(tags)))

    def remove_tags(self, article_id: int, tags: Iterable[str]) -> tuple[str, ...]:
        drop = set(clean_tags(tags))
        have = self.standing([article_id])[article_id].tags
        return self.set_tags(article_id, [t for t in have if t not in drop])

    def _require(self, article_id: int) -> None:
        sql = "SELECT 1 FROM articles WHERE id=? AND deleted_at IS NULL"
        if self.db.execute(sql, (article_id,)).fetchone() is None:
            raise ShelfError(f"no article with id {article_id}")
