"""SearchController: library search off the UI thread, newest query wins; index upkeep.

As you type, a keystroke is searched at once when no search is running; while one runs,
the keystrokes wait and the newest of them is searched as soon as it ends (no fixed
delay after each key: the results follow the typing as fast as the index answers).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, Signal

from reader.core.search.service import IndexCheck
from reader.core.session import Session
from reader.ui.common.operations import Operation


class SearchController(QObject):
    search_finished = Signal(object, str)  # SearchResult, query
    index_progress = Signal(int, int)
    index_ready = Signal(str)  # what happened, for the status bar
    error_occurred = Signal(str)

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.session = session
        self.service = session.search
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # searches and rebuilds run one at a time, in order
        # The start-up check (1.7 s at 10,000 articles) reads the library on a thread of
        # its own, so that a search typed meanwhile is answered from the index as it is.
        self.check_pool = QThreadPool(self)
        self.check_pool.setMaxThreadCount(1)
        self._generation = 0
        self._pending = ""  # the newest text typed
        self._searching = False  # a search is running (typing waits for it)
        self.ready = False
        self._closed = False
        self._told_error: str | None = None
        self.last_query = ""
        self._typing = self._last_typing = True  # (how the newest / the shown text was asked)

    def search_as_you_type(self, text: str) -> None:
        """A key typed: the last word also the start of longer words ("multimo")."""
        self._pending = text
        self._typing = True
        if not self._searching:
            self._search(text, typing=True)

    def search_now(self, text: str) -> None:
        """Enter: the words as written, as `reader search` takes them (a last word that is
        no word of the library but begins some still finds them, and says so)."""
        self._pending = text
        self._typing = False
        self._search(text, typing=False)

    def search_again(self) -> None:
        """The query shown, asked again (the library or the index changed)."""
        if self.last_query:
            self._search(self.last_query, typing=self._last_typing)

    def _search(self, text: str, typing: bool) -> None:
        self._generation += 1
        generation = self._generation
        query = text.strip()
        self.last_query = query
        self._last_typing = typing
        if not query:
            self.search_finished.emit(None, "")
            return

        def work(progress):
            if generation != self._generation:
                return None  # a newer query came in while this one waited
            return self.service.search(query, typing=typing)

        operation = Operation(work)
        operation.signals.finished.connect(lambda result: self._deliver(generation, result, query))
        operation.signals.failed.connect(lambda _message: self._searched())
        self._searching = True
        self._start(operation)

    def _searched(self) -> None:
        """A search ended: the newest text typed meanwhile is searched now."""
        self._searching = False
        if not self._closed and self._pending.strip() != self.last_query:
            self._search(self._pending, typing=self._typing)

    def _start(self, operation: Operation, pool: QThreadPool | None = None) -> None:
        if self._closed:
            return
        operation.signals.failed.connect(self.error_occurred)
        operation.start(pool or self.pool)

    def _deliver(self, generation: int, result, query: str) -> None:
        if generation == self._generation and result is not None:
            self.search_finished.emit(result, query)
        self._tell_index_error()
        self._searched()

    def _tell_index_error(self) -> None:
        """The index writer's last failure, told once (results may miss recent changes)."""
        error = self.service.last_error
        if error and error != self._told_error:
            self.error_occurred.emit(
                f"The search index could not be updated ({error}). Results may miss the "
                "latest changes: View › Rebuild Search Index."
            )
        self._told_error = error

    def ensure_index(self) -> None:
        """Check the index against the library beside the searches (the change log says
        what changed since it was last brought up to date), then write what disagrees, or
        rebuild it, in order with them (a search waits for that and runs again)."""

        def check(session: Session, _progress) -> IndexCheck:
            found = self.service.check(session.documents)
            if found.rebuild is None and not found.stale:  # agrees: note where it stands
                self.service.update(session.documents, (), found.seq)
            return found

        operation = Operation(check, self.session)
        operation.signals.finished.connect(self._on_checked)
        self._start(operation, self.check_pool)

    def _on_checked(self, found: IndexCheck) -> None:
        if found.rebuild is None and not found.stale:  # searches made meanwhile were right
            self.ready = True
            self.index_ready.emit("")
            self._warm()
            return
        reason = found.rebuild

        def fix(source, progress):
            if reason is None:
                self.service.update(source, found.stale, found.seq, progress)
                return f"Search index brought up to date: {_articles(len(found.stale))}"
            count = self.service.rebuild(source, progress)
            if reason == "the search index is missing":  # a new library, or one deleted
                return f"Search index built: {_articles(count)}"
            return f"Search index rebuilt ({reason}): {_articles(count)}"

        self._index_job(fix)

    def rebuild(self) -> None:
        def build(source, progress):
            count = self.service.rebuild(source, progress)
            return f"Search index rebuilt: {_articles(count)}"

        self._index_job(build)

    def _index_job(self, fn) -> None:
        """fn(documents, progress) on the worker thread, in a session of its own."""

        def work(session: Session, emit):
            return fn(session.documents, lambda done, total: emit(done, total, ""))

        operation = Operation(work, self.session)
        operation.signals.progress.connect(self._on_job_progress)
        operation.signals.finished.connect(self._on_index_ready)
        self._start(operation)

    def _on_job_progress(self, done: int, total: int, _label: str) -> None:
        self.index_progress.emit(done, total)

    def shutdown(self) -> None:
        """Drop queued work and wait for the running job (before the database closes)."""
        self._closed = True
        self._generation += 1
        for pool in (self.check_pool, self.pool):
            pool.clear()
            pool.waitForDone(30_000)

    def _on_index_ready(self, message: str) -> None:
        self.ready = True
        self.index_ready.emit(message)
        self.search_again()
        self._warm()

    def _warm(self) -> None:
        """Once the index is ready (and told so), read in the background what prefix and
        fuzzy searches look up (seconds at 10,000 articles: not before "ready")."""
        self._start(Operation(lambda _progress: self.service.warm()), self.check_pool)

    def match_ranges(self, text: str, terms, query: str = "") -> list[tuple[int, int]]:
        return self.service.match_ranges(text, terms, query)


def _articles(count: int) -> str:
    return f"{count} article" if count == 1 else f"{count:,} articles"
