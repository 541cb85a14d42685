"""File › Keep a Vault in Step in the real window: chosen once, then every change to an
article's annotations rewrites its file there in the background; the status bar says
when; closing writes what waits; off stops it."""

from __future__ import annotations

import shutil
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFileDialog, QInputDialog

from tests.ui.test_highlights_ui import select

QUOTE = "Ray 3 is a phased achievement."


def choose(window, monkeypatch, folder: Path, flavour_index: int = 0) -> None:
    """Pick the folder and the flavour in the two dialogs the switch opens."""
    from reader.ui.export.vault import FLAVOUR_CHOICES

    monkeypatch.setattr(QFileDialog, "getExistingDirectory", lambda *a, **k: str(folder))
    flavour = list(FLAVOUR_CHOICES)[flavour_index]
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (flavour, True))
    window.vault.action.trigger()


def vault_text(folder: Path) -> str:
    [path] = list(folder.rglob("*.md"))
    return path.read_text(encoding="utf-8")


def test_a_chosen_vault_follows_highlights_and_says_when(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window()
    folder = tmp_path / "vault"
    folder.mkdir()
    assert not window.vault.label.isVisible()
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        choose(window, monkeypatch, folder)  # every article: the interview's predictions
    assert window.vault.action.isChecked()
    assert window.vault.label.text().startswith("Vault written ")
    assert "## Predictions" in vault_text(folder) and QUOTE not in vault_text(folder)
    select(window, QUOTE)
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    assert QUOTE in vault_text(folder)
    window.vault.action.trigger()  # off
    assert not window.vault.action.isChecked() and not window.vault.label.isVisible()
    before = vault_text(folder)
    select(window, "Dream Machine")
    qtbot.keyClick(window.reading_view, Qt.Key.Key_3)
    qtbot.wait(2500)
    assert vault_text(folder) == before


def test_closing_the_window_writes_what_waits(make_window, qtbot, tmp_path, monkeypatch):
    window = make_window()
    folder = tmp_path / "vault"
    folder.mkdir()
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        choose(window, monkeypatch, folder)
    select(window, QUOTE)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    window.close()  # within the two seconds a change waits
    assert QUOTE in vault_text(folder)


def test_a_vault_folder_gone_is_said_and_written_when_back(
    make_window, qtbot, tmp_path, monkeypatch
):
    window = make_window()
    folder = tmp_path / "vault"
    folder.mkdir()
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        choose(window, monkeypatch, folder, flavour_index=1)
    assert "reader-id:: " in vault_text(folder)
    shutil.rmtree(folder)  # (an unplugged drive)
    select(window, QUOTE)
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    assert window.vault.label.text() == "Vault: not written"
    assert "is not there" in window.vault.label.toolTip()
    folder.mkdir()
    select(window, "Dream Machine")
    with qtbot.waitSignal(window.vault.written, timeout=10000):
        qtbot.keyClick(window.reading_view, Qt.Key.Key_3)
    assert QUOTE in vault_text(folder) and "Dream Machine" in vault_text(folder)
