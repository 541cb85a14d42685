"""Approximate string matching and match scoring for anchoring.

This is Myers' (1999) bit-vector algorithm in Hyyrö's formulation, the one the
Hypothesis client uses through `approx-string-match`, turned on its side: the bit
vector runs along the *text* (a Python int of any length) and the loop runs over the
*pattern*. A quote of m characters against a window of n characters then costs m
steps of a dozen big-int operations, each done in C, instead of n interpreted steps.

The scoring below is Hypothesis' `match-quote`: quote 50, prefix 20, suffix 20, position 2.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from operator import sub

from reader.core.models import TextQuoteSelector

QUOTE_WEIGHT, PREFIX_WEIGHT, SUFFIX_WEIGHT, POSITION_WEIGHT = 50, 20, 20, 2  # as Hypothesis
TOTAL_WEIGHT = QUOTE_WEIGHT + PREFIX_WEIGHT + SUFFIX_WEIGHT + POSITION_WEIGHT
MAX_ENDS = 48  # candidate match ends kept per search, nearest to the hint first
END_SLACK = 2  # also keep ends (and starts) this many errors worse than the best one
MAX_STARTS = 4  # worse starts kept per end
SMALL_TEXT = 1024  # texts up to this long get their bit masks built one character at a time
BIG_TEXT = 8192  # texts longer than this get their bit masks built with bytes operations
_BINARY_TABLES = [bytes(49 if b == k else 48 for b in range(256)) for k in range(256)]


@dataclass(frozen=True)
class Match:
    """A substring text[start:end] that is `errors` edits away from the pattern."""

    start: int
    end: int
    errors: int


def char_masks(text: str, chars: set[str]) -> dict[str, int]:
    """For each of `chars` found in `text`, an int whose bit j is set where text[j] is it."""
    if len(text) > BIG_TEXT and len(chars) < 255:
        return _char_masks_big(text, chars)
    masks: dict[str, int] = {}
    if len(text) <= SMALL_TEXT:
        get = masks.get
        for j, char in enumerate(text):
            if char in chars:
                masks[char] = get(char, 0) | (1 << j)
        return masks
    for char in chars:
        parts = text.split(char)
        if len(parts) > 1:
            bits = "1".join(map("0".__mul__, map(len, parts)))
            masks[char] = int(bits[::-1], 2)
    return masks


def _char_masks_big(text: str, chars: set[str]) -> dict[str, int]:
    """Same as char_masks, faster on long texts: one byte per character, then bytes ops."""
    codes = {char: k for k, char in enumerate(sorted(chars), start=1)}
    table = dict.fromkeys(map(ord, set(text)), 0)
    table.update({ord(char): k for char, k in codes.items()})
    reduced = text.translate(table).encode("latin-1")[::-1]  # bit 0 is the last digit
    masks: dict[str, int] = {}
    for char, k in codes.items():
        if k in reduced:
            digits = reduced.translate(_BINARY_TABLES[k])
            masks[char] = int(digits, 2)
    return masks


def last_row(pattern: str, text: str, *, anchored: bool = False) -> list[int]:
    """Edit distances from `pattern` to substrings of `text` ending at each j in 0..len(text).

    Unanchored (the default), row[j] is the fewest edits turning `pattern` into any
    text[i:j]; anchored, into text[:j] exactly.
    """
    m, n = len(pattern), len(text)
    if n == 0:
        return [m]
    mask = (1 << n) - 1
    peq = char_masks(text, set(pattern))
    pv = mask if anchored else 0  # vertical deltas of column 0: +1 each, or 0 each
    mv = 0
    for char in pattern:
        eq = peq.get(char, 0)
        xv = eq | mv
        xh = (((eq & pv) + pv) ^ pv) | eq
        ph = mv | (~(xh | pv) & mask)
        mh = pv & xh
        ph = ((ph << 1) | 1) & mask  # row 0 grows by one per pattern character
        mh = (mh << 1) & mask
        pv = mh | (~(xv | ph) & mask)
        mv = ph & xv
    plus = format(pv, f"0{n}b")[::-1].encode()
    minus = format(mv, f"0{n}b")[::-1].encode()
    return list(accumulate(map(sub, plus, minus), initial=m))


def min_errors(pattern: str, text: str) -> int:
    """Fewest edits turning `pattern` into some substring of `text`."""
    if not pattern:
        return 0
    return min(last_row(pattern, text))


def edit_distance(a: str, b: str) -> int:
    """Levenshtein distance between `a` and `b`."""
    if not a or not b:
        return len(a) + len(b)
    return last_row(a, b, anchored=True)[-1]


def _candidate_ends(row: list[int], max_errors: int, hint_end: int | None) -> list[int]:
    """Local minima of `row` within the error bound, best first, at most MAX_ENDS."""
    best = min(row)
    limit = min(max_errors, best + END_SLACK)
    ends: list[int] = []
    for value in range(best, limit + 1):
        j = -1
        while len(ends) < 4 * MAX_ENDS:
            try:
                j = row.index(value, j + 1)
            except ValueError:
                break
            left = row[j - 1] if j > 0 else value + 1
            right = row[j + 1] if j + 1 < len(row) else value + 1
            if value <= left and value <= right:
                ends.append(j)
    if hint_end is None:
        ends.sort(key=lambda j: (row[j], j))
    else:
        ends.sort(key=lambda j: (row[j], abs(j - hint_end)))
    return ends[:MAX_ENDS]


def _match_starts(pattern: str, text: str, lo: int, end: int, errors: int) -> dict[int, int]:
    """Likely starts (with their error counts) of matches of `pattern` ending at `end`.

    Besides the cheapest starts (the shortest, the longest and the one closest to the
    pattern's length), a few starts costing up to END_SLACK more are kept, so the
    context can pick, say, the start right after an unchanged prefix.
    """
    m = len(pattern)
    seg_lo = max(lo, end - m - errors - END_SLACK)
    row = last_row(pattern[::-1], text[seg_lo:end][::-1], anchored=True)
    best = min(row)
    plateau = [j for j, value in enumerate(row) if value == best and j > 0]
    lengths = (
        {plateau[0], plateau[-1], min(plateau, key=lambda j: (abs(j - m), -j))}
        if plateau
        else set()
    )
    extra = [
        j
        for j in range(1, len(row))
        if best < row[j] <= best + END_SLACK
        and row[j] <= row[j - 1]
        and (j + 1 == len(row) or row[j] <= row[j + 1])
    ]
    extra.sort(key=lambda j: (row[j], abs(j - m)))
    lengths.update(extra[:MAX_STARTS])
    return {end - j: row[j] for j in lengths}


def search(
    text: str,
    pattern: str,
    max_errors: int,
    lo: int = 0,
    hi: int | None = None,
    hint: int | None = None,
) -> list[Match]:
    """Approximate occurrences of `pattern` in text[lo:hi] with at most `max_errors` edits.

    Returns the few best distinct matches (fewest errors, then nearest `hint`), not all.
    """
    hi = len(text) if hi is None else hi
    if not pattern or lo >= hi:
        return []
    row = last_row(pattern, text[lo:hi])
    if min(row) > max_errors:
        return []
    hint_end = None if hint is None else hint - lo + len(pattern)
    matches: dict[tuple[int, int], Match] = {}
    for j in _candidate_ends(row, max_errors, hint_end):
        end = lo + j
        for start, errors in _match_starts(pattern, text, lo, end, row[j]).items():
            matches.setdefault((start, end), Match(start, end, errors))
    # the span's own edit distance can exceed the end-position count: keep honest ones only
    checked = []
    for m in matches.values():
        real = edit_distance(pattern, text[m.start : m.end])
        if real <= max_errors:
            checked.append(Match(m.start, m.end, real))
    return checked


def cheap_agreement(text: str, quote: TextQuoteSelector, start: int, end: int) -> int:
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


def context_score(segment: str, context: str) -> float:
    """Hypothesis' textMatchScore: 1 - fewest edits of `context` into `segment`, scaled."""
    if not context or segment == context:
        return 1.0
    if not segment:
        return 0.0
    return max(0.0, 1.0 - min_errors(context, segment) / len(context))


def agreement(text: str, quote: TextQuoteSelector, start: int, end: int) -> float:
    """Prefix plus suffix agreement, each 0..1."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    return context_score(before, quote.prefix) + context_score(after, quote.suffix)


def match_score(
    text: str, quote: TextQuoteSelector, start: int, end: int, errors: int, hint: int | None
) -> float:
    """Hypothesis' match score, normalised to 0..1."""
    before = text[max(0, start - len(quote.prefix)) : start]
    after = text[end : end + len(quote.suffix)]
    position = 1.0 if hint is None else 1.0 - abs(start - hint) / max(1, len(text))
    raw = (
        QUOTE_WEIGHT * max(0.0, 1.0 - errors / len(quote.exact))
        + PREFIX_WEIGHT * context_score(before, quote.prefix)
        + SUFFIX_WEIGHT * context_score(after, quote.suffix)
        + POSITION_WEIGHT * max(0.0, position)
    )
    return raw / TOTAL_WEIGHT
