"""W3C Web Annotation JSON: structure, and a round trip back to equal dataclasses."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

from reader.core.export import parse, to_w3c, write_json
from reader.core.export.w3c import ANNO_CONTEXT
from reader.core.models import Highlight, TextPositionSelector, TextQuoteSelector
from tests.core.test_export_markdown import COLORS, annotations, interview


def test_round_trip_gives_equal_dataclasses(tmp_path: Path) -> None:
    a = interview()
    hs, ps = annotations(a)
    hs = [*hs, replace(hs[0], uid="not-a-uuid", id=99, note="", tags=(), created_at="")]
    path = write_json(tmp_path / "interview.json", a, hs, ps, COLORS)
    back_h, back_p = parse(path.read_text(encoding="utf-8"))
    assert back_h == hs
    assert back_p == ps


def test_follows_the_web_annotation_model() -> None:
    a = interview()
    hs, ps = annotations(a)
    doc = json.loads(json.dumps(to_w3c(a, hs[:1], ps[:1], COLORS)))
    assert doc["@context"][0] == ANNO_CONTEXT
    assert doc["type"] == "AnnotationCollection" and doc["total"] == 2
    h, p = doc["first"]["items"]
    assert h["type"] == "Annotation" and h["motivation"] == "highlighting"
    assert h["id"] == f"urn:uuid:{hs[0].uid}"
    assert h["target"]["source"] == f"urn:uuid:{a.uid}"
    quote, pos = h["target"]["selector"]
    assert quote["type"] == "TextQuoteSelector" and quote["exact"] == hs[0].quote.exact
    assert pos == {
        "type": "TextPositionSelector",
        "start": hs[0].position.start,
        "end": hs[0].position.end,
    }
    purposes = [(b["type"], b["purpose"], b["value"]) for b in h["body"]]
    assert purposes == [
        ("TextualBody", "commenting", hs[0].note),
        ("TextualBody", "tagging", "funding"),
        ("TextualBody", "tagging", "Luma AI"),
    ]
    assert h["reader:highlight"]["colorName"] == "Yellow"
    ext = p["reader:prediction"]
    for key in (
        "statement",
        "speaker",
        "horizon",
        "resolve_by",
        "tags",
        "stance",
        "probability",
        "outcome",
        "evidence",
        "note",
        "review",
        "confidence",
    ):
        assert key in ext
    assert ext["probability"] == 65 and ext["tags"] == ["video", "convergence"]


def test_a_url_source_is_the_target_source() -> None:
    a = replace(interview(), source="https://example.org/luma")
    hs, _ = annotations(a)
    doc = to_w3c(a, hs[:1])
    assert doc["first"]["items"][0]["target"]["source"] == "https://example.org/luma"


def test_reads_a_plain_annotation_from_another_tool() -> None:
    foreign = {
        "@context": ANNO_CONTEXT,
        "id": "https://hyp.example/a/1",
        "type": "Annotation",
        "body": {"type": "TextualBody", "purpose": "tagging", "value": "ai"},
        "target": {
            "source": "https://example.org",
            "selector": {"type": "TextQuoteSelector", "exact": "hello", "prefix": "say "},
        },
    }
    (h,), ps = parse(foreign, article_id=7)
    assert ps == []
    assert h == Highlight(
        0,
        "https://hyp.example/a/1",
        7,
        1,
        TextQuoteSelector("hello", "say "),
        TextPositionSelector(0, 0),
        tags=("ai",),
    )
