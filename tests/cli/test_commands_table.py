"""`reader COMMAND` loads only the module of its command; the table that says which
module that is must agree with what the modules register."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from importlib import import_module

import pytest

from reader.cli.main import COMMANDS, build_parser


@pytest.mark.parametrize("module", sorted(set(COMMANDS.values())))
def test_each_module_registers_exactly_the_commands_the_table_gives_it(module):
    sub = argparse.ArgumentParser().add_subparsers()
    import_module(f"reader.cli.{module}").register(sub)
    assert sorted(sub.choices) == sorted(n for n, m in COMMANDS.items() if m == module)


def test_the_full_parser_lists_every_command_in_the_tables_order():
    parser = build_parser()
    assert list(parser.get_default("commands")) == list(COMMANDS)


@pytest.mark.parametrize("command", ["search", "predict", "vault"])
def test_a_command_alone_parses_as_in_the_full_parser(command, tmp_path):
    argv = {
        "search": ["search", "video", "--limit", "5", "--json"],
        "predict": ["predict", "1", "Ray 3 is next", "--tag", "ai", "--resolve-by", "2027-01-01"],
        "vault": ["vault", str(tmp_path), "--flavour", "logseq"],
    }[command]
    alone = build_parser(command).parse_args(["--data-dir", "x", *argv])
    full = build_parser().parse_args(["--data-dir", "x", *argv])
    assert {k: v for k, v in vars(alone).items() if k != "commands"} == {
        k: v for k, v in vars(full).items() if k != "commands"
    }
    assert list(alone.commands) == [n for n, m in COMMANDS.items() if m == COMMANDS[command]]


def test_reader_search_does_not_load_the_other_commands_modules(tmp_path):
    probe = (
        "import json, sys; from reader.cli.main import main; "
        f"main(['--data-dir', {str(tmp_path)!r}, 'search', 'video']); "
        "print(json.dumps([m for m in sys.modules if m.startswith('reader.')]))"
    )
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
    ).stdout
    loaded = json.loads(out.strip().splitlines()[-1])
    assert "reader.cli.search_commands" in loaded
    assert not [m for m in loaded if m.startswith("reader.core.export")]
    others = {f"reader.cli.{m}" for m in COMMANDS.values()} - {"reader.cli.search_commands"}
    assert not others & set(loaded)


def test_an_abbreviated_data_dir_and_help_before_the_command(tmp_path, capsys):
    from reader.cli.main import main

    assert main(["--data", str(tmp_path), "search", "multimodal"]) == 0
    assert "1 found" in capsys.readouterr().err
    with pytest.raises(SystemExit):
        main(["-h", "search"])  # help for every command, not search's alone
    shown = capsys.readouterr().out
    assert all(name in shown for name in COMMANDS)
