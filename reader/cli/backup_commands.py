"""reader backup | restore."""

from __future__ import annotations

import argparse
from pathlib import Path

from reader.cli.output import CommandError, emit_json, message
from reader.core.session import Session
from reader.core.storage.backup import BackupError


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("backup", help="write a full backup of the library")
    p.add_argument(
        "--out",
        type=Path,
        metavar="PATH",
        help="file to write (default: a dated file in the data folder's backups/)",
    )
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_backup)
    p = sub.add_parser("restore", help="replace the library with a backup")
    p.add_argument("file", type=Path, metavar="FILE")
    p.add_argument("--json", action="store_true")
    p.set_defaults(func=cmd_restore)


def cmd_backup(args: argparse.Namespace, session: Session) -> int:
    return write_backup_to(session, args.out, as_json=args.json)


def write_backup_to(session: Session, path: Path | None, as_json: bool) -> int:
    """Write the backup; a file there that is not a backup is kept, and the message says
    where the backup went instead."""
    try:
        written = session.write_backup(path)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    if path is not None and written != path:
        message(f"{path.name} is not a Reader backup: wrote {written.name}")
    if as_json:
        emit_json({"backup": str(written)})
    else:
        print(f"wrote {written}")
    return 0


def cmd_restore(args: argparse.Namespace, session: Session) -> int:
    try:
        report = session.restore_backup(args.file)
    except BackupError as exc:
        raise CommandError(f"nothing restored: {exc}") from exc
    if args.json:
        safety = report.safety_copy
        emit_json({"restored": report.counts, "previous_library": safety and str(safety)})
    else:
        print(f"restored {report.summary()}; {report.kept()}")
    return 0
