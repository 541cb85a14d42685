"""reader list | import | show."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.output import Progress, emit_json, message
from reader.cli.search_commands import ensure_index
from reader.core.library.shelf import check_state
from reader.core.session import Session
from reader.core.storage.tags import clean_tags
from reader.core.text import clip_words


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("list", help="list the saved articles")
    p.add_argument("--state", help="only those in this state: inbox, reading or archive")
    p.add_argument("--tag", action="append", default=[], help="only those with this tag")
    p.add_argument("--json", action="store_true", help="print a JSON document")
    p.set_defaults(func=cmd_list)

    p = sub.add_parser(
        "import",
        help="import articles (Markdown, text, web pages, PDF, EPUB), web addresses, "
        "other apps' exports (Kindle, Pocket, Instapaper, Omnivore, Readwise, Hypothesis) "
        "or Reader's own JSON",
    )
    p.add_argument(
        "paths", nargs="+", metavar="PATH", help="a file, a folder, or an http(s):// URL"
    )
    p.add_argument(
        "--per-chapter",
        action="store_true",
        help="an EPUB book as one article per chapter (default: one per book)",
    )
    p.add_argument(
        "--images",
        action="store_true",
        help="save web pages with their images (fetched once, kept in the article)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_import)

    p = sub.add_parser("show", help="print an article")
    p.add_argument("article", metavar="ARTICLE", help="id, slug or part of the title")
    p.add_argument("--format", choices=["text", "markdown", "html"], default="text")
    p.set_defaults(func=cmd_show)


def cmd_list(args: argparse.Namespace, session: Session) -> int:
    items = session.library.summaries()
    if args.state:
        state = check_state(args.state)
        items = [a for a in items if a.state == state]
    for tag in clean_tags(args.tag):
        items = [a for a in items if tag in a.tags]
    if args.json:
        emit_json(
            [
                {
                    "id": a.id,
                    "slug": a.slug,
                    "title": a.title,
                    "publication": a.publication,
                    "authors": list(a.authors),
                    "words": a.word_count,
                    "reading_minutes": a.reading_minutes,
                    "saved_at": a.saved_at,
                    "state": a.state,
                    "read_percent": round(a.furthest * 100),
                    "tags": list(a.tags),
                }
                for a in items
            ]
        )
        return 0
    if not items:
        if args.state or args.tag:
            message("No article is in that state or has those tags.")
        else:
            message("The library is empty. Import files with: reader import PATH...")
    ids = max((len(str(a.id)) for a in items), default=4)  # columns as wide as the widest
    words = max((len(f"{a.word_count:,}") for a in items), default=7)
    for a in items:
        read = f"{round(a.furthest * 100):>3}%"
        tags = "".join(f" #{t}" for t in a.tags)
        count = f"{a.word_count:>{max(words, 7)},} words"
        print(f"{a.id:>{max(ids, 4)}}  {a.state:<7}  {read}  {count}  {a.slug}  {a.title}{tags}")
    return 0


def cmd_import(args: argparse.Namespace, session: Session) -> int:
    sources = [p if p.startswith(("http://", "https://")) else Path(p) for p in args.paths]
    progress = Progress("importing")
    report = session.library.import_paths(
        sources, progress, per_chapter=args.per_chapter, images=args.images
    )
    progress.end()
    offers = []
    if report.imported:  # it returns with them searchable (not at the next search)
        ensure_index(session, quiet_build=True)
        try:
            offers = session.possible_evidence([a.id for a in report.imported])
        except Exception as exc:  # (the import stands: only the offers are missing)
            message(f"reader: could not look for the predictions these bear on: {exc}")
    if args.json:
        emit_json(
            {
                "imported": [
                    {"id": a.id, "slug": a.slug, "title": a.title} for a in report.imported
                ],
                "duplicates": [{"path": f.path, "reason": f.reason} for f in report.duplicates],
                "failed": [{"path": f.path, "reason": f.reason} for f in report.failed],
                "notes": list(report.notes),
                "highlights": report.highlights,
                "may_bear_on": [
                    {
                        "article_id": o.article_id,
                        "prediction_id": o.prediction_id,
                        "score": o.score,
                        "passage": _passage(session, o),
                    }
                    for o in offers
                ],
            }
        )
    else:
        for a in report.imported:
            print(f"imported {a.id}: {a.title}")
        for f in report.duplicates:
            message(f"skipped {f.path}: {f.reason}")
        for f in report.failed:
            message(f"failed {f.path}: {f.reason}")
        for note in report.notes:
            message(note)
        for o in offers:
            statement = clip_words(session.predictions.get(o.prediction_id).headline, 70)
            message(
                f"article {o.article_id} may bear on prediction {o.prediction_id} "
                f"“{statement}”: “{clip_words(_passage(session, o), 90)}”"
            )
        outcomes = len(report.imported) + len(report.duplicates) + len(report.failed)
        if len(sources) > 1 or report.highlights or outcomes > 1:  # (one file: its line says)
            message(f"imported {report.summary()}")
    return 0 if not report.failed and not report.duplicates else 1


def _passage(session: Session, offer) -> str:
    text = session.library.get(offer.article_id).plain_text
    return " ".join(text[offer.start : offer.end].split())


def cmd_show(args: argparse.Namespace, session: Session) -> int:
    article = session.library.get(session.library.resolve(args.article))
    if args.format == "html":
        print(article.html)
    elif args.format == "markdown":
        print(article.original if article.content_format == "markdown" else article.plain_text)
    else:
        print(article.plain_text)
    return 0
