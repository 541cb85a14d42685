"""The build's postings pool (reader.core.search.pool) writes the same index Whoosh's
own pool does: every posting, in the same order, whether it kept them all in memory,
spilled them to disk in runs, or merged segments in."""

from __future__ import annotations

import pytest
import whoosh.writing

from reader.core.search import pool
from reader.core.search.layout import fields, schema, storage
from reader.core.search.records import SearchDocument
from scripts.bench.synthetic import articles, vocabulary

VOCABULARY = vocabulary(5000)


def docs(count: int, start: int = 1, words: int = 400) -> list[SearchDocument]:
    found = articles(count, words=words, seed=start, vocab=VOCABULARY)
    return [
        SearchDocument(start + n, title, ("A. Writer",), "Pub", body, "2026-03-05T10:00:00Z")
        for n, title, body in found
    ]


BATCHES = {
    "in memory": (lambda: [docs(40)], 256),
    "spilled": (lambda: [docs(120)], 1),  # runs written to disk and merged
    "merged": (lambda: [docs(4, n * 100, words=200) for n in range(1, 12)], 256),
}


def built(tmp_path, name: str, poolclass, batches: list[list[SearchDocument]], limitmb: int):
    whoosh.writing.PostingPool = poolclass
    try:
        folder = tmp_path / name
        folder.mkdir()
        ix = storage(folder).create_index(schema())
        for n, batch in enumerate(batches):
            writer = ix.writer(limitmb=limitmb)
            if n == 3:  # (a deleted article: merging renumbers the documents after it)
                writer.delete_by_term("article_id", str(batches[0][0].article_id))
            for doc in batch:
                writer.add_document(**fields(doc))
            writer.commit()  # (the default policy merges small segments as they pile up)
        with ix.reader() as reader:
            return (
                len(ix._segments()),
                list(reader.iter_postings()),
                [reader.stored_fields(n) for n in range(reader.doc_count_all())],
            )
    finally:
        pool.install()


@pytest.mark.parametrize("case", BATCHES)
def test_the_grouping_pool_writes_what_whoosh_s_pool_writes(tmp_path, case, monkeypatch):
    make, limitmb = BATCHES[case]
    batches = make()
    spilled = []
    save = pool.GroupingPool.save
    monkeypatch.setattr(pool.GroupingPool, "save", lambda p: spilled.append(1) or save(p))
    theirs = built(tmp_path, "theirs", pool.PostingPool, batches, limitmb)
    ours = built(tmp_path, "ours", pool.GroupingPool, batches, limitmb)
    assert len(theirs[1]) > 1000
    assert ours == theirs
    assert (len(spilled) > 1) == (case == "spilled")
    assert (ours[0] < len(batches)) == (case == "merged")  # (segments merged as written)


def test_the_search_index_writes_through_the_grouping_pool(tmp_path, monkeypatch):
    from reader.core.search import SearchIndex

    added = []
    add = pool.GroupingPool.add
    monkeypatch.setattr(pool.GroupingPool, "add", lambda p, item: added.append(1) or add(p, item))
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(docs(3), total=3)
    index.add_or_update(docs(1, start=50)[0])
    index.close()
    assert len(added) > 500


def test_a_big_build_runs_two_worker_processes_that_unpickle_safely(tmp_path, monkeypatch):
    """A build of BIG_BATCH articles or more writes with Whoosh's multi-process writer,
    whose module is patched to the safe unpickler only then (a search never imports it)."""
    import whoosh.multiproc

    from reader.core.search import SearchIndex, safe_pickle
    from reader.core.search import index as index_module

    monkeypatch.setattr(whoosh.multiproc, "pickle", __import__("pickle"))
    monkeypatch.setattr(index_module, "BIG_BATCH", 20)
    made = []
    big = index_module._big_writer
    monkeypatch.setattr(index_module, "_big_writer", lambda ix: made.append(big(ix)) or made[-1])
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild(docs(40), total=40)
    assert whoosh.multiproc.pickle is safe_pickle._PICKLE
    assert index.doc_count() == 40
    word = next(w for w in docs(1)[0].body.split() if len(w) > 4).strip(".,").lower()
    assert index.search(word, limit=50).total >= 1
    index.close()
    assert [type(w) for w in made] == [whoosh.multiproc.MpWriter]


