"""The analyzer: words, lower case, accents folded, stems; CJK runs as character bigrams.

One Whoosh tokenizer does it all (`Words`): a word's forms are worked out once and kept,
so the millions of tokens of a full build are looked up, not lowered, folded and
stemmed one by one through a chain of filters. The index's fields ask it for their
terms directly (`Words.spans`, `Words.forms_of`), without a Token per word.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterator
from typing import Any

from whoosh.analysis import Analyzer, Token
from whoosh.lang import porter
from whoosh.support.charset import accent_map

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
_CJK_RUN = f"^[{CJK}]+$"
# a word: letters/digits (with inner apostrophes or dots), or one run of CJK characters
TOKEN = rf"[{CJK}]+|[^\W{CJK}_]+(?:['’.][^\W{CJK}_]+)*"
# the same words in ASCII text (where \w is [A-Za-z0-9_] and there is no CJK, nor ’):
# classes of the CJK ranges take ~15 ms to compile, paid only once text needs them
_ASCII_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['.][A-Za-z0-9]+)*")


@functools.cache
def _pattern(source: str) -> re.Pattern[str]:
    return re.compile(source)


def _tokens(value: str) -> re.Pattern[str]:
    """The pattern that finds the words of `value`."""
    return _ASCII_TOKEN if value.isascii() else _pattern(TOKEN)


MAX_TOKEN = 64
_FOLD: Any = accent_map  # (code points to their plain letters)
_POSSESSIVE = ("'s", "’s")
KEPT_FORMS = 60_000  # words whose forms are kept (per kind, ~20 MB), then it starts again
KEPT_LENGTH = 24  # letters: longer words are worked out each time

_FORMS: dict[bool, dict[str, tuple[str, ...]]] = {True: {}, False: {}}

# Whoosh's Porter stemmer matches two of step 1b's patterns at the start of the word, not
# its end (a slip in porting the reference's `test`): "monetized" became "monetiz" while
# "monetize" and "monetization" became "monet", and "hopping" stayed "hopp". Its module
# reads them at each call, so they are given here as the algorithm has them.
porter._at_bl_iz = re.compile(r"^.*(at|bl|iz)$")  # -ed/-ing taken off: "at", "bl", "iz" + e
porter._step1b = re.compile(r"^.*([^aeiouylsz])\1$")  # a double consonant made single
porter_stem = porter.stem


def _work_out(word: str, stemmed: bool) -> tuple[str, ...]:
    """The terms a word as written becomes: lower case, accents folded, without a
    possessive 's; a run of CJK characters its overlapping pairs (one character stays
    one); other words shortened to MAX_TOKEN letters and, for `stemmed`, Porter stems."""
    text = word.lower().translate(_FOLD)
    if text.endswith(_POSSESSIVE) and len(text) > 2:
        text = text[:-2]  # Luma's is Luma (Porter would keep "luma'")
    if not text.isascii() and _pattern(_CJK_RUN).match(text):
        if len(text) == 1:
            return (text,)
        return tuple(text[i : i + 2] for i in range(len(text) - 1))
    text = text[:MAX_TOKEN]
    return (porter_stem(text) if stemmed else text,)


def forms(word: str, stemmed: bool) -> tuple[str, ...]:
    memo = _FORMS[stemmed]
    found = memo.get(word)
    if found is None:
        found = _work_out(word, stemmed)
        if len(word) <= KEPT_LENGTH:  # (a hex dump's "words" are not kept)
            if len(memo) >= KEPT_FORMS:
                memo.clear()
            memo[word] = found
    return found


class Words(Analyzer):
    """The whole analyzer in one step; `stemmed` says whether words become their stems."""

    def __init__(self, stemmed: bool = True) -> None:
        self.stemmed = stemmed

    def __eq__(self, other: object) -> bool:
        return isinstance(other, Words) and other.stemmed == self.stemmed

    def __hash__(self) -> int:
        return hash((type(self), self.stemmed))

    def spans(self, value: str, start_char: int = 0) -> list[tuple[str, int, int]]:
        """(term, start, end) of every term in order; a term's position is its index."""
        stemmed = self.stemmed
        found: list[tuple[str, int, int]] = []
        add = found.append
        memo = _FORMS[stemmed]
        for match in _tokens(value).finditer(value):
            word = match.group()
            terms = memo.get(word) or forms(word, stemmed)
            start, end = match.span()
            if len(terms) == 1:
                add((terms[0], start + start_char, end + start_char))
            else:
                _add_pairs(add, terms, start + start_char, end + start_char)
        return found

    def forms_of(self, value: str) -> set[str]:
        """Every distinct term in `value` (no places: what a field without positions needs)."""
        stemmed = self.stemmed
        found: set[str] = set()
        for word in set(_tokens(value).findall(value)):
            found.update(forms(word, stemmed))
        return found

    def __call__(  # (the keywords every Whoosh tokenizer takes)
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        keeporiginal: bool = False,
        removestops: bool = True,
        start_pos: int = 0,
        start_char: int = 0,
        tokenize: bool = True,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        if tokenize:
            spans = self.spans(value, start_char)
        else:  # the value is one word (a range's ends)
            end = start_char + len(value)
            spans = []
            _add_pairs(spans.append, forms(value, self.stemmed), start_char, end)
        for pos, (text, start, end) in enumerate(spans):
            t.text = text
            t.boost = 1.0
            t.stopped = False
            if keeporiginal:
                t.original = value[start - start_char : end - start_char]  # type: ignore[attr-defined]
            if positions:
                t.pos = pos  # (positions count from 0, as the index's always have)
            if chars:
                t.startchar, t.endchar = start, end
            yield t


def _add_pairs(add: Any, terms: tuple[str, ...], start: int, end: int) -> None:
    """A CJK run's pairs each span two characters from where they begin; a word spans
    the whole match."""
    if len(terms) == 1:
        add((terms[0], start, end))
        return
    for i, term in enumerate(terms):
        add((term, start + i, start + i + 2))


@functools.cache
def analyzer() -> Words:
    return Words(stemmed=True)


@functools.cache
def surface_analyzer() -> Words:
    """The words as written (lower case, accents folded, CJK pairs), not stemmed: what a
    prefix is matched against ("monetiz*" against "monetization", whose stem is "monet")."""
    return Words(stemmed=False)


def terms_of(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) for every token of `text`: to mark matches in an article."""
    return analyzer().spans(text)
