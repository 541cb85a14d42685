"""An article's outline: headings placed in the canonical text, and contents lines."""

from __future__ import annotations

from reader.core.ingest.bundled import load_bundled
from reader.core.ingest.epub import load_epub
from reader.core.ingest.importer import load
from reader.core.library.outline import contents_entries, outline, section_at
from tests.core.test_epub import make_epub


def test_the_interview_has_its_title_and_two_sections():
    doc = load_bundled()
    sections = outline(doc.html, doc.plain_text)
    assert [s.title for s in sections] == [
        doc.title,
        "The Future of Video-Generation Models: Reasoning Ability and Unified Multimodality",
        "The To C Era Hasn't Arrived Yet",
    ]
    assert [s.level for s in sections] == [1, 1, 1]
    for s in sections:
        assert doc.plain_text[s.start : s.start + len(s.title)] == s.title
        assert s.start == 0 or doc.plain_text[s.start - 1] == "\n"
    assert contents_entries(doc.plain_text, sections) == []  # no contents list in it


def test_levels_are_relative_and_a_heading_word_in_the_body_is_not_taken(tmp_path):
    path = tmp_path / "a.md"
    path.write_text(
        "# Notes\n\nMethods are discussed below.\n\n### Methods\n\nText.\n\n"
        "#### Data &amp; code\n\nMore.\n\n### Results\n\nEnd.\n",
        encoding="utf-8",
    )
    doc = load(path)
    sections = outline(doc.html, doc.plain_text)
    assert [(s.level, s.title) for s in sections] == [
        (1, "Notes"),
        (1, "Methods"),
        (2, "Data & code"),
        (1, "Results"),
    ]
    methods = sections[1]
    assert doc.plain_text.index("Methods are") < methods.start  # the heading, not the word
    assert section_at(sections, methods.start + 3) == 1
    assert section_at(sections, len(doc.plain_text)) == 3


def test_an_epub_contents_list_leads_to_its_chapters(tmp_path):
    [doc] = load_epub(make_epub(tmp_path / "b.epub"))
    sections = outline(doc.html, doc.plain_text)
    assert [s.title for s in sections] == [
        "The Test Book",
        "Contents",
        "The Beginning",
        "The Middle",
    ]
    entries = contents_entries(doc.plain_text, sections)
    assert [(doc.plain_text[e.start : e.end], e.section) for e in entries] == [
        ("The Beginning", 2),
        ("The Middle", 3),
    ]
    assert all(e.end < sections[2].start for e in entries)  # the list, not the headings


def test_empty_and_nested_headings_and_text_made_elsewhere_are_handled():
    html = "<h1>T</h1><h2></h2><p>a</p><h2><h3>Inner</h3></h2><p>b <b>c</b></p><h3> </h3>"
    from reader.core.ingest.plain_text import html_to_plain_text

    text = html_to_plain_text(html)
    sections = outline(html, text)
    assert [(s.title, text[s.start : s.start + len(s.title)]) for s in sections] == [
        ("T", "T"),
        ("Inner", "Inner"),
    ]
    assert outline(html, "some other text") == []  # no guessing at places
