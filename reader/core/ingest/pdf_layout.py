"""A PDF page's pieces of text put back into reading order: lines, columns, paragraphs.

Pure geometry over what the PDF library reports (pdf.py): text fragments with their box
and font size, in PDF points with y growing upwards. The steps, each a function here:

1. fragments on one baseline and close together become a line (`lines_of`);
2. running headers and footers (the same text at a page's top or bottom on many pages,
   page numbers) are dropped (`running_lines`);
3. a page's lines are ordered as read (`reading_order`): where the narrow lines leave a
   vertical gutter free, the page is in columns: each column is read top to bottom, left
   before right, with lines that span the gutter (a title, a figure's caption) read where
   they stand;
4. lines become paragraphs and headings (`blocks_of`): a paragraph ends at a wider gap, an
   indented or outdented line, a short line ending a sentence, or a change of size;
   a word broken at a line's end with a hyphen is joined again (`join_lines`).
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field

SOFT_HYPHEN = "\x02"  # how PDFium reports a hyphen that breaks a word at a line's end
NEWER_SOFT_HYPHEN = "\ufffe"  # (what newer PDFium writes instead)
_NUMBERING = re.compile(r"^(page\s+)?([0-9]+|[ivxlcdm]+)(\s*(of|/)\s*[0-9]+)?$", re.I)
_DIGITS = re.compile(r"\d+")
_BULLET = re.compile(r"^([•◦▪‣●○■□–—*-]|\(?\d{1,3}[.)]|\(?[a-z][.)])\s")
_LEADER = re.compile(r"(?:\s*\.){4,}\s*")
_CONTENTS_ENTRY = re.compile(r" … [\divxlc]+$")  # "2.1 Syntax … 12"
_SENTENCE_END = (".", "!", "?", ":", "”", '"', "’", ")")
RUNNING_ZONE = 0.1  # the top and bottom tenth of a page hold its running heads and feet
HEADING_RATIO = 1.15  # a line this much larger than the body text is a heading


@dataclass
class Line:
    text: str
    x0: float
    y0: float  # bottom
    x1: float
    y1: float  # top
    size: float = 10.0
    page: int = 0
    mono: bool = False  # set in a fixed-pitch font: code, a terminal's output

    @property
    def height(self) -> float:
        return self.y1 - self.y0

    @property
    def baseline(self) -> float:
        return self.y0 + 0.2 * self.size  # (pdf.py places a line's box around it so)


@dataclass
class Block:
    kind: str  # "p", "pre" (fixed-pitch lines, kept as they are) or "h2" … "h4"
    lines: list[Line] = field(default_factory=list)
    page: int = 0

    @property
    def size(self) -> float:
        return max(line.size for line in self.lines)


def lines_of(fragments: list[Line]) -> list[Line]:
    """Fragments that sit on one baseline with at most a word space between them, as one
    line each (a column's gutter keeps two columns' lines apart).

    Fragments are grouped by their middles, not their boxes: a dash or a comma has a box
    a point high, well above or below the line's bottom.
    """
    rows: list[list[Line]] = []
    for frag in fragments:
        frag.text = frag.text.replace(NEWER_SOFT_HYPHEN, SOFT_HYPHEN)
    for frag in sorted(fragments, key=lambda f: -(f.y0 + f.y1)):
        if not frag.text.strip():
            continue
        if rows and _same_row(rows[-1], frag):
            rows[-1].append(frag)
        else:
            rows.append([frag])
    lines: list[Line] = []
    for row in rows:
        last: Line | None = None
        for frag in sorted(row, key=lambda f: f.x0):
            gap = frag.x0 - last.x1 if last else 0.0
            if last is not None and -0.5 * frag.size <= gap < 0.8 * max(last.size, frag.size):
                tight = gap < 0.15 * frag.size or last.text.endswith((" ", SOFT_HYPHEN))
                joint = "" if tight else " "
                last.text = f"{last.text}{joint}{frag.text}"
                last.x1 = max(last.x1, frag.x1)
                last.y0, last.y1 = min(last.y0, frag.y0), max(last.y1, frag.y1)
                if len(frag.text.strip()) > 2:
                    last.size = max(last.size, frag.size)
                last.mono = last.mono and frag.mono
            else:
                last = Line(
                    frag.text, frag.x0, frag.y0, frag.x1, frag.y1, frag.size, frag.page, frag.mono
                )
                lines.append(last)
    for line in lines:
        text = " ".join(line.text.replace("\r", " ").replace("\n", " ").split())
        line.text = _LEADER.sub(" … ", text).strip()  # a contents line's dots: one mark
    return lines


def _same_row(row: list[Line], frag: Line) -> bool:
    tallest = max(row, key=lambda f: f.height)
    middle = (tallest.y0 + tallest.y1) / 2
    return abs((frag.y0 + frag.y1) / 2 - middle) < 0.35 * max(tallest.size, frag.size)


def running_lines(pages: list[list[Line]], page_height: list[float]) -> set[int]:
    """The id() of the lines that are running heads or feet: page numbers in a page's top
    or bottom tenth (not set larger than the page's text: "IV" heading a chapter stays),
    and a page's first or last line there when the same text (numbers aside) is also a
    first or last line on another page ("Chapter 2: Naming", "Page 3")."""
    zone: list[tuple[Line, str]] = []
    per_page: Counter[str] = Counter()
    numbers: set[int] = set()
    for lines, height in zip(pages, page_height, strict=True):
        if not lines:
            continue
        outer = {id(max(lines, key=lambda x: x.y1)), id(min(lines, key=lambda x: x.y0))}
        usual = sorted(line.size for line in lines)[len(lines) // 2]
        keys = set()
        for line in lines:
            top = line.baseline > height * (1 - RUNNING_ZONE)
            if top or line.baseline < height * RUNNING_ZONE:
                key = _DIGITS.sub("#", line.text.casefold()).strip()
                numbered = _NUMBERING.match(line.text.strip()) and line.size <= 1.2 * usual
                if numbered:
                    numbers.add(id(line))
                if numbered or id(line) in outer:
                    zone.append((line, key))
                    keys.add(key)
        per_page.update(keys)
    return {id(line) for line, key in zone if id(line) in numbers or per_page[key] >= 2}


def reading_order(lines: list[Line]) -> list[Line]:
    """A page's lines in the order they are read (columns left to right)."""
    if len(lines) < 2:
        return list(lines)
    left = min(line.x0 for line in lines)
    width = max(line.x1 for line in lines) - left
    body = Counter(round(line.size) for line in lines).most_common(1)[0][0]
    narrow = [line for line in lines if line.x1 - line.x0 < 0.6 * width]
    gutter = _gutter(narrow, max(6.0, 0.8 * body))
    top_down = sorted(lines, key=lambda line: (-line.y1, line.x0))
    if gutter is None:
        return top_down
    middle = sum(gutter) / 2
    ordered: list[Line] = []
    run: list[Line] = []
    for line in top_down:
        if line.x0 < middle < line.x1:  # spans the gutter: read where it stands
            ordered.extend(_columns(run, middle))
            ordered.append(line)
            run = []
        else:
            run.append(line)
    ordered.extend(_columns(run, middle))
    return ordered


def _columns(run: list[Line], gutter: float) -> list[Line]:
    left = [line for line in run if line.x1 <= gutter]
    right = [line for line in run if line.x1 > gutter]
    if not left or not right:
        return sorted(run, key=lambda line: (-line.y1, line.x0))
    return reading_order(left) + reading_order(right)


def _gutter(lines: list[Line], least: float) -> tuple[float, float] | None:
    """The widest vertical strip no line of a column's width crosses, with three lines or
    more wholly on either side (a heading or a caption wider than the columns' lines may
    cross it: it is read where it stands)."""
    if len(lines) < 6:
        return None
    strict = _strip(lines, least, 0)
    if strict is not None:
        return strict
    paired = _side_by_side(lines)  # columns set on common baselines, as most are
    if len(paired) >= 6 and (found := _strip(paired, least, 0)) is not None:
        return found
    widths = sorted(line.x1 - line.x0 for line in lines)
    typical = widths[len(widths) // 2]
    return _strip([line for line in lines if line.x1 - line.x0 <= 1.15 * typical], least, 0)


def _side_by_side(lines: list[Line]) -> list[Line]:
    """The lines that share their baseline with another line beside them."""
    rows = sorted(lines, key=lambda line: line.baseline)
    paired: set[int] = set()
    for n, line in enumerate(rows):
        for other in rows[n + 1 :]:
            if other.baseline - line.baseline > 0.3 * line.size:
                break
            if other.x0 >= line.x1 or line.x0 >= other.x1:
                paired.update((id(line), id(other)))
    return [line for line in lines if id(line) in paired]


def _strip(lines: list[Line], least: float, tolerance: int) -> tuple[float, float] | None:
    """The widest strip at most `tolerance` of these lines cross."""
    events = sorted([(line.x0, 1) for line in lines] + [(line.x1, -1) for line in lines])
    best: tuple[float, float] | None = None
    covered, start = 0, None
    for x, step in events:
        if covered <= tolerance and start is not None and x - start >= least:
            left = sum(1 for line in lines if line.x1 <= start)
            right = sum(1 for line in lines if line.x0 >= x)
            if left >= 3 and right >= 3 and (best is None or x - start > best[1] - best[0]):
                best = (start, x)
        was = covered
        covered += step
        if covered > tolerance:
            start = None
        elif was > tolerance or start is None:
            start = x
    return best


def body_size(lines: list[Line]) -> float:
    """The size most of the text is set in (counted in characters)."""
    sizes: Counter[float] = Counter()
    for line in lines:
        sizes[round(line.size * 2) / 2] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def heading_kinds(lines: list[Line], body: float) -> dict[float, str]:
    """Sizes larger than the body's as heading levels, the largest first (h2 … h4)."""
    larger = sorted({round(line.size * 2) / 2 for line in lines if _is_heading_size(line, body)})
    return {size: f"h{min(4, 2 + n)}" for n, size in enumerate(reversed(larger))}


def _is_heading_size(line: Line, body: float) -> bool:
    return line.size >= body * HEADING_RATIO and len(line.text.split()) <= 20


def blocks_of(lines: list[Line], body: float, kinds: dict[float, str]) -> list[Block]:
    """Ordered lines (all pages) as paragraphs and headings."""
    blocks: list[Block] = []
    right_edge = _right_edges(lines)
    prev: Line | None = None
    for line in lines:
        kind = kinds.get(round(line.size * 2) / 2, "p") if _is_heading_size(line, body) else "p"
        kind = "pre" if line.mono and kind == "p" else kind
        current = blocks[-1] if blocks else None
        if current is None or prev is None or current.kind != kind:
            starts = True
        elif kind == "pre":  # code: its lines as they are, a gap starts another block
            starts = prev.page != line.page or prev.y0 - line.y1 > 1.5 * line.height
        elif kind == "p":
            starts = _starts_paragraph(prev, line, right_edge)
        else:
            starts = not _continues_heading(prev, line)
        if starts or current is None:
            blocks.append(Block(kind, [line], line.page))
        else:
            current.lines.append(line)
        prev = line
    return blocks


def _continues_heading(prev: Line, line: Line) -> bool:
    return prev.page == line.page and 0 <= prev.y0 - line.y1 < line.size and prev.size == line.size


def _right_edges(lines: list[Line]) -> dict[int, float]:
    """For each line, the right edge of the text it sits in (its column's widest line)."""
    edges: dict[int, float] = {}
    by_page: dict[int, list[Line]] = {}
    for line in lines:
        by_page.setdefault(line.page, []).append(line)
    for page_lines in by_page.values():
        for line in page_lines:
            edges[id(line)] = max(
                other.x1 for other in page_lines if abs(other.x0 - line.x0) < 30 or other is line
            )
    return edges


def _starts_paragraph(prev: Line, line: Line, right_edge: dict[int, float]) -> bool:
    if abs(prev.size - line.size) > 0.12 * max(prev.size, line.size) or _BULLET.match(line.text):
        return True
    if _CONTENTS_ENTRY.search(prev.text):
        return True
    ended = prev.text.rstrip().endswith(_SENTENCE_END)
    short = prev.x1 < right_edge[id(prev)] - max(4 * prev.size, 0.12 * (prev.x1 - prev.x0))
    same_column = prev.page == line.page and prev.y0 > line.y1 - 0.5 * line.height
    if not same_column:  # over a column or page break: the text goes on unless it ended
        return short and ended
    gap = prev.y0 - line.y1
    if gap > 0.9 * max(prev.height, line.height):
        return True
    if line.x0 > prev.x0 + 1.5 * line.size and ended:
        return True  # an indented first line
    if line.x0 < prev.x0 - 1.5 * line.size and short:
        return True  # text again after an indented block (code, a quotation)
    return short and ended


def join_lines(lines: list[Line], known: set[str]) -> tuple[str, list[int]]:
    """A block's lines as one text, and where in it each line starts. A word broken at a
    line's end is joined: after PDFium's mark of a breaking hyphen when the next line
    goes on in the same case ("reason-/ing", "OP-/TIONAL"), after a plain hyphen when it
    goes on in lower case (keeping the hyphen when the document writes the word with one
    elsewhere: "video-/generation")."""
    text = ""
    starts: list[int] = []
    for line in lines:
        part = line.text
        if not text:
            starts.append(0)
            text = part
            continue
        head = re.search(r"(\w+)[-\x02]$", text)
        tail = re.match(r"\w+", part)
        if head and tail and _breaks_word(text[-1], head.group(1), tail.group(0)):
            joined = (head.group(1) + tail.group(0)).casefold()
            written = f"{head.group(1)}-{tail.group(0)}".casefold()
            keep = text[-1] == "-" and written in known and joined not in known
            text = text[:-1] + ("-" if keep else "")
        elif text.endswith(SOFT_HYPHEN):
            text = text[:-1] + "-"  # (a hyphen PDFium took for a break, before a number)
        elif head and part[:1].isupper():
            pass  # a compound broken at its hyphen: "Pre-/Raphaelites"
        else:
            text += " "
        starts.append(len(text))
        text += part
    return text.replace(SOFT_HYPHEN, "-"), starts


def _breaks_word(mark: str, head: str, tail: str) -> bool:
    if mark == SOFT_HYPHEN:
        return (
            head[-1].isalpha() and tail[0].isalpha() and (tail[0].islower() or head[-1].isupper())
        )
    return tail[0].islower()


def known_words(lines: list[Line]) -> set[str]:
    """Every word the document writes (hyphenated ones too), to judge line-end joins."""
    words: set[str] = set()
    for line in lines:
        words.update(w.casefold() for w in re.findall(r"\w+(?:-\w+)*", line.text))
    return words
