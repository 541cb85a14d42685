"""reader highlight | highlights | colors."""

from __future__ import annotations

import argparse

from reader.cli.output import CommandError, emit_json, message
from reader.core.annotations import anchoring
from reader.core.annotations.highlights import HighlightError, HighlightFilter
from reader.core.models import Highlight
from reader.core.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("highlight", help="highlight a passage of an article")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("text", metavar="TEXT", help="the exact text to highlight")
    p.add_argument("--color", default="1", help="colour name or number 1-5")
    p.add_argument("--note", default="")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--occurrence", type=int, metavar="N", help="which occurrence (1 = first)")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_highlight)

    p = sub.add_parser("highlights", help="list highlights")
    p.add_argument("article", nargs="?", metavar="ARTICLE")
    p.add_argument("--color", help="colour name or number")
    p.add_argument("--tag")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_highlights)


def find_passage(text: str, exact: str, occurrence: int | None) -> tuple[int, int]:
    """The span of `exact` in `text`; refuses missing or ambiguous text clearly."""
    exact = exact.strip()
    starts = anchoring.find_occurrences(text, exact) if exact else []
    if not starts:
        raise CommandError("that text is not in the article (it must match exactly)")
    if occurrence is None and len(starts) > 1:
        lines = "\n".join(
            f"  {n}: {anchoring.occurrence_context(text, s, s + len(exact))}"
            for n, s in enumerate(starts, 1)
        )
        raise CommandError(
            f"the text occurs {len(starts)} times; choose one with --occurrence N:\n{lines}"
        )
    n = 1 if occurrence is None else occurrence
    if not 1 <= n <= len(starts):
        raise CommandError(f"--occurrence must be between 1 and {len(starts)}")
    return starts[n - 1], starts[n - 1] + len(exact)


def highlight_json(
    h: Highlight, colors: dict[int, str], anchored: bool | None = None, page: str | None = None
) -> dict:
    return {
        "id": h.id,
        "uid": h.uid,
        "article_id": h.article_id,
        "exact": h.quote.exact,
        "prefix": h.quote.prefix,
        "suffix": h.quote.suffix,
        "start": h.position.start,
        "end": h.position.end,
        "color": colors.get(h.color, str(h.color)),
        "note": h.note,
        "tags": list(h.tags),
        "anchored": anchored,
        "page": page,  # in a PDF
        "created_at": h.created_at,
        "updated_at": h.updated_at,
    }


def cmd_highlight(args: argparse.Namespace, session: Session) -> int:
    library, highlights = session.library, session.highlights
    article = library.get(library.resolve(args.article))
    try:
        color = highlights.color_slot(args.color)
        start, end = find_passage(article.plain_text, args.text, args.occurrence)
        h = highlights.add(article.id, article.plain_text, start, end, color, args.note, args.tag)
    except HighlightError as exc:
        raise CommandError(str(exc)) from exc
    colors = {c.slot: c.name for c in highlights.colors()}
    if args.json:
        emit_json(highlight_json(h, colors, True))
    else:
        print(f"highlighted {h.id} ({colors[h.color]}): {h.quote.exact[:70]}")
    return 0


def cmd_highlights(args: argparse.Namespace, session: Session) -> int:
    hs = session.highlights
    try:
        color = hs.color_slot(args.color) if args.color else None
    except HighlightError as exc:
        raise CommandError(str(exc)) from exc
    article_id = session.library.resolve(args.article) if args.article else None
    items = hs.query(HighlightFilter(color=color, tag=args.tag, article_id=article_id))
    colors = {c.slot: c.name for c in hs.colors()}
    anchored = _anchored_pages(session, items)
    if args.json:
        emit_json([highlight_json(h, colors, h.id in anchored, anchored.get(h.id)) for h in items])
        return 0
    if not items:
        message("no highlights")
    for h in items:
        flag = "" if h.id in anchored else "  [unanchored]"
        page = anchored.get(h.id)
        tags = " ".join([f"p. {page}"] * bool(page) + [f"#{t}" for t in h.tags])
        print(f"{h.id:>5}  {colors[h.color]:<8} {h.quote.exact[:60]!r}{flag} {tags}".rstrip())
        if h.note:
            print(f"       note: {h.note[:100]}")
    return 0


def _anchored_pages(session: Session, items: list[Highlight]) -> dict[int, str | None]:
    """The anchored highlights among these, with the page each is on (in a PDF)."""
    pages: dict[int, str | None] = {}
    for article_id in {h.article_id for h in items}:
        article = session.library.get(article_id)
        for placed in session.highlights.placed(article_id, article.plain_text):
            if placed.anchor is not None:
                pages[placed.highlight.id] = article.page_at(placed.anchor.start)
    return pages
