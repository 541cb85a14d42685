"""Web pages saved as one file (.mhtml / .mht, "Webpage, single file"): the page's HTML part.

An MHTML file is a MIME message: the page's HTML and every image, style sheet and frame
it used, each a part with its own Content-Location. Only the page's HTML is read; the
other parts are left alone (nothing they point to is ever loaded).
"""

from __future__ import annotations

import email
import re
from email import policy
from email.message import EmailMessage

from reader.core.ingest.decoding import ImportRefused, decode

MAX_PARTS = 5000  # a saved page with every image and frame has a few hundred
MAX_NESTING = 8  # multipart inside multipart: a browser saves two levels at most
_PART_HEADER = re.compile(rb"^content-type:", re.I | re.M)
_MULTIPART = re.compile(rb"^content-type:\s*multipart/", re.I | re.M)


def read_mhtml(data: bytes) -> tuple[str, str]:
    """(the page's HTML, the address it was saved from) of an MHTML file.

    The parts are counted before the MIME parser sees them: it takes time that grows
    fast with their number (200,000 parts took 55 s) and recurses into nested ones."""
    if len(_PART_HEADER.findall(data)) > MAX_PARTS:
        raise ImportRefused(f"the MHTML file has more than {MAX_PARTS:,} parts")
    if len(_MULTIPART.findall(data)) > MAX_NESTING:
        raise ImportRefused("the MHTML file nests its parts too deeply")
    try:
        message = email.message_from_bytes(data, policy=policy.default)
    except Exception as exc:  # the email parser is lenient; this is a last resort
        raise ImportRefused(f"not a readable MHTML file ({exc})") from None
    if not message.is_multipart() and message.get_content_type() != "text/html":
        raise ImportRefused("not an MHTML web page: no MIME parts in the file")
    page = next((part for part in message.walk() if part.get_content_type() == "text/html"), None)
    if page is None:
        raise ImportRefused("the MHTML file holds no web page (no text/html part)")
    url = str(message.get("Snapshot-Content-Location") or page.get("Content-Location") or "")
    return _html_of(page), url


def _html_of(part: EmailMessage) -> str:
    payload = part.get_payload(decode=True)
    if not isinstance(payload, bytes):
        payload = b""
    charset = part.get_content_charset()
    if charset:
        try:
            return payload.decode(charset)
        except (LookupError, UnicodeDecodeError):
            pass  # a wrong declared charset: guess as for a saved page
    return decode(payload, "html")
