"""Small dialogs: rename highlight colours; the highlight trash."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import ColorSlot


class ColorNamesDialog(QDialog):
    """Name the five colours (e.g. Pink -> "Disagree"); names travel to search and export."""

    def __init__(self, colors: list[ColorSlot], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Highlight Colour Names")
        self.edits: dict[int, QLineEdit] = {}
        form = QFormLayout(self)
        for c in colors:
            edit = QLineEdit(c.name, self)
            edit.setObjectName(f"colorName{c.slot}")
            edit.setStyleSheet(f"QLineEdit {{ border-left: 14px solid {c.hex}; }}")
            self.edits[c.slot] = edit
            form.addRow(f"{c.slot}", edit)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self
        )
        buttons.accepted.connect(self._accept_if_valid)
        buttons.rejected.connect(self.reject)
        form.addRow(buttons)

    def names(self) -> dict[int, str]:
        return {slot: " ".join(e.text().split()) for slot, e in self.edits.items()}

    def _accept_if_valid(self) -> None:
        names = self.names()
        if any(not n for n in names.values()):
            QMessageBox.warning(self, "Colour names", "Every colour needs a name.")
            return
        if len({n.casefold() for n in names.values()}) < len(names):
            QMessageBox.warning(self, "Colour names", "Two colours cannot share a name.")
            return
        self.accept()


class TrashDialog(QDialog):
    """Deleted highlights: restore any of them, or empty the trash for good."""

    def __init__(self, controller, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.controller = controller
        self.setWindowTitle("Highlight Trash")
        self.resize(520, 420)
        self.list = QListWidget(self)
        self.restore_button = QPushButton("Restore", self)
        self.empty_button = QPushButton("Empty Trash…", self)
        close = QPushButton("Close", self)
        self.restore_button.clicked.connect(self._restore)
        self.empty_button.clicked.connect(self._empty)
        close.clicked.connect(self.accept)
        row = QHBoxLayout()
        row.addWidget(self.restore_button)
        row.addWidget(self.empty_button)
        row.addStretch(1)
        row.addWidget(close)
        layout = QVBoxLayout(self)
        layout.addWidget(self.list)
        layout.addLayout(row)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        for h in self.controller.trash():
            item = QListWidgetItem(f"{h.quote.exact[:90]}\n  deleted {h.deleted_at[:16]}")
            item.setData(256, h.id)
            self.list.addItem(item)
        has = self.list.count() > 0
        self.restore_button.setEnabled(has)
        self.empty_button.setEnabled(has)

    def _restore(self) -> None:
        item = self.list.currentItem() or self.list.item(0)
        if item is not None:
            self.controller.restore(int(item.data(256)))
            self._fill()

    def _empty(self) -> None:
        answer = QMessageBox.question(
            self,
            "Empty trash",
            f"Delete {self.list.count()} highlight(s) for good? This cannot be undone.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.empty_trash()
            self._fill()
