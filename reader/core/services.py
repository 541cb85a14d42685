"""Build the Qt-free services over one data folder (used by the CLI and the app)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.db import Database
from reader.core.highlights import HighlightService
from reader.core.library import LibraryService
from reader.core.paths import data_dir, database_path
from reader.core.prediction_service import PredictionService


@dataclass
class Services:
    folder: Path
    db: Database
    library: LibraryService
    highlights: HighlightService
    predictions: PredictionService

    def close(self) -> None:
        self.db.close()


def open_services(folder: str | Path | None = None, first_run: bool = True) -> Services:
    """Open (or create) the library in `folder`; import the bundled article on first run."""
    root = data_dir(folder)
    db = Database(database_path(root))
    services = Services(
        folder=root,
        db=db,
        library=LibraryService(db),
        highlights=HighlightService(db),
        predictions=PredictionService(db),
    )
    if first_run:
        services.library.ensure_bundled()
    return services
