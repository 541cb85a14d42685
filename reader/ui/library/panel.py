"""LibraryPanel: the saved articles of one state (Inbox, Reading, Archive) or all,
sortable, filtered by what is typed (title words, tag:, pub:, author:, saved:), and
filters saved as collections."""

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
    QMenu,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTabBar,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.filters import LibraryFilter, parse_filter
from reader.core.models import ArticleSummary
from reader.ui.common.a11y import named
from reader.ui.common.documents import plain
from reader.ui.library.article_model import (
    ArticleIdRole,
    ArticleTableModel,
    ProposalsRole,
    SortRole,
    SummaryRole,
)

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
        meta = self.meta_for(index, QFontMetrics(option.font), rect.width())
        meta_rect = QRect(rect.left(), title_rect.bottom() + 2, rect.width(), fm.height())
        painter.drawText(meta_rect, int(Qt.AlignmentFlag.AlignLeft), meta)
        painter.restore()

    @staticmethod
    def meta_for(index: QModelIndex, fm: QFontMetrics, width: int) -> str:
        shelf = getattr(index.model(), "state", None)  # the tab listing it
        return _meta_line(index.data(SummaryRole), index.data(ProposalsRole) or 0, fm, width, shelf)


STATE_ELSEWHERE = {"archive": "Archived", "reading": "In Reading", "inbox": "In Inbox"}


def _meta_line(
    a: ArticleSummary, waiting: int, fm: QFontMetrics, width: int, shelf: str | None = None
) -> str:
    """Publication · progress · proposals to review · date saved, then #tags, in the
    row's width: the date and all tags but the first give way first, then the
    publication is shortened (progress and what waits for review always show).
    An article not of the tab's state (the open one, kept listed after it moved) says
    where it is now; in All only the archived say so."""
    elsewhere = a.state == "archive" if shelf is None else a.state != shelf
    archived = STATE_ELSEWHERE.get(a.state, "") if elsewhere else ""
    review = f"{waiting} to review" if waiting else ""
    tags = [f"#{t}" for t in a.tags]

    def line(parts: list[str], shown_tags: list[str]) -> str:
        return "  ".join([" · ".join(p for p in parts if p), *shown_tags])

    full = [archived, a.publication, _progress(a), review, a.saved_at[:10]]
    short = [archived, a.publication, _progress(a), review]
    for text in (line(full, tags), line(short, tags), line(short, tags[:1]), line(short, [])):
        if fm.horizontalAdvance(text) <= width:
            return text
    first = line([archived, _progress(a), review, a.publication], [])
    return fm.elidedText(first, Qt.TextElideMode.ElideRight, width)


def _progress(a: ArticleSummary) -> str:
    """How long it is, or how far it has been read and what is left."""
    if a.furthest >= 1:
        return "read"
    if a.furthest >= 0.01:
        return f"{round(a.furthest * 100)}% · {a.minutes_left} min left"
    return f"{a.reading_minutes} min"


def _elide_two_lines(text: str, fm: QFontMetrics, width: int) -> str:
    words, line1 = text.split(), ""
    while words and fm.horizontalAdvance((line1 + " " + words[0]).strip()) <= width:
        line1 = (line1 + " " + words.pop(0)).strip()
    rest = " ".join(words)
    return line1 + ("\n" + fm.elidedText(rest, Qt.TextElideMode.ElideRight, width) if rest else "")


class ShelfProxy(QSortFilterProxyModel):
    """The articles of one state (or all) that the typed filter keeps."""

    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self.state: str | None = "inbox"
        self.filter = LibraryFilter()
        # the article being read stays listed when reading, archiving or unarchiving it
        # moved it to another state, until another one is opened
        self.kept: int | None = None
        # which source rows are listed, worked out once per list, filter, state or kept
        # article (asked row by row, 10,000 rows cost 0.2 s; a lookup costs nothing)
        self._accepted: list[bool] = []
        self._for: object = None

    def _changing(self, name: str, value) -> None:
        self.beginFilterChange()
        setattr(self, name, value)
        self._for = None
        self.endFilterChange(QSortFilterProxyModel.Direction.Rows)

    def set_state(self, state: str | None) -> None:
        self._changing("state", state)

    def set_filter(self, flt: LibraryFilter) -> None:
        self._changing("filter", flt)

    def keep(self, article_id: int | None) -> None:
        if article_id != self.kept:
            self._changing("kept", article_id)

    def filterAcceptsRow(self, row: int, parent: QModelIndex) -> bool:
        rows = self.sourceModel().rows
        if rows is not self._for:
            state, kept, flt = self.state, self.kept, self.filter
            self._accepted = [
                flt.matches(a) and (state is None or a.state == state or a.id == kept) for a in rows
            ]
            self._for = rows
        return row < len(self._accepted) and self._accepted[row]


TABS = (("inbox", "Inbox"), ("reading", "Reading"), ("archive", "Archive"), (None, "All"))


