"""Domain objects shared by every core service: frozen dataclasses, no behaviour."""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ArticleSummary:
    """What the library list shows for one article."""

    id: int
    slug: str
    title: str
    publication: str
    word_count: int
    saved_at: str
    authors: tuple[str, ...] = ()
    state: str = "inbox"  # inbox | reading | archive
    furthest: float = 0.0  # 0..1: the furthest point read
    tags: tuple[str, ...] = ()

    @property
    def reading_minutes(self) -> int:
        return max(1, round(self.word_count / 230))

    @property
    def minutes_left(self) -> int:
        return (
            0 if self.furthest >= 1 else max(1, round(self.reading_minutes * (1 - self.furthest)))
        )


@dataclass(frozen=True)
class Article:
    """One saved article, with its stored rendering."""

    id: int
    uid: str
    slug: str
    title: str
    authors: tuple[str, ...]
    editors: tuple[str, ...]
    publication: str
    source: str
    language: str
    saved_at: str
    published_at: str | None
    word_count: int
    content_format: str
    original: str
    html: str
    plain_text: str
    content_hash: str
    bundled_key: str | None = None
    lead: str = ""
    notes: tuple[str, ...] = ()
    pages: tuple[int, ...] = ()  # a PDF's: where each page starts in plain_text
    page_labels: tuple[str, ...] = ()  # a PDF's own page numbers ("xii", "14"), if it has them

    def page_at(self, offset: int) -> str | None:
        """The page an offset in a PDF's text is on, as the PDF numbers its pages (its
        labels, else from 1); None for other articles."""
        if not self.pages:
            return None
        n = max(1, bisect.bisect_right(self.pages, offset))
        labels = self.page_labels
        return labels[n - 1] if n <= len(labels) and labels[n - 1] else str(n)

    def summary(self) -> ArticleSummary:
        return ArticleSummary(
            self.id,
            self.slug,
            self.title,
            self.publication,
            self.word_count,
            self.saved_at,
            self.authors,
        )


@dataclass(frozen=True)
class TextQuoteSelector:
    """W3C Web Annotation TextQuoteSelector over the canonical plain text."""

    exact: str
    prefix: str = ""
    suffix: str = ""


@dataclass(frozen=True)
class TextPositionSelector:
    """W3C Web Annotation TextPositionSelector: [start, end) in the plain text."""

    start: int
    end: int


@dataclass(frozen=True)
class Anchor:
    """Where an annotation sits now, and how it was found."""

    start: int
    end: int
    method: str  # "position" | "quote" | "fuzzy"
    score: float = 1.0


@dataclass(frozen=True)
class Highlight:
    id: int
    uid: str
    article_id: int
    color: int  # slot 1..5
    quote: TextQuoteSelector
    position: TextPositionSelector
    note: str = ""
    tags: tuple[str, ...] = ()
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None


@dataclass(frozen=True)
class Bookmark:
    """A place in an article to come back to: the start of a line, a few words of it."""

    id: int
    uid: str
    article_id: int
    quote: TextQuoteSelector
    position: TextPositionSelector
    tags: tuple[str, ...] = ()  # (none: bookmarks are not tagged)
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None


@dataclass(frozen=True)
class ColorSlot:
    slot: int
    name: str
    hex: str


@dataclass(frozen=True)
class Prediction:
    id: int
    uid: str
    article_id: int
    quote: TextQuoteSelector
    position: TextPositionSelector
    statement: str
    speaker: str = ""
    made_on: str | None = None
    horizon: str = ""
    resolve_by: str | None = None
    confidence_text: str = ""
    confidence: float | None = None
    tags: tuple[str, ...] = ()
    source: str = "user"  # curated | detected | user
    review: str = "confirmed"  # proposed | confirmed | rejected
    reason: str = ""
    note: str = ""
    stance: str | None = None  # agree | disagree | unsure
    probability: int | None = None  # 0..100, the user's own
    outcome: str = "open"  # open | true | false | partly | unknown
    resolved_on: str | None = None
    evidence: str = ""
    created_at: str = ""
    updated_at: str = ""
    deleted_at: str | None = None

    @property
    def headline(self) -> str:
        """What the prediction says: its statement, or the passage itself when blank."""
        return self.statement or self.quote.exact


@dataclass(frozen=True)
class ImportFailure:
    path: str
    reason: str
    existing_id: int | None = None  # for a duplicate: the article already in the library
    images: bool = False  # a web page asked for with its images (a replacement keeps that)


@dataclass(frozen=True)
class ImportReport:
    imported: tuple[ArticleSummary, ...] = ()
    failed: tuple[ImportFailure, ...] = ()
    duplicates: tuple[ImportFailure, ...] = field(default_factory=tuple)
    notes: tuple[str, ...] = ()  # imported, with something to tell (images not saved)
    highlights: int = 0  # highlights the files brought (a Kindle's clippings)

    @property
    def ok(self) -> bool:
        return not self.failed

    def summary(self) -> str:
        """What came in, in one line: "3 articles, 12 highlights, 2 skipped, 1 failed"."""

        def counted(n: int, what: str) -> str:
            return f"{n:,} {what}{'' if n == 1 else 's'}"

        parts = [counted(len(self.imported), "article")]
        if self.highlights:
            parts.append(counted(self.highlights, "highlight"))
        if self.duplicates:
            parts.append(f"{len(self.duplicates):,} already there")
        if self.failed:
            parts.append(f"{len(self.failed):,} failed")
        return ", ".join(parts)


@dataclass(frozen=True)
class Bearing:
    """A saved article that may bear on an open prediction (see search/bearing.py)."""

    article_id: int
    prediction_id: int
    score: float  # 0..1: the share of the prediction's key-term weight in the article
    start: int  # the passage that bears on it most
    end: int
