"""Anchoring highlights and predictions in an article's canonical plain text.

W3C Web Annotation selectors, resolved the way the Hypothesis client does:

1. the stored position, if the quote is still there (and its context with it);
2. exact occurrences of the quote (a run of whitespace in the quote may match any run
   of whitespace in the text), the best by prefix/suffix agreement, then nearest the
   old position;
3. a bounded fuzzy match (edit distance at most min(256, len // 4)), searched near the
   old position first and then in the whole text, scored like Hypothesis (quote 50,
   prefix 20, suffix 20, position 2). Below `THRESHOLD` it is not trusted: `anchor`
   returns None and the caller lists the annotation as unanchored (never drops it);
   `best_candidate` still returns it so the list can show where it might be.

Offsets are Python string (code point) offsets into `Article.plain_text`.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import Any

from reader.core.annotations.anchoring_fuzzy import (
    Match,
    agreement,
    cheap_agreement,
    match_score,
    search,
)
from reader.core.models import Anchor, TextPositionSelector, TextQuoteSelector

CONTEXT = 32
THRESHOLD = 0.75
EXACT_WINDOW = 4096  # look for the quote this far around the old position first
FUZZY_PADS = (64, 1024)  # then fuzzy windows this much wider than the quote each side
MAX_SCORED = 64  # exact occurrences scored in full; more are pre-ranked cheaply

_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
_RUNS = re.compile(" {2,}")
_WS_TABLE = str.maketrans(
    dict.fromkeys(_WHITESPACE + "".join(map(chr, range(0x2000, 0x200B))), " ")
)


class _Text:
    """The text being anchored into, with a whitespace-collapsed copy made on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._collapsed: str | None = None
        self._runs: list[int] = []  # collapsed offsets of spaces that stand for longer runs
        self._extra: list[int] = []  # characters dropped up to and including each such run

    def _collapse(self) -> str:
        """The text with each whitespace run turned into one space (built once)."""
        if self._collapsed is None:
            spaced = self.text.translate(_WS_TABLE)
            runs: list[int] = []
            extra: list[int] = []
            if "  " in spaced:
                for run in _RUNS.finditer(spaced):
                    runs.append(run.start() - (extra[-1] if extra else 0))
                    extra.append((extra[-1] if extra else 0) + run.end() - run.start() - 1)
                spaced = _RUNS.sub(" ", spaced)
            self._runs, self._extra, self._collapsed = runs, extra, spaced
        return self._collapsed

    def _original(self, offset: int) -> int:
        """Offset in the text of an offset in the collapsed copy."""
        k = bisect_left(self._runs, offset)
        return offset + (self._extra[k - 1] if k else 0)

    def whitespace_spans(self, exact: str) -> list[tuple[int, int]]:
        """Occurrences of `exact` where each whitespace run may match any whitespace run."""
        words = exact.split()
        if not words:
            return []
        lead = " " if exact[0].isspace() else ""
        wanted = lead + " ".join(words) + (" " if exact[-1].isspace() else "")
        found = find_occurrences(self._collapse(), wanted)
        return [(self._original(s), self._original(s + len(wanted))) for s in found]


_last_document: _Text | None = None


def describe(
    text: str, start: int, end: int, context: int = CONTEXT
) -> tuple[TextQuoteSelector, TextPositionSelector]:
    """Selectors for text[start:end]: the exact text with up to `context` chars around it."""
    if not 0 <= start < end <= len(text):
        raise ValueError(f"span [{start}, {end}) is empty or outside a text of {len(text)}")
    quote = TextQuoteSelector(
        exact=text[start:end],
        prefix=text[max(0, start - context) : start],
        suffix=text[end : end + context],
    )
    return quote, TextPositionSelector(start, end)


def find_occurrences(text: str, exact: str) -> list[int]:
    """Start offsets of every (possibly overlapping) occurrence of `exact` in `text`."""
    if not exact:
        return []
    starts: list[int] = []
    i = text.find(exact)
    while i != -1:
        starts.append(i)
        i = text.find(exact, i + 1)
    return starts


def occurrence_context(text: str, start: int, end: int, width: int = 30) -> str:
    """One line showing text[start:end] in [brackets] with `width` chars either side."""
    before = text[max(0, start - width) : start]
    after = text[end : end + width]
    line = f"{before}[{text[start:end]}]{after}"
    line = " ".join(line.split()) if line.strip() else line
    return ("…" if start > width else "") + line + ("…" if end + width < len(text) else "")


def anchor(
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None
) -> Anchor | None:
    """Where the annotation is now, or None if it cannot be placed with confidence."""
    hint = position.start if position is not None else None
    return _trusted(_resolve(_document(text), quote, position, hint))


def best_candidate(
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None
) -> Anchor | None:
    """The most likely passage, even when `anchor` would not trust it (None: empty text)."""
    hint = position.start if position is not None else None
    return _resolve(_document(text), quote, position, hint, unbounded=True)


def anchor_many(text: str, items: Iterable[Any]) -> list[Anchor | None]:
    """Anchor many annotations in one text; items have .quote/.position or are pairs.

    Items are resolved in order of their old position, and each one is first looked
    for where the shift of the previous anchored item says it should now be.
    """
    pairs = [_selectors(item) for item in items]
    doc = _document(text)
    order = sorted(range(len(pairs)), key=lambda i: _old_start(pairs[i][1]))
    results: list[Anchor | None] = [None] * len(pairs)
    shift = 0
    for i in order:
        quote, position = pairs[i]
        hint = None if position is None else max(0, position.start + shift)
        found = _trusted(_resolve(doc, quote, position, hint))
        results[i] = found
        if found is not None and position is not None and found.method != "fuzzy":
            shift = found.start - position.start
    return results


