"""Reading lists exported by other apps: what was saved, with its tags, state and date.

- Pocket's CSV export (`title,url,time_added,tags,status`, tags joined by "|", status
  "unread" or "archive") and its older `ril_export.html` (an "Unread" and a "Read
  Archive" list of links with `time_added` and `tags` attributes);
- Instapaper's CSV export (`URL,Title,Selection,Folder,Timestamp[,Tags]`; the folder
  "Archive" is the archive, any other folder becomes a tag).

Neither carries the articles' text: each address is saved as File › Save from URL saves
it (see LibraryService.import_saved_list), one after the other.
"""

from __future__ import annotations

import contextlib
import csv
import io
import json
import re
from dataclasses import dataclass
from datetime import UTC, datetime
from html.parser import HTMLParser
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.ingest.decoding import ImportRefused, decode, file_head

if TYPE_CHECKING:
    from reader.core.ingest.importer import ParsedDocument

MAX_LIST_BYTES = 50 * 1024 * 1024
POCKET_CSV = ["title", "url", "time_added", "tags", "status"]
INSTAPAPER_CSV = ["URL", "Title", "Selection", "Folder", "Timestamp"]


@dataclass(frozen=True)
class SavedItem:
    url: str
    title: str = ""
    tags: tuple[str, ...] = ()
    archived: bool = False
    added: str | None = None  # ISO 8601 UTC, when the list says
    reading: bool = False  # started there
    doc: ParsedDocument | None = None  # the article, when the export carries it
    highlights: tuple[dict, ...] = ()  # made there: {"exact", "note", "tags"}


def list_kind(path: Path) -> str | None:
    """ "pocket-csv", "pocket-html", "instapaper-csv" or "omnivore-zip" when the file is
    one, else None."""
    suffix = path.suffix.lower()
    if suffix == ".zip":  # (the one zip of a list Reader reads: read_omnivore says if not)
        return "omnivore-zip"
    if suffix not in (".csv", ".html", ".htm"):
        return None
    head = file_head(path)
    if head is None:
        return None
    first = head.split("\n", 1)[0].strip().replace('"', "")
    if suffix == ".csv":
        columns = [c.strip() for c in first.split(",")]
        if columns[: len(POCKET_CSV)] == POCKET_CSV:
            return "pocket-csv"
        if columns[: len(INSTAPAPER_CSV)] == INSTAPAPER_CSV:
            return "instapaper-csv"
        return None
    return "pocket-html" if "<title>Pocket Export</title>" in head else None


def read_saved_list(path: Path) -> list[SavedItem]:
    """The items of a Pocket or Instapaper export; ImportRefused says why not."""
    kind = list_kind(path)
    if kind is None:
        raise ImportRefused("not a Pocket, Instapaper or Omnivore export")
    if kind == "omnivore-zip":
        from reader.core.ingest.omnivore import read_omnivore

        return read_omnivore(path)
    if path.stat().st_size > MAX_LIST_BYTES:
        raise ImportRefused("the list is larger than 50 MB")
    text = decode(path.read_bytes(), "html" if kind == "pocket-html" else "text")
    items = _pocket_html(text) if kind == "pocket-html" else _csv_items(text, kind)
    if not items:
        raise ImportRefused("the list has no web addresses in it")
    return items


def _csv_items(text: str, kind: str) -> list[SavedItem]:
    rows = csv.DictReader(io.StringIO(text.lstrip("\ufeff")))
    items = []
    try:
        for n, row in enumerate(rows, 2):
            if None in row or any(v is None for v in row.values()):
                raise ImportRefused(f"line {n} of the list has the wrong number of columns")
            item = _pocket_row(row) if kind == "pocket-csv" else _instapaper_row(row)
            if item is not None:
                items.append(item)
    except csv.Error as exc:
        raise ImportRefused(f"the list is not readable CSV ({exc})") from None
    return items


def _web(url: str) -> str | None:
    url = url.strip()
    return url if re.match(r"https?://[^\s/]+", url) else None


def _pocket_row(row: dict) -> SavedItem | None:
    url = _web(row["url"])
    if url is None:
        return None
    tags = tuple(t.strip() for t in row["tags"].split("|") if t.strip())
    return SavedItem(
        url,
        row["title"].strip(),
        tags,
        row["status"].strip() == "archive",
        _epoch(row["time_added"]),
    )


def _instapaper_row(row: dict) -> SavedItem | None:
    url = _web(row["URL"])
    if url is None:
        return None
    folder = row["Folder"].strip()
    tags = [folder] if folder and folder not in ("Unread", "Archive", "Starred") else []
    raw_tags = (row.get("Tags") or "").strip()
    if raw_tags.startswith("["):
        with contextlib.suppress(ValueError):  # (not JSON after all: no tags from it)
            tags += [str(t) for t in json.loads(raw_tags)]
    elif raw_tags:
        tags += [t for t in re.split(r"[,|]", raw_tags) if t.strip()]
    return SavedItem(
        url, row["Title"].strip(), tuple(tags), folder == "Archive", _epoch(row["Timestamp"])
    )


def _epoch(value: str) -> str | None:
    try:
        return datetime.fromtimestamp(int(value.strip()), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    except (ValueError, OverflowError, OSError):
        return None


class _PocketList(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[SavedItem] = []
        self._archive = False
        self._heading = False
        self._link: dict | None = None

    def handle_starttag(self, tag: str, attrs) -> None:
        values = {k: v or "" for k, v in attrs}
        if tag == "h1":
            self._heading = True
        elif tag == "a" and _web(values.get("href", "")):
            self._link = {**values, "text": ""}

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._heading = False
        elif tag == "a" and self._link is not None:
            link, self._link = self._link, None
            tags = tuple(t for t in link.get("tags", "").split(",") if t.strip())
            self.items.append(
                SavedItem(
                    link["href"].strip(),
                    " ".join(link["text"].split()),
                    tags,
                    self._archive,
                    _epoch(link.get("time_added", "")),
                )
            )

    def handle_data(self, data: str) -> None:
        if self._heading:
            self._archive = "archive" in data.lower()
        elif self._link is not None:
            self._link["text"] += data


def _pocket_html(text: str) -> list[SavedItem]:
    parser = _PocketList()
    parser.feed(text)
    parser.close()
    return parser.items
