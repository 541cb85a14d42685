"""Tags on articles, highlights and predictions: normalised names, one table per owner
kind."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.core.storage.db import Database, _Tx, id_chunks

TABLES = {
    "article": ("article_tags", "article_id"),
    "highlight": ("highlight_tags", "highlight_id"),
    "prediction": ("prediction_tags", "prediction_id"),
}
_BAD = re.compile(r"[\s#,]+")


_DIGITS = re.compile(r"(\d+)")


def normalise_tag(tag: str) -> str:
    """Lower-case, no '#', spaces to hyphens: 'Unified multimodal' -> 'unified-multimodal'."""
    return _BAD.sub("-", tag.strip().lstrip("#").lower()).strip("-")[:64]


def clean_tags(tags: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for tag in tags:
        if name := normalise_tag(tag):
            seen.setdefault(name)
    return tuple(seen)


def replace_tags(tx: _Tx, kind: str, owner_id: int, tags: Iterable[str]) -> tuple[str, ...]:
    if kind not in TABLES:
        return ()  # a kind that takes no tags (bookmarks)
    table, key = TABLES[kind]
    cleaned = clean_tags(tags)
    tx.execute(f"DELETE FROM {table} WHERE {key}=?", (owner_id,))
    tx.executemany(
        f"INSERT INTO {table}({key}, tag) VALUES (?, ?)", [(owner_id, t) for t in cleaned]
    )
    return cleaned


def load_tags(db: Database, kind: str, owner_ids: Iterable[int]) -> dict[int, tuple[str, ...]]:
    ids = list(owner_ids)
    if kind not in TABLES:
        return {i: () for i in ids}
    table, key = TABLES[kind]
    out: dict[int, list[str]] = {i: [] for i in ids}
    for chunk, marks in id_chunks(ids):
        for row in db.execute(
            f"SELECT {key}, tag FROM {table} WHERE {key} IN ({marks}) ORDER BY rowid", chunk
        ):
            out[row[0]].append(row[1])
    return {i: tuple(v) for i, v in out.items()}


def tags_in_use(db: Database, kind: str) -> list[str]:
    """Every tag used, in natural order (tag2 before tag10)."""
    table, _ = TABLES[kind]
    return sorted((r[0] for r in db.execute(f"SELECT DISTINCT tag FROM {table}")), key=_natural)


def _natural(tag: str) -> list:
    return [(0, int(part), "") if part.isdigit() else (1, 0, part) for part in _DIGITS.split(tag)]
