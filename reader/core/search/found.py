"""Where a query matched in an article's annotations: the note, the tag, the colour or the
prediction a hit came from, shown as its snippet and opened at.

The index finds the article (its notes, tags and colour names are fields of the
article's document); this finds which highlight or prediction holds the words, and says
so: "In your note on “…”", "In the prediction “…”", "Tagged #…".
"""

from __future__ import annotations

import html
from dataclasses import replace

from reader.core.models import Highlight, Prediction
from reader.core.search.analysis import terms_of
from reader.core.search.records import AnnotationMatch, SearchHit

QUOTE = 70  # characters of a quote named in a snippet


def _short(text: str, limit: int = QUOTE) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _bolded(text: str, terms: set[str]) -> tuple[str, int]:
    """The text escaped, its words that analyse to `terms` in bold; how many there were."""
    parts, at, count = [], 0, 0
    for term, start, end in terms_of(text):
        if term in terms:
            parts += [html.escape(text[at:start], quote=False), "<b>"]
            parts += [html.escape(text[start:end], quote=False), "</b>"]
            at, count = end, count + 1
    parts.append(html.escape(text[at:], quote=False))
    return "".join(parts), count


def with_annotation(
    hit: SearchHit,
    highlights: list[Highlight],
    predictions: list[Prediction],
    colors: dict[int, str],
) -> SearchHit:
    """The hit with the first annotation its note, tag or colour terms matched in: named
    as its first snippet, counted among its matches, and opened at."""
    notes = {t for f, t in hit.annotation_terms if f == "notes"}
    tags = {t for f, t in hit.annotation_terms if f == "tags"}
    names = {t for f, t in hit.annotation_terms if f == "colors"}
    found: list[tuple[AnnotationMatch, str, int]] = []
    for h in highlights:
        quote = html.escape(_short(h.quote.exact), quote=False)
        text, count = _bolded(_short(h.note, 200), notes) if notes and h.note else ("", 0)
        if count:
            found.append(
                (AnnotationMatch("highlight", h.id), f"In your note on “{quote}”: {text}", count)
            )
        elif tags & {t.lower() for t in h.tags}:
            tag = next(t for t in h.tags if t.lower() in tags)
            found.append(
                (AnnotationMatch("highlight", h.id), f"Tagged #{html.escape(tag)}: “{quote}”", 1)
            )
        elif colors.get(h.color, "").lower() in names:
            name = html.escape(colors[h.color])
            found.append(
                (AnnotationMatch("highlight", h.id), f"Highlighted in {name}: “{quote}”", 1)
            )
    for p in predictions:
        if p.review == "rejected":
            continue
        text, count = _bolded(_short(p.headline, 200), notes) if notes else ("", 0)
        note, in_note = _bolded(_short(p.note, 200), notes) if notes and p.note else ("", 0)
        if count or in_note:
            said = f"In the prediction “{text}”" + (f": {note}" if in_note else "")
            found.append((AnnotationMatch("prediction", p.id), said, count + in_note))
        elif tags & {t.lower() for t in p.tags}:
            tag = next(t for t in p.tags if t.lower() in tags)
            said = f"Tagged #{html.escape(tag)}: the prediction “{html.escape(_short(p.headline))}”"
            found.append((AnnotationMatch("prediction", p.id), said, 1))
    if not found:
        return hit
    snippets = tuple(said for _, said, _ in found[:3]) + hit.snippets
    return replace(
        hit,
        annotation=found[0][0],
        snippets=snippets[:3],
        match_count=hit.match_count + sum(count for _, _, count in found),
    )
