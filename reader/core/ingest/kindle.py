"""A Kindle's "My Clippings.txt": each book becomes an article made of its highlights.

The file is a run of entries separated by a line of ten "=" signs:

    The Book Title (Author One; Author Two)
    - Your Highlight on page 12 | Location 170-172 | Added on Sunday, March 3, 2024 10:01:33 PM

    the highlighted text
    ==========

A note follows the highlight it was written on (its location is the highlight's last
one); bookmarks mark nothing to read and are passed over. A book's article holds its
highlights in the order of their locations, one paragraph each; each becomes a highlight
of that article with its note (see `ingest.HIGHLIGHTS_KEY`), so they can be
searched, tagged and exported. Importing the file again adds only what is new.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from reader.core.ingest.decoding import ImportRefused, decode, file_head
from reader.core.ingest.highlight_books import HighlightBook, book_document
from reader.core.ingest.importer import MAX_BYTES, ParsedDocument

SEPARATOR = "=========="
_KIND = re.compile(
    r"^-\s*Your (Highlight|Note|Bookmark|Clip)\b(?P<rest>.*)$", re.I
)  # (English: the Kindle writes this line in the device's language)
_LOCATION = re.compile(r"\bLoc(?:ation|\.)?\s+(\d+)(?:\s*-\s*(\d+))?", re.I)
_PAGE = re.compile(r"\bpage\s+([\w-]+)", re.I)
_ADDED = re.compile(r"Added on\s+(.+)$", re.I)
_AUTHORS = re.compile(r"^(?P<title>.*?)\s*\((?P<authors>[^()]*)\)\s*$")
_DATE_FORMATS = ("%A, %B %d, %Y %I:%M:%S %p", "%A, %d %B %Y %H:%M:%S", "%A, %B %d, %Y, %I:%M %p")


@dataclass
class Clipping:
    kind: str  # highlight | note | bookmark | clip
    start: int  # location
    end: int
    page: str
    added: str | None  # ISO 8601, when it could be read
    text: str


@dataclass
class Book:
    title: str
    authors: tuple[str, ...]
    clippings: list[Clipping] = field(default_factory=list)


def looks_like_clippings(path: Path) -> bool:
    """A Kindle clippings file, by its name or by its first entries."""
    if path.name.lower() == "my clippings.txt":
        return True
    if path.suffix.lower() != ".txt":
        return False
    head = file_head(path)
    if head is None:
        return False
    return SEPARATOR in head and bool(re.search(r"^- ?Your (Highlight|Note|Bookmark)", head, re.M))


def parse_clippings(text: str) -> list[Book]:
    """The books of a clippings file and their clippings, in the file's order."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    books: dict[tuple[str, tuple[str, ...]], Book] = {}
    entries = [e.strip("\n") for e in text.split(SEPARATOR)]
    unread = 0
    for entry in entries:
        lines = entry.strip().split("\n")
        if len(lines) < 2 or not lines[0].strip():
            continue
        match = _KIND.match(lines[1].strip())
        if match is None:
            unread += 1
            continue
        rest = match.group("rest")
        location = _LOCATION.search(rest)
        start = int(location.group(1)) if location else 0
        end = _end_location(start, location.group(2)) if location and location.group(2) else start
        page = _PAGE.search(rest)
        added = _ADDED.search(rest)
        body = " ".join("\n".join(lines[2:]).split())
        title, authors = _title_and_authors(lines[0].strip().lstrip("\ufeff"))
        book = books.setdefault((title, authors), Book(title, authors))
        book.clippings.append(
            Clipping(
                match.group(1).lower(),
                start,
                end,
                page.group(1) if page else "",
                _iso(added.group(1)) if added else None,
                body,
            )
        )
    if not books:
        if unread:
            raise ImportRefused(
                "a Kindle clippings file in a language Reader does not read yet "
                "(only English 'Your Highlight on …' entries)"
            )
        raise ImportRefused("not a Kindle clippings file: no highlights in it")
    return list(books.values())


def _end_location(start: int, written: str) -> int:
    """The Kindle shortens a range's end ("1702-05" is 1702-1705)."""
    end = int(written)
    if end < start and len(written) < len(str(start)):
        end = int(str(start)[: len(str(start)) - len(written)] + written)
    return max(end, start)


def _title_and_authors(line: str) -> tuple[str, tuple[str, ...]]:
    match = _AUTHORS.match(line)
    if not match or not match.group("title"):
        return line, ()
    names = re.split(r"\s*;\s*|\s+and\s+|\s*&\s*", match.group("authors"))
    return match.group("title").strip(), tuple(n.strip() for n in names if n.strip())


def _iso(written: str) -> str | None:
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(written.strip(), fmt).strftime("%Y-%m-%dT%H:%M:%S")
        except ValueError:
            continue
    return None


def book_documents(books: list[Book], source: Path) -> list[ParsedDocument]:
    """One article per book: its highlights in location order, each a paragraph, with
    what to highlight in it (and the notes that go with them) in its meta."""
    docs = []
    for book in books:
        highlights = _with_notes(book.clippings)
        if not highlights:
            continue  # (a book with only bookmarks has nothing to read)
        found = HighlightBook(book.title, book.authors, "", "Kindle highlights", highlights)
        docs.append(book_document(found, f"{source.absolute()}#{book.title}"))
    if not docs:
        raise ImportRefused("the clippings file has bookmarks only: nothing to read")
    return docs


def _with_notes(clippings: list[Clipping]) -> list[dict]:
    """Highlights (once each, in location order) with the notes written on them."""
    kept: dict[tuple[int, str], dict] = {}
    for c in clippings:
        if c.kind in ("highlight", "clip") and c.text:
            kept.setdefault(
                (c.start, c.text),
                {
                    "exact": c.text,
                    "note": "",
                    "start": c.start,
                    "end": c.end,
                    "page": c.page,
                    "added": c.added,
                },
            )
    ordered = sorted(kept.values(), key=lambda h: (h["start"], h["end"]))
    for c in clippings:
        if c.kind != "note" or not c.text:
            continue
        # a note belongs to the highlight it ends (or the last one before it)
        target = next((h for h in ordered if h["end"] == c.start), None)
        target = target or next((h for h in reversed(ordered) if h["start"] <= c.start), None)
        if target is not None and c.text not in target["note"]:
            target["note"] = f"{target['note']}\n\n{c.text}".strip()
    return ordered


def load_clippings(path: Path) -> list[ParsedDocument]:
    if not path.exists():
        raise ImportRefused("no such file")
    if path.stat().st_size > MAX_BYTES:
        raise ImportRefused(f"too large: {path.stat().st_size / 1048576:.1f} MB")
    return book_documents(parse_clippings(decode(path.read_bytes(), "text")), path)
