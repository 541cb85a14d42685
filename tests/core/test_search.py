"""Full-text search over a real Whoosh index in tmp_path."""

from __future__ import annotations

import json
import re
from dataclasses import replace

import pytest

from reader.core.search import INDEX_VERSION, SearchDocument, SearchIndex
from reader.core.search.analysis import terms_of
from reader.core.search.service import IndexCheck
from reader.core.session import open_session
from tests.conftest import CORPUS


def doc(article_id: int, title: str, body: str, **extra) -> SearchDocument:
    fields = dict(authors=("A. Writer",), publication="Pub", saved_at="2026-03-05T10:00:00Z")
    return SearchDocument(article_id, title, body=body, **{**fields, **extra})


class Bodies(dict):
    """The body texts the index does not store, by article id (the database's role)."""

    def __call__(self, article_ids: list[int]) -> dict[int, str]:
        return {i: self[i] for i in article_ids if i in self}

    def rebuild(self, ix: SearchIndex, docs: list[SearchDocument]) -> None:
        self.update({d.article_id: d.body for d in docs})
        ix.rebuild(docs, total=len(docs))


def indexed(tmp_path, docs: list[SearchDocument]) -> SearchIndex:
    """A new index of these documents, their texts at hand for snippets."""
    bodies = Bodies()
    ix = SearchIndex(tmp_path / "index", texts=bodies)
    ix.open_or_create()
    bodies.rebuild(ix, docs)
    return ix


@pytest.fixture
def index(tmp_path):
    bodies = Bodies()
    ix = SearchIndex(tmp_path / "index", texts=bodies)
    assert ix.open_or_create() == "the search index is missing"
    bodies.rebuild(
        ix,
        [
            doc(1, "Video models", "Video generation models will converge to a unified model."),
            doc(
                2, "Café culture", "A café in Paris serves coffee. Retention of customers matters."
            ),
            doc(
                3,
                "日本語の記事",
                "日本語のテキスト検索を試します。",
                saved_at="2025-01-10T00:00:00Z",
            ),
            doc(
                4,
                "Sports",
                "The team will win next season, fans believe.",
                tags=("sport",),
                notes="my own note about football",
                colors=("Disagree",),
            ),
        ],
    )
    yield ix
    ix.close()


def ids(result) -> list[int]:
    return sorted(h.article_id for h in result.hits)


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("models", [1]),  # stemming: models -> model
        ("model", [1]),
        ("cafe", [2]),  # accent folding
        ("café", [2]),
        ("検索", [3]),  # CJK bigrams
        ("テキスト", [3]),
        ('"unified model"', [1]),
        ('"model unified"', []),
        ("retent*", [2]),
        ("video OR coffee", [1, 2]),
        ("video coffee", []),  # all words must match
        ("will -video", [4]),
        ("will NOT video", [4]),
        ("convrge~", [1]),
        ("convrege~2", [1]),
        ("title:café", [2]),
        ("author:writer", [1, 2, 3, 4]),
        ("tag:sport", [4]),
        ("note:football", [4]),
        ("color:disagree", [4]),
        ("saved:2025", [3]),
        ("saved:2026-03", [1, 2, 4]),
        ("saved:[2025-01-01 TO 2025-12-31]", [3]),
    ],
)
def test_query_language(index, query, expected):
    result = index.search(query)
    assert result.error is None
    assert ids(result) == expected


def test_hits_have_title_snippets_with_marked_words_and_counts(index):
    [hit] = index.search("models").hits
    assert hit.title == "Video models" and hit.publication == "Pub"
    assert hit.match_count == 2  # "models" and "model" in the body
    assert any("<b>models</b>" in s for s in hit.snippets)
    assert hit.terms == ("model",)


def test_without_texts_there_are_hits_but_no_snippets(tmp_path):
    ix = SearchIndex(tmp_path / "i")
    ix.open_or_create()
    ix.rebuild([doc(1, "x", "danger ahead")], total=1)
    [hit] = ix.search("danger").hits
    assert hit.article_id == 1 and hit.snippets == () and hit.match_count == 1
    ix.close()


