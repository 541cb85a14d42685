"""`reader`: no command opens the window; subcommands work without a display."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from importlib import import_module

from reader import __version__
from reader.cli.output import CommandError, message

# each command and the module of reader.cli that registers and runs it, in the order
# `reader --help` lists them; a command loads only its own module (what the others
# import, export, the vault, anchoring, is not paid for by `reader search`)
COMMANDS = {
    "list": "library_commands",
    "import": "library_commands",
    "show": "library_commands",
    "archive": "shelf_commands",
    "tag": "shelf_commands",
    "search": "search_commands",
    "reindex": "search_commands",
    "highlight": "highlight_commands",
    "highlights": "highlight_commands",
    "predictions": "prediction_commands",
    "predict": "prediction_commands",
    "export": "export_commands",
    "vault": "vault_commands",
    "backup": "backup_commands",
    "restore": "backup_commands",
    "desktop": "desktop_commands",
}


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every command, or of `command` only (with the same options)."""
    parser = argparse.ArgumentParser(
        prog="reader", description="Read, search and annotate saved articles."
    )
    parser.add_argument("--version", action="version", version=f"reader {__version__}")
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="the library folder (default: $READER_DATA_DIR, else the user data folder)",
    )
    parser.add_argument(
        "--json",
        dest="json_first",
        action="store_true",
        help="JSON output, as the command's own --json (`reader --json predictions`)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    names = [COMMANDS[command]] if command in COMMANDS else COMMANDS.values()
    for name in dict.fromkeys(names):
        import_module(f"reader.cli.{name}").register(sub)
    parser.set_defaults(command_names=frozenset(COMMANDS), commands=sub.choices)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    parser = build_parser(_command_in(argv))
    opened = _things_to_open(argv, parser)
    if opened:  # `reader FILE|URL…`: the window opens them
        argv = [a for a in argv if a not in opened]
    args = _parsed(parser, argv)
    if args.command is None:
        from reader.app import run_gui  # Qt only when the window is asked for

        return run_gui(args.data_dir, opened)
    try:
        return _run(args)
    except BrokenPipeError:  # `reader highlights | head`: the reader has what it wanted
        _silence_stdout()
        return 0
    except KeyboardInterrupt:
        return 130
    except Exception as exc:  # one line, never a traceback
        message(f"reader: {_one_line(exc)}")
        return 1


def _is_data_dir(arg: str) -> bool:
    """`--data-dir`, or a start of it that argparse takes for it ("--data"), whose value
    is the next word."""
    return len(arg) > 2 and "--data-dir".startswith(arg)


def _command_in(argv: list[str]) -> str | None:
    """The command named in argv (the first word that is not an option or its value);
    None, for the parser of every command, when help is asked for before it."""
    skip = False
    for arg in argv:
        if skip:
            skip = False
        elif arg in ("-h", "--help"):
            return None
        elif _is_data_dir(arg):
            skip = True
        elif arg == "--" or not arg.startswith("-"):
            return arg if arg in COMMANDS else None
    return None


def _parsed(parser: argparse.ArgumentParser, argv: list[str]) -> argparse.Namespace:
    """The arguments; for a command whose text may start with a dash (`reader search
    -sora`: the articles without "sora"), such words are the text's, in the order typed."""
    kept, words = _dash_words(parser, argv)
    args = parser.parse_args(kept)
    field = getattr(args, "dash_words", None)
    if field and words:
        text = getattr(args, field)
        setattr(args, field, " ".join(a for a in argv if a in words or a == text))
    if field and not getattr(args, field):
        parser.error(f"{args.command}: a {field} is needed")
    return args


def _dash_words(parser: argparse.ArgumentParser, argv: list[str]) -> tuple[list[str], list[str]]:
    """argv without the dash words of such a command (argparse would refuse -sora as an
    option it does not know, and read -hype as -h), and those words."""
    commands = parser.get_default("commands") or {}
    at = next(
        (i for i, a in enumerate(argv) if a in commands and not (i and _is_data_dir(argv[i - 1]))),
        None,
    )
    if at is None or not commands[argv[at]].get_default("dash_words"):
        return argv, []
    options = {s for action in commands[argv[at]]._actions for s in action.option_strings}
    kept, words = argv[: at + 1], []
    for n, arg in enumerate(argv[at + 1 :], at + 1):
        if arg == "--":
            kept += argv[n:]
            break
        if arg[:1] == "-" and arg[1:2].isalpha() and arg not in options:
            words.append(arg)
        else:
            kept.append(arg)
    return kept, words


def _things_to_open(argv: list[str], parser: argparse.ArgumentParser) -> list[str]:
    """The files and web addresses of `reader [--data-dir DIR] FILE|URL…` (no command)."""
    commands = parser.get_default("command_names")
    rest, skip = [], False
    for arg in argv:
        if skip:
            skip = False
        elif _is_data_dir(arg):
            skip = True
        elif not arg.startswith("-"):
            rest.append(arg)
    if not rest or rest[0] in commands or not _openable(rest[0]):
        return []  # (a mistyped command is still told as one)
    return rest


def _openable(arg: str) -> bool:
    """A web address, a file or folder that exists, or a name an article file has."""
    from pathlib import Path

    from reader.core.ingest.importer import IMPORTABLE

    path = Path(arg)
    return "://" in arg or path.exists() or path.suffix.lower() in IMPORTABLE


def _run(args) -> int:
    if args.json_first:  # `reader --json COMMAND`: the command's own --json
        if not hasattr(args, "json"):
            raise CommandError(f"`reader {args.command}` has no JSON output")
        args.json = True
    if not getattr(args, "needs_library", True):  # (reader desktop: no library opened)
        return int(args.func(args) or 0)
    from reader.core.session import open_session
    from reader.core.storage.paths import data_dir, database_path
    from reader.core.storage.recovery import EMPTY, backups, damage, set_aside

    folder = data_dir(args.data_dir)
    db_path = database_path(folder)
    reason = damage(db_path)
    if reason == EMPTY and not backups(folder):  # nothing to restore: start again, and say so
        message(
            f"reader: {db_path} was empty (0 bytes); it was moved aside to "
            f"{set_aside(db_path)} and a new library started"
        )
        reason = None
    if reason is not None:
        if args.command != "restore":
            newest = next(iter(backups(folder)), None)
            offer = f"the newest backup is {newest}" if newest else "there is no backup yet"
            message(
                f"reader: the library database {db_path} cannot be used: {reason}; restore "
                f"a backup with: reader restore FILE ({offer}), the damaged file is kept aside"
            )
            return 1
        message(f"reader: the damaged database was moved aside to {set_aside(db_path)}")
    session = open_session(args.data_dir, first_run=args.command != "restore")
    changed: list = []  # what the command committed: the vault's files follow it
    session.bus.subscribe(changed.append)
    try:
        return int(args.func(args, session) or 0)
    finally:
        try:
            if changed and args.command != "vault":
                from reader.cli.vault_commands import keep_in_step

                keep_in_step(session, changed)
        finally:
            session.close()


def _one_line(exc: BaseException) -> str:
    """A refusal in its own words; anything else with its kind, on one line."""
    from reader.cli.output import user_errors

    if isinstance(exc, user_errors()):
        return str(exc.args[0]) if exc.args else str(exc)
    if isinstance(exc, OSError) and exc.strerror:
        where = f": {exc.filename}" if exc.filename else ""
        return f"{exc.strerror.lower()}{where}"
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def _silence_stdout() -> None:
    """Whatever is still buffered for the closed pipe goes nowhere (no second error)."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())


if __name__ == "__main__":
    sys.exit(main())
