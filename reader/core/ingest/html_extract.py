"""Reduce a saved HTML page to its article: title and main content."""

from __future__ import annotations

import re
from html.parser import HTMLParser

_DROP = frozenset(
    {
        "script",
        "style",
        "nav",
        "header",
        "footer",
        "aside",
        "form",
        "noscript",
        "iframe",
        "svg",
        "button",
        "template",
        "object",
        "embed",
        "select",
        "textarea",
        "menu",
    }
)
_VOID = frozenset(
    {"br", "hr", "img", "input", "meta", "link", "area", "base", "col", "source", "wbr"}
)


class _Finder(HTMLParser):
    """Finds <title>, first <h1>, and the inner HTML of <article> / <main> / <body>."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=False)
        self.title = ""
        self.h1 = ""
        self._in_title = self._in_h1 = False
        self.regions: dict[str, list[str]] = {"article": [], "main": [], "body": []}
        self._open: list[str] = []  # regions currently open
        self._drop = 0

    def _emit(self, text: str) -> None:
        if self._drop:
            return
        for region in self._open:
            self.regions[region].append(text)

    def handle_starttag(self, tag, attrs):
        if tag == "title":
            self._in_title = True
        if tag == "h1" and not self.h1:
            self._in_h1 = True
        if tag in _DROP and tag not in _VOID:
            self._drop += 1
            return
        self._emit(self.get_starttag_text() or "")
        if tag in self.regions and tag not in self._open:
            self._open.append(tag)

    def handle_startendtag(self, tag, attrs):
        self._emit(self.get_starttag_text() or "")

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag == "h1":
            self._in_h1 = False
        if tag in _DROP and tag not in _VOID:
            self._drop = max(0, self._drop - 1)
            return
        if tag in self._open:
            self._open.remove(tag)
        self._emit(f"</{tag}>")

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if self._in_h1 and not self._drop:
            self.h1 += data
        self._emit(data)

    def handle_entityref(self, name):
        self._emit(f"&{name};")

    def handle_charref(self, name):
        self._emit(f"&#{name};")


def extract_article(page: str) -> tuple[str, str]:
    """(title, article HTML) of a page; the HTML still needs sanitising."""
    finder = _Finder()
    finder.feed(page)
    finder.close()
    for region in ("article", "main", "body"):
        content = "".join(finder.regions[region]).strip()
        if re.sub(r"<[^>]*>", "", content).strip():
            break
    else:
        content = page if "<body" not in page.lower() else ""
    title = " ".join((finder.h1 or finder.title).split())
    return title, content


def declared_charset(head: bytes) -> str | None:
    """The charset a page declares in its first bytes (<meta charset> or http-equiv)."""
    match = re.search(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", head[:4096], re.I)
    return match.group(1).decode("ascii").lower() if match else None
