"""reader desktop install | uninstall: Reader in the desktop's launcher and "Open with".

The entry follows the XDG Desktop Entry specification: it goes to
$XDG_DATA_HOME/applications (default ~/.local/share/applications) and its icon to
$XDG_DATA_HOME/icons/hicolor/scalable/apps; nothing outside the user's own folders is
touched, and `uninstall` removes exactly what `install` wrote.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
from pathlib import Path

from reader.cli.output import CommandError
from reader.core.storage.resources import read_resource, resource_path

DESKTOP_NAME = "io.github.reader.Reader.desktop"
ICON_NAME = "io.github.reader.Reader"


def register(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("desktop", help="add Reader to the desktop's launcher (or remove it)")
    p.add_argument("action", choices=["install", "uninstall"])
    p.set_defaults(func=cmd_desktop, needs_library=False)


def data_home() -> Path:
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and Path(value).is_absolute() else Path.home() / ".local/share"


def places() -> tuple[Path, Path]:
    """(the desktop entry, the icon) as installed."""
    home = data_home()
    return (
        home / "applications" / DESKTOP_NAME,
        home / "icons/hicolor/scalable/apps" / f"{ICON_NAME}.svg",
    )


def exec_line(data_dir: str | None = None) -> str:
    """How the launcher starts Reader: this environment's `reader`, else this Python;
    on the library named with --data-dir, when one was."""
    script = Path(sys.executable).with_name("reader")
    argv = [str(script)] if script.is_file() else [sys.executable, "-m", "reader"]
    if data_dir:
        argv += ["--data-dir", str(Path(data_dir).expanduser().absolute())]
    return " ".join(_quoted(a) for a in argv)


def _quoted(arg: str) -> str:
    """An argument of an Exec key (quoted, with \\ " ` $ escaped, when it must be)."""
    if arg and not any(c in arg for c in " \t\n\"'\\><~|&;$*?#()`="):
        return arg
    escaped = "".join("\\" + c if c in '"`$\\' else c for c in arg)
    return f'"{escaped}"'


def entry_text(data_dir: str | None = None) -> str:
    return (
        read_resource("desktop", "reader.desktop")
        .replace("@EXEC@", exec_line(data_dir).replace("%", "%%"))
        .replace("@ICON@", ICON_NAME)
    )


def cmd_desktop(args: argparse.Namespace, _session=None) -> int:
    entry, icon = places()
    if args.action == "uninstall":
        removed = [p for p in (entry, icon) if p.exists()]
        for path in removed:
            path.unlink()
        _refresh(entry.parent)
        print("removed " + ", ".join(map(str, removed)) if removed else "nothing to remove")
        return 0
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        icon.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(resource_path("desktop", "reader.svg"), icon)
        entry.write_text(entry_text(args.data_dir), encoding="utf-8")
    except OSError as exc:
        raise CommandError(f"cannot install the desktop entry: {exc.strerror or exc}") from None
    _refresh(entry.parent)
    print(f"installed {entry}\ninstalled {icon}")
    return 0


def _refresh(applications: Path) -> None:
    """Tell the desktop (when its tool is there) that the entries changed."""
    tool = shutil.which("update-desktop-database")
    if tool:
        subprocess.run([tool, str(applications)], capture_output=True, check=False, timeout=30)
