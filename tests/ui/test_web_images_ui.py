"""Save from URL with images, in the real window: asked in the dialog, shown, highlightable."""

from __future__ import annotations

import base64

from PySide6.QtCore import QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QMessageBox

from reader.core.annotations.highlights import HighlightFilter
from reader.ui.library.save_url_dialog import SaveUrlDialog
from tests.core.test_web_images import png, server  # noqa: F401 (a fixture)
from tests.ui.test_highlights_ui import select


def save_url(window, qtbot, url: str, images: bool) -> None:
    window.library.ask_url()
    dialog = window.findChild(SaveUrlDialog, "saveUrlDialog")
    qtbot.waitUntil(dialog.isVisible)
    dialog.url.setText(url)
    dialog.images.setChecked(images)
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        dialog.accept()


def test_the_dialog_saves_the_page_with_its_images_and_they_show(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    save_url(window, qtbot, f"{server}/gallery", images=True)
    assert window.controller.current.title == "The Gallery Story"
    assert "could not be saved" in window.statusBar().currentMessage()
    view = window.reading_view
    shown = view.document().toPlainText()
    assert shown.count("\ufffc") == 3  # the three kept images stand in the text
    # a highlight after the images lands on the words chosen, not one character off
    select(window, "Third paragraph after the pictures")
    window.highlights.highlight_selection(2)
    [h] = window.controller.session.highlights.query(HighlightFilter())
    assert h.quote.exact == "Third paragraph after the pictures"
    painted = [s for s in view.extraSelections() if s.cursor.selectedText()]
    assert any(s.cursor.selectedText() == h.quote.exact for s in painted)
    # the choice is remembered for the next time
    window.library.ask_url()
    dialog = window.findChild(SaveUrlDialog, "saveUrlDialog")
    assert dialog.images.isChecked()
    dialog.reject()


def test_unchecked_the_page_is_saved_without_images(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    save_url(window, qtbot, f"{server}/gallery", images=False)
    assert window.controller.current.title == "The Gallery Story"
    assert "\ufffc" not in window.reading_view.document().toPlainText()
    assert "<img" not in window.controller.current.html


def test_the_view_shows_only_inline_raster_images_fitted_to_the_column(make_window):
    window = make_window()
    view = window.reading_view
    kind = QTextDocument.ResourceType.ImageResource
    wide = "data:image/png;base64," + base64.b64encode(png(3000, 2)).decode()
    document = view.document()  # the view's documents load what it allows, nothing else
    image = document.loadResource(kind, QUrl(wide))
    assert isinstance(image, QImage) and 100 <= image.width() < view.viewport().width()
    small = "data:image/png;base64," + base64.b64encode(png(4, 4)).decode()
    assert document.loadResource(kind, QUrl(small)).width() == 4
    for refused in (
        "http://127.0.0.1:9/a.png",
        "file:///etc/passwd",
        "data:image/svg+xml;base64,PHN2Zz4=",
        "data:image/png;base64,AAAA",
    ):
        assert document.loadResource(kind, QUrl(refused)).width() == 1, refused  # blank


def test_the_dialog_says_when_the_text_is_not_a_web_address(make_window, qtbot):
    window = make_window()
    window.library.ask_url()
    dialog = window.findChild(SaveUrlDialog, "saveUrlDialog")
    dialog.url.setText("not a url")
    dialog.accept()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "is not a web address" in box.text()


def test_an_address_without_its_scheme_is_taken_as_https(make_window, monkeypatch):
    window = make_window()
    asked = []
    monkeypatch.setattr(window.library, "import_paths", lambda paths, images: asked.append(paths))
    window.library.ask_url()
    dialog = window.findChild(SaveUrlDialog, "saveUrlDialog")
    dialog.url.setText("example.com/story")
    dialog.accept()
    assert asked == [["https://example.com/story"]]


def test_a_failed_page_is_named_by_its_whole_address(make_window, qtbot, server):  # noqa: F811
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=15000):
        window.import_paths([f"{server}/nowhere/page.html"])
    box = window.findChild(QMessageBox, "importReport")
    assert f"{server}/nowhere/page.html: the server answered 404" in box.informativeText()


def shown_image_widths(view) -> list[int]:
    doc = view.document()
    doc.documentLayout().documentSize()  # lays the document out: images are loaded
    widths, block = [], doc.begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            fmt = it.fragment().charFormat()
            if fmt.isImageFormat():
                url = QUrl(fmt.toImageFormat().name())
                widths.append(doc.resource(QTextDocument.ResourceType.ImageResource, url).width())
            it += 1
        block = block.next()
    return widths


def test_images_are_fitted_again_when_the_window_narrows_or_widens(make_window, qtbot):
    from reader.core.ingest.plain_text import html_to_plain_text

    window = make_window()
    window.resize(1400, 900)
    view = window.reading_view
    wide = "data:image/png;base64," + base64.b64encode(png(3000, 30)).decode()
    html = f'<p>Before the image.</p><p class="figure"><img src="{wide}" alt=""></p><p>After.</p>'
    view.show_article(html, html_to_plain_text(html))
    [before] = shown_image_widths(view)
    assert 100 <= before <= view.viewport().width()
    window.resize(1000, 900)
    qtbot.waitUntil(lambda: shown_image_widths(view)[0] < before, timeout=3000)
    assert shown_image_widths(view)[0] <= max(100, view.viewport().width() - 2 * 24)
    window.resize(1400, 900)
    qtbot.waitUntil(lambda: shown_image_widths(view)[0] == before, timeout=3000)
