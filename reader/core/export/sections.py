"""An article's section headings with their offsets in the canonical plain text."""

from __future__ import annotations

import bisect
from dataclasses import dataclass
from html.parser import HTMLParser

from reader.core.models import Article

LEVELS = {"h2": 2, "h3": 3}


@dataclass(frozen=True)
class Section:
    """A heading and the span of plain text it covers: [start, end)."""

    title: str
    level: int  # 2 or 3, as in the article's html
    start: int
    end: int


class _Headings(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[int, str]] = []
        self._level = 0
        self._parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: object) -> None:
        if tag in LEVELS:
            self._level, self._parts = LEVELS[tag], []

    def handle_endtag(self, tag: str) -> None:
        if tag in LEVELS and self._level:
            text = " ".join("".join(self._parts).split())
            if text:
                self.found.append((self._level, text))
            self._level = 0

    def handle_data(self, data: str) -> None:
        if self._level:
            self._parts.append(data)


def headings(html: str) -> list[tuple[int, str]]:
    """(level, text) of each <h2>/<h3> in the html, in document order."""
    parser = _Headings()
    parser.feed(html)
    parser.close()
    return parser.found


def _find(plain: str, text: str, cursor: int) -> int:
    """Where `text` starts at or after `cursor`: as a whole line if possible, else anywhere."""
    at = cursor
    while True:
        at = plain.find(text, at)
        if at < 0:
            return plain.find(text, cursor)
        line_start = at == 0 or plain[at - 1] == "\n"
        end = at + len(text)
        if line_start and (end == len(plain) or plain[end] == "\n"):
            return at
        at += 1


def sections(article: Article) -> list[Section]:
    """The article's sections in reading order; a heading not found in the text is skipped."""
    plain = article.plain_text
    found: list[tuple[int, int, str]] = []
    cursor = 0
    for level, text in headings(article.html):
        at = _find(plain, text, cursor)
        if at >= 0:
            found.append((at, level, text))
            cursor = at + len(text)
    out = []
    for i, (at, level, text) in enumerate(found):
        end = len(plain)
        for later, later_level, _ in found[i + 1 :]:
            if later_level <= level:
                end = later
                break
        out.append(Section(text, level, at, end))
    return out


def section_path(all_sections: list[Section], offset: int) -> tuple[Section, ...]:
    """The sections containing `offset`, outermost first (empty before the first heading)."""
    starts = [s.start for s in all_sections]
    i = bisect.bisect_right(starts, offset) - 1
    path: list[Section] = []
    while i >= 0:
        s = all_sections[i]
        if s.start <= offset < s.end and (not path or s.level < path[0].level):
            path.insert(0, s)
        i -= 1
    return tuple(path)
