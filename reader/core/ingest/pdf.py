"""A PDF's text layer as an article: read with PDFium (pypdfium2), laid out in pdf_layout.

PDFium is the PDF engine of Chromium: a compiled library that reads damaged and
encrypted files without falling over and reports each run of text with its box and font,
about 20 times faster than a pure-Python reader (pdfminer.six) on the same book, which
matters for a 300-page import. Reading order, columns, joins and running heads are ours
(pdf_layout.py), so they are tested without a PDF.

Each page's place in the article's text is kept (`PAGES_KEY` in its meta: the offset
where each page starts), read into `Article.pages`, so a highlight knows its page.
"""

from __future__ import annotations

import ctypes
import html
import itertools
import re
import threading
from dataclasses import replace
from pathlib import Path

from reader.core.ingest import PAGE_LABELS_KEY, PAGES_KEY
from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.importer import ParsedDocument, make_document
from reader.core.ingest.pdf_layout import (
    SOFT_HYPHEN,
    Line,
    blocks_of,
    body_size,
    heading_kinds,
    join_lines,
    known_words,
    lines_of,
    reading_order,
    running_lines,
)
from reader.core.ingest.render import TitleBlock

MAX_PDF_BYTES = 300 * 1024 * 1024  # a book with its images; its text is far smaller
MAX_PAGES = 5000
_CAP_HEIGHT = frozenset("ABCDEFGHIKLMNOPRSTUVWXYZbdfhklt0123456789")  # no descenders
_WORD = re.compile(r"[^\s\x02\ufffe]+[\x02\ufffe]?|[\x02\ufffe]")  # (a breaking hyphen
# ends a word: PDFium runs the two halves of a hyphenated word together across lines)
_MONO_NAME = re.compile(r"mono|courier|cmtt|sftt|typewriter|consol|menlo|code|fixed", re.I)
_LOCK = threading.Lock()  # PDFium is not safe to call from two threads at once
_NOT_TITLES = ("untitled", "microsoft word", "document", "slide 1")
# PDFium's load errors (FPDF_ERR_*) in words
_LOAD_ERRORS = {
    2: "the file cannot be opened",
    3: "a damaged PDF (its structure cannot be read)",
    4: "an encrypted PDF: it needs a password",
    5: "an encrypted PDF in a format Reader cannot open",
    6: "an encrypted PDF in a format Reader cannot open",
}


def load_pdf(path: Path) -> ParsedDocument:
    """A PDF as a document; ImportRefused says why one cannot be read (a scan without
    text, encrypted, damaged)."""
    if not path.exists():
        raise ImportRefused("no such file")
    size = path.stat().st_size
    if size > MAX_PDF_BYTES:
        raise ImportRefused(f"too large: {size / 1048576:.1f} MB (the limit is 300 MB)")
    with path.open("rb") as f:
        if b"%PDF" not in f.read(1024):
            raise ImportRefused("not a PDF (it does not start as one)")
    with _LOCK:
        pages, heights, info = _read(path)
    return _as_document(pages, heights, info, path)


def _read(path: Path) -> tuple[list[list[Line]], list[float], dict]:
    import pypdfium2 as pdfium

    try:
        pdf = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as exc:
        told = _LOAD_ERRORS.get(exc.err_code or 0, "a damaged PDF")
        raise ImportRefused(told) from None
    try:
        if len(pdf) == 0:
            raise ImportRefused("a PDF with no pages")
        if len(pdf) > MAX_PAGES:
            raise ImportRefused(f"{len(pdf)} pages: more than Reader takes ({MAX_PAGES})")
        info = pdf.get_metadata_dict(skip_empty=True)
        labels = [pdf.get_page_label(n) for n in range(len(pdf))]
        if any(label != str(n) for n, label in enumerate(labels, 1)) and any(labels):
            info = {**info, PAGE_LABELS_KEY: labels}
        pages, heights, images = [], [], 0
        for n in range(len(pdf)):
            page = pdf[n]
            try:
                heights.append(page.get_height())
                pages.append(lines_of(_fragments(page, n + 1, page.get_width())))
                if not pages[-1]:
                    images += _has_image(page)
            finally:
                page.close()
    except pdfium.PdfiumError:
        raise ImportRefused("a damaged PDF (a page cannot be read)") from None
    finally:
        pdf.close()
    if sum(len(line.text) for lines in pages for line in lines) < 20:
        if images:
            raise ImportRefused("a scanned PDF: its pages are pictures with no text layer")
        raise ImportRefused("no readable text in the PDF")
    return pages, heights, info


