"""reader vault: keep a notes vault (Obsidian, Logseq) in step with the library; and the
step after every command that writes the files of the articles it changed."""

from __future__ import annotations

import argparse
import functools
import operator
from pathlib import Path

from reader.cli.output import CommandError, message
from reader.core.changes import Changes
from reader.core.export.files import ExportError
from reader.core.export.vault import (
    FLAVOURS,
    VaultConfig,
    VaultReport,
    articles_to_write,
    set_vault,
    vault_config,
)
from reader.core.session import Session


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser(
        "vault",
        help="keep a notes vault in step: each article's Markdown file rewritten on change",
        description="With a FOLDER: keep that vault in step from now on (every article with "
        "highlights or predictions is written at once). With no argument: say where it "
        "writes. Your own text between the notes markers is kept; a file you renamed or "
        "moved inside the vault is found again by the id in its front matter.",
    )
    p.add_argument("folder", nargs="?", type=Path, metavar="FOLDER")
    p.add_argument("--flavour", choices=FLAVOURS, default="obsidian")
    p.add_argument("--off", action="store_true", help="stop keeping the vault in step")
    p.add_argument("--sync", action="store_true", help="write every article's file now")
    p.set_defaults(func=cmd_vault)


def cmd_vault(args: argparse.Namespace, session: Session) -> int:
    if args.off:
        set_vault(session.library, None)
        print("the vault is no longer kept in step")
        return 0
    if args.folder is not None:
        try:
            set_vault(session.library, VaultConfig(args.folder, args.flavour))
        except ExportError as exc:
            raise CommandError(str(exc)) from None
    config = vault_config(session.library)
    if config is None:
        print("no vault is kept in step (reader vault FOLDER turns it on)")
        return 0
    print(f"keeping {config.folder} in step ({config.flavour})")
    if args.folder is not None or args.sync:
        report = session.sync_vault()
        return _tell(report)
    return 0


def keep_in_step(session: Session, changed: list[Changes]) -> None:
    """After a command: the vault's files of the articles it changed (when one is kept)."""
    if not changed or vault_config(session.library) is None:
        return
    ids = articles_to_write(functools.reduce(operator.or_, changed))
    if ids is not None and not ids:
        return
    _tell(session.sync_vault(ids), quiet=True)


def _tell(report: VaultReport | None, quiet: bool = False) -> int:
    if report is None:
        return 0
    if not quiet:
        print(f"wrote {len(report.written)} files, {report.unchanged} unchanged")
    for failure in report.failed:
        message(f"reader: vault: {failure}")
    return 1 if report.failed else 0
