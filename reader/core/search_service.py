"""SearchService: keeps the Whoosh index in step with the database (the source of truth).

The index is derived data. Each article becomes one SearchDocument holding its text and
its annotations (highlight text, notes, tags and colour names; prediction statements,
notes and tags), so `note:`, `tag:` and `color:` find articles. The document's digest
lets a start-up check find an index that disagrees with the database and rebuild it.
"""

from __future__ import annotations

import hashlib
import json
import threading
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from reader.core.db import Database
from reader.core.highlights import HighlightService
from reader.core.library import LibraryService
from reader.core.prediction_service import PredictionService

Progress = Callable[[int, int], None]


class DocumentSource:
    """Search documents read through one database connection (one per thread)."""

    def __init__(
        self, library: LibraryService, highlights: HighlightService, predictions: PredictionService
    ) -> None:
        self.library, self.highlights, self.predictions = library, highlights, predictions

    @classmethod
    def on(cls, db: Database) -> DocumentSource:
        return cls(LibraryService(db), HighlightService(db), PredictionService(db))

    def live_ids(self) -> list[int]:
        return self.library.articles.live_ids()

    def documents(self) -> Iterator:
        for article_id in self.live_ids():
            yield self.document(article_id)

    def document(self, article_id: int):
        from reader.core.fulltext import SearchDocument

        a = self.library.get(article_id)
        colors = {c.slot: c.name for c in self.highlights.colors()}
        hs = self.highlights.for_article(article_id)
        ps = [p for p in self.predictions.for_article(article_id) if p.review != "rejected"]
        tags = sorted({t for x in (*hs, *ps) for t in x.tags})
        notes = "\n".join(
            [h.note for h in hs if h.note] + [f"{p.statement}\n{p.note}".strip() for p in ps]
        )
        used = sorted({colors.get(h.color, "") for h in hs} - {""})
        fields = dict(
            article_id=a.id,
            title=a.title,
            authors=a.authors,
            publication=a.publication,
            body=a.plain_text,
            saved_at=a.saved_at,
            tags=tuple(tags),
            notes=notes,
            colors=tuple(used),
        )
        digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
        return SearchDocument(**fields, content_hash=digest)


class SearchService:
    def __init__(
        self,
        path: Path,
        db: Database,
        library: LibraryService,
        highlights: HighlightService,
        predictions: PredictionService,
    ) -> None:
        self.path = path
        self.db = db
        self.source = DocumentSource(library, highlights, predictions)
        self._index = None
        self._lock = threading.Lock()
        for service in (library, highlights, predictions):
            service.listeners.append(self._on_changed)

    @property
    def index(self):
        """The index, opened lazily: opening it is kept off the start-up path."""
        with self._lock:
            if self._index is None:
                from reader.core.fulltext import SearchIndex

                self._index = SearchIndex(self.path)
            return self._index

    def needs_rebuild(self, source: DocumentSource | None = None) -> str | None:
        """Why the index must be rebuilt (missing, unreadable, old, disagrees), or None."""
        source = source or self.source
        reason = self.index.open_or_create()
        if reason:
            return reason
        wanted = {doc.article_id: doc.content_hash for doc in source.documents()}
        if self.index.stored_hashes() != wanted:
            return "the search index disagrees with the library"
        return None

    def rebuild(
        self, progress: Progress | None = None, source: DocumentSource | None = None
    ) -> int:
        source = source or self.source
        ids = source.live_ids()
        self.index.rebuild(source.documents(), total=len(ids), progress=progress)
        return len(ids)

    def search(self, query: str, limit: int = 20):
        return self.index.search(query, limit=limit)

    def match_ranges(self, text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
        """Where the matched (analysed) terms occur in an article's text, to mark them."""
        from reader.core.fulltext.analysis import terms_of

        wanted = set(terms)
        return [(start, end) for term, start, end in terms_of(text) if term in wanted]

    def index_articles(self, article_ids: Iterable[int], source: DocumentSource) -> None:
        """Add or update many articles in one commit (after a batch import)."""
        ids = list(article_ids)
        if ids and (self._index is not None or self.path.exists()):
            self.index.add_or_update_many(source.document(i) for i in ids)

    def close(self) -> None:
        if self._index is not None:
            self._index.close()

    def _on_changed(self, event: str, article_id: int) -> None:
        """Keep the index in step, in the same user action as the database change."""
        if self._index is None and not self.path.exists():
            return  # no index yet: it is built from the database when first needed
        source = self.source
        if article_id in set(source.live_ids()):
            self.index.add_or_update(source.document(article_id))
        else:
            self.index.delete(article_id)
