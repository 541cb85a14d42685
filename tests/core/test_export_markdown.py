"""reader.core.export Markdown: golden file, parse-back, front matter, grouping, options."""

from __future__ import annotations

import html
import os
import re
import tomllib
from dataclasses import replace
from html.parser import HTMLParser

import markdown
import pytest

from reader.core.export import (
    ExportOptions,
    highlight_to_markdown,
    prediction_to_markdown,
    render_markdown,
)
from reader.core.export.markdown import safe_tag
from reader.core.export.sections import sections
from reader.core.models import (
    Article,
    ColorSlot,
    Highlight,
    Prediction,
    TextPositionSelector,
    TextQuoteSelector,
)
from reader.core.resources import resource_path
from tests.conftest import DATA

GOLDEN = DATA / "export" / "core-interview.md"
STAMP = "2026-11-24T12:00:00Z"
COLORS = [
    ColorSlot(1, "Yellow", "#f7d84a"),
    ColorSlot(2, "Green", "#8fd18b"),
    ColorSlot(3, "Blue", "#8cc4f2"),
    ColorSlot(4, "Disagree", "#f29bc2"),
    ColorSlot(5, "Purple", "#c6a7f0"),
]


def interview() -> Article:
    """The bundled interview, its plain text made by a simple strip of the Markdown."""
    md = resource_path("articles", "luma-interview.md").read_text(encoding="utf-8")
    meta = tomllib.loads(resource_path("articles", "luma-interview.toml").read_text("utf-8"))
    blocks, parts = [], []
    for para in re.split(r"\n\s*\n", md):
        lines = [x for x in para.splitlines() if not x.startswith("{:")]
        text = " ".join(" ".join(lines).replace("**", "").replace("*", "").split())
        if not text:
            continue
        if text.startswith("## "):
            text = text[3:]
            parts.append(f"<h2>{html.escape(text)}</h2>")
        else:
            parts.append(f"<p>{html.escape(text)}</p>")
        blocks.append(text)
    plain = "\n".join(blocks)
    return Article(
        id=1,
        uid="7c9e6679-7425-40de-944b-e07fc1f90ae7",
        slug=meta["slug"],
        title=meta["title"],
        authors=tuple(meta["authors"]),
        editors=tuple(meta["editors"]),
        publication=meta["publication"],
        source=meta["source"],
        language="en",
        saved_at="2026-11-20T09:30:00Z",
        published_at=meta["published_at"],
        word_count=len(plain.split()),
        content_format="markdown",
        original=md,
        html=f"<h1>{html.escape(meta['title'])}</h1>\n" + "\n".join(parts),
        plain_text=plain,
        content_hash="0" * 64,
    )


def at(article: Article, exact: str) -> tuple[TextQuoteSelector, TextPositionSelector]:
    start = article.plain_text.index(exact)
    end = start + len(exact)
    text = article.plain_text
    quote = TextQuoteSelector(exact, text[max(0, start - 32) : start], text[end : end + 32])
    return quote, TextPositionSelector(start, end)


def highlight(article: Article, n: int, exact: str, color: int, **kw) -> Highlight:
    quote, pos = at(article, exact)
    uid = f"{n:08x}-1111-4222-8333-{n:012x}"
    stamp = "2026-11-21T10:00:00Z"
    return Highlight(
        n, uid, article.id, color, quote, pos, created_at=stamp, updated_at=stamp, **kw
    )


def prediction(article: Article, n: int, exact: str, **kw) -> Prediction:
    quote, pos = at(article, exact)
    uid = f"{n:08x}-aaaa-4bbb-8ccc-{n:012x}"
    return Prediction(n, uid, article.id, quote, pos, created_at="2026-11-21T10:00:00Z", **kw)


def annotations(a: Article) -> tuple[list[Highlight], list[Prediction]]:
    hs = [
        highlight(
            a,
            1,
            "Luma AI completed a $900 million Series C financing at a valuation of $4 billion",
            1,
            note="Big round: compare with Runway's.",
            tags=("funding", "Luma AI"),
        ),
        highlight(
            a,
            2,
            "large models will no longer treat images, videos, audios, and texts as isolated "
            "modalities",
            2,
            note="The key claim.\n\nSee also the Sora 2 section.",
            tags=("multimodal",),
        ),
        highlight(a, 3, "it needs to find the corresponding relationship", 4),
        highlight(
            a,
            4,
            "what inspiration did the popularity of Sora 2 and Nano Banana bring to model "
            "companies?",
            1,
            tags=("product",),
        ),
        highlight(a, 5, "star startup", 3, deleted_at="2026-11-22T08:00:00Z"),
    ]
    ps = [
        prediction(
            a,
            1,
            "the video-generation model will also experience the same convergence process "
            "next year",
            statement="Video-generation models will converge on one unified model in 2026.",
            speaker="Song Jiaming",
            made_on="2025-11-20",
            horizon="next year",
            resolve_by="2026-12-31",
            confidence_text="believes",
            confidence=0.7,
            tags=("video", "convergence"),
            source="curated",
            stance="agree",
            probability=65,
            note="Check Runway, Pika and Kling releases.",
        ),
        prediction(
            a,
            2,
            "Ray 3 is likely to be Luma's last generation of traditional video-generation models",
            statement="Ray 3 will be Luma's last traditional video-generation model.",
            speaker="Song Jiaming",
            confidence_text="likely",
            tags=("Luma AI",),
            stance="disagree",
            probability=30,
            outcome="partly",
            resolved_on="2026-10-01",
            evidence="Ray 3.5 shipped in September 2026.",
        ),
        prediction(
            a,
            3,
            "After the novelty wears off, ordinary users are unlikely to continue paying",
            statement="Ordinary users will stop paying for video models.",
            source="detected",
            review="rejected",
            reason="modal: unlikely",
        ),
    ]
    return hs, ps


