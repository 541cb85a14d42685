"""FindBar: find in the open article (Ctrl+F), F3 / Shift+F3 through the matches."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QKeySequence, QShortcut, QTextCharFormat
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QWidget

from reader.core.text import find_phrase
from reader.ui.common.a11y import named
from reader.ui.reading.view import ReadingView

LAYER = "matches"


# orange, which no highlight colour is, underlined, with dark letters; the current match
# deep orange with white letters, as browsers mark it
MATCH_COLOR, MATCH_LINE, CURRENT_COLOR = "#ffa94d", "#d9480f", "#d9480f"


def match_format(current: bool) -> QTextCharFormat:
    fmt = QTextCharFormat()
    fmt.setBackground(QColor(CURRENT_COLOR if current else MATCH_COLOR))
    fmt.setForeground(QColor("white" if current else "#1f1f1f"))  # readable in every theme
    if not current:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(MATCH_LINE))
    return fmt


class MatchStepper:
    """Marks a list of canonical ranges in the view and steps through them."""

    def __init__(self, view: ReadingView) -> None:
        self.view = view
        self.ranges: list[tuple[int, int]] = []
        self.current = -1
        self._text = ""
        view.article_shown.connect(self._on_view_article_shown)

    def _on_view_article_shown(self) -> None:
        """Same text shown again (a theme change): paint the marks again; else drop them."""
        if self.view.canonical_text == self._text and self.ranges:
            layer = [
                (s, e, match_format(i == self.current)) for i, (s, e) in enumerate(self.ranges)
            ]
            self.view.set_layer(LAYER, layer)
        else:
            self.ranges, self.current = [], -1

    def set_ranges(self, ranges: list[tuple[int, int]], first: int = 0) -> None:
        self._text = self.view.canonical_text
        self.ranges = sorted(ranges)
        self.current = min(first, len(self.ranges) - 1) if self.ranges else -1
        self._paint()

    def clear(self) -> None:
        self.set_ranges([])

    def step(self, delta: int) -> None:
        if not self.ranges:
            return
        self.current = (self.current + delta) % len(self.ranges)
        self._paint()

    def _paint(self) -> None:
        layer = [(s, e, match_format(i == self.current)) for i, (s, e) in enumerate(self.ranges)]
        self.view.set_layer(LAYER, layer)
        if self.current >= 0:
            start, end = self.ranges[self.current]
            self.view.scroll_to_range(start, end)


class FindBar(QWidget):
    closed = Signal()

    def __init__(self, view: ReadingView, stepper: MatchStepper, parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("findBar")
        self.view = view
        self.stepper = stepper
        self.edit = QLineEdit(self, placeholderText="Find in this article")
        self.edit.setClearButtonEnabled(True)
        self.count = QLabel(self)
        prev_button = QToolButton(self, text="▲", toolTip="Previous match (Shift+F3)")
        next_button = QToolButton(self, text="▼", toolTip="Next match (F3, Enter)")
        close_button = QToolButton(self, text="✕", toolTip="Close (Esc)")
        named(
            (self.edit, "Find in this article"),
            (prev_button, "Previous match"),
            (next_button, "Next match"),
            (close_button, "Close find"),
        )
        prev_button.clicked.connect(lambda: self.step(-1))
        next_button.clicked.connect(lambda: self.step(1))
        close_button.clicked.connect(self.close_bar)
        self.edit.textChanged.connect(self._on_edit_text_changed)
        self.edit.returnPressed.connect(lambda: self.step(1))
        QShortcut(QKeySequence(Qt.Key.Key_Escape), self.edit, self.close_bar)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(6, 2, 6, 2)
        layout.addWidget(QLabel("Find:", self))
        layout.addWidget(self.edit, 1)
        layout.addWidget(self.count)
        layout.addWidget(prev_button)
        layout.addWidget(next_button)
        layout.addWidget(close_button)
        # where the reader was when the bar opened: the first match shown is the first from
        # there on, and a search that finds nothing (or is emptied) goes back there
        self._origin: tuple[int, int] = (0, 0)  # (scroll bar value, offset at the top)
        self.hide()

    def open_bar(self) -> None:
        if not self.isVisible():
            self._origin = (self.view.verticalScrollBar().value(), self.view.offset_in_view())
        self.show()
        selected = self.view.textCursor().selectedText()
        if selected and len(selected) < 100:
            self.edit.setText(selected)
        self.edit.setFocus()
        self.edit.selectAll()

    def close_bar(self) -> None:
        self.stepper.clear()
        self.hide()
        self.view.setFocus()
        self.closed.emit()

    def step(self, delta: int) -> None:
        self.stepper.step(delta)
        self.update_count()

    def refresh(self) -> None:
        """The article changed: search it again."""
        if self.isVisible():
            self._on_edit_text_changed(self.edit.text())

    def _on_edit_text_changed(self, text: str) -> None:
        ranges = sorted(find_phrase(self.view.canonical_text, text))
        scroll, offset = self._origin
        first = next((i for i, (start, _) in enumerate(ranges) if start >= offset), 0)
        self.stepper.set_ranges(ranges, first)
        if not ranges:
            self.view.verticalScrollBar().setValue(scroll)
        self.update_count()

    def update_count(self) -> None:
        s = self.stepper
        if not self.edit.text().strip():
            self.count.setText("")
        elif not s.ranges:
            self.count.setText("no matches")
        else:
            self.count.setText(f"{s.current + 1} of {len(s.ranges)}")
