"""Keeping a notes vault in step: each changed article's file written again, the reader's
own text kept, a renamed or moved file found by its id, nothing written that did not
change, and no half file when the writer is killed mid-write."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.core.export.files import ExportError
from reader.core.export.markdown import NOTES_END, NOTES_START
from reader.core.export.vault import (
    STATE_FILE,
    VaultConfig,
    articles_to_write,
    set_vault,
    vault_config,
)

QUOTE = "Ray 3 is a phased achievement."
LATER = "Dream Machine"


def vault(session, tmp_path: Path, flavour: str = "obsidian") -> Path:
    folder = tmp_path / "vault"
    folder.mkdir(exist_ok=True)
    set_vault(session.library, VaultConfig(folder, flavour))
    return folder


def highlight(session, text: str, note: str = "") -> None:
    article = session.library.get(1)
    start = article.plain_text.index(text)
    session.highlights.add(1, article.plain_text, start, start + len(text), 2, note=note)


def md_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*.md"))


def test_off_until_a_folder_is_chosen_and_off_again(session, tmp_path):
    assert vault_config(session.library) is None and session.sync_vault() is None
    folder = vault(session, tmp_path)
    assert vault_config(session.library) == VaultConfig(folder.resolve(), "obsidian")
    set_vault(session.library, None)
    assert vault_config(session.library) is None


def test_a_folder_that_is_not_there_is_refused(session, tmp_path):
    with pytest.raises(ExportError, match="not a folder"):
        set_vault(session.library, VaultConfig(tmp_path / "missing"))
    assert vault_config(session.library) is None


def test_a_change_writes_the_article_and_keeps_the_readers_own_text(session, tmp_path):
    folder = vault(session, tmp_path)
    seen = []
    session.bus.subscribe(seen.append)
    highlight(session, QUOTE, note="first note")
    touched = articles_to_write(seen[-1])
    assert touched == {1}
    report = session.sync_vault(touched)
    [path] = report.written
    assert path.parent == folder.resolve() and QUOTE in path.read_text(encoding="utf-8")
    text = path.read_text(encoding="utf-8")
    mine = "My own thinking on this, written in the vault."
    path.write_text(text.replace(f"{NOTES_START}\n", f"{NOTES_START}\n{mine}\n"), "utf-8")
    highlight(session, LATER)
    report = session.sync_vault(frozenset([1]))
    assert report.written == [path]
    again = path.read_text(encoding="utf-8")
    assert LATER in again and QUOTE in again and mine in again


def test_a_file_renamed_and_moved_by_the_user_is_found_by_its_id(session, tmp_path):
    folder = vault(session, tmp_path)
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    moved = folder / "Reading" / "Luma interview.md"
    moved.parent.mkdir()
    path.rename(moved)
    highlight(session, LATER)
    report = session.sync_vault(frozenset([1]))
    assert report.written == [moved]
    assert md_files(folder) == [moved] and LATER in moved.read_text(encoding="utf-8")


def test_a_file_with_nothing_new_is_not_touched(session, tmp_path):
    vault(session, tmp_path)
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    before = path.stat().st_mtime_ns
    time.sleep(0.02)
    report = session.sync_vault(frozenset([1]))
    assert report.written == [] and report.unchanged == 1
    assert path.stat().st_mtime_ns == before


def test_an_article_with_nothing_to_export_gets_no_file(session, tmp_path):
    folder = vault(session, tmp_path)
    plain = tmp_path / "quiet.md"
    plain.write_text("# A Quiet Note\n\nNothing is highlighted here yet.\n", "utf-8")
    session.library.import_paths([plain])
    written = session.sync_vault().written  # every article: the interview has predictions
    assert [p.name for p in md_files(folder)] == [p.name for p in written]
    assert not any("Quiet" in p.name for p in written) and len(written) == 1


def test_the_users_own_note_of_the_same_name_is_never_touched(session, tmp_path):
    folder = vault(session, tmp_path)
    title = session.library.get(1).title
    from reader.core.export.files import safe_name

    theirs = folder / safe_name(title)
    theirs.write_text("# My note about the interview\n", encoding="utf-8")
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    assert path != theirs and path.name.endswith("(2).md")
    assert theirs.read_text(encoding="utf-8") == "# My note about the interview\n"


def test_broken_markers_leave_the_file_as_the_user_left_it(session, tmp_path):
    vault(session, tmp_path)
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    broken = path.read_text(encoding="utf-8").replace(NOTES_END, "")
    path.write_text(broken, encoding="utf-8")
    highlight(session, LATER)
    report = session.sync_vault(frozenset([1]))
    assert report.written == [] and "not updated" in report.failed[0]
    assert path.read_text(encoding="utf-8") == broken


def test_logseq_pages_go_in_its_pages_folder(session, tmp_path):
    folder = tmp_path / "vault"
    (folder / "pages").mkdir(parents=True)
    (folder / "logseq" / "bak").mkdir(parents=True)
    set_vault(session.library, VaultConfig(folder, "logseq"))
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    assert path.parent.name == "pages"
    text = path.read_text(encoding="utf-8")
    assert "reader-id:: " in text and QUOTE in text


KILLED_WRITER = """
import sys
from pathlib import Path
from reader.core.session import open_session
session = open_session(Path(sys.argv[1]), first_run=False)
text = session.library.get(1).plain_text
n = 0
while True:  # the same file written again and again, each time different
    n += 1
    start = text.index("Ray 3")
    session.highlights.add(1, text, start, start + 5, 1 + n % 5, note="x" * (n % 997))
    session.sync_vault(frozenset([1]))
    print(n, flush=True)