def render(options: ExportOptions = ExportOptions()) -> str:
    a = interview()
    hs, ps = annotations(a)
    return render_markdown(a, hs, ps, COLORS, options, STAMP)


# --- a tiny parser for the YAML subset the export writes -----------------------------------


def _yaml_scalar(raw: str):
    if raw == "null":
        return None
    if raw == "[]":
        return []
    assert raw.startswith('"') and raw.endswith('"'), raw
    escapes = {"n": "\n", "t": "\t", '"': '"', "\\": "\\"}

    def one(m: re.Match[str]) -> str:
        s = m.group(1)
        if s[0] in "uU":
            return chr(int(s[1:], 16))
        return escapes[s]

    body = raw[1:-1]
    assert not re.search(r'(?<!\\)"', body.replace("\\\\", "")), raw
    return re.sub(r"\\(u[0-9a-f]{4}|U[0-9a-f]{8}|.)", one, body)


def front_matter(text: str) -> dict:
    assert text.startswith("---\n")
    block = text[4 : text.index("\n---\n", 4)]
    out: dict = {}
    key = None
    for line in block.splitlines():
        if line.startswith("  - "):
            out[key].append(_yaml_scalar(line[4:]))
            continue
        key, _, raw = line.partition(": ") if ": " in line else (line[:-1], ":", "")
        assert re.fullmatch(r"[a-z_]+", key), line
        out[key] = _yaml_scalar(raw) if raw else []
    return out


