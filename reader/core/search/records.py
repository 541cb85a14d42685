"""What goes into the search index (a document) and what a search gives back (hits,
results): plain values, shared by the index, the services and both faces."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class SearchDocument:
    article_id: int
    title: str
    authors: tuple[str, ...]
    publication: str
    body: str
    saved_at: str
    tags: tuple[str, ...] = ()
    notes: str = ""
    colors: tuple[str, ...] = ()
    state: str = "inbox"
    content_hash: str = ""


@dataclass(frozen=True)
class AnnotationMatch:
    """Where a query matched in an article's annotations (a note, a tag, a prediction)."""

    kind: str  # "highlight" or "prediction"
    item_id: int


@dataclass(frozen=True)
class SearchHit:
    article_id: int
    title: str
    publication: str
    score: float
    match_count: int
    snippets: tuple[str, ...]
    terms: tuple[str, ...]
    # (field, term) matched in the notes, tags or colour names (not in the text)
    annotation_terms: tuple[tuple[str, str], ...] = ()
    annotation: AnnotationMatch | None = None  # the first annotation it matched in
    matched_in: tuple[str, ...] = ()  # the fields besides the text it matched in (index.PLACES)


@dataclass(frozen=True)
class SearchResult:
    hits: tuple[SearchHit, ...] = ()
    total: int = 0
    elapsed_ms: float = 0.0
    corrected_query: str | None = None
    error: str | None = None
    notes: tuple[str, ...] = ()
