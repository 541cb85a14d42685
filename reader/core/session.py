"""Build the Qt-free services over one data folder (used by the CLI and the app)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations.highlights import HighlightService
from reader.core.library.service import LibraryService
from reader.core.predictions.curated import curated_predictions
from reader.core.predictions.detector import detected_predictions
from reader.core.predictions.service import PredictionService
from reader.core.search.service import SearchService
from reader.core.storage.db import Database
from reader.core.storage.paths import data_dir, database_path, index_path


@dataclass
class Services:
    folder: Path
    db: Database
    library: LibraryService
    highlights: HighlightService
    predictions: PredictionService
    search: SearchService

    def seed_predictions(self, article_id: int, bundled_key: str | None) -> None:
        """Curated predictions for a bundled article; the detector's proposals for others."""
        article = self.library.get(article_id)
        if bundled_key:
            self.predictions.insert_many(curated_predictions(article, bundled_key))
        else:
            self.predictions.insert_many(detected_predictions(article))

    def close(self) -> None:
        self.search.close()
        self.db.close()


def open_services(folder: str | Path | None = None, first_run: bool = True) -> Services:
    """Open (or create) the library in `folder`; import the bundled article on first run."""
    root = data_dir(folder)
    db = Database(database_path(root))
    library, highlights, predictions = (
        LibraryService(db),
        HighlightService(db),
        PredictionService(db),
    )
    search = SearchService(index_path(root), db, library, highlights, predictions)
    services = Services(root, db, library, highlights, predictions, search)
    library.added_hooks.append(services.seed_predictions)
    if first_run:
        services.library.ensure_bundled()
    return services