class LibraryPanel(QWidget):
    article_activated = Signal(int)
    state_chosen = Signal(object)  # "inbox", "reading", "archive" or None (all)
    collection_chosen = Signal(str)
    save_collection_requested = Signal()
    delete_collection_requested = Signal(str)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = ArticleTableModel(self)
        self.proxy = ShelfProxy(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setSortRole(SortRole)
        self.tabs = QTabBar(self)
        self.tabs.setObjectName("libraryStates")
        self.tabs.setAccessibleName("Library states")
        self.tabs.setExpanding(True)  # a row of its own, the four states across it
        self.tabs.setUsesScrollButtons(False)
        self.tabs.setDrawBase(False)
        for _state, label in TABS:
            self.tabs.addTab(label)
        self.tabs.currentChanged.connect(self._on_tab_changed)
        self.collections_button = QToolButton(self)
        self.collections_button.setText("☆")
        self.collections_button.setToolTip("Collections: filters saved under a name")
        self.collections_button.setAccessibleName("Collections")
        self.collections_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.collections_menu = QMenu(self.collections_button)
        self.collections_button.setMenu(self.collections_menu)
        self.set_collections({})
        self.filter_box = QLineEdit(self, placeholderText="Filter…")
        self.filter_box.setToolTip(
            "Words of a title, and tag:NAME, pub:NAME, author:NAME, saved:2026-03, "
            "state:archive; ☆ saves the filter as a collection"
        )
        self.filter_box.setAccessibleName("Filter the library")
        self.filter_box.setClearButtonEnabled(True)
        self.filter_box.textChanged.connect(self._on_filter_changed)
        self._items: list[ArticleSummary] = []
        self._open_id: int | None = None  # the article being read, chosen in the list
        self.sort_box = QComboBox(self)
        self.sort_box.addItems([label for label, _, _ in SORTS])
        self.sort_box.currentIndexChanged.connect(self._on_sort_box_changed)
        self.view = QListView(self)
        named((self.sort_box, "Order of the library"), (self.view, "Articles"))
        self.focus_target = self.view  # Alt+1 brings the keyboard to the list of articles
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
        top.addWidget(self.collections_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tabs)
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
        self._items = list(items)
        self.model.set_articles(items)
        self._count_tabs()
        self.select(current)
        self.view.verticalScrollBar().setValue(scrolled)
        self._say_if_empty()

    def update_articles(self, items: list[ArticleSummary]) -> None:
        """These articles changed (state, tags, progress): their rows, and the counts."""
        fresh = {a.id: a for a in items}
        if not fresh:
            return
        self._items = [fresh.get(a.id, a) for a in self._items]
        self.model.update_rows(fresh)
        self._count_tabs()
        self.select(self._open_id)
        self._say_if_empty()

    # -- states and collections --
    @property
    def state(self) -> str | None:
        return TABS[max(0, self.tabs.currentIndex())][0]

    def show_state(self, state: str | None) -> None:
        self.tabs.setCurrentIndex(next(i for i, (s, _l) in enumerate(TABS) if s == state))

    def _count_tabs(self) -> None:
        counts = {s: 0 for s, _l in TABS}
        for a in self._items:
            counts[a.state] = counts.get(a.state, 0) + 1
        counts[None] = len(self._items)
        for i, (state, label) in enumerate(TABS):
            self.tabs.setTabText(i, f"{label} {counts.get(state, 0)}")

    def _on_tab_changed(self, _index: int) -> None:
        self.proxy.set_state(self.state)
        self.select(self._open_id)
        self._say_if_empty()
        self.state_chosen.emit(self.state)

    def set_proposals(self, counts: dict[int, int]) -> None:
        """Proposed predictions still to review, by article, shown in each row."""
        self.model.set_proposals(counts)

    def set_collections(self, collections: dict[str, str]) -> None:
        menu = self.collections_menu
        menu.clear()
        for name, text in collections.items():
            action = menu.addAction(name)
            action.setToolTip(text)
            action.triggered.connect(lambda _=False, n=name: self.collection_chosen.emit(n))
        if collections:
            menu.addSeparator()
        save = menu.addAction("Save Filter as Collection…")
        save.triggered.connect(self.save_collection_requested)
        if collections:
            delete = menu.addMenu("Delete Collection")
            for name in collections:
                action = delete.addAction(name)
                action.triggered.connect(
                    lambda _=False, n=name: self.delete_collection_requested.emit(n)
                )

    def select(self, article_id: int | None) -> None:
        if article_id != self._open_id:
            self.proxy.keep(article_id)
        self._open_id = article_id
        row = self.model.row_of(article_id) if article_id is not None else -1
        index = self.proxy.mapFromSource(self.model.index(row, 0)) if row >= 0 else None
        if index is None or not index.isValid():  # not listed, or filtered out
            self.view.selectionModel().clear()  # no other article looks chosen
            return
        self.view.setCurrentIndex(index)

    def _on_filter_changed(self, text: str) -> None:
        self.proxy.set_filter(parse_filter(text))
        self.select(self._open_id)  # filtering must not choose another article
        self._say_if_empty()

    def _say_if_empty(self) -> None:
        """Why the list is empty, or what in the filter was not understood."""
        text, flt = self.filter_box.text().strip(), self.proxy.filter
        where = dict(TABS)[self.state] if self.state else "the library"
        note = ""
        if flt.problems:
            note = "Not understood: " + "; ".join(flt.problems)
        elif self.proxy.rowCount() == 0 and self._items:
            what = f"matches “{text[:60]}”" if text else "is here"
            note = f"No article in {where} {what}."
        self.empty_note.setText(note)
        self.empty_note.setVisible(bool(note))

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
