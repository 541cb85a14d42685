"""Anchoring highlights: property-based tests over random texts, spans and edits."""

from __future__ import annotations

import random

from hypothesis import assume, given, settings
from hypothesis import strategies as st

from reader.core.annotations.anchoring import (
    CONTEXT,
    anchor,
    anchor_many,
    describe,
    find_occurrences,
)
from reader.core.annotations.anchoring_fuzzy import edit_distance
from tests.conftest import FUZZ_EXAMPLES

_rng = random.Random(7)
WORDS = [
    "".join(_rng.choices("abcdefghijklmnopqrstuvwxyz", k=_rng.randint(1, 8))) for _ in range(300)
] + ["中文", "視頻", "模型", "推理", "🚀", "👍🏽", "🎬", "café", "naïve", "Ωμέγα"]

separators = st.sampled_from([" ", " ", " ", " ", "\n"])


@st.composite
def texts(draw: st.DrawFn, min_words: int = 8) -> str:
    chosen = draw(st.lists(st.sampled_from(WORDS), min_size=min_words, max_size=150))
    seps = draw(st.lists(separators, min_size=len(chosen), max_size=len(chosen)))
    return "".join(w + s for w, s in zip(chosen, seps, strict=True)).strip()


@st.composite
def text_and_span(draw: st.DrawFn, min_len: int = 1) -> tuple[str, int, int]:
    text = draw(texts())
    assume(len(text) >= min_len)
    start = draw(st.integers(0, len(text) - min_len))
    end = draw(st.integers(start + min_len, min(len(text), start + min_len + 120)))
    return text, start, end


@st.composite
def edited(draw: st.DrawFn, text: str, lo: int, hi: int, count: int) -> tuple[str, int]:
    """Up to `count` insertions/deletions inside text[lo:hi]; returns (text, length change)."""
    delta = 0
    for _ in range(draw(st.integers(1, count))):
        if hi <= lo:
            break
        at = draw(st.integers(lo, hi))
        if draw(st.booleans()):
            piece = draw(st.sampled_from(WORDS)) + draw(separators)
            text = text[:at] + piece + text[at:]
            delta, hi = delta + len(piece), hi + len(piece)
        else:
            cut = draw(st.integers(0, min(10, hi - at)))
            text = text[:at] + text[at + cut :]
            delta, hi = delta - cut, hi - cut
    return text, delta


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(text_and_span())
def test_unchanged_text_anchors_to_the_same_span(case):
    text, start, end = case
    found = anchor(text, *describe(text, start, end))
    assert (found.start, found.end, found.method) == (start, end, "position")


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(st.lists(text_and_span(), min_size=1, max_size=5))
def test_anchor_many_on_unchanged_text_keeps_every_span(cases):
    text = cases[0][0]
    spans = [(min(s, len(text) - 1), min(e, len(text))) for _, s, e in cases]
    spans = [(s, max(e, s + 1)) for s, e in spans]
    results = anchor_many(text, [describe(text, s, e) for s, e in spans])
    assert [(r.start, r.end) for r in results] == spans


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(text_and_span(), st.data())
def test_edits_away_from_the_span_move_it_exactly(case, data):
    text, start, end = case
    quote, position = describe(text, start, end)
    before, mid, after = text[:start], text[start:end], text[end:]
    before, shift = data.draw(edited(before, 0, max(0, len(before) - CONTEXT - 1), 3))
    after, _ = data.draw(edited(after, min(len(after), CONTEXT + 1), len(after), 3))
    new_text = before + mid + after
    assume(len(find_occurrences(new_text, quote.prefix + quote.exact + quote.suffix)) == 1)
    found = anchor(new_text, quote, position)
    assert (found.start, found.end) == (start + shift, end + shift)
    assert found.method in ("position", "quote")


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(text_and_span(), st.data())
def test_edits_anywhere_outside_a_unique_quote_move_it_exactly(case, data):
    text, start, end = case
    quote, position = describe(text, start, end)
    before, shift = data.draw(edited(text[:start], 0, start, 3))
    after, _ = data.draw(edited(text[end:], 0, len(text) - end, 3))
    new_text = before + text[start:end] + after
    assume(len(find_occurrences(new_text, quote.exact)) == 1)
    found = anchor(new_text, quote, position)
    assert (found.start, found.end) == (start + shift, end + shift)


@st.composite
def small_edit(draw: st.DrawFn, passage: str) -> tuple[str, int]:
    """One substitution, insertion or deletion of 1-2 characters strictly inside `passage`."""
    at = draw(st.integers(1, len(passage) - 3))
    kind = draw(st.sampled_from(["substitute", "insert", "delete"]))
    size = draw(st.integers(1, 2))
    if kind == "delete":
        return passage[:at] + passage[at + size :], -size
    piece = draw(st.text(st.sampled_from("xyzq中😀 \n"), min_size=size, max_size=size))
    if kind == "insert":
        return passage[:at] + piece + passage[at:], size
    return passage[:at] + piece + passage[at + size :], 0


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(text_and_span(min_len=16), st.data())
def test_small_edits_inside_still_anchor_near_the_span(case, data):
    text, start, end = case
    quote, position = describe(text, start, end)
    mid, delta = data.draw(small_edit(quote.exact))
    new_text = text[:start] + mid + text[end:]
    assume(quote.exact not in new_text)
    found = anchor(new_text, quote, position)
    assert found is not None
    if found.method != "fuzzy":  # whitespace-tolerant exact match (maybe another copy)
        assert new_text[found.start : found.end].split() == quote.exact.split()
        return
    near = abs(found.start - start) <= 4 and abs(found.end - (end + delta)) <= 4
    as_good = edit_distance(new_text[found.start : found.end], quote.exact) <= edit_distance(
        mid, quote.exact
    )
    assert near or as_good


@settings(deadline=None, max_examples=FUZZ_EXAMPLES // 3)
@given(texts(min_words=30), st.integers(0, 10_000), st.integers(12, 40))
def test_deleted_quote_is_never_anchored_to_text_that_was_not_there(text, seed, length):
    assume(len(text) > length + 2)
    start = seed % (len(text) - length)
    quote, position = describe(text, start, start + length)
    new_text = text[:start] + text[start + length :]
    found = anchor(new_text, quote, position)
    if found is not None:
        assert edit_distance(new_text[found.start : found.end], quote.exact) <= length // 4