def _trusted(found: Anchor | None) -> Anchor | None:
    """`found`, unless it is a fuzzy match scoring under THRESHOLD."""
    if found is not None and found.method == "fuzzy" and found.score < THRESHOLD:
        return None
    return found


def _selectors(item: Any) -> tuple[TextQuoteSelector, TextPositionSelector | None]:
    if isinstance(item, Sequence):
        quote, position = item
        return quote, position
    return item.quote, item.position


def _old_start(position: TextPositionSelector | None) -> int:
    return -1 if position is None else position.start


def _document(text: str) -> _Text:
    """The _Text for `text`, reused while the same string object is anchored into."""
    global _last_document
    if _last_document is None or _last_document.text is not text:
        _last_document = _Text(text)
    return _last_document


def _resolve(
    doc: _Text,
    quote: TextQuoteSelector,
    position: TextPositionSelector | None,
    hint: int | None,
    unbounded: bool = False,
) -> Anchor | None:
    """Best placement found by the three stages; a fuzzy one may score under THRESHOLD.

    Unbounded, the fuzzy stage allows any number of errors (for `best_candidate`).
    """
    exact = quote.exact
    if not exact or not doc.text:
        return None
    text = doc.text
    if position is not None:
        start, end = position.start, position.end
        if text[start:end] == exact and _context_exact(text, start, end, quote):
            return Anchor(start, end, "position", 1.0)
    found = _quote_stage(doc, quote, hint)
    if found is None:
        max_errors = len(exact) if unbounded else max_errors_for(exact)
        found = _fuzzy_stage(text, quote, hint, max_errors)
    if found is not None and found.method == "quote" and _same_span(found, position):
        return Anchor(found.start, found.end, "position", found.score)
    return found


def _same_span(found: Anchor, position: TextPositionSelector | None) -> bool:
    return position is not None and (found.start, found.end) == (position.start, position.end)


def _context_exact(text: str, start: int, end: int, quote: TextQuoteSelector) -> bool:
    """True if the text around [start, end) is the stored prefix and suffix."""
    prefix, suffix = quote.prefix, quote.suffix
    if prefix and (start < len(prefix) or not text.startswith(prefix, start - len(prefix))):
        return False
    return not suffix or text.startswith(suffix, end)


def _quote_stage(doc: _Text, quote: TextQuoteSelector, hint: int | None) -> Anchor | None:
    """The best exact (or whitespace-tolerant) occurrence of the quote, if there is one."""
    text, exact = doc.text, quote.exact
    if hint is not None:
        near = _nearest_exact_in_window(text, quote, hint)
        if near is not None:
            return Anchor(
                near,
                near + len(exact),
                "quote",
                match_score(text, quote, near, near + len(exact), 0, hint),
            )
    spans = [(s, s + len(exact)) for s in find_occurrences(text, exact)]
    if not spans:
        spans = doc.whitespace_spans(exact)
    if not spans:
        return None
    if len(spans) > MAX_SCORED:
        spans.sort(
            key=lambda span: (-cheap_agreement(text, quote, *span), _distance(span[0], hint))
        )
        spans = spans[:MAX_SCORED]
    start, end = max(
        spans, key=lambda span: (agreement(text, quote, *span), -_distance(span[0], hint))
    )
    return Anchor(start, end, "quote", match_score(text, quote, start, end, 0, hint))


def _nearest_exact_in_window(text: str, quote: TextQuoteSelector, hint: int) -> int | None:
    """The occurrence nearest `hint` with exactly the stored context, if one is close by.

    Nothing outside the window can beat it: agreement is perfect and distance smaller.
    """
    exact = quote.exact
    if text.startswith(exact, hint) and _context_exact(text, hint, hint + len(exact), quote):
        return hint
    lo, hi = max(0, hint - EXACT_WINDOW), min(len(text), hint + len(exact) + EXACT_WINDOW)
    best: int | None = None
    i = text.find(exact, lo, hi)
    while i != -1:
        closer = best is None or abs(i - hint) < abs(best - hint)
        if closer and _context_exact(text, i, i + len(exact), quote):
            best = i
        i = text.find(exact, i + 1, hi)
    return best


def _distance(start: int, hint: int | None) -> int:
    return 0 if hint is None else abs(start - hint)


def max_errors_for(exact: str) -> int:
    """Edits a fuzzy match may need: a quarter of the quote, at most 256."""
    return min(256, len(exact) // 4)


def _fuzzy_stage(
    text: str, quote: TextQuoteSelector, hint: int | None, max_errors: int
) -> Anchor | None:
    """Best fuzzy match near `hint`, else in the whole text (may score below THRESHOLD)."""
    exact = quote.exact
    if max_errors == 0:
        return None
    best: Anchor | None = None
    if hint is not None:
        for pad in FUZZY_PADS:
            lo, hi = max(0, hint - pad), min(len(text), hint + len(exact) + pad)
            best = _best_fuzzy(text, quote, search(text, exact, max_errors, lo, hi, hint), hint)
            if best is not None and best.score >= THRESHOLD:
                return best
            if lo == 0 and hi == len(text):
                return best
    found = _best_fuzzy(text, quote, search(text, exact, max_errors, hint=hint), hint)
    if best is None or (found is not None and found.score > best.score):
        return found
    return best


def _best_fuzzy(
    text: str, quote: TextQuoteSelector, matches: list[Match], hint: int | None
) -> Anchor | None:
    scored = [
        (match_score(text, quote, m.start, m.end, m.errors, hint), -_distance(m.start, hint), m)
        for m in matches
    ]
    if not scored:
        return None
    score, _, match = max(scored, key=lambda item: item[:2])
    return Anchor(match.start, match.end, "fuzzy", round(score, 4))
