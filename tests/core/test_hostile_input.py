"""Hostile input stays cheap: nesting, giant words and paragraphs, lines with no end mark,
books that expand past their limits or lie about their sizes. Each sample would take
minutes or gigabytes if the bound it tests were gone."""

from __future__ import annotations

import random
import re
import zipfile

import pytest

from reader.core.ingest.bounds import MAX_DEPTH, MAX_PARAGRAPH, MAX_WORD, flatten_deep
from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.epub import load_epub
from reader.core.ingest.importer import parse
from reader.core.ingest.web_import import from_clipboard
from reader.core.predictions.detector import detect
from reader.core.text import sentences
from tests.core.test_epub import CH1, CH2, CONTAINER, OPF


def deepest(html: str) -> int:
    depth = top = 0
    for closing in re.findall(r"<(/?)(?:div|b|blockquote|span)\b", html):
        depth = depth - 1 if closing else depth + 1
        top = max(top, depth)
    return top


@pytest.mark.parametrize(
    ("html", "word", "count"),
    [
        ("<div>words " * 100_000, "words", 100_000),  # unclosed
        ("<div>" * 100_000 + "words" + "</div>" * 100_000, "words", 1),
        ("<p>" + "<b>bold " * 100_000 + "</p>", "bold", 100_000),
        ("<blockquote>quoted " * 50_000, "quoted", 50_000),
    ],
)
def test_deep_nesting_is_flattened_and_its_text_kept(html, word, count):
    doc = from_clipboard("Deep nesting", html)  # the path that keeps a fragment whole
    assert deepest(doc.html) <= MAX_DEPTH
    assert doc.plain_text.count(word) == count


def test_flattening_leaves_ordinary_html_alone():
    html = (
        "<article><h2>A</h2><p>one <b>two</b> <i>three</i></p><ul><li>x<li>y</ul>"
        "<table><tr><td>1<td>2<tr><td>3</table><p>a<p>b<p>c</article>"
    )
    assert flatten_deep(html) == html
    sloppy = "<p>unclosed paragraph " * 5000  # implied ends: never deep
    assert flatten_deep(sloppy) == sloppy


def test_a_giant_word_and_a_giant_paragraph_are_broken_for_layout():
    doc = parse("x" * 3_000_000, "text", "One word")
    words = doc.plain_text.replace("\u200b", " ").split()
    assert max(len(w) for w in words) <= MAX_WORD
    lines = doc.plain_text.replace("\u200b", "").split("\n")  # (the breaks not counted)
    assert max(len(line) for line in lines) <= MAX_PARAGRAPH
    assert doc.plain_text.replace("\u200b", "").replace("\n", "").endswith("x" * 1000)
    long = parse("word " * 400_000, "text", "One paragraph")
    assert max(len(line) for line in long.plain_text.split("\n")) <= MAX_PARAGRAPH
    assert long.plain_text.count("word") == 400_000
    normal = parse("A normal paragraph. " * 50, "text", "Normal")
    assert "\u200b" not in normal.plain_text and normal.plain_text.count("\n") == 1


def test_lines_without_an_end_mark_are_read_in_one_pass():
    """A sentence is a run up to . ! ? (or the text's end); 400 KB of lines without one
    took minutes when the pattern backed off each line one character at a time."""
    text = ("the model will improve next year and prices fall " * 1000 + "\n") * 8
    [(start, end)] = sentences(text)  # only the last line: it ends the text
    assert start == text.rindex("\n", 0, len(text) - 1) + 1 and end == len(text) - 2
    assert len(detect(text)) <= 1
    lines = "The first line ends.\nthis one has no end mark\nAnd the last one does!"
    assert [lines[s:e] for s, e in sentences(lines)] == [
        "The first line ends.",
        "And the last one does!",
    ]


