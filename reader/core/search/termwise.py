"""Term-at-a-time evaluation: the queries people type, scored a term's postings at a time.

Whoosh evaluates a query a document at a time: a tree of matchers steps through every
match, several Python calls per document and term (at 10,000 articles a plain word took
~40 ms, a three-letter prefix ~500 ms, almost all of it stepping and scoring). Here each
term's postings are read whole, a block at a time, scored in one loop with the BM25F
Whoosh uses (its idf, average field length, per-document lengths and boosts), and summed
per document; the count of matches comes from the same dictionaries. The answer is a
Whoosh `Results`, so snippets and matched terms are made as before, and the hits, their
order and their scores are Whoosh's own (tests/core/test_termwise.py compares them).

A query with a part this does not know (a range, a Not on its own, a phrase with slop)
gives None, and Whoosh runs it.
"""

from __future__ import annotations

import heapq
import io
from collections import OrderedDict
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield
from whoosh.formats import Positions
from whoosh.reading import TermNotFound
from whoosh.scoring import BM25F
from whoosh.searching import Results
from whoosh.system import _INT_SIZE
from whoosh.util.numeric import byte_to_length

from reader.core.search import safe_pickle
from reader.core.search.formats import PackedCharacters, unpacked

_LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]
# the postings kept for the searcher's life (typing repeats the same words): at most this
# many terms, and this many postings in all (~400-500 bytes each in the body, with their
# positions: ~60 MB)
CACHED_TERMS = 512
CACHED_POSTINGS = 150_000

Scores = dict[int, float]  # document number (in the whole index) -> score


class Unsupported(Exception):
    """A part of the query this evaluator does not know; Whoosh runs it."""


