"""W3C Web Annotation JSON (https://www.w3.org/TR/annotation-model/) and back.

Every highlight is an ``Annotation`` with motivation ``highlighting``. Its ``target`` has the
article as ``source`` (its URL when it has one, else ``urn:uuid:<article uid>``) and two
selectors over the article's canonical plain text: ``TextQuoteSelector`` (exact, prefix,
suffix) and ``TextPositionSelector`` (start, end). The note is a ``TextualBody`` with purpose
``commenting`` (format text/markdown); each tag a ``TextualBody`` with purpose ``tagging``.

Reader's own fields are in the extension namespace ``reader:`` (``urn:reader:ns#``, declared
in the ``@context``), which other tools ignore:

- ``reader:highlight`` on a highlight: ``id``, ``article_id``, ``color`` (slot 1..5),
  ``colorName``, ``deleted_at``.
- ``reader:prediction`` on a prediction: every field of the Prediction except the selectors
  (id, uid, article_id, statement, speaker, made_on, horizon, resolve_by, confidence_text,
  confidence, tags, source, review, reason, note, stance, probability, outcome, resolved_on,
  evidence, created_at, updated_at, deleted_at). A prediction also has motivation
  ``highlighting`` (so other tools show it as a highlight), a ``describing`` body with its
  statement and the same note and tag bodies as a highlight.
- ``reader:article`` on the collection: the article's id, uid, title and source.

:func:`parse` reads such JSON back into Highlight and Prediction objects; it also accepts
plain annotations from other tools (then id 0, colour 1, empty fields where nothing is known).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from dataclasses import asdict, fields
from typing import Any

from reader.core.models import (
    Article,
    ColorSlot,
    Highlight,
    Prediction,
    TextPositionSelector,
    TextQuoteSelector,
)

ANNO_CONTEXT = "http://www.w3.org/ns/anno.jsonld"
NAMESPACE = "urn:reader:ns#"
CONTEXT: list[Any] = [ANNO_CONTEXT, {"reader": NAMESPACE}]
UUID = re.compile(r"[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}\Z")
PREDICTION_FIELDS = [f.name for f in fields(Prediction) if f.name not in ("quote", "position")]


def _urn(uid: str, kind: str) -> str:
    return f"urn:uuid:{uid}" if UUID.match(uid) else f"urn:reader:{kind}:{uid}"


def _uid(iri: str) -> str:
    for prefix in ("urn:uuid:", "urn:reader:highlight:", "urn:reader:prediction:"):
        if iri.startswith(prefix):
            return iri[len(prefix) :]
    return iri


def article_source(article: Article) -> str:
    if re.match(r"https?://", article.source):
        return article.source
    return _urn(article.uid, "article")


def _target(source: str, quote: TextQuoteSelector, pos: TextPositionSelector) -> dict:
    return {
        "source": source,
        "selector": [
            {
                "type": "TextQuoteSelector",
                "exact": quote.exact,
                "prefix": quote.prefix,
                "suffix": quote.suffix,
            },
            {"type": "TextPositionSelector", "start": pos.start, "end": pos.end},
        ],
    }


def _bodies(note: str, tags: Iterable[str]) -> list[dict]:
    out = []
    if note:
        out.append(
            {
                "type": "TextualBody",
                "purpose": "commenting",
                "value": note,
                "format": "text/markdown",
            }
        )
    out += [{"type": "TextualBody", "purpose": "tagging", "value": t} for t in tags]
    return out


def _dates(created: str, updated: str) -> dict:
    out = {}
    if created:
        out["created"] = created
    if updated:
        out["modified"] = updated
    return out


def highlight_annotation(h: Highlight, source: str, colors: dict[int, str]) -> dict:
    return {
        "id": _urn(h.uid, "highlight"),
        "type": "Annotation",
        "motivation": "highlighting",
        **_dates(h.created_at, h.updated_at),
        "body": _bodies(h.note, h.tags),
        "target": _target(source, h.quote, h.position),
        "reader:highlight": {
            "id": h.id,
            "article_id": h.article_id,
            "color": h.color,
            "colorName": colors.get(h.color, ""),
            "deleted_at": h.deleted_at,
        },
    }


def prediction_annotation(p: Prediction, source: str) -> dict:
    statement = {"type": "TextualBody", "purpose": "describing", "value": p.statement}
    record = asdict(p)
    return {
        "id": _urn(p.uid, "prediction"),
        "type": "Annotation",
        "motivation": "highlighting",
        **_dates(p.created_at, p.updated_at),
        "body": [statement, *_bodies(p.note, p.tags)],
        "target": _target(source, p.quote, p.position),
        "reader:prediction": {
            k: list(record[k]) if k == "tags" else record[k] for k in PREDICTION_FIELDS
        },
    }


def to_w3c(
    article: Article,
    highlights: Iterable[Highlight],
    predictions: Iterable[Prediction] = (),
    colors: Iterable[ColorSlot] = (),
) -> dict:
    """An AnnotationCollection with one page holding the article's annotations."""
    names = {c.slot: c.name for c in colors}
    source = article_source(article)
    items = [highlight_annotation(h, source, names) for h in highlights]
    items += [prediction_annotation(p, source) for p in predictions]
    return {
        "@context": CONTEXT,
        "id": _urn(article.uid, "article") + "#annotations",
        "type": "AnnotationCollection",
        "label": f"Annotations on {article.title}",
        "total": len(items),
        "reader:article": {
            "id": article.id,
            "uid": article.uid,
            "title": article.title,
            "source": article.source,
        },
        "first": {"type": "AnnotationPage", "startIndex": 0, "items": items},
    }


