"""Safe query parsing: bounded length, expansion and fuzziness; never an exception."""

from __future__ import annotations

import bisect
import re
import struct
import unicodedata
from collections import OrderedDict
from typing import NamedTuple

from whoosh import query as wq
from whoosh.fields import ID, KEYWORD
from whoosh.qparser import (
    FieldAliasPlugin,
    FuzzyTermPlugin,
    MultifieldParser,
    OrGroup,
    PlusMinusPlugin,
)

MAX_QUERY = 500
MAX_TOKEN = 64
MIN_PREFIX = 3
MAX_EXPANSION = 16
MAX_TYPED = 32  # a word being typed longer than this is taken as it is
# what the longer forms of the word being typed weigh beside the word itself: at full
# weight, and with the word's own stem counted again, "returning clause" as typed
# ranked pages dense in "clauses" above the page on RETURNING (scripts/bench/relevance.py)
PREFIX_WEIGHT = 0.25
MAX_TYPED_EXPANSION = 4  # the word being typed: its few most frequent longer forms
DEFAULT_FIELDS = ["title", "body", "authors", "publication", "notes"]
BOOSTS = {"title": 3.0, "authors": 1.5, "publication": 1.2, "notes": 1.0, "body": 1.0}
ALIASES = {
    "authors": ["author", "by"],
    "tags": ["tag"],
    "notes": ["note"],
    "colors": ["color", "colour"],
    "publication": ["pub", "site"],
}
# what a field alone ("title:") is told to look like
FIELD_EXAMPLES = {
    "title": "title:luma",
    "author": "author:song",
    "by": "by:song",
    "authors": "authors:song",
    "publication": "publication:emergence",
    "pub": "pub:emergence",
    "site": "site:emergence",
    "tag": "tag:unified-multimodal",
    "tags": "tags:unified-multimodal",
    "note": "note:convergence",
    "notes": "notes:convergence",
    "color": "color:yellow",
    "colour": "colour:yellow",
    "colors": "colors:yellow",
    "saved": "saved:2026-11",
}
_SAVED = re.compile(
    r"\bsaved:(\[[\d-]+\s+TO\s+[\d-]+\]|\d{4}(?:-\d{2}){0,2})(?![\d-])", re.IGNORECASE
)
_WILD_TOKEN = re.compile(r"\S*[*?]\S*")
_VALID_PREFIX = re.compile(r"^(?:\w+:)?[^\W\d_][\w'’.-]*\*$")


class QueryProblem(ValueError):
    """A query that cannot run; the message is for the user."""


class BoundedPrefix(wq.Prefix):
    """prefix* expanded to its most frequent terms only (bounded work per query).

    A field whose words as written are kept beside the stems (SURFACE) is
    expanded over those words, then each word is taken to the stem the index holds:
    "monetiz*" finds "monetization" (stem "monet"), which the stems alone never begin
    with. A field of whole values (the day saved, tags, colours) is not bounded: its
    values are few and short, and `saved:2026` must find every day of the year."""

    def _btexts(self, ixreader):
        surface = SURFACE.get(self.fieldname)
        schema = ixreader.schema
        if surface and schema is not None and surface in schema.names():
            expansions = _stems_of(ixreader, self.fieldname, surface, self.text)
        else:
            expansions = beginning_with(ixreader, self.fieldname, self.text)
        if schema is not None and isinstance(schema[self.fieldname], (ID, KEYWORD)):
            return expansions
        return most_frequent(ixreader, self.fieldname, expansions, MAX_EXPANSION)


SURFACE = {"body": "words"}  # a field's words as written, in a field of their own
MAX_SURFACE = 400  # surface words looked at for one prefix (the most of them are rare)


def _stems_of(ixreader, fieldname: str, spelling: str, prefix: str) -> list[str]:
    """The field's terms for the words as written that begin with `prefix`."""
    from reader.core.search.analysis import analyzer

    stems: set[str] = set()
    for word in beginning_with(ixreader, spelling, prefix)[:MAX_SURFACE]:
        stems.update(token.text for token in analyzer()(word))
    ordered = sorted(stems)
    counts = doc_frequencies(ixreader, fieldname, ordered)
    return [stem for stem, count in zip(ordered, counts, strict=True) if count]


