"""Files planted in the index folder (a data folder in a synced folder is untrusted):
none of them runs code; the index is rebuilt from the database and the search answered."""

from __future__ import annotations

import json
import os
import pickle
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from whoosh.fields import Schema

from reader.core.search import SearchIndex
from reader.core.search.safe_pickle import UnsafeIndexData, loads
from reader.core.session import open_session


class Planted(Schema):
    """A schema as far as Whoosh's writer can tell; unpickling it runs a command that
    leaves a marker file."""

    def __init__(self, marker: Path) -> None:
        super().__init__()
        self.marker = marker

    def __reduce__(self):
        return (os.system, (f"touch {self.marker}",))


def plant_toc(index_folder: Path, marker: Path) -> None:
    """Replace the index's table of contents with one whose schema runs a command."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    storage = FileStorage(str(index_folder))
    toc = TOC.read(storage, "MAIN")
    for old in index_folder.glob("_MAIN_*.toc"):
        old.unlink()
    TOC(Planted(marker), toc.segments, toc.generation).write(storage, "MAIN")


def built(data_dir: Path):
    session = open_session(data_dir)
    session.search.rebuild(session.documents)
    return session


def test_the_restricted_unpickler_refuses_code_and_admits_an_index(tmp_path):
    marker = tmp_path / "ran"
    with pytest.raises(UnsafeIndexData):
        loads(pickle.dumps(Planted(marker)))
    with pytest.raises(UnsafeIndexData):
        loads(pickle.dumps(Path("/etc/passwd")))  # harmless, but no index holds one
    assert not marker.exists()
    from reader.core.search.layout import schema

    assert loads(pickle.dumps(schema(), -1)).names() == schema().names()


def test_a_planted_table_of_contents_is_refused_and_the_index_rebuilt(data_dir, tmp_path):
    marker = tmp_path / "ran"
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    plant_toc(index_folder, marker)

    index = SearchIndex(index_folder)
    reason = index.open_or_create()
    assert reason is not None and "damaged" in reason
    index.close()
    assert not marker.exists()

    session = open_session(data_dir)
    plant_toc(index_folder, marker)  # (open_or_create above left an empty index)
    assert session.search.needs_rebuild(session.documents) is not None
    session.search.rebuild(session.documents)
    assert [h.article_id for h in session.search.search("unified multimodal").hits] == [1]
    session.close()
    assert not marker.exists()


def test_reader_search_with_a_planted_index_runs_nothing_and_answers(data_dir, tmp_path):
    marker = tmp_path / "ran"
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    plant_toc(index_folder, marker)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "search", "Ray 3"],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "damaged" in done.stderr and "Traceback" not in done.stderr
    assert "Luma AI" in done.stdout
    assert not marker.exists()


def test_a_damaged_index_is_repaired_and_every_query_answered(data_dir, tmp_path):
    """Damage anywhere in the index's segment (its postings, positions, stored fields):
    every search answers rightly, repairing the index first; never 0 hits in silence."""
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(index_folder, pristine)
    repaired = 0
    for fraction in (0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9):
        shutil.rmtree(index_folder)
        shutil.copytree(pristine, index_folder)
        [segment] = index_folder.glob("*.seg")
        data = bytearray(segment.read_bytes())
        start = int(len(data) * fraction)
        for i in range(start, min(len(data), start + 2000)):
            data[i] ^= 0x5A
        segment.write_bytes(bytes(data))
        session = open_session(data_dir)
        for query in ('"video generation"', "unified multimodal", "Ray", "compute*"):
            result = session.search.search(query)
            assert [h.article_id for h in result.hits] == [1], (fraction, query)
            repaired += any("rebuilt" in note for note in result.notes)
        session.close()
    assert repaired >= 3  # the damage was seen (at opening, or by a search), and repaired


def test_what_whoosh_itself_pickles_while_building_is_admitted():
    """Sorting runs and worker jobs of a big build (two processes, postings spilled to
    disk) hold tuples of text, bytes and numbers, pickled with protocol 2 or the newest."""
    runs = [
        ("body", b"term", 5, 1.5, b"\x00\x01"),
        ("title", b"", 0, 0.0, b""),
        (0, ("body", "text", {"article_id": "7"}, [1, 2], True)),
    ]
    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        for item in runs:
            assert loads(pickle.dumps(item, protocol)) == item


def test_the_schema_an_index_keeps_is_admitted_with_its_analyzers():
    from reader.core.search.analysis import Words
    from reader.core.search.layout import schema

    for protocol in (2, pickle.HIGHEST_PROTOCOL):
        kept = loads(pickle.dumps(schema(), protocol))
        assert kept == schema()
        assert isinstance(kept["body"].analyzer, Words) and kept["body"].analyzer.stemmed
        assert not kept["words"].analyzer.stemmed
        assert [t.text for t in kept["body"].analyzer("Monetization's videos")] == [
            "monet",
            "video",
        ]


def test_reader_search_answers_rightly_over_a_damaged_segment(data_dir, tmp_path):
    """The command line does not read the whole index to look for damage before a search
    (0.2 s at 10,000 articles): the damage shows when the search reads it, and the index
    is rebuilt then; the answer is right either way."""
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(index_folder, pristine)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    for fraction in (0.2, 0.5, 0.8):
        shutil.rmtree(index_folder)
        shutil.copytree(pristine, index_folder)
        [segment] = index_folder.glob("*.seg")
        data = bytearray(segment.read_bytes())
        start = int(len(data) * fraction)
        for i in range(start, min(len(data), start + 2000)):
            data[i] ^= 0x5A
        segment.write_bytes(bytes(data))
        done = subprocess.run(
            [sys.executable, "-m", "reader", "--data-dir", str(data_dir), "search",
             "unified multimodal", "--json"],
            capture_output=True, text=True, env=env, timeout=120,
        )  # fmt: skip
        assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
        found = json.loads(done.stdout)
        assert [h["article_id"] for h in found["hits"]] == [1], (fraction, found)
