"""Full-text search with Whoosh, behind one small interface. Whoosh is imported only by
the modules of this package that read or write the index (`index` and what it uses:
`analysis`, `formats`, `layout`, `pool`, `query`, `terms_writer`, `termwise`,
`safe_pickle`), and only when the index is first used: importing this package, or
`service`, costs nothing (a command that does not search never loads it).

Whoosh is the `whoosh3` distribution pinned to 3.54.0: the term-at-a-time reading
(`termwise`), the raw terms reading (`query`) and the writing (`pool`, `terms_writer`)
use its codec's internals, and tests compare each with Whoosh's own reading or writing.
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
