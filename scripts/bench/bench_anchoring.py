"""Benchmark: re-anchoring highlights after the article text changed.

    .venv/bin/python -m scripts.bench.bench_anchoring [--quick]

A seeded synthetic article of 100,000 words (blocks joined by "\\n"), 1,000
highlights described on it; then 10% of the highlights are edited inside (a word
replaced, inserted or deleted), which also shifts every later highlight, and all
1,000 are re-anchored with `anchor_many`. Medians of several runs.
"""

from __future__ import annotations

import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

if __package__ in (None, ""):
    sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from reader.core.annotations.anchoring import anchor, anchor_many, best_candidate, describe
from reader.core.models import TextPositionSelector, TextQuoteSelector

SEED = 20240611
Item = tuple[TextQuoteSelector, TextPositionSelector]


def make_words(rng: random.Random, count: int) -> list[str]:
    """Zipf-like word stream over a 6,000-word invented vocabulary."""
    letters = "etaoinshrdlucmfwypvbgkqjxz"
    weights = [26 - i for i in range(26)]
    vocab = ["".join(rng.choices(letters, weights, k=rng.randint(1, 10))) for _ in range(6000)]
    ranks = [1 / (r + 1) for r in range(len(vocab))]
    return rng.choices(vocab, ranks, k=count)


def make_article(rng: random.Random, words: list[str]) -> tuple[str, list[int]]:
    """Paragraphs of 40-160 words; returns the text and each word's start offset."""
    parts: list[str] = []
    starts: list[int] = []
    pos = 0
    until_break = rng.randint(40, 160)
    for i, word in enumerate(words):
        if i:
            until_break -= 1
            sep = "\n" if until_break <= 0 else " "
            until_break = rng.randint(40, 160) if sep == "\n" else until_break
            parts.append(sep)
            pos += 1
        starts.append(pos)
        parts.append(word)
        pos += len(word)
    return "".join(parts), starts


def make_highlights(
    rng: random.Random, text: str, starts: list[int], count: int
) -> list[tuple[int, int]]:
    """`count` non-overlapping spans of 3-30 words, in text order."""
    slot = len(starts) // count
    spans = []
    for k in range(count):
        first = k * slot + rng.randint(0, slot // 3)
        last = min(first + rng.randint(3, 30), (k + 1) * slot - 1, len(starts) - 1)
        end = starts[last] + len(text[starts[last] :].split(None, 1)[0])
        spans.append((starts[first], end))
    return spans


def edit_inside(rng: random.Random, text: str, span: tuple[int, int]) -> tuple[str, int]:
    """One small edit strictly inside `span`; returns the new text and the length change."""
    start, end = span
    cut = rng.randint(start + 2, end - 4)
    kind = rng.choice(("insert", "delete", "replace"))
    if kind == "insert":
        return text[:cut] + "very " + text[cut:], 5
    if kind == "delete":
        return text[:cut] + text[cut + 3 :], -3
    return text[:cut] + "xyzq" + text[cut + 3 :], 1


def build(quick: bool) -> tuple[str, list[Item], list[tuple[int, int]], set[int], str]:
    rng = random.Random(SEED)
    n_words, n_highlights = (20_000, 200) if quick else (100_000, 1000)
    text, starts = make_article(rng, make_words(rng, n_words))
    spans = make_highlights(rng, text, starts, n_highlights)
    items = [describe(text, s, e) for s, e in spans]
    edited = set(rng.sample(range(n_highlights), n_highlights // 10))
    new_text, expected, shift = text, [], 0
    pieces, last = [], 0
    for k, (s, e) in enumerate(spans):
        if k in edited:
            piece, delta = edit_inside(rng, text[last:e], (s - last, e - last))
            pieces.append(piece)
            expected.append((s + shift, e + shift + delta))
            shift += delta
        else:
            pieces.append(text[last:e])
            expected.append((s + shift, e + shift))
        last = e
    new_text = "".join(pieces) + text[last:]
    return text, items, expected, edited, new_text


def median_ms(fn: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def check(results, expected, edited) -> tuple[int, int, int]:
    """(unedited found exactly, edited found within 5 chars, unanchored)."""
    exact = near = missing = 0
    for k, (found, (s, e)) in enumerate(zip(results, expected, strict=True)):
        if found is None:
            missing += 1
        elif k not in edited and (found.start, found.end) == (s, e):
            exact += 1
        elif k in edited and abs(found.start - s) <= 5 and abs(found.end - e) <= 5:
            near += 1
    return exact, near, missing


def run(quick: bool = False) -> list[tuple[str, str, str]]:
    text, items, expected, edited, new_text = build(quick)
    runs = 3 if quick else 7
    n = len(items)
    rows = [("article", f"{len(new_text.split()):,} words, {len(new_text):,} chars", "")]
    same = median_ms(lambda: anchor_many(text, items), runs)
    rows.append((f"anchor_many, {n} highlights, unchanged text", f"{same:.1f} ms", ""))
    moved = median_ms(lambda: anchor_many(new_text, items), runs)
    rows.append((f"anchor_many, {n} highlights, 10% edited inside", f"{moved:.1f} ms", "≤ 100 ms"))
    results = anchor_many(new_text, items)
    exact, near, missing = check(results, expected, edited)
    methods = {m: sum(1 for r in results if r and r.method == m) for m in ("position", "quote")}
    methods["fuzzy"] = sum(1 for r in results if r and r.method == "fuzzy")
    rows.append(("  unedited found exactly", f"{exact}/{n - len(edited)}", "all"))
    rows.append(("  edited found (fuzzy, ±5 chars)", f"{near}/{len(edited)}", "all"))
    rows.append(("  unanchored", str(missing), "0"))
    rows.append(("  methods", ", ".join(f"{k} {v}" for k, v in methods.items()), ""))
    loop = median_ms(lambda: [anchor(new_text, q, p) for q, p in items], max(1, runs // 2))
    rows.append((f"anchor() x {n}, no shift hints, same edits", f"{loop:.1f} ms", ""))
    gone_quote, gone_pos = items[next(k for k in range(n // 2, n) if k not in edited)]
    gone_text = new_text.replace(gone_quote.exact, "")
    orphan = median_ms(lambda: anchor(gone_text, gone_quote, gone_pos), runs)
    rows.append(("anchor(), quote deleted (whole-text fuzzy)", f"{orphan:.1f} ms", ""))
    cand = median_ms(lambda: best_candidate(gone_text, gone_quote, gone_pos), max(1, runs // 2))
    rows.append(("best_candidate(), quote deleted", f"{cand:.1f} ms", ""))
    return rows


if __name__ == "__main__":
    for figure, value, target in run(quick="--quick" in sys.argv):
        print(f"{figure:<50} {value:>28}  {target}")
