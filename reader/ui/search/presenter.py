"""Wires library search into the window: the panel, keys, opening hits at their matches."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QMainWindow, QProgressBar

from reader.ui.library.controller import LibraryController
from reader.ui.reading.find_bar import MatchStepper
from reader.ui.search.controller import SearchController
from reader.ui.search.panel import SearchPanel


class SearchUi(QObject):
    def __init__(
        self,
        window: QMainWindow,
        library: LibraryController,
        search: SearchController,
        matches: MatchStepper,
    ) -> None:
        super().__init__(window)
        self.window, self.library, self.c, self.matches = window, library, search, matches
        self.panel = SearchPanel(window)
        self.dock: QDockWidget | None = None
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("Indexing %v/%m")
        self.progress.hide()
        window.statusBar().addWidget(self.progress)
        self.focus_action = QAction("&Search Library…", window)
        self.focus_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
        self.focus_action.triggered.connect(self.focus)
        self.reindex_action = QAction("Rebuild Search &Index", window)
        self.reindex_action.triggered.connect(self.c.rebuild)
        self.panel.query_edited.connect(self.c.search_as_you_type)
        self.panel.query_entered.connect(self.c.search_now)
        self.panel.hit_activated.connect(self.open_hit)
        self.c.search_finished.connect(self.panel.show_result)
        self.c.index_progress.connect(self._on_index_progress)
        self.c.index_ready.connect(self._on_index_ready)
        library.library_changed.connect(self._on_library_changed)

    def focus(self) -> None:
        if self.dock is not None:
            self.dock.show()
            self.dock.raise_()
        self.panel.focus_box()

    def open_hit(self, hit) -> None:
        if not self.library.open_article(hit.article_id):
            self.window.statusBar().showMessage("That article is no longer in the library", 4000)
            return
        text = self.library.current.plain_text
        ranges = self.c.match_ranges(text, hit.terms, self.c.last_query)
        self.matches.set_ranges(ranges)
        found = len(ranges)
        self.window.statusBar().showMessage(
            f"{found} match{'es' if found != 1 else ''} marked — F3 / Shift+F3 to step through",
            6000,
        )

    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.show()

    def _on_library_changed(self, _items: list) -> None:
        """An article deleted, restored or imported: the results shown are asked again."""
        if self.c.last_query:
            self.c.search_now(self.c.last_query)

    def _on_index_ready(self, message: str) -> None:
        self.progress.hide()
        if message:
            self.window.statusBar().showMessage(message, 6000)
