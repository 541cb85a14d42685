"""Saving a web page with its images (asked for): fetched once, checked, kept inline."""

from __future__ import annotations

import base64
import struct
import threading
import zlib

import pytest

from reader.core.ingest import web_images
from reader.core.ingest.plain_text import align
from reader.core.ingest.web_images import ImageRefused, captions, embed_images, kind_of
from reader.core.ingest.web_import import from_url
from reader.core.session import open_session
from tests.core.test_web_import import Handler as PageHandler
from tests.core.test_web_import import QuietServer


def png(width: int = 2, height: int = 2) -> bytes:
    """A real PNG of grey pixels (the standard library only)."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    rows = b"".join(b"\x00" + b"\x80" * width for _ in range(height))
    header = struct.pack(">IIBBBBB", width, height, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(rows))
        + chunk(b"IEND", b"")
    )


PNG = png()
WORDS = " ".join(f"word{n}" for n in range(60))
GALLERY = f"""<html><head><title>Gallery</title></head><body><nav>Home News</nav>
<article><h1>The Gallery Story</h1>
<p>First paragraph of the story. {WORDS}</p>
<figure><img src="/img/ok.png" alt="A &quot;grey&quot; square">
<figcaption>The <b>grey</b> square &amp; its frame</figcaption></figure>
<p>Second paragraph <img src="pic/ok2.png" alt="inline"> continues here. {WORDS}</p>
<p><img src="/img/ok.png" alt="the same again"><img src="/img/fake.png" alt="fake">
<img src="/img/vector.svg" alt="svg"><img src="/img/huge.png" alt="huge">
<img src="/img/missing.png" alt="missing"><img src="http://127.0.0.1:9/img/closed.png" alt="x">
<img src="data:image/png;base64,{base64.b64encode(PNG).decode()}" alt="inline data">
<img src="data:image/png;base64,AAAA" alt="bad data"></p>
<p>Third paragraph after the pictures. {WORDS}</p></article></body></html>"""


class Handler(PageHandler):
    """The gallery page and its images; _send and quiet logs from the web-import tests."""

    def do_GET(self):
        routes = {
            "/gallery": (GALLERY.encode(), "text/html; charset=utf-8"),
            "/img/ok.png": (PNG, "image/png"),
            "/pic/ok2.png": (png(3, 1), "image/png"),
            "/img/fake.png": (b"<html>not an image</html>", "image/png"),
            "/img/vector.svg": (b"<svg onload='alert(1)'></svg>", "image/svg+xml"),
            "/img/huge.png": (PNG + b"\0" * (web_images.MAX_IMAGE_BYTES + 1), "image/png"),
        }
        if self.path in routes:
            self._send(200, *routes[self.path])
        else:
            self._send(404, b"", "text/plain")


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def inline_images(html: str) -> list[str]:
    import re

    return re.findall(r'<img src="data:image/(\w+);base64,[^"]+" alt="([^"]*)">', html)


def test_asked_for_images_are_fetched_checked_and_kept_inline(server):
    doc = from_url(f"{server}/gallery", images=True)
    kept = inline_images(doc.html)
    # ok.png (fetched once, though used twice) and pic/ok2.png (a relative address); the
    # extractor itself leaves out the SVG and the inline data: images
    assert [alt for _, alt in kept] == ["A &quot;grey&quot; square", "inline", "the same again"]
    assert {kind for kind, _ in kept} == {"png"}
    # one between paragraphs gets a paragraph of its own; one inside a paragraph stays there
    assert '<p class="figure"><img src="data:image/png' in doc.html
    assert 'Second paragraph <img src="data:image/png' in doc.html
    assert doc.meta["images"] == 2
    assert doc.meta["images_missed"] == 4  # fake, huge, missing, a closed port
    lowered = doc.html.lower()
    for gone in ("svg", "onload", "/img/", "127.0.0.1:9", "<html>not"):
        assert gone not in lowered, gone
    assert "Third paragraph after the pictures" in doc.plain_text
    # the extractor drops a figure's caption; it comes back under its image
    assert '<br><span class="caption">The grey square &amp; its frame</span></p>' in doc.html
    assert "\nThe grey square & its frame\n" in doc.plain_text


def test_without_asking_no_image_is_fetched_or_kept(server):
    asked = from_url(f"{server}/gallery", images=True)
    plain = from_url(f"{server}/gallery")
    assert "<img" not in plain.html and "images" not in plain.meta

    def paragraphs(text: str) -> list[str]:  # the caption aside (the extractor mangles it)
        return [line for line in text.split("\n") if "paragraph" in line]

    assert len(paragraphs(plain.plain_text)) == 3
    assert paragraphs(plain.plain_text) == paragraphs(asked.plain_text)


def test_only_what_the_bytes_say_is_kept():
    assert kind_of(PNG, "image/png") == "image/png"
    assert kind_of(b"RIFF\0\0\0\0WEBPVP8 ", "image/webp") == "image/webp"
    for data, claimed in [
        (b"RIFF\0\0\0\0WAVEfmt ", "image/webp"),
        (PNG, "image/jpeg"),
        (b"<svg/>", "image/svg+xml"),
        (b"GIF89a", ""),
    ]:
        with pytest.raises(ImageRefused):
            kind_of(data, claimed)


def test_the_count_and_total_size_are_bounded(monkeypatch):
    fetched = []

    def fetch(url, budget):
        fetched.append((url, budget))
        if len(PNG) > budget:
            raise ImageRefused("too large")
        return "image/png", PNG

    monkeypatch.setattr(web_images, "MAX_IMAGES", 3)
    body = "".join(f'<p>x<img src="/i{n}.png"></p>' for n in range(6))
    result = embed_images(body, "http://example.test/a", fetch=fetch)
    assert (result.kept, result.missed) == (3, 3) and len(fetched) == 3
    assert len(inline_images(result.html)) == 3
    monkeypatch.setattr(web_images, "MAX_TOTAL_BYTES", len(PNG) + 1)
    result = embed_images(body, "http://example.test/a", fetch=fetch)
    assert (result.kept, result.missed) == (1, 5)  # the budget is spent after one
    assert fetched[-1][1] == 1


def test_inline_images_already_in_a_page_are_kept_only_when_they_are_what_they_say():
    good = base64.b64encode(PNG).decode()
    body = (
        f'<p><img src="data:image/png;base64,{good}" alt="ok">'
        '<img src="data:image/png;base64,AAAA" alt="zeros">'
        f'<img src="data:image/jpeg;base64,{good}" alt="a png called a jpeg">'
        '<img src="data:image/svg+xml;base64,PHN2Zz4=" alt="svg"><img alt="no source"></p>'
    )
    result = embed_images(body, "http://example.test/", fetch=lambda u, b: 1 / 0)
    assert [alt for _, alt in inline_images(result.html)] == ["ok"]
    assert result.html.count("<img") == 1 and (result.kept, result.missed) == (0, 0)


def test_a_slow_server_cannot_hold_the_import_past_the_time_limit():
    now, calls = [0.0], []

    def slow(url, budget):  # each image takes 25 s of the clock
        calls.append(url)
        now[0] += 25
        return "image/png", PNG

    body = "".join(f'<p>x<img src="/{n}.png"></p>' for n in range(5))
    result = embed_images(
        body, "http://example.test/", fetch=slow, time_limit=60, clock=lambda: now[0]
    )
    assert len(calls) == 3 and (result.kept, result.missed) == (3, 2)  # at 0, 25 and 50 s


def test_cancelling_stops_fetching_and_still_saves_the_text():
    calls = []
    body = '<p>text<img src="/a.png"><img src="/b.png"></p>'
    result = embed_images(
        body, "http://example.test/", lambda: True, lambda u, b: calls.append(u) or ("", b"")
    )
    assert calls == [] and result.missed == 2 and "text" in result.html


def test_the_library_says_how_many_images_were_not_saved(tmp_path, server):
    session = open_session(tmp_path / "lib")
    report = session.library.import_paths([f"{server}/gallery"], images=True)
    [summary] = report.imported
    assert report.notes == (f"{server}/gallery: 4 of 6 images could not be saved",)
    article = session.library.get(summary.id)
    assert len(inline_images(article.html)) == 3
    session.close()


def test_an_image_in_the_shown_text_does_not_shift_what_follows():
    canonical = "Before the picture.\nAfter it, the words."
    shown = "Before \ufffc the picture.\n\ufffc\nAfter it, the words."
    mapping = align(canonical, shown)
    for i, ch in enumerate(canonical):
        if not ch.isspace():
            assert shown[mapping[i]] == ch


def test_replacing_a_duplicate_page_keeps_asking_for_its_images(tmp_path, server):
    session = open_session(tmp_path / "lib")
    url = f"{server}/gallery"
    [first] = session.library.import_paths([url]).imported  # without images
    report = session.library.import_paths([url], images=True)
    [dup] = report.duplicates
    assert dup.existing_id == first.id and dup.images
    session.library.replace_from(dup.existing_id, dup.path, dup.images)
    assert len(inline_images(session.library.get(first.id).html)) == 3
    session.close()


def test_captions_are_found_by_their_figure_image():
    page = (
        '<figure class="x"><img src="a/1.png"><figcaption>One <i>caption</i></figcaption>'
        '</figure><figure><img src="/2.png"></figure><figure><figcaption>no image</figcaption>'
        '</figure><FIGURE><IMG SRC="3.png"><FIGCAPTION> Three\n lines </FIGCAPTION></FIGURE>'
    )
    assert captions(page, "http://example.test/news/story") == {
        "http://example.test/news/a/1.png": "One caption",
        "http://example.test/news/3.png": "Three lines",
    }


def test_a_page_of_unclosed_figures_or_captions_is_read_in_one_pass():
    """10 MB of them: a quadratic scan would not end (its speed is in bench_extraction)."""
    unclosed = "<figure><img src='a.png'><figcaption>x</figcaption>" * 200_000
    one_figure = "<figure><img src='a.png'>" + "<figcaption>x" * 800_000 + "</figure>"
    assert captions(unclosed, "http://example.test/") == {}
    assert captions(one_figure, "http://example.test/") == {}
