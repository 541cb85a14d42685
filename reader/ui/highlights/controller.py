"""HighlightController: highlights for the window, every change undoable."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoStack

from reader.core.annotations.highlights import HighlightFilter, HighlightService, PlacedHighlight
from reader.core.models import ColorSlot, Highlight
from reader.core.text import snap_to_words
from reader.ui.common.guard import guarded
from reader.ui.common.undo import AddItem, DeleteItem, EditItem, ReattachItem


class HighlightController(QObject):
    error_occurred = Signal(str)
    last_color_changed = Signal(int)

    def __init__(self, service: HighlightService, undo_stack: QUndoStack, parent=None) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.last_color = 1

    # -- reading --
    def placed(self, article_id: int, text: str) -> list[PlacedHighlight]:
        return self.service.placed(article_id, text)

    def query(self, flt: HighlightFilter) -> list[Highlight]:
        return self.service.query(flt)

    def by_uid(self, uid: str) -> Highlight | None:
        return self.service.by_uid(uid)

    def get(self, highlight_id: int) -> Highlight:
        return self.service.get(highlight_id)

    def query_ids(self, flt: HighlightFilter) -> list[int]:
        return self.service.query_ids(flt)

    def get_many(self, highlight_ids: list[int]) -> dict[int, Highlight]:
        return self.service.get_many(highlight_ids)

    def colors(self) -> list[ColorSlot]:
        return self.service.colors()

    def tags_in_use(self) -> list[str]:
        return self.service.tags_in_use()

    def trash(self) -> list[Highlight]:
        return self.service.trash()

    # -- actions (each one undoable) --
    @guarded
    def add(
        self,
        article_id: int,
        text: str,
        start: int,
        end: int,
        color: int | None = None,
        exact: bool = False,
    ):
        """Highlight text[start:end], widened to whole words unless `exact`."""
        if not exact:
            start, end = snap_to_words(text, start, end)
        color = color or self.last_color
        if color != self.last_color:
            self.last_color = color
            self.last_color_changed.emit(color)
        svc = self.service
        command = AddItem(svc, "Highlight", lambda: svc.add(article_id, text, start, end, color))
        self.undo_stack.push(command)
        return command.item

    @guarded
    def set_note(self, highlight_id: int, note: str) -> None:
        old = self.service.get(highlight_id)
        if old.note != note:
            self._edit(old, "Edit Note", merge_key="note", note=note)

    @guarded
    def set_color(self, highlight_id: int, color: int) -> None:
        old = self.service.get(highlight_id)
        if old.color != color:
            self._edit(old, "Change Colour", color=color)

    @guarded
    def set_tags(self, highlight_id: int, tags: list[str]) -> None:
        old = self.service.get(highlight_id)
        self._edit(old, "Edit Tags", tags=tuple(tags))

    @guarded
    def delete(self, highlight_id: int) -> None:
        h = self.service.get(highlight_id)
        self.undo_stack.push(DeleteItem(self.service, h, "Delete Highlight"))

    @guarded
    def restore(self, highlight_id: int) -> None:
        h = self.service.get(highlight_id)
        self.undo_stack.push(DeleteItem(self.service, h, "Restore Highlight", True))

    @guarded
    def reattach(self, highlight_id: int, text: str, start: int, end: int) -> None:
        h = self.service.get(highlight_id)
        self.undo_stack.push(ReattachItem(self.service, h, text, start, end))

    @guarded
    def empty_trash(self) -> int:
        """Not undoable: the confirmation says so."""
        count = self.service.empty_trash()
        self.undo_stack.clear()  # commands may refer to purged highlights
        return count

    @guarded
    def rename_color(self, slot: int, name: str) -> None:
        self.service.rename_color(slot, name)

    def _edit(self, old: Highlight, label: str, merge_key: str = "", **changes) -> None:
        def restore(o: Highlight) -> None:
            self.service.update(o.id, note=o.note, color=o.color, tags=o.tags)

        self.undo_stack.push(EditItem(self.service, old, label, restore, merge_key, **changes))
