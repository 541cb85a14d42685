"""One article's highlights and predictions as Markdown for Obsidian, Logseq or Readwise."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

from reader.core.export import merge
from reader.core.export.sections import Section, section_path, sections
from reader.core.export.template import check, default_template
from reader.core.export.template import render as fill
from reader.core.models import Article, ColorSlot, Highlight, Prediction

GROUPS = ("section", "color", "tag")
OUTCOMES = {
    "open": "open",
    "true": "came true",
    "false": "came false",
    "partly": "partly came true",
    "unknown": "can't tell",
}
FIELDS = {
    "front_matter": "YAML front matter (title, authors, publication, source, dates, tags, id)",
    "title": "the article's title",
    "byline": "authors · publication · date published",
    "authors": "authors, comma separated",
    "publication": "the publication",
    "source": "where the article came from (path or URL)",
    "saved": "date saved",
    "published": "date published, if known",
    "exported": "date and time of this export (UTC)",
    "id": "the article's stable id",
    "tags": "every tag of its highlights and predictions, as #tags",
    "highlights": "the highlights, grouped as chosen",
    "predictions": "the predictions with every field",
    "highlight_count": "how many highlights are exported",
    "prediction_count": "how many predictions are exported",
}


@dataclass(frozen=True)
class ExportOptions:
    group_by: str = "section"  # section | color | tag
    include_colors: bool = True
    include_notes: bool = True
    include_predictions: bool = True
    include_rejected: bool = False
    only_color: int | None = None
    template: str | None = None  # template text; None: resources/export/default-template.md

    def __post_init__(self) -> None:
        if self.group_by not in GROUPS:
            raise ValueError(f"group_by must be one of {', '.join(GROUPS)}, not {self.group_by!r}")


# --- small formatting helpers -------------------------------------------------------------


def yaml_str(value: str) -> str:
    """A double-quoted YAML scalar: safe for any text (colons, quotes, '#', emoji, controls)."""
    out = ['"']
    for ch in value:
        if ch in '"\\':
            out.append("\\" + ch)
        elif ch == "\n":
            out.append("\\n")
        elif ch == "\t":
            out.append("\\t")
        elif unicodedata.category(ch) in ("Cc", "Cs", "Co", "Cn") or ch in "\u2028\u2029\ufeff":
            code = ord(ch)
            out.append(f"\\u{code:04x}" if code <= 0xFFFF else f"\\U{code:08x}")
        else:
            out.append(ch)
    out.append('"')
    return "".join(out)


def yaml_list(key: str, items: Sequence[str]) -> list[str]:
    if not items:
        return [f"{key}: []"]
    return [f"{key}:", *(f"  - {yaml_str(x)}" for x in items)]


def safe_tag(tag: str) -> str:
    """A tag Obsidian and Logseq read as one tag: spaces become '-', punctuation dropped."""
    tag = re.sub(r"\s+", "-", tag.strip().lstrip("#"))
    tag = re.sub(r"[^\w/-]", "", tag).strip("-/")
    if tag and tag.replace("_", "").isdigit():
        tag = f"_{tag}"  # an all-digit tag is not a tag in Obsidian
    return tag


def hashtags(tags: Iterable[str]) -> str:
    return " ".join(f"#{t}" for t in dict.fromkeys(safe_tag(t) for t in tags) if t)


LINE_START = re.compile(r"^(\s*)([#>+=|-]|\d+(?=[.)]))")


def escape_line(line: str) -> str:
    """Text shown literally in Markdown (python-markdown and CommonMark alike)."""
    line = re.sub(r"([\\`*_\[\]])", r"\\\1", line)
    line = re.sub(r"&(?=#?\w+;)", "&amp;", line).replace("<", "&lt;")
    m = LINE_START.match(line)
    if m and m.group(2).isdigit():
        n = m.end()
        return line[:n] + "\\" + line[n:]
    if m:
        return f"{m.group(1)}\\{line[m.end(1) :]}"
    return line


def block_key(prefix: str, uid: str, length: int = 8) -> str:
    """The block id (without '^') of an item: from its stable uid, so it survives re-export."""
    clean = re.sub(r"[^0-9a-z]", "", uid.lower()) or "0"
    return f"{prefix}-{clean[:length]}"


def quote_block(exact: str, key: str | None = None) -> str:
    """The text as a block quote, line by line; the block id, if any, ends its last line."""
    lines = [escape_line(x) for x in exact.split("\n")]
    out = [f"> {x}" if x.strip() else ">" for x in lines]
    if key:
        out[-1] += f" ^{key}"
    return "\n".join(out)


def indent(text: str, pad: str = "  ") -> str:
    return text.replace("\n", "\n" + pad)


# --- one item ------------------------------------------------------------------------------


Colors = Iterable[ColorSlot] | Mapping[int, ColorSlot | str]


def _color_names(colors: Colors) -> dict[int, str]:
    if isinstance(colors, Mapping):
        return {k: c if isinstance(c, str) else c.name for k, c in colors.items()}
    return {c.slot: c.name for c in colors}


def highlight_to_markdown(
    h: Highlight,
    colors: Colors = (),
    options: ExportOptions = ExportOptions(),
    key: str | None = None,
    kept: str | None = None,
) -> str:
    """One highlight: a block quote ending in its block id, colour and #tags, then the note."""
    key = key or block_key("h", h.uid)
    out = quote_block(h.quote.exact, key)
    meta = []
    if options.include_colors:
        names = _color_names(colors)
        meta.append(f"*{names.get(h.color, f'Colour {h.color}')}*")
    if h.tags:
        meta.append(hashtags(h.tags))
    if meta:
        out += "\n\n" + " · ".join(m for m in meta if m)
    if options.include_notes and h.note.strip():
        out += "\n\n" + h.note.strip()
    if kept is not None:
        out += "\n\n" + merge.region(key, kept)
    return out


