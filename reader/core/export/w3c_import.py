"""Our own W3C Web Annotation export, read back onto the same articles.

Each annotation names its article by the article's stable id (`urn:uuid:…`); it comes
back onto that article when the library has it, with its own id, so importing the same
file twice adds nothing, and a highlight, prediction or bookmark that is already there
is left as it is. The whole file is one transaction.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field, replace
from pathlib import Path

from reader.core.annotations.bookmarks import BookmarkService
from reader.core.annotations.highlights import HighlightService
from reader.core.export.w3c import is_export, parse
from reader.core.ingest.decoding import ImportRefused
from reader.core.library.service import LibraryService
from reader.core.models import Bookmark, Highlight
from reader.core.predictions.service import PredictionService

MAX_BYTES = 200 * 1024 * 1024


@dataclass
class AnnotationImport:
    articles: set[int] = field(default_factory=set)  # the articles that gained some
    added: int = 0
    already: int = 0  # there before (the same id)
    elsewhere: int = 0  # for articles this library does not have

    def summary(self) -> str:
        said = f"{self.added} annotation(s) added"
        if self.already:
            said += f", {self.already} already there"
        if self.elsewhere:
            said += f", {self.elsewhere} for articles not in this library"
        return said


def looks_like_annotations(path: Path) -> bool:
    return path.suffix.lower() == ".json" and is_export(path)


def import_annotations(
    path: Path,
    library: LibraryService,
    highlights: HighlightService,
    predictions: PredictionService,
    bookmarks: BookmarkService,
) -> AnnotationImport:
    if path.stat().st_size > MAX_BYTES:
        raise ImportRefused("the annotation file is larger than 200 MB")
    text = path.read_text(encoding="utf-8", errors="replace")
    try:
        items = parse(text)
        targets = [a["target"]["source"] for a in json.loads(text)["first"]["items"]]
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise ImportRefused(f"the annotation file is damaged ({type(exc).__name__})") from None
    result = AnnotationImport()
    with library.db.transaction():  # all of it, or none of it
        for item, target in zip(items, targets, strict=True):
            article_id = library.articles.find_live_by_uid(str(target).removeprefix("urn:uuid:"))
            if article_id is None:
                result.elsewhere += 1
                continue
            service = (
                highlights
                if isinstance(item, Highlight)
                else bookmarks
                if isinstance(item, Bookmark)
                else predictions
            )
            if service.has_uid(item.uid):
                result.already += 1
                continue
            service.insert(replace(item, article_id=article_id))  # type: ignore[arg-type]
            result.added += 1
            result.articles.add(article_id)
    return result
