"""ExportController: the export dialog's way into core (collect, render, write)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.export import (
    ExportError,
    ExportOptions,
    TemplateError,
    chosen,
    dumps,
    export_folder,
    export_json,
    export_readwise,
    highlight_markdown,
    now,
    prediction_markdown,
    render,
)
from reader.core.export.logseq import render_logseq
from reader.core.export.readwise import readwise_csv
from reader.core.session import Session
from reader.ui.common.operations import Cancelled, Operation

JSON_NAME = "reader-annotations.json"
READWISE_NAME = "reader-highlights-for-readwise.csv"
FORMATS = ("markdown", "json", "readwise-csv")


class ExportController(QObject):
    error_occurred = Signal(str)
    export_progress = Signal(int, int)  # articles written, of
    export_finished = Signal(object)  # list[Path], or None when it failed or was cancelled

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._operation: Operation | None = None
        self.session = session
        self.notes: list[str] = []  # what the last export wants said (a name it changed)

    def colors(self):
        return self.session.highlights.colors()

    def all_ids(self) -> list[int]:
        return self.session.library.articles.live_ids()

    def preview(self, article_id: int, options: ExportOptions, fmt: str = "markdown") -> str:
        """What the export writes for one article (the template's error, for Markdown
        with a broken template)."""
        item = next(_collect(self.session, [article_id]))
        if fmt == "json":
            return dumps(list(chosen([item], options)), self.colors())
        if fmt == "readwise-csv":
            return readwise_csv(chosen([item], options))
        if options.flavour == "logseq":
            return render_logseq(item, self.colors(), now(), options)
        try:
            return render(item, self.colors(), now(), options)
        except TemplateError as exc:
            return f"<!-- {exc} -->"

    def export(
        self, article_ids: list[int], folder: Path, options: ExportOptions, fmt: str = "markdown"
    ) -> list[Path] | None:
        """Export these articles now, on the UI thread (one article is quick)."""
        self.notes = []
        try:
            items = _collect(self.session, article_ids)
            return _write(self.session, items, folder, options, fmt, self.notes)
        except (ExportError, TemplateError) as exc:
            self.error_occurred.emit(f"Export failed: {exc}")
            return None

    def start_export(
        self, article_ids: list[int], folder: Path, options: ExportOptions, fmt: str = "markdown"
    ) -> Operation:
        """export() in the background, in a session of its own, for a whole library:
        progress as it goes, Cancel between two articles (files written stay whole)."""

        def work(session: Session, progress) -> list[Path]:
            ids = list(article_ids)

            def items():
                for n, item in enumerate(_collect(session, ids), 1):
                    if operation.cancelled:
                        raise Cancelled
                    yield item
                    progress(n, len(ids), "")

            return _write(session, items(), folder, options, fmt, notes)

        notes: list[str] = []  # (filled by the worker as it writes)
        self.notes = notes

        operation = Operation(work, self.session)
        operation.signals.progress.connect(
            lambda done, total, _: self.export_progress.emit(done, total)
        )
        operation.signals.finished.connect(self._on_export_done)
        operation.signals.failed.connect(self._on_export_failed)
        operation.signals.cancelled.connect(lambda: self._on_export_done(None))
        self._operation = operation
        return operation.start()

    def cancel_export(self) -> None:
        if self._operation is not None:
            self._operation.cancel()

    def _on_export_done(self, written) -> None:
        self._operation = None
        self.export_finished.emit(written)

    def _on_export_failed(self, message: str) -> None:
        self.error_occurred.emit(f"Export failed: {message}")
        self._on_export_done(None)

    def highlight_as_markdown(self, highlight_id: int) -> str:
        h = self.session.highlights.get(highlight_id)
        return highlight_markdown(h, {c.slot: c for c in self.colors()})

    def prediction_as_markdown(self, prediction_id: int) -> str:
        return prediction_markdown(self.session.predictions.get(prediction_id))


def _collect(session: Session, article_ids: list[int]):
    return session.annotations(article_ids)


def _write(
    session: Session,
    items,
    folder: Path,
    options: ExportOptions,
    fmt: str,
    notes: list[str],
) -> list[Path]:
    """Markdown files (one per article), one JSON document or one Readwise CSV, each
    written whole."""
    colors = session.highlights.colors()
    if fmt == "json":
        return [export_json(items, Path(folder) / JSON_NAME, colors, notes, options)]
    if fmt == "readwise-csv":
        return [export_readwise(items, Path(folder) / READWISE_NAME, notes, options)]
    return export_folder(items, folder, colors, options, notes=notes)