def test_a_book_over_its_limit_once_unpacked_is_refused(tmp_path):
    rng = random.Random(7)
    vocabulary = [f"word{n}" for n in range(20_000)]
    text = " ".join(rng.choices(vocabulary, k=150_000))  # 1.2 MB that does not compress much
    big = f"<html><body><h1>Big</h1><p>{text}</p></body></html>"
    path = tmp_path / "big.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        many = "".join(f'<item id="c{i}" href="c{i}.xhtml"/>' for i in range(20))
        spine = "".join(f'<itemref idref="c{i}"/>' for i in range(20))
        opf = OPF.replace(
            '<item id="c1" href="ch1.xhtml"/><item id="c2" href="text/ch2.xhtml"/>', many
        )
        opf = opf.replace('<itemref idref="c1"/><itemref idref="c2"/>', spine)
        book.writestr("OEBPS/content.opf", opf)
        for i in range(20):
            book.writestr(f"OEBPS/c{i}.xhtml", big)  # 1.2 MB each, 24 MB of text in all
    assert path.stat().st_size < 20 * 1024 * 1024  # (under the limit on disk)
    with pytest.raises(ImportRefused, match="larger than 20 MB once unpacked"):
        load_epub(path)


def test_a_zip_entry_that_lies_about_its_size_costs_no_more_than_the_limit(tmp_path, monkeypatch):
    """Entries are counted as they are unpacked, not by what the zip's directory claims:
    with the directory's claims believed (the archive check passed), a 150 MB entry
    still stops at the limit."""
    import reader.core.ingest.epub as epub

    path = tmp_path / "liar.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", OPF)
        book.writestr("OEBPS/ch1.xhtml", b"<p>" + b"a" * (150 * 1024 * 1024))
        book.writestr("OEBPS/text/ch2.xhtml", CH2)
    monkeypatch.setattr(epub, "_check_archive", lambda book: None)  # the claims believed
    with pytest.raises(ImportRefused, match="zip bomb"):
        load_epub(path)


def test_per_chapter_duplicates_are_reported_as_what_happened(session, tmp_path):
    path = tmp_path / "twice.epub"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        opf = OPF.replace("</manifest>", '<item id="c3" href="ch3.xhtml"/></manifest>')
        opf = opf.replace("</spine>", '<itemref idref="c3"/></spine>')
        book.writestr("OEBPS/content.opf", opf)
        book.writestr("OEBPS/ch1.xhtml", CH1)
        book.writestr("OEBPS/text/ch2.xhtml", CH2)
        book.writestr("OEBPS/ch3.xhtml", CH1)  # the first chapter again
    report = session.library.import_paths([path], per_chapter=True)
    assert len(report.imported) == 2 and len(report.duplicates) == 1
    assert "already in the library" in report.duplicates[0].reason
    assert len(session.library.summaries()) == 3  # the interview and the two chapters


def mhtml(parts: int, nested: int = 0) -> bytes:
    head = b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="B0"\r\n\r\n'
    body = [head]
    for level in range(1, nested + 1):
        body.append(
            b'--B%d\r\nContent-Type: multipart/related; boundary="B%d"\r\n\r\n' % (level - 1, level)
        )
    page = b"<html><body><article><h1>Saved</h1><p>A saved page with words.</p></article>"
    body.append(b"--B%d\r\nContent-Type: text/html\r\n\r\n%s</body></html>\r\n" % (nested, page))
    for _ in range(parts):
        body.append(b"--B%d\r\nContent-Type: image/png\r\n\r\nx\r\n" % nested)
    body.append(b"--B%d--\r\n" % nested)
    return b"".join(body)


def test_mhtml_with_too_many_or_too_deep_parts_is_refused_before_parsing(tmp_path):
    from reader.core.ingest.mhtml import read_mhtml

    page, _ = read_mhtml(mhtml(300))  # a page with its images
    assert "A saved page" in page
    with pytest.raises(ImportRefused, match="more than 5,000 parts"):
        read_mhtml(mhtml(200_000))
    with pytest.raises(ImportRefused, match="nests its parts too deeply"):
        read_mhtml(mhtml(1, nested=3000))
