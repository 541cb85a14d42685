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
        self.db, self.library = db, library
        self.highlights, self.predictions = highlights, predictions
        self._index = None
        self._lock = threading.Lock()
        library.listeners.append(self._on_changed)
        highlights.listeners.append(self._on_changed)
        predictions.listeners.append(self._on_changed)

    # -- the index, opened lazily (off the start-up path) --
    @property
    def index(self):
        with self._lock:
            if self._index is None:
                from reader.core.fulltext import SearchIndex

                self._index = SearchIndex(self.path)
            return self._index

    def needs_rebuild(self) -> str | None:
        """Why the index must be rebuilt (missing, unreadable, old, disagrees), or None."""
        reason = self.index.open_or_create()
        if reason:
            return reason if isinstance(reason, str) else "the search index is missing"
        stored = self.index.stored_hashes()
        wanted = {doc.article_id: doc.content_hash for doc in self.documents()}
        if stored != wanted:
            return "the search index disagrees with the library"
        return None

    def rebuild(self, progress: Progress | None = None) -> int:
        ids = self.library.articles.live_ids()
        self.index.rebuild(self.documents(), total=len(ids), progress=progress)
        return len(ids)

    def search(self, query: str, limit: int = 20):
        return self.index.search(query, limit=limit)

    def match_ranges(self, text: str, terms: Iterable[str]) -> list[tuple[int, int]]:
        """Where the matched (analysed) terms occur in an article's text, to mark them."""
        from reader.core.fulltext.analysis import terms_of

        wanted = set(terms)
        return [(start, end) for term, start, end in terms_of(text) if term in wanted]

    def close(self) -> None:
        if self._index is not None:
            self._index.close()

    # -- documents --
    def documents(self) -> Iterator:
        for article_id in self.library.articles.live_ids():
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

    def _on_changed(self, event: str, article_id: int) -> None:
        """Keep the index in step, in the same user action as the database change."""
        if self._index is None and not self.path.exists():
            return  # no index yet: it is built from the database when first needed
        live = set(self.library.articles.live_ids())
        if article_id in live:
            self.index.add_or_update(self.document(article_id))
        else:
            self.index.delete(article_id)
