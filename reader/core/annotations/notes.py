"""A note as the panels show it: its Markdown rendered and sanitised.

Notes are written in Markdown (the export keeps them so); shown raw in a sidebar,
"**one model**" and "# My heading" read as noise. Headings are shown as bold lines:
a sidebar has no room for a title. Raw HTML in a note is sanitised as an imported
page is, and images are dropped (nothing remote is loaded).
"""

from __future__ import annotations

import html
import re
from functools import lru_cache

from reader.core.ingest.render import markdown_to_html, sanitize

# anything Markdown would read as markup; a note without any is shown as it is, fast
_MARKUP = re.compile(r"[*_`#\[\]<>&|~\\]|^\s*(?:[-+=]|\d+[.)])(?:\s|$)", re.M)
_HEADING = re.compile(r"<h[1-6]>(.*?)</h[1-6]>", re.S)


@lru_cache(maxsize=4096)
def note_html(note: str) -> str:
    """HTML for a note: paragraphs, line breaks, emphasis, lists, code, links."""
    if not _MARKUP.search(note):
        paragraphs = re.split(r"\n\s*\n", note.strip())
        return "".join(
            "<p>" + html.escape(p.strip()).replace("\n", "<br>") + "</p>" for p in paragraphs
        )
    return _HEADING.sub(r"<p><b>\1</b></p>", sanitize(markdown_to_html(note, line_breaks=True)))
