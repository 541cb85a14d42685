"""`reader backup` and `reader restore`, including onto a damaged library."""

from __future__ import annotations

from tests.conftest import CORPUS


def test_backup_then_restore_on_a_fresh_folder(cli, tmp_path, data_dir):
    cli("import", str(CORPUS / "tricky.md"))
    cli("highlight", "tricky", "An opening paragraph", "--note", "n")
    code, out, _ = cli.json("backup", "--out", str(tmp_path / "b.json.gz"))
    assert code == 0 and out["backup"].endswith("b.json.gz")
    (data_dir / "library.sqlite3").write_bytes(b"garbage" * 2000)  # the library is damaged
    code, _, err = cli("list")
    assert code == 1 and "cannot be used" in err and "reader restore" in err
    code, out, err = cli.json("restore", str(tmp_path / "b.json.gz"))
    assert code == 0 and out["restored"]["articles"] == 2 and "moved aside" in err
    assert list(data_dir.glob("library.sqlite3.damaged-*"))  # the old library, untouched
    assert out["previous_library"] is None  # no copy of the empty one it started instead
    assert not list((data_dir / "backups").glob("before-restore-*"))
    code, items, _ = cli.json("highlights")
    assert [i["note"] for i in items] == ["n"]


def test_restore_of_a_bad_file_changes_nothing(cli, tmp_path):
    bad = tmp_path / "bad.json"
    bad.write_text('{"format": "something"}')
    code, _, err = cli("restore", str(bad))
    assert code == 1 and "not a Reader backup" in err
    code, items, _ = cli.json("list")
    assert len(items) == 1


def test_a_backup_never_replaces_a_file_that_is_not_a_backup(cli, tmp_path):
    notes = tmp_path / "notes.txt"
    notes.write_text("my only copy\n")
    code, out, err = cli.json("backup", "--out", str(notes))
    assert code == 0 and notes.read_text() == "my only copy\n"
    assert out["backup"] == str(tmp_path / "notes (2).txt")
    assert "notes.txt is not a Reader backup: wrote notes (2).txt" in err
    code, again, err = cli.json("backup", "--out", out["backup"])  # its own: replaced
    assert code == 0 and again["backup"] == out["backup"] and "not a Reader" not in err
    code, restored, _ = cli.json("restore", out["backup"])
    assert code == 0 and restored["restored"]["articles"] == 1


def test_damage_inside_the_file_is_reported_in_one_line(cli, data_dir):
    path = data_dir / "library.sqlite3"
    cli("list")
    with path.open("r+b") as f:  # pages in the middle of the file, its header intact
        f.seek(4096 * 3)
        f.write(bytes(range(256)) * 24)
    code, _, err = cli("list")
    assert code == 1 and "cannot be used" in err and len(err.strip().splitlines()) == 1


def test_a_backup_or_export_to_a_link_or_device_is_refused_and_the_link_kept(cli, tmp_path):
    link = tmp_path / "out.json.gz"
    link.symlink_to("/proc/self/fd/1")  # what /dev/stdout is
    for args in (
        ("backup", "--out", str(link)),
        ("export", "--all", "--format", "json", "--out", str(link)),
        ("export", "--format", "backup", "--out", str(link)),
        ("backup", "--out", str(tmp_path)),
    ):
        code, out, err = cli(*args)
        assert code == 1 and "is not a plain file" in err and out == "", args
        assert len(err.strip().splitlines()) == 1
    assert link.is_symlink()
