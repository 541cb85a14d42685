"""How the body's postings hold where each word stands: packed integers, not pickles.

Whoosh's Characters format keeps a posting's (position, start, end) list as a pickle of
deltas: each is written with pickle when indexing, and read back with an unpickler of
its own (~16 µs for a common word in a long article, so a phrase of common words took a
second at 10,000 articles). `PackedCharacters` keeps them as one array of unsigned 32-bit
integers, little-endian (position, start, end, position, ...), packed and unpacked by
the array module in C. The count before them is Whoosh's own, so everything Whoosh reads
from a value (frequency, weight) works unchanged.
"""

from __future__ import annotations

import sys
from array import array
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from whoosh.formats import Characters, Existence, tokens
from whoosh.system import _INT_SIZE, pack_uint

_CODE = next(code for code in "IL" if array(code).itemsize == 4)
_SWAP = sys.byteorder == "big"


class PackedCharacters(Characters):
    """Characters whose values are packed integers (see the module's note)."""

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterable[tuple[Any, int, float, bytes]]:  # (a word; Whoosh says bytes, gives str)
        boost = self.field_boost
        seen: dict[str, array] = defaultdict(lambda: array(_CODE))
        spans = getattr(analyzer, "spans", None)
        if spans is not None and isinstance(value, str):  # (our analyzer: no Token per word)
            for position, (word, start, end) in enumerate(spans(value)):
                seen[word].extend((position, start, end))
            for word, packed in seen.items():
                count = len(packed) // 3
                yield (word, count, count * boost, _packed(count, packed))
            return
        weights: dict[str, float] = defaultdict(float)
        kwargs["positions"] = kwargs["chars"] = kwargs["boosts"] = True
        for t in tokens(value, analyzer, kwargs):
            seen[t.text].extend((t.pos, t.startchar, t.endchar))
            weights[t.text] += t.boost
        for word, packed in seen.items():
            count = len(packed) // 3
            yield (word, count, weights[word] * boost, _packed(count, packed))

    def encode(self, poslist: Any) -> bytes:
        packed = array(_CODE)
        for position, start, end in poslist:
            packed.extend((position, start, end))
        return _packed(len(poslist), packed)

    def decode_characters(self, valuestring: bytes) -> list[tuple[int, int, int]]:
        numbers = unpacked(valuestring)
        return list(zip(numbers[0::3], numbers[1::3], numbers[2::3], strict=True))

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return unpacked(valuestring)[0::3].tolist()


def _packed(count: int, numbers: array) -> bytes:
    if _SWAP:
        numbers.byteswap()
    return pack_uint(count) + numbers.tobytes()


def unpacked(valuestring: bytes) -> array:
    """A value's integers: position, start, end for each place the word stands."""
    numbers = array(_CODE)
    numbers.frombytes(valuestring[_INT_SIZE:])
    if _SWAP:
        numbers.byteswap()
    return numbers


class WordSet(Existence):
    """Which words a document holds, nothing more: for a field read only for its
    vocabulary (the words as written, with how many documents hold each)."""

    def word_values(
        self, value: Any, analyzer: Any, **kwargs: Any
    ) -> Iterable[tuple[Any, int, float, bytes]]:
        forms_of = getattr(analyzer, "forms_of", None)
        if forms_of is None or not isinstance(value, str):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for word in forms_of(value):
            yield (word, 1, boost, b"")
