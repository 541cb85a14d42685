"""reader export."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from reader.cli.backup_commands import write_backup_to
from reader.cli.output import CommandError, message
from reader.core.export import (
    ExportError,
    ExportOptions,
    TemplateError,
    check,
    chosen,
    dumps,
    export_folder,
    export_json,
    export_readwise,
    now,
    render,
)
from reader.core.export.logseq import render_logseq
from reader.core.export.readwise import readwise_csv
from reader.core.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("export", help="export highlights and predictions (or a full backup)")
    p.add_argument("articles", nargs="*", metavar="ARTICLE")
    p.add_argument("--all", action="store_true", help="every article in the library")
    p.add_argument(
        "--format",
        choices=["markdown", "json", "readwise-csv", "backup"],
        default="markdown",
        help="readwise-csv: every highlight in the CSV Readwise imports",
    )
    p.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="a folder (Markdown) or a file (JSON, CSV, backup); default: stdout",
    )
    p.add_argument("--group-by", choices=["section", "color", "tag"], default="section")
    p.add_argument(
        "--flavour",
        choices=["obsidian", "logseq"],
        default="obsidian",
        help="Markdown for Obsidian (front matter, ^block-ids) or Logseq (blocks, id::)",
    )
    p.add_argument("--template", type=Path, metavar="FILE")
    p.add_argument("--no-predictions", action="store_true")
    p.add_argument("--include-rejected", action="store_true")
    p.add_argument(
        "--include-proposed",
        action="store_true",
        help="also the detector's proposals you have not confirmed",
    )
    p.add_argument(
        "--include-empty",
        action="store_true",
        help="with --all: a file for every article, even one with nothing to export",
    )
    p.add_argument("--color", help="only highlights of this colour")
    p.set_defaults(func=cmd_export)


def _options(args: argparse.Namespace, session: Session) -> ExportOptions:
    template = None
    if args.template:
        try:
            template = args.template.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise CommandError(f"cannot read the template {args.template}: {exc}") from exc
        try:
            check(template)
        except TemplateError as exc:
            raise CommandError(f"{args.template}: {exc}") from exc
    only = session.highlights.color_slot(args.color) if args.color else None
    return ExportOptions(
        group_by=args.group_by,
        flavour=args.flavour,
        include_predictions=not args.no_predictions,
        include_rejected=args.include_rejected,
        include_proposed=args.include_proposed,
        skip_empty=args.all and not args.include_empty,
        only_color=only,
        template=template,
    )


def cmd_export(args: argparse.Namespace, session: Session) -> int:
    if args.format == "backup":
        if args.out is None:
            raise CommandError("a backup needs --out FILE (or use: reader backup)")
        return write_backup_to(session, args.out, as_json=False)
    if args.all:
        ids = session.library.articles.live_ids()
    elif args.articles:
        ids = [session.library.resolve(ref) for ref in args.articles]
    else:
        raise CommandError("name one or more articles, or --all")
    options = _options(args, session)
    items = session.annotations(ids)  # one at a time
    colors = session.highlights.colors()
    try:
        notes: list[str] = []
        if args.format == "readwise-csv":
            if args.out is None:
                sys.stdout.write(readwise_csv(chosen(items, options)))
            else:
                written = export_readwise(items, args.out, notes=notes, options=options)
                for note in notes:
                    message(note)
                print(f"wrote {written}")
            return 0
        if args.format == "json":
            if args.out is None:
                sys.stdout.write(dumps(list(chosen(items, options)), colors))
            else:
                written = export_json(items, args.out, colors, notes=notes, options=options)
                for note in notes:
                    message(note)
                print(f"wrote {written}")  # (as a backup says it; the data went to the file)
            return 0
        if args.out is None:
            if len(ids) != 1:
                raise CommandError("several articles need --out FOLDER (one file each)")
            one = next(items)
            if options.flavour == "logseq":
                sys.stdout.write(render_logseq(one, colors, now(), options))
            else:
                sys.stdout.write(render(one, colors, now(), options))
            return 0
        for path in export_folder(items, args.out, colors, options, notes=notes):
            print(path)
        for note in notes:
            message(note)
    except (ExportError, TemplateError) as exc:
        raise CommandError(str(exc)) from exc
    return 0
