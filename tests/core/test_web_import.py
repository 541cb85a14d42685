"""Saving from a URL (a test server on 127.0.0.1 only) and from the clipboard."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

from reader.core.ingest.importer import ImportRefused
from reader.core.ingest.web_import import fetch, from_clipboard, from_url
from reader.core.library.service import DuplicateArticle
from tests.conftest import DATA

NEWS = (DATA / "web" / "news.html").read_bytes()
FORECAST_PAGE = (
    b"<html><head><title>Forecasts From the Floor</title></head><body><article>"
    b"<h1>Forecasts From the Floor</h1><p>Analysts expect the market for video models will "
    b"double by 2027. Prices will probably fall next year, the company said.</p><p>It rained "
    b"in the city today, and the office was quiet; the talk there was all of new models and "
    b"of what they would mean for the studios.</p></article></body></html>"
)


class Handler(http.server.BaseHTTPRequestHandler):
    def log_message(self, *args):  # keep test output quiet
        pass

    def _send(self, code: int, body: bytes, kind: str = "text/html; charset=utf-8") -> None:
        self.send_response(code)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        path = self.path
        if path == "/news":
            self._send(200, NEWS)
        elif path == "/longform":
            self._send(200, (DATA / "web" / "longform.html").read_bytes())
        elif path == "/hostile":
            self._send(200, (DATA / "corpus" / "hostile.html").read_bytes())
        elif path.startswith("/hop/"):
            n = int(path.rsplit("/", 1)[1])
            self.send_response(302)
            self.send_header("Location", "/news" if n == 0 else f"/hop/{n - 1}")
            self.end_headers()
        elif path == "/forecasts":
            self._send(200, FORECAST_PAGE)
        elif path == "/missing":
            self._send(404, b"<p>no</p>")
        elif path == "/broken":
            self._send(500, b"<p>oops</p>")
        elif path == "/slow":
            time.sleep(2)
            self._send(200, NEWS)
        elif path == "/pdf":
            self._send(200, b"%PDF-1.4", "application/pdf")
        elif path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            chunk = b"<p>" + b"x" * 1_000_000 + b"</p>"
            for _ in range(50):  # a 50 MB page: the download stops at 20 MB
                self.wfile.write(chunk)
        elif path == "/cyrillic":
            body = (
                "<article><h1>Новости</h1>"
                "<p>Роботы научились складывать бельё за одну минуту.</p></article>"
            )
            self._send(200, body.encode("windows-1251"), "text/html; charset=windows-1251")
        elif path == "/lying":
            body = (
                "<article><h1>Caf\u00e9</h1><p>Cr\u00e8me br\u00fbl\u00e9e for everyone "
                "here, and a second sentence so that it reads as an article.</p></article>"
            )
            self._send(200, body.encode("cp1252"), "text/html; charset=utf-8")
        elif path == "/empty":
            self._send(200, b"<html><body><nav>menu</nav></body></html>")
        else:
            self._send(404, b"")


class QuietServer(http.server.ThreadingHTTPServer):
    def handle_error(self, request, client_address):
        """A client that hangs up early (a cancelled or refused download) is expected."""


@pytest.fixture(scope="module")
def server():
    httpd = QuietServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_a_news_page_is_reduced_to_its_article(server):
    doc = from_url(f"{server}/news")
    assert doc.title == "Robots Learn to Fold Laundry"
    text = doc.plain_text
    assert "fold shirts in under a minute" in text and "Towels: 20 seconds" in text
    for chrome in ("cookies", "Home", "site header", "ten gadgets", "First comment", "©"):
        assert chrome not in text
    assert "<img" not in doc.html and "ads.example" not in doc.html
    assert doc.source == f"{server}/news" and doc.publication.startswith("127.0.0.1")


def test_a_saved_url_keeps_the_page_metadata(server):
    doc = from_url(f"{server}/longform")
    assert doc.title == "The Camera Is Optional: Inside the Race to Build AI Video"
    assert doc.authors == ("Mara Lindqvist",) and doc.publication == "The Daily Frame"
    assert doc.published_at == "2026-03-04" and "4 March 2026" in doc.html
    assert "<h2>The consistency problem</h2>" in doc.html
    assert "Comment 7" not in doc.plain_text and "<iframe" not in doc.html


def test_a_hostile_page_from_the_web_is_sanitised(server):
    html = from_url(f"{server}/hostile").html.lower()
    for bad in ("<script", "onclick", "onload", "javascript:", "<iframe", "<img", "evil.example"):
        assert bad not in html, bad
    assert "data:image" not in html and "tracker.example" not in html


def test_redirects_are_followed_up_to_five(server):
    final, _ = fetch(f"{server}/hop/3")
    assert final.endswith("/news")
    with pytest.raises(ImportRefused, match="redirect"):
        fetch(f"{server}/hop/9")


@pytest.mark.parametrize(
    ("path", "reason"),
    [
        ("/missing", "answered 404"),
        ("/broken", "answered 500"),
        ("/pdf", "application/pdf"),
        ("/huge", "larger than 20 MB"),
        ("/empty", "no article found"),
    ],
)
def test_bad_pages_are_refused_with_the_reason(server, path, reason):
    with pytest.raises(ImportRefused, match=reason):
        from_url(f"{server}{path}")


def test_a_slow_page_times_out(server):
    with pytest.raises(ImportRefused, match=r"did not arrive within 0.5 s"):
        from_url(f"{server}/slow", timeout=0.5)


def test_cancel_stops_the_download(server):
    with pytest.raises(ImportRefused, match="cancelled"):
        from_url(f"{server}/huge", cancelled=lambda: True)


def test_declared_and_wrongly_declared_charsets(server):
    assert "Роботы научились" in from_url(f"{server}/cyrillic").plain_text
    assert "Crème brûlée" in from_url(f"{server}/lying").plain_text


def test_only_web_addresses(server):
    for url in ("file:///etc/passwd", "javascript:alert(1)", "ftp://x", "http://"):
        with pytest.raises(ImportRefused, match="http"):
            fetch(url)


def test_the_same_url_twice_is_a_duplicate(session, server):
    session.library.import_url(f"{server}/news")
    with pytest.raises(DuplicateArticle):
        session.library.import_url(f"{server}/news")
    report = session.library.import_paths([f"{server}/missing", f"{server}/hop/1"])
    assert "404" in report.failed[0].reason and len(report.duplicates) == 1


def test_clipboard_html_markdown_and_text():
    doc = from_clipboard(
        "x", '<p onclick="evil()">Pasted <b>rich</b> text here.</p><script>alert(1)</script>'
    )
    assert "Pasted rich text here." in doc.plain_text and "onclick" not in doc.html
    assert "<script" not in doc.html
    doc = from_clipboard("# Notes on Sora\n\n- one\n- two\n")
    assert doc.title == "Notes on Sora" and "<li>one</li>" in doc.html
    doc = from_clipboard("A plain first line\nand a second line of text.")
    assert doc.title == "A plain first line" and "second line" in doc.plain_text
    with pytest.raises(ImportRefused, match="empty"):
        from_clipboard("   ")


def test_what_the_user_typed_becomes_a_web_address_or_a_clear_refusal():
    from reader.core.ingest.web_import import web_address

    assert web_address(" https://example.com/a ") == "https://example.com/a"
    assert web_address("example.com/story") == "https://example.com/story"
    for bad in ("not a url", "ftp://example.com/x", "", "/home/me/page.html"):
        with pytest.raises(ImportRefused, match="not a web address"):
            web_address(bad)
