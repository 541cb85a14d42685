"""PDF import: the text layer in reading order (columns apart, running heads and page
numbers dropped, words broken at line ends joined), headings from font size, title and
author, each page's place kept; scans, encrypted and damaged files refused whole."""

from __future__ import annotations

import random

import pytest

from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.pdf import load_pdf
from reader.core.ingest.pdf_layout import Line, join_lines, lines_of, reading_order
from tests.pdf_maker import Page, column_pages, pdf_bytes, write_pdf

WORDS = [
    "reasoning",
    "generation",
    "consistency",
    "physical",
    "model",
    "video",
    "frames",
    "camera",
    "world",
    "understanding",
    "multimodal",
    "commercialization",
    "enterprise",
    "creators",
    "studios",
    "pipeline",
    "temporal",
    "coherence",
    "simulation",
    "prediction",
    "training",
    "data",
    "scale",
    "compute",
]


def paragraphs(count: int, seed: int = 7) -> list[str]:
    """Paragraphs of 40 to 120 words, each opening with its number so order shows."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        words = [rng.choice(WORDS) for _ in range(rng.randint(40, 120))]
        out.append(f"Paragraph{n} " + " ".join(words) + ".")
    return out


def test_one_column_with_running_heads_reads_as_written(tmp_path):
    paras = paragraphs(30)
    pages = column_pages(paras, header="Journal of Moving Images", numbers=True)
    assert len(pages) >= 4
    doc = load_pdf(write_pdf(tmp_path / "one.pdf", pages, title="On Video", author="Ann Bee"))
    assert doc.title == "On Video" and doc.authors == ("Ann Bee",)
    body = doc.plain_text.split("\n")
    assert [line for line in body if line.startswith("Paragraph")] == paras
    assert "Journal of Moving Images" not in doc.plain_text
    assert not any(line.strip().isdigit() for line in body)  # page numbers gone


def test_two_columns_are_read_left_then_right_page_by_page(tmp_path):
    paras = paragraphs(24, seed=3)
    pages = column_pages(paras, columns=2, header="Proceedings", numbers=True)
    assert len(pages) >= 3
    doc = load_pdf(write_pdf(tmp_path / "two.pdf", pages, title="Two Columns"))
    assert [line for line in doc.plain_text.split("\n") if line.startswith("Paragraph")] == paras


def test_words_broken_at_line_ends_are_joined(tmp_path):
    paras = paragraphs(12, seed=5)
    pages = column_pages(paras, columns=2, hyphenate=True)
    made = "\n".join(line.text for page in pages for line in page.lines)
    assert made.count("-\n") >= 10  # the file really breaks words
    doc = load_pdf(write_pdf(tmp_path / "hyphens.pdf", pages, title="Hyphens"))
    assert [line for line in doc.plain_text.split("\n") if line.startswith("Paragraph")] == paras


def test_a_hyphen_the_document_writes_elsewhere_stays():
    known = {"video-generation", "video", "generation", "reasoning"}
    lines = [
        Line("the video-", 72, 700, 200, 710, 11),
        Line("generation model", 72, 686, 200, 696, 11),
    ]
    assert join_lines(lines, known)[0] == "the video-generation model"
    lines = [Line("the reason-", 72, 700, 200, 710, 11), Line("ing model", 72, 686, 200, 696, 11)]
    assert join_lines(lines, known)[0] == "the reasoning model"


def test_headings_from_font_size_and_title_from_the_first_page(tmp_path):
    paras = paragraphs(6, seed=9)
    pages = column_pages(paras, heading="The Convergence of Video Models")
    pages[0].lines.insert(1, pages[0].lines[0].__class__("Methods", 72, 718, 14, True))
    doc = load_pdf(write_pdf(tmp_path / "no-title.pdf", pages))  # no metadata: the page's
    assert doc.title == "The Convergence of Video Models"
    assert "<h2>Methods</h2>" in doc.html
    assert doc.html.count("The Convergence of Video Models") == 1  # once, as the title


def test_each_page_keeps_its_place_so_a_highlight_knows_its_page(session, tmp_path):
    paras = paragraphs(30)
    pages = column_pages(paras, header="Journal", numbers=True)
    path = write_pdf(tmp_path / "paged.pdf", pages, title="Paged")
    report = session.library.import_paths([path])
    article = session.library.get(report.imported[0].id)
    assert len(article.pages) == len(pages)
    for number, page in enumerate(pages, 1):
        first = next(line.text for line in page.lines if line.text.startswith("Paragraph"))
        offset = article.plain_text.index(first)
        assert article.page_at(offset) == str(number)
        assert article.page_at(offset + len(first) - 1) == str(number)
    assert article.page_at(0) == "1"
    assert session.library.get(report.imported[0].id).content_format == "pdf"


def test_reading_order_keeps_a_spanning_title_above_its_columns():
    title = Line("A title across both columns", 72, 740, 540, 760, 20)
    left = [Line(f"left {n}", 72, 700 - 14 * n, 290, 710 - 14 * n, 11) for n in range(5)]
    right = [Line(f"right {n}", 320, 700 - 14 * n, 540, 710 - 14 * n, 11) for n in range(5)]
    ordered = reading_order([*right, *left, title])
    assert [line.text for line in ordered] == [title.text] + [x.text for x in left + right]


def test_a_dash_with_a_thin_box_stays_in_its_line():
    words = Line("The comments begin with ", 90, 622, 351, 632, 10.9)
    dash = Line("--", 356, 627, 366, 628, 10.9)  # a box a point high, above the bottom
    rest = Line(" and end with another", 371, 624, 503, 632, 10.9)
    assert [line.text for line in lines_of([dash, rest, words])] == [
        "The comments begin with -- and end with another"
    ]


@pytest.mark.parametrize(
    ("make", "told"),
    [
        (lambda: pdf_bytes([Page(picture=True), Page(picture=True)]), "scanned"),
        (lambda: pdf_bytes(column_pages(paragraphs(3)), encrypted=True), "encrypted"),
        (lambda: pdf_bytes(column_pages(paragraphs(3)))[:300], "damaged"),
        (lambda: b"%PDF-1.4\n" + bytes(range(256)) * 40, "damaged"),
        (lambda: pdf_bytes([Page()]), "no readable text"),
        (lambda: b"<html>not a pdf</html>", "not a PDF"),
    ],
)
def test_bad_pdfs_are_refused_with_a_reason_and_nothing_is_added(session, tmp_path, make, told):
    path = tmp_path / "bad.pdf"
    path.write_bytes(make())
    with pytest.raises(ImportRefused, match=told):
        load_pdf(path)
    before = len(session.library.summaries())
    report = session.library.import_paths([path])
    assert not report.imported and told in report.failed[0].reason
    assert len(session.library.summaries()) == before


def test_a_contents_page_reads_one_entry_a_line_without_its_dots(tmp_path):
    page = Page()
    entries = [("1 Introduction", 1), ("2 Structure handling", 2), ("2.1 Syntax", 2)]
    for n, (entry, number) in enumerate(entries):
        page.add(f"{entry} {'. ' * 30}{number}", 72, 700 - 14 * n)
    page.add("Some text under the contents to read.", 72, 600)
    doc = load_pdf(write_pdf(tmp_path / "contents.pdf", [page], title="Manual"))
    assert doc.plain_text.split("\n")[1:4] == [f"{e} … {n}" for e, n in entries]


def test_a_heading_across_the_gutter_does_not_interleave_the_columns(tmp_path):
    page = Page()
    page.add("A Heading Across Both Of The Columns", 72, 740, size=18, bold=True)
    for n in range(20):
        page.add(f"Left{n} alpha beta gamma delta epsilon.", 72, 700 - 14 * n)
        page.add(f"Right{n} one two three four five six.", 330, 700 - 14 * n)
    doc = load_pdf(write_pdf(tmp_path / "heading.pdf", [page], title="Columns"))
    words = [w for w in doc.plain_text.split() if w.startswith(("Left", "Right"))]
    assert words == [f"Left{n}" for n in range(20)] + [f"Right{n}" for n in range(20)]


def test_glyphs_drawn_twice_read_once_and_code_keeps_its_lines(tmp_path):
    page = Page()
    page.add("Bold by drawing twice", 72, 700, bold=True)  # as "poor man's bold" does
    page.add("Bold by drawing twice", 72.4, 700, bold=True)
    page.add("Some plain text follows the heading and ends here.", 72, 680)
    page.add("def main():", 72, 650, mono=True)
    page.add("    return 42", 72, 638, mono=True)
    page.add("Back to prose after the code, which ends.", 72, 610)
    doc = load_pdf(write_pdf(tmp_path / "code.pdf", [page], title="Code"))
    assert doc.plain_text.count("Bold by drawing twice") == 1
    assert "<pre>def main():\n    return 42</pre>" in doc.html


def test_pdfiums_marks_of_a_breaking_hyphen_join_words_of_either_case():
    def joined(first: str, second: str) -> str:
        lines = [Line(first, 72, 700, 200, 710, 11), Line(second, 72, 686, 200, 696, 11)]
        return join_lines(lines, set())[0]

    assert joined("an OP\x02", "TIONAL field") == "an OPTIONAL field"
    assert (
        joined("the reason\ufffe".replace("\ufffe", "\x02"), "ing model") == "the reasoning model"
    )
    assert joined("page 12\x02", "14 of it") == "page 12-14 of it"
    assert joined("the Pre-", "Raphaelites") == "the Pre-Raphaelites"


def test_a_bullet_set_a_little_lower_stays_with_its_item():
    bullet = Line("•", 100, 322, 104, 326, 10.9)
    item = Line("INTEGER;", 112, 319, 152, 328, 10.9)
    nxt = Line("•", 100, 306, 104, 310, 10.9)
    item2 = Line("ENUMERATED;", 112, 303, 168, 312, 10.9)
    assert [x.text for x in lines_of([item2, bullet, nxt, item])] == ["• INTEGER;", "• ENUMERATED;"]


def test_a_pdf_that_numbers_its_own_pages_is_quoted_by_those_numbers(session, tmp_path):
    pages = column_pages(paragraphs(30), header="Journal", numbers=True)
    path = tmp_path / "labelled.pdf"
    path.write_bytes(pdf_bytes(pages, title="Labelled", roman_pages=2))
    article = session.library.get(session.library.import_paths([path]).imported[0].id)
    firsts = [next(x.text for x in p.lines if x.text.startswith("Paragraph")) for p in pages[:4]]
    found = [article.page_at(article.plain_text.index(first)) for first in firsts]
    assert found == ["i", "ii", "1", "2"]


def test_columns_above_full_width_text_and_a_page_number_in_the_gutter(tmp_path):
    page = Page()
    for n in range(10):
        page.add(f"Left{n} alpha beta gamma delta.", 72, 700 - 14 * n)
        page.add(f"Right{n} one two three four.", 330, 700 - 14 * n)
    page.add("Below the columns a line runs across the whole width of the page.", 72, 520)
    page.add("A short centred line", 230, 500)  # crosses the gutter, narrower than a column
    page.add("7", 300, 40, size=9)  # the page number, in the gutter
    doc = load_pdf(write_pdf(tmp_path / "mixed.pdf", [page], title="Mixed"))
    words = [w for w in doc.plain_text.split() if w.startswith(("Left", "Right"))]
    assert words == [f"Left{n}" for n in range(10)] + [f"Right{n}" for n in range(10)]
    assert doc.plain_text.rstrip().endswith("A short centred line")
    assert "\n7" not in doc.plain_text


def test_a_font_scaled_by_the_text_matrix_has_its_real_size(tmp_path):
    content = (
        b"BT /F2 1 Tf 24 0 0 24 72 720 Tm (A Heading Set at Size One) Tj ET\n"
        b"BT /F1 1 Tf 11 0 0 11 72 690 Tm (Body text set the same way, at size one, "
        b"scaled by the matrix to eleven points.) Tj ET\n"
        b"BT /F1 1 Tf 11 0 0 11 72 676 Tm (A second line of the body goes on here.) Tj ET"
    )
    data = pdf_bytes([Page()]).replace(
        b"<< /Length 0 >>\nstream\n\nendstream",
        b"<< /Length %d >>\nstream\n%s\nendstream" % (len(content), content),
    )
    path = tmp_path / "matrix.pdf"
    path.write_bytes(data)
    doc = load_pdf(path)
    assert doc.title == "A Heading Set at Size One"
    assert "eleven points. A second line of the body goes on here." in doc.plain_text


def test_a_chapter_numbered_in_large_roman_numerals_is_not_a_page_number(tmp_path):
    pages = column_pages(paragraphs(6), numbers=True)
    pages[0].add("IV", 72, 745, size=24, bold=True)  # the chapter's number, at the top
    doc = load_pdf(write_pdf(tmp_path / "chapter.pdf", pages, title="Chapters"))
    assert "IV" in doc.plain_text.split("\n")
    assert not any(line.strip().isdigit() for line in doc.plain_text.split("\n"))
