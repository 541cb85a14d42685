"""reader search | reindex."""

from __future__ import annotations

import argparse
import html
import re

from reader.cli.output import Progress, emit_json, message
from reader.core.search.said import said_of
from reader.core.session import Session

_TAGS = re.compile(r"</?b>")


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("search", help="search every saved article")
    p.add_argument("query", metavar="QUERY", nargs="?")
    p.add_argument("--limit", type=int, default=20, metavar="N")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_search, dash_words="query")  # (`reader search -sora`)
    p = sub.add_parser("reindex", help="rebuild the search index from the library")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_reindex)


def ensure_index(session: Session, quiet_build: bool = False) -> None:
    """Bring the search index up to date before answering: what any program changed
    since it was last brought up to date is indexed (a whole rebuild when it is missing,
    damaged or old), with progress on stderr."""

    def rebuilding(why: str) -> None:
        if why != "the search index is missing":
            message(f"reader: {why}; rebuilding it")
        elif not quiet_build:  # a new library (or its index deleted)
            message("reader: building the search index")

    progress = Progress("indexing")
    session.search.catch_up(session.documents, progress, rebuilding)
    progress.end()


def cmd_search(args: argparse.Namespace, session: Session) -> int:
    ensure_index(session)
    result = session.search.search(args.query, limit=max(1, min(args.limit, 1000)))
    if args.json:
        emit_json(
            {
                "query": args.query,
                "total": result.total,
                "elapsed_ms": round(result.elapsed_ms, 1),
                "error": result.error,
                "did_you_mean": result.corrected_query,
                "notes": list(result.notes),
                "hits": [
                    {
                        "article_id": h.article_id,
                        "title": h.title,
                        "publication": h.publication,
                        "score": round(h.score, 4),
                        "matches": h.match_count,
                        "matched_in": list(h.matched_in),
                        "snippets": list(h.snippets),
                        "found_in": (
                            {"kind": h.annotation.kind, "id": h.annotation.item_id}
                            if h.annotation
                            else None
                        ),
                    }
                    for h in result.hits
                ],
            }
        )
        return 1 if result.error else 0
    if result.error:
        message(f"reader: {result.error}")
        return 1
    for note in result.notes:
        message(f"note: {note}")
    if not result.hits:
        hint = f" Did you mean: {result.corrected_query}?" if result.corrected_query else ""
        message(f"nothing found for {args.query!r}.{hint}")
    for h in result.hits:
        said = said_of(h)  # (state:, saved:…: nothing)
        print(f"{h.article_id:>4}  {h.score:6.2f}  {h.title}{f'  ({said})' if said else ''}")
        for snippet in h.snippets[:2]:
            print(f"        …{html.unescape(_TAGS.sub('', snippet))}…")
    message(f"{result.total} found in {result.elapsed_ms:.0f} ms")
    return 0


def cmd_reindex(args: argparse.Namespace, session: Session) -> int:
    progress = Progress("indexing")
    count = session.search.rebuild(session.documents, progress)
    progress.end()
    if args.json:
        emit_json({"indexed": count})
    else:
        message(f"indexed {count} articles")
    return 0
