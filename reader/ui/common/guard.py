"""Turn refusals from the core into a message for the user instead of a traceback."""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Any, TypeVar

from reader.core.annotations.bookmarks import BookmarkError
from reader.core.annotations.highlights import HighlightError
from reader.core.export import ExportError, TemplateError
from reader.core.ingest.decoding import ImportRefused
from reader.core.library.articles import ArticleNotFound
from reader.core.library.service import DuplicateArticle
from reader.core.library.shelf import ShelfError
from reader.core.predictions.service import PredictionError
from reader.core.storage.backup import BackupError
from reader.core.storage.errors import StorageError

F = TypeVar("F", bound=Callable[..., Any])
# refusals whose message is written for the user (the rest are shown with their kind)
USER_ERRORS = (
    StorageError,
    HighlightError,
    PredictionError,
    ArticleNotFound,
    ImportRefused,
    DuplicateArticle,
    BackupError,
    ExportError,
    TemplateError,
    ShelfError,
    BookmarkError,
)


def guarded(method: F) -> F:
    """On a user-facing core error: emit `self.error_occurred(message)` and return None."""

    @functools.wraps(method)
    def wrapper(self, *args, **kwargs):
        try:
            return method(self, *args, **kwargs)
        except USER_ERRORS as exc:
            self.error_occurred.emit(str(exc.args[0]) if exc.args else str(exc))
            return None

    return wrapper  # type: ignore[return-value]