class _Quotes(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.depth, self.quotes, self.text = 0, [], []

    def handle_starttag(self, tag, attrs):
        if tag == "blockquote":
            self.depth, self.text = self.depth + 1, []

    def handle_endtag(self, tag):
        if tag == "blockquote":
            self.depth -= 1
            self.quotes.append("".join(self.text))

    def handle_data(self, data):
        if self.depth:
            self.text.append(data)


def quotes_in(md_text: str) -> list[str]:
    body = md_text.split("\n---\n", 1)[1]
    parser = _Quotes()
    parser.feed(markdown.markdown(body))
    return [" ".join(q.split()) for q in parser.quotes]


# --- tests ------------------------------------------------------------------------------------


def test_golden_file() -> None:
    text = render()
    if os.environ.get("REGEN_GOLDEN"):
        GOLDEN.write_text(text, encoding="utf-8")
    assert text == GOLDEN.read_text(encoding="utf-8")


def test_every_quote_parses_back_and_is_in_the_article() -> None:
    a = interview()
    plain = " ".join(a.plain_text.split())
    quotes = quotes_in(render())
    assert len(quotes) == 4 + 2  # live highlights + confirmed predictions
    for q in quotes:
        assert q and q in plain, q


def test_front_matter_is_well_formed() -> None:
    a = interview()
    fm = front_matter(render())
    assert fm["title"] == a.title
    assert fm["authors"] == ["Fu Chong", "Zhou Xinyu"]
    assert fm["publication"] == "Intelligent Emergence"
    assert fm["source"] == a.source
    assert fm["saved"] == "2026-11-20"
    assert fm["published"] == "2025-11-20"
    assert fm["exported"] == STAMP
    assert fm["id"] == a.uid
    assert fm["tags"] == ["convergence", "funding", "Luma-AI", "multimodal", "product", "video"]


def test_hostile_strings_stay_inside_their_yaml_scalars() -> None:
    title = 'Re: "Quotes" #not-a-comment \\ back: slash\nnew line \x07 bell — 🎬 ok'
    a = replace(interview(), title=title, authors=("O'Brien: Jr.", "- dash"), published_at=None)
    fm = front_matter(render_markdown(a, [], [], COLORS, ExportOptions(), STAMP))
    assert fm["title"] == title
    assert fm["authors"] == ["O'Brien: Jr.", "- dash"]
    assert fm["published"] is None
    assert fm["tags"] == []


def test_highlights_sit_under_their_sections_in_reading_order() -> None:
    a = interview()
    heads = [s.title for s in sections(a)]
    assert heads == [
        "The Future of Video-Generation Models: Reasoning Ability and Unified Multimodality",
        "The To C Era Hasn't Arrived Yet",
    ]
    text = render()
    order = [
        text.index("$900 million"),
        text.index("### " + heads[0]),
        text.index("no longer treat images"),
        text.index("corresponding relationship"),
        text.index("### " + heads[1]),
        text.index("Nano Banana"),
        text.index("## Predictions"),
    ]
    assert order == sorted(order)
    assert "star startup" not in text  # deleted


def test_group_by_colour() -> None:
    text = render(ExportOptions(group_by="color"))
    yellow, green, disagree = (text.index(f"### {n}\n") for n in ("Yellow", "Green", "Disagree"))
    assert yellow < text.index("$900 million") < text.index("Nano Banana") < green
    assert green < text.index("no longer treat") < disagree < text.index("corresponding")
    assert "### Blue" not in text


def test_group_by_tag() -> None:
    text = render(ExportOptions(group_by="tag"))
    heads = re.findall(r"^### (.+)$", text, re.MULTILINE)
    assert heads == ["funding", "Luma AI", "multimodal", "product", "Untagged"]
    assert text.count("$900 million") == 2  # under both of its tags
    assert text.index("### Untagged") < text.index("corresponding relationship")


def test_only_colour() -> None:
    text = render(ExportOptions(only_color=2))
    assert "no longer treat images" in text
    assert "$900 million" not in text and "Nano Banana" not in text
    assert "Ray 3 will be" in text  # predictions are not highlights


def test_rejected_predictions_only_when_asked() -> None:
    assert "Ordinary users will stop paying" not in render()
    text = render(ExportOptions(include_rejected=True))
    assert "Ordinary users will stop paying" in text
    assert "detected, rejected — modal: unlikely" in text


def test_leaving_out_colours_notes_and_predictions() -> None:
    text = render(
        ExportOptions(include_colors=False, include_notes=False, include_predictions=False)
    )
    assert "*Yellow*" not in text and "Big round" not in text
    assert "## Predictions" not in text and "Ray 3 will be" not in text
    assert "#funding #Luma-AI" in text  # tags stay


def test_copy_one_highlight_and_one_prediction() -> None:
    a = interview()
    hs, ps = annotations(a)
    h = highlight_to_markdown(hs[0], COLORS)
    assert h.startswith("> Luma AI completed a $900 million")
    assert "\n\n^h-00000001\n\n*Yellow* · #funding #Luma-AI\n\nBig round" in h
    p = prediction_to_markdown(ps[1])
    assert p.startswith("**Ray 3 will be Luma's last traditional video-generation model.** ^p-")
    for field in ("Speaker: Song Jiaming", "Resolve by: —", "Your stance: disagree"):
        assert field in p
    assert "Your probability: 30%" in p
    assert "Outcome: partly came true (resolved 2026-10-01)" in p
    assert "Evidence: Ray 3.5 shipped" in p


def test_markdown_characters_in_quotes_are_shown_literally() -> None:
    lines = [
        "Intro",
        "1. *not* _emphasis_ [link](x) <b>tag</b> &amp; `code` \\ back",
        "# not a heading > q",
        "- not a list + either",
    ]
    text = "\n".join(lines)
    a = replace(interview(), plain_text=text, html="<p>x</p>")
    hs = []
    for n, line in enumerate(lines[1:], 1):
        start = text.index(line)
        span = TextPositionSelector(start, start + len(line))
        hs.append(Highlight(n, f"u{n}", 1, 1, TextQuoteSelector(line), span))
    quotes = quotes_in(render_markdown(a, hs, [], COLORS, ExportOptions(), STAMP))
    assert quotes == lines[1:]


def test_safe_tags_and_unique_block_ids() -> None:
    assert safe_tag("machine learning") == "machine-learning"
    assert safe_tag("#AI, ethics!") == "AI-ethics"
    assert safe_tag("2026") == "_2026"
    assert safe_tag("  ") == ""
    a = interview()
    h1, h2 = annotations(a)[0][:2]
    twins = [
        replace(h1, uid="abcdef12-0000-0000-0000-000000000001"),
        replace(h2, uid="abcdef12-0000-0000-0000-000000000002"),
    ]
    text = render_markdown(a, twins, [], COLORS, ExportOptions(), STAMP)
    ids = re.findall(r"\^(h-[0-9a-z]+)", text)
    assert len(ids) == len(set(ids)) == 2
    assert all(i.startswith("h-abcdef12") for i in ids)


def test_unknown_group_by_is_refused() -> None:
    with pytest.raises(ValueError, match="group_by"):
        ExportOptions(group_by="author")
