"""Where a build keeps its postings until the segment is written: grouped by term.

Whoosh's writer keeps every posting as a (field, term, document, weight, value) tuple and
sorts them all before writing the segment: millions of tuples compared element by
element, most of a full build's writing time at 10,000 articles. The postings of one
term arrive in document order already, so `GroupingPool` keeps a list per term and sorts
only the terms. What it gives back is in exactly the order Whoosh's sort gave. When the
postings outgrow the writer's memory limit they are written out as a sorted run (in
chunks, read back by the restricted unpickler: see safe_pickle) and the runs merged at
the end, as Whoosh does, but pickled a chunk at a time, not a posting at a time.
"""

from __future__ import annotations

import heapq
import pickle
from collections.abc import Iterable, Iterator
from itertools import groupby
from operator import itemgetter
from typing import Any

import whoosh.writing
from whoosh.writing import PostingPool

from reader.core.search import safe_pickle

Posting = tuple[str, bytes, int, float, Any]
Group = tuple[str, bytes, list[tuple[int, float, Any]]]  # a term's postings, in doc order
GROUP_BYTES = 150  # a new term's share of the memory limit (its key and list)
RUN_CHUNK = 4096  # postings pickled together in a run
POSTING_BYTES = 150  # a posting's (a tuple of a number, a float and a value)
_TERM = itemgetter(0, 1)


class Postings:
    """A pool's postings in order: Whoosh's (field, term, document, weight, value) tuples
    one by one, or a term at a time (`groups`, what terms_writer reads)."""

    def __init__(self, groups: Iterator[Group]) -> None:
        self._groups = groups

    def groups(self) -> Iterator[Group]:
        return self._groups

    def __iter__(self) -> Iterator[Posting]:
        for fieldname, btext, postings in self._groups:
            for docnum, weight, value in postings:
                yield fieldname, btext, docnum, weight, value


class GroupingPool(PostingPool):
    def __init__(self, tempstore: Any, segment: Any, limitmb: int = 128, **kwargs: Any) -> None:
        super().__init__(tempstore, segment, limitmb=limitmb, **kwargs)
        self._terms: dict[str, dict[bytes, list[tuple[int, float, Any]]]] = {}

    def add(self, item: Posting) -> None:
        fieldname, btext, docnum, weight, value = item
        terms = self._terms.get(fieldname)
        if terms is None:
            terms = self._terms[fieldname] = {}
            self.fieldnames.add(fieldname)
        group = terms.get(btext)
        if group is None:
            group = terms[btext] = []
            self.currentsize += GROUP_BYTES + len(btext)
        group.append((docnum, weight, value))
        self.currentsize += POSTING_BYTES + (len(value) if value else 0)
        if self.currentsize > self.limit:
            self.save()

    def _in_order(self) -> Iterator[Group]:
        fields, self._terms = self._terms, {}
        for fieldname in sorted(fields):
            terms = fields.pop(fieldname)
            for btext in sorted(terms):
                group = terms.pop(btext)
                group.sort()  # (in document order already, unless segments were merged in)
                yield fieldname, btext, group

    def save(self) -> None:
        if self._terms:
            path, f = self._new_run()
            self._write_run(f, self._in_order())
            self._add_run(path)
        self.currentsize = 0

    def _write_run(self, f: Any, groups: Iterable[Group]) -> None:
        """A run written in chunks (lists) of a term's postings each, with the highest
        protocol. Whoosh pickled each posting on its own, with protocol 2, and read each
        back with an unpickler of its own: a build that spilled runs took twice as long."""
        chunk: list[Group] = []
        size = 0
        for group in groups:
            chunk.append(group)
            size += len(group[2])
            if size >= RUN_CHUNK:
                pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
                chunk, size = [], 0
        if chunk:
            pickle.dump(chunk, f, pickle.HIGHEST_PROTOCOL)
        f.close()

    def _read_run(self, path: str) -> Iterator[Group]:
        """A run's terms in order, read by the restricted unpickler (the run is in the
        index folder), and its file removed once read."""
        f = self._open_run(path)
        try:
            while True:
                try:
                    chunk = safe_pickle.load(f)
                except EOFError:
                    return
                yield from chunk
        finally:
            f.close()
            self._remove_run(path)

    def _merge_runs(self, paths: Iterable[str]) -> Iterator[Group]:
        """The runs' terms in order, a term's postings from every run put together (a
        heap of terms, not of postings: Whoosh's merge stepped each posting through it)."""
        merged = heapq.merge(*(self._read_run(path) for path in paths), key=_TERM)
        for (fieldname, btext), same in groupby(merged, key=_TERM):
            parts = [postings for _, _, postings in same]
            if len(parts) == 1:
                yield fieldname, btext, parts[0]
            else:
                joined = [p for part in parts for p in part]
                joined.sort()  # (each part in document order: merged in linear time)
                yield fieldname, btext, joined

    def items(self, maxfiles: int = 128) -> Postings:  # type: ignore[override]
        if not self.runs:
            return Postings(self._in_order())
        self.save()
        if maxfiles < len(self.runs):
            self.reduce_to(maxfiles, maxfiles)
        runs, self.runs = self.runs, []
        return Postings(self._merge_runs(runs))


def install() -> None:
    """Every Whoosh writer keeps its postings in a GroupingPool."""
    whoosh.writing.PostingPool = GroupingPool  # type: ignore[misc]


_WHOOSHS: list = []  # Whoosh's own reader of a worker's run, once replaced


def install_multiproc() -> None:
    """Whoosh's multi-process writer (when it merges its workers' postings into one
    segment) reads their runs itself, posting by posting: it is given them so, from the
    runs of terms its workers' GroupingPools wrote."""
    import whoosh.multiproc

    writer = whoosh.multiproc.MpWriter
    if not _WHOOSHS:
        _WHOOSHS.append(writer._read_and_renumber_run)
    original = _WHOOSHS[0]

    def read_and_renumber_run(self: Any, path: str, offset: int) -> Iterator[Posting]:
        if not isinstance(self.pool, GroupingPool):  # (Whoosh's own pool: its own runs)
            yield from original(self, path, offset)
            return
        for fieldname, btext, postings in self.pool._read_run(path):
            for docnum, weight, value in postings:
                yield fieldname, btext, docnum + offset, weight, value

    writer._read_and_renumber_run = read_and_renumber_run  # type: ignore[method-assign]