class BoundedFuzzy(wq.FuzzyTerm):
    """word~ within 1 or 2 edits, at most MAX_EXPANSION terms (the most frequent).

    The candidates are the terms that begin as the word does, from each segment's
    vocabulary read once (see `vocabulary`)."""

    def _btexts(self, ixreader):
        return most_frequent(ixreader, self.fieldname, self.near(ixreader), MAX_EXPANSION)

    def near(self, ixreader) -> list[str]:
        """The field's terms within the distance, beginning as the word begins."""
        text, maxdist = self.text, self.maxdist
        prefix = text[: self.prefixlength]
        close = _one_apart if maxdist == 1 else lambda a, b: within(a, b, maxdist)
        n = len(text)
        words = beginning_with(ixreader, self.fieldname, prefix, load=True)
        return [w for w in words if abs(len(w) - n) <= maxdist and close(text, w)]


# each segment's terms, sorted, with the number of documents each is in, by (segment,
# field): a segment never changes once written, so they are read once (~0.07 s for 50,000
# words; in the window, in the background when the index opens: `warm`) and bisected for
# every prefix and fuzzy word after that (Whoosh walks its terms file for each prefix,
# ~130 ms for those beginning with one letter, and looks up each term's count anew)
class Vocabulary(NamedTuple):
    words: list[str]
    counts: list[int]  # the documents each word is in (deleted ones too, as Whoosh counts)


_VOCABULARIES: OrderedDict[tuple[str, str], Vocabulary] = OrderedDict()
KEPT_WORDS = 800_000  # words kept in all (~100 bytes each: ~80 MB)
SMALL_SEGMENT = 2_000  # documents: a segment this small is read when first needed
_LAST = "\U0010ffff"


def vocabulary(segment_reader, field: str, load: bool = True) -> Vocabulary | None:
    """The segment's terms in the field, in order (None when not read yet and not
    `load`)."""
    segment = segment_reader.segment() if hasattr(segment_reader, "segment") else None
    key = (segment.segment_id(), field) if segment is not None else None
    found = _VOCABULARIES.get(key) if key else None
    if found is not None and key is not None:
        _VOCABULARIES.move_to_end(key)
    small = segment_reader.doc_count_all() <= SMALL_SEGMENT
    if found is None and (load or small or key is None):
        words, counts = [], []
        for term, count in _terms_with_counts(segment_reader, field):
            words.append(_text(term))
            counts.append(count)
        found = Vocabulary(words, counts)
        if key:
            _VOCABULARIES[key] = found
            kept = sum(len(v.words) for v in _VOCABULARIES.values())
            while kept > KEPT_WORDS and len(_VOCABULARIES) > 1:
                _, dropped = _VOCABULARIES.popitem(last=False)
                kept -= len(dropped.words)
    return found


_ENTRY = struct.Struct("!ii")  # whoosh3's terms file: a key's length, its value's length
_DOC_COUNT = struct.Struct("!I")  # in a term's info: after a flag byte and a weight
_DOC_COUNT_AT = 5


def _terms_with_counts(segment_reader, field: str):
    """The field's terms in order, each with how many documents hold it, read from the
    terms file's raw entries in one read (whoosh3's layout, pinned): Whoosh reads each
    entry with three file calls and decodes it whole, unpickling the postings of every
    term only one document holds (a vocabulary of 50,000 words took about a second)."""
    try:
        terms = segment_reader._terms
        table = terms._tindex
        start = terms._keycoder(field, b"")
        at = table.closest_key_pos(start)
        data = table.dbfile.get(at, table.endofdata - at) if at is not None else b""
    except AttributeError:  # (another codec, or a reader of several segments)
        yield from ((t, info.doc_frequency()) for t, info in segment_reader.iter_field(field))
        return
    entry, count, size, end = _ENTRY.unpack_from, _DOC_COUNT.unpack_from, len(start), len(data)
    at = 0
    while at < end:
        keylen, datalen = entry(data, at)
        key = data[at + 8 : at + 8 + keylen]
        if key[:size] != start:
            return
        yield key[size:], count(data, at + 8 + keylen + _DOC_COUNT_AT)[0]
        at += 8 + keylen + datalen


