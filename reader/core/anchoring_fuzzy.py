"""Approximate string matching for anchoring: bit-parallel edit distance.

This is Myers' (1999) bit-vector algorithm in Hyyrö's formulation, the one the
Hypothesis client uses through `approx-string-match`, turned on its side: the bit
vector runs along the *text* (a Python int of any length) and the loop runs over the
*pattern*. A quote of m characters against a window of n characters then costs m
steps of a dozen big-int operations, each done in C, instead of n interpreted steps.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import accumulate
from operator import sub

MAX_ENDS = 48  # candidate match ends kept per search, nearest to the hint first
END_SLACK = 2  # also keep ends this many errors worse than the best one


@dataclass(frozen=True)
class Match:
    """A substring text[start:end] that is `errors` edits away from the pattern."""

    start: int
    end: int
    errors: int


def char_masks(text: str, chars: set[str]) -> dict[str, int]:
    """For each of `chars` found in `text`, an int whose bit j is set where text[j] is it."""
    masks: dict[str, int] = {}
    for char in chars:
        parts = text.split(char)
        if len(parts) > 1:
            bits = "1".join(map("0".__mul__, map(len, parts)))
            masks[char] = int(bits[::-1], 2)
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


def _match_start(pattern: str, text: str, lo: int, end: int, errors: int) -> int:
    """Where the best match of `pattern` ending at `end` begins (not before `lo`)."""
    seg_lo = max(lo, end - len(pattern) - errors)
    backwards = last_row(pattern[::-1], text[seg_lo:end][::-1], anchored=True)
    best = min(backwards)
    lengths = [j for j, value in enumerate(backwards) if value == best]
    length = min(lengths, key=lambda j: (abs(j - len(pattern)), -j))
    return end - length


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
        start = _match_start(pattern, text, lo, end, row[j])
        if start < end and (start, end) not in matches:
            matches[(start, end)] = Match(start, end, row[j])
    return list(matches.values())
