"""Markdown, plain text and HTML to sanitised article HTML (computed once, at import)."""

from __future__ import annotations

import html as html_lib
import re
from dataclasses import dataclass
from datetime import date

import nh3

from reader.core.ingest.bounds import flatten_deep

ALLOWED_TAGS = {
    "p",
    "br",
    "hr",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "ul",
    "ol",
    "li",
    "blockquote",
    "pre",
    "code",
    "em",
    "strong",
    "b",
    "i",
    "u",
    "s",
    "del",
    "ins",
    "sub",
    "sup",
    "small",
    "mark",
    "a",
    "table",
    "thead",
    "tbody",
    "tfoot",
    "tr",
    "td",
    "th",
    "caption",
    "dl",
    "dt",
    "dd",
    "figure",
    "figcaption",
    "div",
    "span",
    "abbr",
    "cite",
    "q",
    "kbd",
    "samp",
    "var",
    "img",  # only with an inline raster image (see _attribute): nothing is fetched
}
ALLOWED_ATTRIBUTES = {
    "a": {"href", "title"},
    "h1": {"class"},  # the title block's own (restore sanitises stored HTML again)
    "p": {"class"},
    "div": {"class"},
    "span": {"class"},
    "td": {"colspan", "rowspan", "align"},
    "th": {"colspan", "rowspan", "align"},
    "ol": {"start"},
    "abbr": {"title"},
    "img": {"src", "alt"},
}
URL_SCHEMES = {"http", "https", "mailto", "data"}  # data: only for img src (_attribute)
_IMAGE_DATA = re.compile(r"^data:image/(?:png|jpeg|gif|webp);base64,[A-Za-z0-9+/=]+$")
_IMG_WITHOUT_SRC = re.compile(r"<img(?![^>]*\ssrc=)[^>]*>")
# an <a> start tag as the sanitiser writes it (every value quoted, '"' escaped), and the
# link it opens; one whose address was dropped keeps its words, as plain words
_A_TAG = re.compile(r'<a((?:\s+[a-z-]+="[^"]*")*)\s*>((?:(?!</a>).)*)</a>', re.S)
_ATTRIBUTE_NAME = re.compile(r'\s([a-z-]+)="[^"]*"')
_BETWEEN_TAGS = re.compile(r">\s+<")
# an image standing between blocks, not inside a paragraph: given a paragraph of its own
_STANDALONE_IMG = re.compile(
    r"(</(?:p|h[1-6]|ul|ol|dl|blockquote|figure|table|pre|div)>|^)(\s*)"
    r'((?:<img [^>]*>(?:<br><span class="caption">[^<]*</span>)?\s*)+)'
)
MARKDOWN_EXTENSIONS = ["extra", "sane_lists"]
_PARAGRAPHS = re.compile(r"\n\s*\n")


@dataclass(frozen=True)
class TitleBlock:
    title: str
    authors: tuple[str, ...] = ()
    editors: tuple[str, ...] = ()
    publication: str = ""
    published_at: str | None = None
    date_precision: str = "day"  # "month" or "year" when the day is not known


def sanitize(fragment: str, images: bool = False) -> str:
    """Keep the article's structure; drop scripts, handlers, styles, remote resources.

    Images go, unless the user asked for a web page's images: then an image stays when
    it is inline (a data: URL of PNG, JPEG, GIF or WebP, as web_images makes and checks
    them). Any other data: URL goes.
    """
    cleaned = nh3.clean(
        flatten_deep(fragment),  # (the sanitiser's time grows with the square of the depth)
        tags=ALLOWED_TAGS if images else ALLOWED_TAGS - {"img"},
        attributes=ALLOWED_ATTRIBUTES,
        attribute_filter=_attribute,
        url_schemes=URL_SCHEMES,
        link_rel="noopener noreferrer",
        strip_comments=True,
        clean_content_tags={"script", "style", "template", "iframe", "object", "embed"},
    )
    if "<a" in cleaned:
        cleaned = _A_TAG.sub(_link_or_words, cleaned)
    if "<img" not in cleaned:
        return cleaned
    cleaned = _IMG_WITHOUT_SRC.sub("", cleaned)
    # no space beside the images: at the column's full width it would wrap to a blank line
    return _STANDALONE_IMG.sub(
        lambda m: f'{m[1]}{m[2]}<p class="figure">{_BETWEEN_TAGS.sub("><", m[3].strip())}</p>\n',
        cleaned,
    )


def _link_or_words(link: re.Match) -> str:
    return link[0] if "href" in _ATTRIBUTE_NAME.findall(link[1]) else link[2]


def _attribute(tag: str, name: str, value: str) -> str | None:
    if tag == "img" and name == "src":
        return value if _IMAGE_DATA.match(value) else None
    if name == "href":  # only a link that can go somewhere from here: a saved page's
        return value if url_scheme(value) in LINK_SCHEMES else None  # own links cannot
    return value


LINK_SCHEMES = {"http", "https", "mailto"}
_URL_NOISE = re.compile(r"[\t\n\r]")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.\-]*):")


def url_scheme(value: str) -> str | None:
    """A link's scheme as a browser reads it: tabs and line breaks anywhere, and control
    characters and spaces around it, are dropped first ("da\tta:" is "data:"). None for
    a relative link."""
    cleaned = _URL_NOISE.sub("", value).strip("".join(map(chr, range(33))))
    found = _SCHEME.match(cleaned)
    return found.group(1).lower() if found else None


def markdown_to_html(source: str, line_breaks: bool = False) -> str:
    """Markdown as HTML (not yet sanitised); with line_breaks, a new line is a break, as
    someone typing a note in a box means it."""
    import markdown  # slow to import; only needed at import time

    extensions = MARKDOWN_EXTENSIONS + (["nl2br"] if line_breaks else [])
    return markdown.markdown(source, extensions=extensions, output_format="html")


def text_to_html(source: str) -> str:
    """Plain text: blank-line separated paragraphs, or one paragraph per line."""
    text = source.replace("\r\n", "\n").replace("\r", "\n").strip()
    chunks = _PARAGRAPHS.split(text) if _PARAGRAPHS.search(text) else text.split("\n")
    paras = (html_lib.escape(" ".join(c.split())) for c in chunks if c.strip())
    return "\n".join(f"<p>{p}</p>" for p in paras)


def title_block_html(block: TitleBlock) -> str:
    parts = [f'<h1 class="title">{html_lib.escape(block.title)}</h1>']
    byline = []
    if block.authors:
        byline.append("Text by " + ", ".join(block.authors))
    if block.editors:
        byline.append("Edited by " + ", ".join(block.editors))
    if byline:
        parts.append(f'<p class="byline">{html_lib.escape(" · ".join(byline))}</p>')
    line = [block.publication] if block.publication else []
    if block.published_at:
        line.append(_long_date(block.published_at, block.date_precision))
    if line:
        parts.append(f'<p class="publication">{html_lib.escape(" · ".join(line))}</p>')
    return "\n".join(parts)


def _long_date(iso: str, precision: str = "day") -> str:
    """2026-03-04 → 4 March 2026, or March 2026 / 2026 when only the month or the year is
    known (anything that is not a date is shown as it is)."""
    try:
        day = date.fromisoformat(iso[:10])
    except ValueError:
        return iso
    if precision == "year":
        return str(day.year)
    return f"{day:%B %Y}" if precision == "month" else f"{day.day} {day:%B %Y}"


def article_html(block: TitleBlock, body_html: str, images: bool = False) -> str:
    """The stored HTML of an article: title block then the sanitised body."""
    return title_block_html(block) + "\n" + sanitize(body_html, images)
