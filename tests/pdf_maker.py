"""Small PDFs made in the tests: lines of text placed on pages, in the standard fonts.

Enough of the format for a text layer a PDF reader extracts as real ones are: one
content stream per page, Helvetica (regular and bold) by name, each line a `Tj` at a
position. Options make what the import must cope with: two columns, running headers and
page numbers, words hyphenated at line ends, no text at all (a "scan"), an encryption
dictionary, a damaged file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

PAGE_W, PAGE_H = 612, 792


@dataclass
class Line:
    text: str
    x: float
    y: float
    size: float = 11
    bold: bool = False
    mono: bool = False  # Courier


@dataclass
class Page:
    lines: list[Line] = field(default_factory=list)
    picture: bool = False  # a grey picture over the page, as a scanner makes

    def add(
        self, text: str, x: float, y: float, size: float = 11, bold: bool = False, mono=False
    ) -> None:
        self.lines.append(Line(text, x, y, size, bold, mono))


def _escape(text: str) -> bytes:
    data = text.encode("cp1252")
    return data.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)")


def _content(page: Page) -> bytes:
    parts = [b"q 540 0 0 720 36 36 cm /Im1 Do Q"] if page.picture else []
    for line in page.lines:
        font = b"/F3" if line.mono else b"/F2" if line.bold else b"/F1"
        parts.append(
            b"BT %s %g Tf %g %g Td (%s) Tj ET"
            % (font, line.size, line.x, line.y, _escape(line.text))
        )
    return b"\n".join(parts)


def pdf_bytes(
    pages: list[Page],
    title: str = "",
    author: str = "",
    encrypted: bool = False,
    roman_pages: int = 0,
) -> bytes:
    """A whole PDF file of these pages (with an Info dictionary when given a title;
    with `roman_pages`, the first ones numbered i, ii, … and the rest from 1)."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    catalog = add(b"")  # filled in below
    pages_id = add(b"")
    font1 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>"
    )
    font2 = add(
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>"
    )
    font3 = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Courier /Encoding /WinAnsiEncoding >>")
    image = add(
        b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
        b"/BitsPerComponent 8 /Length 4 >>\nstream\n\x80\x90\xa0\xb0\nendstream"
    )
    kids = []
    for page in pages:
        stream = _content(page)
        content = add(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 %d %d] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R /F3 %d 0 R >> "
                b"/XObject << /Im1 %d 0 R >> >> >>"
                % (pages_id, PAGE_W, PAGE_H, content, font1, font2, font3, image)
            )
        )
    labels = b""
    if roman_pages:
        labels = b" /PageLabels << /Nums [0 << /S /r >> %d << /S /D >>] >>" % roman_pages
    objects[catalog - 1] = b"<< /Type /Catalog /Pages %d 0 R%s >>" % (pages_id, labels)
    objects[pages_id - 1] = b"<< /Type /Pages /Kids [%s] /Count %d >>" % (
        b" ".join(b"%d 0 R" % k for k in kids),
        len(kids),
    )
    info = None
    if title or author:
        info = add(b"<< /Title (%s) /Author (%s) >>" % (_escape(title), _escape(author)))
    encrypt = None
    if encrypted:  # a user password nobody here knows (RC4, revision 2)
        o = os.urandom(32).hex().encode()
        u = os.urandom(32).hex().encode()
        encrypt = add(
            b"<< /Filter /Standard /V 1 /R 2 /O <%s> /U <%s> /P -44 /Length 40 >>" % (o, u)
        )
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for n, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n%s\nendobj\n" % (n, body)
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    trailer = b"/Size %d /Root %d 0 R" % (len(objects) + 1, catalog)
    if info:
        trailer += b" /Info %d 0 R" % info
    if encrypt:
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (encrypt, b"ab" * 16, b"ab" * 16)
    out += b"trailer\n<< %s >>\nstartxref\n%d\n%%%%EOF\n" % (trailer, xref)
    return bytes(out)


def write_pdf(path: Path, pages: list[Page], **kwargs) -> Path:
    path.write_bytes(pdf_bytes(pages, **kwargs))
    return path


def wrap(words: list[str], width: int) -> list[str]:
    """Words into lines of at most `width` characters."""
    lines, line = [], ""
    for word in words:
        if line and len(line) + 1 + len(word) > width:
            lines.append(line)
            line = word
        else:
            line = f"{line} {word}".strip()
    if line:
        lines.append(line)
    return lines


def column_pages(
    paragraphs: list[str],
    columns: int = 1,
    header: str = "",
    numbers: bool = False,
    heading: str = "",
    hyphenate: bool = False,
) -> list[Page]:
    """Paragraphs set in one or two columns over as many pages as they need.

    With `hyphenate`, a long word at a line's end is broken with a hyphen.
    """
    width = (90 if columns == 1 else 42) - (8 if hyphenate else 0)  # room for a half word
    col_x = [72.0] if columns == 1 else [72.0, 320.0]
    top, bottom, leading = 700.0, 90.0, 14.0
    lines: list[str | None] = []  # None: the gap between paragraphs
    for paragraph in paragraphs:
        for line in wrap(paragraph.split(), width):
            lines.append(line)
        lines.append(None)
    if hyphenate:
        lines = _hyphenated(lines, width)
    pages: list[Page] = []
    page, col, y = None, 0, top
    for line in lines:
        if page is None or y < bottom:
            if page is None or col == len(col_x) - 1:
                page = Page()
                pages.append(page)
                col, y = 0, top
                if heading and len(pages) == 1:
                    page.add(heading, 72, 740, size=20, bold=True)
            else:
                col, y = col + 1, top
        if line is not None:
            page.add(line, col_x[col], y)
        y -= leading
    for n, p in enumerate(pages, 1):
        if header:
            p.add(header, 72, 760, size=9)
        if numbers:
            p.add(str(n), PAGE_W / 2, 50, size=9)
    return pages


def _hyphenated(lines: list[str | None], width: int) -> list[str | None]:
    """Break the first word of each following line across the line end, as typesetters do."""
    out = list(lines)
    for i in range(len(out) - 1):
        line, following = out[i], out[i + 1]
        if line is None or following is None:
            continue
        head, _, tail = following.partition(" ")
        if len(head) >= 8 and head.isalpha() and tail:
            cut = len(head) // 2
            out[i] = f"{line} {head[:cut]}-"
            out[i + 1] = f"{head[cut:]} {tail}"
    return out
