"""reader desktop install | uninstall: an XDG desktop entry and icon, and nothing else."""

from __future__ import annotations

import configparser
import os
import shlex
import subprocess
import sys
import xml.etree.ElementTree as ET

from reader.cli.desktop_commands import _quoted


def run(home, *args):
    env = {**os.environ, "XDG_DATA_HOME": str(home)}
    proc = subprocess.run(
        [sys.executable, "-m", "reader", *args], capture_output=True, text=True, env=env
    )
    return proc.returncode, proc.stdout, proc.stderr


def test_install_writes_an_entry_the_launcher_and_open_with_can_use(tmp_path):
    home = tmp_path / "share"
    code, out, _ = run(home, "desktop", "install")
    assert code == 0 and out.count("installed ") == 2
    [entry] = (home / "applications").glob("*.desktop")
    parser = configparser.ConfigParser(interpolation=None)
    parser.optionxform = str  # keys are case-sensitive
    parser.read(entry, encoding="utf-8")
    desktop = parser["Desktop Entry"]
    assert (desktop["Type"], desktop["Name"], desktop["Terminal"]) == (
        "Application",
        "Reader",
        "false",
    )
    command = shlex.split(desktop["Exec"])
    assert command[-1] == "%U" and os.access(command[0], os.X_OK)
    mime = desktop["MimeType"].split(";")
    for kind in (
        "text/markdown",
        "application/epub+zip",
        "application/pdf",
        "text/html",
        "text/plain",
    ):
        assert kind in mime
    icon = home / "icons/hicolor/scalable/apps" / f"{desktop['Icon']}.svg"
    assert ET.parse(icon).getroot().tag.endswith("svg")
    started = subprocess.run(  # the entry's command is Reader's own
        [*command[:-1], "--version"], capture_output=True, text=True, timeout=60
    )
    assert started.stdout.startswith("reader ")
    code, out, _ = run(home, "desktop", "uninstall")
    assert code == 0 and out.startswith("removed ")
    assert not any(p.is_file() for p in home.rglob("*"))  # exactly what it wrote, gone
    code, out, _ = run(home, "desktop", "uninstall")
    assert (code, out.strip()) == (0, "nothing to remove")


def test_install_into_a_folder_it_cannot_write_is_one_line(tmp_path):
    blocked = tmp_path / "share"
    blocked.write_text("a file where the folder should be")
    code, _out, err = run(blocked, "desktop", "install")
    assert code == 1 and err.startswith("reader: cannot install the desktop entry")
    assert len(err.strip().splitlines()) == 1


def test_an_exec_path_with_spaces_and_quotes_is_quoted_for_the_launcher():
    assert _quoted("/opt/reader/bin/reader") == "/opt/reader/bin/reader"
    assert _quoted('/home/a b/"x"/$bin') == '"/home/a b/\\"x\\"/\\$bin"'


def test_install_for_another_library_starts_reader_on_it(tmp_path):
    home = tmp_path / "share"
    code, _out, _ = run(home, "--data-dir", str(tmp_path / "lib"), "desktop", "install")
    assert code == 0
    [entry] = (home / "applications").glob("*.desktop")
    [exec_line] = [x for x in entry.read_text().splitlines() if x.startswith("Exec=")]
    assert shlex.split(exec_line[5:])[1:] == ["--data-dir", str(tmp_path / "lib"), "%U"]
