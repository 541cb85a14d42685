"""Help › Keyboard Shortcuts: every key the window answers to, in one table."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidget, QTableWidgetItem, QVBoxLayout

SHORTCUTS = [
    ("Reading", "Ctrl+O", "Import articles"),
    ("Reading", "Ctrl+Shift+O", "Import every article in a folder"),
    ("Reading", "Ctrl+L", "Save an article from a web address"),
    ("Reading", "Ctrl+Shift+V", "New article from the clipboard"),
    ("Reading", "Ctrl+E", "Export annotations"),
    ("Reading", "E", "Archive the open article and open the next (again: unarchive)"),
    ("Reading", "T", "Tag the open article"),
    ("Reading", "Ctrl+Delete", "Delete the open article (undoable)"),
    ("Reading", "Ctrl+Plus / Ctrl+Minus / Ctrl+0", "Text size"),
    ("Reading", "F11, Esc", "Focus mode on, off"),
    ("Reading", "Ctrl+T", "Contents: the article's headings (click one to go there)"),
    ("Reading", "Ctrl+D", "Bookmark the place you are reading (again: remove it)"),
    ("Reading", "Ctrl+Shift+L", "The library (brought to the front; again: hidden)"),
    (
        "Reading",
        "Alt+1, Alt+2, Alt+3, Alt+4, Alt+5, Alt+6",
        "Into Library, Contents, Search, Highlights, Predictions, All Highlights",
    ),
    ("Reading", "Alt+0", "The keyboard back to the article text"),
    ("Reading", "Tab / Shift+Tab", "From control to control, through every panel shown"),
    ("Reading", "Ctrl+Q", "Quit (the layout and your place are kept)"),
    ("Searching", "Ctrl+K, Ctrl+Shift+F", "Search every article (as you type; Enter)"),
    ("Searching", "Down, Enter", "From the search box into the results; open a result"),
    ("Searching", "Ctrl+F", "Find in the open article"),
    ("Searching", "F3 / Shift+F3", "Next / previous match"),
    ("Annotating", "H", "Highlight the selection in the last colour"),
    ("Annotating", "1 – 5", "Highlight the selection in colour 1 to 5"),
    ("Annotating", "P", "Mark the selection as a prediction"),
    ("Annotating", "Click a highlight", "Edit its note, tags and colour, or delete it"),
    ("Annotating", "Ctrl+Z / Ctrl+Shift+Z", "Undo / redo any annotation change"),
    ("Annotating", "Ctrl+Shift+H", "All highlights across the library (to the front)"),
    ("Annotating", "Ctrl+Shift+P", "The prediction ledger"),
    ("Annotating", "Ctrl+Shift+R", "Review the article's proposals: A, R, E, N, P"),
]


class ShortcutsDialog(QDialog):
    def __init__(self, parent=None, extra: list[tuple[str, str, str]] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Keyboard Shortcuts")
        rows = SHORTCUTS + (extra or [])
        table = QTableWidget(len(rows), 3, self)
        table.setHorizontalHeaderLabels(["", "Keys", "Does"])
        for r, row in enumerate(rows):
            for c, text in enumerate(row):
                table.setItem(r, c, QTableWidgetItem(text))
        table.verticalHeader().hide()
        table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
        table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        table.resizeColumnsToContents()
        table.resizeRowsToContents()
        layout = QVBoxLayout(self)
        layout.addWidget(table)
        self._fit(table, layout)

    def _fit(self, table: QTableWidget, layout: QVBoxLayout) -> None:
        """Every row shown, when the screen is tall enough; otherwise it scrolls."""
        frame = 2 * table.frameWidth()
        width = frame + table.verticalScrollBar().sizeHint().width()
        width += sum(table.columnWidth(c) for c in range(table.columnCount()))
        height = frame + table.horizontalHeader().height()
        height += sum(table.rowHeight(r) for r in range(table.rowCount()))
        margins = layout.contentsMargins()
        width += margins.left() + margins.right()
        height += margins.top() + margins.bottom()
        screen = (self.screen() or QGuiApplication.primaryScreen()).availableGeometry()
        self.resize(min(max(width, 560), screen.width()), min(height, screen.height() - 60))