"""


def test_a_writer_killed_mid_write_leaves_a_whole_file_and_the_users_text(session, tmp_path):
    folder = vault(session, tmp_path)
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    mine = "Kept whatever happens."
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace(f"{NOTES_START}\n", f"{NOTES_START}\n{mine}\n"), "utf-8")
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    for delay in (0.8, 1.1, 1.7):
        writer = subprocess.Popen(
            [sys.executable, "-c", KILLED_WRITER, str(session.folder)],
            stdout=subprocess.PIPE,
            env=env,
        )
        assert writer.stdout is not None
        writer.stdout.readline()  # it is writing
        time.sleep(delay)
        writer.send_signal(signal.SIGKILL)
        writer.wait()
        writer.stdout.close()
        [kept] = md_files(folder)  # one file, whole: the markers and the user's text
        written = kept.read_text(encoding="utf-8")
        assert written.startswith("---\n") and written.count(NOTES_END) == 1
        assert mine in written and written.endswith("\n")
    # what a killed write leaves (its temporary file), the next write clears
    (folder / f".reader-export-{writer.pid}-half").write_text("half", encoding="utf-8")
    highlight(session, LATER)
    assert session.sync_vault(frozenset([1])).written == [kept]
    assert [p.name for p in folder.iterdir() if p.name.startswith(".")] == [STATE_FILE]


def test_a_file_changed_outside_its_markers_is_not_overwritten(session, tmp_path):
    folder = vault(session, tmp_path)
    highlight(session, QUOTE)
    [path] = session.sync_vault(frozenset([1])).written
    edited = path.read_text(encoding="utf-8").replace("## Predictions", "## My predictions")
    path.write_text(edited, encoding="utf-8")
    highlight(session, LATER)
    report = session.sync_vault(frozenset([1]))
    assert report.written == [] and "changed outside its notes markers" in report.failed[0]
    assert path.read_text(encoding="utf-8") == edited
    assert (folder / STATE_FILE).is_file()


def test_a_file_another_program_wrote_meanwhile_is_found_not_doubled(session, tmp_path):
    from reader.core.export.vault import vault_for

    folder = vault(session, tmp_path)
    config = vault_config(session.library)
    vault_for(config).sync(session.library, session.highlights, session.predictions, frozenset())
    highlight(session, QUOTE)  # the window's Vault has looked at the folder: it was empty
    from reader.core.export.vault import Vault

    elsewhere = Vault(config)  # (as `reader highlight` in a terminal writes it)
    elsewhere.sync(session.library, session.highlights, session.predictions, frozenset([1]))
    highlight(session, LATER)
    session.sync_vault(frozenset([1]))
    assert len(md_files(folder)) == 1
