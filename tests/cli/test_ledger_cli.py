"""reader predictions --format csv|markdown: the ledger out of the app."""

from __future__ import annotations

import csv
import io

from reader.core.predictions.service import PredictionFilter
from reader.core.session import open_session


def _resolve_two(data_dir):
    session = open_session(data_dir)
    items = session.predictions.query(PredictionFilter())
    song = [p for p in items if p.speaker == "Song Jiaming"][:2]
    session.predictions.update(song[0].id, outcome="true", probability=70, stance="agree")
    session.predictions.update(song[1].id, outcome="false", evidence='=HYPERLINK("x")')
    session.close()
    return song


def test_the_ledger_as_csv_has_a_row_per_prediction(cli, data_dir):
    cli("list")
    song = _resolve_two(data_dir)
    code, out, _ = cli("predictions", "--format", "csv")
    assert code == 0
    rows = list(csv.DictReader(io.StringIO(out)))
    assert len(rows) == 13 and rows[0]["article"].startswith("Exclusive Interview")
    first = next(r for r in rows if int(r["id"]) == song[0].id)
    assert (first["outcome"], first["your_probability"], first["stance"]) == ("true", "70", "agree")
    second = next(r for r in rows if int(r["id"]) == song[1].id)
    assert second["evidence"] == '\'=HYPERLINK("x")'  # shown as text, never run


def test_the_ledger_as_markdown_has_scores_track_records_and_a_table(cli, data_dir):
    cli("list")
    _resolve_two(data_dir)
    code, out, _ = cli("predictions", "--format", "markdown")
    assert code == 0 and out.startswith("# Prediction ledger\n")
    assert "- **You**: 1 resolved, Brier 0.09" in out
    assert "## Track records of the people quoted" in out
    assert "- **Song Jiaming**: 2 resolved" in out
    table = [line for line in out.splitlines() if line.startswith("| ")]
    assert len(table) == 1 + 13 and "| Came true |" in out
