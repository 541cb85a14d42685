"""Highlights from other apps' exports (ingest/highlight_books.py) put into the library:
onto the article each was made in when the library has it (by address, else by title),
else as an article made of them. The whole file is one transaction."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from reader.core.annotations.highlights import HighlightService
from reader.core.ingest.highlight_books import book_document, read_highlight_books
from reader.core.library.service import DuplicateArticle, LibraryService


@dataclass
class HighlightImport:
    articles: list[int]  # made or grown, and those that gained highlights
    made: int = 0  # articles made of highlights
    onto: int = 0  # articles already here that gained some
    added: int = 0  # highlights added (both ways)
    unplaced: int = 0  # quotes not found in the article they name
    unchanged: int = 0  # documents with nothing new
    page_notes: int = 0  # Hypothesis's notes on a whole page: not kept

    def summary(self) -> str:
        parts = [f"{self.added} highlight(s)"]
        if self.onto:
            parts.append(f"{self.onto} article(s) already here gained some")
        if self.made:
            parts.append(f"{self.made} article(s) made of highlights")
        if self.unchanged:
            parts.append(f"{self.unchanged} with nothing new")
        if self.unplaced:
            parts.append(f"{self.unplaced} quote(s) not found in their article")
        if self.page_notes:
            parts.append(f"{self.page_notes} note(s) on a whole page skipped (no quote)")
        return ", ".join(parts)


def import_highlight_books(
    path: Path, library: LibraryService, highlights: HighlightService
) -> HighlightImport:
    books = read_highlight_books(path)  # (refused whole before anything changes)
    result = HighlightImport([])
    before = library.highlights_imported
    with library.db.transaction():  # all of it, or none of it
        for book in books:
            result.page_notes += book.page_notes
            if not book.highlights:
                continue
            source = f"{path.absolute()}#{book.url or book.title}"  # (one per document)
            made_before = library.articles.find_live_by_source(source)
            article_id = None if made_before else library.find_article(book.url, book.title)
            if article_id is not None and not _made_from(library, article_id, path):
                article = library.get(article_id)
                added, unplaced = highlights.add_imported(article, book.highlights)
                if added or unplaced < len(book.highlights):  # (its quotes are there)
                    library.highlights_imported += added  # (counted as the hooks count theirs)
                    result.unplaced += unplaced
                    if added:
                        result.onto += 1
                        result.articles.append(article_id)
                    else:
                        result.unchanged += 1
                    if book.tags:
                        library.shelf.add_tags(article_id, book.tags)
                    continue
                # none of its quotes is in the article of that title: another document
            try:
                made = library.add_or_replace(book_document(book, source))
            except DuplicateArticle:
                result.unchanged += 1
                continue
            result.made += 1
            result.articles.append(made)
            if book.tags:
                library.shelf.add_tags(made, book.tags)
    result.added = library.highlights_imported - before
    return result


def _made_from(library: LibraryService, article_id: int, path: Path) -> bool:
    """Whether the article was made of this file's highlights (imported before): it
    grows as a Kindle book does, rather than taking highlights of itself."""
    return library.get(article_id).source.startswith(f"{path.absolute()}#")
