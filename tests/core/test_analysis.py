"""ASCII text is split into words by a cheap pattern; it must find exactly the words the
full pattern (with its CJK classes, compiled only when text needs it) finds."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.search.analysis import (
    _ASCII_TOKEN,
    TOKEN,
    _add_pairs,
    analyzer,
    forms,
    surface_analyzer,
)
from reader.core.text import _WORD, word_count

FULL = re.compile(TOKEN)
ASCII_TEXT = st.text(alphabet=st.characters(min_codepoint=0, max_codepoint=127), max_size=80)
MIXED_TEXT = st.text(
    alphabet=st.sampled_from([*"ab Z9_'’.-é\n", "中", "文", "カ", "・", "한"]), max_size=40
)


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXT)
def test_the_ascii_pattern_finds_the_words_the_full_pattern_finds(text):
    assert [m.span() for m in _ASCII_TOKEN.finditer(text)] == [
        m.span() for m in FULL.finditer(text)
    ]


@settings(max_examples=400, deadline=None)
@given(ASCII_TEXT | MIXED_TEXT)
def test_every_text_becomes_the_terms_the_full_pattern_gives(text):
    for stemmed, words in ((True, analyzer()), (False, surface_analyzer())):
        expected: list = []
        for m in FULL.finditer(text):
            _add_pairs(expected.append, forms(m.group(), stemmed), m.start(), m.end())
        assert words.spans(text) == expected
        assert words.forms_of(text) == {t for t, _, _ in expected}


def test_words_and_stems_of_examples_as_before():
    spans = analyzer().spans("Luma's models, v2.1 and don't 中文字 café")
    assert [t for t, _, _ in spans] == [
        "luma",
        "model",
        "v2.1",
        "and",
        "don't",
        "中文",
        "文字",
        "cafe",
    ]
    assert spans[0][1:] == (0, 6)


@settings(max_examples=200, deadline=None)
@given(ASCII_TEXT | MIXED_TEXT)
def test_a_word_count_counts_each_cjk_character_as_a_word(text):
    cjk = re.compile(r"[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff]")
    assert word_count(text) == len(_WORD.findall(cjk.sub(" ", text))) + len(cjk.findall(text))


def test_stems_follow_porter_s_step_1b_at_the_end_of_the_word():
    """Reference Porter outputs (tartarus.org's voc.txt/output.txt pairs)."""
    expected = {
        "hopping": "hop",
        "tanned": "tan",
        "fizzed": "fizz",
        "hissing": "hiss",
        "falling": "fall",
        "filing": "file",
        "troubled": "troubl",
        "sized": "size",
        "rated": "rate",
    }
    assert {w: analyzer().spans(w)[0][0] for w in expected} == expected
    same = {analyzer().spans(w)[0][0] for w in ("monetize", "monetized", "monetizing")}
    assert same == {analyzer().spans("monetization")[0][0]}
