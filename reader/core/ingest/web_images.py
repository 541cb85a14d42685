"""A saved page's images, fetched once at import when the user asks, kept in the article.

Each image becomes a data: URL inside the article's stored HTML, so that reading never
fetches anything and the image goes wherever the article goes (backup, restore, delete).
Only raster formats whose bytes say what the server claims are kept (PNG, JPEG, GIF,
WebP; never SVG, which can carry script); at most MAX_IMAGES images, MAX_IMAGE_BYTES
each and MAX_TOTAL_BYTES in all, fetched within TIME_LIMIT_S. An image that cannot be had
is left out; the article is saved all the same, and the count says how many were missed.
"""

from __future__ import annotations

import base64
import html as html_lib
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from reader.core.ingest.http_fetch import FetchRefused, TooLarge, opened, read_body

MAX_IMAGES = 40
MAX_IMAGE_BYTES = 5 * 1024 * 1024
MAX_TOTAL_BYTES = 25 * 1024 * 1024
TIMEOUT_S = 10.0  # one image
TIME_LIMIT_S = 60.0  # all of a page's images: a slow server cannot hold the import
_MAGIC = {
    "image/png": (b"\x89PNG\r\n\x1a\n",),
    "image/jpeg": (b"\xff\xd8\xff",),
    "image/gif": (b"GIF87a", b"GIF89a"),
    "image/webp": (b"RIFF",),
}
_IMG = re.compile(r"<img\b[^>]*>", re.I)
_ATTR = r"""\b{}\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))"""
_SRC, _ALT = re.compile(_ATTR.format("src"), re.I), re.compile(_ATTR.format("alt"), re.I)
_TAG = re.compile(r"<[^>]*>")
DATA_URL = re.compile(r"^data:(image/(?:png|jpeg|gif|webp));base64,([A-Za-z0-9+/=]+)$")


class ImageRefused(Exception):
    """One image that is not kept; the message says why."""


@dataclass(frozen=True)
class EmbeddedImages:
    html: str
    kept: int
    missed: int


def kind_of(data: bytes, claimed: str) -> str:
    """The image type, when the bytes are what the server said; else ImageRefused."""
    magic = _MAGIC.get(claimed)
    if magic is None:
        raise ImageRefused(f"not an image kept by Reader ({claimed or 'no type'})")
    if not data.startswith(magic) or (claimed == "image/webp" and data[8:12] != b"WEBP"):
        raise ImageRefused(f"the bytes are not {claimed}")
    return claimed


def fetch_image(
    url: str, budget: int, timeout: float = TIMEOUT_S, allow_local: bool = False
) -> tuple[str, bytes]:
    """(type, bytes) of one image of at most min(budget, MAX_IMAGE_BYTES) bytes, all of
    it within `timeout`; an image of a public page may not come from this computer or
    its network (allow_local: the page itself was local)."""
    if urlparse(url).scheme not in ("http", "https"):
        raise ImageRefused("not a web address")
    deadline = time.monotonic() + timeout
    try:
        with opened(url, "image/*", deadline, allow_local) as response:
            claimed = response.headers.get_content_type()
            data = read_body(response, min(budget, MAX_IMAGE_BYTES), deadline, lambda: False)
    except TooLarge:
        raise ImageRefused("too large") from None
    except FetchRefused as exc:
        raise ImageRefused(str(exc)) from None
    except (TimeoutError, OSError) as exc:
        raise ImageRefused(f"cannot reach it: {exc or 'no answer in time'}") from None
    return kind_of(data, claimed), data


def captions(page: str, base_url: str) -> dict[str, str]:
    """The caption of each figure's image in the page, by the image's address (the
    extractor keeps a figure's image but drops its <figcaption>). Linear in the page:
    a hostile page of unclosed <figure>s costs one pass."""
    found, lowered, at = {}, page.lower(), 0
    while (start := lowered.find("<figure", at)) != -1:
        end = lowered.find("</figure>", start)
        if end == -1:
            break
        figure, at = page[start:end], end
        img, caption = _IMG.search(figure), _first_caption(figure)
        src = _value(_SRC, img.group(0)) if img else None
        if src and caption:
            text = " ".join(html_lib.unescape(_TAG.sub(" ", caption)).split())
            if text:
                found[urljoin(base_url, html_lib.unescape(src))] = text
    return found


def _first_caption(figure: str) -> str | None:
    lowered = figure.lower()
    start = lowered.find("<figcaption")
    opened = lowered.find(">", start) if start != -1 else -1
    end = lowered.find("</figcaption>", opened) if opened != -1 else -1
    return figure[opened + 1 : end] if end != -1 else None


def embed_images(
    body_html: str,
    base_url: str,
    cancelled: Callable[[], bool] = lambda: False,
    fetch: Callable[[str, int], tuple[str, bytes]] = fetch_image,
    captions: dict[str, str] | None = None,
    time_limit: float = TIME_LIMIT_S,
    clock: Callable[[], float] = time.monotonic,
) -> EmbeddedImages:
    """body_html with each <img> fetched and inlined, or left out when it cannot be; a
    figure's caption (by image address) follows its image."""
    cache: dict[str, str | None] = {}
    stop_at = clock() + time_limit
    spent, kept, missed = 0, 0, 0

    def inline(match: re.Match) -> str:
        nonlocal spent, kept, missed
        tag = match.group(0)
        src = _value(_SRC, tag)
        if not src:
            return ""
        if src.startswith("data:"):  # inline in the page already: kept if it is what it says
            return _checked_inline(src, tag)
        url = urljoin(base_url, html_lib.unescape(src))
        if url not in cache:
            cache[url] = None
            within = kept < MAX_IMAGES and spent < MAX_TOTAL_BYTES
            if within and clock() < stop_at and not cancelled():
                try:
                    kind, data = fetch(url, MAX_TOTAL_BYTES - spent)
                    spent += len(data)
                    cache[url] = f"data:{kind};base64,{base64.b64encode(data).decode()}"
                except ImageRefused:
                    pass
            kept, missed = (kept + 1, missed) if cache[url] else (kept, missed + 1)
        data_url = cache[url]
        if data_url is None:
            return ""
        caption = (captions or {}).get(url)
        after = f'<br><span class="caption">{html_lib.escape(caption)}</span>' if caption else ""
        return _tag(data_url, tag) + after

    return EmbeddedImages(_IMG.sub(inline, body_html), kept, missed)


def _checked_inline(src: str, tag: str) -> str:
    found = DATA_URL.match("".join(src.split()))
    if found is None:
        return ""
    try:
        kind_of(base64.b64decode(found.group(2), validate=True), found.group(1))
    except (ImageRefused, ValueError):
        return ""
    return _tag(found.group(0), tag)


def _tag(src: str, original: str) -> str:
    alt = html_lib.escape(html_lib.unescape(_value(_ALT, original) or ""), quote=True)
    return f'<img src="{src}" alt="{alt}">'


def _value(pattern: re.Pattern, tag: str) -> str | None:
    found = pattern.search(tag)
    if found is None:
        return None
    return next(g for g in found.groups() if g is not None)
