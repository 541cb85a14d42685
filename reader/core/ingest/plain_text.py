"""Canonical plain text of rendered HTML, block by block as QTextDocument shows it."""

from __future__ import annotations

from html.parser import HTMLParser

from reader.core.text import normalise_blocks

BLOCK_TAGS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "blockquote",
        "pre",
        "table",
        "tr",
        "td",
        "th",
        "thead",
        "tbody",
        "tfoot",
        "ul",
        "ol",
        "dl",
        "dt",
        "dd",
        "hr",
        "figure",
        "figcaption",
        "header",
        "footer",
        "section",
        "article",
        "aside",
        "main",
        "nav",
        "address",
        "caption",
    }
)
OBJECT = "\ufffc"  # where a rendered document holds an image
SKIP_TAGS = frozenset({"script", "style", "head", "title", "template"})


class TextCollector(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self._skip = 0

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in SKIP_TAGS:
            self._skip += 1
        elif tag in BLOCK_TAGS or tag == "br":
            self.parts.append("\n")

    def handle_startendtag(self, tag: str, attrs) -> None:
        if tag in BLOCK_TAGS or tag == "br":
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in SKIP_TAGS:
            self._skip = max(0, self._skip - 1)
        elif tag in BLOCK_TAGS:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self._skip:
            self.parts.append(data)


def html_to_plain_text(html: str) -> str:
    """Blocks joined by newlines, whitespace collapsed inside each block."""
    collector = TextCollector()
    collector.feed(html)
    collector.close()
    return normalise_blocks("".join(collector.parts).replace("\u00a0", " "))


def _skipped(ch: str) -> bool:
    return ch.isspace() or ch == OBJECT


def align(canonical: str, shown: str) -> list[int]:
    """For each offset 0..len(canonical), the matching offset in `shown`.

    Both texts hold the same characters once whitespace is ignored; whitespace runs
    may differ, and `shown` has an object character (U+FFFC) where an image stands,
    which the canonical text leaves out. Used to place canonical-text annotations in a
    rendered document.
    """
    mapping = [0] * (len(canonical) + 1)
    j = 0
    n = len(shown)
    for i, ch in enumerate(canonical):
        if ch.isspace():
            mapping[i] = j
            while j < n and _skipped(shown[j]):
                j += 1
            continue
        while j < n and _skipped(shown[j]):
            j += 1
        mapping[i] = min(j, n)
        if j < n:
            j += 1
    mapping[len(canonical)] = j
    return mapping