def _pct(value: float | int | None, scale: float = 1) -> str:
    return "—" if value is None else f"{round(value * scale)}%"


def prediction_to_markdown(p: Prediction, key: str | None = None, kept: str | None = None) -> str:
    """One prediction with every field, as a bold statement with its block id and a list."""
    key = key or block_key("p", p.uid)
    statement = " ".join((p.statement or p.quote.exact).split())
    outcome = OUTCOMES.get(p.outcome, p.outcome)
    if p.resolved_on and p.outcome != "open":
        outcome += f" (resolved {p.resolved_on})"
    confidence = p.confidence_text or "—"
    if p.confidence is not None:
        confidence += f" ({_pct(p.confidence, 100)})"
    origin = f"{p.source}, {p.review}" + (f" — {p.reason}" if p.reason else "")
    fields = [
        ("Speaker", p.speaker or "—"),
        ("Made on", p.made_on or "—"),
        ("Horizon", p.horizon or "—"),
        ("Resolve by", p.resolve_by or "—"),
        ("Tags", hashtags(p.tags) or "—"),
        ("Confidence in the text", confidence),
        ("Your stance", p.stance or "—"),
        ("Your probability", _pct(p.probability)),
        ("Outcome", outcome),
        ("Evidence", indent(p.evidence.strip()) or "—"),
        ("Note", indent(p.note.strip()) or "—"),
        ("Origin", origin),
    ]
    lines = [f"**{escape_line(statement)}** ^{key}", ""]
    lines += [f"- {name}: {value}" for name, value in fields]
    lines += ["", quote_block(p.quote.exact)]
    out = "\n".join(lines)
    if kept is not None:
        out += "\n\n" + merge.region(key, kept)
    return out


# --- one article ---------------------------------------------------------------------------


def _keys(uids: Iterable[str], prefix: str) -> dict[str, str]:
    """Block ids unique within one file: the uid prefix, longer where two would collide."""
    uids = list(dict.fromkeys(uids))
    for length in (8, 12, 16, 32):
        keys = {u: block_key(prefix, u, length) for u in uids}
        if len(set(keys.values())) == len(keys):
            return keys
    return {u: f"{block_key(prefix, u, 32)}-{n}" for n, u in enumerate(uids, 1)}


def _in_order(items: Iterable[Highlight | Prediction]) -> list:
    return sorted(items, key=lambda x: (x.position.start, x.position.end, x.uid))


