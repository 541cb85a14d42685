"""EPUB import: one article per book or per chapter; DRM, zip bombs and junk refused."""

from __future__ import annotations

import zipfile
from pathlib import Path

import pytest

from reader.core.ingest.epub import load_epub
from reader.core.ingest.importer import ImportRefused

CONTAINER = """<?xml version="1.0"?>
<container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container">
<rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/>
</rootfiles></container>"""
OPF = """<?xml version="1.0"?>
<package xmlns="http://www.idpf.org/2007/opf" version="3.0">
<metadata xmlns:dc="http://purl.org/dc/elements/1.1/">
<dc:title>The Test Book</dc:title><dc:creator>Ada Author</dc:creator><dc:language>en</dc:language>
</metadata>
<manifest><item id="c1" href="ch1.xhtml"/><item id="c2" href="text/ch2.xhtml"/></manifest>
<spine><itemref idref="c1"/><itemref idref="c2"/></spine></package>"""
CH1 = (
    "<html><head><title>One</title><script>alert(1)</script></head><body>"
    "<h1>The Beginning</h1><p>It was a quiet morning in the lab.</p></body></html>"
)
CH2 = (
    "<html><body><h1>The Middle</h1><p onclick='x()'>Machines will learn to "
    "fold laundry.</p><img src='https://remote.example/i.png'/></body></html>"
)


def make_epub(path: Path, extra: dict[str, bytes] | None = None) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as book:
        book.writestr("mimetype", "application/epub+zip")
        book.writestr("META-INF/container.xml", CONTAINER)
        book.writestr("OEBPS/content.opf", OPF)
        book.writestr("OEBPS/ch1.xhtml", CH1)
        book.writestr("OEBPS/text/ch2.xhtml", CH2)
        for name, data in (extra or {}).items():
            book.writestr(name, data)
    return path


def test_one_article_per_book_with_contents_and_sections(tmp_path):
    [doc] = load_epub(make_epub(tmp_path / "b.epub"))
    assert doc.title == "The Test Book" and doc.authors == ("Ada Author",)
    assert "<h2>Contents</h2>" in doc.html and "<h2>The Middle</h2>" in doc.html
    assert "quiet morning" in doc.plain_text and "fold laundry" in doc.plain_text
    for bad in ("<script", "onclick", "<img", "remote.example"):
        assert bad not in doc.html


def test_one_article_per_chapter(tmp_path):
    docs = load_epub(make_epub(tmp_path / "b.epub"), per_chapter=True)
    assert [d.title for d in docs] == [
        "The Test Book — The Beginning",
        "The Test Book — The Middle",
    ]


def test_drm_protected_book_is_refused(tmp_path):
    path = make_epub(tmp_path / "drm.epub", {"META-INF/encryption.xml": b"<encryption/>"})
    with pytest.raises(ImportRefused, match="DRM"):
        load_epub(path)


def test_zip_bomb_is_refused(tmp_path):
    path = make_epub(tmp_path / "bomb.epub", {"OEBPS/bomb.xhtml": b"\0" * 150_000_000})
    assert path.stat().st_size < 1_000_000
    with pytest.raises(ImportRefused, match="zip bomb"):
        load_epub(path)


@pytest.mark.parametrize(
    ("content", "reason"),
    [(b"not a zip at all", "not an EPUB"), (None, "malformed book")],
)
def test_junk_and_malformed_books_are_refused(tmp_path, content, reason):
    path = tmp_path / "bad.epub"
    if content is None:
        with zipfile.ZipFile(path, "w") as book:
            book.writestr("mimetype", "application/epub+zip")
    else:
        path.write_bytes(content)
    with pytest.raises(ImportRefused, match=reason):
        load_epub(path)


def test_import_through_the_library(session, tmp_path):
    report = session.library.import_paths([make_epub(tmp_path / "b.epub")], per_chapter=True)
    assert [a.title for a in report.imported] == [
        "The Test Book — The Beginning",
        "The Test Book — The Middle",
    ]
    # the detector proposed the forecast in chapter two
    chapter2 = report.imported[1].id
    assert any("fold laundry" in p.quote.exact for p in session.predictions.for_article(chapter2))