@pytest.mark.parametrize("multisegment", [True, False])
def test_two_workers_write_the_postings_one_process_writes(tmp_path, multisegment):
    """Whoosh's multi-process writer, also when it merges its workers' runs of terms
    into one segment itself, gives the postings a single writer gives."""
    from reader.core.search import safe_pickle

    pool.install()  # (as reader.core.search.index does when it is imported)
    safe_pickle.install_multiproc()
    pool.install_multiproc()
    batch = docs(60)

    def postings(name: str, **kwargs) -> list:
        folder = tmp_path / name
        folder.mkdir()
        ix = storage(folder).create_index(schema())
        writer = ix.writer(limitmb=1, **kwargs)
        for doc in batch:
            writer.add_document(**fields(doc))
        writer.commit()
        with ix.reader() as reader:
            return list(reader.iter_postings())

    one = postings("one")
    two = postings("two", procs=2, multisegment=multisegment)
    assert len(one) > 5000
    assert sorted(two) == sorted(one) if multisegment else two == one


@pytest.mark.parametrize("grouped", [True, False])
@pytest.mark.parametrize("case", BATCHES)
def test_segments_written_a_term_at_a_time_are_whoosh_s_byte_for_byte(tmp_path, case, grouped):
    """terms_writer fills the same blocks with the same statistics as Whoosh's writer
    fills a posting at a time: the postings and terms files are identical, whether the
    postings come a term at a time (a GroupingPool's) or one by one (Whoosh's pool)."""
    poolclass = pool.GroupingPool if grouped else pool.PostingPool
    import hashlib

    from reader.core.search import terms_writer

    def files(name: str, ours: bool) -> list[tuple[str, str]]:
        if not ours:
            terms_writer.uninstall()
        try:
            built(tmp_path, name, poolclass, batches, limitmb)
        finally:
            terms_writer.install()
        found = []
        store = storage(tmp_path / name)
        for segment in store.open_index()._segments():
            inside = segment.open_compound_file(store)
            for sub in inside.list():
                if sub.endswith((".trm", ".pst")):
                    data = inside.open_file(sub).read()
                    found.append((sub.rsplit(".")[-1], hashlib.sha256(data).hexdigest()))
            inside.close()
        return sorted(found)

    make, limitmb = BATCHES[case]
    batches = make()
    ours, theirs = files("ours", True), files("theirs", False)
    assert len(theirs) >= 2
    assert ours == theirs


@pytest.mark.parametrize("maxfiles", [2, 3, 128])
def test_runs_merged_a_term_at_a_time_give_every_posting_in_order(maxfiles):
    """Many small runs (merged a few at a time when there are more than `maxfiles`)
    give back each term's postings from every run, in document order."""
    from whoosh.filedb.filestore import RamStorage

    grouping = pool.GroupingPool(RamStorage(), None, limitmb=1)
    grouping.limit = 20_000  # (a run every ~130 postings)
    expected = []
    for docnum in range(400):
        for term in {b"alpha", b"beta", f"w{docnum % 17}".encode(), f"u{docnum}".encode()}:
            for field in ("body", "title") if docnum % 3 else ("body",):
                value = b"v%d" % docnum if field == "body" else None
                grouping.add((field, term, docnum, 1.0 + docnum % 4, value))
                expected.append((field, term, docnum, 1.0 + docnum % 4, value))
    assert len(grouping.runs) > 20
    found = grouping.items(maxfiles=maxfiles)
    assert list(found) == sorted(expected)
