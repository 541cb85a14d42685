"""MainWindow: assembles the feature presenters around the reading view; remembers its
layout; says what went wrong.

Each feature is a controller (its way into the core session, its undoable actions) and
a presenter (its panels and actions in this window). Every change to the library
reaches them as one `Changes` record through the ChangeRelay, whoever made it.
"""

from __future__ import annotations

import sys
from datetime import date
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import QApplication, QDialog, QLabel, QMainWindow, QMessageBox

from reader.core.session import Session
from reader.core.storage.recovery import keep_unsaved_text
from reader.ui.common.changes import ChangeRelay
from reader.ui.common.docks import behind_a_tab
from reader.ui.common.documents import plain
from reader.ui.common.remembered import remember_geometry
from reader.ui.export.controller import ExportController
from reader.ui.export.dialog import ExportDialog
from reader.ui.export.vault import VaultKeeper
from reader.ui.highlights.controller import HighlightController
from reader.ui.highlights.presenter import HighlightsPresenter
from reader.ui.library.controller import LibraryController
from reader.ui.library.presenter import LibraryPresenter
from reader.ui.predictions.controller import PredictionController
from reader.ui.predictions.offers import EvidenceOffers
from reader.ui.predictions.presenter import PredictionsPresenter
from reader.ui.reading.bookmarks import BookmarkController
from reader.ui.reading.contents import ContentsPresenter
from reader.ui.reading.presenter import ReadingPresenter
from reader.ui.search.controller import SearchController
from reader.ui.search.presenter import SearchPresenter
from reader.ui.window.backups import BackupActions
from reader.ui.window.dock_tabs import keep_tab_bars_tidy
from reader.ui.window.help_dialogs import ShortcutsDialog
from reader.ui.window.menus import build_menus
from reader.ui.window.state import WindowState

PREDICTIONS_SPLIT = "window/predictionsSplitter"  # list above, editor below


