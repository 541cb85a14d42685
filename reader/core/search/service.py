"""SearchService: keeps the Whoosh index in step with the database (the source of truth).

The index is derived data. Each article becomes one SearchDocument holding its text and
its annotations (highlight text, notes, tags and colour names; prediction statements,
notes and tags), so `note:`, `tag:` and `color:` find articles. The document's digest
lets a start-up check find an index that disagrees with the database and rebuild it.
"""

from __future__ import annotations

import gc
import hashlib
import json
import threading
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, replace
from dataclasses import fields as dataclass_fields
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.annotated import with_annotations
from reader.core.annotations.highlights import HighlightService
from reader.core.changes import Changes
from reader.core.library.service import LibraryService
from reader.core.library.shelf import Standing
from reader.core.models import Article, Bearing, Highlight, Prediction
from reader.core.predictions.service import PredictionService

if TYPE_CHECKING:  # Whoosh is imported when the index is first used, not at start-up
    from reader.core.search.index import SearchIndex

Progress = Callable[[int, int], None]
BATCH_COMMIT = 50  # articles per index commit after a batch import


class DocumentSource:
    """Search documents read through one database connection (one per thread)."""

    def __init__(
        self, library: LibraryService, highlights: HighlightService, predictions: PredictionService
    ) -> None:
        self.library, self.highlights, self.predictions = library, highlights, predictions

    def live_ids(self) -> list[int]:
        return self.library.articles.live_ids()

    def documents(self, article_ids: Iterable[int] | None = None) -> Iterator:
        """The search document of each live article (or of these)."""
        ids = self.live_ids() if article_ids is None else list(article_ids)
        colors = {c.slot: c.name for c in self.highlights.colors()}
        standing = self.library.shelf.standing(ids)
        for a, hs, ps in with_annotations(self.library, self.highlights, self.predictions, ids):
            yield _document(a, hs, ps, colors, standing.get(a.id, Standing()))

    def document(self, article_id: int):
        return next(self.documents([article_id]))

    def log_position(self) -> int:
        """The newest row of the library's change log."""
        return self.library.db.last_change()

    def changed_since(self, seq: int) -> tuple[int, Changes]:
        """(the newest log row, what any program changed after row `seq`)."""
        return self.library.db.changes_since(seq, own=True)


# a connection of the caller's own thread, opened and closed by the session
Connect = Callable[[], AbstractContextManager[DocumentSource]]


def _document(
    a: Article,
    hs: list[Highlight],
    all_ps: list[Prediction],
    colors: dict[int, str],
    standing: Standing,
):
    from reader.core.search import SearchDocument

    ps = [p for p in all_ps if p.review != "rejected"]
    own = set(standing.tags)  # the article's tags, then its highlights' and predictions'
    tags = sorted(own | {t for h in hs for t in h.tags} | {t for p in ps for t in p.tags})
    notes = "\n".join(
        [h.note for h in hs if h.note] + [f"{p.statement}\n{p.note}".strip() for p in ps]
    )
    used = sorted({colors.get(h.color, "") for h in hs} - {""})
    doc = SearchDocument(
        article_id=a.id,
        title=a.title,
        authors=a.authors,
        publication=a.publication,
        body=a.plain_text,
        saved_at=a.saved_at,
        tags=tuple(tags),
        notes=notes,
        colors=tuple(used),
        state=standing.state,
    )
    fields = {
        f.name: getattr(doc, f.name) for f in dataclass_fields(doc) if f.name != "content_hash"
    }
    digest = hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()
    return replace(doc, content_hash=digest)


@dataclass(frozen=True)
class IndexCheck:
    """What it takes to bring the index up to date with the library."""

    rebuild: str | None = None  # why it must be built anew (missing, damaged, old)
    stale: frozenset[int] = frozenset()  # articles whose entries disagree with the library
    seq: int = 0  # the change log position the index reflects once they are written


