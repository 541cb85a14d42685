"""The Contents panel: the open article's headings, a click away, the current one marked
as you read, and its bookmarks (Ctrl+D); the lines of a contents list in the text (an
EPUB's) made links."""

from __future__ import annotations

from PySide6.QtCore import QObject, QPoint, Qt, QTimer
from PySide6.QtGui import QAction, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import (
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from reader.core.annotations.anchored import Placed
from reader.core.changes import Changes
from reader.core.library.outline import Section, contents_entries, outline, section_at
from reader.core.models import Article, Bookmark
from reader.core.text import clip_words, quoted
from reader.ui.common.docks import add_dock, panel_action
from reader.ui.common.documents import plain
from reader.ui.library.controller import LibraryController
from reader.ui.reading.bookmarks import BookmarkController
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
        bookmarks_title = QLabel("<b>Bookmarks</b>", self)
        self.bookmarks = QListWidget(self)
        self.bookmarks.setObjectName("bookmarksView")
        self.bookmarks.setAccessibleName("Bookmarks in the article")
        self.bookmarks.setWordWrap(True)
        self.bookmarks.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self.no_bookmarks = plain(
            QLabel("None yet: Ctrl+D bookmarks the place you are reading.", self)
        )
        self.no_bookmarks.setWordWrap(True)
        self.remove_action = QAction("Remove Bookmark", self.bookmarks)
        self.remove_action.setShortcut(QKeySequence.StandardKey.Delete)
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.bookmarks.addAction(self.remove_action)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.tree, 3)
        layout.addWidget(self.empty, 3)
        layout.addWidget(bookmarks_title)
        layout.addWidget(self.bookmarks, 1)
        layout.addWidget(self.no_bookmarks)
        self.items: list[QTreeWidgetItem] = []
        self.set_bookmarks([])

    def set_bookmarks(self, rows: list[tuple[int, str, str]]) -> None:
        """(id, section, first words) of each bookmark, in reading order."""
        self.bookmarks.clear()
        for bookmark_id, section, words in rows:
            label = f"{section} — {quoted(words + '…')}" if section else quoted(words + "…")
            item = QListWidgetItem(label)
            item.setData(Qt.ItemDataRole.UserRole, bookmark_id)
            item.setToolTip(label)
            self.bookmarks.addItem(item)
        self.bookmarks.setVisible(bool(rows))
        self.no_bookmarks.setVisible(not rows)

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
    def __init__(
        self,
        window: QMainWindow,
        view: ReadingView,
        library: LibraryController,
        bookmarks: BookmarkController,
    ):
        super().__init__(window)
        self.window, self.view, self.library, self.bookmarks = window, view, library, bookmarks
        self.marks: list[Placed[Bookmark]] = []
        self.bookmark_action = QAction("&Bookmark This Place", window)
        self.bookmark_action.setObjectName("bookmarkAction")
        self.bookmark_action.setShortcut(QKeySequence("Ctrl+D"))
        self.bookmark_action.setToolTip("Bookmark the first line in view (again: remove it)")
        self.bookmark_action.triggered.connect(self.toggle_bookmark)
        self.sections: list[Section] = []
        self.current = -2
        self.panel = ContentsPanel(window)
        self.dock = add_dock(
            window, "Contents", "contentsDock", self.panel, Qt.DockWidgetArea.LeftDockWidgetArea
        )
        self.panel_action = panel_action(self.dock, "Ctrl+T", "Alt+2")
        self._mark_timer = QTimer(self, singleShot=True, interval=60)  # (scrolling is fast)
        self._mark_timer.timeout.connect(self._mark_current)
        library.article_opened.connect(self._on_library_article_opened)
        library.article_closed.connect(self._on_library_article_closed)
        view.article_shown.connect(self._paint)
        view.progress_changed.connect(lambda _fraction: self._mark_timer.start())
        view.annotation_clicked.connect(self._on_view_annotation_clicked)
        self.panel.tree.itemActivated.connect(self._on_item_activated)
        self.panel.tree.itemClicked.connect(self._on_item_activated)
        self.panel.bookmarks.itemActivated.connect(self._on_bookmark_activated)
        self.panel.bookmarks.itemClicked.connect(self._on_bookmark_activated)
        self.panel.remove_action.triggered.connect(self._remove_chosen_bookmark)
        self._entries: list[tuple[int, int, int]] = []
        self._opened: Article | None = None

    def _on_library_article_closed(self) -> None:
        self._show([], [])
        self.marks = []
        self.panel.set_bookmarks([])

    def _on_library_article_opened(self, article: Article) -> None:
        self._show([], [])
        self.panel.set_bookmarks([])
        self._opened = article
        QTimer.singleShot(0, self, self._outline)  # the text shows first (a book: 0.5 s)

    def _outline(self) -> None:
        article = self.library.current
        if article is None or article is not self._opened or not self.window.isVisible():
            return  # (another article since, or the window closed: its library with it)
        sections = outline(article.html, article.plain_text)
        entries = contents_entries(article.plain_text, sections)
        self._show(sections, [(e.start, e.end, e.section) for e in entries])
        self._list_bookmarks()

    # -- bookmarks --
    def on_changes(self, changes: Changes) -> None:
        article = self.library.current
        if article is not None and (changes.everything or article.id in changes.bookmarks):
            self._list_bookmarks()

    def _list_bookmarks(self) -> None:
        article = self.library.current
        self.marks = self.bookmarks.placed(article) if article is not None else []
        rows = []
        for placed in self.marks:
            start = placed.anchor.start if placed.anchor else -1
            n = section_at(self.sections, start) if start >= 0 else -1
            section = self.sections[n].title if n > 0 else "Beginning"
            rows.append((placed.item.id, section, placed.item.quote.exact[:60]))
        self.panel.set_bookmarks(rows)

    def toggle_bookmark(self) -> None:
        article = self.library.current
        if article is None:
            return
        view = self.view
        added = self.bookmarks.toggle(article, view.offset_in_view(0.0), view.offset_in_view(0.9))
        status = self.window.statusBar()
        if added is None:
            status.showMessage("Bookmark removed — Ctrl+Z brings it back", 4000)
        else:
            status.showMessage(
                f"Bookmarked: {quoted(clip_words(added.quote.exact, 50))} (Contents, Ctrl+T)", 5000
            )

    def _on_bookmark_activated(self, item: QListWidgetItem) -> None:
        bookmark_id = item.data(Qt.ItemDataRole.UserRole)
        placed = next((p for p in self.marks if p.item.id == bookmark_id), None)
        if placed is None or placed.anchor is None:
            self.window.statusBar().showMessage(
                "That bookmark's place is no longer in the text", 4000
            )
            return
        self.view.scroll_to_top_of_view(placed.anchor.start)
        self.view.flash(placed.anchor.start, placed.anchor.end)

    def _remove_chosen_bookmark(self) -> None:
        item = self.panel.bookmarks.currentItem()
        if item is not None:
            self.bookmarks.remove(int(item.data(Qt.ItemDataRole.UserRole)))
            told = "Bookmark removed — Ctrl+Z brings it back"
            self.window.statusBar().showMessage(told, 4000)

    def _show(self, sections: list[Section], entries: list[tuple[int, int, int]]) -> None:
        self.sections, self._entries, self.current = sections, entries, -2
        self.panel.set_sections(sections)
        self._paint()
        self._mark_timer.start()

    def _paint(self) -> None:
        """The contents lines in the text look like links and lead to their sections."""
        fmt = QTextCharFormat()  # as the article's own links: the theme's accent
        fmt.setForeground(self.view.palette().link())
        self.view.set_layer(LAYER, [(start, end, fmt) for start, end, _n in self._entries])
        self.view.set_clickable(KIND, self._entries)

    def _mark_current(self) -> None:
        if not self.sections:
            return
        current = section_at(self.sections, self.view.offset_in_view(0.25))
        bar = self.view.verticalScrollBar()
        if bar.maximum() > 0 and bar.value() >= bar.maximum():  # at the end: the last
            current = section_at(self.sections, self.view.offset_in_view(0.95))  # in view
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
