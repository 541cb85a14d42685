"""What a search result says of where a hit matched: both faces (the window's result
list and `reader search`) say it in the same words."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from reader.core.search.records import SearchHit


PLACE_NAMES = {
    "title": "the title",
    "authors": "the author's name",
    "publication": "the publication",
    "tags": "its tags",
    "notes": "a note",
    "colors": "a highlight's colour",
}


def places(hit: SearchHit) -> str:
    """Where besides the text a hit matched ("in the title and its tags"), or ""."""
    named = [PLACE_NAMES[f] for f in hit.matched_in if f in PLACE_NAMES]
    return "in " + " and ".join(named) if named else ""


def said_of(hit: SearchHit) -> str:
    """What a result line says of a hit: how many matches in the text, or where it
    matched when not in the text ("in the title", "in a note"); "" for a hit only a
    filter found (state:, saved:)."""
    n = hit.match_count
    if hit.terms or not hit.matched_in:
        return f"{n} match{'es' if n != 1 else ''}" if n else ""
    return places(hit)
