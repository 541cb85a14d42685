"""File › Back Up Library… and Restore Library from Backup…: the window's side of
`reader backup` and `reader restore` (both go through the core session)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import QFileDialog, QMainWindow, QMessageBox

from reader.core.library.restore import dated_backup_path
from reader.core.storage.recovery import backup_folder
from reader.ui.common.documents import plain
from reader.ui.common.operations import Operation
from reader.ui.library.controller import LibraryController

BACKUP_FILTER = "Reader backups (*.json.gz *.json);;All files (*)"


class BackupActions(QObject):
    """Backs up off the UI thread; restores after the user confirms, then reports."""

    def __init__(
        self,
        window: QMainWindow,
        controller: LibraryController,
        restore: Callable[[Path], None],
    ) -> None:
        super().__init__(window)
        self.window, self.controller, self._restore = window, controller, restore

    def choose_backup_file(self) -> None:
        suggested = dated_backup_path(self.controller.session.folder)
        chosen, _ = QFileDialog.getSaveFileName(
            self.window, "Back up the library", str(suggested), BACKUP_FILTER
        )
        if chosen:
            self.back_up(Path(chosen))

    def back_up(self, path: Path) -> Operation:
        """Write a full backup at `path` in the background; the status bar says where it
        went (beside `path`, when a file there is not a Reader backup)."""
        self.window.statusBar().showMessage(f"Backing up the library to {path.name}…")
        operation = Operation(lambda s, _progress: s.write_backup(path), self.controller.session)
        operation.signals.finished.connect(lambda written: self._backed_up(path, written))
        operation.signals.failed.connect(self.controller.error_occurred)
        return operation.start()

    def _backed_up(self, wanted: Path, written: Path) -> None:
        told = f"Backed up the library to {written}"
        if written != wanted:
            told = f"{wanted.name} is not a Reader backup, so it was kept: {told}"
        self.window.statusBar().showMessage(told, 15000)

    def choose_backup_to_restore(self) -> None:
        folder = backup_folder(self.controller.session.folder)
        chosen, _ = QFileDialog.getOpenFileName(
            self.window, "Restore the library from a backup", str(folder), BACKUP_FILTER
        )
        if chosen and self.confirm_restore(Path(chosen)):
            self._restore(Path(chosen))

    def confirm_restore(self, path: Path) -> bool:
        box = plain(
            QMessageBox(
                QMessageBox.Icon.Question,
                "Restore from Backup",
                f"Replace the whole library with the backup {path.name}?",
                parent=self.window,
            )
        )
        box.setObjectName("confirmRestore")
        box.setInformativeText(
            "Every article, highlight and prediction in the library now is replaced by "
            "the backup's. The library as it is now is first kept in a dated safety copy "
            f"in {backup_folder(self.controller.session.folder)}."
        )
        restore = box.addButton("Restore", QMessageBox.ButtonRole.DestructiveRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(QMessageBox.StandardButton.Cancel)
        box.exec()
        return box.clickedButton() is restore

    def report_restore(self, text: str) -> None:
        """What the restore brought back and where the old library went, in a message
        that stays until read (the index rebuild's progress takes the status bar)."""
        box = plain(
            QMessageBox(QMessageBox.Icon.Information, "Library restored", text, parent=self.window)
        )
        box.setObjectName("restoreReport")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()
