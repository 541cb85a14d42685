"""The index's record of its segment files: a changed byte is found when the index is
opened thoroughly; the index's own writes never look like damage."""

from __future__ import annotations

import json

from reader.core.search import SearchDocument, SearchIndex
from reader.core.search.meta import META


def _doc(n: int, body: str = "video models converge on a unified model") -> SearchDocument:
    return SearchDocument(n, f"Article {n}", (), "", body, "2026-03-05T10:00:00Z")


def _built(tmp_path, count: int = 3) -> SearchIndex:
    index = SearchIndex(tmp_path / "index")
    index.open_or_create()
    index.rebuild([_doc(n) for n in range(1, count + 1)], total=count)
    return index


def test_every_segment_file_is_recorded_when_built_and_after_each_write(tmp_path):
    index = _built(tmp_path)
    for n in range(4, 30):  # one commit each: segments are added and merged
        index.add_or_update(_doc(n, f"article number {n} about frames"))
    index.delete(5)
    index.set_indexed_seq(41)
    index.close()
    folder = tmp_path / "index"
    files = json.loads((folder / META).read_text())["files"]
    assert files and set(files) == {p.name for p in folder.glob("*.seg")}
    reopened = SearchIndex(folder)
    assert reopened.open_or_create(thorough=True) is None  # (its own writes are no damage)
    assert reopened.indexed_seq() == 41 and reopened.doc_count() == 28
    reopened.close()


def test_a_changed_byte_in_a_segment_is_damage_when_opened_thoroughly(tmp_path):
    index = _built(tmp_path)
    index.close()
    [segment] = (tmp_path / "index").glob("*.seg")
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0x01  # one bit, somewhere Whoosh would read without noticing
    segment.write_bytes(bytes(data))
    quick = SearchIndex(tmp_path / "index")
    assert quick.open_or_create(thorough=False) is None  # (a search finds it when read)
    quick.close()
    thorough = SearchIndex(tmp_path / "index")
    reason = thorough.open_or_create(thorough=True)
    assert reason is not None and "damaged" in reason and segment.name in reason
    assert thorough.doc_count() == 0  # made anew, empty, to be rebuilt from the library
    thorough.close()


def test_a_record_naming_files_outside_the_folder_reads_nothing_there(tmp_path):
    index = _built(tmp_path)
    index.close()
    outside = tmp_path / "secret.seg"
    outside.write_bytes(b"not the index's")
    meta_path = tmp_path / "index" / META
    meta = json.loads(meta_path.read_text())
    meta["files"]["../secret.seg"] = "0" * 40
    meta["files"]["/etc/passwd"] = "0" * 40
    meta_path.write_text(json.dumps(meta))
    again = SearchIndex(tmp_path / "index")
    assert again.open_or_create(thorough=True) is None
    assert again.doc_count() == 3
    again.close()


def test_a_link_planted_as_a_segment_is_never_read_through(tmp_path):
    index = _built(tmp_path)
    folder = tmp_path / "index"
    secret = tmp_path / "secret.txt"
    secret.write_text("a password")
    (folder / "MAIN_planted.seg").symlink_to(secret)
    index.add_or_update(_doc(9))  # (its record is written again)
    index.close()
    files = json.loads((folder / META).read_text())["files"]
    assert "MAIN_planted.seg" not in files  # (only the index's own committed segments)
    [real] = [name for name in files if (folder / name).is_file()][:1]
    (folder / real).rename(folder / "moved.bin")
    (folder / real).symlink_to(secret)  # a recorded segment replaced by a link
    again = SearchIndex(folder)
    reason = again.open_or_create(thorough=True)
    assert reason is not None and "damaged" in reason
    again.close()
    assert secret.read_text() == "a password"
