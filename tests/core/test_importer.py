"""Importing Markdown, text and HTML; every bad input is refused clearly."""

from __future__ import annotations

import pytest

from reader.core.ingest.importer import MAX_BYTES, ImportRefused, decode, load
from tests.conftest import CORPUS


def test_markdown_front_matter_gives_title_authors_publication():
    doc = load(CORPUS / "tricky.md")
    assert doc.title == "Tricky Markdown"
    assert doc.authors == ("Ada Lovelace", "Alan Turing")
    assert doc.publication == "Test Quarterly"
    assert doc.published_at == "2024-03-01"
    assert doc.plain_text.count("Tricky Markdown") == 1  # the heading is not repeated
    assert "<table>" in doc.html and "<pre>" in doc.html and "<blockquote>" in doc.html


def test_markdown_first_heading_is_the_title_without_front_matter(tmp_path):
    path = tmp_path / "x.md"
    path.write_text("# Heading Title\n\nBody text here.\n", encoding="utf-8")
    doc = load(path)
    assert doc.title == "Heading Title"
    assert doc.plain_text == "Heading Title\nBody text here."


def test_text_file_title_is_its_first_line_when_that_stands_alone_and_paragraphs_are_kept():
    doc = load(CORPUS / "notes.txt")
    assert doc.title == "A plain text note"
    assert doc.plain_text.count("A plain text note") == 1  # the title is not repeated
    assert "This is the first paragraph of a plain text file. It continues" in doc.plain_text
    assert doc.html.count("<p>") == 2


@pytest.mark.parametrize(
    "text, title",
    [
        ("Garden notes\r\n\r\nTomatoes went in late this year.\r\n", "Garden notes"),
        ("\ufeffGarden notes\nTomatoes went in late.\nBeans did well.\n", "Garden notes"),
        ("Is video the next language?\n\nPerhaps.\n", "Is video the next language?"),
        ("Tomatoes went in late.\n\nBeans did well.\n", "garden"),  # a sentence
        ("Garden notes\nand more of the same paragraph\n\nNext one.\n", "garden"),
        ("Our plans for the garden:\n\nTomatoes.\n", "garden"),  # a clause leads on
        ("Garden notes\n", "garden"),  # nothing below it: the text, not its title
        (" ".join(["word"] * 30) + "\n\nBody.\n", "garden"),  # too long for a title
    ],
)
def test_text_file_title_is_the_file_name_unless_the_first_line_reads_as_a_title(
    tmp_path, text, title
):
    path = tmp_path / "garden.txt"
    path.write_text(text, encoding="utf-8")
    doc = load(path)
    assert doc.title == title
    assert doc.plain_text.split("\n")[0] == title  # the header shows it once
    assert doc.plain_text.count("Garden notes") == (1 if "Garden notes" in text else 0)


def test_the_header_shows_the_date_of_any_article_that_has_one(tmp_path):
    path = tmp_path / "dated.md"
    path.write_text(
        "---\ntitle: Dated\npublication: Test Quarterly\ndate: 2026-03-04\n---\nBody.\n",
        encoding="utf-8",
    )
    assert "TEST QUARTERLY · 4 MARCH 2026" in load(path).plain_text.upper()
    path.write_text("---\ntitle: Undated\npublication: Test Quarterly\n---\nBody.\n", "utf-8")
    assert "Test Quarterly\nBody." in load(path).plain_text
    from reader.core.ingest.bundled import load_bundled  # the day is not known: its month

    assert "Intelligent Emergence · November 2025" in load_bundled().plain_text


def test_hostile_html_is_reduced_to_the_article_and_sanitised():
    doc = load(CORPUS / "hostile.html")
    assert doc.title == "The Real Article"
    html = doc.html.lower()
    for bad in (
        "<script",
        "onclick",
        "onload",
        "onmouseover",
        "javascript:",
        "<iframe",
        "<img",
        "<form",
        "<style",
        "evil.example",
        "tracker.example",
        "<link",
    ):
        assert bad not in html, bad
    assert 'href="https://example.org/page"' in doc.html
    text = doc.plain_text
    assert "Site header chrome" not in text and "Copyright chrome" not in text
    assert "Home" not in text and "Related links" not in text
    assert "Third paragraph & entities é é." in text
    assert text.count("The Real Article") == 1


