"""LibraryController: the articles of the library and the one being read.

It opens, imports, deletes and restores articles through the core session, and follows
every change to the library (this window's, a worker's, or another program's) so that
the list and the open article are never stale.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.changes import Changes
from reader.core.ingest.decoding import ImportRefused
from reader.core.library.articles import ArticleNotFound
from reader.core.library.service import DuplicateArticle
from reader.core.models import Article, ImportFailure, ImportReport
from reader.core.session import Session
from reader.core.storage.errors import StorageError
from reader.ui.common.guard import guarded
from reader.ui.common.operations import Operation


class LibraryController(QObject):
    library_changed = Signal(list)  # list[ArticleSummary]
    article_opened = Signal(object)  # Article (again, with its new text, when it changed)
    article_closed = Signal()
    articles_updated = Signal(list)  # list[ArticleSummary]: these rows changed, no others
    current_removed = Signal(int)  # the open article left the library: open another one
    import_progress = Signal(int, int, str)
    import_finished = Signal(object)  # ImportReport
    error_occurred = Signal(str)

    def __init__(self, session: Session, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.session = session
        self.undo_stack = undo_stack
        self.current: Article | None = None

    # -- reading --
    def refresh(self) -> None:
        self.library_changed.emit(self.session.library.summaries())

    def titles(self, article_ids=None) -> dict[int, str]:
        return self.session.library.titles(article_ids)

    def plain_text(self, article_id: int) -> str:
        return self.session.library.get(article_id).plain_text

    def open_article(self, article_id: int, start_reading: bool = False) -> bool:
        """Show an article. The reader opening it (from the list, a search, a link)
        moves it from the Inbox to Reading (`start_reading`); the window opening one by
        itself (the one just imported, the one read last) does not: reading it does."""
        if self.current is not None and self.current.id == article_id:
            shown = True
        else:
            shown = self._show(article_id)
        if shown and start_reading:
            self.start_reading(article_id)
        return shown

    def _show(self, article_id: int) -> bool:
        if not self.session.library.is_live(article_id):  # deleted since it was listed
            return False
        try:
            article = self.session.library.for_reading(article_id)
        except ArticleNotFound:
            return False
        self.current = article
        self.article_opened.emit(article)
        return True

    @guarded
    def start_reading(self, article_id: int) -> None:
        """An article in the Inbox moves to Reading (opened, or read some of)."""
        if not self.session.read_only:
            self.session.library.shelf.opened(article_id)

    # -- keeping the library in order --
    def state_of(self, article_id: int) -> str:
        return self.session.library.shelf.standing([article_id])[article_id].state

    @guarded
    def set_state(self, article_id: int, state: str) -> bool:
        """Move an article to Inbox, Reading or Archive (undoable); False if it was there."""
        before = self.state_of(article_id)
        if before == state:
            return False
        self._put_state(article_id, state)  # first: a refusal pushes nothing
        self.undo_stack.push(_SetState(self, article_id, before, state))
        return True

    def _put_state(self, article_id: int, state: str) -> None:
        self.session.library.shelf.set_state(article_id, state)

    @guarded
    def set_tags(self, article_id: int, tags: list[str]) -> tuple[str, ...]:
        return self.session.library.shelf.set_tags(article_id, tags)

    def article_tags(self, article_id: int) -> tuple[str, ...]:
        return self.session.library.shelf.standing([article_id])[article_id].tags

    def tags_in_use(self) -> list[str]:
        return self.session.library.shelf.tags_in_use()

    @guarded
    def record_progress(self, article_id: int, fraction: float) -> None:
        """The furthest point read of an article (kept only when it moves forward)."""
        if not self.session.read_only and self.session.library.is_live(article_id):
            self.session.library.shelf.record_progress(article_id, fraction, start=True)

    def collections(self) -> dict[str, str]:
        return self.session.library.collections.all()

    @guarded
    def save_collection(self, name: str, text: str) -> None:
        try:
            self.session.library.collections.save(name, text)
        except ValueError as exc:
            self.error_occurred.emit(str(exc).capitalize())

    @guarded
    def delete_collection(self, name: str) -> None:
        self.session.library.collections.delete(name)

    def open_first(self) -> None:
        items = self.session.library.summaries()
        if items:
            self.open_article(items[0].id)
        else:
            self.current = None
            self.article_closed.emit()

    def on_changes(self, changes: Changes) -> None:
        """The list when articles came, went or were filed or read further; the open
        article when it went or changed."""
        if (changes.progress or changes.status) and not (changes.articles or changes.everything):
            # their state, tags or progress: those rows again, not the whole library (a
            # reader's progress is saved every time scrolling stops)
            self.articles_updated.emit(
                self.session.library.summaries(changes.progress | changes.status)
            )
        if not (changes.articles or changes.everything):
            return
        current = self.current
        if current is not None and changes.concerns(current.id):
            if not self.session.library.is_live(current.id):
                self.current = None
                self.current_removed.emit(current.id)  # (the list still shows it)
            elif self.session.library.get(current.id).content_hash != current.content_hash:
                self._show(current.id)  # a corrected version of it: shown again
        if self.current is None:
            self.open_first()
        self.refresh()

    # -- importing (off the UI thread, in a session of its own) --
    def import_paths(self, paths: list, images: bool = False) -> Operation:
        """Import files, folders and web pages in the background; each article gets its
        predictions proposed, in its own transaction, as `reader import` does. With
        images, web pages are saved with their images."""

        def work(session: Session, progress) -> ImportReport:
            return session.library.import_paths(
                paths, progress=progress, cancelled=lambda: operation.cancelled, images=images
            )

        operation = Operation(work, self.session)
        operation.signals.progress.connect(self.import_progress)
        operation.signals.finished.connect(self._on_import_finished)
        operation.signals.failed.connect(self.error_occurred)
        return operation.start()

    def _on_import_finished(self, report: ImportReport) -> None:
        if report.imported:
            self.open_article(report.imported[-1].id)
        self.import_finished.emit(report)

    @guarded
    def replace_duplicates(self, duplicates: list[ImportFailure]) -> int:
        """Replace each existing article with the file it duplicated (keeps annotations)."""
        done = 0
        for failure in duplicates:
            if failure.existing_id is None:
                continue
            try:
                self.session.library.replace_from(failure.existing_id, failure.path, failure.images)
                done += 1
            except (ImportRefused, OSError) as exc:  # each failure is told; the rest go on
                self.error_occurred.emit(f"Could not replace from {failure.path}: {exc}")
        last = next((f.existing_id for f in reversed(duplicates) if f.existing_id), None)
        if last is not None:
            self.open_article(last)
        return done

    @guarded
    def import_clipboard(self, text: str, html: str | None) -> None:
        """A new article from what is on the clipboard (HTML is extracted and sanitised)."""
        try:
            article_id = self.session.library.import_clipboard(text, html)
        except (ImportRefused, DuplicateArticle) as exc:
            self.error_occurred.emit(f"Nothing pasted: {exc}")
            return
        self.open_article(article_id)

    # -- deleting and restoring --
    @guarded
    def delete_article(self, article_id: int) -> None:
        self.undo_stack.push(_DeleteArticle(self, article_id))

    def _set_deleted(self, article_id: int, deleted: bool) -> None:
        if deleted:
            self.session.library.delete(article_id)  # (on_changes opens another one)
        else:
            self.session.library.undelete(article_id)
            self.open_article(article_id)

    def restore_backup(self, path: Path) -> tuple[bool, str]:
        """Replace the library with the backup at `path`; the library as it was is kept
        in a dated safety copy first."""
        from reader.core.storage.backup import BackupError

        shown, self.current = self.current, None  # (everything changes)
        try:
            report = self.session.restore_backup(path)
        except (BackupError, StorageError, OSError) as exc:
            self.current = shown
            return False, f"Could not restore {path.name}: {exc}"
        return True, (
            f"Restored {report.summary()} from {path.name}.\n\n{report.kept().capitalize()}."
        )

    def start_auto_backup(self) -> None:
        """Today's automatic backup, off the UI thread (in a session of its own)."""
        from reader.core.storage.recovery import auto_backup

        folder = self.session.folder
        operation = Operation(
            lambda session, _progress: auto_backup(session.db, folder), self.session
        )
        operation.signals.failed.connect(self.error_occurred)
        operation.start()

    @guarded
    def restore_bundled(self) -> None:
        article_id = self.session.library.restore_bundled()
        self.open_article(article_id)


class _DeleteArticle(QUndoCommand):
    def __init__(self, controller: LibraryController, article_id: int) -> None:
        title = controller.session.library.get(article_id).title
        super().__init__(f"Delete “{title[:40]}”")
        self.controller, self.article_id = controller, article_id

    def redo(self) -> None:
        self.controller._set_deleted(self.article_id, True)

    def undo(self) -> None:
        self.controller._set_deleted(self.article_id, False)


_STATE_LABELS = {"archive": "Archive", "reading": "Move to Reading", "inbox": "Move to Inbox"}


class _SetState(QUndoCommand):
    """Archive, unarchive, or move an article between Inbox and Reading."""

    def __init__(self, controller: LibraryController, article_id: int, before: str, after: str):
        super().__init__(_STATE_LABELS.get(after, after))
        self.controller, self.article_id = controller, article_id
        self.before, self.after = before, after
        self._done = True  # by the controller, before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.controller._put_state(self.article_id, self.after)

    def undo(self) -> None:
        self.controller._put_state(self.article_id, self.before)
        if self.after == "archive":  # back to the article that was put away
            self.controller.open_article(self.article_id)
