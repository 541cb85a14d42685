"""HighlightEditor: the popup for one highlight — note, tags, colour, delete."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPlainTextEdit,
    QPushButton,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import ColorSlot, Highlight
from reader.core.storage.tags import clean_tags
from reader.ui.common.a11y import named
from reader.ui.common.documents import plain
from reader.ui.common.placement import move_on_screen
from reader.ui.common.tag_edit import TagEdit

AUTOSAVE_MS = 500  # a kill loses at most this much typing


class HighlightEditor(QFrame):
    """Edits save as you type (debounced); closing the popup saves what is left."""

    note_changed = Signal(int, str)
    tags_changed = Signal(int, list)
    color_chosen = Signal(int, int)
    delete_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent, Qt.WindowType.Popup)
        self.setObjectName("highlightEditor")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        self.setMinimumWidth(380)
        self.highlight: Highlight | None = None
        self.quote_label = plain(QLabel(self))
        self.quote_label.setWordWrap(True)
        self.quote_label.setStyleSheet("font-style: italic;")
        self.note_edit = QPlainTextEdit(self)
        self.note_edit.setPlaceholderText("Add a note (Markdown)…")
        self.note_edit.setTabChangesFocus(True)
        self.note_edit.setFixedHeight(110)
        self.tag_edit = TagEdit(self)
        named((self.note_edit, "Note on the highlight"), (self.tag_edit, "Tags of the highlight"))
        self.color_buttons: list[QToolButton] = []
        self.delete_button = QPushButton("Delete", self)
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self._save_timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._save_timer.timeout.connect(self.flush)
        self.note_edit.textChanged.connect(self._save_timer.start)
        self.tag_edit.editingFinished.connect(self._flush_tags)
        self._colors_row = QHBoxLayout()
        self._colors_row.setSpacing(4)
        bottom = QHBoxLayout()
        bottom.addLayout(self._colors_row)
        bottom.addStretch(1)
        bottom.addWidget(self.delete_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.quote_label)
        layout.addWidget(self.note_edit)
        layout.addWidget(self.tag_edit)
        layout.addLayout(bottom)

    def set_colors(self, colors: list[ColorSlot]) -> None:
        for button in self.color_buttons:
            button.deleteLater()
        self.color_buttons = []
        for c in colors:
            button = QToolButton(self)
            button.setCheckable(True)
            button.setToolTip(f"{c.name} ({c.slot})")
            button.setAccessibleName(f"Colour {c.name}")
            button.setFixedSize(26, 26)
            button.setStyleSheet(
                f"QToolButton {{ background: {c.hex}; border: 1px solid #888;"
                " border-radius: 13px; }"
                f"QToolButton:checked {{ border: 3px solid #333; }}"
            )
            button.clicked.connect(lambda _=False, slot=c.slot: self._on_color_clicked(slot))
            self._colors_row.addWidget(button)
            self.color_buttons.append(button)

    def open_for(self, highlight: Highlight, known_tags: list[str], at: QPoint) -> None:
        self.flush()
        self.highlight = highlight
        quote = highlight.quote.exact
        self.quote_label.setText("“" + (quote if len(quote) < 220 else quote[:217] + "…") + "”")
        self.note_edit.blockSignals(True)
        self.note_edit.setPlainText(highlight.note)
        self.note_edit.blockSignals(False)
        self.tag_edit.setText(", ".join(highlight.tags))
        self.tag_edit.set_known_tags(known_tags)
        for n, button in enumerate(self.color_buttons, 1):
            button.setChecked(n == highlight.color)
        self.adjustSize()
        move_on_screen(self, at)
        self.show()
        self.note_edit.setFocus()

    def flush(self) -> None:
        """Save the note and tags now (debounce fired, popup closing, window closing)."""
        self._save_timer.stop()
        h = self.highlight
        if h is None:
            return
        note = self.note_edit.toPlainText()
        if note != h.note:
            self.note_changed.emit(h.id, note)
        self._flush_tags()

    def _flush_tags(self) -> None:
        h = self.highlight
        if h is not None and clean_tags(self.tag_edit.tags()) != h.tags:
            self.tags_changed.emit(h.id, self.tag_edit.tags())

    def unsaved_note(self) -> str | None:
        """Typed text the library has not stored (a save failed), if any."""
        h = self.highlight
        text = self.note_edit.toPlainText()
        return text if h is not None and text != h.note else None

    def detach(self) -> None:
        """Save what is typed and stop editing (the window is closing)."""
        self.flush()
        self.highlight = None
        self.hide()

    def refresh(self, highlight: Highlight) -> None:
        """The stored highlight changed (saved, undone): keep our copy in step."""
        if self.highlight is not None and self.highlight.id == highlight.id:
            self.highlight = highlight
            if not self.isVisible():
                return
            if self.note_edit.toPlainText() != highlight.note and not self._save_timer.isActive():
                self.note_edit.blockSignals(True)
                self.note_edit.setPlainText(highlight.note)
                self.note_edit.blockSignals(False)
            for n, button in enumerate(self.color_buttons, 1):
                button.setChecked(n == highlight.color)

    def _on_color_clicked(self, slot: int) -> None:
        if self.highlight is not None:
            self.color_chosen.emit(self.highlight.id, slot)
        for n, button in enumerate(self.color_buttons, 1):
            button.setChecked(n == slot)

    def _on_delete_clicked(self) -> None:
        if self.highlight is not None:
            self.flush()
            hid = self.highlight.id
            self.highlight = None
            self.hide()
            self.delete_requested.emit(hid)

    def hideEvent(self, event) -> None:
        self.flush()
        super().hideEvent(event)
