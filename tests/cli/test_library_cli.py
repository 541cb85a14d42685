"""`reader list | import | show` as a user runs them, in a subprocess."""

from __future__ import annotations

from tests.conftest import CORPUS
from tests.core.test_web_images import server  # noqa: F401 (a fixture)


def test_list_json_lists_the_interview_on_a_fresh_folder(cli):
    code, items, _err = cli.json("list")
    assert code == 0
    assert [a["slug"] for a in items] == ["luma-ai-chief-scientist-interview"]
    assert items[0]["words"] > 2500 and items[0]["publication"] == "Intelligent Emergence"


def test_data_dir_from_environment_variable(cli, data_dir):
    code, items, _ = cli.json("list", use_env_var=True)
    assert code == 0 and len(items) == 1
    assert (data_dir / "library.sqlite3").exists()


def test_import_markdown_text_and_html_adds_three_articles(cli):
    code, report, _ = cli.json(
        "import", str(CORPUS / "tricky.md"), str(CORPUS / "notes.txt"), str(CORPUS / "hostile.html")
    )
    assert code == 0
    assert [a["title"] for a in report["imported"]] == [
        "Tricky Markdown",
        "A plain text note",
        "The Real Article",
    ]
    code, items, _ = cli.json("list")
    assert len(items) == 4


def test_bad_inputs_fail_clearly_and_change_nothing(cli, tmp_path):
    binary = tmp_path / "bin.md"
    binary.write_bytes(bytes(range(256)) * 4)
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    latin = tmp_path / "bad.txt"
    latin.write_bytes(b"\x81\x8d\x8f")
    folder = tmp_path / "nothing-here"
    folder.mkdir()
    (folder / "notes.docx").write_bytes(b"PK\x03\x04")  # not an article file
    code, out, err = cli(
        "import", str(binary), str(empty), str(latin), str(tmp_path / "nope.md"), str(folder)
    )
    assert code == 1
    assert out == ""
    for expected in ("binary", "empty", "not valid UTF-8", "no such file", "folder"):
        assert expected in err
    assert "Traceback" not in err
    _, items, _ = cli.json("list")
    assert len(items) == 1


def test_json_output_is_only_json_on_stdout(cli, tmp_path):
    empty = tmp_path / "e.md"
    empty.write_bytes(b"")
    code, report, _err = cli.json("import", str(empty))
    assert code == 1 and report["failed"][0]["reason"] == "the file is empty"


def test_show_by_slug_title_part_and_formats(cli):
    code, out, _ = cli("show", "chief scientist")
    assert code == 0 and out.startswith("Exclusive Interview with the Chief Scientist")
    code, out, _ = cli("show", "luma-ai-chief-scientist-interview", "--format", "markdown")
    assert "**Song Jiaming:**" in out
    code, out, _ = cli("show", "1", "--format", "html")
    assert '<h1 class="title">' in out


def test_show_unknown_article_is_a_clear_error(cli):
    code, _out, err = cli("show", "no such article anywhere")
    assert code == 1 and "no article matches" in err and "Traceback" not in err


def test_gui_without_a_display_says_how_to_run(cli):
    code, _out, err = cli(env={"QT_QPA_PLATFORM": "", "DISPLAY": "", "WAYLAND_DISPLAY": ""})
    assert code == 2 and "xvfb-run" in err


def test_corrupt_database_is_reported_without_traceback(cli, data_dir):
    (data_dir / "library.sqlite3").write_bytes(b"garbage" * 1000)
    code, _out, err = cli("list")
    assert code == 1 and "cannot be used" in err and "reader restore FILE" in err
    assert len(err.strip().splitlines()) == 1


def test_import_a_web_page_with_its_images(cli, server):  # noqa: F811
    code, out, err = cli("import", "--images", f"{server}/gallery")
    assert code == 0 and "imported" in out
    assert "4 of 6 images could not be saved" in err
    code, html, _ = cli("show", "The Gallery Story", "--format", "html")
    assert html.count('<img src="data:image/png;base64,') == 3


def test_importing_from_a_server_that_does_not_exist_says_so_in_words(cli):
    code, _out, err = cli("import", "http://no-such-host.invalid/story")
    assert code != 0
    [failed] = [line for line in err.splitlines() if line.startswith("failed")]
    assert failed == (
        "failed http://no-such-host.invalid/story: could not find the server "
        "no-such-host.invalid — check the address or your connection"
    )
    assert "Errno" not in err


def test_a_kindle_clippings_file_imports_each_book_with_its_highlights(cli, tmp_path):
    from tests.core.test_kindle import CLIPPINGS, _write

    path = _write(tmp_path, CLIPPINGS)
    code, report, _ = cli.json("import", str(path))
    assert code == 0 and sorted(a["title"] for a in report["imported"]) == [
        "Deep Work",
        "The Age of AI",
    ]
    assert report["highlights"] == 3
    code, _out, err = cli("import", str(_write(tmp_path, CLIPPINGS, "again")))
    assert "imported 0 articles, 2 already there" in err  # (said for a file of highlights)
    code, out, _ = cli("highlights", "The Age of AI")
    assert code == 0 and "Compare with the Luma interview." in out
    code, _out, err = cli("import", str(path))  # again: nothing new, said per book
    assert code == 1 and err.count("nothing new") == 2


def test_predictions_due_exits_0_and_says_how_many(cli, data_dir):
    from datetime import date

    from reader.core.predictions.service import PredictionFilter
    from reader.core.session import open_session

    cli("list")  # the library exists, with the interview's predictions
    session = open_session(data_dir)
    expected = len(session.predictions.query(PredictionFilter(due=True), date.today()))
    session.close()
    code, out, err = cli("predictions", "--due")
    assert code == 0
    said = f"{expected} predictions are due" if expected != 1 else "1 prediction is due"
    assert err.strip() == (said if expected else "none is due")
    assert len(out.splitlines()) == expected


def test_the_list_keeps_its_columns_in_line_for_a_book(cli, tmp_path):
    book = tmp_path / "book.txt"
    book.write_text("A long book\n\n" + "Words upon words. " * 400_000)
    assert cli("import", str(book))[0] == 0
    code, out, _ = cli("list")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 2
    assert len({line.index(" words ") for line in lines}) == 1  # the counts end in line
    assert "1,200,003 words" in out
