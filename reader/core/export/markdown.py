"""Annotations and predictions of one article as Markdown (Obsidian, Logseq, Readwise)."""

from __future__ import annotations

import html as html_lib
import json
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.core.export.files import safe_name
from reader.core.export.template import default_template, fill
from reader.core.library.outline import outline, section_at
from reader.core.library.shelf import Standing
from reader.core.models import Article, Bookmark, ColorSlot, Highlight, Prediction
from reader.core.predictions.service import OUTCOME_LABELS

NOTES_START = "<!-- reader:notes:start -->"
NOTES_END = "<!-- reader:notes:end -->"
BEGINNING = "Beginning"
NOTE_HEADING_LEVEL = 4  # under "## Highlights" and "### <section>"


@dataclass(frozen=True)
class ExportOptions:
    group_by: str = "section"
    include_colors: bool = True
    include_notes: bool = True
    include_predictions: bool = True
    include_rejected: bool = False
    include_proposed: bool = False  # the detector's proposals the reader has not confirmed
    skip_empty: bool = False  # a whole library: no file for an article with nothing in it
    flavour: str = "obsidian"  # or "logseq": a page of blocks with id:: properties
    only_color: int | None = None
    template: str | None = None


@dataclass(frozen=True)
class ArticleAnnotations:
    """What one article contributes to an export; `starts` orders unanchored items last."""

    article: Article
    highlights: tuple[Highlight, ...] = ()
    predictions: tuple[Prediction, ...] = ()
    starts: dict[str, int] = field(default_factory=dict)  # uid -> current start offset
    standing: Standing = field(default_factory=Standing)  # its state, reading, own tags
    bookmarks: tuple[Bookmark, ...] = ()  # the placed ones, in reading order


_HEADING = re.compile(r"<h([23])\b[^>]*>(.*?)</h\1\s*>", re.S | re.I)
_TAG = re.compile(r"<[^>]*>")


def sections(article: Article) -> list[tuple[int, str]]:
    """(offset in the plain text, heading) of each section heading, in reading order.

    The stored HTML is sanitised, well-formed output (nh3), so a pattern finds its
    <h2>/<h3> elements (an HTML parser cost half the time of a 10,000-article export).
    """
    out, cursor = [], 0
    for match in _HEADING.finditer(article.html):
        heading = " ".join(html_lib.unescape(_TAG.sub("", match.group(2))).split())
        at = article.plain_text.find(heading, cursor) if heading else -1
        if at >= 0:
            out.append((at, heading))
            cursor = at + len(heading)
    return out


# what starts Markdown or HTML (CommonMark, GFM, and Obsidian's #tags, ==marks==, $math$,
# %%comments%%, &entities;): each character escaped with a backslash reads as itself
_MARKUP_CHARS = re.compile(r"[\\`*_\[\]<>#|~$]|==|%%|&(?=#?\w+;)")
_LIST_START = re.compile(r"^(\s*)(?:[-+](?=\s|$)|\d+(?=[.)]))")


def text_md(text: str) -> str:
    """Text from an article (a quote, a title, a heading) as Markdown that renders as that
    text: no image, link, HTML, heading or list can come out of it."""
    escaped = _MARKUP_CHARS.sub(lambda m: "".join("\\" + c for c in m.group(0)), text)
    return "\n".join(_LIST_START.sub(_unlisted, line) for line in escaped.split("\n"))


def _unlisted(m: re.Match) -> str:
    """A line opening with "- x" or "12. x" as text: its marker escaped (a digit cannot
    be, the dot after it can)."""
    space, marker = m.group(1), m.group(0)[len(m.group(1)) :]
    return space + (marker + "\\" if marker.isdigit() else "\\" + marker)


def yaml_str(value: str) -> str:
    return json.dumps(value, ensure_ascii=False)  # a JSON string is a valid YAML scalar


def front_matter(
    a: Article,
    tags: list[str],
    exported_at: str,
    state: str = "",
    annotation_tags: list[str] | None = None,
) -> str:
    """The article's own tags under `tags`; those only its highlights and predictions
    carry under `annotation_tags` (they are also written beside each one in the body)."""
    lines = [
        "---",
        f"title: {yaml_str(a.title)}",
        "authors: [" + ", ".join(yaml_str(x) for x in a.authors) + "]",
        f"publication: {yaml_str(a.publication)}",
        f"source: {yaml_str(a.source)}",
        f"saved: {yaml_str(a.saved_at[:10])}",
        f"published: {yaml_str(a.published_at[:10]) if a.published_at else 'null'}",
        f"exported: {yaml_str(exported_at)}",
        "tags: [" + ", ".join(yaml_str(t) for t in tags) + "]",
        *(
            ["annotation_tags: [" + ", ".join(yaml_str(t) for t in annotation_tags) + "]"]
            if annotation_tags
            else []
        ),
        *([f"state: {yaml_str(state)}"] if state else []),
        f"id: {yaml_str(a.uid)}",
        "---",
    ]
    return "\n".join(lines)


def block_id(prefix: str, uid: str) -> str:
    return f"^{prefix}-{uid.replace('-', '')[-12:]}"


