"""`reader import` takes Readwise's CSV and Hypothesis's JSON and says what came in."""

from __future__ import annotations

from tests.core.test_highlight_imports import readwise_rows, write_csv


def test_a_readwise_csv_through_the_command_line(cli, tmp_path):
    path = write_csv(tmp_path / "readwise-data.csv", readwise_rows())
    code, _out, err = cli("import", str(path))
    assert code == 0
    assert "readwise-data.csv: 3 highlight(s), 1 article(s) already here gained some, " in err
    assert "1 article(s) made of highlights" in err
    code, out, _ = cli("highlights", "Deep Work")
    assert code == 0 and "Who you spend time with" in out
    code, out, _ = cli("highlights", "1", "--tag", "film")
    assert "Ray 3 is a phased achievement." in out
    path.write_text("Highlight,Page\nsome text,3\n", encoding="utf-8")
    code, _out, err = cli("import", str(path))
    assert code == 1 and "needs the columns Highlight and Book Title" in err
    assert "Traceback" not in err
