"""What the search index holds on disk and how its folder is opened: the schema and its
version, a document's fields, Whoosh's storage (without mmap), and the checks a new or
opened index gets. `SearchIndex` (index.py) reads and writes through these."""

from __future__ import annotations

import contextlib
import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from whoosh.fields import ID, KEYWORD, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage

from reader.core.search.analysis import analyzer, surface_analyzer
from reader.core.search.formats import PackedCharacters, WordSet

if TYPE_CHECKING:
    from reader.core.search.records import SearchDocument

# 4: the body text is no longer stored; 5: state, and articles' own tags; 6: postings and
# stored fields pickled with the highest protocol (safe_pickle.dumps_highest); 7: the
# body's positions packed (formats.PackedCharacters); 8: the words as written in a field of
# their own ("words"), not Whoosh's spelling field; 9: one analyzer class (analysis.Words),
# and the words as written kept without counts or lengths (formats.WordSet); 10: Porter's
# step 1b as the algorithm has it ("monetized" is "monetize", "hopping" is "hop": see
# analysis.porter_stem)
INDEX_VERSION = 10


def schema() -> Schema:
    text = analyzer()
    body = TEXT(analyzer=text, chars=True, multitoken_query="phrase")
    body.format = PackedCharacters()  # (the field boost is 1, as TEXT made it)
    words = TEXT(analyzer=surface_analyzer(), phrase=False)
    words.format, words.scorable = WordSet(), False  # (read for its vocabulary only)
    return Schema(
        article_id=ID(stored=True, unique=True),
        title=TEXT(analyzer=text, stored=True, field_boost=2.0, multitoken_query="phrase"),
        authors=TEXT(analyzer=text, stored=True, multitoken_query="phrase"),
        publication=TEXT(analyzer=text, stored=True, multitoken_query="phrase"),
        # not stored: the database has the text, and snippets are made from it (a stored
        # body doubled the index and, read back, cost ~700 MB at 10,000 articles)
        # chars: snippets place matches from the postings instead of re-analysing the text
        body=body,
        # the body's words as written, for prefixes and respelling (Whoosh's own spelling
        # field keeps them all on a segment's first document, and loses them all when that
        # document is replaced and the segment merged)
        words=words,
        notes=TEXT(analyzer=text, multitoken_query="phrase"),
        tags=KEYWORD(commas=True, lowercase=True, scorable=True),
        colors=KEYWORD(commas=True, lowercase=True),
        state=ID(),
        saved=ID(stored=True),
        content_hash=STORED(),
    )


def fields(doc: SearchDocument) -> dict:
    return {
        "article_id": str(doc.article_id),
        "title": doc.title,
        "authors": ", ".join(doc.authors),
        "publication": doc.publication,
        "body": doc.body,
        "words": doc.body,
        "notes": doc.notes,
        "tags": ",".join(doc.tags),
        "colors": ",".join(c.lower() for c in doc.colors),
        "state": doc.state,
        "saved": doc.saved_at[:10].replace("-", ""),
        "content_hash": doc.content_hash,
    }


def storage(folder: Path) -> FileStorage:
    """Whoosh's file storage without mmap: with mmap, opening a segment copies its whole
    postings file into memory (BufferFile wraps the map in a BytesIO): 400 MB of RSS at
    10,000 articles instead of 25 MB, for searches about 1 ms faster."""
    return FileStorage(str(folder), supports_mmap=False)


def open_index(folder: Path):
    return storage(folder).open_index()


class CheckingStorage(FileStorage):
    """Storage for the start-up check: whatever a failed read left open (Whoosh does not
    close the table of contents or a segment when reading it fails) is closed afterwards."""

    def __init__(self, folder: Path) -> None:
        super().__init__(str(folder), supports_mmap=False)
        self._opened: list = []
        self._tracking = True

    def open_file(self, name, **kwargs):
        opened = super().open_file(name, **kwargs)
        if self._tracking:
            self._opened.append(opened)
        return opened

    def stop_tracking(self) -> None:
        """The index opened well: its files are its own to close from now on."""
        self._tracking = False
        self._opened.clear()

    def close_opened(self) -> None:
        for opened in self._opened:
            with contextlib.suppress(Exception):  # (closed already when the read went well)
                opened.close()
        self._opened.clear()


def segment_files(folder: Path) -> list[str]:
    """The files of the segments the index's table of contents lists (committed: whole)."""
    ix = storage(folder).open_index()
    try:
        return [segment.make_filename(".seg") for segment in ix._segments()]
    finally:
        ix.close()


def built_segments(folder: Path, expected: int) -> list[str]:
    """The files of a new index's segments, once it is seen to hold every document given
    to it (Whoosh's writer processes can fail silently: the build failed then)."""
    ix = storage(folder).open_index()
    try:
        found = ix.doc_count()
        names = [segment.make_filename(".seg") for segment in ix._segments()]
    finally:
        ix.close()
    if found != expected:
        raise RuntimeError(f"the index build kept {found} of {expected} articles")
    return names


def remove(path: Path) -> None:
    """Remove a folder, or a file or link standing where the folder should be."""
    if path.is_symlink() or path.is_file():
        path.unlink()
    elif path.exists():
        shutil.rmtree(path, ignore_errors=True)
