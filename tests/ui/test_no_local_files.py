"""The window reads no file an article names: not in the reading view, not in the export
preview, not in labels or tooltips (Qt's own fallbacks read local files otherwise)."""

from __future__ import annotations

from PySide6.QtCore import QUrl
from PySide6.QtGui import QColor, QImage, QTextDocument
from PySide6.QtWidgets import QLabel

from reader.ui.export.dialog import ExportDialog
from tests.ui.test_highlights_ui import select


def probe_image(tmp_path) -> str:
    """A readable 10 x 10 image: if it is ever loaded, a 10 x 10 image shows up."""
    image = QImage(10, 10, QImage.Format.Format_RGB32)
    image.fill(QColor("red"))
    path = tmp_path / "probe.png"
    assert image.save(str(path))
    return str(path)


def loaded(document: QTextDocument, url: str):
    return document.resource(QTextDocument.ResourceType.ImageResource, QUrl(url))


def import_text(window, tmp_path, body: str) -> int:
    source = tmp_path / "article.md"
    source.write_text(f"# Local Paths\n\n{body}\n", encoding="utf-8")
    article_id = window.session.library.import_file(source)
    window.controller.open_article(article_id)
    return article_id


def test_the_reading_view_loads_no_local_file_even_from_unsanitised_html(make_window, tmp_path):
    window = make_window()
    probe = probe_image(tmp_path)
    article_id = import_text(window, tmp_path, "Some text.")
    # as an old backup could have stored it: HTML that never went through the sanitiser
    hostile = f'<p>Some text.<img src="file://{probe}"><img src="{probe}"></p>'
    window.session.db.execute("UPDATE articles SET html=? WHERE id=?", (hostile, article_id))
    window.controller.open_first()
    window.controller.open_article(article_id)
    window.reading_view.grab()  # laid out and painted
    for url in (f"file://{probe}", probe):
        image = loaded(window.reading_view.document(), url)
        assert isinstance(image, QImage) and image.width() == 1  # a blank pixel, not the file


def test_the_export_preview_loads_no_file_a_highlight_names(make_window, qtbot, tmp_path):
    window = make_window()
    probe = probe_image(tmp_path)
    body = f"See ![z]({probe}) and <img src='{probe}'> and [x](file://{probe}) here."
    import_text(window, tmp_path, body)
    text = window.controller.current.plain_text
    window.highlights.controller.add(window.controller.current.id, text, 0, len(text))
    dialog = ExportDialog(window.export, window.controller.current.id, window.state.qs, window)
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.rendered.grab()
    document = dialog.rendered.document()
    for url in (probe, f"file://{probe}"):
        image = loaded(document, url)
        assert not isinstance(image, QImage) or image.width() <= 1


def test_labels_and_tooltips_show_article_text_as_text(make_window, qtbot, tmp_path):
    window = make_window()
    probe = probe_image(tmp_path)
    tag = f'<img src="{probe}">'
    import_text(window, tmp_path, f"Before {tag} after, and more words to read.")
    select(window, "Before")
    window.highlights.highlight_selection(1)
    [h] = window.session.highlights.for_article(window.controller.current.id)
    editor = window.highlights.editor
    editor.open_for(h, [], window.reading_view.mapToGlobal(window.reading_view.rect().center()))
    assert editor.quote_label.textFormat().name == "PlainText"
    window.library.panel.show_state(None)
    window.library.panel.filter_box.setText(tag)
    note = window.library.panel.empty_note
    assert isinstance(note, QLabel) and note.textFormat().name == "PlainText"
    assert note.text().startswith("No article in the library matches “<img src=")
    model = window.library.panel.model
    row = model.row_of(window.controller.current.id)
    window.session.db.execute(
        "UPDATE articles SET title=? WHERE id=?", (tag, window.controller.current.id)
    )
    window.controller.refresh()
    tip = model.data(model.index(row, 0), 3)  # ToolTipRole
    assert "<img" not in tip and "&lt;img" in tip
