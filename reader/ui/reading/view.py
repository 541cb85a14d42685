"""ReadingView: the typeset article; nothing remote is ever loaded here."""

from __future__ import annotations

import bisect

from PySide6.QtCore import QByteArray, QEvent, QPoint, QPointF, QRect, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import (
    QAction,
    QColor,
    QDesktopServices,
    QFont,
    QFontMetricsF,
    QImage,
    QKeySequence,
    QTextCharFormat,
    QTextCursor,
    QTextDocument,
)
from PySide6.QtWidgets import QTextBrowser, QTextEdit, QWidget

from reader.core.ingest.plain_text import align
from reader.ui.common.documents import make_safe
from reader.ui.reading.theme import SERIF, Theme, article_css, reading_palette

_IMAGE_HEADERS = {f"data:image/{t};base64" for t in ("png", "jpeg", "gif", "webp")}
COLUMN_CHARS = 68  # a comfortable measure: 65-75 characters a line
MIN_SIDE_MARGIN = 24
DEFAULT_POINT_SIZE = 13
EXTERNAL_SCHEMES = {"http", "https", "mailto"}
_SAMPLE = "the model will converge to a unified architecture, Song Jiaming said. "


class ReadingView(QTextBrowser):
    """An article in a centred serif column, with layers of painted ranges."""

    progress_changed = Signal(float)  # 0..1 of the way through the article
    link_refused = Signal(str)
    zoom_requested = Signal(int)  # +1 / -1
    highlight_requested = Signal(int)  # colour slot 1-5, or 0 for the last colour
    prediction_requested = Signal()
    annotation_clicked = Signal(str, int, QPoint)  # kind, id, global position
    article_shown = Signal()  # a new article's text is in place: paint layers now

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        make_safe(self, images=self._inline_image)  # loads the article's own images, no more
        self.setObjectName("readingView")
        self.setOpenLinks(False)
        self.setOpenExternalLinks(False)
        self.setFrameShape(QTextBrowser.Shape.NoFrame)
        self.anchorClicked.connect(self._on_anchor_clicked)
        self.verticalScrollBar().valueChanged.connect(self._emit_progress)
        self.verticalScrollBar().rangeChanged.connect(self._on_scroll_range_changed)
        # the reader moved the scroll bar: the place to restore on opening no longer counts
        self.verticalScrollBar().actionTriggered.connect(self._forget_pending_scroll)
        self._pending_scroll: float | None = None
        self._images: list[tuple[QUrl, QImage]] = []  # the article's images, as saved
        self._fit_width = 0  # the width they were fitted to
        self._refit_timer = QTimer(self, singleShot=True, interval=120)
        self._refit_timer.timeout.connect(self._refit_images)
        self._scroll_timer = QTimer(self, singleShot=True, interval=40)
        self._scroll_timer.timeout.connect(self._apply_pending_scroll)
        self._point_size = DEFAULT_POINT_SIZE
        self._html = ""
        self._canonical = ""
        # a selection dragged with Alt held is taken as it is, not widened to whole words
        self.exact_selection = False
        self._to_doc: list[int] = [0]
        self._u16: list[int] | None = None  # code point -> UTF-16 position, if they differ
        self._layers: dict[str, list[QTextEdit.ExtraSelection]] = {}
        self._layer_cache: dict[str, dict[tuple[int, int, int], QTextEdit.ExtraSelection]] = {}
        self._clickable: dict[str, list[tuple[int, int, int]]] = {}
        self.context_actions: dict[str, list[QAction]] = {}  # by owner, in menu order
        self._press_pos: QPoint | None = None
        self._apply_font()

    # -- content --
    def show_article(self, html: str, canonical_text: str) -> None:
        self._html, self._canonical = html, canonical_text
        self._layers.clear()
        self._layer_cache.clear()
        self._clickable.clear()
        self.setExtraSelections([])
        self._images.clear()
        self._fit_width = self._image_width()
        if "<img" in html:
            self.document().clear()  # forget the last article's images
        self.document().setHtml(html)
        shown = self.document().toPlainText()
        self._to_doc = align(canonical_text, shown)
        self._u16 = _utf16_offsets(shown)
        self._update_column()
        self.article_shown.emit()

    def clear_article(self) -> None:
        self._html = self._canonical = ""
        self._to_doc = [0]
        self._u16 = None
        self._layers.clear()
        self._layer_cache.clear()
        self.setExtraSelections([])
        self.document().clear()

    @property
    def canonical_text(self) -> str:
        return self._canonical

    def _inline_image(self, name: QUrl) -> QImage | None:
        """Only the images saved inside the article (data: URLs), fitted to the column;
        nothing else: no remote images, no local files, no fetching."""
        if name.scheme() != "data":
            return None
        header, _, payload = name.toString().partition(",")
        if header not in _IMAGE_HEADERS:
            return None
        image = QImage.fromData(QByteArray.fromBase64(payload.encode("ascii", "ignore")))
        if image.isNull():
            return None
        self._images.append((QUrl(name), image))
        return self._fitted(image, self._fit_width)

    def _image_width(self) -> int:
        return max(100, min(self._column_width(), self.viewport().width() - 2 * MIN_SIDE_MARGIN))

    @staticmethod
    def _fitted(image: QImage, width: int) -> QImage:
        if image.width() <= width:
            return image
        height = max(1, image.height() * width // image.width())
        return image.scaled(
            width,
            height,
            Qt.AspectRatioMode.IgnoreAspectRatio,
            Qt.TransformationMode.SmoothTransformation,
        )

    def _refit_images(self) -> None:
        """Fit the images to the column again (the window or the text size changed)."""
        doc = self.document()
        self._fit_width = width = self._image_width()
        for url, image in self._images:
            doc.addResource(
                QTextDocument.ResourceType.ImageResource, url, self._fitted(image, width)
            )
        doc.markContentsDirty(0, doc.characterCount())

    # -- offsets between the canonical text and the document --
    def to_document(self, start: int, end: int) -> tuple[int, int]:
        """Canonical [start, end) -> QTextCursor positions (UTF-16 units)."""
        n = len(self._to_doc) - 1
        start, end = max(0, min(start, n)), max(0, min(end, n))
        doc_start = self._to_doc[start]
        doc_end = self._to_doc[end - 1] + 1 if end > start else doc_start
        if self._u16 is not None:
            last = len(self._u16) - 1
            return self._u16[min(doc_start, last)], self._u16[min(doc_end, last)]
        return doc_start, doc_end

    def to_canonical(self, doc_pos: int) -> int:
        if self._u16 is not None:
            doc_pos = bisect.bisect_left(self._u16, doc_pos)
        return min(bisect.bisect_left(self._to_doc, doc_pos), len(self._to_doc) - 1)

    def selected_range(self) -> tuple[int, int] | None:
        """The selection as canonical offsets, trimmed of surrounding whitespace."""
        cursor = self.textCursor()
        if not cursor.hasSelection():
            return None
        start = self.to_canonical(cursor.selectionStart())
        end = self.to_canonical(cursor.selectionEnd())
        while start < end and self._canonical[start].isspace():
            start += 1
        while end > start and self._canonical[end - 1].isspace():
            end -= 1
        return (start, end) if end > start else None

    # -- painted layers (highlights, predictions, search marks) --
    def set_layer(self, name: str, ranges: list[tuple[int, int, QTextCharFormat]]) -> None:
        """Paint canonical ranges; unchanged ranges reuse their selection (formats are shared)."""
        old = self._layer_cache.get(name, {})
        cache: dict[tuple[int, int, int], QTextEdit.ExtraSelection] = {}
        selections = []
        for start, end, fmt in ranges:
            key = (start, end, id(fmt))
            sel = old.get(key) or cache.get(key)
            if sel is None:
                doc_start, doc_end = self.to_document(start, end)
                sel = QTextEdit.ExtraSelection()
                cursor = QTextCursor(self.document())
                cursor.setPosition(doc_start)
                cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
                sel.cursor, sel.format = cursor, fmt
            cache[key] = sel
            selections.append(sel)
        self._layer_cache[name] = cache
        self._layers[name] = selections
        self.setExtraSelections([s for layer in self._layers.values() for s in layer])

    def set_clickable(self, kind: str, ranges: list[tuple[int, int, int]]) -> None:
        """Canonical (start, end, id) ranges that emit annotation_clicked when clicked."""
        self._clickable[kind] = sorted(ranges)

    def annotations_at(self, offset: int) -> list[tuple[str, int]]:
        return [
            (kind, ident)
            for kind, ranges in self._clickable.items()
            for start, end, ident in ranges
            if start <= offset < end
        ]

    def mousePressEvent(self, event) -> None:
        self._press_pos = event.position().toPoint()
        super().mousePressEvent(event)

    def mouseReleaseEvent(self, event) -> None:
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self.exact_selection = bool(event.modifiers() & Qt.KeyboardModifier.AltModifier)
        pos = event.position().toPoint()
        moved = self._press_pos is None or (pos - self._press_pos).manhattanLength() > 4
        if event.button() != Qt.MouseButton.LeftButton or moved or self.textCursor().hasSelection():
            return
        doc_pos = self.cursorForPosition(pos).position()
        hits = self.annotations_at(self.to_canonical(doc_pos))
        if hits:
            kind, ident = hits[-1]  # the innermost / latest painted
            self.annotation_clicked.emit(kind, ident, self.viewport().mapToGlobal(pos))

    def contextMenuEvent(self, event) -> None:
        menu = self.createStandardContextMenu(event.pos())
        actions = [a for group in self.context_actions.values() for a in group]
        if actions:
            first = menu.actions()[0] if menu.actions() else None
            for action in actions:
                menu.insertAction(first, action)
            menu.insertSeparator(first)
        menu.exec(event.globalPos())
        menu.deleteLater()

    def scroll_to_range(self, start: int, end: int, select: bool = False) -> None:
        """Bring a range into view a third of the way down (not flush against an edge)."""
        doc_start, doc_end = self.to_document(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        if select:
            cursor.setPosition(doc_end, QTextCursor.MoveMode.KeepAnchor)
        self.setTextCursor(cursor)
        self._pending_scroll = None
        bar = self.verticalScrollBar()
        top = self.cursorRect(cursor).top() + bar.value()
        bar.setValue(max(0, top - self.viewport().height() // 3))

    def range_rect(self, start: int, end: int) -> QRect:
        """Where a canonical range is on the screen (global coordinates): from the top of
        its first line to the bottom of its last, across the viewport."""
        doc_start, doc_end = self.to_document(start, end)
        cursor = QTextCursor(self.document())
        cursor.setPosition(doc_start)
        top = self.cursorRect(cursor).top()
        cursor.setPosition(doc_end)
        bottom = self.cursorRect(cursor).bottom()
        corner = self.viewport().mapToGlobal(QPoint(0, top))
        return QRect(corner.x(), corner.y(), self.viewport().width(), bottom - top + 1)

    def flash(self, start: int, end: int) -> None:
        fmt = QTextCharFormat()
        fmt.setBackground(QColor("#ffb347"))
        self.set_layer("flash", [(start, end, fmt)])
        QTimer.singleShot(700, self, self._clear_flash)

    def _clear_flash(self) -> None:
        self.set_layer("flash", [])

    def _forget_pending_scroll(self) -> None:
        self._pending_scroll = None

    # -- reading comfort --
    def apply_theme(self, theme: Theme) -> None:
        self.setPalette(reading_palette(self.palette(), theme))
        self.document().setDefaultStyleSheet(article_css(theme))
        if self._html:
            place = self._place()
            self.show_article(self._html, self._canonical)
            self._return_to(place)

    # -- the place: the first line in view stays first when the layout changes --
    def _position_at(self, y: int) -> int:
        """Document position of the text at `y` px down the viewport (-1: none)."""
        margin = self.document().rootFrame().frameFormat().leftMargin()
        at = QPointF(margin + 1, self.verticalScrollBar().value() + y)
        return self.document().documentLayout().hitTest(at, Qt.HitTestAccuracy.FuzzyHit)

    def offset_in_view(self, fraction: float = 0.0) -> int:
        """Canonical offset of the line `fraction` of the way down the view."""
        position = self._position_at(1 + round(self.viewport().height() * fraction))
        return self.to_canonical(max(0, position)) if self._canonical else 0

    def scroll_to_top_of_view(self, start: int) -> None:
        """Scroll so that the line holding canonical `start` is the first in view."""
        cursor = QTextCursor(self.document())
        cursor.setPosition(self.to_document(start, start)[0])
        self._pending_scroll = None
        bar = self.verticalScrollBar()
        bar.setValue(max(0, bar.value() + self.cursorRect(cursor).top()))  # its line on top

    def _place(self) -> tuple[int, int] | None:
        """(document position of the first line in view, its distance from the top)."""
        bar = self.verticalScrollBar()
        if self._pending_scroll is not None or bar.value() <= 0 or not self._html:
            return None  # at the top, or an opening restore still to come
        position = self._position_at(1)
        if position < 0:
            return None
        cursor = QTextCursor(self.document())
        cursor.setPosition(position)
        return position, self.cursorRect(cursor).top()

    def _return_to(self, place: tuple[int, int] | None) -> None:
        if place is None:
            return
        position, top = place
        cursor = QTextCursor(self.document())
        cursor.setPosition(min(position, self.document().characterCount() - 1))
        bar = self.verticalScrollBar()
        bar.setValue(bar.value() + self.cursorRect(cursor).top() - top)

    @property
    def point_size(self) -> int:
        return self._point_size

    def set_point_size(self, size: int) -> None:
        place = self._place()
        self._point_size = max(8, min(32, size))
        self._apply_font()
        self._return_to(place)

    def _apply_font(self) -> None:
        font = QFont()
        font.setFamilies([f.strip(" '") for f in SERIF.split(",")])
        font.setPointSize(self._point_size)
        self.document().setDefaultFont(font)
        self._update_column()

    def _column_width(self) -> int:
        metrics = QFontMetricsF(self.document().defaultFont())
        return int(metrics.horizontalAdvance(_SAMPLE) / len(_SAMPLE) * COLUMN_CHARS)

    def _update_column(self) -> None:
        """Centre a column of about COLUMN_CHARS characters in the viewport."""
        if self._images and self._image_width() != self._fit_width:
            self._refit_timer.start()
        side = max(MIN_SIDE_MARGIN, (self.viewport().width() - self._column_width()) // 2)
        frame = self.document().rootFrame()
        fmt = frame.frameFormat()
        if int(fmt.leftMargin()) != side or int(fmt.topMargin()) != 28:
            fmt.setLeftMargin(side)
            fmt.setRightMargin(side)
            fmt.setTopMargin(28)
            fmt.setBottomMargin(48)
            frame.setFrameFormat(fmt)

    def resizeEvent(self, event) -> None:
        place = self._place()  # (before the text is laid out at the new width)
        super().resizeEvent(event)
        self._update_column()
        self._return_to(place)

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)
        if event.type() == QEvent.Type.FontChange:
            self._update_column()

    def restore_scroll(self, fraction: float) -> None:
        """Scroll to a fraction of the article once its layout is known."""
        self._pending_scroll = fraction
        self._scroll_timer.start()
        QTimer.singleShot(1500, self, self._forget_pending_scroll)

    @property
    def placing(self) -> bool:
        """An opened article is still being scrolled to where it was left."""
        return self._pending_scroll is not None

    def scroll_fraction(self) -> float:
        bar = self.verticalScrollBar()
        return bar.value() / bar.maximum() if bar.maximum() > 0 else 0.0

    def _on_scroll_range_changed(self, *_: object) -> None:
        if self._pending_scroll is not None:
            self._scroll_timer.start()  # wait for the layout to settle
        self._emit_progress()

    def _apply_pending_scroll(self) -> None:
        bar = self.verticalScrollBar()
        if self._pending_scroll is not None and bar.maximum() > 0:
            bar.setValue(round(self._pending_scroll * bar.maximum()))
            if bar.value() < bar.maximum():  # a whole line on top, not half of one
                position = self._position_at(1)
                if position >= 0:
                    cursor = QTextCursor(self.document())
                    cursor.setPosition(position)
                    bar.setValue(bar.value() + self.cursorRect(cursor).top())

    def wheelEvent(self, event) -> None:
        self._pending_scroll = None
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.zoom_requested.emit(1 if event.angleDelta().y() > 0 else -1)
            return
        super().wheelEvent(event)

    def keyPressEvent(self, event) -> None:
        self._pending_scroll = None
        ctrl = event.modifiers() & Qt.KeyboardModifier.ControlModifier
        plain = not (event.modifiers() & ~Qt.KeyboardModifier.KeypadModifier)
        if plain:  # with nothing selected, the handler says what to do first
            key = event.key()
            if key == Qt.Key.Key_H:
                self.highlight_requested.emit(0)
                return
            if Qt.Key.Key_1 <= key <= Qt.Key.Key_5:
                self.highlight_requested.emit(key - Qt.Key.Key_0)
                return
            if key == Qt.Key.Key_P:
                self.prediction_requested.emit()
                return
        self.exact_selection = False  # a selection moved by the keyboard is widened again
        if event.matches(QKeySequence.StandardKey.MoveToStartOfDocument) or event.matches(
            QKeySequence.StandardKey.MoveToEndOfDocument
        ):  # (a read-only text has no cursor to move: the page moves)
            bar = self.verticalScrollBar()
            start = event.matches(QKeySequence.StandardKey.MoveToStartOfDocument)
            bar.setValue(bar.minimum() if start else bar.maximum())
            return
        if event.matches(QKeySequence.StandardKey.ZoomIn) or (
            ctrl and event.key() in (Qt.Key.Key_Plus, Qt.Key.Key_Equal)
        ):
            self.zoom_requested.emit(1)
        elif event.matches(QKeySequence.StandardKey.ZoomOut):
            self.zoom_requested.emit(-1)
        else:
            super().keyPressEvent(event)

    def _emit_progress(self, *_: object) -> None:
        bar = self.verticalScrollBar()
        self.progress_changed.emit(1.0 if bar.maximum() <= 0 else bar.value() / bar.maximum())

    def _on_anchor_clicked(self, url: QUrl) -> None:
        if url.scheme().lower() in EXTERNAL_SCHEMES:
            QDesktopServices.openUrl(url)
        else:
            self.link_refused.emit(url.toString())


def _utf16_offsets(text: str) -> list[int] | None:
    """UTF-16 position of each code point (and the end), or None when they are equal."""
    if text.isascii() or all(ord(c) <= 0xFFFF for c in text):
        return None
    offsets, pos = [], 0
    for ch in text:
        offsets.append(pos)
        pos += 2 if ord(ch) > 0xFFFF else 1
    offsets.append(pos)
    return offsets
