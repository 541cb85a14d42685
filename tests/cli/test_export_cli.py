"""reader export: files written, the reader's own files left alone and said so."""

from __future__ import annotations

from reader.core.export.files import safe_name


def test_export_all_never_overwrites_a_file_it_did_not_write(cli, tmp_path):
    out = tmp_path / "out"
    out.mkdir()
    code, listed, _ = cli.json("list")
    assert code == 0
    report = out / safe_name(listed[0]["title"])  # the name the export wants
    report.write_text("# Report\n\nMine, with no id line.\n")
    code, stdout, stderr = cli("export", "--all", "--out", str(out))
    assert code == 0, stderr
    assert report.read_text() == "# Report\n\nMine, with no id line.\n"
    [written] = stdout.strip().splitlines()
    assert written.endswith(" (2).md")
    assert "is not a Reader export: wrote" in stderr and "Traceback" not in stderr
