"""Highlights as Readwise's CSV import takes them (readwise.io/import_bulk): one row per
highlight with its article's title, authors and address, the note (tags written as
Readwise reads them in a note: ".tag"), where it sits (its page in a PDF, else its
place in the text, which keeps the order), and when it was made.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable
from pathlib import Path

from reader.core.export.markdown import ArticleAnnotations, page_of

HEADER = ["Highlight", "Title", "Author", "URL", "Note", "Location", "Date"]
_FORMULA = ("=", "+", "-", "@", "\t", "\r")  # what a spreadsheet would run as a formula


def readwise_csv(items: Iterable[ArticleAnnotations]) -> str:
    """The CSV text: every highlight of every item, in reading order."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(HEADER)
    for item in items:
        a = item.article
        url = a.source if a.source.startswith(("http://", "https://")) else ""
        order = sorted(item.highlights, key=lambda h: item.starts.get(h.uid, h.position.start))
        for h in order:
            tags = " ".join(f".{t}" for t in h.tags)
            note = "\n".join(part for part in (h.note.strip(), tags) if part)
            page = page_of(item, h)
            writer.writerow(
                [
                    spreadsheet_text(h.quote.exact),
                    spreadsheet_text(a.title),
                    spreadsheet_text(", ".join(a.authors)),
                    url,
                    spreadsheet_text(note),
                    page or item.starts.get(h.uid, h.position.start),
                    h.created_at[:19].replace("T", " "),
                ]
            )
    return out.getvalue()


def spreadsheet_text(text: str) -> str:
    """Text a spreadsheet opening the file shows as text, never runs as a formula."""
    return "'" + text if text.startswith(_FORMULA) else text


def is_readwise_csv(path: Path) -> bool:
    """Whether the file is a CSV this export wrote (its header line is ours)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            first = f.readline().strip()
    except OSError:
        return False
    return first == ",".join(HEADER)
