"""Export files: safe unique names inside the folder, atomic writes, clear errors."""

from __future__ import annotations

import errno
import os
from dataclasses import replace
from pathlib import Path

import pytest

from reader.core.export import ExportError, export_articles
from reader.core.export.files import atomic_write, inside, safe_filename, unique_name
from tests.core.test_export_markdown import STAMP, annotations, interview

HOSTILE = [
    "../../etc/passwd",
    "CON",
    "con.txt",
    "a/b",
    "a\\b",
    "",
    "x" * 500,
    "🎬 Video models 🤖",
    "   ...   ",
    "nul",
    "LPT1.md",
    "line\nbreak\x00nul\x1b",
    "a/b",  # the same title twice
    "é" * 300,
]


def test_safe_filename_rules() -> None:
    assert safe_filename("../../etc/passwd") == "etc passwd.md"
    assert safe_filename("CON") == "_CON.md"
    assert safe_filename("con.txt") == "_con.txt.md"
    assert safe_filename("COM1") == "_COM1.md"
    assert safe_filename("Console") == "Console.md"
    assert safe_filename("") == "Untitled.md"
    assert safe_filename("a: b? <c>") == "a b c.md"
    assert safe_filename(".hidden") == "hidden.md"
    assert len(safe_filename("x" * 500)) == 120 + 3
    assert len(safe_filename("🎬" * 300).encode()) <= 203


def test_unique_names_are_case_insensitive() -> None:
    assert unique_name("A.md", {"a.md", "A (2).md"}) == "A (3).md"
    assert unique_name("b.md", {"a.md"}) == "b.md"


def test_inside_refuses_escapes(tmp_path: Path) -> None:
    assert inside(tmp_path, "ok.md") == tmp_path.resolve() / "ok.md"
    for bad in ("../x.md", "..", "sub/x.md", "/etc/passwd", ""):
        with pytest.raises(ExportError, match="outside the export folder"):
            inside(tmp_path, bad)


def test_hostile_titles_give_safe_unique_files_inside_the_folder(tmp_path: Path) -> None:
    base = interview()
    items = [(replace(base, uid=f"uid-{n}", title=t), [], []) for n, t in enumerate(HOSTILE)]
    out = tmp_path / "out"
    paths = export_articles(items, out, exported_at=STAMP)
    assert len(paths) == len(HOSTILE)
    names = [p.name for p in paths]
    assert len({n.casefold() for n in names}) == len(names)
    assert sorted(p.name for p in out.iterdir()) == sorted(names)
    assert list(tmp_path.iterdir()) == [out]  # nothing written beside the folder
    for p in paths:
        assert p.parent == out.resolve()
        assert p.is_file() and p.suffix == ".md"
        stem = p.name.split(".")[0].upper()
        assert stem not in {"CON", "NUL", "LPT1", "PRN", "AUX"}
        assert not any(c in p.name for c in "/\\\x00\n") and ".." not in p.name
        assert len(p.name.encode()) <= 255


def _leftovers(folder: Path) -> list[str]:
    return [p.name for p in folder.iterdir() if p.name.startswith(".reader-export-")]


def test_unwritable_folder_is_reported(tmp_path: Path) -> None:
    a = interview()
    hs, ps = annotations(a)
    if os.geteuid() == 0:  # root writes anywhere: use a folder under a regular file instead
        blocker = tmp_path / "file"
        blocker.write_text("x")
        folder = blocker / "out"
    else:
        folder = tmp_path / "locked"
        folder.mkdir()
        folder.chmod(0o555)
    try:
        with pytest.raises(ExportError, match=r"Cannot (write to|export into)") as err:
            export_articles([(a, hs, ps)], folder, exported_at=STAMP)
        assert str(folder) in str(err.value)
    finally:
        if folder.exists():
            folder.chmod(0o755)
    assert not folder.exists() or list(folder.iterdir()) == []


def test_export_into_a_file_is_reported(tmp_path: Path) -> None:
    target = tmp_path / "notes.md"
    target.write_text("mine")
    with pytest.raises(ExportError, match="it is a file, not a folder"):
        export_articles([(interview(), [], [])], target)
    assert target.read_text() == "mine"


def test_full_disk_leaves_no_partial_file_and_the_old_one_intact(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    a = interview()
    hs, ps = annotations(a)
    (path,) = export_articles([(a, hs, ps)], tmp_path, exported_at=STAMP)
    before = path.read_text()

    def full(src, dst):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "replace", full)
    with pytest.raises(ExportError, match="The disk is full: nothing was written to"):
        export_articles([(a, hs[:1], [])], tmp_path, exported_at="2027-01-01T00:00:00Z")
    assert path.read_text() == before
    assert _leftovers(tmp_path) == []
    assert sorted(p.name for p in tmp_path.iterdir()) == [path.name]


def test_atomic_write_failure_while_writing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def fail(fd):
        raise OSError(errno.EIO, "I/O error")

    monkeypatch.setattr(os, "fsync", fail)
    with pytest.raises(ExportError, match="I/O error"):
        atomic_write(tmp_path / "x.md", "text")
    assert list(tmp_path.iterdir()) == []
