"""The window opens hostile articles at once: deep nesting stored before depth was
limited, and a giant word (each of these froze the window for minutes)."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication


def test_deeply_nested_stored_html_is_flattened_before_display(make_window, tmp_path):
    window = make_window()
    source = tmp_path / "deep.md"
    source.write_text("# Deep\n\nwords at the bottom\n")
    article_id = window.session.library.import_file(source)
    deep = "<div>" * 20_000 + "<p>words at the bottom</p>" + "</div>" * 20_000
    window.session.db.execute("UPDATE articles SET html=? WHERE id=?", (deep, article_id))
    window.controller.open_article(article_id)
    QCoreApplication.processEvents()
    assert "words at the bottom" in window.reading_view.toPlainText()
    assert window.controller.current.html.count("<div") <= 100


def test_a_giant_word_opens_and_can_be_highlighted(make_window, tmp_path):
    window = make_window()
    source = tmp_path / "word.txt"
    source.write_text("x" * 2_000_000)  # unbroken, laying it out took minutes
    [imported] = window.session.library.import_paths([source]).imported
    window.controller.open_article(imported.id)
    window.reading_view.grab()
    text = window.controller.current.plain_text
    h = window.highlights.controller.add(imported.id, text, 1000, 1600, exact=True)
    assert h is not None and h.quote.exact == text[1000:1600]
    assert window.highlights.panel.visible_rows()[0].highlight.id == h.id