class MainWindow(QMainWindow):
    def __init__(self, session: Session, state: WindowState) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.session, self.state = session, state
        self.ending = False  # told to end by the system: nothing is asked on the way out
        self.undo_stack = QUndoStack(self)
        self.relay = ChangeRelay(session, self)
        self.controller = LibraryController(session, self.undo_stack, self)
        self.export = ExportController(session, self)
        self.backups = BackupActions(self, self.controller, self.restore_backup)
        self.library = LibraryPresenter(self, self.controller, state)
        self.reading = ReadingPresenter(self, self.controller, state)
        self.reading_view = self.reading.view
        self.contents = ContentsPresenter(
            self,
            self.reading_view,
            self.controller,
            BookmarkController(session.bookmarks, self.undo_stack, self),
        )
        self.setCentralWidget(self.reading.central)
        self.search = SearchPresenter(
            self, self.controller, SearchController(session, self), self.reading.matches
        )
        self.highlights = HighlightsPresenter(
            self,
            self.reading_view,
            self.controller,
            HighlightController(session.highlights, self.undo_stack, self),
            self.export,
        )
        self.predictions = PredictionsPresenter(
            self,
            self.reading_view,
            self.controller,
            PredictionController(
                session.predictions, self.undo_stack, self, highlights=session.highlights
            ),
            self.export,
            state.qs,
        )
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.highlights.toolbar)
        self.highlights.toolbar.addSeparator()
        self.highlights.toolbar.addAction(self.predictions.mark_action)
        self.reading_view.context_actions["predictions"] = [
            self.predictions.mark_action,
            self.predictions.evidence_action,
        ]
        self.tabifyDockWidget(self.library.dock, self.search.dock)
        self.tabifyDockWidget(self.library.dock, self.contents.dock)
        self.tabifyDockWidget(self.highlights.dock, self.predictions.dock)
        self.tabifyDockWidget(self.highlights.dock, self.highlights.all_dock)
        self.library.dock.raise_()
        self.predictions.dock.raise_()  # a first start: the bundled article's predictions
        self.offers = EvidenceOffers(
            self, self.reading_view, self.controller, self.predictions.controller
        )
        self.statusBar().addPermanentWidget(self.offers.button)
        self.statusBar().addPermanentWidget(self.predictions.due_button)
        self.statusBar().addPermanentWidget(self.predictions.to_review)
        self.statusBar().addPermanentWidget(self.reading.progress_label)
        self.vault = VaultKeeper(self, session)
        self.statusBar().addPermanentWidget(self.vault.label)
        if session.read_only:  # said once, and kept in sight
            read_only = QLabel("Read-only", self)
            read_only.setToolTip(f"Nothing can be saved: {session.read_only}.")
            self.statusBar().addPermanentWidget(read_only)
        self.menus = build_menus(self)
        self._connect()
        self.set_theme(self.reading.theme_choice)
        self.resize(1280, 860)
        if (geometry := state.geometry()) is not None:
            self.restoreGeometry(geometry)
        self.resizeDocks(
            [self.library.dock, self.highlights.dock], [300, 340], Qt.Orientation.Horizontal
        )
        if (dock_state := state.dock_state()) is not None:
            self.restoreState(dock_state)
        if (split := state.get(PREDICTIONS_SPLIT, None)) is not None:
            self.predictions.panel.splitter.restoreState(split)
        self._tab_bar_check = keep_tab_bars_tidy(self)  # a Qt 6.11 bug: see dock_tabs

    def _connect(self) -> None:
        # the library first: a change may switch the article the others show
        for on_changes in (
            self.controller.on_changes,
            self.highlights.on_changes,
            self.predictions.on_changes,
            self.search.on_changes,
            self.contents.on_changes,
            self.vault.on_changes,
            self.offers.on_changes,
        ):
            self.relay.changed.connect(on_changes)
        for controller in (
            self.controller,
            self.highlights.controller,
            self.predictions.controller,
            self.search.controller,
            self.contents.bookmarks,
            self.export,
            self.vault,
        ):
            controller.error_occurred.connect(self.show_error)
        self.search.annotation_requested.connect(self._on_search_annotation_requested)
        self.predictions.proposals_counted.connect(self.library.panel.set_proposals)
        self.predictions.panel.editor.evidence_requested.connect(self._show_evidence)
        self.controller.article_opened.connect(lambda _a: self.predictions.count_proposals())
        self.reading.dark_changed.connect(self.highlights.set_dark)
        self.reading.dark_changed.connect(self.predictions.set_dark)

    def _on_search_annotation_requested(self, kind: str, item_id: int) -> None:
        (self.highlights if kind == "highlight" else self.predictions).reveal(item_id)

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._tab_bar_check.start()

    # -- start --
    def start(self, article_id: int | None = None) -> None:
        """Fill the library and open this article, else the last one read (the interview
        on first run)."""
        self.controller.refresh()
        watched = self.state.get("import/watch_folder", "")
        if watched:
            self.library.watch_folder(Path(watched))
        # the index check imports Whoosh and reads the library: after the first paint
        QTimer.singleShot(300, self, self.search.controller.ensure_index)
        if self.session.read_only:
            self.show_error(
                f"This library opened for reading only: {self.session.read_only}. "
                "Highlights, notes and imports cannot be saved until it is writable."
            )
        last = article_id if article_id is not None else self.state.last_article()
        if last is None or not self.controller.open_article(last):
            self.controller.open_first()
        self.predictions.count_proposals()
        due, today = self.predictions.count_due(), date.today().isoformat()
        if due and self.state.get("predictions/due_told", "") != today:  # once a day
            self.state.set("predictions/due_told", today)
            self.predictions.announce_due(due)

    def import_paths(self, paths: list, images: bool = False) -> None:
        self.library.import_paths(paths, images=images)

    # -- drag and drop --
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.library.import_paths(paths)

    # -- view --
    def set_theme(self, choice: str) -> None:
        for name, action in self.menus.themes.items():
            action.setChecked(name == choice)
        self.reading.set_theme(choice)

    def toggle_focus_mode(self) -> None:
        self.reading.set_focus_mode(self.menus.focus.isChecked())

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.menus.focus.isChecked():
            self.menus.focus.setChecked(False)
            self.toggle_focus_mode()
            return
        super().keyPressEvent(event)

    # -- the library as a whole --
    def restore_backup(self, path: Path) -> None:
        """Replace the library with a backup (the current one is backed up first)."""
        shown = self.controller.current.id if self.controller.current else None
        ok, message = self.controller.restore_backup(path)
        if ok:
            self.undo_stack.clear()
            self.start(shown)  # the article read before, if the backup has it
            self.backups.report_restore(message)
        else:
            self.show_error(message)

    def start_auto_backup(self) -> None:
        if not self.session.read_only:
            self.controller.start_auto_backup()

    def _show_evidence(self, highlight_uid: str) -> None:
        """The passage kept as a prediction's evidence: its article, the passage shown."""
        h = self.highlights.controller.by_uid(highlight_uid)
        if h is None or not self.controller.open_article(h.article_id, start_reading=True):
            self.statusBar().showMessage("That passage is no longer in the library", 4000)
            return
        self.highlights.reveal(h.id)

    def focusNextPrevChild(self, next: bool) -> bool:
        """Tab and Shift+Tab pass over panels hidden behind another panel's tab (Qt
        counts them as shown and would walk into them unseen)."""
        moved = super().focusNextPrevChild(next)
        for _ in range(500):
            focused = QApplication.focusWidget()
            if not moved or focused is None or not behind_a_tab(focused):
                break
            moved = super().focusNextPrevChild(next)
        return moved

    def bring_forward(self, paths: list[str] | None = None) -> None:
        """Another start of Reader on this library handed over to this window (with the
        files and web pages `reader FILE|URL…` was given: opened, imported if new)."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if paths:
            self.library.open_paths([p if "://" in p else Path(p) for p in paths])

    # -- dialogs and messages --
    def show_error(self, text: str) -> None:
        """Say what went wrong without blocking; repeated failures reuse one message."""
        self.statusBar().showMessage(text, 10000)
        box = self.findChild(QMessageBox, "errorBox")
        if box is not None and box.isVisible():
            box.setText(text)
            return
        box = plain(QMessageBox(QMessageBox.Icon.Warning, "Reader", text, parent=self))
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_export(self) -> None:
        current = self.controller.current.id if self.controller.current else None
        dialog = ExportDialog(self.export, current, self.state.qs, self)
        remember_geometry(dialog, self.state.qs, "export")
        if dialog.exec() and dialog.written:
            where = dialog.written[0].parent
            told = " · ".join(
                [f"Exported {len(dialog.written)} file(s) to {where}", *self.export.notes]
            )
            self.statusBar().showMessage(told, 12000)

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self).exec()

    def show_about(self) -> None:
        QMessageBox.about(
            self,
            "About Reader",
            "Reader — read, search and annotate saved articles.\n"
            "Everything stays on this computer.",
        )

    # -- closing --
    def end_now(self) -> None:
        """The system asks Reader to end (a logout, `kill`, Ctrl+C): close as the window
        does, saving what is typed and the layout, without asking anything."""
        self.ending = True
        for dialog in self.findChildren(QDialog):  # a dialog open waits for no answer
            if dialog.isVisible():
                dialog.reject()
        self.close()
        QApplication.quit()

    def _keep_unsaved_note(self, text: str) -> None:
        try:
            where = keep_unsaved_text(self.session.folder, text)
        except OSError as exc:
            print(f"reader: a note could not be saved: {exc}\n{text}", file=sys.stderr)
        else:
            print(f"reader: a note could not be saved; it is in {where}", file=sys.stderr)

    def _confirm_close_with_unsaved(self, text: str) -> bool:
        box = QMessageBox(
            QMessageBox.Icon.Warning,
            "Unsaved note",
            "A note could not be saved (see the last message). Copy it to the "
            "clipboard before closing, or keep Reader open and try again?",
            parent=self,
        )
        copy = box.addButton("Copy Note and Close", QMessageBox.ButtonRole.AcceptRole)
        box.addButton("Keep Open", QMessageBox.ButtonRole.RejectRole)
        box.exec()
        if box.clickedButton() is copy:
            QGuiApplication.clipboard().setText(text)
            return True
        return False

    def closeEvent(self, event) -> None:
        editor = self.highlights.editor
        editor.flush()
        unsaved = editor.unsaved_note()
        if unsaved is not None and self.ending:  # no one to ask: kept in a file
            self._keep_unsaved_note(unsaved)
        elif unsaved is not None and not self._confirm_close_with_unsaved(unsaved):
            event.ignore()
            return
        if self.menus.focus.isChecked():
            self.menus.focus.setChecked(False)
            self.toggle_focus_mode()
        editor.detach()
        self.predictions.panel.editor.flush()  # (heard by the vault before the relay stops)
        self.relay.stop()
        self.predictions.stop()
        self.search.controller.shutdown()
        self.vault.flush()
        self.reading.remember_place()
        self.state.save_layout(self.saveGeometry(), self.saveState())
        self.state.set(PREDICTIONS_SPLIT, self.predictions.panel.splitter.saveState())
        self.state.sync()
        super().closeEvent(event)
