"""Read a file from disk into a rendered, sanitised document ready to store."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.ingest.bounds import bounded_text
from reader.core.ingest.decoding import ImportRefused, decode
from reader.core.ingest.page_extract import PageArticle, extract_page
from reader.core.ingest.plain_text import html_to_plain_text
from reader.core.ingest.render import TitleBlock, article_html, markdown_to_html, text_to_html

MAX_BYTES = 20 * 1024 * 1024  # 20 MiB: far above any article, below what would stall the UI
FORMATS = {
    ".md": "markdown",
    ".markdown": "markdown",
    ".txt": "text",
    ".text": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".mhtml": "mhtml",
    ".mht": "mhtml",
}
MAX_MHTML_BYTES = 100 * 1024 * 1024  # a single-file page carries its images; its HTML ≤ 20 MB
IMPORTABLE = frozenset([*FORMATS, ".epub", ".pdf"])  # articles (what a folder import takes)
# a file of these types that none of the exports Reader reads turned out to be
_KNOWN_EXPORTS = {
    ".csv": "a CSV that is none of those Reader reads (Pocket's or Instapaper's list, "
    "highlights from Readwise: a Highlight and a Book Title column)",
    ".json": "a JSON file that is none of those Reader reads (its own annotations export, "
    "Hypothesis's annotations)",
    ".zip": "a zip file that is not an Omnivore export",
}
# everything an import recognises, by kind (each file is told apart by its content too)
IMPORT_KINDS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("Articles: Markdown, text, web pages", tuple(f"*{s}" for s in FORMATS)),
    ("PDF documents", ("*.pdf",)),
    ("EPUB books", ("*.epub",)),
    ("Kindle highlights", ("My Clippings.txt", "*.txt")),
    ("Reading lists: Pocket, Instapaper", ("*.csv", "*.html")),
    ("Omnivore export", ("*.zip",)),
    ("Highlights: Readwise CSV, Hypothesis JSON, Reader's JSON", ("*.csv", "*.json")),
)
RESOURCE_FOLDER_SUFFIX = "_files"  # "Page_files/": what a browser saves beside "Page.html"
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?)\n---[ \t]*\n", re.S)
_FIRST_H1_MD = re.compile(r"\A\s*#[ \t]+(.+?)[ \t#]*\n")
_MARKUP = re.compile(r"<!--.*|<[^>]*>?", re.S)  # stray markup in a title is not its text
_FIRST_H1_HTML = re.compile(r"\A\s*<h1[^>]*>(.*?)</h1>", re.S | re.I)
# a plain-text file's first line is its title when it stands alone above more text (a
# blank line after it, or every line a paragraph) and reads like one: short, and not
# ending as a sentence or a clause does
_BLANK_LINE = re.compile(r"\n[ \t\r]*\n")
# a byline under the title: "By Jane Doe", "*By Jane Doe and Tom Park*", "Text by Fu Chong,
# Zhou Xinyu · Edited by Su Jianxun"
_BYLINE = re.compile(
    r"^[*_]*(?i:(?:text|written|words|reporting|story) )?(?i:by)[ \t]+"
    r"(?P<names>[A-Z][^\n·|*_]{1,120}?)[*_]*[ \t]*(?:[·|].*)?$"
)
_NAME = re.compile(r"^[A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}$")


def byline_authors(body: str) -> tuple[str, ...]:
    """The authors a byline in the first lines of a text names (none if there is none)."""
    lines = [line.strip() for line in body.strip().splitlines()[:4] if line.strip()]
    for line in lines[:2]:
        if (m := _BYLINE.match(line)) is not None:
            names = [n.strip() for n in re.split(r",| and | & ", m.group("names"))]
            if names and all(_NAME.match(n) for n in names):
                return tuple(names)
    return ()


_NOT_A_TITLE_END = tuple(".,;:-")


@dataclass(frozen=True)
class ParsedDocument:
    title: str
    content_format: str
    original: str
    html: str
    plain_text: str
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publication: str = ""
    language: str = ""
    published_at: str | None = None
    source: str = ""
    meta: dict = field(default_factory=dict)


def read_file(path: Path) -> tuple[str, str, str]:
    """(decoded text, format, page address if saved from the web) of a file.

    ImportRefused says why a file cannot be read.
    """
    if not path.exists():
        raise ImportRefused("no such file")
    if path.is_dir():
        raise ImportRefused("is a folder with no articles in it")
    fmt = FORMATS.get(path.suffix.lower())
    if fmt is None:
        told = _KNOWN_EXPORTS.get(path.suffix.lower())
        if told:
            raise ImportRefused(told)
        known = ", ".join(sorted({*IMPORTABLE, *_KNOWN_EXPORTS}))
        raise ImportRefused(f"unsupported file type '{path.suffix or '(none)'}' (use {known})")
    size = path.stat().st_size
    limit = MAX_MHTML_BYTES if fmt == "mhtml" else MAX_BYTES
    if size > limit:
        raise ImportRefused(
            f"too large: {size / 1048576:.1f} MB (the limit is {limit // 1048576} MB)"
        )
    data = path.read_bytes()
    if fmt == "mhtml":
        from reader.core.ingest.mhtml import read_mhtml

        page, url = read_mhtml(data)
        if len(page) > MAX_BYTES:
            raise ImportRefused("the page inside the MHTML file is larger than 20 MB")
        return page, "html", url
    return decode(data, fmt), fmt, ""


def importable_files(folder: Path) -> list[Path]:
    """Every file under `folder` that can be imported, in name order.

    Hidden files and folders are skipped, and so are browsers' "Page_files" folders:
    they hold a saved page's images, scripts and frames, not articles.
    """
    found = []
    for path in sorted(folder.rglob("*")):
        parts = path.relative_to(folder).parts
        if any(p.startswith(".") or p.endswith(RESOURCE_FOLDER_SUFFIX) for p in parts[:-1]):
            continue
        if path.name.startswith(".") or path.suffix.lower() not in IMPORTABLE:
            continue
        if path.is_file():
            found.append(path)
    return found


def parse(
    text: str, fmt: str, fallback_title: str, source: str = "", url: str = ""
) -> ParsedDocument:
    """Render a decoded file to HTML and canonical plain text.

    HTML is a whole page (fetched or saved): its article and metadata are extracted;
    `url` is the page's address when it was fetched.
    """
    if fmt == "html":
        return parse_page(extract_page(text, url), text, fallback_title, source)
    meta: dict = {}
    if fmt == "markdown":
        text_body, meta = split_front_matter(text)
        title = meta.get("title", "")
        if (m := _FIRST_H1_MD.match(text_body)) and (not title or m.group(1).strip() == title):
            title, text_body = m.group(1).strip(), text_body[m.end() :]
        body_html = markdown_to_html(text_body)
    else:
        title, text_body = text_title(text)
        body_html = text_to_html(text_body)
    authors = _as_tuple(meta.get("authors") or meta.get("author"))
    return make_document(
        TitleBlock(
            title=str(title),
            authors=authors or byline_authors(text_body if title else text),
            publication=str(meta.get("publication", "")),
            published_at=str(meta["date"]) if meta.get("date") else None,
        ),
        body_html,
        fmt,
        text,
        fallback_title,
        source,
        language=str(meta.get("language", "")),
    )


def text_title(text: str) -> tuple[str, str]:
    """(title, rest) of a plain-text file whose first line is a title, else ("", text)."""
    body = text.lstrip("\ufeff\r\n")
    first, _, rest = body.partition("\n")
    line = first.strip()
    if not rest.strip() or not line:
        return "", text
    if not rest.lstrip(" \t\r").startswith("\n") and _BLANK_LINE.search(body):
        return "", text  # the first line opens a paragraph that goes on below it
    if line.endswith(_NOT_A_TITLE_END) or len(line) > 160 or len(line.split()) > 24:
        return "", text
    return line, rest


def parse_page(
    page: PageArticle, original: str, fallback_title: str, source: str, images: bool = False
) -> ParsedDocument:
    """An extracted page (or copied fragment) as a document: its metadata in the title
    block; with images, the inline images web_images kept stay."""
    body_html = page.html
    title = " ".join(_MARKUP.sub(" ", page.title).split())
    if (m := _FIRST_H1_HTML.match(body_html)) and " ".join(
        _MARKUP.sub(" ", m.group(1)).split()
    ) == title:
        body_html = body_html[m.end() :]
    site = "" if page.site.rstrip(" ¶").casefold() == title.casefold() else page.site
    block = TitleBlock(title, page.authors, publication=site, published_at=page.date)
    meta = {"url": page.url} if page.url and page.url != source else {}
    return make_document(
        block, body_html, "html", original, fallback_title, source, page.language, meta, images
    )


def make_document(
    block: TitleBlock,
    body_html: str,
    fmt: str,
    original: str,
    fallback_title: str,
    source: str,
    language: str = "",
    meta: dict | None = None,
    images: bool = False,
) -> ParsedDocument:
    title = " ".join(_MARKUP.sub(" ", block.title).split()) or fallback_title
    block = replace(block, title=title)
    html = bounded_text(article_html(block, body_html, images))
    plain = html_to_plain_text(html)
    if plain.strip() == title.strip():
        raise ImportRefused("no readable text in the file")
    return ParsedDocument(
        title=title,
        content_format=fmt,
        original=original,
        html=html,
        plain_text=plain,
        authors=block.authors,
        publication=block.publication,
        language=language,
        published_at=block.published_at,
        source=source,
        meta=meta or {},
    )


def load(path: Path) -> ParsedDocument:
    if path.suffix.lower() == ".pdf":
        from reader.core.ingest.pdf import load_pdf

        return load_pdf(path)
    text, fmt, url = read_file(path)
    title = path.stem.replace("_", " ")
    return parse(text, fmt, fallback_title=title, source=str(path.absolute()), url=url)


def split_front_matter(text: str) -> tuple[str, dict]:
    """Strip a simple YAML front matter block (key: value, [a, b] lists)."""
    match = _FRONT_MATTER.match(text.lstrip("\ufeff"))
    if not match:
        return text, {}
    meta: dict = {}
    for line in match.group(1).splitlines():
        key, sep, value = line.partition(":")
        if not sep or not key.strip() or line.startswith((" ", "\t", "-")):
            continue
        value = value.strip()
        if value.startswith("[") and value.endswith("]"):
            meta[key.strip().lower()] = [v.strip().strip("'\"") for v in value[1:-1].split(",")]
        else:
            meta[key.strip().lower()] = value.strip("'\"")
    return text[match.end() :], meta


def _as_tuple(value) -> tuple[str, ...]:
    if not value:
        return ()
    if isinstance(value, list):
        return tuple(v for v in value if v)
    return tuple(a.strip() for a in str(value).split(",") if a.strip())
