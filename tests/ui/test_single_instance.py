"""A second start on the same library hands over to the running window."""

from __future__ import annotations

from PySide6.QtWidgets import QMessageBox

from reader.ui.window.single_instance import InstanceServer, hand_over
from tests.ui.processes import start_reader


def test_second_start_hands_over_and_exits(qtbot, data_dir):
    requests = []
    server = InstanceServer(data_dir)
    assert server.listening
    server.activation_requested.connect(requests.append)
    proc = start_reader(data_dir)
    qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
    _, err = proc.communicate()
    assert proc.returncode == 0
    assert "already open" in err
    qtbot.waitUntil(lambda: requests == [[]], timeout=5000)
    server.server.close()


def test_no_running_window_means_no_hand_over(qapp, data_dir):
    assert hand_over(data_dir, []) is False


def test_stale_socket_from_a_crash_is_replaced(qapp, data_dir):
    first = InstanceServer(data_dir)
    second = InstanceServer(data_dir)  # as after a crash that left the name behind
    assert second.listening
    first.server.close()
    second.server.close()


def test_reader_file_opens_it_in_the_running_window_importing_it_once(
    make_window, qtbot, data_dir, tmp_path
):
    window = make_window()
    server = InstanceServer(data_dir)
    server.activation_requested.connect(window.bring_forward)
    note = tmp_path / "garden.md"
    note.write_text("# Garden notes\n\nTomatoes went in late this year.\n", encoding="utf-8")

    def reader_open(*args: str, cwd=tmp_path) -> str:
        proc = start_reader(data_dir, *args, cwd=cwd)
        qtbot.waitUntil(lambda: proc.poll() is not None, timeout=20000)
        assert proc.returncode == 0
        return proc.communicate()[1]

    told = reader_open("garden.md")  # a relative name, from another folder
    assert "already open" in told and "opened there" in told
    qtbot.waitUntil(lambda: window.controller.current.title == "Garden notes", timeout=10000)
    window.controller.open_article(window.session.library.summaries()[0].id)
    reader_open(str(note))  # again: the article it became, not a duplicate to refuse
    qtbot.waitUntil(lambda: window.controller.current.title == "Garden notes", timeout=10000)
    assert [a.title for a in window.session.library.summaries()].count("Garden notes") == 1
    assert window.findChild(QMessageBox, "importReport") is None
    qtbot.waitUntil(lambda: "Opened “Garden notes”" in window.statusBar().currentMessage())
    server.server.close()


def test_what_reader_is_given_to_open_and_what_is_a_command(tmp_path):
    from reader.cli.main import _things_to_open, build_parser

    parser = build_parser()
    existing = tmp_path / "notes"
    existing.write_text("x")
    assert _things_to_open(["notes.md", "https://example.org/a"], parser) == [
        "notes.md",
        "https://example.org/a",
    ]
    assert _things_to_open(["--data-dir", "lib", str(existing)], parser) == [str(existing)]
    assert _things_to_open(["list", "--state", "inbox"], parser) == []
    assert _things_to_open(["lsit"], parser) == []  # a mistyped command stays one
    assert _things_to_open(["--data-dir", "lib"], parser) == []
