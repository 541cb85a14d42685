"""ExportController: the export dialog's way into core (collect, render, write)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from reader.core.exporter import (
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
from reader.core.exporter.files import atomic_write
from reader.core.services import Services


class ExportController(QObject):
    error_occurred = Signal(str)

    def __init__(self, services: Services, parent: QObject | None = None) -> None:
        super().__init__(parent)
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

    def highlight_as_markdown(self, highlight_id: int) -> str:
        h = self.services.highlights.get(highlight_id)
        return highlight_markdown(h, {c.slot: c for c in self.colors()})

    def prediction_as_markdown(self, prediction_id: int) -> str:
        return prediction_markdown(self.services.predictions.get(prediction_id))
