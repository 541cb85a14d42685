"""LibraryPanel: the saved articles, sortable and filterable by title."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QRect, QSize, QSortFilterProxyModel, Qt, Signal
from PySide6.QtGui import QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import ArticleSummary
from reader.ui.common.documents import plain
from reader.ui.library.article_model import ArticleIdRole, ArticleTableModel, SortRole, SummaryRole

SORTS = (  # label, column, order
    ("Newest first", 4, Qt.SortOrder.DescendingOrder),
    ("Oldest first", 4, Qt.SortOrder.AscendingOrder),
    ("Title", 0, Qt.SortOrder.AscendingOrder),
    ("Publication", 1, Qt.SortOrder.AscendingOrder),
    ("Longest first", 2, Qt.SortOrder.DescendingOrder),
    ("Shortest first", 2, Qt.SortOrder.AscendingOrder),
)
PAD = 8


class ArticleDelegate(QStyledItemDelegate):
    """The title (up to two lines, bold), then publication · reading time · date saved
    (the word count is in the tooltip: the date must fit the panel's usual width)."""

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        fm = QFontMetrics(option.font)
        return QSize(200, fm.height() * 3 + PAD * 2 + 4)

    def paint(self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        a: ArticleSummary = index.data(SummaryRole)
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        palette = option.palette
        text_color = palette.highlightedText() if selected else palette.text()
        rect = option.rect.adjusted(PAD, PAD, -PAD, -PAD)
        painter.save()
        bold = QFont(option.font)
        bold.setBold(True)
        fm = QFontMetrics(bold)
        painter.setFont(bold)
        painter.setPen(text_color.color())
        elided = _elide_two_lines(a.title, fm, rect.width())
        lines = elided.count("\n") + 1
        # rows are of equal height (10,000 lay out at once); a one-line title's block is
        # centred in it rather than leaving a blank line above the details
        top = rect.top() + (2 - lines) * fm.height() // 2
        title_rect = QRect(rect.left(), top, rect.width(), fm.height() * lines)
        flags = Qt.TextFlag.TextWordWrap | Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop
        painter.drawText(title_rect, int(flags), elided)
        painter.setFont(option.font)
        if not selected:
            painter.setPen(palette.placeholderText().color())
        meta = " · ".join(
            p for p in (a.publication, f"{a.reading_minutes} min", a.saved_at[:10]) if p
        )
        meta_rect = QRect(rect.left(), title_rect.bottom() + 2, rect.width(), fm.height())
        painter.drawText(
            meta_rect,
            int(Qt.AlignmentFlag.AlignLeft),
            QFontMetrics(option.font).elidedText(meta, Qt.TextElideMode.ElideRight, rect.width()),
        )
        painter.restore()


def _elide_two_lines(text: str, fm: QFontMetrics, width: int) -> str:
    words, line1 = text.split(), ""
    while words and fm.horizontalAdvance((line1 + " " + words[0]).strip()) <= width:
        line1 = (line1 + " " + words.pop(0)).strip()
    rest = " ".join(words)
    return line1 + ("\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else "")


class LibraryPanel(QWidget):
    article_activated = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.proxy.setFilterKeyColumn(0)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter_box = QLineEdit(self, placeholderText="Filter by title…")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_changed)
        self._open_id: int | None = None  # the article being read, chosen in the list
        self.sort_box = QComboBox(self)
        self.sort_box.addItems([label for label, _, _ in SORTS])
        self.sort_box.currentIndexChanged.connect(self._on_sort_box_changed)
        self.view = QListView(self)
        self.view.setObjectName("libraryView")
        self.view.setModel(self.proxy)
        self.view.setItemDelegate(ArticleDelegate(self.view))
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.view.setUniformItemSizes(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.activated.connect(self._on_view_activated)
        self.view.clicked.connect(self._on_view_activated)
        top = QHBoxLayout()
        top.addWidget(self.filter_box, 1)
        top.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        self.empty_note = plain(QLabel(self))
        self.empty_note.setObjectName("libraryFilterEmpty")
        self.empty_note.setWordWrap(True)
        self.empty_note.hide()
        layout.addLayout(top)
        layout.addWidget(self.empty_note)
        layout.addWidget(self.view)
        self._on_sort_box_changed(0)

    def set_articles(self, items: list[ArticleSummary], current: int | None) -> None:
        """List these (again): where the list was scrolled to stays in place."""
        scrolled = self.view.verticalScrollBar().value()
        self.model.set_articles(items)
        self.select(current)
        self.view.verticalScrollBar().setValue(scrolled)

    def select(self, article_id: int | None) -> None:
        self._open_id = article_id
        row = self.model.row_of(article_id) if article_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():  # not listed, or filtered out
            self.view.selectionModel().clear()  # no other article looks chosen
            return
        self.view.setCurrentIndex(index)

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        self.select(self._open_id)  # filtering must not choose another article
        nothing = bool(text.strip()) and self.proxy.rowCount() == 0
        self.empty_note.setText(f"No title contains “{text.strip()[:60]}”." if nothing else "")
        self.empty_note.setVisible(nothing)

    def neighbour(self, article_id: int) -> int | None:
        """The article listed after this one (before it, if it is the last), as shown."""
        row = self.model.row_of(article_id)
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():
            return None
        for r in (index.row() + 1, index.row() - 1):
            if 0 <= r < self.proxy.rowCount():
                return self.proxy.index(r, 0).data(ArticleIdRole)
        return None

    def current_id(self) -> int | None:
        index = self.view.currentIndex()
        return index.data(ArticleIdRole) if index.isValid() else None

    def _on_sort_box_changed(self, i: int) -> None:
        _, column, order = SORTS[i]
        self.model.sort(column, order)  # the proxy only filters

    def _on_view_activated(self, index: QModelIndex) -> None:
        article_id = index.data(ArticleIdRole)
        if article_id is not None:
            self.article_activated.emit(int(article_id))
