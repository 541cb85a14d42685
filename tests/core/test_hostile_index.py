"""Files planted in the index folder (a data folder in a synced folder is untrusted):
none of them runs code; the index is rebuilt from the database and the search answered."""

from __future__ import annotations

import os
import pickle
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
    from reader.core.search.index import schema

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


def test_a_damaged_postings_list_is_repaired_and_the_query_answered(data_dir):
    session = built(data_dir)
    index_folder = session.search.path
    session.close()
    [segment] = index_folder.glob("*.seg")
    data = bytearray(segment.read_bytes())
    start = int(len(data) * 0.7)  # the phrase's positions live here in this index
    for i in range(start, start + 2000):
        data[i] ^= 0x5A
    segment.write_bytes(bytes(data))
    session = open_session(data_dir)
    result = session.search.search('"video generation"')
    assert [h.article_id for h in result.hits] == [1]
    assert any("damaged" in note for note in result.notes)
    assert session.search.search('"video generation"').notes == ()  # repaired for good
    session.close()
