"""Anchoring highlights: example-based tests of each stage and of the helpers."""

from __future__ import annotations

import pytest

from reader.core.annotations.anchoring import (
    THRESHOLD,
    anchor,
    anchor_many,
    best_candidate,
    describe,
    find_occurrences,
    occurrence_context,
)
from reader.core.annotations.anchoring_fuzzy import edit_distance, last_row, min_errors, search
from reader.core.models import Highlight, TextPositionSelector, TextQuoteSelector

ARTICLE = (
    "Video generation models are getting better every month.\n"
    "The real question is whether they can reason about the physical world. "
    "Most demos still fail at simple things like pouring water into a glass.\n"
    "We think unified multimodal models will close that gap within two years. "
    "Still, the real question is whether users will pay for it.\n"
    "Nobody knows yet, and the market is small."
)


def span_of(text: str, passage: str, nth: int = 0) -> tuple[int, int]:
    start = find_occurrences(text, passage)[nth]
    return start, start + len(passage)


def test_describe_takes_exact_text_and_32_chars_of_context():
    start, end = span_of(ARTICLE, "unified multimodal models")
    quote, position = describe(ARTICLE, start, end)
    assert quote.exact == "unified multimodal models"
    assert quote.prefix == ARTICLE[start - 32 : start]
    assert quote.suffix == ARTICLE[end : end + 32]
    assert position == TextPositionSelector(start, end)


def test_describe_near_the_edges_keeps_shorter_context():
    quote, _ = describe(ARTICLE, 0, 5)
    assert quote.prefix == ""
    assert quote.suffix == ARTICLE[5:37]
    quote, _ = describe(ARTICLE, len(ARTICLE) - 5, len(ARTICLE))
    assert quote.suffix == ""


@pytest.mark.parametrize("start,end", [(5, 5), (6, 5), (-1, 3), (0, len(ARTICLE) + 1)])
def test_describe_rejects_empty_or_out_of_range_spans(start, end):
    with pytest.raises(ValueError):
        describe(ARTICLE, start, end)


def test_unchanged_text_anchors_by_position():
    start, end = span_of(ARTICLE, "pouring water into a glass")
    found = anchor(ARTICLE, *describe(ARTICLE, start, end))
    assert (found.start, found.end, found.method, found.score) == (start, end, "position", 1.0)


def test_text_edited_before_the_highlight_shifts_it():
    start, end = span_of(ARTICLE, "pouring water into a glass")
    quote, position = describe(ARTICLE, start, end)
    edited = "Editor's note: updated in May.\n" + ARTICLE.replace("every month", "each week")
    found = anchor(edited, quote, position)
    assert found.method == "quote"
    assert edited[found.start : found.end] == "pouring water into a glass"
    assert found.start == start + len("Editor's note: updated in May.\n") - 2


def test_text_edited_inside_the_highlight_anchors_fuzzily():
    passage = "unified multimodal models will close that gap within two years"
    start, end = span_of(ARTICLE, passage)
    quote, position = describe(ARTICLE, start, end)
    edited = ARTICLE.replace(
        passage, "unified multi-modal models could close the gap within two years"
    )
    found = anchor(edited, quote, position)
    assert found is not None and found.method == "fuzzy"
    assert THRESHOLD <= found.score < 1.0
    assert edited[found.start : found.end].startswith("unified multi-modal")
    assert edited[found.start : found.end].endswith("within two years")


def test_repeated_quote_is_resolved_by_prefix_and_suffix():
    start, end = span_of(ARTICLE, "the real question is whether", nth=0)
    quote, position = describe(ARTICLE, start, end)
    second = find_occurrences(ARTICLE, "the real question is whether")[0]
    assert second == start  # the lower-case one is the second sentence's
    # Insert text so the stored position now points at nothing useful.
    edited = "A" * 500 + ARTICLE
    found = anchor(edited, quote, position)
    assert found.start == start + 500 and found.method == "quote"


