"""ExportController: the export dialog's way into core (collect, render, write)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.export import (
    ExportError,
    ExportOptions,
    TemplateError,
    collect,
    collect_many,
    dumps,
    export_folder,
    highlight_markdown,
    now,
    prediction_markdown,
    render,
)
from reader.core.export.files import atomic_write
from reader.core.search.service import DocumentSource
from reader.core.session import Services
from reader.core.storage.db import Database
from reader.ui.common.operations import Job, start


class ExportCancelled(Exception):
    """The reader pressed Cancel; files written so far stay (each is complete)."""


class ExportController(QObject):
    error_occurred = Signal(str)
    export_progress = Signal(int, int)  # articles written, of
    export_finished = Signal(object)  # list[Path], or None when it failed or was cancelled

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._job: Job | None = None
        self.services = services

    def colors(self):
        return self.services.highlights.colors()

    def all_ids(self) -> list[int]:
        return self.services.library.articles.live_ids()

    def _items(self, article_ids: list[int]):
        s = self.services
        return [collect(s.library, s.highlights, s.predictions, i) for i in article_ids]

    def preview(self, article_id: int, options: ExportOptions) -> str:
        """The Markdown of one article, or the template's error as the preview."""
        try:
            return render(self._items([article_id])[0], self.colors(), now(), options)
        except TemplateError as exc:
            return f"<!-- {exc} -->"

    def export(
        self, article_ids: list[int], folder: Path, options: ExportOptions, as_json: bool = False
    ) -> list[Path] | None:
        try:
            if as_json:
                path = Path(folder) / "reader-annotations.json"
                atomic_write(path, dumps(self._items(article_ids), self.colors()))
                return [path]
            s = self.services
            items = collect_many(s.library, s.highlights, s.predictions, article_ids)
            return export_folder(items, folder, self.colors(), options)
        except (ExportError, TemplateError) as exc:
            self.error_occurred.emit(f"Export failed: {exc}")
            return None

    def start_export(
        self, article_ids: list[int], folder: Path, options: ExportOptions, as_json: bool = False
    ) -> Job:
        """export() on a worker thread with a database connection of its own, for a whole
        library: progress as it goes, Cancel between two articles."""

        colors = self.colors()

        def work(progress):
            db = Database(self.services.db.path)
            try:
                source = DocumentSource.on(db)
                ids = list(article_ids)

                def items():
                    for n, item in enumerate(
                        collect_many(source.library, source.highlights, source.predictions, ids), 1
                    ):
                        if job.cancelled:
                            raise ExportCancelled
                        yield item
                        progress(n, len(ids), "")

                if as_json:
                    path = Path(folder) / "reader-annotations.json"
                    atomic_write(path, dumps(list(items()), colors))
                    return [path]
                return export_folder(items(), folder, colors, options)
            finally:
                db.close()

        job = Job(work)
        job.signals.progress.connect(lambda done, total, _: self.export_progress.emit(done, total))
        job.signals.finished.connect(self._on_export_done)
        job.signals.failed.connect(self._on_export_failed)
        self._job = job
        return start(job)

    def cancel_export(self) -> None:
        if self._job is not None:
            self._job.cancelled = True

    def _on_export_done(self, written) -> None:
        self._job = None
        self.export_finished.emit(written)

    def _on_export_failed(self, message: str) -> None:
        self._job = None
        if not message.startswith("ExportCancelled"):
            reason = message.split(": ", 1)[-1] if "Error" in message.split(":")[0] else message
            self.error_occurred.emit(f"Export failed: {reason}")
        self.export_finished.emit(None)

    def highlight_as_markdown(self, highlight_id: int) -> str:
        h = self.services.highlights.get(highlight_id)
        return highlight_markdown(h, {c.slot: c for c in self.colors()})

    def prediction_as_markdown(self, prediction_id: int) -> str:
        return prediction_markdown(self.services.predictions.get(prediction_id))