class Termwise:
    """Evaluates queries over one Whoosh searcher (make a new one when it is renewed)."""

    def __init__(self, searcher: Any) -> None:
        weighting = searcher.weighting
        if type(weighting) is not BM25F:
            raise Unsupported("not BM25F")
        self.searcher = searcher
        self.schema = searcher.schema
        self._weighting = weighting
        self._segments = [(s.reader(), offset) for s, offset in searcher.leaf_searchers()]
        self._lengths: dict[tuple[int, str], bytes] = {}
        self._norms: dict[str, list[float]] = {}
        self._terms: OrderedDict[tuple, tuple[Scores, dict[int, bytes] | None]] = OrderedDict()
        self._kept = 0  # postings in self._terms
        self._expansions: OrderedDict[tuple, list] = OrderedDict()
        # the terms that count as matched, each with the documents where it does (in
        # every one of the sets)
        self._matched: list[tuple[str, bytes, tuple[Any, ...]]] = []

    # -- the answer --
    def top(self, q: Any, limit: int) -> Results | None:
        """The best `limit` hits as Whoosh's Results, or None when Whoosh must run it."""
        self._matched = []
        try:
            scores = self._eval(q, 1.0, True)
        except Unsupported:
            return None
        best = _best(scores, limit)
        results = Results(self.searcher, q, [(score, docnum) for docnum, score in best])
        results._total = len(scores)  # type: ignore[assignment]  # (None until counted)
        docterms: dict[int, list[tuple[str, bytes]]] = {docnum: [] for docnum, _ in best}
        termdocs: dict[tuple[str, bytes], set[int]] = {}
        for field, btext, docs in self._matched:
            for docnum, terms in docterms.items():
                if all(docnum in d for d in docs) and (field, btext) not in terms:
                    terms.append((field, btext))
                    termdocs.setdefault((field, btext), set()).add(docnum)
        results.docterms = docterms
        results.termdocs = termdocs
        self._chars(results, termdocs)
        return results

    def _chars(self, results: Results, termdocs: dict[tuple[str, bytes], set[int]]) -> None:
        """Where each matched word stands in the hits, from the postings already read (what
        Whoosh's highlighter would read again, a term and a hit at a time)."""
        for field, btext in termdocs:
            fieldtype = self.schema[field]
            if not fieldtype.format.supports("characters"):
                continue
            _, values = self._postings(field, btext, True)
            cache = results._char_cache.setdefault(
                field, {docnum: {} for _, docnum in results.top_n}
            )
            decode = fieldtype.format.decode_characters
            word = fieldtype.from_bytes(btext)
            for docnum in termdocs[(field, btext)]:
                cache[docnum][word] = decode(values[docnum]) if values else []

    # -- the query tree --
    def _eval(self, q: Any, boost: float, counted: bool) -> Scores:
        """Scores of the documents `q` matches; `counted`: its terms are matched terms
        (not those of a part that only excludes or requires)."""
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text, boost * q.boost, counted)
        if isinstance(q, wq.MultiTerm):  # prefix, fuzzy word: its expansions summed
            field, weight = q.field(), boost * getattr(q, "boost", 1.0)
            if field is None:
                raise Unsupported("a pattern over no field")
            return _summed([self._term(field, text, weight, counted) for text in self._expand(q)])
        if isinstance(q, wq.Phrase):
            return self._phrase(q, boost * q.boost, counted)
        if type(q) is wq.Or and not q.minmatch and not q.scale:
            return _summed([self._eval(s, boost * q.boost, counted) for s in q.subqueries])
        if type(q) is wq.And:
            wanted = [s for s in q.subqueries if type(s) is not wq.Not]
            if not wanted:
                raise Unsupported("only Not")
            mark = len(self._matched)
            found = _both([self._eval(s, boost * q.boost, counted) for s in wanted])
            self._within(mark, found)
            for s in q.subqueries:  # (Whoosh scores a Not as 1 where it holds)
                if type(s) is wq.Not and found:
                    dropped = self._eval(s.query, 1.0, False)
                    one = boost * q.boost
                    found = {d: v + one for d, v in found.items() if d not in dropped}
            return found
        if type(q) is wq.AndNot:
            kept = self._eval(q.a, boost, counted)
            dropped = self._eval(q.b, 1.0, False)
            return {d: s for d, s in kept.items() if d not in dropped}
        if type(q) is wq.AndMaybe:
            required = self._eval(q.a, boost, counted)
            optional = self._eval(q.b, boost, counted)
            return {d: s + optional.get(d, 0.0) for d, s in required.items()}
        if type(q) is wq.Require:
            mark = len(self._matched)
            scored = self._eval(q.a, boost, counted)
            needed = self._eval(q.b, 1.0, counted)
            found = {d: s for d, s in scored.items() if d in needed}
            self._within(mark, found)
            return found
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return {}
        raise Unsupported(type(q).__name__)

    def _within(self, mark: int, found: Scores) -> None:
        """The terms matched inside an And count only where the whole And matched."""
        self._matched[mark:] = [
            (field, btext, (*docs, found)) for field, btext, docs in self._matched[mark:]
        ]

    def _expand(self, q: Any) -> list:
        key = (type(q), repr(q.with_boost(1.0)))
        found = self._expansions.get(key)
        if found is None:
            found = [t for t in q._btexts(self.searcher.reader()) if t]
            _remember(self._expansions, key, found)
        return found

    # -- one term --
    def _term(self, field: str, text: Any, boost: float, counted: bool) -> Scores:
        if field not in self.schema:
            return {}
        try:
            btext = self.schema[field].to_bytes(text)
        except ValueError:
            return {}
        base, _ = self._postings(field, btext, False)
        if counted:
            self._matched.append((field, btext, (base,)))
        if boost == 1.0:
            return base
        return {d: s * boost for d, s in base.items()}

    def _postings(
        self, field: str, btext: bytes, values: bool
    ) -> tuple[Scores, dict[int, bytes] | None]:
        """A term's scores at boost 1 in every document it is in (and, with `values`,
        its postings' values: the positions)."""
        key = (field, btext)
        cached = self._terms.get(key)
        if cached is not None and (cached[1] is not None or not values):
            self._terms.move_to_end(key)
            return cached
        fieldtype = self.schema[field]
        values = values or fieldtype.format.supports("characters")  # (for the snippets)
        scores: Scores = {}
        found: dict[int, bytes] | None = {} if values else None
        scorable = fieldtype.scorable
        if scorable:
            idf = self.searcher.idf(field, btext)
            factor = idf * (self._weighting.K1 + 1)
            norms = self._norm(field)
        for reader, offset in self._segments:
            try:
                ids, weights, vals = _read(reader, field, btext, fieldtype.format, values)
            except TermNotFound:
                continue
            deleted = reader.deleted_docs_set
            if scorable:
                lengths = self._lengths_of(reader, field)
                pairs = zip(ids, weights, strict=True)
                part = [factor * w / (w + norms[lengths[d]]) for d, w in pairs]
            else:
                part = [float(w) for w in weights]
            if offset:
                ids = [d + offset for d in ids]
            if deleted:
                dead = {d + offset for d in deleted}
                keep = [i for i, d in enumerate(ids) if d not in dead]
                ids = [ids[i] for i in keep]
                part = [part[i] for i in keep]
                if vals is not None:
                    vals = [vals[i] for i in keep]
            scores.update(zip(ids, part, strict=True))
            if found is not None and vals is not None:
                found.update(zip(ids, vals, strict=True))
        answer = (scores, found)
        if cached is not None:
            self._kept -= len(cached[0])
        self._terms[key] = answer
        self._terms.move_to_end(key)
        self._kept += len(scores)
        while len(self._terms) > 1 and (
            len(self._terms) > CACHED_TERMS or self._kept > CACHED_POSTINGS
        ):
            _, (dropped, _) = self._terms.popitem(last=False)
            self._kept -= len(dropped)
        return answer

    def _norm(self, field: str) -> list[float]:
        """K1 * ((1 - B) + B * length / average) for each length byte."""
        norms = self._norms.get(field)
        if norms is None:
            w = self._weighting
            b = w._field_B.get(field, w.B)
            average = self.searcher.avg_field_length(field) or 1
            norms = [w.K1 * ((1 - b) + b * n / average) for n in _LENGTH_OF_BYTE]
            self._norms[field] = norms
        return norms

    def _lengths_of(self, reader: Any, field: str) -> bytes:
        """Each document's length byte in the field, read at once (Whoosh reads one byte
        per document scored, a file read each)."""
        key = (id(reader), field)
        lengths = self._lengths.get(key)
        if lengths is None:
            column = reader._perdoc._cached_reader(_lenfield(field), LENGTHS_COLUMN)
            count = reader.doc_count_all()
            if column is None:
                lengths = bytes([1]) * count
            else:
                lengths = column._dbfile.get(column._basepos, column._count)
                lengths += bytes([1]) * max(0, count - len(lengths))
            self._lengths[key] = lengths
        return lengths

    # -- phrases --
    def _phrase(self, q: Any, boost: float, counted: bool) -> Scores:
        """Documents with the words next to each other, in order; scored as Whoosh scores
        a phrase (the sum of its words' scores)."""
        field = q.fieldname
        if q.slop != 1 or field not in self.schema:
            raise Unsupported("phrase with slop")
        fieldtype = self.schema[field]
        if not fieldtype.format or not fieldtype.format.supports("positions"):
            raise Unsupported("phrase over a field without positions")
        try:
            words = [fieldtype.to_bytes(w) for w in q.words]
        except ValueError:
            return {}
        if not words or any(not self._exists(field, w) for w in words):
            return {}
        postings = [self._postings(field, w, True) for w in words]
        alive = list(set.intersection(*(set(scores) for scores, _ in postings)))
        # the rarest word first: the fewest documents left to read the next word's
        # positions in, and the fewest places to carry. Places are counted as the rarest
        # word's positions (`anchor`), so word i at position p stands at p + anchor - i;
        # the sets are made and met in C (map over int.__add__), not a loop per position
        order = sorted(range(len(words)), key=lambda i: len(postings[i][0]))
        anchor = order[0]
        places: dict[int, set[int]] = {}
        for i in order:
            values = postings[i][1] or {}
            found = _positions(fieldtype.format, [values[d] for d in alive])
            shift = anchor - i
            left = []
            for docnum, positions in zip(alive, found, strict=True):
                shifted = map(shift.__add__, positions) if shift else positions
                here = places[docnum].intersection(shifted) if i != anchor else set(shifted)
                if here:
                    places[docnum] = here
                    left.append(docnum)
            alive = left
        kept: Scores = {d: boost * sum(scores[d] for scores, _ in postings) for d in alive}
        if counted:
            for w in words:
                self._matched.append((field, w, (kept,)))
        return kept

    def _exists(self, field: str, btext: bytes) -> bool:
        return any((field, btext) in reader for reader, _ in self._segments)