def warm(ixreader, fields: tuple[str, ...]) -> None:
    """Read the vocabularies of every segment in these fields now, and forget those of
    segments the index no longer has (merged away, or an index rebuilt)."""
    leaves = [leaf for leaf, _ in ixreader.leaf_readers()]
    live = {leaf.segment().segment_id() for leaf in leaves if hasattr(leaf, "segment")}
    for key in [k for k in list(_VOCABULARIES) if k[0] not in live]:
        _VOCABULARIES.pop(key, None)
    for leaf in leaves:
        for field in fields:
            vocabulary(leaf, field)


def _vocabularies(ixreader, field: str, load: bool) -> list[Vocabulary] | None:
    found = []
    for leaf, _ in ixreader.leaf_readers():
        known = vocabulary(leaf, field, load)
        if known is None:
            return None
        found.append(known)
    return found


def beginning_with(ixreader, field: str, prefix: str, load: bool = False) -> list[str]:
    """The field's terms that begin with `prefix`, in order: from the segments'
    vocabularies when they are read (or `load`), else by Whoosh's walk over the terms."""
    known = _vocabularies(ixreader, field, load)
    if known is None:
        return [_text(t) for t in ixreader.expand_prefix(field, prefix)]
    found: set[str] = set()
    for words, _ in known:
        first = bisect.bisect_left(words, prefix)
        found.update(words[first : bisect.bisect_left(words, prefix + _LAST, first)])
    return sorted(found)


def begins_a_word(ixreader, field: str, prefix: str) -> bool:
    """Whether some term of the field begins with `prefix` (or is it)."""
    known = _vocabularies(ixreader, field, False)
    if known is None:
        return next(iter(ixreader.expand_prefix(field, prefix)), None) is not None
    for words, _ in known:
        first = bisect.bisect_left(words, prefix)
        if first < len(words) and words[first].startswith(prefix):
            return True
    return False


def doc_frequencies(ixreader, field: str, terms: list[str]) -> list[int]:
    """How many documents each term is in (from the read vocabularies when there are)."""
    known = _vocabularies(ixreader, field, False)
    if known is None:
        return [ixreader.doc_frequency(field, t) for t in terms]
    totals = [0] * len(terms)
    for words, counts in known:
        for i, term in enumerate(terms):
            at = bisect.bisect_left(words, term)
            if at < len(words) and words[at] == term:
                totals[i] += counts[at]
    return totals


def most_frequent(ixreader, field: str, terms: list[str], limit: int) -> list[str]:
    """The `limit` terms in the most documents (all of them, in order, when few)."""
    if len(terms) <= limit:
        return terms
    counts = doc_frequencies(ixreader, field, terms)
    ranked = sorted(range(len(terms)), key=lambda i: counts[i], reverse=True)
    return [terms[i] for i in ranked[:limit]]


def _text(term) -> str:
    return term.decode() if isinstance(term, bytes) else term


def _one_apart(a: str, b: str) -> bool:
    """a and b are at most one insertion, deletion or substitution apart."""
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1 :] == b[i + 1 :]
    return a[i:] == b[i + 1 :]


def within(a: str, b: str, limit: int) -> bool:
    """Levenshtein distance of a and b is at most `limit` (banded, early exit)."""
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i] + [0] * len(b)
        best = i
        for j, cb in enumerate(b, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb))
            best = min(best, current[j])
        if best > limit:
            return False
        previous = current
    return previous[-1] <= limit


def _saved(match: re.Match) -> str:
    """saved:2026, saved:2026-03, saved:2026-03-05 and [a TO b] -> the indexed yyyymmdd form."""
    value = match.group(1)
    if value.startswith("["):
        return "saved:" + value.replace("-", "")
    digits = value.replace("-", "")
    return f"saved:{digits}" + ("*" if len(digits) < 8 else "")


