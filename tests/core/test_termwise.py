"""Term-at-a-time evaluation gives Whoosh's own hits, order, scores and counts."""

from __future__ import annotations

import random

import pytest
from whoosh import query as wq

from reader.core.search import SearchDocument, SearchIndex
from reader.core.search.index import _top
from reader.core.search.marks import match_spans, phrase_snippets
from reader.core.search.query import (
    BoundedFuzzy,
    as_typed,
    beginning_with,
    parse,
    typed_word,
    vocabulary,
    weigh_typed,
    within,
)
from reader.core.search.termwise import Termwise, _best

WORDS = str.split(
    "video model models modelling generation generative reasoning reason unified "
    "multimodal camera frame frames physics world simulate simulation market markets "
    "monetization monetize creator creators studio studios film films advertising "
    "prediction predictions forecast will converge convergence scale scaling data "
    "the of and to in a is that for it as with was on be by this are"
)


def _text(rng: random.Random, words: int) -> str:
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    return " ".join(rng.choices(WORDS, weights=weights, k=words)) + "."


def _docs(count: int, seed: int = 7, start: int = 1) -> list[SearchDocument]:
    rng = random.Random(seed)
    return [
        SearchDocument(
            n,
            _text(rng, 4).title(),
            (rng.choice(["Ada Lovelace", "Song Jiaming", "Grace Hopper"]),),
            rng.choice(["Film Weekly", "Model Review", ""]),
            _text(rng, rng.randint(20, 300)),
            f"2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}T00:00:00Z",
            tags=tuple(rng.sample(["ai-video", "market", "physics", "film"], rng.randint(0, 2))),
            notes=_text(rng, 6) if rng.random() < 0.3 else "",
            colors=("Yellow",) if rng.random() < 0.5 else (),
        )
        for n in range(start, start + count)
    ]


QUERIES = [
    "video",
    "models",
    "the",
    "video reasoning",
    "video OR physics",
    "video AND NOT physics",
    "video -market",
    "+camera frames",
    "camera OR (world AND simulate)",
    '"video reasoning"',
    '"the model"',
    '"generation models will"',
    '"market of"',
    "mod*",
    "gen*",
    "monetiz*",
    "modle~",
    "simulaton~2",
    "title:video",
    "author:song",
    "tag:physics",
    "tag:ai-video video",
    "note:market",
    "color:yellow camera",
    "saved:2026-03",
    "saved:[2026-02-01 TO 2026-05-31]",
    "nothingatall",
    "video nothingatall",
    "nothingatall OR video",
]


def _same(searcher, q) -> None:
    theirs = _top(searcher, q, 20)
    ours = Termwise(searcher).top(q, 20)
    assert ours is not None, q
    assert len(ours) == len(theirs), q
    assert [d for _, d in ours.top_n] == [d for _, d in theirs.top_n], q
    for (a, _), (b, _) in zip(ours.top_n, theirs.top_n, strict=True):
        assert a == pytest.approx(b, rel=1e-9), q
    # (Whoosh can count a phrase's word as matched where the phrase did not stand: its
    # matcher stops on the word while checking; ours counts only where it stands)
    phrased = any(isinstance(leaf, wq.Phrase) for leaf in q.leaves())
    for _, docnum in theirs.top_n:
        mine, whooshs = set(ours.docterms[docnum]), set(theirs.docterms[docnum])
        assert mine <= whooshs if phrased else mine == whooshs, q


@pytest.fixture(scope="module")
def one_segment(tmp_path_factory):
    docs = _docs(120)
    bodies = {d.article_id: d.body for d in docs}
    index = SearchIndex(
        tmp_path_factory.mktemp("termwise") / "index",
        texts=lambda ids: {i: bodies[i] for i in ids},
    )
    index.open_or_create()
    index.rebuild(docs, total=120)
    index.bodies = bodies  # type: ignore[attr-defined]
    yield index
    index.close()


@pytest.mark.parametrize("text", QUERIES)
def test_the_same_hits_scores_and_matched_terms_as_whoosh(one_segment, text):
    searcher = one_segment._searcher
    q, _ = parse(searcher.schema, text)
    assert q is not None
    _same(searcher, q)


@pytest.mark.parametrize("text", ["vid", "video mod", "video reas", "tag:physics mon"])
def test_the_same_as_whoosh_for_a_word_being_typed(one_segment, text):
    searcher = one_segment._searcher
    q, _ = parse(searcher.schema, as_typed(text))
    _same(searcher, weigh_typed(q, typed_word(text)))


