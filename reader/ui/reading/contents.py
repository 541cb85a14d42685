"""The Contents panel: the open article's headings, a click away, the current one marked
as you read; and the lines of a contents list in the text (an EPUB's) made links."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QColor, QTextCharFormat
from PySide6.QtWidgets import (
    QLabel,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.library.outline import Section, contents_entries, outline, section_at
from reader.core.models import Article
from reader.ui.common.docks import add_dock, panel_action
from reader.ui.library.controller import LibraryController
from reader.ui.reading.view import ReadingView

LAYER = "contents"
KIND = "contents"  # clickable ranges in the view: a contents line and its section
SectionRole = Qt.ItemDataRole.UserRole + 1


class ContentsPanel(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.tree = QTreeWidget(self)
        self.tree.setObjectName("contentsView")
        self.tree.setHeaderHidden(True)
        self.tree.setAccessibleName("Contents of the article")
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.empty = QLabel("This article has no headings.", self)
        self.empty.setWordWrap(True)
        self.empty.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 1)
        layout.addWidget(self.empty, 1)
        self.items: list[QTreeWidgetItem] = []

    def set_sections(self, sections: list[Section]) -> None:
        self.tree.clear()
        self.items = []
        parents: list[tuple[int, QTreeWidgetItem | None]] = [(0, None)]
        for n, section in enumerate(sections):
            while parents[-1][0] >= section.level:
                parents.pop()
            parent = parents[-1][1]
            item = QTreeWidgetItem([section.title])
            item.setData(0, SectionRole, n)
            item.setToolTip(0, section.title)
            if parent is None:
                self.tree.addTopLevelItem(item)
            else:
                parent.addChild(item)
            parents.append((section.level, item))
            self.items.append(item)
        self.tree.expandAll()
        self.tree.setVisible(bool(sections))
        self.empty.setVisible(not sections)

    def mark(self, index: int) -> None:
        """Show section `index` as the one being read (bold, chosen, in view)."""
        for n, item in enumerate(self.items):
            font = item.font(0)
            if font.bold() != (n == index):
                font.setBold(n == index)
                item.setFont(0, font)
        if 0 <= index < len(self.items):
            item = self.items[index]
            if self.tree.currentItem() is not item:
                self.tree.setCurrentItem(item)
            self.tree.scrollToItem(item)
        else:
            self.tree.clearSelection()  # before the first heading


class ContentsPresenter(QObject):
    def __init__(self, window: QMainWindow, view: ReadingView, library: LibraryController):
        super().__init__(window)
        self.view, self.library = view, library
        self.sections: list[Section] = []
        self.current = -2
        self.panel = ContentsPanel(window)
        self.dock = add_dock(
            window, "Contents", "contentsDock", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel_action = panel_action(self.dock, "Ctrl+T")
        self._mark_timer = QTimer(self, singleShot=True, interval=60)  # (scrolling is fast)
        self._mark_timer.timeout.connect(self._mark_current)
        library.article_opened.connect(self._on_library_article_opened)
        library.article_closed.connect(lambda: self._show([], []))
        view.article_shown.connect(self._paint)
        view.progress_changed.connect(lambda _fraction: self._mark_timer.start())
        view.annotation_clicked.connect(self._on_view_annotation_clicked)
        self.panel.tree.itemActivated.connect(self._on_item_activated)
        self.panel.tree.itemClicked.connect(self._on_item_activated)
        self._entries: list[tuple[int, int, int]] = []
        self._opened: Article | None = None

    def _on_library_article_opened(self, article: Article) -> None:
        self._show([], [])
        self._opened = article
        QTimer.singleShot(0, self, self._outline)  # the text shows first (a book: 0.5 s)

    def _outline(self) -> None:
        article = self.library.current
        if article is None or article is not self._opened:
            return
        sections = outline(article.html, article.plain_text)
        entries = contents_entries(article.plain_text, sections)
        self._show(sections, [(e.start, e.end, e.section) for e in entries])

    def _show(self, sections: list[Section], entries: list[tuple[int, int, int]]) -> None:
        self.sections, self._entries, self.current = sections, entries, -2
        self.panel.set_sections(sections)
        self._paint()
        self._mark_timer.start()

    def _paint(self) -> None:
        """The contents lines in the text look like links and lead to their sections."""
        fmt = QTextCharFormat()
        fmt.setForeground(self.view.palette().link())
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
        fmt.setUnderlineColor(QColor(self.view.palette().link().color()))
        self.view.set_layer(LAYER, [(start, end, fmt) for start, end, _n in self._entries])
        self.view.set_clickable(KIND, self._entries)

    def _mark_current(self) -> None:
        if not self.sections:
            return
        current = section_at(self.sections, self.view.offset_in_view(0.25))
        if current != self.current:
            self.current = current
            self.panel.mark(current)

    def go_to(self, index: int) -> None:
        section = self.sections[index]
        self.view.scroll_to_top_of_view(section.start)
        self.view.flash(section.start, section.start + len(section.title))
        self._mark_timer.start()

    def _on_item_activated(self, item: QTreeWidgetItem, _column: int = 0) -> None:
        index = item.data(0, SectionRole)
        if index is not None:
            self.go_to(int(index))

    def _on_view_annotation_clicked(self, kind: str, ident: int, _pos: QPoint) -> None:
        if kind == KIND and 0 <= ident < len(self.sections):
            self.go_to(ident)