def test_title_falls_back_to_html_title_then_file_name(tmp_path):
    page = tmp_path / "page.html"
    page.write_text("<html><head><title>Only Title</title></head><body><p>x y</p></body></html>")
    assert load(page).title == "Only Title"
    bare = tmp_path / "bare_name.html"
    bare.write_text("<p>Just a paragraph.</p>")
    assert load(bare).title == "bare name"


def test_windows_1252_text_is_decoded_as_a_browser_would(tmp_path):
    path = tmp_path / "legacy.txt"
    path.write_bytes("Caf\u00e9 cr\u00e8me \u2014 d\u00e9j\u00e0 vu".encode("cp1252"))
    assert "Café crème — déjà vu" in load(path).plain_text


def test_declared_charset_is_honoured(tmp_path):
    path = tmp_path / "koi.html"
    body = "<html><head><meta charset='koi8-r'></head><body><p>Привет мир</p></body></html>"
    path.write_bytes(body.encode("koi8-r"))
    assert "Привет мир" in load(path).plain_text


def test_utf16_with_bom(tmp_path):
    path = tmp_path / "wide.txt"
    path.write_bytes("Hello wide world".encode("utf-16"))
    assert "Hello wide world" in load(path).plain_text


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("binary.md", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)), "binary"),
        ("empty.md", b"", "empty"),
        ("blank.txt", b"   \n\n  ", "empty"),
        ("undecodable.txt", b"abc \x81\x8d\x8f\x90\x9d def", "not valid UTF-8"),
        ("noise.txt", bytes([1, 2, 3, 4, 5, 6, 7, 8, 11, 14, 15, 16, 17, 18]) * 50, "binary"),
        ("scripts.html", b"<script>alert(1)</script><style>x{}</style>", "no readable text"),
        ("data.pdf", b"%PDF-1.4", "a damaged PDF"),
        ("data.docx", b"PK\x03\x04", "unsupported file type"),
        ("list.csv", b"name,count\nx,1\n", "a CSV that is none of those Reader reads"),
        ("data.json", b'{"x": 1}', "a JSON file that is none of those Reader reads"),
    ],
)
def test_bad_files_are_refused_with_the_reason(tmp_path, name, content, reason):
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ImportRefused, match=reason):
        load(path)


def test_missing_path_and_folder_are_refused(tmp_path):
    with pytest.raises(ImportRefused, match="no such file"):
        load(tmp_path / "nope.md")
    with pytest.raises(ImportRefused, match="folder"):
        load(tmp_path)


def test_huge_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "huge.md"
    with path.open("wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: no need to write 20 MB
    with pytest.raises(ImportRefused, match="too large"):
        load(path)


def test_utf8_bom_is_stripped():
    assert decode(b"\xef\xbb\xbfhello", "text") == "hello"


def test_a_long_statement_is_clipped_at_a_word_with_an_ellipsis():
    from reader.core.text import clip_words

    sentence = "Executives expect that audiences will stop asking for it by 2027 because"
    assert clip_words(sentence, 40) == "Executives expect that audiences will…"
    assert clip_words("short", 40) == "short"
    assert len(clip_words("x" * 300, 200)) == 200


def test_a_passage_is_shown_in_one_kind_of_quote_marks():
    from reader.core.text import quoted

    assert quoted('"By 2026, it won\'t be enough."') == "“By 2026, it won't be enough.”"
    assert quoted('"It won\'t be enough," he said.') == "“‘It won't be enough,’ he said.”"
    assert quoted("He said “no” and “yes”.") == "“He said ‘no’ and ‘yes’.”"
    assert quoted("plain words ") == "“plain words”"


def test_a_byline_under_the_title_names_the_authors(session, tmp_path):
    md = tmp_path / "essay.md"
    md.write_text("# Studios and AI\n\n*By Jane Doe and Tom Park*\n\nThe essay begins.\n")
    text = tmp_path / "interview.txt"
    text.write_text(
        "An interview\nText by Fu Chong, Zhou Xinyu · Edited by Su Jianxun\n\nIt begins.\n"
    )
    plain = tmp_path / "notes.txt"
    plain.write_text("Notes\n\nBy the end of 2027, prices will rise.\n")
    authors = [
        session.library.get(session.library.import_file(p)).authors for p in (md, text, plain)
    ]
    assert authors == [("Jane Doe", "Tom Park"), ("Fu Chong", "Zhou Xinyu"), ()]
