"""The one way into a library: a session opens its database and wires every service.

The window and the command line both start here, so they cannot disagree: an article
added through either gets its predictions proposed in the same transaction (the hook
below), and every commit is announced on the library's `ChangeBus`. Work off the main
thread takes a session of its own (`Session.worker()`: its own connection, the same
hooks, bus and search index), as Anki's `CollectionOp` runs against the collection.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.annotations.bookmarks import BookmarkService
from reader.core.annotations.highlights import HighlightService
from reader.core.changes import ChangeBus, Changes
from reader.core.library.service import LibraryService
from reader.core.models import Article, Bearing
from reader.core.predictions.service import PredictionService
from reader.core.search.service import DocumentSource, SearchService
from reader.core.storage.backup import write_backup
from reader.core.storage.db import Database
from reader.core.storage.litter import remove_stale
from reader.core.storage.paths import data_dir, database_path, index_path
from reader.core.storage.recovery import CHECKING, backup_folder

if TYPE_CHECKING:  # (restoring is rare: its modules load when it is asked for)
    from reader.core.export.markdown import ArticleAnnotations
    from reader.core.export.vault import VaultReport
    from reader.core.library.restore import RestoreReport


@dataclass
class Session:
    """A connection to a library with its services. Not shared between threads."""

    folder: Path
    db: Database
    library: LibraryService
    highlights: HighlightService
    predictions: PredictionService
    search: SearchService
    bus: ChangeBus
    _seen: int = field(default=0, repr=False)  # the newest change_log row read
    _data_version: int = field(default=-1, repr=False)
    _owner: bool = field(default=True, repr=False)  # closes the search index too

    @property
    def read_only(self) -> str | None:
        """Why nothing can be saved in this library (it opened for reading), or None."""
        return self.db.read_only

    @cached_property
    def bookmarks(self) -> BookmarkService:
        return BookmarkService(self.db)

    def annotations(self, article_ids: Iterable[int]) -> Iterator[ArticleAnnotations]:
        """What each article contributes to an export (highlights, predictions,
        bookmarks, its state and tags), one article at a time."""
        from reader.core.export import collect_many

        return collect_many(
            self.library, self.highlights, self.predictions, article_ids, self.bookmarks
        )

    def possible_evidence(
        self, article_ids: Iterable[int], threshold: float | None = None
    ) -> list[Bearing]:
        """The open predictions (confirmed, not yet resolved, from other articles) that
        these articles may bear on, the strongest first (see search/bearing.py)."""
        from reader.core.predictions.service import PredictionFilter

        ids = set(article_ids)
        tracked = {
            p.id: f"{p.statement} {p.quote.exact}"
            for p in self.predictions.query(PredictionFilter(status="open"))
            if p.review == "confirmed" and p.article_id not in ids
        }
        return self.search.bearing(self.library.articles.plain_texts(ids), tracked, threshold)

    def sync_vault(self, article_ids: frozenset[int] | None = None) -> VaultReport | None:
        """Bring the notes vault's files of these articles (None: all) up to date; None
        when no vault is kept in step (see export/vault.py)."""
        from reader.core.export.vault import vault_config, vault_for

        config = vault_config(self.library)
        if config is None:
            return None
        return vault_for(config).sync(self.library, self.highlights, self.predictions, article_ids)

    @property
    def documents(self) -> DocumentSource:
        """Search documents read through this session's connection."""
        return DocumentSource(self.library, self.highlights, self.predictions)

    @contextmanager
    def worker(self) -> Iterator[Session]:
        """A session of its own for a worker thread: same library, hooks, bus and index."""
        session = _wire(self.folder, self.bus, self.search)
        session._owner = False
        try:
            yield session
        finally:
            session.close()

    def external_changes(self) -> Changes:
        """What other programs committed to this library since the last call (cheap when
        nothing did: one PRAGMA). The first call only notes where the log stands."""
        version = self.db.data_version()
        if version == self._data_version:
            return Changes()
        first = self._data_version < 0
        self._data_version = version
        if first:
            self._seen = self.db.last_change()
            return Changes()
        self._seen, changes = self.db.changes_since(self._seen)
        return changes

    def write_backup(self, path: Path | None = None) -> Path:
        """A full backup of the library at `path` (by default a dated file in the
        library's backups/ folder); returns where it went, which is beside `path` when
        a file there is not a Reader backup (see storage.backup.write_backup)."""
        from reader.core.library.restore import dated_backup_path

        return write_backup(self.db, path or dated_backup_path(self.folder))

    def restore_backup(self, path: Path) -> RestoreReport:
        """Replace the library with a backup (checked, sanitised, the old one kept)."""
        from reader.core.library.restore import restore_library

        return restore_library(self.db, self.folder, path)

    def close(self) -> None:
        if self._owner:
            self.search.close()
        self.db.close()


