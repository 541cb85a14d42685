"""Fuzzing what comes from outside the program: backups to restore, and the files of the
index folder. Whatever they hold, restore refuses or succeeds and the library stays
usable; a search answers (repairing the index) and nothing planted runs."""

from __future__ import annotations

import copy
import json
import shutil

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.core.export import collect
from reader.core.session import open_session
from reader.core.storage.backup import BackupError, snapshot
from tests.conftest import FUZZ_EXAMPLES

FUZZ = settings(
    max_examples=max(20, FUZZ_EXAMPLES // 10),
    deadline=None,
    suppress_health_check=list(HealthCheck),
)
VALUES = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(min_value=-(2**63), max_value=2**63 - 1),
    st.floats(allow_nan=False),
    st.text(max_size=40),
    st.sampled_from(["[]", "{}", '["a"]', "[1]", "null", "<script>x</script>", "not json"]),
    st.lists(st.integers(), max_size=3),
)


@pytest.fixture(scope="module")
def original(tmp_path_factory):
    """A backup (as data) of a library with highlights, predictions and tags."""
    session = open_session(tmp_path_factory.mktemp("fuzz-restore") / "lib")
    article = session.library.get(session.library.summaries()[0].id)
    session.highlights.add(article.id, article.plain_text, 0, 30, note="n", tags=["t"])
    data = snapshot(session.db)
    session.close()
    return data


def usable(session) -> None:
    """Everything reads: the list, each article, its annotations, export, search documents."""
    for summary in session.library.summaries():
        article = session.library.get(summary.id)
        collect(session.library, session.highlights, session.predictions, article.id)
    list(session.documents.documents())
    session.highlights.colors()


# (table, row, column) picks, resolved against the backup; and the values put there
CHANGES = st.lists(
    st.tuples(st.integers(0, 6), st.integers(0, 50), st.integers(0, 40), VALUES),
    min_size=1,
    max_size=4,
)


@FUZZ
@given(changes=CHANGES)
def test_any_changed_backup_is_refused_or_restored_and_the_library_stays_usable(
    original, tmp_path_factory, changes
):
    backup = copy.deepcopy(original)
    tables = backup["tables"]
    names = sorted(tables)
    for table, row, column, value in changes:
        content = tables[names[table % len(names)]]
        if content["rows"]:
            cells = content["rows"][row % len(content["rows"])]
            cells[column % len(cells)] = value
    folder = tmp_path_factory.mktemp("r")
    path = folder / "backup.json"
    path.write_text(json.dumps(backup), encoding="utf-8")
    session = open_session(folder / "lib")
    try:
        try:
            session.restore_backup(path)
        except BackupError as exc:
            assert str(exc).strip()
        usable(session)
    finally:
        session.close()


@pytest.fixture(scope="module")
def indexed(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fuzz-index") / "lib"
    session = open_session(folder)
    session.search.rebuild(session.documents)
    session.close()
    pristine = folder.parent / "pristine-index"
    shutil.copytree(folder / "index", pristine)
    return folder, pristine


@FUZZ
@given(data=st.data())
def test_any_damage_to_the_index_folder_is_repaired_and_the_query_answered(
    indexed, tmp_path_factory, data
):
    folder, pristine = indexed
    index = folder / "index"
    shutil.rmtree(index, ignore_errors=True)
    shutil.copytree(pristine, index)
    files = sorted(p for p in index.iterdir() if p.is_file())
    victim = data.draw(st.sampled_from(files))
    content = bytearray(victim.read_bytes())
    how = data.draw(st.sampled_from(["flip", "truncate", "replace", "append"]))
    if how == "flip" and content:
        at = data.draw(st.integers(0, len(content) - 1))
        for i in range(at, min(len(content), at + data.draw(st.integers(1, 4000)))):
            content[i] ^= data.draw(st.integers(1, 255))
    elif how == "truncate":
        content = content[: data.draw(st.integers(0, len(content)))]
    elif how == "replace":
        content = bytearray(data.draw(st.binary(max_size=2000)))
    else:
        content += data.draw(st.binary(min_size=1, max_size=2000))
    victim.write_bytes(bytes(content))
    marker = tmp_path_factory.getbasetemp() / "ran"
    session = open_session(folder)
    try:
        if session.search.needs_rebuild(session.documents) is not None:
            session.search.rebuild(session.documents)
        result = session.search.search('"unified multimodal" OR video')
        assert [h.article_id for h in result.hits] == [1]
    finally:
        session.close()
    assert not marker.exists()
