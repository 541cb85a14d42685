"""reader archive | tag: keep the library in order from the command line."""

from __future__ import annotations

import argparse

from reader.core.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "archive", help="archive articles (--undo: back to Reading, or the Inbox if unread)"
    )
    p.add_argument("articles", nargs="+", metavar="ARTICLE", help="id, slug or part of a title")
    p.add_argument("--undo", action="store_true", help="bring archived articles back to Reading")
    p.set_defaults(func=cmd_archive)

    p = sub.add_parser("tag", help="tag an article (or untag it with --remove)")
    p.add_argument("article", metavar="ARTICLE", help="id, slug or part of the title")
    p.add_argument("tags", nargs="+", metavar="TAG")
    p.add_argument("--remove", action="store_true", help="take these tags off instead")
    p.set_defaults(func=cmd_tag)


def cmd_archive(args: argparse.Namespace, session: Session) -> int:
    shelf = session.library.shelf
    ids = [session.library.resolve(ref) for ref in args.articles]  # all found, or none moved
    titles = session.library.titles(ids)
    for article_id in ids:
        if args.undo and shelf.standing([article_id])[article_id].state != "archive":
            print(f"not archived {article_id}: {titles.get(article_id, '')}")
            continue
        state = shelf.unarchived(article_id) if args.undo else "archive"
        moved = shelf.set_state(article_id, state)
        verb = ("unarchived" if args.undo else "archived") if moved else f"already in {state}"
        print(f"{verb} {article_id}: {titles.get(article_id, '')}")
    return 0


def cmd_tag(args: argparse.Namespace, session: Session) -> int:
    article_id = session.library.resolve(args.article)
    shelf = session.library.shelf
    tags = (shelf.remove_tags if args.remove else shelf.add_tags)(article_id, args.tags)
    print(f"{article_id}: {' '.join('#' + t for t in tags) if tags else '(no tags)'}")
    return 0
