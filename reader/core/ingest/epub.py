"""EPUB books: one article per book (chapters as sections, with a table of contents) or
one article per chapter. DRM-protected, malformed and oversized books are refused."""

from __future__ import annotations

import posixpath
import re
import zipfile
from html import escape
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

from reader.core.ingest.archives import Budget, check_archive
from reader.core.ingest.bounds import bounded_text
from reader.core.ingest.html_extract import extract_article
from reader.core.ingest.importer import MAX_BYTES, ImportRefused, ParsedDocument
from reader.core.ingest.plain_text import html_to_plain_text
from reader.core.ingest.render import TitleBlock, article_html

NS = {
    "c": "urn:oasis:names:tc:opendocument:xmlns:container",
    "opf": "http://www.idpf.org/2007/opf",
    "dc": "http://purl.org/dc/elements/1.1/",
}


def _check_archive(book: zipfile.ZipFile) -> None:
    check_archive(book, "the book")
    names = {i.filename for i in book.infolist()}
    if "META-INF/encryption.xml" in names or "META-INF/rights.xml" in names:
        raise ImportRefused("the book is DRM-protected; Reader cannot open it")


def _read_xml(book: zipfile.ZipFile, name: str, budget: Budget) -> ElementTree.Element:
    try:
        return ElementTree.fromstring(budget.read(book, name))
    except (KeyError, ElementTree.ParseError, zipfile.BadZipFile) as exc:
        raise ImportRefused(f"malformed book: cannot read {name} ({exc})") from None


def _chapters(book: zipfile.ZipFile) -> tuple[dict, list[tuple[str, str]]]:
    """(metadata, [(chapter title, chapter HTML)]) in reading order."""
    budget = Budget("the book")
    container = _read_xml(book, "META-INF/container.xml", budget)
    rootfile = container.find(".//c:rootfile", NS)
    if rootfile is None:
        raise ImportRefused("malformed book: no package document")
    opf_path = rootfile.get("full-path", "")
    opf = _read_xml(book, opf_path, budget)
    base = posixpath.dirname(opf_path)
    meta: dict[str, Any] = {
        "title": (opf.findtext(".//dc:title", "", NS) or "").strip(),
        "authors": [a.text.strip() for a in opf.findall(".//dc:creator", NS) if a.text],
        "language": (opf.findtext(".//dc:language", "", NS) or "").strip(),
    }
    manifest = {i.get("id"): i.get("href") for i in opf.findall(".//opf:manifest/opf:item", NS)}
    chapters: list[tuple[str, str]] = []
    text_size = 0
    for ref in opf.findall(".//opf:spine/opf:itemref", NS):
        href = manifest.get(ref.get("idref"))
        if not href:
            continue
        name = posixpath.normpath(posixpath.join(base, href))
        try:
            raw = budget.read(book, name)
        except KeyError:
            raise ImportRefused(f"malformed book: {name} is missing") from None
        except (zipfile.BadZipFile, OSError) as exc:  # (a bad CRC, a truncated entry)
            raise ImportRefused(f"malformed book: cannot read {name} ({exc})") from None
        title, body = extract_article(raw.decode("utf-8", "replace"))
        if re.sub(r"<[^>]+>", "", body).strip():
            chapters.append((title or f"Chapter {len(chapters) + 1}", body))
            text_size += len(body)
            if text_size > MAX_BYTES:  # the limit holds after unpacking, not just on disk
                raise ImportRefused("the book's text is larger than 20 MB once unpacked")
    if not chapters:
        raise ImportRefused("the book has no readable chapters")
    return meta, chapters


def _strip_h1(body: str) -> str:
    return re.sub(r"<h1[^>]*>.*?</h1>", "", body, count=1, flags=re.S | re.I)


def load_epub(path: Path, per_chapter: bool = False) -> list[ParsedDocument]:
    """The book as one document (default) or one document per chapter."""
    if path.stat().st_size > MAX_BYTES * 5:
        raise ImportRefused("the book is larger than 100 MB")
    try:
        with zipfile.ZipFile(path) as book:
            _check_archive(book)
            meta, chapters = _chapters(book)
    except zipfile.BadZipFile:
        raise ImportRefused("not an EPUB book (not a zip archive)") from None
    title = meta["title"] or path.stem
    authors = tuple(meta["authors"])

    def document(doc_title: str, body: str) -> ParsedDocument:
        html = bounded_text(article_html(TitleBlock(doc_title, authors), body))
        return ParsedDocument(
            title=doc_title,
            content_format="html",
            original=body,
            html=html,
            plain_text=html_to_plain_text(html),
            authors=authors,
            language=meta["language"],
            source=str(path.absolute()),  # where it came from, wherever `reader` ran
        )

    if per_chapter:
        return [document(f"{title} — {name}", _strip_h1(body)) for name, body in chapters]
    toc = "<h2>Contents</h2><ol>" + "".join(f"<li>{escape(n)}</li>" for n, _ in chapters) + "</ol>"
    sections = "".join(f"<h2>{escape(n)}</h2>{_strip_h1(body)}" for n, body in chapters)
    return [document(title, toc + sections)]
