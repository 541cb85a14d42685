"""SearchController: library search off the UI thread, newest query wins; index upkeep."""

from __future__ import annotations

from PySide6.QtCore import QObject, QThreadPool, QTimer, Signal

from reader.core.search_service import SearchService
from reader.ui.worker import Job

DEBOUNCE_MS = 180


class SearchController(QObject):
    search_finished = Signal(object, str)  # SearchResult, query
    index_progress = Signal(int, int)
    index_ready = Signal(str)  # what happened, for the status bar
    error_occurred = Signal(str)

    def __init__(self, service: SearchService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.service = service
        self.pool = QThreadPool(self)
        self.pool.setMaxThreadCount(1)  # searches and rebuilds run one at a time, in order
        self._generation = 0
        self._pending = ""
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.search_now(self._pending))
        self.ready = False
        self.last_query = ""

    def search_as_you_type(self, text: str) -> None:
        self._pending = text
        self._timer.start()

    def search_now(self, text: str) -> None:
        self._timer.stop()
        self._generation += 1
        generation = self._generation
        query = text.strip()
        self.last_query = query
        if not query:
            self.search_finished.emit(None, "")
            return

        def work(progress):
            if generation != self._generation:
                return None  # a newer query came in while this one waited
            return self.service.search(query)

        job = Job(work)
        job.signals.finished.connect(lambda result: self._deliver(generation, result, query))
        job.signals.failed.connect(self.error_occurred)
        self.pool.start(job)

    def _deliver(self, generation: int, result, query: str) -> None:
        if generation == self._generation and result is not None:
            self.search_finished.emit(result, query)

    def ensure_index(self) -> None:
        """Check the index against the library and rebuild it if needed, in the background."""

        def work(progress):
            reason = self.service.needs_rebuild()
            if reason is None:
                return ""
            count = self.service.rebuild(lambda done, total: progress(done, total, ""))
            return f"Search index rebuilt ({reason}): {count} articles"

        job = Job(work)
        job.signals.progress.connect(lambda done, total, _: self.index_progress.emit(done, total))
        job.signals.finished.connect(self._on_index_ready)
        job.signals.failed.connect(self.error_occurred)
        self.pool.start(job)

    def rebuild(self) -> None:
        def work(progress):
            count = self.service.rebuild(lambda done, total: progress(done, total, ""))
            return f"Search index rebuilt: {count} articles"

        job = Job(work)
        job.signals.progress.connect(lambda done, total, _: self.index_progress.emit(done, total))
        job.signals.finished.connect(self._on_index_ready)
        job.signals.failed.connect(self.error_occurred)
        self.pool.start(job)

    def _on_index_ready(self, message: str) -> None:
        self.ready = True
        self.index_ready.emit(message)
        if self.last_query:
            self.search_now(self.last_query)

    def match_ranges(self, text: str, terms) -> list[tuple[int, int]]:
        return self.service.match_ranges(text, terms)