def test_many_segments_with_deleted_and_replaced_articles(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(_docs(60), total=60)
    for doc in _docs(15, seed=11, start=61):  # each its own commit: segments pile up
        index.add_or_update(doc)
    for doc in _docs(10, seed=12, start=5):  # articles 5-14 replaced: deletions
        index.add_or_update(doc)
    index.delete(30)
    searcher = index._searcher
    assert len(searcher.leaf_searchers()) > 1
    assert searcher.reader().has_deletions()
    # (a prefix or fuzzy word is expanded over the whole index here, over each segment
    # on its own in Whoosh, so those are compared on one segment only)
    for text in QUERIES:
        q, _ = parse(searcher.schema, text)
        if not any(isinstance(leaf, wq.MultiTerm) for leaf in q.leaves()):
            _same(searcher, q)
    q, _ = parse(searcher.schema, "video OR the")
    found = {d for _, d in Termwise(searcher).top(q, 1000).top_n}
    reader = searcher.reader()
    deleted = {d for d in range(reader.doc_count_all()) if reader.is_deleted(d)}
    assert deleted and not found & deleted
    index.close()


@pytest.mark.parametrize("limit", [0, 1, 3, 5, 8, 50])
def test_the_best_scores_are_chosen_as_a_full_sort_chooses_them(limit):
    rng = random.Random(limit)
    scores = {d: float(rng.choice([1, 2, 2, 3, 3, 3])) for d in rng.sample(range(1000), 40)}
    everything = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))
    assert _best(scores, limit) == everything[:limit]


def test_the_best_of_many_tied_scores_are_the_first_documents():
    scores = {d: 1.0 for d in range(5000, 0, -1)} | {9999: 2.0}
    assert _best(scores, 4) == [(9999, 2.0), (1, 1.0), (2, 1.0), (3, 1.0)]
    assert len(_best({1: float("nan"), 2: 1.0, 3: 2.0}, 2)) == 2  # (a NaN loses no hit)


def test_a_phrase_with_slop_is_left_to_whoosh_and_still_answered(one_segment):
    searcher = one_segment._searcher
    q = wq.Phrase("body", ["video", "model"], slop=3)
    assert Termwise(searcher).top(q, 20) is None
    result = one_segment.search('"video model"~3')
    assert result.error is None and result.total == len(_top(searcher, q, 20))


def test_snippets_and_counts_come_from_the_postings_read(tmp_path):
    bodies = {1: "A unified video model. Another video, and a video reasoning model."}
    index = SearchIndex(tmp_path / "index", texts=lambda ids: {i: bodies[i] for i in ids})
    index.open_or_create()
    index.rebuild([SearchDocument(1, "One", (), "", bodies[1], "2026-01-01T00:00:00Z")], total=1)
    hit = index.search("video").hits[0]
    assert hit.match_count == 3
    assert hit.snippets and hit.snippets[0].count("<b>video</b>") >= 2
    assert index.search("reasoning").hits[0].snippets[0].count("<b>reasoning</b>") == 1
    index.close()


@pytest.mark.parametrize("at", [(1, 0, 2, ""), (2, 5, 2, " camera"), (7, 3, 3, ""), (9, 1, 2, "")])
def test_phrase_counts_and_snippets_from_the_postings_match_the_text(one_segment, at):
    """Where a phrase stands is read from the postings' positions; the text analysed
    again gives the same count and the same bold."""
    article, start, length, more = at
    words = one_segment.bodies[article].rstrip(".").split()[start : start + length]
    text = f'"{" ".join(words)}"{more}'
    result = one_segment.search(text)
    assert article in [h.article_id for h in result.hits] or result.total > 20
    for hit in result.hits:
        body = one_segment.bodies[hit.article_id]
        phrases, spans = match_spans(body, hit.terms, text)
        if phrases:  # (a hit without the phrase gets Whoosh's snippets of its words)
            assert hit.snippets == phrase_snippets(body, phrases, spans)
            assert hit.match_count == len(phrases) + len(spans)


