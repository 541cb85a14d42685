"""An article's outline: its headings, where each starts in the canonical text, and the
entries of a contents list in the text that name them (an EPUB's "Contents")."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from reader.core.ingest.plain_text import TextCollector
from reader.core.text import normalise_blocks

_CONTENTS_TITLES = {"contents", "table of contents", "toc"}


@dataclass(frozen=True)
class Section:
    level: int  # 1 for the article's title and its top headings, 2, 3 … below them
    title: str
    start: int  # canonical offset of the heading's first character


@dataclass(frozen=True)
class ContentsEntry:
    start: int
    end: int  # text[start:end] is the entry as the contents list shows it
    section: int  # index into the outline


# where a heading starts, in a copy of the text made to find them: U+0001 for an h1 …
# U+0006 for an h6 (control characters that canonical text never holds)
_MARKS = re.compile("[\x01-\x06]")
_EMPTY_HEADING = re.compile("^[\x01-\x06]+(?:\n|$)", re.M)


class _MarkedText(TextCollector):
    """The canonical text as html_to_plain_text makes it, with a mark where each
    heading starts."""

    def handle_starttag(self, tag: str, attrs) -> None:
        super().handle_starttag(tag, attrs)
        if len(tag) == 2 and tag[0] == "h" and tag[1] in "123456":
            self.parts.append(chr(int(tag[1])))


@lru_cache(maxsize=8)  # an article opened again (a theme change, a refresh) costs nothing
def outline(html: str, text: str) -> list[Section]:
    """Every heading of the article that stands in its text, in order; levels made
    relative, so that the top headings of the body are level 1 (as the title is)."""
    collector = _MarkedText()
    collector.feed(html)
    collector.close()
    marked = normalise_blocks("".join(collector.parts).replace("\u00a0", " "))
    marked = _EMPTY_HEADING.sub("", marked).rstrip("\n")  # a heading with no words: none
    if _MARKS.sub("", marked) != text:
        return []  # (the text was made some other way: no safe places for headings)
    placed: list[tuple[int, str, int]] = []
    for removed, mark in enumerate(_MARKS.finditer(marked)):
        start = mark.start() - removed
        line_end = marked.find("\n", mark.end())
        title = _MARKS.sub("", marked[mark.end() : line_end if line_end >= 0 else len(marked)])
        if title and (not placed or placed[-1][2] != start):  # (nested: the outer one)
            placed.append((ord(mark.group()), title, start))
    body = [level for level, _title, start in placed if start > 0]
    top = min(body, default=1)
    return [
        Section(1 if start == 0 else max(1, level - top + 1), title, start)
        for level, title, start in placed
    ]  # (a list, shared by the cache: callers do not change it)


def contents_entries(text: str, sections: list[Section]) -> list[ContentsEntry]:
    """The lines of a "Contents" section that name a later section: each leads there."""
    for n, section in enumerate(sections):
        if section.title.casefold().strip(" :") not in _CONTENTS_TITLES:
            continue
        end = sections[n + 1].start if n + 1 < len(sections) else len(text)
        later = {s.title: i for i, s in enumerate(sections) if i > n}
        entries = []
        offset = section.start + len(section.title) + 1
        for line in text[offset:end].split("\n"):
            if line in later:
                entries.append(ContentsEntry(offset, offset + len(line), later[line]))
            offset += len(line) + 1
        return entries
    return []


def section_at(sections: list[Section], offset: int) -> int:
    """Index of the section the text at `offset` belongs to (-1 before the first)."""
    current = -1
    for n, section in enumerate(sections):
        if section.start > offset:
            break
        current = n
    return current
