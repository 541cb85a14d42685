"""A seeded synthetic library: Zipf-distributed vocabulary of pseudo-words, titled articles."""

from __future__ import annotations

import itertools
import random
from collections.abc import Iterator

SYLLABLES = [
    "ka",
    "lo",
    "mi",
    "ne",
    "ru",
    "ta",
    "vi",
    "so",
    "de",
    "pa",
    "gu",
    "li",
    "mo",
    "be",
    "ri",
    "za",
    "te",
    "no",
    "fa",
    "ci",
    "do",
    "he",
    "ju",
    "wa",
    "xe",
    "yo",
    "qui",
    "st",
]


def vocabulary(size: int = 50_000, seed: int = 42) -> list[str]:
    rng = random.Random(seed)
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(SYLLABLES, k=rng.randint(2, 4))))
    ordered = sorted(words)
    rng.shuffle(ordered)
    return ordered


def articles(
    count: int, words: int = 1500, seed: int = 7, vocab: list[str] | None = None
) -> Iterator[tuple[int, str, str]]:
    """(id, title, body) for `count` articles of about `words` words each."""
    vocab = vocab or vocabulary()
    rng = random.Random(seed)
    weights = list(itertools.accumulate(1 / (rank + 1) for rank in range(len(vocab))))
    for n in range(1, count + 1):
        size = max(200, int(rng.gauss(words, words * 0.2)))
        body_words = rng.choices(vocab, cum_weights=weights, k=size)
        sentences, i = [], 0
        while i < len(body_words):
            length = rng.randint(8, 22)
            sentence = " ".join(body_words[i : i + length])
            sentences.append(sentence[:1].upper() + sentence[1:] + ".")
            i += length
        paragraphs = [" ".join(sentences[j : j + 5]) for j in range(0, len(sentences), 5)]
        title = " ".join(rng.choices(vocab[:5000], k=rng.randint(3, 7))).title()
        yield n, title, "\n".join(paragraphs)
