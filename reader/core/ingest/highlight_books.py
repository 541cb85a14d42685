"""Highlights other apps exported, grouped by the document they were made in.

- Readwise's CSV export: `Highlight, Book Title, Book Author, Amazon Book ID, Note, Color,
  Tags, Location Type, Location, Highlighted at, Document tags` (only Highlight and Book
  Title are needed; our own Readwise CSV, `Highlight, Title, Author, URL, …`, reads too);
- Hypothesis annotations as JSON: a list of annotations (or the API's `{"rows": […]}`),
  each with its page's `uri`, `document.title`, its `text` (the note), `tags`, `created`
  and a `target` whose TextQuoteSelector holds the quote.

Each document becomes a `HighlightBook`. The session puts its highlights on the article
the library already has for it (same address, else same title); otherwise the book
becomes an article of its highlights, one paragraph each, as a Kindle's clippings do
(`book_document`), and importing the file again adds only what is new.
"""

from __future__ import annotations

import csv
import html
import io
import json
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.ingest import HIGHLIGHTS_KEY
from reader.core.ingest.decoding import ImportRefused, decode, file_head
from reader.core.ingest.importer import ParsedDocument
from reader.core.ingest.plain_text import html_to_plain_text
from reader.core.ingest.render import TitleBlock, article_html

MAX_FILE_BYTES = 50 * 1024 * 1024
_TITLE_COLUMNS = ("Book Title", "Title")
_AUTHOR_COLUMNS = ("Book Author", "Author")


@dataclass
class HighlightBook:
    title: str
    authors: tuple[str, ...] = ()
    url: str = ""
    publication: str = ""  # where the highlights came from: "Readwise highlights", …
    # each {"exact", "note", "tags", "color", "added", "prefix", "suffix"}
    highlights: list[dict] = field(default_factory=list)
    page_notes: int = 0  # notes on the whole page (Hypothesis): nothing to highlight
    tags: list[str] = field(default_factory=list)  # the document's own (Readwise's)


def highlights_kind(path: Path) -> str | None:
    """ "readwise-csv" or "hypothesis-json" when the file is one, else None."""
    suffix = path.suffix.lower()
    if suffix not in (".csv", ".json"):
        return None
    head = file_head(path)
    if head is None:
        return None
    if suffix == ".csv":
        first = next(csv.reader([head.split("\n", 1)[0]]), [])
        columns = {c.strip() for c in first}
        return "readwise-csv" if "Highlight" in columns else None
    start = head.lstrip()[:1]
    if start in ("[", "{") and '"uri"' in head and ('"target"' in head or '"rows"' in head):
        return "hypothesis-json"
    return None


def read_highlight_books(path: Path) -> list[HighlightBook]:
    """The books of a Readwise CSV or Hypothesis JSON file; ImportRefused (nothing read)
    for a file cut short, with the wrong columns, or with nothing in it."""
    kind = highlights_kind(path)
    if kind is None:
        raise ImportRefused("not a Readwise CSV or Hypothesis JSON file of highlights")
    size = path.stat().st_size
    if size > MAX_FILE_BYTES:
        raise ImportRefused(f"too large: {size / 1048576:.1f} MB (the limit is 50 MB)")
    text = decode(path.read_bytes(), "text")
    books = _readwise(text) if kind == "readwise-csv" else _hypothesis(text)
    if not any(b.highlights for b in books):
        raise ImportRefused("no highlights in the file")
    return books


def _readwise(text: str) -> list[HighlightBook]:
    try:
        rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff"), newline=""), strict=True))
    except csv.Error as exc:
        raise ImportRefused(f"the CSV cannot be read ({exc}): nothing imported") from None
    if not rows:
        raise ImportRefused("an empty CSV")
    header = [c.strip() for c in rows[0]]
    title_col = next((c for c in _TITLE_COLUMNS if c in header), None)
    if "Highlight" not in header or title_col is None:
        raise ImportRefused(
            "a CSV of highlights needs the columns Highlight and Book Title "
            f"(this one has {', '.join(header[:8]) or 'none'})"
        )
    books: dict[tuple[str, str], HighlightBook] = {}
    for n, row in enumerate(rows[1:], 2):
        if not any(cell.strip() for cell in row):
            continue
        if len(row) != len(header):
            raise ImportRefused(
                f"row {n} has {len(row)} of {len(header)} columns (the file is cut short or "
                "not a Readwise export): nothing imported"
            )
        cells = dict(zip(header, row, strict=True))
        exact = " ".join(cells["Highlight"].split())
        if not exact:
            continue
        title = cells[title_col].strip() or "Untitled highlights"
        author = next((cells[c] for c in _AUTHOR_COLUMNS if cells.get(c)), "")
        url = cells.get("URL", "").strip()
        book = books.setdefault(
            (title, url),
            HighlightBook(title, _authors(author), url, "Readwise highlights"),
        )
        for tag in cells.get("Document tags", "").split(","):
            if tag.strip() and tag.strip() not in book.tags:
                book.tags.append(tag.strip())
        tags = [t.strip() for t in cells.get("Tags", "").split(",") if t.strip()]
        note, note_tags = _note_and_tags(cells.get("Note", ""))
        book.highlights.append(
            {
                "exact": exact,
                "note": note,
                "tags": tags + note_tags,
                "color": cells.get("Color", "").strip(),
                "added": cells.get("Highlighted at") or cells.get("Date") or None,
                "order": _number(cells.get("Location", "")),
            }
        )
    for book in books.values():
        book.highlights.sort(key=lambda h: h["order"])
    return list(books.values())


