"""A PDF imported in the window reads as an article, and its highlights say their page in
the sidebar; a PDF that cannot be read is named in the import's report."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QStyleOptionViewItem

from reader.ui.highlights.model import RowRole
from tests.core.test_pdf import paragraphs
from tests.pdf_maker import Page, column_pages, pdf_bytes, write_pdf
from tests.ui.test_highlights_ui import select


def test_a_pdf_opens_and_a_highlight_in_it_says_its_page(make_window, qtbot, tmp_path):
    window = make_window()
    pages = column_pages(paragraphs(30), columns=2, header="Journal", numbers=True)
    path = write_pdf(tmp_path / "paper.pdf", pages, title="A Paper")
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000):
        window.import_paths([path])
    qtbot.waitUntil(lambda: window.controller.current.title == "A Paper", timeout=5000)
    on_page_4 = next(line.text for line in pages[3].lines if line.text.startswith("Paragraph"))
    select(window, on_page_4)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_2)
    panel = window.highlights.panel
    qtbot.waitUntil(lambda: len(panel.visible_rows()) == 1, timeout=3000)
    [row] = panel.visible_rows()
    assert row.page == "4"
    option = QStyleOptionViewItem()
    option.initFrom(panel.view)
    row = panel.view.model().index(0, 0).data(RowRole)
    shown = [text for text, _font in panel.delegate._blocks(row, option)]
    assert shown[-1] == "p. 4"  # under the quote, where the tags go
    assert "Journal" not in window.reading_view.toPlainText()


def test_a_scanned_pdf_is_named_in_the_report_and_nothing_is_added(make_window, qtbot, tmp_path):
    window = make_window()
    before = len(window.session.library.summaries())
    path = tmp_path / "scan.pdf"
    path.write_bytes(pdf_bytes([Page(picture=True)]))
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000) as done:
        window.import_paths([path])
    [failure] = done.args[0].failed
    assert "a scanned PDF" in failure.reason
    assert len(window.session.library.summaries()) == before
