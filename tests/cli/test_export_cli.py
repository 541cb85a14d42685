"""reader export: files written, the reader's own files left alone and said so."""

from __future__ import annotations

import gzip
import json

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


def test_json_and_backup_exports_keep_a_file_reader_did_not_write(cli, tmp_path):
    tmp_path = tmp_path / "exports"
    tmp_path.mkdir()
    mine = tmp_path / "annotations.json"
    mine.write_text('{"my": "own data"}\n')
    code, _, err = cli("export", "--all", "--format", "json", "--out", str(mine))
    assert code == 0, err
    assert mine.read_text() == '{"my": "own data"}\n'
    assert "annotations.json is not a Reader export: wrote annotations (2).json" in err
    second = tmp_path / "annotations (2).json"
    assert json.loads(second.read_text())["type"] == "AnnotationCollection"
    code, _, err = cli("export", "--all", "--format", "json", "--out", str(second))
    assert code == 0 and "is not a Reader export" not in err  # its own: replaced in place
    assert sorted(p.name for p in tmp_path.iterdir()) == ["annotations (2).json", mine.name]

    thesis = tmp_path / "thesis.json.gz"
    thesis.write_bytes(gzip.compress(b"chapter one"))
    code, out, err = cli("export", "--format", "backup", "--out", str(thesis))
    assert code == 0 and gzip.decompress(thesis.read_bytes()) == b"chapter one"
    assert "thesis.json.gz is not a Reader backup: wrote thesis (2).json.gz" in err
    assert out.strip() == f"wrote {tmp_path / 'thesis (2).json.gz'}"


def test_export_all_skips_articles_with_nothing_in_them_unless_asked(cli, tmp_path):
    from tests.conftest import CORPUS

    cli("import", str(CORPUS / "tricky.md"), str(CORPUS / "notes.txt"))
    code, out, err = cli("export", "--all", "--out", str(tmp_path / "some"))
    assert code == 0 and len(out.splitlines()) == 1  # the interview (curated predictions)
    assert "skipped 2 article(s) with nothing to export" in err
    code, out, _ = cli("export", "--all", "--include-empty", "--out", str(tmp_path / "every"))
    assert code == 0 and len(list((tmp_path / "every").glob("*.md"))) == 3


def test_readwise_csv_on_stdout_and_to_a_file(cli, tmp_path):
    code, _out, _err = cli("highlight", "1", "Ray 3 is a phased achievement.", "--note", "n")
    assert code == 0
    code, out, _ = cli("export", "1", "--format", "readwise-csv")
    assert code == 0 and out.splitlines()[0] == "Highlight,Title,Author,URL,Note,Location,Date"
    assert out.splitlines()[1].startswith("Ray 3 is a phased achievement.,Exclusive Interview")
    code, out, _ = cli(
        "export", "--all", "--format", "readwise-csv", "--out", str(tmp_path / "r.csv")
    )
    assert code == 0 and out.strip() == f"wrote {tmp_path / 'r.csv'}"


def test_json_and_csv_exports_choose_as_the_markdown_does(cli, tmp_path):
    article = tmp_path / "forecasts.md"
    article.write_text(
        "# Forecasts\n\nAnalysts expect the market for video models will double by 2027.\n",
        encoding="utf-8",
    )
    _, report, _ = cli.json("import", str(article))
    ref = str(report["imported"][0]["id"])
    cli("highlight", ref, "Analysts expect", "--color", "blue")
    code, out, _ = cli("export", ref, "--format", "json")
    assert code == 0
    motivations = [i["motivation"] for i in json.loads(out)["first"]["items"]]
    assert motivations == ["highlighting"]  # the detector's proposal is not confirmed
    _, out, _ = cli("export", ref, "--format", "json", "--include-proposed")
    assert len(json.loads(out)["first"]["items"]) == 2
    _, out, _ = cli("export", ref, "--format", "json", "--include-proposed", "--no-predictions")
    assert len(json.loads(out)["first"]["items"]) == 1
    _, out, _ = cli("export", ref, "--format", "readwise-csv", "--color", "yellow")
    assert out.strip().count("\n") == 0  # the header only: the highlight is blue
