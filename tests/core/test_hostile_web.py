"""A public page cannot lead into this computer or its network, and no server can hold
an import past its deadline.

The tests run two servers on loopback: 127.0.0.1 plays a public site (the classifier is
told so) and 127.0.0.2 the machine's own network."""

from __future__ import annotations

import http.server
import threading
import time

import pytest

import reader.core.ingest.http_fetch as http_fetch
from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.web_images import ImageRefused, fetch_image
from reader.core.ingest.web_import import fetch, from_url
from tests.core.test_web_images import png

ARTICLE = (
    b"<html><head><title>A Story</title></head><body><article><h1>A Story</h1>"
    b"<p>Words enough to make an article of it, about models and video and the rest.</p>"
    b"<p><img src='%s'></p></article></body></html>"
)


class Site(http.server.BaseHTTPRequestHandler):
    internal = ""  # http://127.0.0.2:PORT, set once that server runs

    def log_message(self, *args):
        pass

    def _send(self, body: bytes, kind: str = "text/html") -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _redirect(self, where: str) -> None:
        self.send_response(302)
        self.send_header("Location", where)
        self.end_headers()

    def do_GET(self):
        if self.path == "/to-internal":
            self._redirect(f"{self.internal}/secret")
        elif self.path == "/loop":
            self._redirect("/loop")
        elif self.path == "/secret":
            self._send(ARTICLE % b"")
        elif self.path == "/with-internal-image":
            self._send(ARTICLE % f"{self.internal}/pixel.png".encode())
        elif self.path == "/pixel.png":
            self._send(png(4, 4), "image/png")
        elif self.path == "/trickle":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(100):  # a byte every 0.2 s: 20 s in all
                    self.wfile.write(b" ")
                    self.wfile.flush()
                    time.sleep(0.2)
            except OSError:
                pass
        else:
            self.send_response(404)
            self.end_headers()


class Quiet(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request, client_address):
        pass


def serve(host: str) -> tuple[Quiet, str]:
    server = Quiet((host, 0), Site)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://{host}:{server.server_address[1]}"


@pytest.fixture(scope="module")
def sites():
    public, public_url = serve("127.0.0.1")
    internal, internal_url = serve("127.0.0.2")
    Site.internal = internal_url
    yield public_url, internal_url
    for server in (public, internal):
        server.shutdown()
        server.server_close()


@pytest.fixture
def public_loopback(monkeypatch):
    """127.0.0.1 counts as a public address; the rest of 127/8 stays local."""
    real = http_fetch.is_local
    monkeypatch.setattr(
        http_fetch, "is_local", lambda address: address != "127.0.0.1" and real(address)
    )


def test_a_public_page_that_redirects_inside_is_refused(sites, public_loopback):
    public, _ = sites
    with pytest.raises(ImportRefused, match="cannot lead to an address on this computer"):
        fetch(f"{public}/to-internal")


def test_a_page_the_user_typed_may_be_local(sites):
    _, internal = sites
    final, page = fetch(f"{internal}/secret")  # the user's own server: allowed
    assert final.endswith("/secret") and "A Story" in page


def test_a_public_page_cannot_fetch_images_from_inside(sites, public_loopback):
    public, internal = sites
    doc = from_url(f"{public}/with-internal-image", images=True)
    assert doc.meta["images_missed"] == 1 and "data:image" not in doc.html
    with pytest.raises(ImageRefused, match="cannot lead"):
        fetch_image(f"{internal}/pixel.png", 10_000_000)
    kind, data = fetch_image(f"{internal}/pixel.png", 10_000_000, allow_local=True)
    assert kind == "image/png" and data.startswith(b"\x89PNG")


def test_a_trickling_server_cannot_hold_the_fetch_past_its_deadline(sites):
    public, _ = sites
    started = time.monotonic()
    with pytest.raises(ImportRefused, match="did not arrive within 1 s"):
        fetch(f"{public}/trickle", timeout=1.0)
    assert time.monotonic() - started < 10  # (each read alone would have kept it going)


def test_a_redirect_loop_is_one_line(sites):
    public, _ = sites
    with pytest.raises(ImportRefused, match="too many redirects") as refused:
        fetch(f"{public}/loop")
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("address", "local"),
    [
        ("127.0.0.1", True), ("10.1.2.3", True), ("192.168.0.7", True), ("172.16.5.4", True),
        ("169.254.169.254", True), ("::1", True), ("fe80::1", True), ("fd00::1", True),
        ("::ffff:127.0.0.1", True), ("0.0.0.0", True), ("224.0.0.1", True),
        ("93.184.216.34", False), ("2606:4700::1111", False),
    ],
)  # fmt: skip
def test_which_addresses_count_as_this_computer_or_its_network(address, local):
    assert http_fetch.is_local(address) is local


def _closed_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_server_that_cannot_be_found_or_reached_is_told_in_words():
    with pytest.raises(ImportRefused) as missing:  # .invalid never resolves (RFC 6761)
        fetch("http://no-such-host.invalid/page")
    assert str(missing.value) == (
        "could not find the server no-such-host.invalid — check the address or your connection"
    )
    with pytest.raises(ImportRefused) as refused:
        fetch(f"http://127.0.0.1:{_closed_port()}/page")
    assert str(refused.value) == "127.0.0.1 refused the connection: nothing answers at that address"


@pytest.mark.parametrize(
    ("reason", "said"),
    [
        (
            __import__("ssl").SSLCertVerificationError(1, "certificate verify failed"),
            "the secure connection to example.org failed: its certificate is not valid",
        ),
        (ConnectionResetError(104, "Connection reset by peer"), "was cut off"),
        (OSError(101, "Network is unreachable"), "no route to example.org"),
        (OSError(5, "Input/output error"), "cannot reach example.org (Input/output error)"),
    ],
)
def test_each_way_a_connection_fails_reads_as_words(reason, said):
    told = http_fetch.unreachable("example.org", reason)
    assert said in told and "Errno" not in told