def test_match_counts_are_the_same_with_or_without_texts(tmp_path):
    """With texts the count comes from the spans loaded for snippets; without, from the
    postings: both count every occurrence of every matched word in the body."""
    body = "Video models. A video model, another video. Models of video. Nothing else."
    counts = []
    for texts in (Bodies(), None):
        ix = SearchIndex(tmp_path / f"i{len(counts)}", texts=texts)
        ix.open_or_create()
        docs = [doc(1, "x", body), doc(2, "y", "one video only")]
        texts.rebuild(ix, docs) if texts is not None else ix.rebuild(docs, total=2)
        counts.append({h.article_id: h.match_count for h in ix.search("video model").hits})
        counts.append({h.article_id: h.match_count for h in ix.search("vid*").hits})
        ix.close()
    assert counts[0] == counts[2] == {1: 7}  # video ×4, model(s) ×3
    assert counts[1] == counts[3] == {1: 4, 2: 1}


def test_snippets_are_escaped(tmp_path):
    bodies = Bodies()
    ix = SearchIndex(tmp_path / "i", texts=bodies)
    ix.open_or_create()
    bodies.rebuild(ix, [doc(1, "x", "<script>alert(1)</script> danger & model")])
    [hit] = ix.search("danger").hits
    assert "<script" not in "".join(hit.snippets) and "&amp;" in "".join(hit.snippets)
    ix.close()


def test_title_is_boosted(tmp_path):
    ix = SearchIndex(tmp_path / "i")
    ix.open_or_create()
    ix.rebuild([doc(1, "Other", "reasoning " * 3), doc(2, "Reasoning", "nothing else here")], 2)
    assert next(h.article_id for h in ix.search("reasoning").hits) == 2
    ix.close()


def test_did_you_mean(index):
    result = index.search("converj unifed")
    assert result.hits == () and result.corrected_query == "converge unified"
    assert index.search("zzzzqqq").corrected_query is None


@pytest.mark.parametrize(
    "query",
    [
        "*",
        "?",
        "a*",
        "ab*",
        "title:",
        "author:",
        '"unbalanced',
        "((video",
        "video))",
        "\x00",
        "video\x00models",
        "\ud800",
        "lone \udfff surrogate",
        "🎬🎥",
        "AND",
        "OR",
        "NOT",
        "AND OR NOT",
        "x" * 10_000,
        "video " * 200,
        "tag:",
        "saved:",
        "saved:[x TO",
        "~",
        "~2",
        "a~2",
        "::::",
        "+-+-",
        "\\",
        "[",
        "]",
        "{}",
        "^",
        "title:(",
        "*video*",
    ],
)
def test_bad_queries_return_results_or_a_clear_error(index, query):
    result = index.search(query)
    assert isinstance(result.hits, tuple)
    assert result.error is None or (isinstance(result.error, str) and result.error)


def test_short_prefix_and_too_long_query_say_why(index):
    assert "at least 3 letters" in index.search("ab*").error
    assert "too long" in index.search("x" * 10_000).error


def test_add_update_delete_are_searchable_at_once(index):
    index.add_or_update(doc(5, "Fresh", "brand new kaleidoscope text"))
    assert ids(index.search("kaleidoscope")) == [5]
    index.add_or_update(doc(5, "Fresh", "now about telescopes"))
    assert ids(index.search("kaleidoscope")) == [] and ids(index.search("telescope")) == [5]
    index.delete(5)
    assert ids(index.search("telescope")) == []


# Whoosh leaves a file handle open when it raises on a damaged table of contents.
@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_missing_old_and_damaged_index_need_a_rebuild(tmp_path):
    path = tmp_path / "index"
    ix = SearchIndex(path)
    assert ix.open_or_create() is not None
    ix.rebuild([doc(1, "t", "body words")], 1)
    ix.close()
    assert SearchIndex(path).open_or_create() is None
    (path / "reader-index.json").write_text(f'{{"version": {INDEX_VERSION - 1}}}')
    assert "older version" in SearchIndex(path).open_or_create()
    ix = SearchIndex(path)
    ix.rebuild([doc(1, "t", "body words")], 1)
    ix.close()
    for segment in path.glob("*.seg"):
        segment.write_bytes(segment.read_bytes()[:40])  # truncated, as after a crash
    for toc in path.glob("_MAIN_*.toc"):
        toc.write_bytes(b"garbage")
    assert SearchIndex(path).open_or_create() is not None