def dumps(*args: Any, **kwargs: Any) -> str:
    """to_w3c(...) as indented JSON text."""
    return json.dumps(to_w3c(*args, **kwargs), ensure_ascii=False, indent=2) + "\n"


# --- reading it back ------------------------------------------------------------------------


def annotations(data: Any) -> list[dict]:
    """The annotations in a collection, a page, a list, or a single annotation."""
    if isinstance(data, list):
        return [a for item in data for a in annotations(item)]
    if not isinstance(data, dict):
        raise ValueError("not Web Annotation JSON: expected an object or a list")
    kind = data.get("type")
    if kind == "AnnotationCollection":
        out, page = [], data.get("first")
        while isinstance(page, dict):
            out += annotations(page)
            page = page.get("next")
        return out
    if kind == "AnnotationPage":
        return annotations(data.get("items", []))
    if kind == "Annotation" or (isinstance(kind, list) and "Annotation" in kind):
        return [data]
    raise ValueError(f"not Web Annotation JSON: unexpected type {kind!r}")


def _as_list(value: Any) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _selectors(anno: dict) -> tuple[TextQuoteSelector, TextPositionSelector]:
    target = _as_list(anno.get("target"))
    found = [s for t in target if isinstance(t, dict) for s in _as_list(t.get("selector"))]
    quote = next((s for s in found if s.get("type") == "TextQuoteSelector"), None)
    pos = next((s for s in found if s.get("type") == "TextPositionSelector"), None)
    if quote is None and pos is None:
        raise ValueError(f"annotation {anno.get('id', '?')} has no text selector")
    q = quote or {}
    p = pos or {"start": 0, "end": 0}  # unknown: anchor by the quote
    return (
        TextQuoteSelector(q.get("exact", ""), q.get("prefix", ""), q.get("suffix", "")),
        TextPositionSelector(int(p["start"]), int(p["end"])),
    )


def _body_values(anno: dict, purpose: str) -> list[str]:
    out = []
    for b in _as_list(anno.get("body")):
        if isinstance(b, dict) and b.get("purpose") == purpose and "value" in b:
            out.append(str(b["value"]))
    return out


def parse_annotation(anno: dict, article_id: int = 0) -> Highlight | Prediction:
    quote, position = _selectors(anno)
    uid = _uid(str(anno.get("id", "")))
    if "reader:prediction" in anno:
        record = dict(anno["reader:prediction"])
        record["tags"] = tuple(record.get("tags", ()))
        known = {k: record[k] for k in PREDICTION_FIELDS if k in record}
        known.setdefault("uid", uid)
        known.setdefault("id", 0)
        known.setdefault("article_id", article_id)
        known.setdefault("statement", "")
        return Prediction(quote=quote, position=position, **known)
    ext = anno.get("reader:highlight", {})
    return Highlight(
        id=int(ext.get("id", 0)),
        uid=uid,
        article_id=int(ext.get("article_id", article_id)),
        color=int(ext.get("color", 1)),
        quote=quote,
        position=position,
        note="\n\n".join(_body_values(anno, "commenting")),
        tags=tuple(_body_values(anno, "tagging")),
        created_at=str(anno.get("created", "")),
        updated_at=str(anno.get("modified", "")),
        deleted_at=ext.get("deleted_at"),
    )


def parse(data: str | dict | list, article_id: int = 0) -> tuple[list[Highlight], list[Prediction]]:
    """Highlights and predictions from Web Annotation JSON (text or already decoded)."""
    if isinstance(data, str):
        data = json.loads(data)
    highlights: list[Highlight] = []
    predictions: list[Prediction] = []
    for anno in annotations(data):
        item = parse_annotation(anno, article_id)
        (predictions if isinstance(item, Prediction) else highlights).append(item)
    return highlights, predictions