_BLOCK_ID = re.compile(r" \^[hpb]-[0-9a-f]{12}$", re.M)


def as_read(text: str) -> str:
    """An exported file as its reader sees it in a notes app: without the front matter
    and the block ids (`^h-…`) that only link to it."""
    body = text.split("\n---\n", 1)[1] if text.startswith("---\n") else text
    return _BLOCK_ID.sub("", body)


def page_of(item: ArticleAnnotations, h: Highlight) -> str | None:
    """The page a highlight is on, in a PDF."""
    return item.article.page_at(item.starts.get(h.uid, h.position.start))


def highlight_markdown(
    h: Highlight,
    colors: dict[int, ColorSlot],
    options: ExportOptions = ExportOptions(),
    page: str | None = None,
) -> str:
    """One highlight: a block quote with a block id, the note right under it, then its
    page (in a PDF), colour and tags."""
    lines = [f"> {line}" if line else ">" for line in text_md(h.quote.exact).split("\n")]
    lines[-1] += f" {block_id('h', h.uid)}"
    meta = [f"p. {page}"] if page else []
    if options.include_colors and h.color in colors:
        meta.append(f"*{colors[h.color].name}*")
    meta += [f"#{t}" for t in h.tags]
    out = "\n".join(lines)
    if options.include_notes and h.note.strip():
        out += "\n\n" + nest_headings(h.note.strip())
    if meta:
        out += "\n\n" + " · ".join(meta)
    return out


