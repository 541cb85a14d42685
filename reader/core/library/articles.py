"""ArticleStore: the articles table."""

from __future__ import annotations

import json
import sqlite3
import uuid
from collections.abc import Iterable
from typing import TYPE_CHECKING

from reader.core.ingest import PAGE_LABELS_KEY, PAGES_KEY
from reader.core.models import Article, ArticleSummary
from reader.core.storage.db import Database, _Tx, id_chunks, utc_now
from reader.core.text import content_hash, slugify, word_count

if TYPE_CHECKING:
    from reader.core.ingest.importer import ParsedDocument

_SUMMARY_COLS = "a.id, a.slug, a.title, a.publication, a.word_count, a.saved_at, a.authors"


class ArticleNotFound(LookupError):
    """No article matches the reference, or more than one does."""


class ArticleStore:
    def __init__(self, db: Database) -> None:
        self.db = db

    def insert(self, tx: _Tx, doc: ParsedDocument, bundled_key: str | None = None) -> int:
        slug = self._unique_slug(tx, doc.meta.get("slug") or slugify(doc.title))
        meta = dict(doc.meta)
        cur = tx.execute(
            "INSERT INTO articles(uid, slug, title, authors, editors, publication, source,"
            " language, saved_at, published_at, word_count, content_format, original, html,"
            " plain_text, content_hash, bundled_key, meta)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (
                str(uuid.uuid4()),
                slug,
                doc.title,
                json.dumps(list(doc.authors)),
                json.dumps(list(doc.editors)),
                doc.publication,
                doc.source,
                doc.language,
                utc_now(),
                doc.published_at,
                word_count(doc.plain_text),
                doc.content_format,
                doc.original,
                doc.html,
                doc.plain_text,
                content_hash(doc.plain_text),
                bundled_key,
                json.dumps(meta),
            ),
        )
        return int(cur.lastrowid or 0)

    def replace_content(
        self, tx: _Tx, article_id: int, doc: ParsedDocument, meta: dict | None = None
    ) -> None:
        """A corrected version of the same article: new text, same id and annotations
        (and, when given, what its import keeps beside it)."""
        tx.execute(
            "UPDATE articles SET original=?, html=?, plain_text=?, content_hash=?, word_count=?"
            " WHERE id=?",
            (
                doc.original,
                doc.html,
                doc.plain_text,
                content_hash(doc.plain_text),
                word_count(doc.plain_text),
                article_id,
            ),
        )
        if meta:
            tx.execute("UPDATE articles SET meta=? WHERE id=?", (json.dumps(meta), article_id))

    def hash_of(self, article_id: int) -> str | None:
        """The article's content hash (without reading its text)."""
        row = self.db.execute(
            "SELECT content_hash FROM articles WHERE id=?", (article_id,)
        ).fetchone()
        return row[0] if row else None

    def set_saved_at(self, tx: _Tx, article_id: int, when: str) -> None:
        """When the article was saved, as another app said it was (its reading list)."""
        tx.execute("UPDATE articles SET saved_at=? WHERE id=?", (when, article_id))

    def meta(self, article_id: int) -> dict:
        row = self.db.execute("SELECT meta FROM articles WHERE id=?", (article_id,)).fetchone()
        try:
            value = json.loads(row[0]) if row and row[0] else {}
        except ValueError:
            return {}
        return value if isinstance(value, dict) else {}

    def _unique_slug(self, tx: _Tx, base: str) -> str:
        taken = {
            r[0]
            for r in tx.execute(
                "SELECT slug FROM articles WHERE slug = ? OR slug LIKE ?", (base, base + "-%")
            )
        }
        slug, n = base, 2
        while slug in taken:
            slug, n = f"{base}-{n}", n + 1
        return slug

    def find_live_by_hash(self, digest: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE content_hash=? AND deleted_at IS NULL", (digest,)
        ).fetchone()
        return int(row[0]) if row else None

    def find_live_by_uid(self, uid: str) -> int | None:
        row = self.db.execute(
            "SELECT id FROM articles WHERE uid=? AND deleted_at IS NULL", (uid,)
        ).fetchone()
        return int(row[0]) if row else None

    def find_live_by_source(self, source: str) -> int | None:
        if not source:
            return None
        row = self.db.execute(
            "SELECT id FROM articles WHERE source=? AND deleted_at IS NULL ORDER BY id DESC",
            (source,),
        ).fetchone()
        return int(row[0]) if row else None

    def get(self, article_id: int) -> Article:
        row = self.db.execute("SELECT * FROM articles WHERE id=?", (article_id,)).fetchone()
        if row is None:
            raise ArticleNotFound(f"no article with id {article_id}")
        return _article(row)

    def summaries(
        self, include_deleted: bool = False, article_ids: Iterable[int] | None = None
    ) -> list[ArticleSummary]:
        """Every article as the library lists it (or these): with its state, the furthest
        point read and its tags (from the tables beside it)."""
        where = "" if include_deleted else " AND a.deleted_at IS NULL"
        sql = (
            f"SELECT {_SUMMARY_COLS}, COALESCE(r.state, 'inbox') AS state,"
            " COALESCE(r.furthest, 0) AS furthest,"
            " (SELECT group_concat(tag, char(31)) FROM article_tags t"
            "  WHERE t.article_id = a.id) AS tags"
            " FROM articles a LEFT JOIN reading r ON r.article_id = a.id WHERE {ids}"
            f"{where} ORDER BY a.saved_at"
        )
        if article_ids is None:
            return [_summary(r) for r in self.db.execute(sql.format(ids="1"))]
        found: list[ArticleSummary] = []
        for chunk, marks in id_chunks(article_ids):
            rows = self.db.execute(sql.format(ids=f"a.id IN ({marks})"), chunk)
            found += [_summary(r) for r in rows]
        return found

    def titles(self, article_ids: Iterable[int] | None = None) -> dict[int, str]:
        """Live articles' titles by id, all or these (the "All highlights" list shows them)."""
        sql = "SELECT id, title FROM articles WHERE deleted_at IS NULL"
        if article_ids is None:
            return {int(i): title for i, title in self.db.execute(sql)}
        found: dict[int, str] = {}
        for chunk, marks in id_chunks(article_ids):
            rows = self.db.execute(f"{sql} AND id IN ({marks})", chunk)
            found.update((int(a), title) for a, title in rows)
        return found

    def plain_texts(self, article_ids: Iterable[int]) -> dict[int, str]:
        """Articles' canonical text by id (a search's hits, for their snippets)."""
        found: dict[int, str] = {}
        for chunk, marks in id_chunks(article_ids):
            sql = f"SELECT id, plain_text FROM articles WHERE id IN ({marks})"
            found.update((int(r["id"]), r["plain_text"]) for r in self.db.execute(sql, chunk))
        return found

    def is_live(self, article_id: int) -> bool:
        """Stored and not in the trash."""
        sql = "SELECT 1 FROM articles WHERE id=? AND deleted_at IS NULL"
        return self.db.execute(sql, (article_id,)).fetchone() is not None

    def live_ids(self) -> list[int]:
        rows = self.db.execute("SELECT id FROM articles WHERE deleted_at IS NULL ORDER BY id")
        return [int(r[0]) for r in rows]

    def resolve(self, ref: str) -> int:
        """An id, a slug, or an unambiguous part of a title -> article id."""
        ref = ref.strip()
        live = " AND deleted_at IS NULL"
        if ref.isdigit():
            row = self.db.execute(f"SELECT id FROM articles WHERE id=?{live}", (int(ref),))
            if (found := row.fetchone()) is not None:
                return int(found[0])
        row = self.db.execute(f"SELECT id FROM articles WHERE slug=?{live}", (ref,)).fetchone()
        if row:
            return int(row[0])
        rows = self.db.execute(
            f"SELECT id, title FROM articles WHERE instr(lower(title), lower(?)) > 0{live}",
            (ref,),
        ).fetchall()
        if len(rows) == 1:
            return int(rows[0][0])
        if not rows:
            raise ArticleNotFound(f"no article matches '{ref}'")
        titles = "; ".join(f"{r[0]}: {r[1]}" for r in rows[:10])
        raise ArticleNotFound(f"'{ref}' matches {len(rows)} articles: {titles}")

    def set_deleted(self, tx: _Tx, article_id: int, deleted: bool) -> None:
        tx.execute(
            "UPDATE articles SET deleted_at=? WHERE id=?",
            (utc_now() if deleted else None, article_id),
        )

    def bundled_id(self, key: str) -> tuple[int, bool] | None:
        """(id, deleted) of the bundled article with this key, if ever imported."""
        row = self.db.execute(
            "SELECT id, deleted_at FROM articles WHERE bundled_key=? ORDER BY id DESC", (key,)
        ).fetchone()
        return (int(row[0]), row[1] is not None) if row else None


