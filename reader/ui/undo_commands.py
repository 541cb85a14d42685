"""Undo commands shared by highlights and predictions (any AnchoredService)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand

Emit = Callable[[int], None]  # article id that changed


class AddItem(QUndoCommand):
    """Created on push (the service call happens first); undo purges, redo re-inserts."""

    def __init__(self, service: Any, emit: Emit, label: str, create: Callable[[], Any]) -> None:
        super().__init__(label)
        self.service, self.emit = service, emit
        self.item = create()
        self._first = True

    def redo(self) -> None:
        if not self._first:
            self.item = self.service.insert(self.item)
        self._first = False
        self.emit(self.item.article_id)

    def undo(self) -> None:
        self.service.purge(self.item.id)
        self.emit(self.item.article_id)


class DeleteItem(QUndoCommand):
    """To the trash and back (or, with restoring=True, back from the trash)."""

    def __init__(self, service: Any, emit: Emit, item: Any, label: str, restoring: bool = False):
        super().__init__(label)
        self.service, self.emit, self.item, self.restoring = service, emit, item, restoring

    def _apply(self, deleted: bool) -> None:
        (self.service.delete if deleted else self.service.restore)(self.item.id)
        self.emit(self.item.article_id)

    def redo(self) -> None:
        self._apply(not self.restoring)

    def undo(self) -> None:
        self._apply(self.restoring)


class ReattachItem(QUndoCommand):
    def __init__(self, service: Any, emit: Emit, item: Any, text: str, start: int, end: int):
        super().__init__("Re-attach")
        self.service, self.emit, self.old, self.args = service, emit, item, (text, start, end)

    def redo(self) -> None:
        self.service.reattach(self.old.id, *self.args)
        self.emit(self.old.article_id)

    def undo(self) -> None:
        self.service.set_selectors(self.old.id, self.old.quote, self.old.position)
        self.emit(self.old.article_id)


class EditItem(QUndoCommand):
    """Field changes; consecutive edits of the same text field merge into one step."""

    MERGE_ID = 4101

    def __init__(
        self,
        service: Any,
        emit: Emit,
        old: Any,
        label: str,
        restore: Callable[[Any], None],
        merge_key: str = "",
        **changes,
    ) -> None:
        super().__init__(label)
        self.service, self.emit, self.old, self.restore = service, emit, old, restore
        self.merge_key, self.changes = merge_key, changes

    def id(self) -> int:
        return self.MERGE_ID if self.merge_key else -1

    def mergeWith(self, other: QUndoCommand) -> bool:
        if (
            not isinstance(other, EditItem)
            or other.old.id != self.old.id
            or other.merge_key != self.merge_key
            or other.service is not self.service
        ):
            return False
        self.changes = {**self.changes, **other.changes}
        return True

    def redo(self) -> None:
        self.service.update(self.old.id, **self.changes)
        self.emit(self.old.article_id)

    def undo(self) -> None:
        self.restore(self.old)
        self.emit(self.old.article_id)
