"""Wires library search into the window: the panel, keys, opening hits at their matches."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMainWindow, QProgressBar

from reader.core.changes import Changes
from reader.core.search.said import places
from reader.ui.common.docks import add_dock, show_dock
from reader.ui.library.controller import LibraryController
from reader.ui.reading.find_bar import MatchStepper
from reader.ui.search.controller import SearchController
from reader.ui.search.panel import SearchPanel


class SearchPresenter(QObject):
    """Library search in the window: the Search panel, its keys, and opening a hit with
    its matches marked."""

    annotation_requested = Signal(str, int)  # a hit found in a note, tag or prediction

    def __init__(
        self,
        window: QMainWindow,
        library: LibraryController,
        controller: SearchController,
        matches: MatchStepper,
    ) -> None:
        super().__init__(window)
        self.window, self.library, self.controller = window, library, controller
        self.matches = matches
        self.panel = SearchPanel(window)
        self.dock = add_dock(
            window, "Search", "searchDock", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.progress = QProgressBar(window)
        self.progress.setMaximumWidth(180)
        self.progress.setFormat("Indexing %v/%m")
        self.progress.hide()
        window.statusBar().addWidget(self.progress)
        self.focus_action = QAction("&Search Library…", window)
        self.focus_action.setShortcuts([QKeySequence("Ctrl+K"), QKeySequence("Ctrl+Shift+F")])
        self.focus_action.triggered.connect(self.focus)
        self.reindex_action = QAction("Rebuild Search &Index", window)
        self.reindex_action.triggered.connect(self.controller.rebuild)
        self.panel.query_edited.connect(self.controller.search_as_you_type)
        self.panel.query_entered.connect(self.controller.search_now)
        self.panel.hit_activated.connect(self.open_hit)
        self.controller.search_finished.connect(self.panel.show_result)
        self.controller.index_progress.connect(self._on_index_progress)
        self.controller.index_ready.connect(self._on_index_ready)

    def focus(self) -> None:
        show_dock(self.dock)
        self.panel.focus_box()

    def open_hit(self, hit) -> None:
        article = (
            self.library.current
            if self.library.open_article(hit.article_id, start_reading=True)
            else None
        )
        if article is None:
            self.window.statusBar().showMessage("That article is no longer in the library", 4000)
            return
        text = article.plain_text
        ranges = self.controller.match_ranges(text, hit.terms, self.controller.last_query)
        self.matches.set_ranges(ranges)
        found = len(ranges)
        where = places(hit)
        self.window.statusBar().showMessage(
            f"{found} match{'es' if found != 1 else ''} marked — F3 / Shift+F3 to step through"
            if found or hit.terms or not where
            else f"Found {where}",
            6000,
        )
        if hit.annotation is not None:  # found by a note, a tag or a prediction: open there
            self.annotation_requested.emit(hit.annotation.kind, hit.annotation.item_id)

    def _on_index_progress(self, done: int, total: int) -> None:
        self.progress.setMaximum(max(1, total))
        self.progress.setValue(done)
        self.progress.show()

    def on_changes(self, changes: Changes) -> None:
        """An article deleted, restored or imported: the results shown are asked again."""
        if not (changes.articles or changes.everything):
            return
        self.controller.search_again()

    def _on_index_ready(self, message: str) -> None:
        self.progress.hide()
        if message:
            self.window.statusBar().showMessage(message, 6000)
