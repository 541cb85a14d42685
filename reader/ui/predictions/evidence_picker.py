"""EvidencePicker: choose the open prediction a selected passage is evidence for."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Prediction
from reader.core.text import clip_words, quoted
from reader.ui.common.a11y import named
from reader.ui.common.documents import plain


class EvidencePicker(QDialog):
    def __init__(self, passage: str, predictions: list[Prediction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("evidencePicker")
        self.setWindowTitle("Use as Evidence")
        self.chosen: int | None = None
        label = plain(QLabel(f"{quoted(clip_words(passage, 160))} is evidence for:", self))
        label.setWordWrap(True)
        self.filter = QLineEdit(self, placeholderText="Find a prediction…")
        self.list = QListWidget(self)
        self.list.setWordWrap(True)
        self.list.setSpacing(4)  # (each a statement and its speaker: apart from the next)
        named((self.filter, "Find a prediction"), (self.list, "Open predictions"))
        for p in predictions:
            said = " · ".join(
                x for x in (p.speaker, f"by {p.resolve_by}" if p.resolve_by else "") if x
            )
            item = QListWidgetItem(f"{p.headline}\n{said}" if said else p.headline)
            item.setData(Qt.ItemDataRole.UserRole, p.id)
            self.list.addItem(item)
        self.list.setCurrentRow(0)
        self.filter.textChanged.connect(self._filter)
        self.filter.returnPressed.connect(self._choose)
        self.list.itemActivated.connect(lambda _item: self._choose())
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._choose)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(label)
        layout.addWidget(self.filter)
        layout.addWidget(self.list, 1)
        layout.addWidget(buttons)
        self.resize(560, 420)

    def _filter(self, text: str) -> None:
        words = text.casefold().split()
        first = None
        for row in range(self.list.count()):
            item = self.list.item(row)
            hidden = not all(w in item.text().casefold() for w in words)
            item.setHidden(hidden)
            if not hidden and first is None:
                first = row
        if first is not None:
            self.list.setCurrentRow(first)

    def _choose(self) -> None:
        item = self.list.currentItem()
        if item is not None and not item.isHidden():
            self.chosen = int(item.data(Qt.ItemDataRole.UserRole))
            self.accept()