def _positions(fmt: Any, values: list[bytes]) -> list:
    """Each value's positions. The body's are packed integers; the other fields' are
    Whoosh's Positions values, a count, then a pickle of deltas (the trailing stop left
    off): decoded one by one each needs an unpickler of its own, so they are read here as
    one stream by one unpickler."""
    if type(fmt) is PackedCharacters:  # (position, start, end) each, packed
        return [unpacked(v)[0::3] for v in values]
    if type(fmt) is not Positions:
        return [fmt.decode_positions(v) for v in values]
    stream = b"".join(v[_INT_SIZE:] if v.endswith(b".") else v[_INT_SIZE:] + b"." for v in values)
    unpickler = safe_pickle.IndexUnpickler(io.BytesIO(stream))
    return [list(accumulate(unpickler.load())) for _ in values]


def _read(reader: Any, field: str, btext: bytes, fmt: Any, values: bool):
    """A term's postings in one segment: document numbers, weights (and values), read a
    block at a time (whoosh3's leaf matcher, pinned with the dependency)."""
    m = reader._terms.matcher(field, btext, fmt, scorer=None)
    ids: list[int] = []
    weights: list[float] = []
    vals: list[bytes] | None = [] if values else None
    while True:
        m._read_data()  # (ids are stored as deltas: summed here in C, not a generator)
        ids.extend(m._data[0] if m._byteids else accumulate(m._data[0]))
        m._read_weights()
        weights.extend(m._weights)
        if vals is not None:
            m._read_values()
            vals.extend(m._values)
        if m._lastblock:
            break
        m._goto(m._nextoffset)
    return ids, weights, vals