def _summary(row: sqlite3.Row) -> ArticleSummary:
    return ArticleSummary(
        id=row["id"],
        slug=row["slug"],
        title=row["title"],
        publication=row["publication"],
        word_count=row["word_count"],
        saved_at=row["saved_at"],
        authors=tuple(json.loads(row["authors"])),
        state=row["state"],
        furthest=float(row["furthest"]),
        tags=tuple(sorted(row["tags"].split("\x1f"))) if row["tags"] else (),
    )


def _article(row: sqlite3.Row) -> Article:
    meta = json.loads(row["meta"] or "{}")
    return Article(
        id=row["id"],
        uid=row["uid"],
        slug=row["slug"],
        title=row["title"],
        authors=tuple(json.loads(row["authors"])),
        editors=tuple(json.loads(row["editors"])),
        publication=row["publication"],
        source=row["source"],
        language=row["language"],
        saved_at=row["saved_at"],
        published_at=row["published_at"],
        word_count=row["word_count"],
        content_format=row["content_format"],
        original=row["original"],
        html=row["html"],
        plain_text=row["plain_text"],
        content_hash=row["content_hash"],
        bundled_key=row["bundled_key"],
        lead=meta.get("lead", ""),
        notes=tuple(meta.get("notes", ())),
        pages=tuple(meta.get(PAGES_KEY, ())),
        page_labels=tuple(str(x) for x in meta.get(PAGE_LABELS_KEY, ())),
    )
