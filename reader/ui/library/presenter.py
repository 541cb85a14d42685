"""The library in the window: the Library panel, every way to bring articles in (files,
folders, web pages, the clipboard, a watched folder), and deleting one."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMessageBox,
    QProgressDialog,
    QVBoxLayout,
)

from reader.core.ingest.decoding import ImportRefused
from reader.core.ingest.importer import IMPORT_KINDS
from reader.core.models import ImportReport
from reader.ui.common.docks import add_dock, panel_action
from reader.ui.common.documents import plain
from reader.ui.common.operations import Operation
from reader.ui.common.tag_edit import TagEdit
from reader.ui.library.controller import LibraryController
from reader.ui.library.folder_watcher import FolderWatcher
from reader.ui.library.import_report import report_import
from reader.ui.library.panel import LibraryPanel
from reader.ui.library.save_url_dialog import SaveUrlDialog
from reader.ui.window.state import WindowState

IMPORT_FILTER = ";;".join(
    [
        "Everything Reader imports ("
        + " ".join(sorted({p for _, kind in IMPORT_KINDS for p in kind if p.startswith("*")}))
        + ")",
        *(f"{label} ({' '.join(patterns)})" for label, patterns in IMPORT_KINDS),
        "All files (*)",
    ]
)


class LibraryPresenter(QObject):
    def __init__(
        self, window: QMainWindow, controller: LibraryController, state: WindowState
    ) -> None:
        super().__init__(window)
        self.window, self.controller, self.state = window, controller, state
        self.panel = LibraryPanel(window)
        self.dock = add_dock(
            window, "Library", "libraryDock", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel_action = panel_action(self.dock, "Ctrl+Shift+L", "Alt+1")
        self.folder_watcher = FolderWatcher(self)
        self.folder_watcher.files_arrived.connect(self.import_paths)
        self._progress: QProgressDialog | None = None
        self._open_existing = False  # the running import opens what is already there
        self.watch_action = QAction("&Watch a Folder…", window)
        self.watch_action.setObjectName("watchAction")
        self.watch_action.setCheckable(True)
        self.watch_action.triggered.connect(self.toggle_watch)
        self.delete_action = QAction("&Delete Article…", window)
        self.delete_action.setObjectName("deleteAction")
        self.delete_action.setShortcut(QKeySequence("Ctrl+Delete"))
        self.delete_action.triggered.connect(self.confirm_delete)
        self.archive_action = QAction("&Archive Article", window)
        self.archive_action.setObjectName("archiveAction")
        self.archive_action.setShortcut(QKeySequence("E"))
        self.archive_action.setToolTip("Archive the article being read (again: unarchive)")
        self.archive_action.triggered.connect(self.toggle_archive)
        self.tag_action = QAction("&Tag Article…", window)
        self.tag_action.setObjectName("tagArticleAction")
        self.tag_action.setShortcut(QKeySequence("T"))
        self.tag_action.triggered.connect(self.tag_article)
        window.addActions([self.archive_action, self.tag_action])  # (keys with no menu open)
        shown = state.get("library/state", "inbox")
        self.panel.show_state(None if shown == "all" else shown)
        self.panel.state_chosen.connect(
            lambda chosen: self.state.set("library/state", chosen or "all")
        )
        self.panel.collection_chosen.connect(self.apply_collection)
        self.panel.save_collection_requested.connect(self.save_collection)
        self.panel.delete_collection_requested.connect(self._delete_collection)
        controller.library_changed.connect(self._on_controller_library_changed)
        controller.articles_updated.connect(self.panel.update_articles)
        controller.article_opened.connect(lambda article: self.panel.select(article.id))
        controller.current_removed.connect(self._on_controller_current_removed)
        controller.import_progress.connect(self._on_controller_import_progress)
        controller.import_finished.connect(self._on_controller_import_finished)
        self.panel.article_activated.connect(
            lambda article_id: self.controller.open_article(article_id, start_reading=True)
        )

    def _status(self, text: str, ms: int = 6000) -> None:
        self.window.statusBar().showMessage(text, ms)

    # -- the list --
    def _on_controller_library_changed(self, items: list) -> None:
        current = self.controller.current.id if self.controller.current else None
        self.panel.set_articles(items, current)
        self.panel.set_collections(self.controller.collections())
        for action in (self.delete_action, self.archive_action, self.tag_action):
            action.setEnabled(bool(items))

    # -- keeping it in order --
    def toggle_archive(self) -> None:
        """Archive the article being read and open the next one listed (or unarchive it)."""
        article = self.controller.current
        if article is None:
            return
        archived = self.controller.state_of(article.id) == "archive"
        following = self.panel.neighbour(article.id)  # (before the list changes)
        # unarchived while open: it is being read
        if not self.controller.set_state(article.id, "reading" if archived else "archive"):
            return
        if archived:
            self._status("Moved back to Reading", 4000)
            return
        if self.panel.state not in (None, "archive") and following is not None:
            self.controller.open_article(following, start_reading=True)  # the next in line
        self._status(f"Archived “{article.title[:60]}” — Ctrl+Z brings it back", 6000)

    def tag_article(self) -> None:
        article = self.controller.current
        if article is None:
            return
        dialog = QDialog(self.window)
        dialog.setObjectName("tagArticleDialog")
        dialog.setWindowTitle("Tag Article")
        label = plain(QLabel(f"Tags for “{article.title}”:", dialog))
        label.setWordWrap(True)
        edit = TagEdit(dialog)
        edit.setObjectName("articleTags")
        edit.setAccessibleName("Tags for the article")
        edit.set_known_tags(self.controller.tags_in_use())
        edit.setText(", ".join(self.controller.article_tags(article.id)))
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, dialog
        )
        buttons.accepted.connect(dialog.accept)
        buttons.rejected.connect(dialog.reject)
        layout = QVBoxLayout(dialog)
        layout.addWidget(label)
        layout.addWidget(edit)
        layout.addWidget(buttons)
        dialog.resize(420, dialog.sizeHint().height())
        if dialog.exec():
            tags = self.controller.set_tags(article.id, edit.tags())
            if tags is not None:
                told = " ".join(f"#{t}" for t in tags) if tags else "no tags"
                self._status(f"Tagged: {told}", 4000)

    def apply_collection(self, name: str) -> None:
        text = self.controller.collections().get(name)
        if text is None:
            return
        self.panel.show_state(None)  # a collection spans every state unless it says one
        self.panel.filter_box.setText(text)
        self._status(f"Collection “{name}”: {self.panel.proxy.rowCount()} articles", 4000)

    def save_collection(self) -> None:
        text = self.panel.filter_box.text().strip()
        if self.panel.state is not None and "state:" not in text:
            text = f"{text} state:{self.panel.state}".strip()
        if not text:
            self._status("Type a filter first (say tag:ai-video), then save it", 5000)
            return
        name, ok = QInputDialog.getText(
            self.window, "Save Collection", f"A name for the filter “{text}”:"
        )
        if ok and name.strip():
            self.controller.save_collection(name, text)
            self.panel.set_collections(self.controller.collections())
            self._status(f"Saved the collection “{name.strip()}”", 4000)

    def _delete_collection(self, name: str) -> None:
        self.controller.delete_collection(name)
        self.panel.set_collections(self.controller.collections())

    def _on_controller_current_removed(self, article_id: int) -> None:
        """The article being read was deleted: read the one listed after it."""
        following = self.panel.neighbour(article_id)
        if following is not None:
            self.controller.open_article(following)

    # -- bringing articles in --
    def choose_import(self) -> None:
        files, _ = QFileDialog.getOpenFileNames(self.window, "Import articles", "", IMPORT_FILTER)
        if files:
            self.import_paths([Path(f) for f in files])

    def choose_import_folder(self) -> None:
        """Every article file in a folder and its subfolders (saved pages' _files skipped)."""
        folder = QFileDialog.getExistingDirectory(self.window, "Import every article in a folder")
        if folder:
            self.import_paths([Path(folder)])

    def toggle_watch(self) -> None:
        """Choose a folder whose new files are imported, or stop watching."""
        if self.folder_watcher.folder is not None:
            self.watch_folder(None)
            return
        folder = QFileDialog.getExistingDirectory(self.window, "Import files dropped into")
        self.watch_folder(Path(folder) if folder else None)

    def watch_folder(self, folder: Path | None) -> None:
        self.folder_watcher.watch(folder)
        watching = self.folder_watcher.folder
        self.watch_action.setChecked(watching is not None)
        self.state.set("import/watch_folder", str(watching) if watching else "")
        if watching:
            self._status(f"Watching {watching}: new files are imported")

    def ask_url(self) -> None:
        dialog = SaveUrlDialog(self.window, images=bool(self.state.get("import/save_images", 0)))
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
            self.controller.error_occurred.emit(str(exc))
            return
        self.import_paths([url], images=images)

    def paste_article(self) -> None:
        data = QGuiApplication.clipboard().mimeData()
        html = data.html() if data is not None and data.hasHtml() else None
        text = data.text() if data is not None and data.hasText() else ""
        self.controller.import_clipboard(text, html)

    def open_paths(self, paths: list) -> Operation:
        """Open files and web pages (`reader FILE|URL…`): imported when they are new, the
        article already in the library when not."""
        self._open_existing = True
        return self.import_paths(paths)

    def import_paths(self, paths: list, images: bool = False) -> Operation:
        """Import in the background, with progress once it takes longer than a moment:
        several files, a folder or a web page counted, with Cancel; one file (a book, a
        long PDF) with its name, as work going on."""
        operation = self.controller.import_paths(paths, images=images)
        several = len(paths) > 1 or any(isinstance(p, str) or p.is_dir() for p in paths)
        dialog = QProgressDialog(
            "Importing…", "Cancel", 0, len(paths) if several else 0, self.window
        )
        dialog.setObjectName("importProgress")
        dialog.setWindowTitle("Import")
        dialog.setMinimumDuration(300)
        dialog.setValue(0)  # (shown from 300 ms on: a quick import shows none)
        if several:
            dialog.canceled.connect(operation.cancel)
        else:  # (one file is one transaction: nothing to stop half-way)
            dialog.setCancelButton(None)
            dialog.setLabelText(f"Importing {Path(paths[0]).name}…")
            self._status(f"Importing {Path(paths[0]).name}…", 0)
        self._progress = dialog
        for ended in (operation.signals.failed, operation.signals.cancelled):
            ended.connect(self._close_progress)  # (finished: when the report is shown)
        return operation

    def _close_progress(self, *_: object) -> None:
        if self._progress is not None:
            self._progress.reset()
            self._progress.deleteLater()
            self._progress = None

    def _on_controller_import_progress(self, done: int, total: int, path: str) -> None:
        if self._progress is not None:
            self._progress.setMaximum(total)
            self._progress.setValue(done)
            self._progress.setLabelText(f"Importing {Path(path).name} ({done}/{total})")
        self._status(f"Imported {done} of {total}…", 0)

    def _on_controller_import_finished(self, report: ImportReport) -> None:
        self._close_progress()
        if self._open_existing:  # what is in the library already is opened, not refused
            self._open_existing = False
            known = [f for f in report.duplicates if f.existing_id is not None]
            if known and not report.imported and (existing := known[-1].existing_id):
                self.controller.open_article(existing, start_reading=True)
            report = replace(
                report, duplicates=tuple(f for f in report.duplicates if f not in known)
            )
            current = self.controller.current
            if not (report.imported or report.duplicates or report.failed):
                self._status(f"Opened “{current.title}”" if known and current else "", 4000)
                return
        self._status(report_import(self.window, report, self.controller.replace_duplicates))

    # -- deleting --
    def confirm_delete(self) -> None:
        article = self.controller.current
        if article is None:
            return
        box = plain(
            QMessageBox(
                QMessageBox.Icon.Question,
                "Delete article",
                f"Delete “{article.title}” from the library?\n\n"
                "Its highlights and predictions go with it. Edit › Undo brings it all back.",
                QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
                self.window,
            )
        )
        if box.exec() == QMessageBox.StandardButton.Yes:
            self.controller.delete_article(article.id)
            self._status("Article deleted — Ctrl+Z to undo", 8000)
