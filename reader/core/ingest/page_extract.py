"""A web page reduced to its article and the page's metadata.

The article is found by trafilatura (a maintained extractor made for this: navigation,
ads, comments, cookie banners and related-story blocks go; headings, paragraphs, lists,
quotes, tables and links stay). Its metadata gives the title, authors, site name,
publication date and canonical address. Pages too small for trafilatura's heuristics
(a pasted paragraph, a bare fragment) fall back to the region finder in html_extract.
The result is still unsanitised HTML: render.sanitize runs on it at import.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from reader.core.ingest.html_extract import extract_article

# A browser-saved page says where it came from: Chrome and Edge write this comment.
_SAVED_FROM = re.compile(r"<!--\s*saved from url=\(\d+\)\s*(\S+?)\s*-->", re.I)
_BODY = re.compile(r"<body[^>]*>(.*)</body>", re.S | re.I)
_TAGS = re.compile(r"<[^>]*>")
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
_FRAGMENT_MARK = "<!--StartFragment-->"  # what browsers put around copied HTML
log = logging.getLogger(__name__)


@dataclass(frozen=True)
class PageArticle:
    title: str
    html: str  # the article's HTML, not yet sanitised
    authors: tuple[str, ...] = ()
    site: str = ""
    date: str | None = None  # YYYY-MM-DD
    url: str = ""  # the page's own address (canonical link, og:url or "saved from")
    language: str = ""


# a heading's permalink, as Sphinx, MkDocs and many blogs add them ("Title¶", "Title #"):
# an in-page link whose text is only a mark, or one classed as a header link
_PERMALINK = re.compile(
    r"<a\b(?=[^>]*\bclass\s*=\s*[\"'][^\"']*\b(?:headerlink|anchorlink|heading-anchor)\b)"
    r"[^>]*>.*?</a\s*>"
    r"|<a\b(?=[^>]*\bhref\s*=\s*[\"']#)[^>]*>\s*(?:¶|#|§|🔗|&para;|&#182;)\s*</a\s*>",
    re.I | re.S,
)
_TITLE_MARKS = " \t¶§#🔗"


def without_permalinks(html: str) -> str:
    return _PERMALINK.sub("", html) if "<a" in html else html


def extract_page(page: str, url: str = "", images: bool = False) -> PageArticle:
    """The article and metadata of a whole page (fetched, saved or copied as source);
    with images, its <img> tags stay (web_images fetches them, or they are dropped).
    Headings' permalink marks ("¶") go."""
    page = without_permalinks(page)
    body = _trafilatura_body(page, url, images)
    meta = _trafilatura_metadata(page, url)
    title = meta.get("title", "")
    if not body or not _text(body).strip() or not title:
        region_title, region_html = extract_article(page)
        title = title or region_title
        if not _text(body).strip():
            body = region_html
    saved_from = _SAVED_FROM.search(page[:2048])
    return PageArticle(
        title=" ".join(title.split()).rstrip(_TITLE_MARKS),
        html=body,
        authors=_authors(meta.get("author")),
        site=" ".join((meta.get("sitename") or "").split()),
        date=meta["date"] if _DATE.match(meta.get("date") or "") else None,
        url=meta.get("url") or (saved_from.group(1) if saved_from else "") or url,
        language=meta.get("language") or "",
    )


def extract_fragment(html: str) -> PageArticle:
    """HTML copied from a page: what the user selected is the article, all of it.

    A whole page's source (with <html> and <body> and no fragment markers) is treated
    as a page instead.
    """
    lowered = html[:4096].lower()
    if _FRAGMENT_MARK.lower() not in lowered and ("<html" in lowered or "<body" in lowered):
        return extract_page(html)
    title, body = extract_article(without_permalinks(html))
    return PageArticle(title=" ".join(title.split()).rstrip(_TITLE_MARKS), html=body)


def _trafilatura():
    """The extractor, imported when first needed (it takes ~0.2 s); its log kept quiet."""
    import trafilatura

    for name in ("trafilatura", "htmldate", "courlan", "justext", "readability"):
        logging.getLogger(name).setLevel(logging.CRITICAL)
    return trafilatura


def _trafilatura_body(page: str, url: str, images: bool = False) -> str:
    try:
        extracted = _trafilatura().extract(
            page,
            url=url or None,
            output_format="html",
            include_links=True,
            include_formatting=True,
            include_tables=True,
            include_images=images,  # only when the user asked for them
            include_comments=False,
            favor_precision=True,
            deduplicate=False,
        )
    except Exception:  # a bug in the extractor on odd markup: the region finder takes over
        log.warning("trafilatura failed on a page", exc_info=True)
        return ""
    if not extracted:
        return ""
    match = _BODY.search(extracted)
    return match.group(1).strip() if match else extracted


def _trafilatura_metadata(page: str, url: str) -> dict:
    try:
        found = _trafilatura().extract_metadata(page, default_url=url or None)
    except Exception:  # as above: the page is still imported, without metadata
        log.warning("trafilatura could not read a page's metadata", exc_info=True)
        return {}
    if found is None:
        return {}
    return {
        key: value
        for key in ("title", "author", "sitename", "date", "url", "language")
        if isinstance(value := getattr(found, key, None), str) and value.strip()
    }


def _authors(value: str | None) -> tuple[str, ...]:
    if not value:
        return ()
    return tuple(dict.fromkeys(a.strip() for a in re.split(r";|\s+and\s+", value) if a.strip()))


def _text(html: str) -> str:
    return _TAGS.sub("", html)
