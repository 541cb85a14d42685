"""LibraryService: import, delete, restore; each user action is one transaction."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, replace
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.changes import Changes
from reader.core.ingest import DEFAULT_KEY, HIGHLIGHTS_KEY
from reader.core.ingest.bounds import flatten_deep
from reader.core.ingest.decoding import ImportRefused
from reader.core.library.articles import ArticleStore
from reader.core.library.filters import Collections
from reader.core.library.shelf import Shelf
from reader.core.models import Article, ArticleSummary, ImportFailure, ImportReport
from reader.core.storage.db import Database
from reader.core.storage.settings import SettingsStore
from reader.core.text import content_hash

if TYPE_CHECKING:  # parsing loads when something is imported, not for every command
    from reader.core.ingest.importer import ParsedDocument

# run inside the transaction that adds an article (its id, its bundled key or None):
# the session proposes its predictions there, so the two commit together
AddedHook = Callable[[int, str | None], None]
Progress = Callable[[int, int, str], None]


class DuplicateArticle(Exception):
    def __init__(self, existing_id: int, title: str) -> None:
        super().__init__(f"already in the library as article {existing_id} ('{title}')")
        self.existing_id = existing_id


@dataclass
class LibraryService:
    db: Database

    def __post_init__(self) -> None:
        self.articles = ArticleStore(self.db)
        self.shelf = Shelf(self.db)
        self.collections = Collections(self.db)
        self.settings = SettingsStore(self.db)
        self.added_hooks: list[AddedHook] = []
        # run inside the transaction that replaces an article's text (its id)
        self.replaced_hooks: list[Callable[[int], None]] = []
        # highlights another app's export brings for an article already in the library
        # (its id, each {"exact", "note", "tags"}): the session places them
        self.highlight_hooks: list[Callable[[int, list[dict]], None]] = []
        # files the layers above read (annotations onto articles): (the articles they
        # touched, what to tell) for a file they take, None for one they do not
        self.file_readers: list[Callable[[Path], tuple[list[int], str] | None]] = []
        self.highlights_imported = 0  # counted by the hooks that add them (for reports)
        self.highlights_missed = 0  # and those whose quote is not in the article's text

    # -- reading --
    def get(self, article_id: int) -> Article:
        return self.articles.get(article_id)

    def for_reading(self, article_id: int) -> Article:
        """The article as the reading view shows it: HTML stored before nesting was
        limited at import is flattened now (Qt's layout of deep nesting froze the window)."""
        article = self.articles.get(article_id)
        html = flatten_deep(article.html)
        return article if html is article.html else replace(article, html=html)

    def is_live(self, article_id: int) -> bool:
        return self.articles.is_live(article_id)

    def summaries(self, article_ids: Iterable[int] | None = None) -> list[ArticleSummary]:
        """The library's articles as listed (all, or these live ones)."""
        return self.articles.summaries(article_ids=article_ids)

    def titles(self, article_ids: Iterable[int] | None = None) -> dict[int, str]:
        return self.articles.titles(article_ids)

    def resolve(self, ref: str) -> int:
        return self.articles.resolve(ref)

    # -- importing --
    def add_document(self, doc: ParsedDocument, bundled_key: str | None = None) -> int:
        existing = self.articles.find_live_by_hash(content_hash(doc.plain_text))
        if existing is not None:
            raise DuplicateArticle(existing, self.articles.get(existing).title)
        with self.db.transaction() as tx:
            article_id = self.articles.insert(tx, doc, bundled_key)
            if bundled_key:
                self.settings.put(tx, f"bundled.{bundled_key}", "imported")
            for hook in self.added_hooks:
                hook(article_id, bundled_key)
            tx.record(Changes.article(article_id))
        return article_id

    def import_file(self, path: Path) -> int:
        """Import a file; a changed version of a file imported before replaces its text."""
        from reader.core.ingest.importer import load

        return self.add_or_replace(load(path))

    def find_article(self, url: str, title: str) -> int | None:
        """The live article saved from this address, else the one with this title."""
        if url:
            found = self.articles.find_live_by_source(url)
            if found is not None:
                return found
        wanted = " ".join(title.split()).casefold()
        if not wanted:
            return None
        return next(
            (i for i, t in self.titles().items() if " ".join(t.split()).casefold() == wanted),
            None,
        )

    def add_or_replace(self, doc: ParsedDocument) -> int:
        """A new document, or a changed version of one from the same source (its text
        replaced, its annotations kept); the same text again is a DuplicateArticle."""
        previous = self.articles.find_live_by_source(doc.source)
        if previous is not None and self.articles.hash_of(previous) != content_hash(doc.plain_text):
            return self.replace_text(previous, doc)
        return self.add_document(doc)

    def replace_from(self, article_id: int, source: str, images: bool = False) -> int:
        """Replace an article's text with the file or page it was a duplicate of.

        Highlights and predictions stay and are placed again on the new text.
        """
        if source.startswith(("http://", "https://")):
            from reader.core.ingest.web_import import from_url

            doc = from_url(source, images=images)
        else:
            from reader.core.ingest.importer import load

            doc = load(Path(source))
        return self.replace_text(article_id, doc)

    def replace_text(self, article_id: int, doc: ParsedDocument) -> int:
        """A corrected version of the same article: same id, highlights re-anchor on display."""
        with self.db.transaction() as tx:
            self.articles.replace_content(tx, article_id, doc, doc.meta)
            for hook in self.replaced_hooks:
                hook(article_id)
            tx.record(Changes.article(article_id))
        return article_id

    def import_kindle(self, path: Path) -> tuple[list[int], list[ImportFailure]]:
        """A Kindle's clippings file: an article per book, made of its highlights; a book
        imported before gets what is new in it (its highlights stay). (the articles added
        or grown, the books with nothing new)."""
        from reader.core.ingest.kindle import load_clippings

        changed, unchanged = [], []
        for doc in load_clippings(path):
            try:
                changed.append(self.add_or_replace(doc))
            except DuplicateArticle as exc:
                told = f"nothing new for “{doc.title}” (already in the library)"
                unchanged.append(ImportFailure(doc.source, told, exc.existing_id))
        return changed, unchanged

    def import_url(
        self, url: str, cancelled: Callable[[], bool] = lambda: False, images: bool = False
    ) -> int:
        """Save a web page's article (with its images, when asked); the same URL twice is
        a duplicate."""
        return self._import_url(url, cancelled, images)[0]

    def _import_url(
        self, url: str, cancelled: Callable[[], bool], images: bool
    ) -> tuple[int, str | None]:
        """(the new article's id, what to tell about its images, if anything)."""
        doc = self._fetched(url, cancelled, images)
        missed, kept = doc.meta.get("images_missed", 0), doc.meta.get("images", 0)
        note = f"{url}: {missed} of {kept + missed} images could not be saved" if missed else None
        return self.add_document(doc), note

    def _fetched(self, url: str, cancelled: Callable[[], bool], images: bool) -> ParsedDocument:
        """A web page's article, fetched (outside any transaction); DuplicateArticle when
        the library has it already, under this address or the one it redirected to."""
        from reader.core.ingest.web_import import from_url

        doc = from_url(url, cancelled, images=images)
        for source in {url, doc.source}:
            existing = self.articles.find_live_by_source(source)
            if existing is not None:
                raise DuplicateArticle(existing, self.articles.get(existing).title)
        return doc

    def import_epub(
        self, path: Path, per_chapter: bool = False
    ) -> tuple[list[int], list[ImportFailure]]:
        """An EPUB book as one article (chapters as sections) or one article per chapter:
        (the articles added, the chapters that were already in the library)."""
        from reader.core.ingest.epub import load_epub

        if not path.exists():
            raise ImportRefused("no such file")
        added, duplicates = [], []
        for doc in load_epub(path, per_chapter):
            try:
                added.append(self.add_document(doc))
            except DuplicateArticle as exc:
                where = f"{path} ({doc.title})" if per_chapter else str(path)
                duplicates.append(ImportFailure(where, str(exc), exc.existing_id))
        return added, duplicates

    def import_saved_list(
        self,
        path: Path,
        cancelled: Callable[[], bool] = lambda: False,
        progress: Progress | None = None,
    ) -> tuple[list[int], list[ImportFailure], list[ImportFailure]]:
        """A Pocket, Instapaper or Omnivore export: every address saved as Save from URL
        saves it, one after the other (an Omnivore article whose text is in the export is
        taken from it, with its highlights), each article filed with the list's tags,
        state and date. An address already in the library only takes the list's tags.
        (articles added, those already there, those that could not be saved)."""
        from reader.core.ingest.saved_lists import read_saved_list

        items = read_saved_list(path)
        added: list[int] = []
        known: list[ImportFailure] = []
        failed: list[ImportFailure] = []
        for n, item in enumerate(items, 1):
            if cancelled():
                failed.extend(ImportFailure(i.url, "cancelled") for i in items[n - 1 :])
                break
            existing = self.articles.find_live_by_source(item.url)
            try:
                if existing is None:
                    doc = item.doc or self._fetched(item.url, cancelled, False)
                    if item.highlights and not item.doc:  # (placed by the session's hook)
                        doc = replace(doc, meta={**doc.meta, HIGHLIGHTS_KEY: list(item.highlights)})
                    with self.db.transaction():  # the article and its filing: one action
                        existing = self.add_document(doc)
                        self._file_saved(existing, item, new=True)
                    added.append(existing)
                else:
                    self._file_saved(existing, item, new=False)
                    known.append(ImportFailure(item.url, "already in the library", existing))
            except DuplicateArticle as exc:  # (saved under another address: redirected)
                self._file_saved(exc.existing_id, item, new=False)
                known.append(ImportFailure(item.url, str(exc), exc.existing_id))
            except ImportRefused as exc:
                failed.append(ImportFailure(item.url, str(exc)))
            if progress:
                progress(n, len(items), item.url)
        return added, known, failed

    def _file_saved(self, article_id: int, item, new: bool) -> None:
        """The list's tags on the article; for one just saved, its state and date too;
        for one already here, the highlights the export made on it."""
        if item.tags:
            self.shelf.add_tags(article_id, item.tags)
        if not new:
            if item.highlights:
                with self.db.transaction():
                    for hook in self.highlight_hooks:
                        hook(article_id, list(item.highlights))
            return
        if item.archived or item.reading:
            self.shelf.set_state(article_id, "archive" if item.archived else "reading")
        if item.added:
            with self.db.transaction() as tx:
                self.articles.set_saved_at(tx, article_id, item.added)
                tx.record(Changes(status=frozenset([article_id])))

    def import_clipboard(self, text: str, html: str | None = None) -> int:
        from reader.core.ingest.web_import import from_clipboard

        return self.add_document(from_clipboard(text, html))

    def import_paths(
        self,
        paths: Iterable[Path | str],
        progress: Progress | None = None,
        cancelled: Callable[[], bool] = lambda: False,
        per_chapter: bool = False,
        images: bool = False,
    ) -> ImportReport:
        """Import the good files, list the failures; one transaction per file.

        A folder stands for every importable file in it (see importer.importable_files).
        With images, web pages are saved with their images.
        """
        from reader.core.ingest.kindle import looks_like_clippings
        from reader.core.ingest.saved_lists import list_kind

        paths = _expand_folders(paths)
        highlights_before, missed_before = self.highlights_imported, self.highlights_missed
        imported: list[ArticleSummary] = []
        failed: list[ImportFailure] = []
        duplicates: list[ImportFailure] = []
        notes: list[str] = []
        for n, path in enumerate(paths, 1):
            if cancelled():
                failed.extend(ImportFailure(str(p), "cancelled") for p in paths[n - 1 :])
                break
            try:
                taken = None
                if not isinstance(path, str):
                    taken = next(
                        (r for reader in self.file_readers if (r := reader(Path(path)))), None
                    )
                if taken is not None:
                    ids = []  # (no article added: annotations on articles already here)
                    notes.append(f"{Path(path).name}: {taken[1]}")
                elif isinstance(path, str) and path.startswith(("http://", "https://")):
                    article_id, note = self._import_url(path, cancelled, images)
                    ids = [article_id]
                    notes.extend([note] if note else [])
                elif Path(path).suffix.lower() == ".epub":
                    ids, repeated = self.import_epub(Path(path), per_chapter)
                    duplicates.extend(repeated)
                elif looks_like_clippings(Path(path)):
                    ids, repeated = self.import_kindle(Path(path))
                    duplicates.extend(repeated)
                elif list_kind(Path(path)) is not None:
                    ids, repeated, missed = self.import_saved_list(
                        Path(path),
                        cancelled,
                        progress,  # (each address in turn)
                    )
                    duplicates.extend(repeated)
                    failed.extend(missed)
                else:
                    ids = [self.import_file(Path(path))]
                imported.extend(self.articles.get(i).summary() for i in ids)
            except DuplicateArticle as exc:
                duplicates.append(ImportFailure(str(path), str(exc), exc.existing_id, images))
            except ImportRefused as exc:
                failed.append(ImportFailure(str(path), str(exc)))
            except OSError as exc:
                failed.append(ImportFailure(str(path), f"cannot read it: {exc.strerror or exc}"))
            if progress:
                progress(n, len(paths), str(path))
        if unplaced := self.highlights_missed - missed_before:
            notes.append(f"{unplaced} highlight(s) not found in their article's text: left out")
        return ImportReport(
            tuple(imported),
            tuple(failed),
            tuple(duplicates),
            tuple(notes),
            self.highlights_imported - highlights_before,
        )

    def meta(self, article_id: int) -> dict:
        """What the article's import kept beside it (JSON in its row)."""
        return self.articles.meta(article_id)

    # -- deleting and the bundled article --
    def delete(self, article_id: int) -> None:
        with self.db.transaction() as tx:
            self.articles.set_deleted(tx, article_id, True)
            tx.record(Changes.article(article_id))

    def undelete(self, article_id: int) -> None:
        with self.db.transaction() as tx:
            self.articles.set_deleted(tx, article_id, False)
            tx.record(Changes.article(article_id))

    def ensure_bundled(self, key: str = DEFAULT_KEY) -> int | None:
        """On first run, import the bundled article; never re-add one the user deleted."""
        if self.settings.get(f"bundled.{key}") is not None:
            found = self.articles.bundled_id(key)
            return found[0] if found and not found[1] else None
        return self._add_bundled(key)

    def restore_bundled(self, key: str = DEFAULT_KEY) -> int:
        """Bring the bundled article back (undelete, or import it afresh)."""
        found = self.articles.bundled_id(key)
        if found and found[1]:
            self.undelete(found[0])
            return found[0]
        if found:
            return found[0]
        return self._add_bundled(key)

    def _add_bundled(self, key: str) -> int:
        from reader.core.ingest.bundled import load_bundled

        return self.add_document(load_bundled(key), bundled_key=key)


def _expand_folders(paths: Iterable[Path | str]) -> list[Path | str]:
    from reader.core.ingest.importer import importable_files

    expanded: list[Path | str] = []
    for path in paths:
        if not isinstance(path, str) and path.is_dir():
            expanded.extend(importable_files(path) or [path])  # an empty one is reported
        else:
            expanded.append(path)
    return expanded
