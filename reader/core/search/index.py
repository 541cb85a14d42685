"""SearchIndex: the Whoosh index in the data folder (derived data, rebuilt from the DB)."""

from __future__ import annotations

import os
import re
import shutil
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from typing import Any

from whoosh import collectors
from whoosh.highlight import HtmlFormatter, PinpointFragmenter
from whoosh.index import LockError

from reader.core.search import meta as index_meta
from reader.core.search import pool, safe_pickle, terms_writer
from reader.core.search.layout import (
    INDEX_VERSION,
    CheckingStorage,
    built_segments,
    fields,
    open_index,
    remove,
    schema,
    segment_files,
    storage,
)
from reader.core.search.marks import match_spans, phrase_runs, phrase_snippets, spans_at
from reader.core.search.meta import META
from reader.core.search.query import (
    DEFAULT_FIELDS,
    SURFACE,
    QueryProblem,
    as_typed,
    begins_a_word,
    parse,
    typed_word,
    weigh_typed,
)
from reader.core.search.query import warm as warm_vocabularies
from reader.core.search.records import (
    SearchDocument,
    SearchHit,
    SearchResult,
)
from reader.core.search.spelling import suggest
from reader.core.search.termwise import Termwise, Unsupported
from reader.core.text import one_line_snippet

safe_pickle.install()  # no file in the index folder runs code (see safe_pickle)
pool.install()  # postings grouped by term while a segment is written (see pool)
terms_writer.install()  # and written a term at a time (see terms_writer)

ANNOTATION_FIELDS = ("notes", "tags", "colors")
PLACES = ("title", "authors", "publication", *ANNOTATION_FIELDS)  # (in this order)
BIG_BATCH = 2000
LOCK_WAIT_S = 10.0


class IndexBusyError(RuntimeError):
    """Another program kept the index locked for too long."""


Texts = Callable[[list[int]], dict[int, str]]  # article ids -> their body text


