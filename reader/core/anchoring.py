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
from collections.abc import Iterable, Sequence
from typing import Any

from reader.core.anchoring_fuzzy import Match, min_errors, search
from reader.core.models import Anchor, TextPositionSelector, TextQuoteSelector

CONTEXT = 32
THRESHOLD = 0.75
QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
EXACT_WINDOW = 4096  # look for the quote this far around the old position first
FUZZY_PADS = (64, 1024)  # then fuzzy windows this much wider than the quote each side
MAX_SCORED = 64  # exact occurrences scored in full; more are pre-ranked cheaply

_WHITESPACE = "\t\n\x0b\x0c\r\x1c\x1d\x1e\x1f\x85\xa0\u1680\u2028\u2029\u202f\u205f\u3000"
_WS_TABLE = str.maketrans(
    dict.fromkeys(_WHITESPACE + "".join(map(chr, range(0x2000, 0x200B))), " ")
)


class _Text:
    """The text being anchored into, with a whitespace-normalised copy made on demand."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._spaced: str | None = None

    def spaced(self) -> str:
        """The text with every whitespace character turned into a space (same offsets)."""
        if self._spaced is None:
            self._spaced = self.text.translate(_WS_TABLE)
        return self._spaced

    def whitespace_spans(self, exact: str) -> list[tuple[int, int]]:
        """Occurrences of `exact` where each whitespace run may match any whitespace run."""
        words = exact.split()
        if not words:
            return []
        lead = " " if exact[0].isspace() else ""
        trail = " " if exact[-1].isspace() else ""
        spaced = self.spaced()
        if "  " not in spaced:  # canonical text: one whitespace character per run
            wanted = lead + " ".join(words) + trail
            return [(s, s + len(wanted)) for s in find_occurrences(spaced, wanted)]
        body = r"\s+".join(map(re.escape, words))
        pattern = re.compile((r"\s+" if lead else "") + body + (r"\s+" if trail else ""))
        return [m.span() for m in pattern.finditer(self.text)]


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
    return _anchor(_Text(text), quote, position, hint)


def best_candidate(
    text: str, quote: TextQuoteSelector, position: TextPositionSelector | None
) -> Anchor | None:
    """The most likely passage, even when `anchor` would not trust it (None: empty text)."""
    doc = _Text(text)
    hint = position.start if position is not None else None
    found = _anchor(doc, quote, position, hint)
    if found is not None or not quote.exact:
        return found
    matches = search(text, quote.exact, len(quote.exact), hint=hint)
    return _best_fuzzy(text, quote, matches, hint)


def anchor_many(text: str, items: Iterable[Any]) -> list[Anchor | None]:
    """Anchor many annotations in one text; items have .quote/.position or are pairs.

    Items are resolved in order of their old position, and each one is first looked
    for where the shift of the previous anchored item says it should now be.
    """
    pairs = [_selectors(item) for item in items]
    doc = _Text(text)
    order = sorted(range(len(pairs)), key=lambda i: _old_start(pairs[i][1]))
    results: list[Anchor | None] = [None] * len(pairs)
    shift = 0
    for i in order:
        quote, position = pairs[i]
        hint = None if position is None else max(0, position.start + shift)
        found = _anchor(doc, quote, position, hint)
        results[i] = found
        if found is not None and position is not None and found.method != "fuzzy":
            shift = found.start - position.start
    return results


def _selectors(item: Any) -> tuple[TextQuoteSelector, TextPositionSelector | None]:
    if isinstance(item, Sequence):
        quote, position = item
        return quote, position
    return item.quote, item.position


def _old_start(position: TextPositionSelector | None) -> int:
    return -1 if position is None else position.start


def _anchor(
    doc: _Text, quote: TextQuoteSelector, position: TextPositionSelector | None, hint: int | None
) -> Anchor | None:
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
        found = _fuzzy_stage(text, quote, hint)
        if found is not None and found.score < THRESHOLD:
            return None
    if found is not None and position is not None and _same_span(found, position):
        return Anchor(found.start, found.end, "position", found.score)
    return found


def _same_span(found: Anchor, position: TextPositionSelector) -> bool:
    return (found.start, found.end) == (position.start, position.end)


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
                _score(text, quote, near, near + len(exact), 0, hint),
            )
    spans = [(s, s + len(exact)) for s in find_occurrences(text, exact)]
    if not spans:
        spans = doc.whitespace_spans(exact)
    if not spans:
        return None
    if len(spans) > MAX_SCORED:
        spans.sort(
            key=lambda span: (-_cheap_agreement(text, quote, *span), _distance(span[0], hint))
        )
        spans = spans[:MAX_SCORED]
    start, end = max(
        spans, key=lambda span: (_agreement(text, quote, *span), -_distance(span[0], hint))
    )
    return Anchor(start, end, "quote", _score(text, quote, start, end, 0, hint))


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


def _cheap_agreement(text: str, quote: TextQuoteSelector, start: int, end: int) -> int:
    """Characters of stored context that match right next to [start, end)."""
    before = text[max(0, start - len(quote.prefix)) : start][::-1]
    after = text[end : end + len(quote.suffix)]
    return _common_prefix(before, quote.prefix[::-1]) + _common_prefix(after, quote.suffix)


def _common_prefix(a: str, b: str) -> int:
    n = 0
    for x, y in zip(a, b, strict=False):
        if x != y:
            break
        n += 1
    return n


def _context_score(segment: str, context: str) -> float:
    """Hypothesis' textMatchScore: 1 - fewest edits of `context` into `segment`, scaled."""
    if not context or segment == context:
        return 1.0
    if not segment:
        return 0.0
    return max(0.0, 1.0 - min_errors(context, segment) / len(context))


def _agreement(text: str, quote: TextQuoteSelector, start: int, end: int) -> float:
    """Prefix plus suffix agreement, each 0..1."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return _context_score(before, quote.prefix) + _context_score(after, quote.suffix)


def _score(
    text: str, quote: TextQuoteSelector, start: int, end: int, errors: int, hint: int | None
) -> float:
    """Hypothesis' match score, normalised to 0..1."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    position = 1.0 if hint is None else 1.0 - abs(start - hint) / max(1, len(text))
    raw = (
        QUOTE_WEIGHT * max(0.0, 1.0 - errors / len(quote.exact))
        + PREFIX_WEIGHT * _context_score(before, quote.prefix)
        + SUFFIX_WEIGHT * _context_score(after, quote.suffix)
        + POSITION_WEIGHT * max(0.0, position)
    )
    return raw / TOTAL_WEIGHT


def max_errors_for(exact: str) -> int:
    """Edits a fuzzy match may need: a quarter of the quote, at most 256."""
    return min(256, len(exact) // 4)


def _fuzzy_stage(text: str, quote: TextQuoteSelector, hint: int | None) -> Anchor | None:
    """Best fuzzy match near `hint`, else in the whole text (may score below THRESHOLD)."""
    exact = quote.exact
    max_errors = max_errors_for(exact)
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
        (_score(text, quote, m.start, m.end, m.errors, hint), -_distance(m.start, hint), m)
        for m in matches
    ]
    if not scored:
        return None
    score, _, match = max(scored, key=lambda item: item[:2])
    return Anchor(match.start, match.end, "fuzzy", round(score, 4))