def _by_section(hs: list[Highlight], article: Article, render_one) -> list[str]:
    secs = sections(article)
    out: list[str] = []
    current: tuple[Section, ...] = ()
    for h in hs:
        path = section_path(secs, h.position.start)
        if path != current:
            common = 0
            while common < min(len(path), len(current)) and path[common] == current[common]:
                common += 1
            out += [f"{'#' * (s.level + 1)} {s.title}" for s in path[common:]]
            current = path
        out.append(render_one(h))
    return out


def _grouped(
    hs: list[Highlight], article: Article, names: dict[int, str], options: ExportOptions, render_one
) -> list[str]:
    if options.group_by == "section":
        return _by_section(hs, article, render_one)
    groups: dict[str, list[Highlight]] = {}
    if options.group_by == "color":
        for h in sorted(hs, key=lambda h: h.color):  # stable: reading order within a colour
            groups.setdefault(names.get(h.color, f"Colour {h.color}"), []).append(h)
    else:
        for tag in sorted({t for h in hs for t in h.tags}, key=str.casefold):
            groups[tag] = [h for h in hs if tag in h.tags]
        untagged = [h for h in hs if not h.tags]
        if untagged:
            groups["Untagged"] = untagged
    out: list[str] = []
    for name, members in groups.items():
        out.append(f"### {escape_line(name)}")
        out += [render_one(h) for h in members]
    return out


def front_matter(article: Article, tags: Sequence[str], exported_at: str) -> str:
    a = article
    lines = [
        "---",
        f"title: {yaml_str(a.title)}",
        *yaml_list("authors", a.authors),
        f"publication: {yaml_str(a.publication)}",
        f"source: {yaml_str(a.source)}",
        f"saved: {yaml_str(a.saved_at[:10])}",
        f"published: {yaml_str(a.published_at[:10]) if a.published_at else 'null'}",
        f"exported: {yaml_str(exported_at)}",
        *yaml_list("tags", tags),
        f"id: {yaml_str(a.uid)}",
        "---",
    ]
    return "\n".join(lines)


EMPTY_HEADING = re.compile(r"^#{1,2} [^\n]*\n(?:[ \t]*\n)*(?=#{1,2} |\Z)", re.MULTILINE)


def render_markdown(
    article: Article,
    highlights: Iterable[Highlight],
    predictions: Iterable[Prediction],
    colors: Iterable[ColorSlot] = (),
    options: ExportOptions = ExportOptions(),
    exported_at: str | None = None,
    kept: Mapping[str, str] | None = None,
) -> str:
    """The article's Markdown file. `kept`: the user's keyed notes of an earlier export."""
    template = options.template if options.template is not None else default_template()
    check(template, FIELDS)
    kept = kept or {}
    names = _color_names(colors)
    hs = _in_order(
        h for h in highlights if h.deleted_at is None and options.only_color in (None, h.color)
    )
    ps = []
    if options.include_predictions:
        ps = _in_order(
            p
            for p in predictions
            if p.deleted_at is None and (options.include_rejected or p.review != "rejected")
        )
    hkeys, pkeys = _keys((h.uid for h in hs), "h"), _keys((p.uid for p in ps), "p")

    def one_highlight(h: Highlight) -> str:
        key = hkeys[h.uid]
        return highlight_to_markdown(h, names, options, key, kept.get(key))

    blocks = _grouped(hs, article, names, options, one_highlight)
    pblocks = [prediction_to_markdown(p, pkeys[p.uid], kept.get(pkeys[p.uid])) for p in ps]
    tags = sorted({safe_tag(t) for x in (*hs, *ps) for t in x.tags} - {""}, key=str.casefold)
    stamp = exported_at or utc_stamp()
    a = article
    published = a.published_at[:10] if a.published_at else ""
    values = {
        "front_matter": front_matter(a, tags, stamp),
        "title": a.title,
        "byline": " · ".join(x for x in (", ".join(a.authors), a.publication, published) if x),
        "authors": ", ".join(a.authors),
        "publication": a.publication,
        "source": a.source,
        "saved": a.saved_at[:10],
        "published": published,
        "exported": stamp,
        "id": a.uid,
        "tags": hashtags(tags),
        "highlights": "\n\n".join(blocks),
        "predictions": "\n\n".join(pblocks),
        "highlight_count": len(hs),
        "prediction_count": len(ps),
    }
    text = fill(template, values)
    text = EMPTY_HEADING.sub("", text)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


def utc_stamp() -> str:
    return datetime.now(UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
