"""The analyzer: words, lower case, accents folded, stems; CJK runs as character bigrams."""

from __future__ import annotations

import functools
import re

from whoosh.analysis import CharsetFilter, Filter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.support.charset import accent_map

CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af\uf900-\ufaff\uff66-\uff9f"
_CJK_RUN = re.compile(f"^[{CJK}]+$")
# a word: letters/digits (with inner apostrophes or dots), or one run of CJK characters
TOKEN = re.compile(rf"[{CJK}]+|[^\W{CJK}_]+(?:['’.][^\W{CJK}_]+)*", re.UNICODE)
MAX_TOKEN = 64


class CJKBigramFilter(Filter):
    """A CJK run becomes its overlapping two-character pieces (one char stays one token)."""

    def __call__(self, tokens):  # type: ignore[override]  # Whoosh filters take tokens
        pos = 0
        for t in tokens:
            text = t.text
            if len(text) > 1 and _CJK_RUN.match(text):
                start = t.startchar if t.chars else 0
                for i in range(len(text) - 1):
                    t.text = text[i : i + 2]
                    if t.positions:
                        t.pos = pos
                    if t.chars:
                        t.startchar, t.endchar = start + i, start + i + 2
                    pos += 1
                    yield t
            else:
                t.text = text[:MAX_TOKEN]
                if t.positions:
                    t.pos = pos
                pos += 1
                yield t


class _SkipCJKStem(StemFilter):
    """Porter stems for words; CJK bigrams pass through unchanged."""

    def __call__(self, tokens):  # type: ignore[override]  # Whoosh filters take tokens
        stemfn = self._stem
        ignore = self.ignore
        for t in tokens:
            if not t.stopped and t.text not in ignore and not _CJK_RUN.match(t.text):
                t.text = stemfn(t.text)
            yield t


@functools.cache
def analyzer():
    return (
        RegexTokenizer(TOKEN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | CJKBigramFilter()
        | _SkipCJKStem()
    )


@functools.cache
def surface_analyzer():
    """The words as written (lower case, accents folded, CJK pairs), not stemmed: what a
    prefix is matched against ("monetiz*" against "monetization", whose stem is "monet")."""
    return RegexTokenizer(TOKEN) | LowercaseFilter() | CharsetFilter(accent_map) | CJKBigramFilter()


def terms_of(text: str) -> list[tuple[str, int, int]]:
    """(term, start, end) for every token of `text`: to mark matches in an article."""
    return [
        (t.text, t.startchar, t.endchar)
        for t in analyzer()(text, chars=True, positions=False, mode="index")
    ]
