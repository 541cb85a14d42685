"""JSON following the W3C Web Annotation data model, and back.

Highlights are `Annotation`s with motivation "highlighting": a TextQuoteSelector and a
TextPositionSelector as target, the note as a TextualBody with purpose "commenting" and
each tag as one with purpose "tagging", the colour in "reader:color". Predictions are
Annotations with motivation "reader:predicting" and every field under "reader:prediction"
(the documented extension; see docs/export-template.md). Bookmarks are Annotations with
motivation "bookmarking" and no body.
"""

from __future__ import annotations

import json
from dataclasses import asdict, fields
from pathlib import Path

from reader.core.models import (
    Article,
    Bookmark,
    ColorSlot,
    Highlight,
    Prediction,
    TextPositionSelector,
    TextQuoteSelector,
)

CONTEXT = ["http://www.w3.org/ns/anno.jsonld", {"reader": "urn:reader:ns#"}]
_PREDICTION_FIELDS = [
    f.name
    for f in fields(Prediction)
    if f.name
    not in (
        "id",
        "uid",
        "article_id",
        "quote",
        "position",
        "tags",
        "created_at",
        "updated_at",
        "deleted_at",
    )
]


def _target(article: Article, quote: TextQuoteSelector, position: TextPositionSelector) -> dict:
    return {
        "source": f"urn:uuid:{article.uid}",
        "reader:title": article.title,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": quote.exact,
                "prefix": quote.prefix,
                "suffix": quote.suffix,
            },
            {"type": "TextPositionSelector", "start": position.start, "end": position.end},
        ],
    }


def _tags(tags) -> list[dict]:
    return [{"type": "TextualBody", "value": t, "purpose": "tagging"} for t in tags]


def highlight_json(h: Highlight, article: Article, colors: dict[int, ColorSlot]) -> dict:
    body = _tags(h.tags)
    if h.note:
        body.insert(
            0,
            {
                "type": "TextualBody",
                "value": h.note,
                "format": "text/markdown",
                "purpose": "commenting",
            },
        )
    color = colors.get(h.color)
    return {
        "id": f"urn:uuid:{h.uid}",
        "type": "Annotation",
        "motivation": "highlighting",
        "created": h.created_at,
        "modified": h.updated_at,
        "body": body,
        "target": _target(article, h.quote, h.position),
        "reader:color": {"slot": h.color, "name": color.name if color else ""},
    }


def prediction_json(p: Prediction, article: Article) -> dict:
    extension = {k: v for k, v in asdict(p).items() if k in _PREDICTION_FIELDS}
    return {
        "id": f"urn:uuid:{p.uid}",
        "type": "Annotation",
        "motivation": "reader:predicting",
        "created": p.created_at,
        "modified": p.updated_at,
        "body": _tags(p.tags),
        "target": _target(article, p.quote, p.position),
        "reader:prediction": extension,
    }


def bookmark_json(b: Bookmark, article: Article) -> dict:
    return {
        "id": f"urn:uuid:{b.uid}",
        "type": "Annotation",
        "motivation": "bookmarking",
        "created": b.created_at,
        "modified": b.updated_at,
        "target": _target(article, b.quote, b.position),
    }


def collection(items, colors: list[ColorSlot]) -> dict:
    """An AnnotationCollection page of every highlight and prediction of the items."""
    palette = {c.slot: c for c in colors}
    annotations = []
    for item in items:
        annotations += [highlight_json(h, item.article, palette) for h in item.highlights]
        annotations += [prediction_json(p, item.article) for p in item.predictions]
        annotations += [bookmark_json(b, item.article) for b in item.bookmarks]
    return {
        "@context": CONTEXT,
        "type": "AnnotationCollection",
        "total": len(annotations),
        "first": {"type": "AnnotationPage", "items": annotations},
    }


def is_export(path: Path) -> bool:
    """Whether the file is one of Reader's JSON exports (from its first characters)."""
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            head = f.read(1000)
    except OSError:
        return False
    return '"urn:reader:ns#"' in head and '"AnnotationCollection"' in head


def dumps(items, colors: list[ColorSlot]) -> str:
    return json.dumps(collection(items, colors), ensure_ascii=False, indent=2) + "\n"


def _selectors(target: dict) -> tuple[TextQuoteSelector, TextPositionSelector]:
    by_type = {s["type"]: s for s in target["selector"]}
    q, pos = by_type["TextQuoteSelector"], by_type["TextPositionSelector"]
    return (
        TextQuoteSelector(q["exact"], q.get("prefix", ""), q.get("suffix", "")),
        TextPositionSelector(int(pos["start"]), int(pos["end"])),
    )


def parse(text: str) -> list[Highlight | Prediction | Bookmark]:
    """Annotations read back from `dumps` output (ids 0; article ids from the target)."""
    data = json.loads(text)
    out: list[Highlight | Prediction | Bookmark] = []
    for a in data["first"]["items"]:
        quote, position = _selectors(a["target"])
        uid = a["id"].removeprefix("urn:uuid:")
        if a["motivation"] == "bookmarking":
            out.append(Bookmark(0, uid, 0, quote, position, (), a["created"], a["modified"]))
            continue
        tags = tuple(b["value"] for b in a.get("body", []) if b.get("purpose") == "tagging")
        if a["motivation"] == "highlighting":
            note = next((b["value"] for b in a["body"] if b.get("purpose") == "commenting"), "")
            out.append(
                Highlight(
                    0,
                    uid,
                    0,
                    a["reader:color"]["slot"],
                    quote,
                    position,
                    note,
                    tags,
                    a["created"],
                    a["modified"],
                )
            )
        else:
            out.append(
                Prediction(
                    id=0,
                    uid=uid,
                    article_id=0,
                    quote=quote,
                    position=position,
                    tags=tags,
                    created_at=a["created"],
                    updated_at=a["modified"],
                    **a["reader:prediction"],
                )
            )
    return out