def _fragments(page, number: int, width: float = 1e9) -> list[Line]:
    """The page's text as PDFium reads it (its characters in order, overlapping glyphs
    once, its own line breaks), cut into pieces at line breaks and, between two words,
    at a gap wider than a gutter or a step to another line; each piece with its box,
    baseline, font size and whether its font is fixed-pitch. Only the characters at the
    ends of words are measured (a tenth of the calls of measuring every one)."""
    import pypdfium2.raw as raw

    textpage = page.get_textpage()
    try:
        count = textpage.count_chars()
        text = textpage.get_text_range(0, count) if count else ""
        if len(text) != count:  # (characters outside the Basic Plane: no 1:1 indices)
            return _fragments_by_runs(textpage, number)
        found: list[Line] = []
        for line in _line_spans(text):
            words = []  # (first index, last index, first box, last box)
            for m in _WORD.finditer(text, *line):
                a, b = m.start(), m.end() - 1
                first, last = textpage.get_charbox(a), textpage.get_charbox(b)
                off_page = first[0] >= width or last[2] <= 0  # (boxes some writers get wrong)
                if (_inked(first) or _inked(last)) and not off_page:
                    words.append(
                        (a, b, first if _inked(first) else last, last if _inked(last) else first)
                    )
            piece: list = []
            for word in words:
                if piece and _apart(textpage, raw, piece[-1], word):
                    found.append(_piece(textpage, raw, text, piece, number))
                    piece = []
                piece.append(word)
            if piece:
                found.append(_piece(textpage, raw, text, piece, number))
        return found
    finally:
        textpage.close()


def _line_spans(text: str):
    """(start, end) of each line PDFium found (it ends them with a generated CR LF)."""
    start = 0
    for m in re.finditer(r"\r\n|\r|\n", text):
        yield start, m.start()
        start = m.end()
    yield start, len(text)


def _inked(box) -> bool:
    return box[2] > box[0] or box[3] > box[1]


def _apart(textpage, raw, before, word) -> bool:
    """Whether two words on one of PDFium's lines are in different places on the page: a
    gutter between them, or the second on another line."""
    _, _, _, end = before
    box = word[2]
    size = _size(textpage, raw, word[0], [box, end]) or (box[3] - box[1])
    if box[0] - end[2] > max(1.5 * size, 10.0):
        return True
    below = box[3] < end[1] or box[1] > end[3]
    return below and abs(box[1] - end[1]) > 0.7 * size


def _piece(textpage, raw, text: str, words: list, number: int) -> Line:
    first, last = words[0][0], words[-1][1]
    longest = max(words[:6], key=lambda w: w[1] - w[0])[0]  # (not a bullet, not a mark)
    # the glyphs that reach from the baseline to the cap height: their boxes give the size
    ends = [(text[w[0]], w[2]) for w in words] + [(text[w[1]], w[3]) for w in words]
    boxes = [box for char, box in ends if char in _CAP_HEIGHT] or [box for _, box in ends]
    size = _size(textpage, raw, longest, boxes) or (words[0][2][3] - words[0][2][1])
    x, y = ctypes.c_double(), ctypes.c_double()
    raw.FPDFText_GetCharOrigin(textpage.raw, first, ctypes.byref(x), ctypes.byref(y))
    line = Line(
        text[first : last + 1], words[0][2][0], y.value - 0.2 * size, words[-1][3][2],
        y.value + 0.8 * size,
    )  # fmt: skip
    sampled = {words[0][0], longest, words[-1][0]}  # code when most of the line is
    fixed = sum(_fixed_pitch(textpage, raw, i) for i in sampled)
    line.size, line.page, line.mono = size, number, fixed * 2 > len(sampled)
    return line


def _size(textpage, raw, index: int, boxes: list) -> float:
    """The font size a piece of text is set in. PDFium's figure leaves out the text
    matrix: a font set at size 1 and scaled up, as many programs write, reads 1, and one
    set large and scaled down reads 444. The glyphs' own boxes do not lie: the tallest of
    those measured (a capital or an ascender, about 0.72 of the size) gives the size when
    PDFium's figure is far from it."""
    said = float(raw.FPDFText_GetFontSize(textpage.raw, index))
    tallest = max((box[3] - box[1] for box in boxes), default=0.0)
    if tallest <= 0:
        return said
    seen = tallest / 0.72
    return said if 0.6 * seen <= said <= 1.6 * seen else seen


def _fixed_pitch(textpage, raw, index: int) -> bool:
    """Whether a character's font is fixed-pitch: by its flags, or by its name (TeX's
    and many others' typewriter fonts do not set the flag)."""
    flags = ctypes.c_int(0)
    name = ctypes.create_string_buffer(128)
    raw.FPDFText_GetFontInfo(textpage.raw, index, name, len(name), ctypes.byref(flags))
    return bool(flags.value & 1) or bool(_MONO_NAME.search(name.value.decode("latin-1")))