def _best(scores: Scores, limit: int) -> list[tuple[int, float]]:
    """The `limit` highest scores, ties in document order (Whoosh's order): the cut-off
    score found among the bare floats in C; those above it sorted, and the first
    documents of those exactly at it (many tie when a query matches only a tag)."""
    if limit <= 0 or not scores:
        return []
    if len(scores) > limit:
        cut = heapq.nlargest(limit, scores.values())[-1]
        above = [(d, s) for d, s in scores.items() if s > cut]
        above.sort(key=lambda kv: (-kv[1], kv[0]))
        tied = heapq.nsmallest(limit - len(above), (d for d, s in scores.items() if s == cut))
        if len(above) + len(tied) == limit:  # (else a NaN, never from BM25: the full sort)
            return above + [(d, cut) for d in tied]
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def _summed(parts: list[Scores]) -> Scores:
    """Per document, the sum of the parts' scores (Whoosh's Or)."""
    parts = sorted((p for p in parts if p), key=len, reverse=True)
    if not parts:
        return {}
    total = dict(parts[0])
    for part in parts[1:]:
        get = total.get
        for d, s in part.items():
            total[d] = get(d, 0.0) + s
    return total


def _both(parts: list[Scores]) -> Scores:
    """Documents in every part, with the sum of their scores (Whoosh's And)."""
    if not parts or not all(parts):
        return {}
    parts = sorted(parts, key=len)
    common = set(parts[0])
    for part in parts[1:]:
        common.intersection_update(part.keys())
    return {d: sum(p[d] for p in parts) for d in common}


def _remember(cache: OrderedDict, key: Any, value: Any) -> None:
    cache[key] = value
    cache.move_to_end(key)
    while len(cache) > CACHED_TERMS:
        cache.popitem(last=False)