def clean(text: str) -> tuple[str, list[str]]:
    """The query text made safe to parse, and notes on what was changed."""
    notes: list[str] = []
    text = text.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
    text = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cs", "Co") or c == "\ufffd" else c for c in text
    )
    if len(text) > MAX_QUERY:
        raise QueryProblem(
            f"The query is too long ({len(text)} characters; the limit is {MAX_QUERY})."
        )
    words = []
    for word in text.split():
        if len(word) > MAX_TOKEN:
            word = word[:MAX_TOKEN]
            notes.append("very long words were shortened")
        words.append(word)
    text = " ".join(words)
    if text.count('"') % 2:
        text = text[::-1].replace('"', "", 1)[::-1]
        notes.append("an unmatched quote was ignored")
    if text.count("(") != text.count(")"):
        text = text.replace("(", " ").replace(")", " ")
        notes.append("unbalanced parentheses were ignored")
    text = _SAVED.sub(_saved, text)
    text = _WILD_TOKEN.sub(lambda m: _wildcard(m.group(0), notes), text)
    for field in re.findall(r"\b(\w+):(?=\s|$)", text):  # a field with nothing after it
        if (example := FIELD_EXAMPLES.get(field.lower())) is not None:
            notes.append(f"add a word after {field}: (as in {example})")
    text = re.sub(r"\b(\w+):(?=\s|$)", " ", text)
    text = _HYPHENATED_KEYWORD.sub(r'\1:"\2"', text)  # tag:ai-video is one tag, not a NOT
    return _phrased(text).strip(), notes


# a hyphenated word is its words side by side, as the index reads it ("video-reasoning",
# "text-to-video", "C-end"), not a word and a NOT
_HYPHENATED_WORD = re.compile(
    r"(?<![\w'’*?-])((?:\w+:)?)([^\W_][\w'’]*(?:-[^\W_][\w'’]*)+)(?![\w*?-])"
)


def _phrased(text: str) -> str:
    """Hyphenated words outside quotes made quoted phrases."""
    parts = text.split('"')
    for i in range(0, len(parts), 2):  # (the parts outside quotes; quotes are balanced)
        parts[i] = _HYPHENATED_WORD.sub(
            lambda m: f'{m.group(1)}"{m.group(2).replace("-", " ")}"', parts[i]
        )
    return '"'.join(parts)


# a tag, colour or state is one keyword even with hyphens in it (tags are made so)
_HYPHENATED_KEYWORD = re.compile(
    r"(?<![\w:])((?:tags?|colou?rs?|state)):([^\s\"()*?:]+-[^\s\"()*?:]*)(?=\s|\)|$)", re.I
)


_LAST_WORD = re.compile(r"(?:(?<=\s)|^)((?:\w+:)?)([^\W\d_][\w'’-]*)$")


def as_typed(text: str) -> str:
    """The query with the word being typed as a prefix as well ("multimo" finds
    "multimodal"), the whole word first ("model" ranks "model" above "modelling"). Left
    alone after a space, inside an open quote, or for words shorter than a prefix."""
    if not text or text[-1].isspace() or text.count('"') % 2:
        return text
    found = _LAST_WORD.search(text)
    if found is None or not MIN_PREFIX <= len(found.group(2)) <= MAX_TYPED:
        return text
    field, word = found.group(1), found.group(2)
    if "-" in word:  # (a hyphenated word is a phrase: see _phrased)
        return text
    return f"{text[: found.start()]}{field}( {word} OR {word}* )"


def typed_word(text: str) -> str:
    """The word being typed that as_typed made a prefix ("" when it made none)."""
    if as_typed(text) == text:
        return ""
    found = _LAST_WORD.search(text)
    return found.group(2) if found else ""