def test_repeated_quote_prefers_context_over_distance():
    text = "alpha one two three omega. " * 3 + "beta one two three gamma. " + "delta " * 20
    start, end = span_of(text, "one two three", nth=3)
    quote, position = describe(text, start, end, context=5)
    moved = text.replace("beta one two three gamma. ", "") + "beta one two three gamma."
    found = anchor(moved, quote, position)
    assert moved[found.start - 5 : found.end + 6] == "beta one two three gamma"
    assert found.method == "quote"


def test_repeated_quote_with_equal_context_takes_the_nearest():
    text = "x " * 50 + "same words here. " * 6 + "y " * 50
    start, end = span_of(text, "same words here.", nth=3)
    quote, position = describe(text, start, end, context=4)
    shifted = text[2:]
    found = anchor(shifted, quote, position)
    assert (found.start, found.end) == (start - 2, end - 2)


def test_deleted_quote_is_unanchored_but_has_a_best_candidate():
    passage = "Most demos still fail at simple things like pouring water into a glass."
    start, end = span_of(ARTICLE, passage)
    quote, position = describe(ARTICLE, start, end)
    edited = ARTICLE.replace(passage + "\n", "")
    assert anchor(edited, quote, position) is None
    candidate = best_candidate(edited, quote, position)
    assert candidate is not None and candidate.method == "fuzzy"
    assert 0.0 <= candidate.score < THRESHOLD
    assert 0 <= candidate.start < candidate.end <= len(edited)


def test_best_candidate_equals_anchor_when_anchorable():
    start, end = span_of(ARTICLE, "the market is small")
    quote, position = describe(ARTICLE, start, end)
    assert best_candidate(ARTICLE, quote, position) == anchor(ARTICLE, quote, position)


def test_similar_sentence_elsewhere_is_not_trusted():
    text = "Alpha beta gamma. The cat sat on the mat. Delta epsilon. The cat sat on the hat. Zeta."
    start, end = span_of(text, "The cat sat on the hat")
    quote, position = describe(text, start, end)
    edited = text.replace("The cat sat on the hat. ", "")
    assert anchor(edited, quote, position) is None
    candidate = best_candidate(edited, quote, position)
    assert edited[candidate.start : candidate.end].startswith("The cat sat on the mat")


def test_quote_across_blocks_matches_other_whitespace():
    start, end = span_of(ARTICLE, "every month.\nThe real")
    quote, position = describe(ARTICLE, start, end)
    rewrapped = ARTICLE.replace("every month.\nThe real", "every month. The real")
    found = anchor(rewrapped, quote, position)
    assert rewrapped[found.start : found.end] == "every month. The real"
    assert found.method in ("position", "quote")
    doubled = "Intro.\n\n" + ARTICLE.replace("every month.\nThe real", "every month.\n\n  The real")
    found = anchor(doubled, quote, position)
    assert doubled[found.start : found.end] == "every month.\n\n  The real"
    assert found.method == "quote"


def test_position_without_matching_context_still_finds_the_right_copy():
    text = "aaa bbb ccc. zzz bbb yyy. " + "filler " * 10
    start, end = span_of(text, "bbb", nth=1)
    quote, position = describe(text, start, end)
    edited = "13 characters" + text  # the first "bbb" now sits where the second was
    assert edited[start:end] == "bbb"
    found = anchor(edited, quote, position)
    assert (found.start, found.end) == (start + 13, end + 13)


def test_no_position_selector_uses_the_quote_alone():
    start, end = span_of(ARTICLE, "close that gap")
    quote, _ = describe(ARTICLE, start, end)
    found = anchor("New intro. " + ARTICLE, quote, None)
    assert (found.start, found.method) == (start + 11, "quote")


def test_empty_quote_or_text_gives_none():
    assert anchor(ARTICLE, TextQuoteSelector(""), None) is None
    assert anchor("", TextQuoteSelector("word"), TextPositionSelector(0, 4)) is None
    assert best_candidate("", TextQuoteSelector("word"), None) is None


