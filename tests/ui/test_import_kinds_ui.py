"""File › Import… names every kind of file Reader takes, and each comes in through the
window as through `reader import`: a PDF, an Omnivore export, a Readwise CSV at once."""

from __future__ import annotations

import json

from PySide6.QtWidgets import QFileDialog

from reader.core.annotations.highlights import HighlightFilter
from tests.core.test_highlight_imports import readwise_rows, write_csv
from tests.core.test_omnivore import CONTENT, HIGHLIGHTS_MD, write_zip
from tests.core.test_pdf import paragraphs
from tests.pdf_maker import column_pages, write_pdf

KINDS = (
    "PDF documents (*.pdf)",
    "EPUB books (*.epub)",
    "Kindle highlights (My Clippings.txt *.txt)",
    "Reading lists: Pocket, Instapaper (*.csv *.html)",
    "Omnivore export (*.zip)",
    "Highlights: Readwise CSV, Hypothesis JSON, Reader's JSON (*.csv *.json)",
)


def test_the_import_dialog_names_each_kind_and_takes_them(
    make_window, qtbot, tmp_path, monkeypatch
):
    window = make_window()
    pdf = write_pdf(tmp_path / "paper.pdf", column_pages(paragraphs(8)), title="A Paper")
    meta = [
        {
            "slug": "world",
            "title": "World Models Are Coming",
            "url": "https://example.org/world",
            "state": "SUCCEEDED",
            "labels": ["film"],
        }
    ]
    omnivore = write_zip(
        tmp_path / "omnivore.zip",
        {
            "metadata_0_to_1.json": json.dumps(meta),
            "content/world.html": CONTENT,
            "highlights/world.md": HIGHLIGHTS_MD,
        },
    )
    readwise = write_csv(tmp_path / "readwise.csv", readwise_rows())
    asked = {}

    def choose(parent, caption, folder, filters):
        asked["filters"] = filters.split(";;")
        return [str(pdf), str(omnivore), str(readwise)], filters.split(";;")[0]

    monkeypatch.setattr(QFileDialog, "getOpenFileNames", choose)
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000) as done:
        window.library.choose_import()
    assert all(kind in asked["filters"] for kind in KINDS)
    report = done.args[0]
    titles = sorted(a.title for a in report.imported)
    assert titles == ["A Paper", "World Models Are Coming"] and not report.failed
    assert report.highlights == 2 + 3  # Omnivore's two, Readwise's three
    listed = {s.title for s in window.session.library.summaries()}
    assert {"A Paper", "World Models Are Coming", "Deep Work"} <= listed
    assert len(window.session.highlights.query(HighlightFilter())) == 5
