"""Fetching a web page or an image: one deadline for the whole fetch, and no way from a
public address into this machine or its network.

A page the user typed may be local (their own server). A public page, and everything
fetched for it (its redirects, its images), may not reach a loopback, private,
link-local or reserved address: every connection checks the address it actually
reached (so a redirect, or a name that resolves differently the second time, cannot
slip through), and such a connection is refused.
"""

from __future__ import annotations

import errno
import http.client
import ipaddress
import socket
import ssl
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from urllib.parse import urlparse

MAX_REDIRECTS = 5


class FetchRefused(Exception):
    """A fetch that was refused or failed; the message says why, for the user."""


class TooLarge(FetchRefused):
    """The body went past its limit."""


def is_local(address: str) -> bool:
    """Loopback, private, link-local, multicast, reserved or unspecified."""
    try:
        ip = ipaddress.ip_address(address.split("%")[0])
    except ValueError:
        return True  # not an address we can place: treated as local
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not ip.is_global or ip.is_multicast


def host_is_local(url: str) -> bool:
    """Whether the URL's host is (or resolves to) a local address."""
    host = urlparse(url).hostname or ""
    try:
        infos = socket.getaddrinfo(host, None)
    except (OSError, UnicodeError):
        return False  # it will fail to connect and say so
    return any(is_local(str(info[4][0])) for info in infos)


def _check_peer(sock: socket.socket, allow_local: bool) -> None:
    if allow_local:
        return
    peer = sock.getpeername()[0]
    if is_local(peer):
        sock.close()
        raise FetchRefused(
            f"a public page cannot lead to an address on this computer or its network ({peer})"
        )


def _guarded_opener(allow_local: bool, deadline: float) -> urllib.request.OpenerDirector:
    class Connection(http.client.HTTPConnection):
        def connect(self) -> None:
            self.timeout = _remaining(deadline)
            super().connect()
            _check_peer(self.sock, allow_local)

    class SecureConnection(http.client.HTTPSConnection):
        def connect(self) -> None:
            self.timeout = _remaining(deadline)
            super().connect()
            _check_peer(self.sock, allow_local)

    class Plain(urllib.request.HTTPHandler):
        def http_open(self, req):
            return self.do_open(Connection, req)

    class Secure(urllib.request.HTTPSHandler):
        def https_open(self, req):
            return self.do_open(SecureConnection, req, context=self._context)  # type: ignore[attr-defined]

    class Redirects(urllib.request.HTTPRedirectHandler):
        max_redirections = MAX_REDIRECTS

        def redirect_request(self, req, fp, code, msg, headers, newurl):
            if urlparse(newurl).scheme not in ("http", "https"):
                raise FetchRefused(f"the page redirects to a non-web address ({newurl[:80]})")
            return super().redirect_request(req, fp, code, msg, headers, newurl)

    return urllib.request.build_opener(Plain(), Secure(), Redirects())


def _remaining(deadline: float) -> float:
    left = deadline - time.monotonic()
    if left <= 0:
        raise TimeoutError
    return left


@contextmanager
def opened(url: str, accept: str, deadline: float, allow_local: bool) -> Iterator:
    """The response to GET `url` (redirects followed), or FetchRefused with the reason."""
    if urlparse(url).scheme not in ("http", "https") or not urlparse(url).netloc:
        raise FetchRefused("only http:// and https:// addresses can be fetched")
    opener = _guarded_opener(allow_local, deadline)
    request = urllib.request.Request(
        url, headers={"User-Agent": "Reader/0.1 (+local reading app)", "Accept": accept}
    )
    try:
        with opener.open(request, timeout=_remaining(deadline)) as response:
            yield response
    except urllib.error.HTTPError as exc:
        exc.close()  # (the refused answer's connection)
        if 300 <= exc.code < 400:
            raise FetchRefused(f"too many redirects (more than {MAX_REDIRECTS})") from None
        raise FetchRefused(f"the server answered {exc.code} {exc.reason}") from None
    except urllib.error.URLError as exc:
        reason = exc.reason
        if isinstance(reason, FetchRefused):
            raise reason from None
        if isinstance(reason, TimeoutError | socket.timeout):
            raise TimeoutError from None
        if "redirect" in str(reason).lower():
            raise FetchRefused(f"too many redirects (more than {MAX_REDIRECTS})") from None
        raise FetchRefused(unreachable(urlparse(url).hostname or url, reason)) from None
    except (http.client.HTTPException, ConnectionError) as exc:
        raise FetchRefused(unreachable(urlparse(url).hostname or url, exc)) from None


def unreachable(host: str, reason: object) -> str:
    """Why a server could not be reached, in words rather than "[Errno -2] Name or
    service not known"."""
    if isinstance(reason, socket.gaierror):
        if reason.errno in (socket.EAI_NONAME, getattr(socket, "EAI_NODATA", None)):
            return f"could not find the server {host} — check the address or your connection"
        return f"could not look up {host} — check your connection"
    if isinstance(reason, ConnectionRefusedError):
        return f"{host} refused the connection: nothing answers at that address"
    if isinstance(reason, ConnectionResetError | ConnectionAbortedError | BrokenPipeError):
        return f"the connection to {host} was cut off — try again"
    if isinstance(reason, ssl.SSLCertVerificationError):
        return f"the secure connection to {host} failed: its certificate is not valid"
    if isinstance(reason, ssl.SSLError):
        return f"the secure connection to {host} failed"
    if isinstance(reason, OSError) and reason.errno in (errno.ENETUNREACH, errno.EHOSTUNREACH):
        return f"no route to {host} — check your connection"
    if isinstance(reason, http.client.HTTPException):
        return f"{host} sent an answer that is not valid HTTP"
    detail = getattr(reason, "strerror", None) or str(reason)
    return f"cannot reach {host} ({detail})"


def read_body(
    response, limit: int, deadline: float, cancelled: Callable[[], bool], chunk: int = 65536
) -> bytes:
    """The body, at most `limit` bytes, all of it before the deadline (a server that
    trickles a byte at a time cannot hold the fetch past it)."""
    parts: list[bytes] = []
    size = 0
    while True:
        if cancelled():
            raise FetchRefused("cancelled")
        sock = getattr(getattr(response, "fp", None), "raw", None)
        timeout = _remaining(deadline)
        if sock is not None and hasattr(sock, "_sock"):
            sock._sock.settimeout(timeout)
        piece = response.read1(chunk) if hasattr(response, "read1") else response.read(chunk)
        if not piece:
            return b"".join(parts)
        size += len(piece)
        if size > limit:
            raise TooLarge(f"larger than {limit // (1024 * 1024)} MB")
        parts.append(piece)