_ATX = re.compile(r"^( {0,3})(#{1,6})(?=\s|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


def nest_headings(note: str, top: int = NOTE_HEADING_LEVEL) -> str:
    """A note's own headings moved down so that its highest is level `top` (a "# …" in a
    note must not outrank the export's "## Highlights"); code blocks are left alone."""
    lines, fenced, levels = note.split("\n"), False, []
    for line in lines:
        fenced = fenced != bool(_FENCE.match(line))
        if not fenced and (m := _ATX.match(line)):
            levels.append(len(m.group(2)))
    if not levels or min(levels) >= top:
        return note
    shift, fenced, out = top - min(levels), False, []
    for line in lines:
        fenced = fenced != bool(_FENCE.match(line))
        m = None if fenced else _ATX.match(line)
        if m:
            line = m.group(1) + "#" * min(6, len(m.group(2)) + shift) + line[m.end() :]
        out.append(line)
    return "\n".join(out)


def prediction_markdown(p: Prediction) -> str:
    """One prediction with every field it has (an empty one is left out, not shown
    as a dash)."""

    def joined(*parts: str) -> str:
        return " · ".join(part for part in parts if part)

    outcome = "" if p.outcome == "open" else OUTCOME_LABELS.get(p.outcome, p.outcome)
    if outcome and p.resolved_on:
        outcome += f" (resolved {p.resolved_on})"
    confidence = text_md(p.confidence_text)
    if confidence and p.confidence is not None:
        confidence += f" ({round(p.confidence * 100)}%)"
    fields = [
        ("Speaker", joined(text_md(p.speaker), f"made {p.made_on}" if p.made_on else "")),
        (
            "Horizon",
            joined(text_md(p.horizon), f"resolve by {p.resolve_by}" if p.resolve_by else ""),
        ),
        ("Tags", " ".join(f"#{t}" for t in p.tags)),
        ("The text's confidence", confidence),
        (
            "Yours",
            joined(
                p.stance or "",
                f"probability {p.probability}%" if p.probability is not None else "",
            ),
        ),
        ("Outcome", outcome),
        ("Evidence", evidence_markdown(p.evidence)),
        ("Note", nest_headings(p.note.strip()).replace("\n", "\n    ")),
        ("Source", joined(p.source, p.review) + (f" ({text_md(p.reason)})" if p.reason else "")),
    ]
    lines = [
        f"- **{text_md(p.headline)}** {block_id('p', p.uid)}",
        "",
        *(f"  > {line}" for line in text_md(p.quote.exact).split("\n")),
        "",
        *(f"  - {name}: {value}" for name, value in fields if value),
    ]
    return "\n".join(lines)


def _grouped(
    item: ArticleAnnotations, colors: dict[int, ColorSlot], options: ExportOptions
) -> list[tuple[str, list[Highlight]]]:
    hs = [h for h in item.highlights if options.only_color in (None, h.color)]
    order = {h.uid: item.starts.get(h.uid, h.position.start) for h in hs}
    hs.sort(key=lambda h: (order[h.uid] < 0, order[h.uid]))
    groups: dict[str, list[Highlight]] = {}
    if options.group_by == "color":
        for h in hs:
            groups.setdefault(colors[h.color].name if h.color in colors else "?", []).append(h)
    elif options.group_by == "tag":
        for h in hs:
            for t in h.tags or ("untagged",):
                groups.setdefault(f"#{t}", []).append(h)
    else:
        heads = sections(item.article)
        for h in hs:
            start = order[h.uid]
            name = (
                BEGINNING
                if start < 0
                else next((title for at, title in reversed(heads) if at <= start), BEGINNING)
            )
            groups.setdefault(name, []).append(h)
    return list(groups.items())


def render(
    item: ArticleAnnotations,
    colors: Iterable[ColorSlot],
    exported_at: str,
    options: ExportOptions = ExportOptions(),
) -> str:
    palette = {c.slot: c for c in colors}
    a = item.article
    parts = []
    for name, hs in _grouped(item, palette, options):
        heading = name if options.group_by in ("color", "tag") else text_md(name)
        parts.append(
            f"### {heading}\n\n"
            + "\n\n".join(highlight_markdown(h, palette, options, page_of(item, h)) for h in hs)
        )
    predictions = [p for p in item.predictions if wanted(p, options)]
    predictions.sort(key=lambda p: item.starts.get(p.uid, p.position.start))
    tags, own = all_tags(item, predictions), list(item.standing.tags)
    byline = " · ".join(
        text_md(x)
        for x in (
            ", ".join(a.authors),
            a.publication,
            a.published_at[:10] if a.published_at else "",
        )
        if x
    )
    values = {
        "front_matter": front_matter(
            a, own, exported_at, item.standing.state, [t for t in tags if t not in own]
        ),
        "title": text_md(a.title),
        "byline": byline,
        "authors": text_md(", ".join(a.authors)),
        "publication": text_md(a.publication),
        "source": text_md(a.source),
        "saved": a.saved_at[:10],
        "published": a.published_at or "",
        "exported": exported_at,
        "id": a.uid,
        "tags": " ".join(f"#{t}" for t in tags),
        "highlights": "\n\n".join(parts) or "*No highlights yet.*",
        "predictions": (
            "\n\n".join(prediction_markdown(p) for p in predictions) or "*No predictions.*"
        )
        if options.include_predictions
        else "",
    }
    values["bookmarks"] = bookmarks_markdown(item)
    text = fill(options.template or default_template(), values)
    return re.sub(r"\n{3,}", "\n\n", text).strip() + "\n"


_CITED = re.compile(
    r"“([^”]*)” \(([^()]*)\) reader:highlight/"
    r"([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})"
)


def evidence_markdown(evidence: str) -> str:
    """A prediction's evidence, a passage of the library cited as a link to its highlight's
    block in that article's exported file (Obsidian: [[File#^h-…|Title]])."""

    def cite(m: re.Match) -> str:
        quote, title, uid = m.group(1), m.group(2), m.group(3)
        page = safe_name(title)[: -len(".md")]
        return f"“{text_md(quote)}” ([[{page}#{block_id('h', uid)}|{text_md(title)}]])"

    return _CITED.sub(cite, evidence)  # (the rest as the reader wrote it, as before)


def all_tags(item: ArticleAnnotations, predictions: list[Prediction]) -> list[str]:
    """The article's own tags first, then those of its highlights and these predictions."""
    own = item.standing.tags
    used = {t for h in item.highlights for t in h.tags} | {t for p in predictions for t in p.tags}
    return list(own) + sorted(used - set(own))


def wanted(p: Prediction, options: ExportOptions) -> bool:
    """A prediction the export carries: the reader's and confirmed ones; rejected ones and
    unconfirmed proposals only when asked."""
    if p.review == "rejected":
        return options.include_rejected
    return p.review != "proposed" or options.include_proposed


def has_content(item: ArticleAnnotations, options: ExportOptions) -> bool:
    """Whether the article has anything this export would write."""
    wanted_predictions = options.include_predictions and any(
        wanted(p, options) for p in item.predictions
    )
    return bool(item.highlights or item.bookmarks or wanted_predictions)


def bookmarks_markdown(item: ArticleAnnotations) -> str:
    """A "Bookmarks" section: each one's section and first words (nothing without any)."""
    if not item.bookmarks:
        return ""
    a = item.article
    sections = outline(a.html, a.plain_text)
    lines = []
    for b in item.bookmarks:
        n = section_at(sections, item.starts.get(b.uid, b.position.start))
        where = f"*{text_md(sections[n].title)}* — " if n > 0 else ""
        lines.append(f"- {where}“{text_md(b.quote.exact)}…”")
    return "## Bookmarks\n\n" + "\n".join(lines)


def keep_user_notes(new: str, old: str | None) -> str:
    """Carry the text between the notes markers of an earlier export into the new one."""
    if not old or (NOTES_START not in old and NOTES_END not in old):
        return new
    start, end = old.find(NOTES_START), old.find(NOTES_END)
    if start < 0 or end < start:
        raise ValueError(
            "its reader:notes markers are broken, so your notes in it could be lost; "
            "mend or remove the markers and export again"
        )
    kept = old.split(NOTES_START, 1)[1].split(NOTES_END, 1)[0]
    if NOTES_START not in new or NOTES_END not in new:
        return new.rstrip() + f"\n\n{NOTES_START}{kept}{NOTES_END}\n"
    head, rest = new.split(NOTES_START, 1)
    tail = rest.split(NOTES_END, 1)[1]
    return f"{head}{NOTES_START}{kept}{NOTES_END}{tail}"