def _note_and_tags(note: str) -> tuple[str, list[str]]:
    """Readwise writes tags into a note as ".tag" words (our CSV export does too)."""

    def is_tag(word: str) -> bool:
        return len(word) > 1 and word[0] == "." and word[1].isalpha()

    words = note.split()
    trailing = 0  # the run of ".tag" words that ends the note ("… good point. .film .ai")
    while trailing < len(words) and is_tag(words[len(words) - 1 - trailing]):
        trailing += 1
    if not trailing:
        return note.strip(), []
    tags = [w[1:] for w in words[len(words) - trailing :]]
    kept = note.rstrip()
    for word in reversed(words[len(words) - trailing :]):
        kept = kept[: kept.rstrip().rfind(word)].rstrip()
    return kept, tags


def _hypothesis(text: str) -> list[HighlightBook]:
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ImportRefused(
            f"the JSON cannot be read (line {exc.lineno}): nothing imported"
        ) from None
    rows = data.get("rows") if isinstance(data, dict) else data
    if not isinstance(rows, list):
        raise ImportRefused("not a Hypothesis export (no list of annotations)")
    books: dict[str, HighlightBook] = {}
    for row in rows:
        if not isinstance(row, dict) or not isinstance(row.get("uri"), str):
            continue
        uri = row["uri"]
        doc = row["document"] if isinstance(row.get("document"), dict) else {}
        titles = doc.get("title") if isinstance(doc.get("title"), list) else []
        title = str(titles[0]).strip() if titles else uri
        book = books.setdefault(uri, HighlightBook(title, (), uri, "Hypothesis annotations"))
        quote = _quote(row.get("target"))
        if quote is None:
            book.page_notes += 1  # a page note: nothing in the text to highlight
            continue
        tags = [str(t) for t in row.get("tags") or [] if isinstance(t, str)]
        book.highlights.append(
            {
                "exact": " ".join(quote["exact"].split()),
                "prefix": quote.get("prefix", ""),
                "suffix": quote.get("suffix", ""),
                "note": str(row.get("text") or "").strip(),
                "tags": tags,
                "added": row.get("created"),
                "order": quote.get("start", 0),
            }
        )
    for book in books.values():
        book.highlights.sort(key=lambda h: h["order"])
    return list(books.values())


def _quote(target) -> dict | None:
    """The TextQuoteSelector (with the TextPositionSelector's start) of a target."""
    targets = target if isinstance(target, list) else []
    for t in targets:
        selectors = t.get("selector") if isinstance(t, dict) else None
        if not isinstance(selectors, list):
            continue
        found: dict = {}
        for s in selectors:
            if not isinstance(s, dict):
                continue
            if s.get("type") == "TextQuoteSelector" and isinstance(s.get("exact"), str):
                found.update(
                    exact=s["exact"],
                    prefix=str(s.get("prefix") or ""),
                    suffix=str(s.get("suffix") or ""),
                )
            elif s.get("type") == "TextPositionSelector" and isinstance(s.get("start"), int):
                found["start"] = s["start"]
        if found.get("exact", "").strip():
            return found
    return None


def _authors(text: str) -> tuple[str, ...]:
    return tuple(a.strip() for a in text.replace(" and ", ",").split(",") if a.strip())


def _number(text: str) -> float:
    try:
        return float(text)
    except ValueError:
        return 0.0


def book_document(book: HighlightBook, source: str) -> ParsedDocument:
    """A book as an article: its highlights in order, one paragraph each, with what to
    highlight in it (and the notes that go with them) in its meta."""
    paragraphs = "".join(f"<p>{html.escape(h['exact'])}</p>" for h in book.highlights)
    block = TitleBlock(book.title, book.authors, publication=book.publication)
    html_text = article_html(block, paragraphs)
    meta: dict = {HIGHLIGHTS_KEY: book.highlights}
    if book.url:
        meta["url"] = book.url
    return ParsedDocument(
        title=book.title,
        content_format="html",
        original="\n\n".join(h["exact"] for h in book.highlights),
        html=html_text,
        plain_text=html_to_plain_text(html_text),
        authors=book.authors,
        publication=book.publication,
        source=source,
        meta=meta,
    )
