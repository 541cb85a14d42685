"""Highlights as the CSV Readwise imports: columns, tags in notes, no formulas, safe writes."""

from __future__ import annotations

import csv
import io

from reader.core.export import export_readwise
from reader.core.export.readwise import HEADER, readwise_csv


def _rows(text: str) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(text)))


def test_every_highlight_is_a_row_readwise_reads(session, tmp_path):
    article = session.library.get(session.library.summaries()[0].id)
    text = article.plain_text
    late = text.index("Ray 3 is a phased achievement.")
    early = text.index("Dream Machine attracted one million users")
    session.highlights.add(
        article.id, text, late, late + 30, note="Key claim,\nwith a comma", tags=["luma", "ai"]
    )
    session.highlights.add(article.id, text, early, early + 41, note="=SUM(A1:A9)")
    out = export_readwise(session.annotations([article.id]), tmp_path / "rw.csv")
    content = out.read_text(encoding="utf-8")
    assert content.splitlines()[0] == ",".join(HEADER)
    rows = _rows(content)
    assert [r["Highlight"] for r in rows] == [  # in reading order
        "Dream Machine attracted one million users",
        "Ray 3 is a phased achievement.",
    ]
    assert rows[1]["Title"] == article.title and rows[1]["Author"] == "Fu Chong, Zhou Xinyu"
    assert rows[1]["Note"] == "Key claim,\nwith a comma\n.luma .ai"  # Readwise's inline tags
    assert rows[0]["Note"] == "'=SUM(A1:A9)"  # shown as text by a spreadsheet, never run
    assert int(rows[1]["Location"]) == late and rows[1]["Date"][:4] == "2026"
    assert rows[1]["URL"] == ""  # (the bundled article has no web address)


def test_a_csv_of_the_user_s_is_never_replaced(session, tmp_path):
    theirs = tmp_path / "rw.csv"
    theirs.write_text("name,phone\nAda,123\n", encoding="utf-8")
    notes: list[str] = []
    out = export_readwise(session.annotations([1]), theirs, notes)
    assert out.name == "rw (2).csv" and theirs.read_text() == "name,phone\nAda,123\n"
    assert notes == ["rw.csv is not a Reader export: wrote rw (2).csv"]
    again = export_readwise(session.annotations([1]), out)  # its own: written again
    assert again == out


def test_an_article_without_highlights_gives_the_header_only(session):
    assert readwise_csv(session.annotations([1])).strip() == ",".join(HEADER)
