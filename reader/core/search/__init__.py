"""Full-text search with Whoosh, behind one small interface. Whoosh is imported only in
`index` (and `safe_pickle`), and only when the index is first used: importing this
package, or `service`, costs nothing (a command that does not search never loads it).

Classic Whoosh API only (works on `whoosh3` and on `whoosh-reloaded`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
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


def __getattr__(name: str) -> Any:
    if name in __all__:
        from reader.core.search import index

        return getattr(index, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
