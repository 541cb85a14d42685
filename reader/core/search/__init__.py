"""Full-text search with Whoosh, behind one small interface. Whoosh is imported only here.

Classic Whoosh API only (works on `whoosh3` and on `whoosh-reloaded`).
"""

from reader.core.search.index import (
    INDEX_VERSION,
    IndexBusyError,
    SearchDocument,
    SearchHit,
    SearchIndex,
    SearchResult,
)

__all__ = [
    "INDEX_VERSION",
    "IndexBusyError",
    "SearchDocument",
    "SearchHit",
    "SearchIndex",
    "SearchResult",
]
