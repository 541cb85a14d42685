"""File › Save from URL…: the address, and whether to save the article's images too."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QVBoxLayout,
    QWidget,
)


class SaveUrlDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, images: bool = False) -> None:
        super().__init__(parent)
        self.setObjectName("saveUrlDialog")
        self.setWindowTitle("Save from URL")
        self.url = QLineEdit(self, placeholderText="https://…")
        self.url.setMinimumWidth(420)
        self.images = QCheckBox("Also save the article's images", self)
        self.images.setChecked(images)
        self.images.setToolTip(
            "Fetched once, now, and kept in the article; nothing is fetched while reading"
        )
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel("Address of the page (http or https):", self))
        layout.addWidget(self.url)
        layout.addWidget(self.images)
        layout.addWidget(buttons)
