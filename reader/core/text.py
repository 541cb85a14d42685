"""Plain-text helpers shared by import, rendering and anchoring."""

from __future__ import annotations

import hashlib
import re
import unicodedata

_WS = re.compile(r"\s+")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")
_CJK = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")


def collapse_ws(text: str) -> str:
    """All whitespace runs to one space, trimmed: the comparison form of a text."""
    return _WS.sub(" ", text).strip()


def normalise_blocks(text: str) -> str:
    """Canonical form: spaces collapsed inside each line, empty lines dropped."""
    lines = (collapse_ws(line) for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def content_hash(plain_text: str) -> str:
    """Identity of an article's text for duplicate detection."""
    folded = unicodedata.normalize("NFKC", collapse_ws(plain_text)).casefold()
    return hashlib.sha256(folded.encode("utf-8")).hexdigest()


def word_count(text: str) -> int:
    """Words, counting each CJK character as one word."""
    cjk = len(_CJK.findall(text))
    return len(_WORD.findall(_CJK.sub(" ", text))) + cjk


def slugify(title: str, max_len: int = 60) -> str:
    ascii_title = unicodedata.normalize("NFKD", title).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_title.lower()).strip("-")
    return slug[:max_len].rstrip("-") or "article"


def find_phrase(text: str, needle: str) -> list[tuple[int, int]]:
    """Case-insensitive occurrences of `needle`; its spaces match any run of whitespace."""
    words = needle.split()
    if not words:
        return []
    pattern = re.compile(r"\s+".join(re.escape(w) for w in words), re.IGNORECASE)
    return [(m.start(), m.end()) for m in pattern.finditer(text)]