class TypedPrefix(BoundedPrefix):
    """The word being typed as a prefix: only its longer forms, at PREFIX_WEIGHT. Its own
    stem is left out: the whole word already matches it, and counted twice it made pages
    dense in that word ("clause", "clauses") outrank the one asked for."""

    def _btexts(self, ixreader):
        from reader.core.search.analysis import analyzer

        own = {t.text for t in analyzer()(self.text)}
        longer = [t for t in super()._btexts(ixreader) if t not in own]
        # (each is a posting list read as you type)
        return most_frequent(ixreader, self.fieldname, longer, MAX_TYPED_EXPANSION)


def weigh_typed(q: wq.Query, word: str) -> wq.Query:
    """The typed word's prefix made a TypedPrefix (an explicit prefix* keeps its own)."""

    from reader.core.search.analysis import analyzer

    forms = {word.lower()} | {t.text for t in analyzer()(word)}  # (the parser may stem it)

    def lighter(node):
        if isinstance(node, BoundedPrefix) and node.text in forms:
            return TypedPrefix(node.fieldname, node.text, boost=node.boost * PREFIX_WEIGHT)
        return node

    return q.accept(lighter) if word else q


def phrases_in(query: str) -> list[str]:
    """The quoted phrases of a query ("video reasoning" -> video reasoning), hyphenated
    words among them (video-reasoning -> video reasoning)."""
    return [p for p in re.findall(r'"([^"]+)"', _phrased(query)) if p.strip()]


def _wildcard(token: str, notes: list[str]) -> str:
    if _VALID_PREFIX.match(token) and len(token.split(":")[-1].rstrip("*")) >= MIN_PREFIX:
        return token
    if token.startswith("saved:") and token.endswith("*"):
        return token
    bare = token.replace("*", "").replace("?", "")
    if token.rstrip("*") and "*" in token and len(bare.split(":")[-1]) < MIN_PREFIX:
        raise QueryProblem(
            f"“{token}”: a prefix search needs at least {MIN_PREFIX} letters before the *."
        )
    notes.append("* and ? work only at the end of a word (prefix*)")
    return bare


def parser(schema):
    qp = MultifieldParser(DEFAULT_FIELDS, schema, fieldboosts=BOOSTS)
    qp.add_plugin(FuzzyTermPlugin())
    qp.add_plugin(PlusMinusPlugin())
    qp.add_plugin(FieldAliasPlugin(ALIASES))
    return qp


def bound(q: wq.Query) -> wq.Query:
    """Swap in bounded prefix and fuzzy queries."""

    def fix(node):
        if isinstance(node, wq.Prefix) and not isinstance(node, BoundedPrefix):
            return BoundedPrefix(node.fieldname, node.text, boost=node.boost)
        if isinstance(node, wq.FuzzyTerm) and not isinstance(node, BoundedFuzzy):
            text = node.text
            if len(text) < 3:
                return wq.Term(node.fieldname, text, boost=node.boost)
            maxdist = min(node.maxdist, 1 if len(text) < 5 else 2)
            return BoundedFuzzy(
                node.fieldname,
                text,
                boost=node.boost,
                maxdist=maxdist,
                prefixlength=max(1, maxdist),
            )
        return node

    return q.accept(fix)


_ONLY_WITHOUT = re.compile(r"^-[^\s-][^\s]*(?:\s+-[^\s-][^\s]*)*$")  # only "-word" terms


def parse(schema, text: str) -> tuple[wq.Query | None, list[str]]:
    cleaned, notes = clean(text)
    if not cleaned:
        return None, notes
    if _ONLY_WITHOUT.match(cleaned):  # "-sora" alone: every article without it, as NOT does
        cleaned = re.sub(r"(^|\s)-(?=\S)", r"\1NOT ", cleaned)
    try:
        q = parser(schema).parse(cleaned)
    except Exception as exc:  # the classic parser raises many kinds; say it plainly
        raise QueryProblem(f"Could not understand the query ({type(exc).__name__}).") from exc
    if q is None or q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
        return None, notes
    return bound(q), notes


__all__ = ["OrGroup", "QueryProblem", "clean", "parse"]
