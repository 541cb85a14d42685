"""LibraryController: the window's one way into the library (core services)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.ingest.importer import ImportRefused
from reader.core.library.articles import ArticleNotFound
from reader.core.library.service import DuplicateArticle, LibraryService
from reader.core.models import Article, ImportReport
from reader.core.search.service import DocumentSource
from reader.core.session import Services
from reader.core.storage.db import Database
from reader.ui.common.guard import guarded
from reader.ui.common.operations import Job, start


class LibraryController(QObject):
    library_changed = Signal(list)  # list[ArticleSummary]
    article_opened = Signal(object)  # Article
    article_closed = Signal()
    import_progress = Signal(int, int, str)
    import_finished = Signal(object)  # ImportReport
    error_occurred = Signal(str)

    def __init__(self, services: Services, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.services = services
        self.library = services.library
        self.undo_stack = undo_stack
        self.current: Article | None = None
        self._jobs: set[Job] = set()
        # the article to read after this one is deleted: the window's list knows its order
        self.next_after: Callable[[int], int | None] = lambda article_id: None

    # -- reading --
    def refresh(self) -> None:
        self.library_changed.emit(self.library.summaries())

    def open_article(self, article_id: int) -> bool:
        if self.current is not None and self.current.id == article_id:
            return True
        if not self.library.is_live(article_id):  # deleted since it was listed (a search hit)
            return False
        try:
            article = self.library.get(article_id)
        except ArticleNotFound:
            return False
        self.current = article
        self.article_opened.emit(article)
        return True

    def open_first(self) -> None:
        items = self.library.summaries()
        if items:
            self.open_article(items[0].id)
        else:
            self._close()

    def _close(self) -> None:
        self.current = None
        self.article_closed.emit()

    # -- importing (off the UI thread, own connection) --
    def import_paths(self, paths: list[Path], images: bool = False) -> Job:
        """Import in the thread pool, on a connection of its own; index the batch at the end.
        With images, web pages are saved with their images."""
        db_path = self.services.db.path
        search = self.services.search

        def work(progress):
            db = Database(db_path)
            try:
                library = LibraryService(db)
                report = library.import_paths(
                    paths, progress=progress, cancelled=lambda: job.cancelled, images=images
                )
                search.index_articles([a.id for a in report.imported], DocumentSource.on(db))
                return report
            finally:
                db.close()

        job = Job(work)
        job.signals.progress.connect(self.import_progress)
        job.signals.finished.connect(self._on_import_finished)
        job.signals.failed.connect(self.error_occurred)
        job.signals.finished.connect(lambda *_: self._jobs.discard(job))
        job.signals.failed.connect(lambda *_: self._jobs.discard(job))
        self._jobs.add(job)
        return start(job)

    @guarded
    def replace_duplicates(self, duplicates: list) -> int:
        """Replace each existing article with the file it duplicated (keeps annotations)."""
        done = 0
        for failure in duplicates:
            if failure.existing_id is None:
                continue
            try:
                self.library.replace_from(failure.existing_id, failure.path, failure.images)
                done += 1
            except (ImportRefused, OSError) as exc:
                self.error_occurred.emit(f"Could not replace from {failure.path}: {exc}")
        self.current = None
        self.refresh()
        last = next((f.existing_id for f in reversed(duplicates) if f.existing_id), None)
        if last is None or not self.open_article(last):
            self.open_first()
        return done

    def import_clipboard(self, text: str, html: str | None) -> None:
        """A new article from what is on the clipboard (HTML is extracted and sanitised)."""
        try:
            article_id = self.library.import_clipboard(text, html)
        except (ImportRefused, DuplicateArticle) as exc:
            self.error_occurred.emit(f"Nothing pasted: {exc}")
            return
        self.refresh()
        self.open_article(article_id)

    def _on_import_finished(self, report: ImportReport) -> None:
        self.refresh()
        if report.imported:
            self.open_article(report.imported[-1].id)
        self.import_finished.emit(report)

    # -- deleting and restoring --
    @guarded
    def delete_article(self, article_id: int) -> None:
        self.undo_stack.push(_DeleteArticle(self, article_id))

    def _set_deleted(self, article_id: int, deleted: bool) -> None:
        if deleted:
            following = self.next_after(article_id)
            self.library.delete(article_id)
            if self.current is not None and self.current.id == article_id:
                self.current = None
                self.refresh()
                if following is None or not self.open_article(following):
                    self.open_first()
                return
        else:
            self.library.undelete(article_id)
        self.refresh()
        if not deleted:
            self.open_article(article_id)

    def restore_backup(self, path: Path) -> tuple[bool, str]:
        """Back up the current library, then replace it with the backup at `path`."""
        from reader.core.storage.backup import BackupError, read_backup, restore, write_backup
        from reader.core.storage.recovery import backup_folder

        try:
            data = read_backup(path)
            folder = backup_folder(self.services.folder)
            folder.mkdir(parents=True, exist_ok=True)
            write_backup(self.services.db, folder / "before-restore.json.gz")
            counts = restore(self.services.db, data)
        except (BackupError, OSError) as exc:
            return False, f"Could not restore {path.name}: {exc}"
        self.current = None
        self.library.notify_all()
        return True, (
            f"Restored {counts.get('articles', 0)} articles and "
            f"{counts.get('highlights', 0)} highlights from {path.name}"
        )

    def start_auto_backup(self) -> None:
        """Today's automatic backup, off the UI thread (with its own connection)."""
        from reader.core.storage.recovery import auto_backup

        db_path, folder = self.services.db.path, self.services.folder

        def work(progress):
            db = Database(db_path)
            try:
                return auto_backup(db, folder)
            finally:
                db.close()

        job = Job(work)
        job.signals.failed.connect(self.error_occurred)
        self._jobs.add(job)
        job.signals.finished.connect(lambda *_: self._jobs.discard(job))
        start(job)

    @guarded
    def restore_bundled(self) -> None:
        article_id = self.library.restore_bundled()
        self.refresh()
        self.open_article(article_id)


class _DeleteArticle(QUndoCommand):
    def __init__(self, controller: LibraryController, article_id: int) -> None:
        title = controller.library.get(article_id).title
        super().__init__(f"Delete “{title[:40]}”")
        self.controller, self.article_id = controller, article_id

    def redo(self) -> None:
        self.controller._set_deleted(self.article_id, True)

    def undo(self) -> None:
        self.controller._set_deleted(self.article_id, False)
