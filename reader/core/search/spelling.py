"""“Did you mean …?”: respell the query's plain words that the library does not contain."""

from __future__ import annotations

import re

from reader.core.search.analysis import analyzer
from reader.core.search.query import SURFACE, begins_a_word

_PLAIN = re.compile(r"^[^\W\d_][\w'’-]*$")
OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO"}
MAX_RESPELLED = 24  # letters: a longer word is no typo of a word the library holds (and
# comparing it with every word of its first letter took seconds)


def suggest(searcher, text: str, typing: bool = False) -> str | None:
    """A respelled query, or None when no word needs (or has) a correction. With
    `typing`, a last word still being typed that begins a word of the library is left as
    it is ("vi" is the start of "video", not a typo of "vr")."""
    corrector = searcher.corrector(SURFACE["body"])  # (the body's words as written)
    reader = searcher.reader()
    changed, words = False, []
    typed = text.split()
    for n, word in enumerate(typed):
        bare = word.strip('"()+-')
        if bare in OPERATORS or not _PLAIN.match(bare) or ":" in word or len(bare) > MAX_RESPELLED:
            words.append(word)
            continue
        being_typed = typing and n == len(typed) - 1 and not text[-1].isspace()
        if being_typed and begins_a_word(reader, SURFACE["body"], bare.lower()):
            words.append(word)
            continue
        terms = [t.text for t in analyzer()(bare, mode="query")]
        if terms and all(("body", t) in reader for t in terms):
            words.append(word)
            continue
        options = corrector.suggest(bare.lower(), limit=8, maxdist=2, prefix=1)
        if options:
            words.append(word.replace(bare, _best(reader, bare.lower(), options)))
            changed = True
        else:
            words.append(word)
    return " ".join(words) if changed else None


def _best(reader, word: str, options: list[str]) -> str:
    """The closest option; among equally close ones, the most frequent in the library."""

    def frequency(option: str) -> int:
        return sum(reader.doc_frequency("body", t.text) for t in analyzer()(option, mode="query"))

    return min(options, key=lambda o: (_distance(word, o), -frequency(o), o))


def _distance(a: str, b: str) -> int:
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]
