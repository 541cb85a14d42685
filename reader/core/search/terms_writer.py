"""How a segment's postings are written: a term's postings a block at a time.

Whoosh's field writer takes the sorted postings one by one: for each it looks up the
document's field length in the new segment's columns, checks its types and appends it
to the block being filled (~40% of a full build's time). The postings of one term come
together, so here they are taken a term at a time: the lengths of a field are read once
for every document of the segment, and each block is filled with a few list operations.
The blocks, their statistics and the terms' entries are exactly those Whoosh writes
(tests/core/test_search_pool.py compares the files).
"""

from __future__ import annotations

from collections.abc import Iterable
from itertools import groupby
from operator import itemgetter
from typing import Any

import whoosh.codec.whoosh3
from whoosh.codec.base import OutOfOrderError

_ORIGINAL = whoosh.codec.whoosh3.W3FieldWriter.add_postings
_TERM = itemgetter(0, 1)


def add_postings(self: Any, schema: Any, lengths: Any, items: Iterable[tuple]) -> None:
    """W3FieldWriter.add_postings, a term at a time (same arguments, same files)."""
    lastfn: str | None = None
    lasttext: bytes | None = None
    lens: list | None = None
    grouped = getattr(items, "groups", None)  # (a GroupingPool's: a term at a time)
    for fieldname, btext, group in grouped() if grouped else _terms_of(items):
        if fieldname != lastfn:
            if lastfn is not None:
                if fieldname < lastfn:
                    raise OutOfOrderError(f"Field {lastfn!r} .. {fieldname!r}")
                self.finish_field()
            self.start_field(fieldname, schema[fieldname])
            lastfn, lasttext = fieldname, None
            lens = _field_lengths(lengths, fieldname)
        elif lasttext is not None and btext < lasttext:
            raise OutOfOrderError(f"Term {fieldname}:{lasttext!r} .. {fieldname}:{btext!r}")
        postings = [p for p in group if p[0] != -1]  # (-1: Whoosh's spelling entries)
        if not postings:
            continue
        self.start_term(btext)
        _add_term(self._postwriter, postings, lens)
        self.finish_term()
        lasttext = btext
    if lastfn is not None:
        self.finish_field()


def _terms_of(items: Iterable[tuple]) -> Iterable[tuple[str, bytes, list[tuple]]]:
    """Whoosh's postings tuples as (field, term, [(document, weight, value), ...])."""
    for (fieldname, btext), group in groupby(items, key=_TERM):
        yield fieldname, btext, [(p[2], p[3], p[4]) for p in group]


def _field_lengths(lengths: Any, fieldname: str) -> list | None:
    """Each document's length in the field, by document number (None: no lengths, as
    when Whoosh's writer is given none)."""
    if not lengths:
        return None
    get = lengths.doc_field_length_reader(fieldname)
    return [get(docnum) for docnum in range(lengths.doc_count_all())]


def _add_term(writer: Any, postings: list[tuple], lens: list | None) -> None:
    """The postings appended to the writer's blocks, each block written when full and
    another posting follows (as W3PostingsWriter.add_posting does one at a time)."""
    limit = writer._blocklimit
    done, total = 0, len(postings)
    while done < total:
        if len(writer._ids) >= limit:
            writer._write_block()
        room = limit - len(writer._ids)
        chunk = postings[done : done + room]
        done += len(chunk)
        docs = [p[0] for p in chunk]
        weights = [p[1] for p in chunk]
        writer._ids.extend(docs)
        writer._weights.extend(weights)
        heaviest = max(weights)
        if heaviest > writer._maxweight:
            writer._maxweight = heaviest
        values = [p[2] for p in chunk if p[2]]
        if values:
            writer._values.extend(values)
        if lens is not None:
            known = [n for n in map(lens.__getitem__, docs) if n]
            if known:
                shortest, longest = min(known), max(known)
                if writer._minlength is None or shortest < writer._minlength:
                    writer._minlength = shortest
                if longest > writer._maxlength:
                    writer._maxlength = longest


def install() -> None:
    """Segments are written through `add_postings` (the default for every W3 writer)."""
    whoosh.codec.whoosh3.W3FieldWriter.add_postings = add_postings  # type: ignore[method-assign]


def uninstall() -> None:
    """Whoosh's own writing back (for the comparison in the tests)."""
    whoosh.codec.whoosh3.W3FieldWriter.add_postings = _ORIGINAL  # type: ignore[method-assign]
