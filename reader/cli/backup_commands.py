"""reader backup | restore."""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path

from reader.cli.output import CommandError, emit_json, message
from reader.core.session import Session
from reader.core.storage.backup import BackupError, write_backup
from reader.core.storage.recovery import backup_folder


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
    path = args.out
    if path is None:
        folder = backup_folder(session.folder)
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / f"backup-{datetime.now(UTC):%Y%m%d-%H%M%S}.json.gz"
    return write_backup_to(session, path, as_json=args.json)


def write_backup_to(session: Session, path: Path, as_json: bool) -> int:
    """Write the backup; a file there that is not a backup is kept, and the message says
    where the backup went instead."""
    try:
        written = write_backup(session.db, path)
    except BackupError as exc:
        raise CommandError(str(exc)) from exc
    if written != path:
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
    counts, safety = report.counts, report.safety_copy
    if args.json:
        emit_json({"restored": counts, "previous_library": str(safety)})
    else:
        print(
            f"restored {counts.get('articles', 0)} articles, {counts.get('highlights', 0)} "
            f"highlights, {counts.get('predictions', 0)} predictions; the library before "
            f"the restore is in {safety}"
        )
    return 0
