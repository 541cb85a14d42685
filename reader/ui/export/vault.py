"""File › Keep a Vault in Step: the window's side of export/vault.py.

The setting lives in the library (`reader vault` and the window share it). While it is
on, each change's articles are gathered, and two seconds after the last one their files
are written in the background (one write of the vault at a time); a change made while a
write runs waits for the next. Closing the window writes what is still waiting. The status
bar says when the vault was last written, and why not when it could not be.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QFileDialog, QInputDialog, QLabel, QMainWindow

from reader.core.changes import Changes
from reader.core.export.files import ExportError
from reader.core.export.vault import (
    VaultConfig,
    VaultReport,
    articles_to_write,
    set_vault,
    vault_config,
)
from reader.core.session import Session
from reader.ui.common.operations import Operation

DELAY_MS = 2000  # after the last change: a burst of edits is one write
FLAVOUR_CHOICES = {
    "Obsidian (front matter, ^block ids)": "obsidian",
    "Logseq (blocks with id:: properties)": "logseq",
}


class VaultKeeper(QObject):
    written = Signal(object)  # VaultReport, after each write
    error_occurred = Signal(str)

    def __init__(self, window: QMainWindow, session: Session) -> None:
        super().__init__(window)
        self.window, self.session = window, session
        self.action = QAction("Keep a &Vault in Step…", window)
        self.action.setObjectName("vaultAction")
        self.action.setCheckable(True)
        self.action.setToolTip(
            "Write each article's Markdown file into an Obsidian or Logseq folder "
            "whenever its highlights, notes, tags or predictions change"
        )
        self.action.triggered.connect(self.toggle)
        self.label = QLabel(window)
        self.label.setObjectName("vaultStatus")
        self.label.setAccessibleName("Notes vault")
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(DELAY_MS)
        self._timer.timeout.connect(self._write)
        self._pending: set[int] | None = set()  # None: every article
        self._running: Operation | None = None
        self.config: VaultConfig | None = None
        self._read_config(starting=True)

    # -- the switch --
    def toggle(self) -> None:
        """Choose a vault folder (and its flavour), or stop keeping it in step."""
        if self.config is not None:
            self._set(None)
            return
        folder = QFileDialog.getExistingDirectory(self.window, "Keep this notes vault in step")
        if not folder:
            self.action.setChecked(False)
            return
        choice, ok = QInputDialog.getItem(
            self.window, "Notes vault", "Write the files for:", list(FLAVOUR_CHOICES), 0, False
        )
        if not ok:
            self.action.setChecked(False)
            return
        self._set(VaultConfig(Path(folder), FLAVOUR_CHOICES[choice]))

    def _set(self, config: VaultConfig | None) -> None:
        try:
            set_vault(self.session.library, config)
        except ExportError as exc:
            self.error_occurred.emit(f"Cannot keep that vault in step: {exc}")
        self._read_config()  # (the change is heard too; reading now keeps the menu right)

    def _read_config(self, starting: bool = False) -> None:
        """The setting as the library has it now. A vault newly chosen gets every
        article's file; at start the files are as the last change left them (the window
        and `reader` each write what they change)."""
        was, self.config = self.config, vault_config(self.session.library)
        self.action.setChecked(self.config is not None)
        self.label.setVisible(self.config is not None)
        if self.config is None:
            self._pending = set()
            self._timer.stop()
            return
        self.label.setToolTip(f"Kept in step: {self.config.folder} ({self.config.flavour})")
        if self.config != was:
            self.label.setText("Vault: on")
            if not starting:
                self._pending = None
                QTimer.singleShot(0, self._write)

    # -- changes --
    def on_changes(self, changes: Changes) -> None:
        if "vault" in changes.settings or changes.everything:
            self._read_config()
        if self.config is None:
            return
        ids = articles_to_write(changes)
        if ids is None or self._pending is None:
            self._pending = None
        else:
            if not ids:
                return
            self._pending |= ids
        self._timer.start()

    def _write(self) -> None:
        if self.config is None or self._pending == set():
            return
        if self._running is not None:  # one write at a time: this one waits for it
            self._timer.start()
            return
        ids = None if self._pending is None else frozenset(self._pending)
        self._pending = set()

        def work(session: Session, _progress) -> VaultReport | None:
            return session.sync_vault(ids)

        operation = Operation(work, self.session)
        operation.signals.finished.connect(lambda report: self._done(report, ids))
        operation.signals.failed.connect(lambda message: self._failed(message, ids))
        self._running = operation.start()

    def _done(self, report: VaultReport | None, ids: frozenset[int] | None) -> None:
        self._running = None
        if report is None:
            return
        if report.failed:
            self._keep(ids)
            self.label.setText("Vault: not written")
            self.label.setToolTip("\n".join(report.failed))
            self.window.statusBar().showMessage(f"Notes vault: {report.failed[0]}", 10000)
        elif report.written:
            self.label.setText(f"Vault written {time.strftime('%H:%M')}")
            names = ", ".join(p.name for p in report.written[:3])
            more = f" and {len(report.written) - 3} more" if len(report.written) > 3 else ""
            folder = self.config.folder if self.config else ""
            self.label.setToolTip(f"Kept in step: {folder}\nLast written: {names}{more}")
        self.written.emit(report)

    def _failed(self, message: str, ids: frozenset[int] | None) -> None:
        self._running = None
        self._keep(ids)
        self.label.setText("Vault: not written")
        self.label.setToolTip(message)

    def _keep(self, ids: frozenset[int] | None) -> None:
        """Write these again with the next change (the folder may be back by then)."""
        if ids is None or self._pending is None:
            self._pending = None
        else:
            self._pending |= ids

    def flush(self) -> None:
        """Write what is waiting now, before the window closes."""
        self._timer.stop()
        if self.config is None or self._pending == set():
            return
        ids = None if self._pending is None else frozenset(self._pending)
        self._pending = set()
        try:
            report = self.session.sync_vault(ids)
        except (OSError, ExportError) as exc:  # (closing: said where it can still be seen)
            print(f"reader: the notes vault was not written: {exc}", file=sys.stderr)
            return
        for failure in report.failed if report else []:
            print(f"reader: vault: {failure}", file=sys.stderr)