def _services(db: Database) -> tuple[LibraryService, HighlightService, PredictionService]:
    """The services over one connection, with the hook that proposes predictions."""
    library, highlights, predictions = (
        LibraryService(db),
        HighlightService(db),
        PredictionService(db),
    )

    def seed(article_id: int, bundled_key: str | None) -> None:
        """Curated predictions for a bundled article; the detector's proposals for others
        (run inside the transaction that adds the article)."""
        from reader.core.predictions.curated import curated_predictions
        from reader.core.predictions.detector import detected_predictions

        article = library.get(article_id)
        if bundled_key:
            predictions.insert_many(curated_predictions(article, bundled_key))
        else:
            predictions.insert_many(detected_predictions(article))
        highlight_imported(article_id, article)

    def highlight_imported(article_id: int, article: Article | None = None) -> None:
        """The highlights an import brought with it (a Kindle book's), those not there yet."""
        from reader.core.ingest import HIGHLIGHTS_KEY

        wanted = library.meta(article_id).get(HIGHLIGHTS_KEY)
        if isinstance(wanted, list) and wanted:
            place_highlights(article_id, wanted, article)

    def place_highlights(article_id: int, wanted: list, article: Article | None = None) -> None:
        """Highlight these passages another app's export names (those not there yet)."""
        article = article or library.get(article_id)
        added, missed = highlights.add_imported(article, wanted)
        library.highlights_imported += added
        library.highlights_missed += missed

    def read_annotations(path: Path) -> tuple[list[int], str] | None:
        """Our own W3C annotation export, back onto the articles it names."""
        from reader.core.annotations.bookmarks import BookmarkService
        from reader.core.export.w3c_import import import_annotations, looks_like_annotations

        if not looks_like_annotations(path):
            return None
        done = import_annotations(
            path, library, highlights, predictions, BookmarkService(library.db)
        )
        return sorted(done.articles), done.summary()

    def read_highlights(path: Path) -> tuple[list[int], str] | None:
        """Readwise's CSV or Hypothesis's JSON: highlights onto the articles they were
        made in, or articles made of them."""
        from reader.core.annotations.imported import import_highlight_books
        from reader.core.ingest.highlight_books import highlights_kind

        if highlights_kind(path) is None:
            return None
        done = import_highlight_books(path, library, highlights)
        return done.articles, done.summary()

    library.added_hooks.append(seed)
    library.replaced_hooks.append(highlight_imported)
    library.highlight_hooks.append(place_highlights)
    library.file_readers.extend([read_annotations, read_highlights])
    return library, highlights, predictions


def _wire(folder: Path, bus: ChangeBus, search: SearchService | None = None) -> Session:
    """Open the database in `folder` and build the services over it."""
    db = Database(database_path(folder), on_commit=bus.announce)
    if search is None:
        search = SearchService(index_path(folder), _documents(folder, bus))
        bus.subscribe(search.on_changes)
    return Session(folder, db, *_services(db), search, bus)


def _documents(folder: Path, bus: ChangeBus):
    """For the search service's own threads: documents on a connection of their own."""

    @contextmanager
    def documents() -> Iterator[DocumentSource]:
        db = Database(database_path(folder), on_commit=bus.announce)
        try:
            yield DocumentSource(*_services(db))
        finally:
            db.close()

    return documents


def clean_litter(root: Path) -> None:
    """Half-built indexes and half-written backups of killed commands (never another
    running program's)."""
    remove_stale(root, "index.new-")
    remove_stale(backup_folder(root), ".backup-")
    remove_stale(root, f".{CHECKING}-")  # (a half-written record of a passing check)


def open_session(folder: str | Path | None = None, first_run: bool = True) -> Session:
    """Open (or create) the library in `folder`; import the bundled article on first run."""
    root = data_dir(folder)
    clean_litter(root)
    session = _wire(root, ChangeBus())
    session.external_changes()  # from here on, what others commit is news
    if session.db.read_only is None:  # (a read-only library is shown as it is)
        session.db.prune_change_log()
        if first_run:
            session.library.ensure_bundled()
    return session
