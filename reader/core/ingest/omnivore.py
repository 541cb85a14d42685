"""Omnivore's export: a zip of `metadata_0_to_20.json` (and so on, twenty items each),
`content/{slug}.html` (the article as Omnivore read it) and `highlights/{slug}.md`.

Each metadata item has `slug`, `title`, `author`, `url`, `state` ("SUCCEEDED",
"ARCHIVED", …), `readingProgress` (0–100), `labels`, `savedAt` and `publishedAt`. A
highlights file is the highlights joined by blank lines, each "> quote" (a blank line
inside the quote written as "> "), then its labels as "#label" words, then its note.

An item whose content is in the zip is imported from it (nothing fetched); one without is
saved from its address as a Pocket list's items are. Its labels become tags, "ARCHIVED"
files it in the Archive, a started one is in Reading, and its highlights are placed on
the article.
"""

from __future__ import annotations

import json
import posixpath
import re
import zipfile
from dataclasses import replace
from pathlib import Path

from reader.core.ingest import HIGHLIGHTS_KEY
from reader.core.ingest.archives import Budget, check_archive
from reader.core.ingest.decoding import ImportRefused, decode
from reader.core.ingest.importer import parse_page
from reader.core.ingest.page_extract import extract_fragment
from reader.core.ingest.saved_lists import SavedItem
from reader.core.text import utc_moment

MAX_ZIP_BYTES = 500 * 1024 * 1024
MAX_UNPACKED = 1024 * 1024 * 1024
_METADATA = re.compile(r"^metadata_\d+_to_\d+\.json$")
_LINK_AFTER = re.compile(r"\s*\[[^\]\n]*\]\([^)\s]*\)\s*$")  # "[⤴️](https://…)": back to it
_LABELS = re.compile(r"^(#\S+)(\s+#\S+)*$")


def read_omnivore(path: Path) -> list[SavedItem]:
    """The export's items (with their text and highlights when the zip has them);
    ImportRefused says why the file cannot be read, before anything is imported."""
    if path.stat().st_size > MAX_ZIP_BYTES:
        raise ImportRefused("the export is larger than 500 MB")
    try:
        with zipfile.ZipFile(path) as archive:
            check_archive(archive, "the export", entries=100_000, total=MAX_UNPACKED)
            budget = Budget("the export", MAX_UNPACKED)
            names = set(archive.namelist())
            if not any(_METADATA.match(n) for n in names):
                raise ImportRefused("not an Omnivore export (no metadata_….json in the zip)")
            items = []
            for name in sorted(n for n in names if _METADATA.match(n)):
                for meta in _metadata(budget.read(archive, name), name):
                    item = _item(meta, archive, names, budget)
                    if item is not None:
                        items.append(item)
    except zipfile.BadZipFile:
        raise ImportRefused("not a readable zip file (damaged or cut short)") from None
    except (OSError, EOFError) as exc:  # a bad CRC, a truncated entry
        raise ImportRefused(f"the export is damaged ({exc})") from None
    if not items:
        raise ImportRefused("the export has no saved articles in it")
    return items


def _metadata(data: bytes, name: str) -> list[dict]:
    try:
        items = json.loads(data.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError):
        raise ImportRefused(f"{name} in the export is damaged") from None
    if not isinstance(items, list):
        raise ImportRefused(f"{name} in the export is not a list of articles")
    return [i for i in items if isinstance(i, dict)]


def _item(meta: dict, archive: zipfile.ZipFile, names: set[str], budget: Budget):
    url = str(meta.get("url") or "").strip()
    slug = posixpath.basename(str(meta.get("slug") or ""))
    state = str(meta.get("state") or "").upper()
    if not re.match(r"https?://", url) or state == "DELETED":
        return None
    title = " ".join(str(meta.get("title") or "").split())
    labels = meta["labels"] if isinstance(meta.get("labels"), list) else []
    highlights: tuple[dict, ...] = ()
    if slug and f"highlights/{slug}.md" in names:
        text = decode(budget.read(archive, f"highlights/{slug}.md"), "text")
        highlights = tuple(parse_highlights(text))
    doc = None
    if slug and f"content/{slug}.html" in names:
        page = decode(budget.read(archive, f"content/{slug}.html"), "html")
        doc = _document(page, meta, title, url, highlights)
    progress = meta.get("readingProgress")
    return SavedItem(
        url,
        title,
        tuple(str(label) for label in labels if str(label).strip()),
        state == "ARCHIVED",
        _iso(meta.get("savedAt")),
        reading=isinstance(progress, int | float) and progress > 0,
        doc=doc,
        highlights=highlights,
    )


def _document(page: str, meta: dict, title: str, url: str, highlights: tuple):
    """The article from the export's content, with the export's own metadata."""
    found = extract_fragment(page)
    author = str(meta.get("author") or "").strip()
    published = _iso(meta.get("publishedAt"))
    found = replace(
        found,
        title=title or found.title,
        authors=(author,) if author else found.authors,
        date=published[:10] if published else found.date,
        url=url,
    )
    try:
        doc = parse_page(found, page, title or url, url)
    except ImportRefused:
        return None  # (no readable text in it: saved from the address instead)
    return replace(doc, meta={**doc.meta, HIGHLIGHTS_KEY: list(highlights)}) if highlights else doc


def parse_highlights(text: str) -> list[dict]:
    """An Omnivore highlights file as [{"exact", "note", "tags"}]."""
    found: list[dict] = []
    for block in re.split(r"\n{2,}", text.replace("\r\n", "\n").strip()):
        lines = block.split("\n")
        if lines[0].startswith(">"):
            paragraphs: list[str] = []
            current: list[str] = []
            for line in lines:
                if line.strip() == ">":
                    paragraphs.append(" ".join(current))
                    current = []
                else:
                    current.append(line.removeprefix(">").strip())
            paragraphs.append(" ".join(current))
            exact = _LINK_AFTER.sub("", "\n\n".join(p for p in paragraphs if p))
            tags: list[str] = []
            last = exact.rsplit("\n", 1)[-1].split()
            while last and last[-1].startswith("#") and len(last[-1]) > 1:  # (labels after it)
                tags.insert(0, last.pop()[1:])
            if tags:
                exact = exact[: exact.rfind("#" + tags[0])].rstrip()
            found.append({"exact": exact, "note": "", "tags": tags})
        elif found and _LABELS.match(block.strip()) and not found[-1]["note"]:
            found[-1]["tags"] += [t[1:] for t in block.split()]
        elif found:
            note = found[-1]["note"]
            found[-1]["note"] = f"{note}\n\n{block.strip()}".strip()
    return [h for h in found if h["exact"]]


def _iso(value) -> str | None:
    moment = utc_moment(value)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ") if moment else None
