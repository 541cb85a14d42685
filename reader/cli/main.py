"""`reader`: no command opens the window; subcommands work without a display."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from reader import __version__
from reader.cli import (
    backup_commands,
    export_commands,
    highlight_commands,
    library_commands,
    prediction_commands,
    search_commands,
)
from reader.cli.output import CommandError, message

COMMAND_MODULES = [
    library_commands,
    search_commands,
    highlight_commands,
    prediction_commands,
    export_commands,
    backup_commands,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="reader", description="Read, search and annotate saved articles."
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the library folder (default: $READER_DATA_DIR, else the user data folder)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module in COMMAND_MODULES:
        module.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        from reader.app import run_gui  # Qt only when the window is asked for

        return run_gui(args.data_dir)
    from reader.core.library.articles import ArticleNotFound
    from reader.core.session import open_session
    from reader.core.storage.errors import DatabaseError
    from reader.core.storage.paths import data_dir, database_path
    from reader.core.storage.recovery import damage, set_aside

    db_path = database_path(data_dir(args.data_dir))
    reason = damage(db_path)
    if reason is not None:
        if args.command != "restore":
            message(
                f"reader: the library database {db_path} cannot be used: {reason}.\n"
                "Restore a backup with: reader restore FILE (backups are in the data "
                "folder's backups/); the damaged file will be kept aside."
            )
            return 1
        message(f"reader: the damaged database was moved aside to {set_aside(db_path)}")
    try:
        session = open_session(args.data_dir, first_run=args.command != "restore")
    except (DatabaseError, OSError) as exc:
        message(f"reader: {exc}")
        return 1
    try:
        return int(args.func(args, session) or 0)
    except (CommandError, ArticleNotFound) as exc:
        message(f"reader: {exc.args[0] if exc.args else exc}")
        return 1
    except KeyboardInterrupt:
        return 130
    finally:
        session.close()


if __name__ == "__main__":
    sys.exit(main())
