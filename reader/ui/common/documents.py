"""Text the window shows never loads anything: no local file, nothing remote.

Qt reads files behind a document's back. When a document's resource is not an image,
QTextDocument asks its parent widget, then reads a local file of that name itself, and
its image handler then tries to load the name from disk again (`![z](/dev/zero)` in an
export preview read /dev/zero until the app died). A `SafeDocument` answers every
request itself: the article's own inline images (when its owner supplies them), and a
blank pixel for any other image, which stops every fallback. Labels, message boxes and
tooltips guess whether their text is HTML; anything that carries text from an article,
a note, a file name or the user's typing is shown as plain text (`plain`) or escaped
(`plain_tooltip`), so it is never parsed as markup.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TypeVar

from PySide6.QtCore import QByteArray, QObject, Qt, QUrl
from PySide6.QtGui import QImage, QTextDocument
from PySide6.QtWidgets import QLabel, QMessageBox, QTextEdit

ImageSource = Callable[[QUrl], QImage | None]


def _blank() -> QImage:
    image = QImage(1, 1, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    return image


class SafeDocument(QTextDocument):
    """A document that loads nothing but the images its owner hands it."""

    BLANK = _blank()

    def __init__(self, parent: QObject | None = None, images: ImageSource | None = None):
        super().__init__(parent)
        self._images = images

    def loadResource(self, kind: int, name: QUrl | str) -> object:
        if kind == QTextDocument.ResourceType.ImageResource:
            image = self._images(QUrl(name)) if self._images is not None else None
            return image if image is not None and not image.isNull() else self.BLANK
        return QByteArray()  # style sheets, frames, anything else: nothing


def make_safe(view: QTextEdit, images: ImageSource | None = None) -> SafeDocument:
    """Give a text view (a QTextBrowser, a QTextEdit) a document that loads nothing."""
    document = SafeDocument(view, images)
    view.setDocument(document)
    return document


Shown = TypeVar("Shown", QLabel, QMessageBox)


def plain(widget: Shown) -> Shown:
    """Show the label's or box's text as the characters it is, never as markup."""
    widget.setTextFormat(Qt.TextFormat.PlainText)
    return widget


def plain_tooltip(text: str) -> str:
    """A tooltip of any text, shown as it is (escaped; line breaks kept)."""
    return f"<p style='white-space:pre-wrap'>{html.escape(text)}</p>" if text else ""
