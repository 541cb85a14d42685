"""After a damaged library was set aside: offer to restore one of the backups."""

from __future__ import annotations

import html
from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class RecoveryDialog(QDialog):
    """Lists backups; accept() with `chosen` set to the backup file to restore."""

    def __init__(
        self, reason: str, moved_to: Path, backups: list[Path], parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("recoveryDialog")
        self.setWindowTitle("Library damaged")
        self.chosen: Path | None = None
        text = QLabel(
            f"The library database could not be used: {html.escape(reason)}.<br>It was moved "
            f"aside, untouched, to <code>{html.escape(str(moved_to))}</code>, and an empty "
            "library was started.<br><br>Restore a backup?",
            self,
        )
        text.setWordWrap(True)
        self.list = QListWidget(self)
        for path in backups:
            when = datetime.fromtimestamp(path.stat().st_mtime).strftime("%Y-%m-%d %H:%M")
            item = QListWidgetItem(f"{path.name}   ({when})")
            item.setData(256, str(path))
            self.list.addItem(item)
        if backups:
            self.list.setCurrentRow(0)
        self.list.setVisible(bool(backups))
        other = QPushButton("Other Backup File…", self)
        other.clicked.connect(self._choose_file)
        buttons = QDialogButtonBox(self)
        self.restore_button = buttons.addButton("Restore", QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(bool(backups))
        buttons.addButton("Start Empty", QDialogButtonBox.ButtonRole.RejectRole)
        buttons.accepted.connect(self._accept_current)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(text)
        layout.addWidget(self.list)
        layout.addWidget(other)
        layout.addWidget(buttons)

    def _accept_current(self) -> None:
        item = self.list.currentItem()
        if item is not None:
            self.chosen = Path(item.data(256))
            self.accept()

    def _choose_file(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Restore a backup", "", "Reader backups (*.json.gz *.json);;All files (*)"
        )
        if path:
            self.chosen = Path(path)
            self.accept()