class _Damaged(Exception):
    """Reading the index's entries failed: it must be rebuilt."""


def _by_annotation(hit) -> bool:
    """Found in the annotations and not in the text (note:, tag:, color: or a word that
    only a note holds)."""
    return bool(hit.annotation_terms) and not hit.terms


def _release_leaked_files() -> None:
    """Whoosh drops the file of a segment it failed to read without closing it: collect
    it now (quietly), so a window that repairs its index does not keep the descriptor."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", ResourceWarning)
        gc.collect()


class SearchService:
    """The library's search index, kept in step with every commit it is told of."""

    def __init__(self, path: Path, connect: Connect) -> None:
        self.path = path
        self._connect = connect
        self._index: SearchIndex | None = None
        self._lock = threading.Lock()
        self._pending: set[int] = set()
        self._everything = False  # colours renamed or a restore: every article again
        self._pending_changed = threading.Condition()
        self._worker: threading.Thread | None = None
        self._closed = False
        self._urgent = False
        self._busy = False
        self._last_change = 0.0
        self.last_error: str | None = None

    @property
    def index(self):
        """The index, opened lazily: opening it is kept off the start-up path."""
        with self._lock:
            if self._index is None:
                from reader.core.search import SearchIndex

                self._index = SearchIndex(self.path, texts=self._texts)
            return self._index

    def _texts(self, article_ids: list[int]) -> dict[int, str]:
        """The text of search hits, for their snippets: read on a connection of this
        thread's own (searches run on worker threads)."""
        with self._connect() as source:
            return source.library.articles.plain_texts(article_ids)

    def needs_rebuild(self, source: DocumentSource) -> str | None:
        """Why the index must be rebuilt (missing, unreadable, old, disagrees), or None:
        every article compared (see `check` for the quick way)."""
        reason = self.index.open_or_create()
        if reason:
            return reason
        wanted = {doc.article_id: doc.content_hash for doc in source.documents()}
        if self.index.stored_hashes() != wanted:
            return "the search index disagrees with the library"
        return None

    def warm(self) -> None:
        """Read now what the first prefix or fuzzy search would read (see SearchIndex.warm)."""
        self.index.warm()

    def check(self, source: DocumentSource, thorough: bool = True) -> IndexCheck:
        """What it takes to bring the index up to date, cheaply: the library's change log
        says which articles any program changed since the index was last brought up to
        date, and only their entries are compared. Every article is compared when the
        index never recorded a log position or the log was pruned past it. Not
        `thorough`: the index's files are not all read to look for damage (a command
        that answers one search finds it when it reads it, and rebuilds then)."""
        reason = self.index.open_or_create(thorough)
        if reason:
            return IndexCheck(rebuild=reason)
        try:
            return self._compare(source)
        except _Damaged as exc:
            self.index.close()
            _release_leaked_files()
            return IndexCheck(rebuild=f"the search index is damaged ({exc})")

    def _compare(self, source: DocumentSource) -> IndexCheck:
        since = self.index.indexed_seq()
        if since is None:
            seq, ids = source.log_position(), None  # (read before the articles are)
        else:
            seq, changes = source.changed_since(since)
            if seq == since:
                return IndexCheck(seq=seq)  # nothing happened: one query
            ids = None if changes.everything or changes.colors else changes.touched
        return IndexCheck(stale=self._disagreeing(source, ids), seq=seq)

    def _disagreeing(self, source: DocumentSource, ids: frozenset[int] | None) -> frozenset[int]:
        live = set(source.live_ids())
        wanted_ids = sorted(live if ids is None else live & ids)
        wanted = {d.article_id: d.content_hash for d in source.documents(wanted_ids)}
        try:
            stored = self.index.stored_hashes(None if ids is None else sorted(ids))
        except Exception as exc:  # whoosh raises many kinds on damaged files
            raise _Damaged(type(exc).__name__) from exc
        return frozenset(
            {i for i, digest in wanted.items() if stored.get(i) != digest}
            | {i for i in stored if i not in wanted}
        )

    def update(
        self,
        source: DocumentSource,
        stale: Iterable[int],
        seq: int,
        progress: Progress | None = None,
    ) -> int:
        """Write these articles' entries again (remove those of articles gone), then
        record that the index reflects the change log up to `seq`; how many were written."""
        written = self._write(source, set(stale), False, progress)
        if self.index.indexed_seq() != seq:
            self.index.set_indexed_seq(seq)
        return written

    def catch_up(
        self,
        source: DocumentSource,
        progress: Progress | None = None,
        rebuilding: Callable[[str], None] | None = None,
    ):
        """Bring the index up to date on this thread: (why it was rebuilt or None, how
        many articles were indexed). `rebuilding(why)` is told before a whole rebuild.
        What the command line does before it answers, and after an import."""
        check = self.check(source, thorough=False)
        if check.rebuild:
            if rebuilding:
                rebuilding(check.rebuild)
            return check.rebuild, self.rebuild(source, progress)
        return None, self.update(source, check.stale, check.seq, progress)

    def rebuild(self, source: DocumentSource, progress: Progress | None = None) -> int:
        seq = source.log_position()  # read before the articles: later changes come after
        ids = source.live_ids()
        self.index.rebuild(source.documents(ids), total=len(ids), progress=progress, seq=seq)
        return len(ids)

    def bearing(
        self, articles: dict[int, str], predictions: dict[int, str], threshold: float | None = None
    ) -> list[Bearing]:
        """Which of these predictions (their statement and quote) these articles may bear
        on (see search/bearing.py)."""
        from reader.core.search.bearing import KEY_TERMS, MIN_ARTICLES, THRESHOLD, bearings

        if not articles or not predictions or self.index.doc_count() < MIN_ARTICLES:
            return []
        ids = list(predictions)
        terms = self.index.key_terms([predictions[i] for i in ids], KEY_TERMS)
        keyed = dict(zip(ids, terms, strict=True))
        return bearings(keyed, articles, THRESHOLD if threshold is None else threshold)

    def search(self, query: str, limit: int = 20, typing: bool = False):
        """The best hits for a query (with `typing`, its last word also as a prefix, as
        it is being typed). Any failure to read the index (a damaged postings list raises
        zlib, struct or Whoosh's own errors) counts as damage: the index is rebuilt from
        the database and the query answered from it."""
        self.flush()  # changes made a moment ago are searchable
        try:
            damage = self.index.ensure_open()  # (made anew, empty: it must be filled)
            if damage is None:
                return self._located(self.index.search(query, limit=limit, typing=typing))
        except Exception as exc:
            damage = f"{type(exc).__name__}: {exc}"
        with self._connect() as source:
            self.rebuild(source)
        _release_leaked_files()
        result = self._located(self.index.search(query, limit=limit, typing=typing))
        note = f"the search index was rebuilt ({damage[:120]})"
        return replace(result, notes=(*result.notes, note))

    def _located(self, result):
        """Hits found by a note, a tag or a colour name alone (not in the article's text),
        with the annotation that holds it (read on a connection of this thread's own)."""
        wanted = [h.article_id for h in result.hits if _by_annotation(h)]
        if not wanted:
            return result
        from reader.core.search.found import with_annotation

        with self._connect() as source:
            highlights = source.highlights.for_articles(wanted)
            predictions = source.predictions.for_articles(wanted)
            colors = {c.slot: c.name for c in source.highlights.colors()}
        hits = tuple(
            with_annotation(
                h,
                highlights.get(h.article_id, []),
                predictions.get(h.article_id, []),
                colors,
            )
            if _by_annotation(h)
            else h
            for h in result.hits
        )
        return replace(result, hits=hits)

    def match_ranges(
        self, text: str, terms: Iterable[str], query: str = ""
    ) -> list[tuple[int, int]]:
        """Where the matched (analysed) terms occur in an article's text, to mark them; a
        quoted phrase of the query is marked where its words stand together, whole."""
        from reader.core.search.marks import match_spans

        phrases, words = match_spans(text, terms, query)
        return sorted(phrases + words)

    def close(self) -> None:
        self.flush()
        with self._pending_changed:
            self._closed = True
            self._pending_changed.notify_all()
        if self._worker is not None:
            self._worker.join(timeout=30)
        if self._index is not None:
            self._index.close()

    def on_changes(self, changes: Changes) -> None:
        """Queue the articles a commit touched; a background thread re-indexes them.

        Re-indexing an article means re-analysing its whole text (about a second for a
        100,000-word article), so it must not hold up the user's action. `search()` and
        `flush()` wait for the queue, so a search never misses a change.
        """
        if self._closed or (self._index is None and not self.path.exists()):
            return  # no index yet: it is built from the database when first needed
        with self._pending_changed:
            self._last_change = time.monotonic()
            self._pending.update(changes.touched)
            self._everything |= changes.colors or changes.everything
            if self._worker is None or not self._worker.is_alive():
                self._worker = threading.Thread(
                    target=self._drain, name="reader-index", daemon=True
                )
                self._worker.start()
            self._pending_changed.notify_all()

    def flush(self, timeout: float = 60.0) -> None:
        """Write every queued change to the index now, and wait until it is there."""
        with self._pending_changed:
            self._urgent = True
            self._pending_changed.notify_all()
            self._pending_changed.wait_for(
                lambda: not self._has_work() and not self._busy, timeout=timeout
            )
            self._urgent = False

    def _has_work(self) -> bool:
        return bool(self._pending) or self._everything

    QUIET_S = 1.0  # index when the reader pauses, not in the middle of a burst of edits

    def _drain(self) -> None:
        """The index writer thread: its own database connection, queued articles in turn."""
        with self._connect() as source:
            while True:
                with self._pending_changed:
                    self._pending_changed.wait_for(lambda: self._has_work() or self._closed)
                    if not self._has_work():
                        return
                    while not (self._urgent or self._closed):  # wait for a pause
                        quiet = time.monotonic() - self._last_change
                        if quiet >= self.QUIET_S:
                            break
                        self._pending_changed.wait(self.QUIET_S - quiet)
                    batch, everything = set(self._pending), self._everything
                    self._pending.clear()
                    self._everything = False
                    self._busy = True
                try:
                    self._write(source, batch, everything)
                    self.last_error = None
                except Exception as exc:  # the index is derived: the next start repairs it
                    self.last_error = f"{type(exc).__name__}: {exc}"
                finally:
                    with self._pending_changed:
                        self._busy = False
                        self._pending_changed.notify_all()

    def _write(
        self,
        source: DocumentSource,
        batch: set[int],
        everything: bool,
        progress: Progress | None = None,
    ) -> int:
        """Update these articles in the index (every live one if `everything`), a commit
        per 50: a commit sorts its postings while holding the interpreter, and 300
        articles at once kept the window waiting for 0.4 s. An entry that already says
        what the library says is left alone (another program may have written it)."""
        live = set(source.live_ids())
        stored = self.index.stored_hashes() if everything else None
        if stored is not None:
            batch = batch | live | set(stored)
        ids = sorted(i for i in batch if i in live)
        gone = sorted(i for i in batch if i not in live)
        if stored is None:
            stored = self.index.stored_hashes(ids + gone)
        written = 0
        for first in range(0, len(ids), BATCH_COMMIT):
            docs = source.documents(ids[first : first + BATCH_COMMIT])
            changed = [d for d in docs if stored.get(d.article_id) != d.content_hash]
            if changed:
                self.index.add_or_update_many(changed)
            written += len(changed)
            if progress:
                progress(min(first + BATCH_COMMIT, len(ids)), len(ids))
        for article_id in gone:
            if article_id in stored:
                self.index.delete(article_id)
        return written
