"""The Markdown export in Logseq's flavour: a page of blocks.

Page properties first (`title::`, `tags::`, `source::`…); then one block per section,
each highlight a child block holding the quote with its `id::` (the highlight's own
uid, so block references survive a re-export) and `tags::`, its note a child of it;
each prediction a block with its fields as properties. The reader's own notes sit in a
last block between the usual markers and are kept when the article is exported again.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.core.export.markdown import (
    NOTES_END,
    NOTES_START,
    ArticleAnnotations,
    ExportOptions,
    _grouped,
    page_of,
    text_md,
    wanted,
)
from reader.core.models import ColorSlot, Highlight, Prediction
from reader.core.predictions.service import OUTCOME_LABELS

TAB = "\t"


def _prop(value: str) -> str:
    """A property's value on one line (Logseq ends a property at the line's end)."""
    return " ".join(value.split())


def _page_tags(tags: Iterable[str]) -> str:
    return ", ".join(f"[[{t}]]" for t in tags)


def _lines(text: str, depth: int) -> list[str]:
    """A block's continuation lines: indented as its first line, two spaces past the dash."""
    pad = TAB * depth + "  "
    return [pad + line if line else pad.rstrip() for line in text.split("\n")]


def _block(text: str, depth: int) -> list[str]:
    first, *rest = text.split("\n")
    return (
        [f"{TAB * depth}- {first}", *_lines("\n".join(rest), depth)]
        if rest
        else [f"{TAB * depth}- {first}"]
    )


def highlight_blocks(
    h: Highlight,
    colors: dict[int, ColorSlot],
    options: ExportOptions,
    depth: int,
    page: str | None = None,
) -> list[str]:
    quote = text_md(h.quote.exact).replace("\n", " ")
    out = [f"{TAB * depth}- > {quote}", *_lines(f"id:: {h.uid}", depth)]
    if page:
        out += _lines(f"page:: {page}", depth)
    if h.tags:
        out += _lines(f"tags:: {_page_tags(h.tags)}", depth)
    if options.include_colors and h.color in colors:
        out += _lines(f"color:: {_prop(colors[h.color].name)}", depth)
    if options.include_notes and h.note.strip():
        out += _block(h.note.strip(), depth + 1)
    return out


def prediction_blocks(p: Prediction, depth: int) -> list[str]:
    out = [f"{TAB * depth}- **{text_md(p.headline)}**", *_lines(f"id:: {p.uid}", depth)]
    fields = [
        ("speaker", p.speaker),
        ("made-on", p.made_on or ""),
        ("horizon", p.horizon),
        ("resolve-by", p.resolve_by or ""),
        ("tags", _page_tags(p.tags)),
        ("text-confidence", "" if p.confidence is None else f"{round(p.confidence * 100)}%"),
        ("stance", p.stance or ""),
        ("probability", "" if p.probability is None else f"{p.probability}%"),
        ("outcome", "" if p.outcome == "open" else OUTCOME_LABELS.get(p.outcome, p.outcome)),
        ("resolved-on", p.resolved_on or ""),
        ("evidence", p.evidence),
    ]
    out += [
        line
        for name, value in fields
        if value
        for line in _lines(f"{name}:: {_prop(value)}", depth)
    ]
    out += _block("> " + text_md(p.quote.exact).replace("\n", " "), depth + 1)
    if p.note.strip():
        out += _block(p.note.strip(), depth + 1)
    return out


def render_logseq(
    item: ArticleAnnotations,
    colors: Iterable[ColorSlot],
    exported_at: str,
    options: ExportOptions = ExportOptions(),
) -> str:
    palette = {c.slot: c for c in colors}
    a = item.article
    predictions = [p for p in item.predictions if wanted(p, options)]
    tags = list(item.standing.tags)  # the article's own (each block carries its own)
    lines = [
        f"title:: {_prop(a.title)}",
        *([f"authors:: {_prop(', '.join(a.authors))}"] if a.authors else []),
        *([f"publication:: {_prop(a.publication)}"] if a.publication else []),
        *([f"source:: {_prop(a.source)}"] if a.source else []),
        f"saved:: {a.saved_at[:10]}",
        *([f"published:: {a.published_at[:10]}"] if a.published_at else []),
        f"exported:: {exported_at}",
        *([f"tags:: {_page_tags(tags)}"] if tags else []),
        f"state:: {item.standing.state}",
        f"reader-id:: {a.uid}",
        "",
        "- ## Highlights",
    ]
    groups = _grouped(item, palette, options)
    if not groups:
        lines.append(f"{TAB}- *No highlights yet.*")
    for name, hs in groups:
        lines.append(
            f"{TAB}- ### {name if options.group_by in ('color', 'tag') else text_md(name)}"
        )
        for h in hs:
            lines += highlight_blocks(h, palette, options, 2, page_of(item, h))
    if options.include_predictions and predictions:
        lines.append("- ## Predictions")
        for p in predictions:
            lines += prediction_blocks(p, 1)
    if item.bookmarks:
        lines.append("- ## Bookmarks")
        lines += [f"{TAB}- “{text_md(b.quote.exact)}…”" for b in item.bookmarks]
    lines += ["- Your notes (kept when exported again):", f"  {NOTES_START}", f"  {NOTES_END}"]
    return "\n".join(lines) + "\n"
