"""Who says a passage: in Q&A text the current speaker, else the article's authors.

A speaker label is a short capitalised name before a colon at the start of a paragraph
("Song Jiaming: ...") that labels at least two paragraphs of the article. Unlabelled
paragraphs after a labelled one continue that speaker's answer; a photo caption (△)
is the article's own voice.
"""

from __future__ import annotations

import re
from collections import Counter

_LABEL = re.compile(r"^([A-Z][\w.'’\- ]{1,48}?):\s", re.M)
CAPTION_MARKS = ("△", "▲")


def speaker_labels(text: str) -> set[str]:
    counts = Counter(m.group(1).strip() for m in _LABEL.finditer(text))
    return {label for label, n in counts.items() if n >= 2 and len(label.split()) <= 4}


def speaker_at(
    text: str, offset: int, authors: tuple[str, ...] = (), labels: set[str] | None = None
) -> str:
    """The speaker of the paragraph at `offset`, else the authors joined by commas."""
    labels = speaker_labels(text) if labels is None else labels
    start = text.rfind("\n", 0, max(0, offset)) + 1
    while labels:
        end = text.find("\n", start)
        paragraph = text[start : end if end != -1 else len(text)]
        if paragraph.startswith(CAPTION_MARKS):
            break
        match = _LABEL.match(paragraph)
        if match and match.group(1).strip() in labels:
            return match.group(1).strip()
        if start == 0:
            break
        start = text.rfind("\n", 0, start - 1) + 1
    return ", ".join(authors)
