"""AnnotationsPanel: highlights of the open article (or of the whole library), filtered."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QModelIndex, Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QMenu,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import ColorSlot
from reader.ui.common.a11y import named
from reader.ui.highlights.model import (
    HighlightDelegate,
    HighlightListModel,
    HighlightRole,
    HighlightRow,
    Loader,
    RowRole,
)

SORT_READING, SORT_NEWEST = "Reading order", "Newest first"


QueryIds = Callable[[int | None, str | None, str], list[int]]  # colour, tag, text -> ids
COMPACT_FROM = 500  # rows: beyond this a list uses equal item heights (lays out at once)


class AnnotationsPanel(QWidget):
    """Filter by colour, tag and text; a count; click to jump; a context menu per item."""

    highlight_activated = Signal(object)  # HighlightRow
    filters_changed = Signal()
    reattach_requested = Signal(int)
    delete_requested = Signal(int)
    copy_requested = Signal(int)

    def __init__(self, library_wide: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.library_wide = library_wide
        self._all_rows: list[HighlightRow] = []
        self._source: tuple[QueryIds, Loader] | None = None
        self._total: int | None = None  # library-wide: all highlights, unfiltered
        self._colors: list[ColorSlot] = []
        self.model = HighlightListModel(self)
        self.text_filter = QLineEdit(self, placeholderText="Filter highlights and notes…")
        self.text_filter.setClearButtonEnabled(True)
        self.color_filter = QComboBox(self)
        self.tag_filter = QComboBox(self)
        self.sort_box = QComboBox(self)
        self.sort_box.addItems([SORT_READING, SORT_NEWEST] if not library_wide else [SORT_NEWEST])
        self.count_label = QLabel(self)
        self.count_label.setObjectName("highlightCount")
        self.view = QListView(self)
        named(
            (self.text_filter, "Filter highlights and notes"),
            (self.color_filter, "Show the highlights of a colour"),
            (self.tag_filter, "Show the highlights with a tag"),
            (self.sort_box, "Order of the highlights"),
            (self.view, "Highlights"),
        )
        self.view.setObjectName("allHighlightsView" if library_wide else "highlightsView")
        self.view.setModel(self.model)
        self.delegate = HighlightDelegate(self.view)
        self.view.setItemDelegate(self.delegate)
        # items wrap to the panel's width: laid out again when the panel is resized
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setWordWrap(True)
        self.view.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.view.setResizeMode(QListView.ResizeMode.Adjust)
        self.view.setLayoutMode(QListView.LayoutMode.Batched)
        self.view.setBatchSize(50)
        self.view.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.view.customContextMenuRequested.connect(self._on_view_context_menu)
        self.view.clicked.connect(self._on_view_activated)
        self.view.activated.connect(self._on_view_activated)
        self.text_filter.textChanged.connect(self._filters_edited)
        self.color_filter.currentIndexChanged.connect(self._filters_edited)
        self.tag_filter.currentIndexChanged.connect(self._filters_edited)
        self.sort_box.currentIndexChanged.connect(self._filters_edited)
        filters = QHBoxLayout()
        filters.addWidget(self.color_filter)
        filters.addWidget(self.tag_filter)
        filters.addWidget(self.sort_box)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.text_filter)
        layout.addLayout(filters)
        layout.addWidget(self.count_label)
        layout.addWidget(self.view, 1)

    # -- data --
    def set_rows(self, rows: list[HighlightRow], colors: list[ColorSlot], tags: list[str]) -> None:
        self._source = None
        self._all_rows, self._colors = list(rows), list(colors)
        self._fill_combo(self.color_filter, "All colours", [(c.name, c.slot) for c in colors])
        self._fill_combo(self.tag_filter, "All tags", [(f"#{t}", t) for t in tags])
        self._refilter()

    @staticmethod
    def _fill_combo(box: QComboBox, all_label: str, items: list[tuple[str, object]]) -> None:
        current = box.currentData()
        box.blockSignals(True)
        box.clear()
        box.addItem(all_label, None)
        for label, value in items:
            box.addItem(label, value)
        box.setCurrentIndex(max(0, box.findData(current)) if current is not None else 0)
        box.blockSignals(False)

    def visible_rows(self) -> list[HighlightRow]:
        return self.model.rows()

    def set_source(
        self,
        query_ids: QueryIds,
        load: Loader,
        colors: list[ColorSlot],
        tags: list[str],
    ) -> None:
        """The library-wide list: filters run as queries, rows load as they are shown."""
        self._source = (query_ids, load)
        self._all_rows, self._colors = [], list(colors)
        self._total = None  # counted with the first unfiltered query
        self._fill_combo(self.color_filter, "All colours", [(c.name, c.slot) for c in colors])
        self._fill_combo(self.tag_filter, "All tags", [(f"#{t}", t) for t in tags])
        self._refilter()

    def _filters_edited(self, *_: object) -> None:
        """A new filter shows its first matches (a refresh keeps the place instead)."""
        self._refilter()
        self.view.scrollToTop()

    def _refilter(self, *_: object) -> None:
        color, tag = self.color_filter.currentData(), self.tag_filter.currentData()
        text = self.text_filter.text().strip().casefold()
        if self._source is not None:
            query_ids, load = self._source
            ids = query_ids(color, tag, text)
            chosen = self.view.currentIndex().data(HighlightRole)
            if color is None and tag is None and not text:
                self._total = len(ids)
            elif self._total is None:
                self._total = len(query_ids(None, None, ""))
            self._set_compact(len(ids) > COMPACT_FROM)
            self.model.set_lazy(ids, load, self._colors)
            if chosen is not None and (row := self.model.row_of(chosen.id)) >= 0:
                self.view.setCurrentIndex(self.model.index(row))  # keep the reader's place
            self._show_count(len(ids), self._total, 0)
            self.filters_changed.emit()
            return
        rows = [
            r
            for r in self._all_rows
            if (color is None or r.highlight.color == color)
            and (tag is None or tag in r.highlight.tags)
            and (
                not text
                or text in r.highlight.quote.exact.casefold()
                or text in r.highlight.note.casefold()
            )
        ]
        if self.sort_box.currentText() == SORT_NEWEST:
            rows.sort(key=lambda r: r.highlight.created_at, reverse=True)
        else:
            rows.sort(key=lambda r: (r.unanchored, r.anchor.start if r.anchor else 0))
        self._set_compact(len(rows) > COMPACT_FROM)
        chosen = self.view.currentIndex().data(HighlightRole)
        scrolled = self.view.verticalScrollBar().value()
        self.model.set_rows(rows, self._colors)
        if chosen is not None and (row := self.model.row_of(chosen.id)) >= 0:
            self.view.setCurrentIndex(self.model.index(row))  # a refresh keeps the choice
        self.view.verticalScrollBar().setValue(scrolled)  # and the place in the list
        self._show_count(len(rows), len(self._all_rows), sum(r.unanchored for r in rows))
        self.filters_changed.emit()

    def _set_compact(self, compact: bool) -> None:
        if compact != self.delegate.compact:
            self.delegate.compact = compact
            self.view.setUniformItemSizes(compact)
            mode = QListView.LayoutMode.SinglePass if compact else QListView.LayoutMode.Batched
            self.view.setLayoutMode(mode)  # equal heights: one pass costs nothing

    def _show_count(self, shown: int, total: int, unanchored: int) -> None:
        if total == 0:
            self.count_label.setText("No highlights yet: select text and press H")
            return
        noun = "highlight" if total == 1 else "highlights"
        extra = f" · {unanchored} unanchored" if unanchored else ""
        of = "" if shown == total else f" of {total:,}"
        self.count_label.setText(f"{shown:,}{of} {noun}{extra}")

    def select(self, highlight_id: int) -> None:
        row = self.model.row_of(highlight_id)
        if row >= 0:
            self.view.setCurrentIndex(self.model.index(row))
            self.view.scrollTo(self.model.index(row))

    # -- interaction --
    def _on_view_activated(self, index: QModelIndex) -> None:
        row = index.data(RowRole)
        if row is not None:
            self.highlight_activated.emit(row)

    def _on_view_context_menu(self, pos) -> None:
        index = self.view.indexAt(pos)
        row: HighlightRow | None = index.data(RowRole) if index.isValid() else None
        if row is None:
            return
        menu = QMenu(self)
        hid = row.highlight.id
        if row.unanchored and not self.library_wide:
            attach = QAction("Re-attach to Selection", menu)
            attach.triggered.connect(lambda: self.reattach_requested.emit(hid))
            menu.addAction(attach)
        copy = QAction("Copy as Markdown", menu)
        copy.triggered.connect(lambda: self.copy_requested.emit(hid))
        delete = QAction("Delete Highlight", menu)
        delete.triggered.connect(lambda: self.delete_requested.emit(hid))
        menu.addActions([copy, delete])
        menu.exec(self.view.viewport().mapToGlobal(pos))
        menu.deleteLater()
