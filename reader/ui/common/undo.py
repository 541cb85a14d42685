"""Undo commands shared by highlights and predictions (any AnchoredService).

Each command does its work when it is created, before it is pushed: if the database
refuses (disk full, read-only), the exception reaches the controller, nothing is pushed,
and the user is told. The first redo() that QUndoStack.push() calls is then a no-op.
What a command changes is announced by the core (a Changes record): the panels refresh
from that, not from the command.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QUndoCommand


class _DoneFirst(QUndoCommand):
    def __init__(self, label: str) -> None:
        super().__init__(label)
        self._pushed = False

    def redo(self) -> None:
        if self._pushed:
            self.apply()
        self._pushed = True

    def undo(self) -> None:
        self.revert()

    def apply(self) -> None:
        raise NotImplementedError

    def revert(self) -> None:
        raise NotImplementedError


class AddItem(_DoneFirst):
    """Undo purges the new item; redo re-inserts the same record."""

    def __init__(self, service: Any, label: str, create: Callable[[], Any]) -> None:
        self.service = service
        self.item = create()
        super().__init__(label)

    def apply(self) -> None:
        self.item = self.service.insert(self.item)

    def revert(self) -> None:
        self.service.purge(self.item.id)


class DeleteItem(_DoneFirst):
    """To the trash and back (or, with restoring=True, back from the trash)."""

    def __init__(self, service: Any, item: Any, label: str, restoring: bool = False):
        self.service, self.item, self.restoring = service, item, restoring
        self._set(not restoring)
        super().__init__(label)

    def _set(self, deleted: bool) -> None:
        (self.service.delete if deleted else self.service.restore)(self.item.id)

    def apply(self) -> None:
        self._set(not self.restoring)

    def revert(self) -> None:
        self._set(self.restoring)


class ReattachItem(_DoneFirst):
    def __init__(self, service: Any, item: Any, text: str, start: int, end: int):
        self.service, self.old, self.args = service, item, (text, start, end)
        self.apply()
        super().__init__("Re-attach")

    def apply(self) -> None:
        self.service.reattach(self.old.id, *self.args)

    def revert(self) -> None:
        self.service.set_selectors(self.old.id, self.old.quote, self.old.position)


class EditItem(_DoneFirst):
    """Field changes; consecutive edits of the same text field merge into one step."""

    MERGE_ID = 4101

    def __init__(
        self,
        service: Any,
        old: Any,
        label: str,
        restore: Callable[[Any], object],
        merge_key: str = "",
        **changes,
    ) -> None:
        self.service, self.old, self.restore = service, old, restore
        self.merge_key, self.changes = merge_key, changes
        self.service.update(old.id, **changes)
        super().__init__(label)

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

    def apply(self) -> None:
        self.service.update(self.old.id, **self.changes)

    def revert(self) -> None:
        self.restore(self.old)
