"""Who says a passage: the Q&A label of its paragraph, else the article's authors."""

from __future__ import annotations

import re

_LABEL = re.compile(r"^([A-Z][\w.'’\- ]{1,48}?):\s")


def paragraph_at(text: str, offset: int) -> str:
    start = text.rfind("\n", 0, max(0, offset)) + 1
    end = text.find("\n", offset)
    return text[start : end if end != -1 else len(text)]


def speaker_at(text: str, offset: int, authors: tuple[str, ...] = ()) -> str:
    """The label before ':' of the paragraph at `offset` (Q&A), else the authors."""
    match = _LABEL.match(paragraph_at(text, offset))
    if match and len(match.group(1).split()) <= 4:
        return match.group(1).strip()
    return ", ".join(authors)