def test_unicode_cjk_and_emoji():
    text = "前言。視頻生成模型每個月都在進步 🚀🎬 但真正的問題是推理能力。\n結論 👍🏽 還早。"
    start, end = span_of(text, "真正的問題是推理能力")
    quote, position = describe(text, start, end)
    assert anchor(text, quote, position).method == "position"
    shifted = "🙂🙂" + text
    found = anchor(shifted, quote, position)
    assert (found.start, found.end) == (start + 2, end + 2)
    changed = shifted.replace("真正的問題是推理能力", "真正的问题是推理能力")
    found = anchor(changed, quote, position)
    assert found.method == "fuzzy"
    assert changed[found.start : found.end] == "真正的问题是推理能力"
    emoji_start, emoji_end = span_of(text, "🚀🎬")
    assert anchor(text, *describe(text, emoji_start, emoji_end)).start == emoji_start


def test_find_occurrences_includes_overlaps():
    assert find_occurrences("aaaa", "aa") == [0, 1, 2]
    assert find_occurrences("abc", "") == []
    assert find_occurrences("abc", "d") == []


def test_occurrence_context_shows_one_line_with_brackets():
    start, end = span_of(ARTICLE, "The real question")
    line = occurrence_context(ARTICLE, start, end, width=15)
    assert line == "…r every month. [The real question] is whether the…"
    assert occurrence_context("short", 0, 5) == "[short]"


def test_anchor_many_matches_anchor_and_accepts_highlights_or_pairs():
    passages = ["Video generation", "physical world", "two years", "pay for it", "small"]
    items = [describe(ARTICLE, *span_of(ARTICLE, p)) for p in passages]
    edited = "Preface.\n" + ARTICLE.replace("physical world", "real physical world")
    edited = edited.replace("two years", "2 years").replace("pay for it", "pay")
    results = anchor_many(edited, items)
    spans = [(r.start, r.end) if r else None for r in results]
    singles = [anchor(edited, q, p) for q, p in items]
    assert spans == [(r.start, r.end) if r else None for r in singles]
    assert [r.method if r else None for r in results] == [
        "quote",
        "quote",
        None,
        None,
        "quote",
    ]
    highlights = [
        Highlight(id=i, uid=str(i), article_id=1, color=1, quote=q, position=p)
        for i, (q, p) in enumerate(items)
    ]
    assert anchor_many(edited, highlights) == results
    assert anchor_many(edited, []) == []


def test_anchor_many_follows_shifts_through_many_edits():
    words = [f"w{i:04d}" for i in range(2000)]
    text = " ".join(words)
    spans = [span_of(text, " ".join(words[i : i + 5])) for i in range(0, 2000, 40)]
    items = [describe(text, s, e) for s, e in spans]
    edited = text
    for i in range(1990, 0, -100):  # insertions between highlights, from the end back
        cut = edited.index(words[i])
        edited = edited[:cut] + "inserted text " + edited[cut:]
    for (quote, _), found in zip(items, anchor_many(edited, items), strict=True):
        assert edited[found.start : found.end] == quote.exact


def test_fuzzy_search_helpers_agree_with_a_plain_dynamic_programme():
    def plain(pattern: str, text: str) -> list[int]:
        row = [0] * (len(text) + 1)
        for i, p in enumerate(pattern, start=1):
            new = [i]
            for j, t in enumerate(text, start=1):
                new.append(min(row[j] + 1, new[j - 1] + 1, row[j - 1] + (p != t)))
            row = new
        return row

    for pattern, text in [("kitten", "sitting on a mitten"), ("中文😀", "有中文😀的"), ("ab", "")]:
        assert last_row(pattern, text) == plain(pattern, text)
    assert edit_distance("kitten", "sitting") == 3
    assert min_errors("quick brwn", "the quick brown fox") == 1
    [match] = search("the quick brown fox jumps", "quick brwn fox", 3)
    assert (match.start, match.end, match.errors) == (4, 19, 1)
    assert search("the quick brown fox", "zzzzzzzz", 2) == []