class SearchIndex:
    def __init__(self, path: Path, texts: Texts | None = None) -> None:
        """`texts` gives the body text of hits for their snippets (none without it)."""
        self.path = Path(path)
        self.texts = texts
        self._ix: Any = None  # whoosh.index.Index once opened (Whoosh has no type hints)
        self._searcher: Any = None
        self._termwise: Termwise | None = None  # evaluates queries over _searcher
        self._lock = threading.RLock()

    # -- opening --
    def open_or_create(self, thorough: bool = True) -> str | None:
        """None when the index is usable; else why it must be rebuilt (it is then empty).
        `thorough` reads every segment's stored data to find damage (0.2 s at 10,000
        articles); without it, damage shows when it is read, and a search rebuilds then."""
        with self._lock:
            self.close()
            reason = self._check(thorough)
            if reason is not None:
                self._create_empty()
                return reason
            return None

    def _check(self, thorough: bool = True) -> str | None:
        # the version first: an older index's schema may name classes this one lacks
        meta = index_meta.read(self.path)
        if meta and meta.get("version") != INDEX_VERSION:
            return "the search index is from an older version"
        storage = CheckingStorage(self.path)
        try:
            present = (self.path / META).exists() and storage.index_exists()
        except Exception as exc:  # a damaged or planted table of contents
            return f"the search index is damaged ({type(exc).__name__})"
        finally:
            storage.close_opened()
        if not present:
            return "the search index is missing"
        if not meta:
            return "the search index is unreadable"
        if thorough and (name := index_meta.changed(self.path, meta.get("files"))):
            return f"the search index is damaged ({name} changed since it was written)"
        storage = CheckingStorage(self.path)
        try:
            self._ix = storage.open_index()
            self._searcher = self._ix.searcher()
            if thorough:
                for _ in self._searcher.all_stored_fields():  # every segment's stored data
                    pass
        except Exception as exc:  # whoosh raises many kinds on damaged files
            self.close()
            storage.close_opened()  # (what the failed read left open)
            return f"the search index is damaged ({type(exc).__name__})"
        storage.stop_tracking()
        return None

    def _create_empty(self) -> None:
        remove(self.path)
        self._build_into(self.path, [], 0, None)
        self._ix = open_index(self.path)
        self._searcher = self._ix.searcher()

    def ensure_open(self) -> str | None:
        """Open the index if it is not open; why it had to be made anew (then it is
        empty: missing, damaged, old), else None."""
        with self._lock:
            if self._ix is not None:
                return None
            reason = self.open_or_create()
            if reason is not None and self._ix is None:
                raise RuntimeError(reason)
            return reason

    def _ensure_open(self) -> None:
        self.ensure_open()

    # -- building --
    def rebuild(
        self,
        docs: Iterable[SearchDocument],
        total: int = 0,
        progress: Callable[[int, int], None] | None = None,
        seq: int | None = None,
    ) -> None:
        """Build a new index beside the old one, then swap: a killed rebuild breaks nothing.
        `seq`: the library's change log position the documents were read after."""
        tmp = self.path.with_name(self.path.name + f".new-{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        self._build_into(tmp, docs, total, progress, seq)
        with self._lock:
            self.close()
            old = self.path.with_name(self.path.name + ".old")
            shutil.rmtree(old, ignore_errors=True)
            if self.path.exists():
                self.path.rename(old)
            tmp.rename(self.path)
            shutil.rmtree(old, ignore_errors=True)
            self._ix = open_index(self.path)
            self._searcher = self._ix.searcher()

    def _build_into(
        self,
        folder: Path,
        docs: Iterable[SearchDocument],
        total: int,
        progress: Callable[[int, int], None] | None,
        seq: int | None = None,
    ) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        ix = storage(folder).create_index(schema())
        writer = _big_writer(ix) if total >= BIG_BATCH else ix.writer(limitmb=128)
        done = 0
        try:
            for doc in docs:
                writer.add_document(**fields(doc))
                done += 1
                if progress and (done % 50 == 0 or done == total):
                    progress(done, total)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        segments = built_segments(folder, done)  # (or the build failed)
        index_meta.write(folder, INDEX_VERSION, seq, index_meta.digests(folder, segments))
        if progress:
            progress(done, max(done, total))

    # -- writing one document (in the same user action as the database change) --
    def _write(self, fn: Callable) -> None:
        with self._lock:
            self._ensure_open()
            deadline = time.monotonic() + LOCK_WAIT_S
            delay = 0.02
            while True:
                try:
                    writer = self._ix.writer()
                    break
                except LockError:
                    if time.monotonic() > deadline:
                        raise IndexBusyError(
                            "the search index is locked by another Reader; try again"
                        ) from None
                    time.sleep(delay)
                    delay = min(0.5, delay * 2)
            try:
                if not self._searcher.up_to_date():
                    self._renew_searcher()
                fn(writer)
                writer.commit()  # the default policy merges small segments as they pile up
            except BaseException:
                writer.cancel()
                raise
            self._renew_searcher()
            self._record(None)

    def _renew_searcher(self) -> None:
        """A fresh searcher (Searcher.refresh() reuses segment readers and so misses
        deletions in an existing segment)."""
        if self._searcher is not None:
            self._searcher.close()
        self._searcher = self._ix.searcher()

    def _delete_existing(self, writer, article_ids: Iterable[int]) -> None:
        """Delete by document number found with our open searcher: the writer's own
        delete_by_term would open every segment again (~200 ms on 10,000 articles)."""
        for article_id in article_ids:
            for docnum in self._searcher.document_numbers(article_id=str(article_id)):
                writer.delete_document(docnum)

    def add_or_update(self, doc: SearchDocument) -> None:
        def write(w) -> None:
            self._delete_existing(w, [doc.article_id])
            w.add_document(**fields(doc))

        self._write(write)

    def add_or_update_many(self, docs: Iterable[SearchDocument]) -> None:
        """Many documents in one commit (a batch import)."""

        docs = list(docs)

        def write(w) -> None:
            self._delete_existing(w, [d.article_id for d in docs])
            for doc in docs:
                w.add_document(**fields(doc))

        self._write(write)

    def delete(self, article_id: int) -> None:
        self._write(lambda w: self._delete_existing(w, [article_id]))

    def doc_count(self) -> int:
        with self._lock:
            self._ensure_open()
            return int(self._searcher.doc_count())

    def stored_hashes(self, article_ids: Iterable[int] | None = None) -> dict[int, str]:
        """The digest of each article's entry (of these articles: looked up one by one),
        as the index is now on disk, whoever wrote it."""
        with self._lock:
            self._ensure_open()
            if not self._searcher.up_to_date():  # another program committed meanwhile
                self._renew_searcher()
            if article_ids is None:
                found = self._searcher.all_stored_fields()
            else:
                found = (self._searcher.document(article_id=str(i)) for i in article_ids)
            return {int(f["article_id"]): f.get("content_hash", "") for f in found if f}

    # -- where the index stands in the library's change log --
    def indexed_seq(self) -> int | None:
        """The change log position the index is known to reflect (every change up to it
        is in); None for an index that never recorded one."""
        return _seq(index_meta.read(self.path))

    def set_indexed_seq(self, seq: int) -> None:
        self._record(seq)

    def _record(self, seq: int | None) -> None:
        """The record brought up to date: the new segment files' digests (and `seq`, or
        the position it held)."""
        with self._lock:
            known = index_meta.read(self.path)
            if seq is None:
                seq = _seq(known)
            files = index_meta.digests(self.path, segment_files(self.path), known.get("files"))
            index_meta.write(self.path, INDEX_VERSION, seq, files)

    # -- searching --
    def warm(self) -> None:
        """Read what prefix and fuzzy words are looked up in (each segment's vocabulary)
        now, off the path of the first search that needs them; best effort (a write that
        replaced the segments meanwhile leaves the new ones to the first search)."""
        with self._lock:
            self._ensure_open()
            ix = self._ix
        try:
            reader = ix.reader()  # (files of its own: reads beside the searches' never mix)
        except Exception:  # the index changed or went meanwhile: nothing to warm
            return
        try:
            warm_vocabularies(reader, ("body", SURFACE["body"]))
        except Exception:  # (best effort: a search reads what it needs itself)
            pass
        finally:
            reader.close()

    def key_terms(self, texts: list[str], count: int) -> list[list[tuple[str, float]]]:
        """For each text, its `count` words that matter most against the library (those
        the library uses rarely: what "more like this" searches for), with weights."""
        with self._lock:
            self._ensure_open()
            searcher = self._searcher
            return [
                searcher.key_terms_from_text("body", text, numterms=count, normalize=True)
                for text in texts
            ]

    def search(self, text: str, limit: int = 20, typing: bool = False) -> SearchResult:
        """The best hits; with `typing`, the last word is also a prefix (as typed)."""
        started = time.perf_counter()
        try:
            with self._lock:
                self._ensure_open()
                return self._search(text, limit, started, typing)
        except QueryProblem as exc:
            return SearchResult(error=str(exc), elapsed_ms=_ms(started))

    def _search(self, text: str, limit: int, started: float, typing: bool) -> SearchResult:
        if not self._searcher.up_to_date():  # another program changed the index
            self._renew_searcher()
        searcher = self._searcher
        q, notes = parse(searcher.schema, as_typed(text) if typing else text)
        if q is None:
            return SearchResult(elapsed_ms=_ms(started), notes=tuple(notes))
        if typing:
            q = weigh_typed(q, typed_word(text))
        results = self._top(searcher, q, limit)
        results.fragmenter = PinpointFragmenter(maxchars=200, surround=40, autotrim=True)
        results.formatter = HtmlFormatter(tagname="b", classname="", termclass="", between="\x1e")
        texts = self.texts([int(h["article_id"]) for h in results]) if self.texts else {}
        phrased = bool(phrase_runs(text))
        hits = tuple(
            self._hit(searcher, hit, texts.get(int(hit["article_id"]), ""), text if phrased else "")
            for hit in results
        )
        corrected = None
        if not hits and not typing and (word := _unfinished(searcher, text)):
            found = self._search(text, limit, started, True)
            if found.hits:
                said = f"no article has the word “{word}”: words that begin with it"
                return replace(found, notes=(*found.notes, said))
        if not hits:
            corrected = self._correction(searcher, text, typing)
        return SearchResult(hits, len(results), _ms(started), corrected, None, tuple(notes))

    def _top(self, searcher, q, limit: int):
        """The best hits: term at a time where the query allows it, else Whoosh's way."""
        if self._termwise is None or self._termwise.searcher is not searcher:
            try:
                self._termwise = Termwise(searcher)
            except Unsupported:
                self._termwise = None
        found = self._termwise.top(q, limit) if self._termwise is not None else None
        return found if found is not None else _top(searcher, q, limit)

    def _hit(self, searcher, hit, body: str, phrased_query: str = "") -> SearchHit:
        """One result. With a quoted phrase in the query, its count and its snippets are of
        the phrase where its words stand together (Whoosh's would count and bold each word
        wherever it stands)."""
        every = [(f, t.decode() if isinstance(t, bytes) else t) for f, t in hit.matched_terms()]
        terms = tuple(sorted({t for f, t in every if f == "body"}))
        annotated = tuple(sorted({(f, t) for f, t in every if f in ANNOTATION_FIELDS}))
        fields = {f for f, _ in every}
        places = tuple(f for f in PLACES if f in fields)
        count: int | None = None
        snippets: tuple[str, ...] = ()
        if phrased_query and body:
            chars = hit.results._char_cache.get("body", {}).get(hit.docnum)
            if chars is not None and all(t in chars for t in terms):
                phrases, words = spans_at(chars, terms, phrased_query)
            else:
                phrases, words = match_spans(body, terms, phrased_query)
            snippets = phrase_snippets(body, phrases, words)
            count = len(phrases) + len(words) if snippets else None
        if count is None:
            raw = hit.highlights("body", text=body, top=3) if body else ""
            snippets = tuple(_clean_snippet(s) for s in raw.split("\x1e") if s.strip())
            count = self._body_count(searcher, hit, terms, bool(body))
        return SearchHit(
            int(hit["article_id"]),
            hit.get("title", ""),
            hit.get("publication", ""),
            float(hit.score),
            count,
            snippets,
            terms,
            annotated,
            matched_in=places,
        )

    @staticmethod
    def _body_count(searcher, hit, terms: tuple[str, ...], loaded: bool) -> int:
        """How often the matched terms occur in the text. Highlighting loaded where each
        occurs (Whoosh's per-result cache, pinned whoosh3): counting those spares a
        postings walk per term."""
        spans = hit.results._char_cache.get("body", {}).get(hit.docnum) if loaded else None
        if spans is not None:
            return sum(len(v) for v in spans.values())
        count = 0
        for term in terms:
            postings = searcher.postings("body", term)
            postings.skip_to(hit.docnum)
            if postings.is_active() and postings.id() == hit.docnum:
                count += int(postings.weight())
        return count

    def _correction(self, searcher, text: str, typing: bool = False) -> str | None:
        suggestion = suggest(searcher, text, typing)
        if suggestion is None:
            return None
        try:
            q, _ = parse(searcher.schema, as_typed(suggestion) if typing else suggestion)
        except QueryProblem:
            return None
        return suggestion if q is not None and len(searcher.search(q, limit=1)) else None

    def close(self) -> None:
        with self._lock:
            self._termwise = None
            if self._searcher is not None:
                self._searcher.close()
            if self._ix is not None:
                self._ix.close()
            self._searcher = self._ix = None


def _top(searcher, q, limit: int):
    """The best `limit` hits, with the matched terms and the exact number of matches, in
    one pass. Whoosh's default skips blocks that cannot reach the top and prunes
    sub-queries as it goes, then walks every match a second time to count them; for
    these queries that cost more than it saved (at 10,000 articles: a term 20 -> 16 ms,
    a phrase 84 -> 35 ms, a prefix 358 -> 197 ms, the same hits in the same order)."""
    top = collectors.TopCollector(limit, usequality=False)
    top.replace = 0  # no pruning: every match is seen, so top.total is exact
    collector = collectors.TermsCollector(top)
    searcher.search_with_collector(q, collector)
    return collector.results()


def _seq(meta: dict) -> int | None:
    seq = meta.get("seq")
    return seq if isinstance(seq, int) and not isinstance(seq, bool) and seq >= 0 else None


def _ms(started: float) -> float:
    return (time.perf_counter() - started) * 1000


_MARK = re.compile(r'<b class="[^"]*">')


def _clean_snippet(snippet: str) -> str:
    return one_line_snippet(_MARK.sub("<b>", snippet))


def _big_writer(ix):
    """Whoosh's multi-process writer (two workers, a segment each), its module made safe
    and given our runs first: every writer with `procs` is made here."""
    safe_pickle.install_multiproc()
    pool.install_multiproc()
    return ix.writer(procs=2, limitmb=256, multisegment=True)


def _unfinished(searcher, text: str) -> str:
    """The query's last word when it is no word of the library (in any field searched
    by default) but begins some ("multimo" searched on Enter or from the command line:
    it finds "multimodal", as typed), else ""."""
    word = typed_word(text)
    reader = searcher.reader()
    if not word or not begins_a_word(reader, SURFACE["body"], word.lower()):
        return ""
    schema = searcher.schema
    fields = [f for f in DEFAULT_FIELDS if f in schema.names()]
    for field in fields:
        if any((field, t) in reader for t in schema[field].process_text(word, mode="query")):
            return ""
    return word
