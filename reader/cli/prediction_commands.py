"""reader predictions | predict."""

from __future__ import annotations

import argparse
import sys
from datetime import date

from reader.cli.highlight_commands import find_passage
from reader.cli.output import CommandError, emit_json, message
from reader.core.models import Prediction
from reader.core.predictions.service import PredictionError, PredictionFilter
from reader.core.session import Session
from reader.core.text import clip_words


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("predictions", help="list predictions")
    p.add_argument("article", nargs="?", metavar="ARTICLE")
    p.add_argument("--tag")
    p.add_argument("--status", help="proposed, confirmed, rejected, open, resolved or due")
    p.add_argument("--due", action="store_true", help="resolve-by passed or within 30 days")
    p.add_argument(
        "--format",
        choices=["text", "json", "csv", "markdown"],
        default="text",
        help="csv: a row per prediction; markdown: the ledger with its scores",
    )
    p.add_argument("--json", action="store_true", help="the same as --format json")
    p.set_defaults(func=cmd_predictions)

    p = sub.add_parser("predict", help="mark a passage as a prediction")
    p.add_argument("article", metavar="ARTICLE")
    p.add_argument("text", metavar="TEXT", help="the exact text of the passage")
    p.add_argument("--tag", action="append", default=[], metavar="TAG")
    p.add_argument("--resolve-by", metavar="DATE", help="e.g. 2026-12-31")
    p.add_argument("--statement", default="")
    p.add_argument("--occurrence", type=int, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_predict)


def prediction_json(p: Prediction, anchored: bool | None = None) -> dict:
    return {
        "id": p.id,
        "uid": p.uid,
        "article_id": p.article_id,
        "quote": p.quote.exact,
        "start": p.position.start,
        "end": p.position.end,
        "statement": p.statement,
        "speaker": p.speaker,
        "made_on": p.made_on,
        "horizon": p.horizon,
        "resolve_by": p.resolve_by,
        "confidence_text": p.confidence_text,
        "confidence": p.confidence,
        "tags": list(p.tags),
        "source": p.source,
        "review": p.review,
        "reason": p.reason,
        "stance": p.stance,
        "probability": p.probability,
        "outcome": p.outcome,
        "resolved_on": p.resolved_on,
        "evidence": p.evidence,
        "note": p.note,
        "anchored": anchored,
    }


def cmd_predictions(args: argparse.Namespace, session: Session) -> int:
    article_id = session.library.resolve(args.article) if args.article else None
    flt = PredictionFilter(article_id=article_id, tag=args.tag, status=args.status, due=args.due)
    try:
        items = session.predictions.query(flt, date.today())
    except PredictionError as exc:
        raise CommandError(str(exc)) from exc
    anchored: set[int] = set()
    for aid in {p.article_id for p in items}:
        text = session.library.get(aid).plain_text
        anchored |= {pp.item.id for pp in session.predictions.placed(aid, text) if pp.anchor}
    if args.json or args.format == "json":
        emit_json([prediction_json(p, p.id in anchored) for p in items])
        return 0
    if args.format in ("csv", "markdown"):
        from reader.core.export.ledger import ledger_csv, ledger_markdown
        from reader.core.predictions.ledger import summarise

        titles = session.library.titles({p.article_id for p in items})
        if args.format == "csv":
            sys.stdout.write(ledger_csv(items, titles))
        else:
            sys.stdout.write(ledger_markdown(items, summarise(items, date.today()), titles))
        return 0
    if args.due:  # said on stderr: the list itself stays on stdout for pipes
        n = len(items)
        message(f"{n} prediction{'s are' if n != 1 else ' is'} due" if n else "none is due")
    elif not items:
        message("no predictions")
    for p in items:
        print(_line(p))
    return 0


def _line(p: Prediction) -> str:
    """One prediction on a line: "   12  [confirmed/open] Song Jiaming by 2026-12-31:
    Ray 3 is Luma's last… #luma-strategy" (who and when only where known)."""
    who = " ".join(
        part for part in (p.speaker, f"by {p.resolve_by}" if p.resolve_by else "") if part
    )
    head = f"{p.id:>5}  [{p.review}/{p.outcome}]" + (f" {who}:" if who else "")
    tags = " ".join(f"#{t}" for t in p.tags)
    return " ".join(part for part in (head, clip_words(p.statement, 90), tags) if part)


def cmd_predict(args: argparse.Namespace, session: Session) -> int:
    article = session.library.get(session.library.resolve(args.article))
    start, end = find_passage(article.plain_text, args.text, args.occurrence)
    from reader.core.predictions.detector import marked_values  # (its tables: 20 ms)

    values = marked_values(article, start, end) | {"statement": args.statement}
    detected_tags = values.pop("tags", ())
    if args.resolve_by:
        values["resolve_by"] = args.resolve_by
    svc = session.predictions
    proposal = svc.proposal_under(article.id, article.plain_text, start, end)
    try:
        if proposal is not None:  # the detector's already: accepted, not made twice
            given = {"statement": args.statement, "resolve_by": args.resolve_by}
            changes = {k: v for k, v in given.items() if v}
            p = svc.update(
                proposal.id,
                review="confirmed",
                tags=[*proposal.tags, *args.tag],
                **changes,
            )
        else:
            p = svc.add(
                article.id,
                article.plain_text,
                start,
                end,
                tags=[*args.tag, *detected_tags],
                **values,
            )
    except PredictionError as exc:
        raise CommandError(str(exc)) from exc
    if args.json:
        emit_json(prediction_json(p, True))
    else:
        done = "accepted the proposal" if proposal is not None else "marked prediction"
        print(f"{done} {p.id}: {clip_words(p.headline, 80)}")
    return 0
