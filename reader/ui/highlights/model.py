"""HighlightListModel and its delegate: quote, note and tags under a colour bar."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from PySide6.QtCore import QModelIndex, QRect, QRectF, QSize, QStringListModel, Qt
from PySide6.QtGui import (
    QAbstractTextDocumentLayout,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QPalette,
    QTextDocument,
)
from PySide6.QtWidgets import QStyle, QStyledItemDelegate, QStyleOptionViewItem

from reader.core.annotations.notes import note_html
from reader.core.models import Anchor, ColorSlot, Highlight
from reader.core.text import quoted
from reader.ui.common.documents import plain_tooltip

HighlightRole = Qt.ItemDataRole.UserRole + 1
RowRole = Qt.ItemDataRole.UserRole + 2
PAD = 8
BAR = 5
MAX_QUOTE_LINES = 4
NOTE_LINES = 8  # a longer note is cut; the popup shows it whole
COMPACT_QUOTE_LINES = 3


@dataclass(frozen=True)
class HighlightRow:
    highlight: Highlight
    anchor: Anchor | None = None
    candidate: str = ""  # best passage, for unanchored ones
    article_title: str = ""  # shown in the library-wide view
    unanchored: bool = False
    page: str | None = None  # in a PDF, as it numbers its pages


Loader = Callable[[list[int]], dict[int, HighlightRow]]  # highlight ids -> their rows
PAGE = 100  # rows loaded at a time by a lazy list


class HighlightListModel(QStringListModel):
    """Rows given whole (set_rows), or only their ids with a loader (set_lazy): then a
    row is built when it is first shown, a page of them at a time.

    The base is a list of empty strings so that rowCount() and index() stay in C++: a
    list view lays out 50,000 rows by asking for them ~4 times a row, 0.12 s when each
    ask is a Python call, 7 ms when not. Only data() and flags() are Python.
    """

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._ids: list[int] = []
        self._rows: list[HighlightRow | None] = []
        self._load: Loader | None = None
        self.colors: dict[int, ColorSlot] = {}

    def set_rows(self, rows: list[HighlightRow], colors: list[ColorSlot]) -> None:
        self._reset([r.highlight.id for r in rows], list(rows), None, colors)

    def set_lazy(self, ids: list[int], load: Loader, colors: list[ColorSlot]) -> None:
        self._reset(list(ids), [None] * len(ids), load, colors)

    def _reset(self, ids, rows, load: Loader | None, colors: list[ColorSlot]) -> None:
        self._ids, self._rows, self._load = ids, rows, load
        self.colors = {c.slot: c for c in colors}
        self.setStringList([""] * len(ids))  # resets the model

    def _row(self, i: int) -> HighlightRow | None:
        if not 0 <= i < len(self._rows):
            return None
        row = self._rows[i]
        if row is None and self._load is not None:
            lo, hi = max(0, i - PAGE // 5), min(len(self._ids), i + PAGE)
            wanted = [k for k in range(lo, hi) if self._rows[k] is None]
            loaded = self._load([self._ids[k] for k in wanted])
            for k in wanted:
                self._rows[k] = loaded.get(self._ids[k])  # None: deleted meanwhile
            row = self._rows[i]
        return row

    def loaded_count(self) -> int:
        """Rows built so far (a lazy list builds only those shown and their page)."""
        return sum(r is not None for r in self._rows)

    def rows(self) -> list[HighlightRow]:
        return [r for i in range(len(self._rows)) if (r := self._row(i)) is not None]

    def row_of(self, highlight_id: int) -> int:
        try:
            return self._ids.index(highlight_id)
        except ValueError:
            return -1

    def flags(self, index: QModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsEnabled  # not editable

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        row = self._row(index.row())
        if row is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return row.highlight.quote.exact
        if role == HighlightRole:
            return row.highlight
        if role == RowRole:
            return row
        if role == Qt.ItemDataRole.ToolTipRole:
            color = self.colors.get(row.highlight.color)
            lines = [f"{color.name if color else ''} · {row.highlight.created_at[:16]}"]
            if row.article_title:  # shown cut to one line in the list
                lines.insert(0, row.article_title)
            if row.unanchored:
                lines.append(
                    "Unanchored: the text changed. Select the passage and choose "
                    "“Re-attach to Selection”."
                )
            return plain_tooltip("\n".join(lines))
        return None


def _note_document(note_html: str, font: QFont, width: int) -> QTextDocument:
    """A note's rendered Markdown laid out at the list's width, without margins."""
    doc = QTextDocument()
    doc.setDocumentMargin(0)
    doc.setDefaultFont(font)
    doc.setDefaultStyleSheet("p, ul, ol { margin: 0; } li { margin: 0; }")
    doc.setHtml(note_html)
    doc.setTextWidth(width)
    return doc


def _draw_note(
    painter: QPainter, doc: QTextDocument, x: int, y: int, height: int, color: QColor
) -> None:
    painter.save()
    painter.translate(x, y)
    context = QAbstractTextDocumentLayout.PaintContext()
    context.palette.setColor(QPalette.ColorRole.Text, color)
    context.clip = QRectF(0, 0, doc.textWidth(), height)
    painter.setClipRect(context.clip)
    doc.documentLayout().draw(painter, context)
    painter.restore()


class HighlightDelegate(QStyledItemDelegate):
    """Colour bar, the quote (up to four lines), the note in italics, then #tags."""

    def _blocks(self, row: HighlightRow, option: QStyleOptionViewItem) -> list[tuple[str, QFont]]:
        base = QFont(option.font)
        italic = QFont(option.font)
        italic.setItalic(True)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        h = row.highlight
        blocks: list[tuple[str, QFont]] = []
        if row.article_title:
            bold = QFont(small)
            bold.setBold(True)
            blocks.append((row.article_title, bold))
        if row.unanchored:
            warn = QFont(small)
            warn.setBold(True)
            blocks.append(("Unanchored", warn))
        blocks.append((h.quote.exact, base))
        if row.unanchored and row.candidate:
            blocks.append((f"Best match now: {quoted(row.candidate)}", small))
        if h.note:
            blocks.append((note_html(h.note), italic))  # rich text: see _note_document
        footer = ([f"p. {row.page}"] if row.page else []) + [f"#{t}" for t in h.tags]
        if footer:
            blocks.append((" ".join(footer), small))
        return blocks

    def _height(self, text: str, font: QFont, width: int, max_lines: int = MAX_QUOTE_LINES) -> int:
        fm = QFontMetrics(font)
        if font.italic():  # the note
            height = round(_note_document(text, font, width).size().height())
            return min(height, fm.lineSpacing() * (1 if self.compact else NOTE_LINES))
        rect = fm.boundingRect(QRect(0, 0, width, 10_000), int(Qt.TextFlag.TextWordWrap), text)
        return min(rect.height(), fm.lineSpacing() * max_lines)

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._heights: dict[tuple, int] = {}
        # compact: every item the same height (title, three lines of quote, note, tags),
        # so that a list of 50,000 lays out at once instead of measuring each item
        self.compact = False

    def _compact_height(self, option: QStyleOptionViewItem) -> int:
        blocks = self._blocks_fonts(option)
        lines = [(blocks["small"], 1), (blocks["base"], COMPACT_QUOTE_LINES)]
        lines += [(blocks["italic"], 1), (blocks["small"], 1)]
        return sum(QFontMetrics(f).lineSpacing() * n + 4 for f, n in lines) + 2 * PAD

    @staticmethod
    def _blocks_fonts(option: QStyleOptionViewItem) -> dict[str, QFont]:
        italic = QFont(option.font)
        italic.setItalic(True)
        small = QFont(option.font)
        small.setPointSizeF(max(7.0, option.font.pointSizeF() * 0.88))
        return {"base": QFont(option.font), "italic": italic, "small": small}

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        # the items are as wide as the list's viewport, and measured at that width: the list
        # may ask with a narrower rect (room kept for a scroll bar), which would wrap a line
        # that fits, leaving the row a line too tall
        view = self.parent()
        shown = (view.viewport().width() if view is not None else 0) or option.rect.width() or 300
        width = max(120, shown) - 2 * PAD - BAR - 6 - 1  # (as paint() measures it)
        if self.compact:
            return QSize(width, self._compact_height(option))
        row: HighlightRow | None = index.data(RowRole)
        if row is None:  # deleted since the list was made
            return QSize(width, 2 * PAD)
        h = row.highlight
        key = (
            h.id,
            h.updated_at,
            h.color,
            row.unanchored,
            row.article_title,
            width,
            option.font.key(),
        )
        height = self._heights.get(key)
        if height is None:
            if len(self._heights) > 20_000:
                self._heights.clear()
            blocks = self._blocks(row, option)
            height = sum(
                self._height(t, f, width, 1 if n == 0 and row.article_title else MAX_QUOTE_LINES)
                + 4
                for n, (t, f) in enumerate(blocks)
            )
            self._heights[key] = height
        return QSize(width, height + 2 * PAD)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        row: HighlightRow | None = index.data(RowRole)
        if row is None:
            return
        model: HighlightListModel = index.model()
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        painter.save()
        slot = model.colors.get(row.highlight.color)
        bar = QColor(slot.hex if slot else "#cccccc")
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.fillRect(QRect(rect.left(), rect.top(), BAR, rect.height()), bar)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        text_color = (
            option.palette.highlightedText() if selected else option.palette.text()
        ).color()
        muted = text_color if selected else option.palette.placeholderText().color()
        x = rect.left() + BAR + 6
        width = rect.right() - x
        y = rect.top()
        flags = int(
            Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        )
        painter.setClipRect(option.rect)
        for n, (text, font) in enumerate(self._blocks(row, option)):
            is_quote = text == row.highlight.quote.exact and not font.italic()
            is_title = n == 0 and bool(row.article_title)
            lines = (COMPACT_QUOTE_LINES if is_quote else 1) if self.compact else MAX_QUOTE_LINES
            if is_title:  # the article, on one line: the quote is what the list is about
                lines = 1
                text = QFontMetrics(font).elidedText(text, Qt.TextElideMode.ElideRight, width)
            height = self._height(text, font, width, lines)
            if font.italic():
                _draw_note(painter, _note_document(text, font, width), x, y, height, muted)
                y += height + 4
                continue
            painter.setFont(font)
            painter.setPen(text_color if is_quote else muted)
            if text == "Unanchored":
                painter.setPen(QColor("#c0392b"))
            painter.drawText(QRect(x, y, width, height), flags, text)
            y += height + 4
        painter.restore()