def test_search_service_rebuilds_when_the_index_disagrees(data_dir):
    session = open_session(data_dir)
    search = session.search
    docs = session.documents
    assert search.needs_rebuild(docs) is not None
    search.rebuild(docs)
    assert search.needs_rebuild(docs) is None
    assert ids(search.search("unified multimodal")) == [1]
    article = session.library.get(1)
    start = article.plain_text.index("Dream Machine")
    h = session.highlights.add(
        1, article.plain_text, start, start + 13, note="zeppelin idea", tags=["dreamy"]
    )
    assert ids(search.search("note:zeppelin")) == [1]  # queued, and in before the search
    assert ids(search.search("tag:dreamy")) == [1]
    assert ids(search.search("color:yellow")) == [1]
    session.highlights.rename_color(1, "Evidence")
    assert ids(search.search("color:evidence")) == [1] and ids(search.search("color:yellow")) == []
    session.highlights.delete(h.id)
    assert ids(search.search("note:zeppelin")) == []
    session.bus.unsubscribe(search.on_changes)  # a change the index does not hear about
    session.highlights.restore(h.id)
    assert search.needs_rebuild(docs) == "the search index disagrees with the library"
    search.rebuild(docs)
    assert ids(search.search("note:zeppelin")) == [1]
    assert search.last_error is None
    session.close()