def _fragments_by_runs(textpage, number: int) -> list[Line]:
    """Each run of text PDFium finds on the page, with its box and font size (for a
    page whose characters do not map one to one onto its text)."""
    import pypdfium2.raw as raw

    found = []
    for n in range(textpage.count_rects()):
        x0, y0, x1, y1 = textpage.get_rect(n)
        text = textpage.get_text_bounded(x0, y0, x1, y1)
        if not text.strip():
            continue
        size = 0.0
        for x in (x0 + 1, (x0 + x1) / 2, x1 - 1):
            index = textpage.get_index(x, (y0 + y1) / 2, 2, max(2.0, (y1 - y0) / 2))
            if index is not None and index >= 0:
                size = _size(textpage, raw, index, [(x0, y0, x1, y1)])
                break
        found.append(Line(text, x0, y0, x1, y1, size or (y1 - y0), number))
    return found


def _has_image(page) -> bool:
    import pypdfium2.raw as raw

    return any(obj.type == raw.FPDF_PAGEOBJ_IMAGE for obj in page.get_objects(max_depth=2))


def _as_document(
    pages: list[list[Line]], heights: list[float], info: dict, path: Path
) -> ParsedDocument:
    running = running_lines(pages, heights)
    ordered = [  # (a page number in the gutter would hide it: running lines go first)
        line
        for lines in pages
        for line in reading_order([x for x in lines if id(x) not in running])
    ]
    body = body_size(ordered)
    kinds = heading_kinds(ordered, body)
    blocks = blocks_of(ordered, body, kinds)
    title = _title(info, blocks)
    if blocks and blocks[0].kind != "p" and _text(blocks[0]) == title:
        # the title block shows it; the headings below take the levels from h2
        rest = ordered[len(blocks[0].lines) :]
        blocks = blocks_of(rest, body, heading_kinds(rest, body))
    known = known_words(ordered)
    parts, texts, line_starts = [], [], []
    for block in blocks:
        if block.kind == "pre":
            rows = _indented(block.lines)
            text = "\n".join(rows)
            starts = list(itertools.accumulate([0] + [len(row) + 1 for row in rows[:-1]]))
        else:
            text, starts = join_lines(block.lines, known)
        tag = block.kind
        parts.append(f"<{tag}>{html.escape(text, quote=False)}</{tag}>")
        texts.append(text)
        line_starts.append(starts)
    authors = tuple(a.strip() for a in info.get("Author", "").split(";") if a.strip())
    doc = make_document(
        TitleBlock(title, authors),
        "".join(parts),
        "pdf",
        "\n\n".join(texts),
        path.stem.replace("_", " "),
        str(path.absolute()),
    )
    starts = _page_starts(doc.plain_text, blocks, texts, line_starts, len(pages))
    meta = {**doc.meta, PAGES_KEY: starts}
    if PAGE_LABELS_KEY in info:
        meta[PAGE_LABELS_KEY] = info[PAGE_LABELS_KEY]
    return replace(doc, meta=meta)


def _indented(lines: list[Line]) -> list[str]:
    """Fixed-pitch lines with their indentation (PDFium gives the text from its first
    mark): a character is 0.6 of the font size wide in the usual typewriter fonts."""
    left = min(line.x0 for line in lines)
    return [
        " " * round((line.x0 - left) / (0.6 * line.size)) + line.text.replace(SOFT_HYPHEN, "-")
        for line in lines
    ]


def _text(block) -> str:
    return " ".join(line.text for line in block.lines)


def _title(info: dict, blocks) -> str:
    """The document's own title, unless it is a placeholder; else the first page's
    largest line."""
    title = " ".join(info.get("Title", "").split())
    if title and not title.casefold().startswith(_NOT_TITLES) and not title.endswith(".pdf"):
        return title
    first = [b for b in blocks if b.page == blocks[0].page] if blocks else []
    headings = [b for b in first if b.kind != "p"]
    if headings:
        return _text(max(headings, key=lambda b: b.size))
    return ""


def _page_starts(
    plain: str, blocks, texts: list[str], line_starts: list[list[int]], count: int
) -> list[int]:
    """Where each page starts in the article's text (a page with no text starts where
    the next one does)."""
    starts: list[int | None] = [None] * count
    cursor = 0
    for block, text, offsets in zip(blocks, texts, line_starts, strict=True):
        at = plain.find(text[:80], cursor)
        if at < 0:
            continue
        cursor = at
        for line, offset in zip(block.lines, offsets, strict=True):
            if starts[line.page - 1] is None:
                starts[line.page - 1] = at + offset
    filled, following = [], len(plain)
    for start in reversed(starts):
        following = start if start is not None else following
        filled.append(following)
    filled.reverse()
    return [0, *filled[1:]]
