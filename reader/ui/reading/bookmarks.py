"""BookmarkController: add, remove and list an article's bookmarks (undoable)."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.core.annotations.anchored import Placed
from reader.core.annotations.bookmarks import BookmarkService
from reader.core.models import Article, Bookmark
from reader.ui.common.guard import guarded
from reader.ui.common.undo import AddItem, DeleteItem


class BookmarkController(QObject):
    error_occurred = Signal(str)

    def __init__(self, service: BookmarkService, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.service, self.undo_stack = service, undo_stack

    def placed(self, article: Article) -> list[Placed[Bookmark]]:
        """The article's bookmarks where they are in its text now, in reading order."""
        found = self.service.placed(article.id, article.plain_text)
        return sorted(found, key=lambda p: p.anchor.start if p.anchor else len(article.plain_text))

    @guarded
    def toggle(self, article: Article, offset: int, end: int) -> Bookmark | None:
        """Bookmark the place at `offset`, or remove a bookmark already in view (in
        text[offset:end]); returns the new bookmark (None when one was removed)."""
        there = self.service.between(article.id, article.plain_text, offset, end)
        if there is not None:
            self.undo_stack.push(DeleteItem(self.service, there, "Remove Bookmark"))
            return None
        svc, text = self.service, article.plain_text
        command = AddItem(svc, "Add Bookmark", lambda: svc.add(article.id, text, offset))
        self.undo_stack.push(command)
        return command.item

    @guarded
    def remove(self, bookmark_id: int) -> None:
        item = self.service.get(bookmark_id)
        self.undo_stack.push(DeleteItem(self.service, item, "Remove Bookmark"))
