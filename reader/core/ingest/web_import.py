"""Saving articles from a URL and from pasted content (HTML, Markdown or plain text).

Fetching uses only the standard library: http(s) only, a time limit, at most 5 redirects,
20 MB at most (read in chunks, cancellable), HTML only; the page's charset from the
header or its <meta>, else what a browser would guess. Nothing else is fetched unless
the user asks for the article's images (web_images: fetched once, kept inline); scripts,
styles and remote resources are dropped by the same extraction and sanitiser as saved
pages.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable
from dataclasses import replace
from functools import partial
from urllib.parse import urlparse

from reader.core.ingest.http_fetch import (
    FetchRefused,
    TooLarge,
    host_is_local,
    opened,
    read_body,
)
from reader.core.ingest.importer import (
    MAX_BYTES,
    ImportRefused,
    ParsedDocument,
    decode,
    parse,
    parse_page,
)
from reader.core.ingest.page_extract import extract_fragment, extract_page
from reader.core.ingest.web_images import captions, embed_images, fetch_image

TIMEOUT_S = 15.0  # the whole fetch of a page, redirects included
_HTML_TYPES = ("text/html", "application/xhtml+xml")
_LOOKS_HTML = re.compile(r"^\s*(<!doctype html|<html|<head|<body|<article|<p[ >]|<div)", re.I)


def web_address(text: str) -> str:
    """What the user typed as a page's address, made whole ("example.com/story" is taken
    as https://example.com/story); ImportRefused when it is not a web address."""
    url = text.strip()
    if url.lower().startswith(("http://", "https://")):
        return url
    if url and "://" not in url and "." in url.split("/")[0] and " " not in url:
        return "https://" + url
    raise ImportRefused(f"“{url[:80]}” is not a web address: it must start with https://")


def fetch(
    url: str, cancelled: Callable[[], bool] = lambda: False, timeout: float = TIMEOUT_S
) -> tuple[str, str]:
    """(final URL, decoded HTML) of a web page, or ImportRefused with the reason. The
    whole fetch, redirects included, has `timeout` seconds; a page the user typed may be
    on this computer, a public one may not lead there (see http_fetch)."""
    deadline = time.monotonic() + timeout
    try:
        with opened(url, "text/html,*/*;q=0.5", deadline, host_is_local(url)) as response:
            kind = response.headers.get_content_type()
            if kind not in _HTML_TYPES:
                raise ImportRefused(f"not a web page: the server sent {kind}")
            charset = response.headers.get_content_charset()
            data = read_body(response, MAX_BYTES, deadline, cancelled)
            final = response.geturl()
    except TooLarge:
        raise ImportRefused("the page is larger than 20 MB") from None
    except FetchRefused as exc:
        raise ImportRefused(str(exc)) from None
    except TimeoutError:
        raise ImportRefused(f"the page did not arrive within {timeout:g} s") from None
    if charset:
        try:
            return final, data.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declared charset: guess as for a saved page
    return final, decode(data, "html")


def from_url(
    url: str,
    cancelled: Callable[[], bool] = lambda: False,
    timeout: float = TIMEOUT_S,
    images: bool = False,
) -> ParsedDocument:
    """The article of a web page; with images, its images fetched and kept inline (how
    many were kept and missed is in the document's meta)."""
    final, page = fetch(url, cancelled, timeout)
    host = urlparse(final).netloc
    article = extract_page(page, final, images=images)
    article = replace(article, site=article.site or host)
    counts = {}
    if images:
        embedded = embed_images(
            article.html,
            final,
            cancelled,
            captions=captions(page, final),
            fetch=partial(fetch_image, allow_local=host_is_local(final)),
        )
        article = replace(article, html=embedded.html)
        counts = {"images": embedded.kept, "images_missed": embedded.missed}
    try:
        doc = parse_page(article, page, fallback_title=host, source=final, images=images)
    except ImportRefused as exc:
        raise ImportRefused(f"no article found on that page ({exc})") from None
    if len(doc.plain_text[len(doc.title) :].split()) < 5:
        raise ImportRefused("no article found on that page")
    return replace(doc, meta={**doc.meta, **counts}) if counts else doc


def from_clipboard(text: str, html: str | None = None) -> ParsedDocument:
    """HTML from the clipboard is extracted like a page; text or Markdown is taken as is.

    Copied HTML (a fragment) is kept whole, sanitised; a whole page's source is extracted.
    """
    if html and html.strip():
        title = _first_line(text or html)
        return parse_page(extract_fragment(html), html, fallback_title=title, source="clipboard")
    if not text.strip():
        raise ImportRefused("the clipboard is empty")
    fmt = "html" if _LOOKS_HTML.match(text) else "markdown"
    title = _first_line(text)
    if fmt == "markdown" and not text.lstrip().startswith("#"):
        text = f"# {title}\n\n{text.strip().split(chr(10), 1)[-1] if chr(10) in text else text}"
    return parse(text, fmt, fallback_title=title, source="clipboard")


def _first_line(text: str) -> str:
    for line in text.splitlines():
        line = re.sub(r"<[^>]+>", "", line).strip(" #*")
        if line:
            return line[:120]
    return "Pasted article"