@pytest.mark.parametrize("distance", [1, 2])
def test_a_fuzzy_word_finds_what_a_scan_of_every_term_finds(one_segment, distance):
    """The candidates come from each segment's vocabulary, read once and kept; they are
    exactly the terms a scan of the whole vocabulary finds."""
    reader = one_segment._searcher.reader()
    vocabulary = [t.decode() for t in reader.lexicon("body")]
    words = ["modle", "vidoe", "generaton", "camerra", "frme", "smulat", "thee", "o", "ofx"]
    words += [w[:2] + w[3:] for w in vocabulary[::7]] + [w + "s" for w in vocabulary[::11]]
    seen = 0
    for word in words:
        fuzzy = BoundedFuzzy("body", word, maxdist=distance, prefixlength=distance)
        scanned = {
            t for t in vocabulary
            if t.startswith(word[:distance]) and abs(len(t) - len(word)) <= distance
            and within(word, t, distance)
        }  # fmt: skip
        assert set(fuzzy.near(reader)) == scanned, word
        seen += bool(scanned)
    assert seen > len(words) // 2


def test_prefixes_expand_from_the_read_vocabularies_as_whoosh_walks_its_terms(
    tmp_path, monkeypatch
):
    from reader.core.search import query

    monkeypatch.setattr(query, "SMALL_SEGMENT", 0)  # (no segment read unasked)
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(_docs(40), total=40)
    for doc in _docs(6, seed=5, start=41):
        index.add_or_update(doc)
    reader = index._searcher.reader()
    assert len(reader.leaf_readers()) > 1
    prefixes = ["mod", "vid", "g", "the", "zzz", "monetiz", "a"]
    fields = ["body", "words", "title"]
    walked = {(f, p): beginning_with(reader, f, p) for f in fields for p in prefixes}
    for leaf, _ in reader.leaf_readers():
        assert vocabulary(leaf, "body", load=False) is None  # (not read: Whoosh walked)
    index.warm()
    for leaf, _ in reader.leaf_readers():
        assert vocabulary(leaf, "words", load=False) is not None
    for (field, prefix), words in walked.items():
        assert beginning_with(reader, field, prefix, load=True) == words, (field, prefix)
    assert walked[("words", "monetiz")] == ["monetization", "monetize"]
    assert index.search("monetiz*").total == index.search("monetization OR monetize").total
    index.close()


def test_the_postings_kept_between_searches_stay_within_bounds(one_segment, monkeypatch):
    from reader.core.search import termwise

    searcher = one_segment._searcher
    q, _ = parse(searcher.schema, "video OR the OR model OR camera OR gen*")
    unbounded = Termwise(searcher).top(q, 20)
    monkeypatch.setattr(termwise, "CACHED_POSTINGS", 150)
    bounded = Termwise(searcher)
    for _ in range(3):  # (what was dropped is read again)
        again = bounded.top(q, 20)
        assert again.top_n == unbounded.top_n and len(again) == len(unbounded)
        assert bounded._kept == sum(len(scores) for scores, _ in bounded._terms.values())
        assert bounded._kept <= 150 or len(bounded._terms) == 1


def test_the_vocabularies_of_segments_gone_are_forgotten_when_warmed(tmp_path):
    from reader.core.search import query

    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(_docs(30), total=30)
    index.warm()
    old = {leaf.segment().segment_id() for leaf, _ in index._searcher.reader().leaf_readers()}
    assert old <= {segment for segment, _ in query._VOCABULARIES}
    index.rebuild(_docs(30, seed=3), total=30)  # (a new index: new segments)
    index.warm()
    kept = {segment for segment, _ in query._VOCABULARIES}
    assert not old & kept and kept
    assert index.search("gen*").total == index.search("generation OR generative").total
    index.close()


def test_warming_beside_searches_never_mixes_their_reads(tmp_path):
    import threading

    from reader.core.search import query

    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(_docs(80), total=80)
    expected = {q: index.search(q).total for q in ("gen*", "video", '"video model"', "modle~")}
    failures: list[BaseException] = []
    stop = threading.Event()

    def warming() -> None:
        while not stop.is_set():
            query._VOCABULARIES.clear()
            index.warm()

    thread = threading.Thread(target=warming)
    thread.start()
    try:
        for _ in range(40):
            for q, total in expected.items():
                try:
                    assert index.search(q).total == total, q
                except BaseException as exc:  # (collected: the thread is stopped first)
                    failures.append(exc)
    finally:
        stop.set()
        thread.join()
    assert not failures, failures[:3]
    index.close()


def test_a_segment_written_after_warming_is_read_when_first_needed(tmp_path):
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(_docs(30), total=30)
    index.warm()
    index.add_or_update(_docs(1, seed=9, start=31)[0])  # a new, small segment
    reader = index._searcher.reader()
    assert len(reader.leaf_readers()) > 1
    assert all(
        vocabulary(leaf, "words", load=False) is not None for leaf, _ in reader.leaf_readers()
    )
    index.close()
