"""MainWindow: library dock, reading view, menus, status bar; remembers its layout."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QGuiApplication, QUndoStack
from PySide6.QtWidgets import (
    QApplication,
    QDockWidget,
    QFileDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
    QWidget,
)

from reader.core.ingest.importer import IMPORTABLE, ImportRefused
from reader.core.models import Article, ImportReport
from reader.ui.export.controller import ExportController
from reader.ui.export.dialog import ExportDialog
from reader.ui.highlights.controller import AnnotationController
from reader.ui.highlights.presenter import HighlightsUi
from reader.ui.library.controller import LibraryController
from reader.ui.library.folder_watcher import FolderWatcher
from reader.ui.library.import_report import report_import
from reader.ui.library.panel import LibraryPanel
from reader.ui.library.save_url_dialog import SaveUrlDialog
from reader.ui.predictions.controller import PredictionController
from reader.ui.predictions.presenter import PredictionsUi
from reader.ui.reading import theme as themes
from reader.ui.reading.find_bar import FindBar, MatchStepper
from reader.ui.reading.view import DEFAULT_POINT_SIZE, ReadingView
from reader.ui.search.controller import SearchController
from reader.ui.search.presenter import SearchUi
from reader.ui.window.dock_tabs import keep_tab_bars_tidy
from reader.ui.window.help_dialogs import ShortcutsDialog
from reader.ui.window.menus import build_menus
from reader.ui.window.state import WindowState

IMPORT_FILTER = f"Articles ({' '.join('*' + s for s in sorted(IMPORTABLE))});;All files (*)"


MIN_READING_WIDTH = 300  # px: about 35 characters a line at the default size


class MainWindow(QMainWindow):
    def __init__(
        self,
        controller: LibraryController,
        annotations: AnnotationController,
        predictions: PredictionController,
        search: SearchController,
        export: ExportController,
        state: WindowState,
    ) -> None:
        super().__init__()
        self.setObjectName("mainWindow")
        self.setWindowTitle("Reader")
        self.setAcceptDrops(True)
        self.controller, self.state, self.export = controller, state, export
        self.undo_stack: QUndoStack = controller.undo_stack
        self.reading_view = ReadingView(self)
        self.matches = MatchStepper(self.reading_view)
        self.find_bar = FindBar(self.reading_view, self.matches, self)
        central = QWidget(self)
        column = QVBoxLayout(central)
        column.setContentsMargins(0, 0, 0, 0)
        column.setSpacing(0)
        column.addWidget(self.reading_view, 1)
        self.reading_view.setMinimumWidth(MIN_READING_WIDTH)  # panels give way, not the text
        column.addWidget(self.find_bar)
        self.setCentralWidget(central)
        self.library_panel = LibraryPanel(self)
        self.library_dock = self._dock(
            "Library", "libraryDock", self.library_panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.search = SearchUi(self, controller, search, self.matches)
        self.search_dock = self._dock(
            "Search", "searchDock", self.search.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.search.dock = self.search_dock
        self.highlights = HighlightsUi(self, self.reading_view, controller, annotations)
        self.addToolBar(Qt.ToolBarArea.TopToolBarArea, self.highlights.toolbar)
        self.highlights_dock = self._dock(
            "Highlights",
            "highlightsDock",
            self.highlights.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.all_highlights_dock = self._dock(
            "All Highlights",
            "allHighlightsDock",
            self.highlights.all_panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.predictions = PredictionsUi(self, self.reading_view, controller, predictions)
        self.predictions_dock = self._dock(
            "Predictions",
            "predictionsDock",
            self.predictions.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.predictions.dock = self.predictions_dock
        self.tabifyDockWidget(self.library_dock, self.search_dock)
        self.tabifyDockWidget(self.highlights_dock, self.predictions_dock)
        self.tabifyDockWidget(self.highlights_dock, self.all_highlights_dock)
        self.library_dock.raise_()
        self.highlights.toolbar.addSeparator()
        self.highlights.toolbar.addAction(self.predictions.mark_action)
        self.reading_view.context_actions["predictions"] = [self.predictions.mark_action]
        self.all_highlights_dock.visibilityChanged.connect(
            lambda visible: visible and self.highlights.refresh_library_wide()
        )
        self.highlights_dock.raise_()
        self.folder_watcher = FolderWatcher(self)
        self.folder_watcher.files_arrived.connect(self.import_paths)
        self.progress_label = QLabel(self)
        self.statusBar().addPermanentWidget(self.progress_label)
        self._progress_dialog: QProgressDialog | None = None
        self._focus_saved: bytes | None = None
        build_menus(self)
        self._connect()
        self.theme_choice = state.get("view/theme", "system")
        self.reading_view.set_point_size(state.get("view/point_size", DEFAULT_POINT_SIZE))
        self.set_theme(self.theme_choice)
        self.resize(1280, 860)
        if (geometry := state.geometry()) is not None:
            self.restoreGeometry(geometry)
        self.resizeDocks(
            [self.library_dock, self.highlights_dock], [300, 340], Qt.Orientation.Horizontal
        )
        if (dock_state := state.dock_state()) is not None:
            self.restoreState(dock_state)
        self._tab_bar_check = keep_tab_bars_tidy(self)  # a Qt 6.11 bug: see dock_tabs

    def showEvent(self, event) -> None:
        super().showEvent(event)
        self._tab_bar_check.start()

    # -- construction --
    def _dock(self, title: str, name: str, widget, area) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(name)
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _connect(self) -> None:
        c = self.controller
        c.library_changed.connect(self._on_controller_library_changed)
        c.article_opened.connect(self._on_controller_article_opened)
        c.article_closed.connect(self._on_controller_article_closed)
        c.import_progress.connect(self._on_controller_import_progress)
        c.import_finished.connect(self._on_controller_import_finished)
        c.error_occurred.connect(self.show_error)
        self.highlights.c.error_occurred.connect(self.show_error)
        self.predictions.c.error_occurred.connect(self.show_error)
        self.export.error_occurred.connect(self.show_error)
        self.highlights.markdown_for = self.export.highlight_as_markdown
        self.predictions.markdown_for = self.export.prediction_as_markdown
        self.library_panel.article_activated.connect(self._on_library_article_activated)
        c.next_after = self.library_panel.neighbour
        self.reading_view.zoom_requested.connect(self.zoom)
        self.reading_view.progress_changed.connect(self._on_reading_progress_changed)
        self.reading_view.link_refused.connect(
            lambda url: self.statusBar().showMessage(f"Not opened: {url}", 4000)
        )

    # -- start --
    def start(self) -> None:
        """Fill the library and open the last article (the interview on first run)."""
        self.controller.refresh()
        watched = self.state.get("import/watch_folder", "")
        if watched:
            self.watch_folder(Path(watched))
        # the index check imports Whoosh and reads the library: after the first paint
        QTimer.singleShot(300, self, self.search.c.ensure_index)
        last = self.state.last_article()
        if last is None or not self.controller.open_article(last):
            self.controller.open_first()

    # -- slots --
    def _on_controller_library_changed(self, items: list) -> None:
        current = self.controller.current.id if self.controller.current else None
        self.library_panel.set_articles(items, current)
        self.delete_action.setEnabled(bool(items))

    def _on_library_article_activated(self, article_id: int) -> None:
        self._remember_scroll()
        self.controller.open_article(article_id)

    def _on_controller_article_opened(self, article: Article) -> None:
        self.reading_view.show_article(article.html, article.plain_text)
        self.find_bar.refresh()
        self.setWindowTitle(f"{article.title} — Reader")
        self.library_panel.select(article.id)
        self.state.set_last_article(article.id)
        self.reading_view.restore_scroll(self.state.scroll(article.id))

    def _on_controller_article_closed(self) -> None:
        self.reading_view.clear_article()
        self.setWindowTitle("Reader")
        self.state.set_last_article(None)
        self.progress_label.setText("The library is empty: File › Import… or drop files here")

    def _remember_scroll(self) -> None:
        article = self.controller.current
        if article is not None:
            self.state.set_scroll(article.id, self.reading_view.scroll_fraction())

    def _on_reading_progress_changed(self, fraction: float) -> None:
        article = self.controller.current
        if article is None:
            return
        left = max(0, round(article.summary().reading_minutes * (1 - fraction)))
        self.progress_label.setText(f"{round(fraction * 100)}% · {left} min left")

    # -- import --
    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self, "Import articles", "", IMPORT_FILTER)
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        """Every article file in a folder and its subfolders (saved pages' _files skipped)."""
        folder = QFileDialog.getExistingDirectory(self, "Import every article in a folder")
        if folder:
            self.import_paths([Path(folder)])

    def toggle_watch(self) -> None:
        """Choose a folder whose new files are imported, or stop watching."""
        if self.folder_watcher.folder is not None:
            self.watch_folder(None)
            return
        folder = QFileDialog.getExistingDirectory(self, "Import files dropped into")
        self.watch_folder(Path(folder) if folder else None)

    def watch_folder(self, folder: Path | None) -> None:
        self.folder_watcher.watch(folder)
        watching = self.folder_watcher.folder
        self.watch_action.setChecked(watching is not None)
        self.state.set("import/watch_folder", str(watching) if watching else "")
        if watching:
            self.statusBar().showMessage(f"Watching {watching}: new files are imported", 6000)

    def ask_url(self) -> None:
        dialog = SaveUrlDialog(self, images=bool(self.state.get("import/save_images", 0)))
        dialog.accepted.connect(lambda: self._save_url(dialog))
        dialog.finished.connect(dialog.deleteLater)
        dialog.open()

    def _save_url(self, dialog: SaveUrlDialog) -> None:
        url, images = dialog.url.text().strip(), dialog.images.isChecked()
        self.state.set("import/save_images", int(images))  # an ini keeps "true" as text
        if not url:
            return
        from reader.core.ingest.web_import import web_address  # (not loaded at start-up)

        try:
            url = web_address(url)
        except ImportRefused as exc:
            self.show_error(str(exc))
            return
        self.import_paths([url], images=images)

    def paste_article(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        html = data.html() if data is not None and data.hasHtml() else None
        text = data.text() if data is not None and data.hasText() else ""
        self.controller.import_clipboard(text, html)

    def import_paths(self, paths: list, images: bool = False) -> None:
        job = self.controller.import_paths(paths, images=images)
        if len(paths) > 1 or any(isinstance(p, str) or p.is_dir() for p in paths):
            dialog = QProgressDialog("Importing…", "Cancel", 0, len(paths), self)
            dialog.setValue(0)
            dialog.setWindowTitle("Import")
            dialog.setMinimumDuration(300)
            dialog.canceled.connect(lambda: setattr(job, "cancelled", True))
            self._progress_dialog = dialog

    def _on_controller_import_progress(self, done: int, total: int, path: str) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.setMaximum(total)
            self._progress_dialog.setValue(done)
            self._progress_dialog.setLabelText(f"Importing {Path(path).name} ({done}/{total})")
        self.statusBar().showMessage(f"Imported {done} of {total}…")

    def _on_controller_import_finished(self, report: ImportReport) -> None:
        if self._progress_dialog is not None:
            self._progress_dialog.reset()
            self._progress_dialog.deleteLater()
            self._progress_dialog = None
        summary = report_import(self, report, self.controller.replace_duplicates)
        self.statusBar().showMessage(summary, 6000)

    # -- drag and drop --
    def dragEnterEvent(self, event) -> None:
        if event.mimeData().hasUrls() and any(u.isLocalFile() for u in event.mimeData().urls()):
            event.acceptProposedAction()

    def dropEvent(self, event) -> None:
        paths = [Path(u.toLocalFile()) for u in event.mimeData().urls() if u.isLocalFile()]
        if paths:
            event.acceptProposedAction()
            self.import_paths(paths)

    # -- delete --
    def confirm_delete(self) -> None:
        article = self.controller.current
        if article is None:
            return
        answer = QMessageBox.question(
            self,
            "Delete article",
            f"Delete “{article.title}” from the library?\n\n"
            "Its highlights and predictions go with it. Edit › Undo brings it all back.",
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.controller.delete_article(article.id)
            self.statusBar().showMessage("Article deleted — Ctrl+Z to undo", 8000)

    # -- reading comfort --
    def zoom(self, step: int) -> None:
        view = self.reading_view
        view.set_point_size(DEFAULT_POINT_SIZE if step == 0 else view.point_size + step)
        self.state.set("view/point_size", view.point_size)

    def set_theme(self, choice: str) -> None:
        self.theme_choice = choice
        for name, act in self.theme_actions.items():
            act.setChecked(name == choice)
        theme = themes.resolve(choice)
        QApplication.setPalette(themes.window_palette(themes.platform_palette(), theme))
        self.reading_view.apply_theme(theme)
        self.highlights.set_dark(theme.dark)
        self.predictions.set_dark(theme.dark)
        self.state.set("view/theme", choice)

    def toggle_focus_mode(self) -> None:
        if self.focus_action.isChecked():
            self._focus_saved = self.saveState()
            for dock in self.findChildren(QDockWidget):
                dock.hide()
            self.menuBar().setVisible(False)
            self.statusBar().setVisible(False)
            self.showFullScreen()
        else:
            self.menuBar().setVisible(True)
            self.statusBar().setVisible(True)
            self.showNormal()
            if self._focus_saved is not None:
                self.restoreState(self._focus_saved)

    def keyPressEvent(self, event) -> None:
        if event.key() == Qt.Key.Key_Escape and self.focus_action.isChecked():
            self.focus_action.setChecked(False)
            self.toggle_focus_mode()
            return
        super().keyPressEvent(event)

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

    def restore_backup(self, path: Path) -> None:
        """Replace the library with a backup (the current one is backed up first)."""
        ok, message = self.controller.restore_backup(path)
        if ok:
            self.undo_stack.clear()
            self.start()
            self.statusBar().showMessage(message, 8000)
        else:
            self.show_error(message)

    def start_auto_backup(self) -> None:
        self.controller.start_auto_backup()

    def bring_forward(self, paths: list[str] | None = None) -> None:
        """Another start of Reader on this library handed over to this window."""
        if self.isMinimized():
            self.showNormal()
        self.raise_()
        self.activateWindow()
        if paths:
            self.import_paths([Path(p) for p in paths])

    def show_error(self, text: str) -> None:
        """Say what went wrong without blocking; repeated failures reuse one message."""
        self.statusBar().showMessage(text, 10000)
        box = self.findChild(QMessageBox, "errorBox")
        if box is not None and box.isVisible():
            box.setText(text)
            return
        box = QMessageBox(QMessageBox.Icon.Warning, "Reader", text, parent=self)
        box.setObjectName("errorBox")
        box.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        box.open()

    def show_export(self) -> None:
        current = self.controller.current.id if self.controller.current else None
        dialog = ExportDialog(self.export, current, self.state.qs, self)
        if dialog.exec() and dialog.written:
            where = dialog.written[0].parent
            self.statusBar().showMessage(f"Exported {len(dialog.written)} file(s) to {where}", 8000)

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
    def closeEvent(self, event) -> None:
        editor = self.highlights.editor
        editor.flush()
        unsaved = editor.unsaved_note()
        if unsaved is not None and not self._confirm_close_with_unsaved(unsaved):
            event.ignore()
            return
        if self.focus_action.isChecked():
            self.focus_action.setChecked(False)
            self.toggle_focus_mode()
        self.highlights.editor.detach()
        self.search.c.shutdown()
        self.predictions.panel.editor.flush()
        self._remember_scroll()
        self.state.save_layout(self.saveGeometry(), self.saveState())
        self.state.sync()
        super().closeEvent(event)
