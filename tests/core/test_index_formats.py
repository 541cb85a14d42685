"""The body's packed positions hold what Whoosh's Characters held, read without pickle."""

from __future__ import annotations

from whoosh.formats import Characters

from reader.core.search.analysis import analyzer
from reader.core.search.formats import PackedCharacters, unpacked

TEXT = "Video models, video reasoning: the video-reasoning model reasons. 日本語の記事 café Café"


def test_the_same_words_positions_and_characters_as_whoosh_s_own_format():
    ours = {w: (n, v) for w, n, _, v in PackedCharacters().word_values(TEXT, analyzer())}
    theirs = {w: (n, v) for w, n, _, v in Characters().word_values(TEXT, analyzer())}
    assert ours.keys() == theirs.keys() and len(ours) >= 10
    for word, (count, value) in ours.items():
        their_count, their_value = theirs[word]
        assert count == their_count
        assert PackedCharacters().decode_characters(value) == (
            Characters().decode_characters(their_value)
        )
        assert PackedCharacters().decode_positions(value) == (
            Characters().decode_positions(their_value)
        )
        assert PackedCharacters().decode_frequency(value) == count  # (Whoosh's own reading)


def test_encode_and_combine_round_trip():
    fmt = PackedCharacters()
    places = [(0, 0, 5), (7, 40, 47), (70_000, 4_000_000, 4_000_009)]
    value = fmt.encode(places)
    assert fmt.decode_characters(value) == places
    assert list(unpacked(value)) == [n for place in places for n in place]
    merged = fmt.combine([fmt.encode(places[:2]), fmt.encode(places[1:])])
    assert fmt.decode_characters(merged) == places
