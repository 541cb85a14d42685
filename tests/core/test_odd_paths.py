"""Odd but valid data folders, read-only ones, an emptied library file, and what killed
commands leave behind."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

import reader.core.storage.db as db_module
from reader.core.session import open_session
from reader.core.storage.backup import write_backup
from reader.core.storage.errors import StorageError
from reader.core.storage.paths import NotAFile, unclaimed
from reader.core.storage.recovery import EMPTY, backup_folder, damage


def reader(folder: Path, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(folder), *args],
        capture_output=True, text=True, env=env, timeout=120,
    )  # fmt: skip


@pytest.mark.parametrize("name", ["C#books", "100%41 sure", "what?ever", "a b#c%d"])
def test_odd_folder_names_are_healthy_libraries(tmp_path, name):
    folder = tmp_path / name
    session = open_session(folder)
    article = session.library.summaries()[0]
    session.close()
    assert damage(folder / "library.sqlite3") is None
    again = open_session(folder)
    assert [a.id for a in again.library.summaries()] == [article.id]
    again.close()
    assert sorted(p.name for p in tmp_path.iterdir()) == [name]  # no stray file beside it
    done = reader(folder, "list")
    assert done.returncode == 0 and article.title in done.stdout, done.stderr


@pytest.fixture
def read_only(monkeypatch):
    """Make a folder read-only: with permissions, or (as root, whom they do not stop) by
    telling the storage layer so."""

    def make(folder: Path) -> None:
        if os.geteuid() != 0:
            for path in [folder, *folder.iterdir()]:
                path.chmod(0o555 if path.is_dir() else 0o444)
        else:
            real = db_module.writable
            monkeypatch.setattr(
                db_module,
                "writable",
                lambda path: not Path(path).is_relative_to(folder) and real(path),
            )
            import reader.core.storage.recovery as recovery

            monkeypatch.setattr(recovery, "writable", db_module.writable)

    yield make


def test_a_read_only_library_opens_for_reading_and_says_why_it_cannot_save(tmp_path, read_only):
    folder = tmp_path / "lib"
    session = open_session(folder)
    article = session.library.get(session.library.summaries()[0].id)
    session.close()
    read_only(folder)
    assert damage(folder / "library.sqlite3") is None  # read-only is not damage
    session = open_session(folder)
    assert session.read_only == "the library folder is read-only"
    assert session.library.get(article.id).title == article.title
    assert session.predictions.for_article(article.id)
    with pytest.raises(StorageError, match="read-only"):
        session.highlights.add(article.id, article.plain_text, 0, 10)
    session.close()
    assert (folder / "library.sqlite3").exists()  # not moved aside


def test_an_empty_library_file_is_said_and_the_newest_backup_offered(tmp_path):
    folder = tmp_path / "lib"
    session = open_session(folder)
    backups = backup_folder(folder)
    backups.mkdir()
    write_backup(session.db, backups / "auto-20261130-010000.json.gz")
    newest = write_backup(session.db, backups / "auto-20261201-010000.json.gz")
    session.close()
    for side in ("-wal", "-shm"):
        (folder / f"library.sqlite3{side}").unlink(missing_ok=True)
    (folder / "library.sqlite3").write_bytes(b"")
    assert damage(folder / "library.sqlite3") == EMPTY
    done = reader(folder, "list")
    assert done.returncode == 1 and "empty (0 bytes)" in done.stderr
    assert f"the newest backup is {newest}" in done.stderr
    done = reader(folder, "restore", str(newest))
    assert done.returncode == 0, done.stderr
    assert "Luma AI" in reader(folder, "list").stdout


def test_an_empty_library_file_without_backups_starts_again_and_says_so(tmp_path):
    folder = tmp_path / "lib"
    folder.mkdir()
    (folder / "library.sqlite3").write_bytes(b"")
    done = reader(folder, "list")
    assert done.returncode == 0 and "was empty (0 bytes)" in done.stderr
    assert list(folder.glob("library.sqlite3.damaged-*"))  # kept aside, not deleted


def test_a_folder_where_the_library_file_should_be_is_one_line(tmp_path):
    folder = tmp_path / "lib"
    (folder / "library.sqlite3").mkdir(parents=True)
    done = reader(folder, "list")
    assert done.returncode == 1 and "not a file" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_file_where_the_index_should_be_is_replaced_and_search_answers(tmp_path):
    folder = tmp_path / "lib"
    open_session(folder).close()
    (folder / "index").write_text("not an index")
    done = reader(folder, "search", "unified multimodal")
    assert done.returncode == 0, done.stderr
    assert "Luma AI" in done.stdout and "Traceback" not in done.stderr


def test_what_killed_commands_left_is_cleaned_but_never_a_running_ones(tmp_path):
    folder = tmp_path / "lib"
    open_session(folder).close()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True, check=True)  # fmt: skip
    gone = int(dead.stdout)
    (folder / f"index.new-{gone}").mkdir()
    (folder / f"index.new-{os.getpid()}").mkdir()  # a build still running (this process)
    (backup_folder(folder) / f".backup-{gone}-x1").parent.mkdir(exist_ok=True)
    (backup_folder(folder) / f".backup-{gone}-x1").write_text("half")
    (folder / "notes-of-mine.txt").write_text("mine")
    open_session(folder).close()
    assert not (folder / f"index.new-{gone}").exists()
    assert not (backup_folder(folder) / f".backup-{gone}-x1").exists()
    assert (folder / f"index.new-{os.getpid()}").exists()
    assert (folder / "notes-of-mine.txt").exists()
    out = tmp_path / "out"
    out.mkdir()
    (out / f".reader-export-{gone}-abc").write_text("half")
    (out / "mine.md").write_text("mine")
    assert reader(folder, "export", "--all", "--out", str(out)).returncode == 0
    assert not (out / f".reader-export-{gone}-abc").exists() and (out / "mine.md").exists()


def test_unclaimed_keeps_the_user_s_files_and_reuses_reader_s_own(tmp_path):
    def ours(path):
        return path.read_text() == "reader's"

    target = tmp_path / "backup.json.gz"
    assert unclaimed(target, ours) == target  # nothing there
    target.write_text("")
    assert unclaimed(target, ours) == target  # empty: nothing to lose
    target.write_text("the user's")
    assert unclaimed(target, ours) == tmp_path / "backup (2).json.gz"
    (tmp_path / "backup (2).json.gz").write_text("someone else's")
    (tmp_path / "backup (3).json.gz").write_text("reader's")
    assert unclaimed(target, ours) == tmp_path / "backup (3).json.gz"
    folder = tmp_path / "a folder"
    folder.mkdir()
    link = tmp_path / "stdout"
    link.symlink_to("/proc/self/fd/1")  # as /dev/stdout is
    mine = tmp_path / "mine"
    mine.write_text("the user's")
    to_mine = tmp_path / "to-mine"
    to_mine.symlink_to(mine)
    for odd in (folder, link, to_mine, Path("/dev/null")):
        with pytest.raises(NotAFile, match="is not a plain file"):
            unclaimed(odd, ours)
    assert link.is_symlink() and mine.read_text() == "the user's"
    assert unclaimed(tmp_path / "notes", ours) == tmp_path / "notes"
    (tmp_path / "notes").write_text("x")
    assert unclaimed(tmp_path / "notes", ours) == tmp_path / "notes (2)"