def test_a_second_writer_in_another_process_is_waited_for(index, tmp_path):
    import subprocess
    import sys
    import time

    holder = (
        "import sys, time\n"
        "from whoosh import index\n"
        "ix = index.open_dir(sys.argv[1])\n"
        "w = ix.writer()\n"
        "print('locked', flush=True)\n"
        "time.sleep(1.5)\n"
        "w.cancel()\n"
    )
    proc = subprocess.Popen(
        [sys.executable, "-c", holder, str(index.path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "locked"
    started = time.monotonic()
    index.add_or_update(doc(9, "Waited", "patience is rewarded"))
    waited = time.monotonic() - started
    proc.wait(timeout=10)
    proc.stdout.close()
    assert waited > 0.5  # it waited for the other writer instead of failing
    assert ids(index.search("patience")) == [9]


def test_a_phrase_is_marked_whole_and_only_where_its_words_stand_together(data_dir):
    session = open_session(data_dir)
    text = "Video reasoning is new. Reasoning about video is old. And video reasoning again."
    terms = [t for t, _, _ in terms_of("video reasoning")]
    marked = session.search.match_ranges(text, terms, '"video reasoning" models')
    assert [text[s:e] for s, e in marked] == ["Video reasoning", "video reasoning"]
    words = session.search.match_ranges(text, terms, "video reasoning")  # no quotes
    assert [text[s:e].lower() for s, e in words] == [
        "video",
        "reasoning",
        "reasoning",
        "video",
        "video",
        "reasoning",
    ]
    session.close()


def test_a_prefix_matches_words_as_written_not_only_their_stems(data_dir):
    """The index keeps stems ("monet"); a prefix is matched against the words as the
    article has them ("monetization"), then searched by their stems."""
    session = open_session(data_dir)
    session.search.rebuild(session.documents)
    for query in ("monetiz*", "commercializ*", "multimo*", "monet*"):
        assert ids(session.search.search(query)) == [1], query
    session.close()


def test_the_word_being_typed_is_a_prefix_and_the_whole_word_ranks_first(data_dir, tmp_path):
    from reader.core.search.query import as_typed

    assert as_typed("unified multimo") == "unified ( multimo OR multimo* )"
    for unchanged in ("model ", '"video reas', "ab", "x AND y*"):
        assert as_typed(unchanged) == unchanged
    session = open_session(data_dir)
    for name, body in (("exact", "a net here"), ("longer", "network " * 3)):
        path = tmp_path / f"{name}.md"
        path.write_text(f"# {name.title()}\n\n{body} and other words to read.\n")
        session.library.import_file(path)
    session.search.rebuild(session.documents)
    assert ids(session.search.search("multimo", typing=True)) == [1]
    found = [h.title for h in session.search.search("net", typing=True).hits]
    assert found == ["Exact", "Longer"]  # the word itself first, then its extensions
    # on Enter or from the command line, the words as written: "net" alone...
    assert [h.title for h in session.search.search("net").hits] == ["Exact"]
    # ...and a last word that is no word of the library, but begins some, as typed
    entered = session.search.search("multimo")
    assert ids(entered) == [1]
    assert entered.notes == ("no article has the word “multimo”: words that begin with it",)
    assert ids(session.search.search("unified multimo")) == [1]
    assert session.search.search("networ").total == 1  # (begins "network" only)
    assert session.search.search("zzzq").notes == ()
    assert session.search.search("zzzq multimo").notes == ()  # (as typed, nothing either)
    path = tmp_path / "title.md"
    path.write_text("# Networ Notes\n\nNothing else to read here.\n")
    session.library.import_file(path)
    session.search.rebuild(session.documents)
    # a word of the library (in a title) is no word being typed: no note, as it was
    assert session.search.search("unified networ").notes == ()
    session.close()


def test_a_phrase_counts_and_bolds_only_where_its_words_stand_together(data_dir):
    session = open_session(data_dir)
    session.search.rebuild(session.documents)
    [hit] = session.search.search('"video reasoning"').hits
    text = session.library.get(1).plain_text
    marked = session.search.match_ranges(text, hit.terms, '"video reasoning"')
    assert hit.match_count == len(marked) == 5  # as the reading view marks them
    bolded = [b for s in hit.snippets for b in re.findall(r"<b>(.*?)</b>", s)]
    assert bolded and all(re.fullmatch(r"video[ -]reasoning", b, re.I) for b in bolded)
    [loose] = session.search.search("video reasoning").hits  # the words anywhere
    assert loose.match_count > 50
    session.close()


def test_a_hit_in_a_note_tag_colour_or_prediction_says_where_and_leads_there(data_dir):
    session = open_session(data_dir)
    article = session.library.get(1)
    text = article.plain_text
    start = text.index("Dream Machine")
    h = session.highlights.add(
        1, text, start, start + 13, color=2, note="A zeppelin of an idea", tags=["dreamy"]
    )
    session.search.rebuild(session.documents)
    cases = {
        "note:zeppelin": ("highlight", h.id, "In your note on “Dream Machine”: A <b>zeppelin</b>"),
        "tag:dreamy": ("highlight", h.id, "Tagged #dreamy: “Dream Machine”"),
        "color:green": ("highlight", h.id, "Highlighted in Green: “Dream Machine”"),
    }
    for query, (kind, item, snippet) in cases.items():
        [hit] = session.search.search(query).hits
        assert (hit.annotation.kind, hit.annotation.item_id) == (kind, item), query
        assert hit.snippets[0].startswith(snippet) and hit.match_count >= 1, query
    [hit] = session.search.search("note:convergence").hits  # a curated prediction's words
    p = session.predictions.get(hit.annotation.item_id)
    assert hit.annotation.kind == "prediction" and "converge" in p.statement
    assert hit.snippets[0].startswith("In the prediction “")
    session.close()


def test_the_index_catches_up_on_what_the_change_log_says_changed(data_dir):
    """A change the index did not hear of (another program that stopped before indexing
    it) is found through the change log and indexed; nothing else is read."""
    session = open_session(data_dir)
    search, docs = session.search, session.documents
    assert search.catch_up(docs) == ("the search index is missing", 1)
    assert search.index.indexed_seq() == docs.log_position()
    assert search.check(docs).stale == frozenset()

    session.bus.unsubscribe(search.on_changes)  # as if another program made the change
    article = session.library.get(1)
    start = article.plain_text.index("Dream Machine")
    session.highlights.add(1, article.plain_text, start, start + 13, note="zeppelin idea")
    found = search.check(docs)
    assert found.rebuild is None and found.stale == {1} and found.seq == docs.log_position()
    assert ids(search.search("note:zeppelin")) == []  # not in the index yet
    assert search.catch_up(docs) == (None, 1)
    assert ids(search.search("note:zeppelin")) == [1]

    def unread(*_args, **_kw):
        raise AssertionError("nothing changed: no article may be read")

    docs.documents = unread  # the quick way: one query of the log, no article read
    assert search.check(docs) == IndexCheck(seq=docs.log_position())
    session.close()


def test_an_index_that_predates_the_log_or_a_pruned_log_is_compared_whole(data_dir):
    session = open_session(data_dir)
    search, docs = session.search, session.documents
    search.catch_up(docs)
    session.bus.unsubscribe(search.on_changes)
    session.library.import_file(CORPUS / "tricky.md")
    (data_dir / "index" / "reader-index.json").write_text(json.dumps({"version": INDEX_VERSION}))
    assert search.index.indexed_seq() is None  # an index from before the log was read
    found = search.check(docs)
    assert found.rebuild is None and len(found.stale) == 1
    search.update(docs, found.stale, found.seq)
    assert search.check(docs).stale == frozenset()

    [tricky] = found.stale
    session.library.delete(tricky)  # logged, and not heard of by the index
    session.db.execute("DELETE FROM change_log")  # then pruned past the index's position
    session.db.execute("INSERT INTO change_log(origin, changed) VALUES ('x', '{}')")
    session.db.conn.commit()
    assert search.check(docs).stale == {tricky}  # found gone by comparing every entry
    session.close()


def test_entries_that_already_agree_are_not_written_again(data_dir, monkeypatch):
    session = open_session(data_dir)
    search, docs = session.search, session.documents
    search.catch_up(docs)
    written = []
    add = search.index.add_or_update_many
    monkeypatch.setattr(
        search.index, "add_or_update_many", lambda d: written.append(list(d)) or add(d)
    )
    assert search.update(docs, {1}, docs.log_position()) == 0 and written == []
    session.bus.unsubscribe(search.on_changes)
    article = session.library.get(1)
    session.highlights.add(1, article.plain_text, 0, 12, note="fresh words")
    assert search.update(docs, {1}, docs.log_position()) == 1 and len(written) == 1
    assert ids(search.search("note:fresh")) == [1]
    session.close()


def test_a_whole_word_typed_last_ranks_as_it_does_when_entered(data_dir, tmp_path):
    """The word being typed is also a prefix, but its own forms are not counted twice:
    pages dense in "clauses" do not overtake the one on the RETURNING clause."""
    session = open_session(data_dir)
    pages = {
        "returning": "The RETURNING clause returns rows. " + "Other words here. " * 20,
        "with": "returning " + "clauses and more clauses, a clause. " * 12,
        "conflict": "returning once. " + "The conflict clauses: clause after clause. " * 8,
        "clauseless": "returning clausewitz wrote about war. " * 3,
    }
    for name, body in pages.items():
        path = tmp_path / f"{name}.md"
        path.write_text(f"# {name.title()}\n\n{body}\n")
        session.library.import_file(path)
    session.search.rebuild(session.documents)
    entered = [h.title for h in session.search.search("returning clause").hits]
    typed = [h.title for h in session.search.search("returning clause", typing=True).hits]
    assert [t for t in typed if t in entered] == entered  # those pages in the same order
    assert "Clauseless" in typed and "Clauseless" not in entered  # (found by "clausewitz")
    session.close()


def test_a_year_or_a_month_saved_finds_every_day_of_it(tmp_path):
    """saved:2026 is a prefix over the days saved; it is never cut to the most common."""
    ix = SearchIndex(tmp_path / "index")
    ix.open_or_create()
    days = [f"2026-{m:02d}-{d:02d}T08:00:00Z" for m in (1, 2, 3) for d in range(1, 29, 2)]
    ix.rebuild(
        [doc(n, f"Day {n}", "a note on the day", saved_at=day) for n, day in enumerate(days, 1)]
        + [doc(100, "Older", "a note on the day", saved_at="2025-12-31T08:00:00Z")],
        total=len(days) + 1,
    )
    assert len(days) > 16  # (more days than a word's prefix expands to)
    assert ix.search("saved:2026", limit=100).total == len(days)
    assert ix.search("saved:2026-02", limit=100).total == 14
    assert ix.search("note saved:2025", limit=100).total == 1
    ix.close()


def test_prefixes_keep_every_article_s_words_after_the_index_merges_its_parts(tmp_path):
    """Whoosh keeps a segment's words-as-written on its first document; when that
    document was replaced and the segment merged, every other article's words went with
    it, and `patien*` found nothing. Prefixes now expand over a field of its own."""
    bodies = Bodies()
    ix = SearchIndex(tmp_path / "index", texts=bodies)
    ix.open_or_create()
    words = ["patience", "videography", "gravitation", "vidalia", "monetization"]
    docs = [doc(n, f"Article {n}", f"plain words and {w} here") for n, w in enumerate(words, 1)]
    docs += [doc(n, f"Filler {n}", "plain words only") for n in range(6, 21)]
    bodies.rebuild(ix, docs)
    for rounds in range(12):  # the first article changed again and again, others too
        for changed in (docs[0], *docs[5 + rounds % 10 : 7 + rounds % 10]):
            ix.add_or_update(replace(changed, state="archive" if rounds % 2 else "inbox"))
    assert len(ix._searcher.reader().leaf_readers()) < 12  # (its parts were merged)
    for n, word in enumerate(words, 1):
        found = ix.search(f"{word[:5]}*")
        assert [h.article_id for h in found.hits] == [n], word
        assert [h.article_id for h in ix.search(word[:4], typing=True).hits] == [n], word
    ix.close()


def test_a_hyphenated_word_is_its_words_side_by_side_not_a_not(tmp_path):
    ix = indexed(
        tmp_path,
        [
            doc(1, "Reasoning models", "A video-reasoning model and the C-end market."),
            doc(2, "Benchmarks", "Benchmarks for video reasoning, text-to-video too."),
            doc(3, "Only video", "A video about cameras, and reasoning elsewhere in it."),
            doc(4, "Other", "Nothing of the kind.", tags=("luma-key",)),
        ],
    )
    assert {h.article_id for h in ix.search("video-reasoning").hits} == {1, 2}
    [hit] = [h for h in ix.search("video-reasoning").hits if h.article_id == 2]
    assert hit.match_count == 1  # (the phrase, not each of its words)
    assert "<b>video reasoning</b>" in hit.snippets[0]
    assert [h.article_id for h in ix.search("C-end").hits] == [1]
    assert [h.article_id for h in ix.search("text-to-video").hits] == [2]
    assert [h.article_id for h in ix.search("title:reasoning-models").hits] == [1]
    assert {h.article_id for h in ix.search("video -reasoning").hits} == set()
    assert {h.article_id for h in ix.search("video -cameras").hits} == {1, 2}
    for typed in ("tag:luma-key", "video-reasoning", "title:reasoning-models"):
        result = ix.search(typed, typing=True)
        assert result.error is None and result.hits, typed
    ix.close()


def test_a_query_of_only_words_left_out_finds_every_article_without_them(index):
    """`-video` alone is "without video", as the help says and NOT video does."""
    assert {h.article_id for h in index.search("-video").hits} == {2, 3, 4}
    assert {h.article_id for h in index.search("-video -coffee").hits} == {3, 4}
    assert {h.article_id for h in index.search("-video").hits} == {
        h.article_id for h in index.search("NOT video").hits
    }


def test_a_possessive_is_the_word_it_belongs_to(tmp_path):
    """Luma's is found by luma (Porter alone kept "luma'", so luma missed it on Enter),
    and marked where it stands."""
    ix = indexed(
        tmp_path,
        [
            doc(1, "Interview", "Luma’s chief scientist on the company's models."),
            doc(2, "Other", "Nothing about it here."),
        ],
    )
    assert [h.article_id for h in ix.search("luma").hits] == [1]
    assert [h.article_id for h in ix.search("companies").hits] == [1]
    assert [h.article_id for h in ix.search("luma's").hits] == [1]
    assert [h.article_id for h in ix.search('"luma chief scientist"').hits] == [1]
    [hit] = ix.search("luma").hits
    assert "<b>Luma’s</b>" in hit.snippets[0]
    assert [term for term, _, _ in terms_of("It's Luma's")] == ["it", "luma"]
    ix.close()


def test_a_word_still_being_typed_is_not_respelled_while_it_begins_a_word(index):
    """As you type "vi", the library's "video" is what is coming, not a typo of "vr";
    a typed word no word begins with is still respelled, and so is a word typed whole."""
    assert index.search("vi", typing=True).corrected_query is None
    assert index.search("generaton vide", typing=True).corrected_query == "generation vide"
    assert index.search("vidoe", typing=True).corrected_query == "video"
    assert index.search("vidoe").corrected_query == "video"


def test_vocabularies_read_raw_agree_with_whoosh_s_own_reading(index):
    """Prefixes and fuzzy words bisect each segment's terms with their document counts,
    read from the terms file in one go; they are the terms and counts Whoosh reads."""
    index.add_or_update(doc(5, "Later", "Video models again, and generation of unified video."))
    index.delete(2)
    with index._ix.searcher() as searcher:
        leaves = [leaf for leaf, _ in searcher.reader().leaf_readers()]
        assert len(leaves) == 2  # (the build's segment, and the article added since)
        _agree(leaves)


def _agree(leaves) -> None:
    from reader.core.search import query

    for leaf in leaves:
        for field in ("body", "words", "title", "tags", "notes"):
            whoosh_s = [(t, info.doc_frequency()) for t, info in leaf.iter_field(field)]
            assert list(query._terms_with_counts(leaf, field)) == whoosh_s, field
    assert any(list(leaf.iter_field("body")) for leaf in leaves)


@pytest.mark.filterwarnings("ignore::ResourceWarning")
@pytest.mark.filterwarnings("ignore::pytest.PytestUnraisableExceptionWarning")
def test_an_index_of_an_older_version_is_called_older_even_when_its_schema_no_longer_reads(
    tmp_path,
):
    """An index written by an older Reader names analysis classes this one no longer has;
    it is "from an older version" (rebuilt, as upgrades are), not "damaged"."""
    path = tmp_path / "index"
    ix = SearchIndex(path)
    ix.open_or_create()
    ix.rebuild([doc(1, "t", "body words")], 1)
    ix.close()
    [toc] = path.glob("_MAIN_*.toc")
    assert b"Words" in toc.read_bytes()
    toc.write_bytes(toc.read_bytes().replace(b"Words", b"Wordz"))  # (a class now gone)
    meta = json.loads((path / "reader-index.json").read_text())
    (path / "reader-index.json").write_text(json.dumps({**meta, "version": INDEX_VERSION - 1}))
    assert SearchIndex(path).open_or_create() == "the search index is from an older version"
    ix = SearchIndex(path)
    ix.rebuild([doc(1, "t", "body words")], 1)
    ix.close()
    [toc] = path.glob("_MAIN_*.toc")
    toc.write_bytes(toc.read_bytes().replace(b"Words", b"Wordz"))
    assert "damaged" in SearchIndex(path).open_or_create()  # (the same, at this version)


def test_a_field_alone_is_left_out_and_the_note_says_what_it_wants():
    from reader.core.search.query import clean

    assert clean("title:") == ("", ["add a word after title: (as in title:luma)"])
    text, notes = clean("luma tag:")
    assert text == "luma" and notes == ["add a word after tag: (as in tag:unified-multimodal)"]
    assert clean("luma ratio:") == ("luma", [])  # not a field: nothing to say
