"""AnnotationController: highlights for the window, every change undoable."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.highlights import HighlightFilter, HighlightService, PlacedHighlight
from reader.core.models import ColorSlot, Highlight

NOTE_MERGE_ID = 4101


class AnnotationController(QObject):
    highlights_changed = Signal(int)  # article id
    colors_changed = Signal()
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

    def get(self, highlight_id: int) -> Highlight:
        return self.service.get(highlight_id)

    def colors(self) -> list[ColorSlot]:
        return self.service.colors()

    def tags_in_use(self) -> list[str]:
        return self.service.tags_in_use()

    def trash(self) -> list[Highlight]:
        return self.service.trash()

    # -- actions (each one undoable) --
    def add(self, article_id: int, text: str, start: int, end: int, color: int | None = None):
        color = color or self.last_color
        if color != self.last_color:
            self.last_color = color
            self.last_color_changed.emit(color)
        command = _AddHighlight(self, article_id, text, start, end, color)
        self.undo_stack.push(command)
        return command.highlight

    def set_note(self, highlight_id: int, note: str) -> None:
        old = self.service.get(highlight_id)
        if old.note != note:
            self.undo_stack.push(_EditHighlight(self, old, note=note, merge=True))

    def set_color(self, highlight_id: int, color: int) -> None:
        old = self.service.get(highlight_id)
        if old.color != color:
            self.undo_stack.push(_EditHighlight(self, old, color=color))

    def set_tags(self, highlight_id: int, tags: list[str]) -> None:
        old = self.service.get(highlight_id)
        self.undo_stack.push(_EditHighlight(self, old, tags=tuple(tags)))

    def delete(self, highlight_id: int) -> None:
        self.undo_stack.push(_DeleteHighlight(self, self.service.get(highlight_id)))

    def restore(self, highlight_id: int) -> None:
        self.undo_stack.push(_DeleteHighlight(self, self.service.get(highlight_id), True))

    def reattach(self, highlight_id: int, text: str, start: int, end: int) -> None:
        self.undo_stack.push(_Reattach(self, self.service.get(highlight_id), text, start, end))

    def empty_trash(self) -> int:
        """Not undoable: the confirmation says so."""
        count = self.service.empty_trash()
        self.undo_stack.clear()  # commands may refer to purged highlights
        self.highlights_changed.emit(-1)
        return count

    def rename_color(self, slot: int, name: str) -> None:
        self.service.rename_color(slot, name)
        self.colors_changed.emit()

    def _emit(self, article_id: int) -> None:
        self.highlights_changed.emit(article_id)


class _AddHighlight(QUndoCommand):
    def __init__(self, c: AnnotationController, article_id, text, start, end, color) -> None:
        super().__init__("Highlight")
        self.c = c
        self.highlight = c.service.add(article_id, text, start, end, color)
        self._first = True

    def redo(self) -> None:
        if not self._first:
            self.highlight = self.c.service.insert(self.highlight)
        self._first = False
        self.c._emit(self.highlight.article_id)

    def undo(self) -> None:
        self.c.service.purge(self.highlight.id)
        self.c._emit(self.highlight.article_id)


class _EditHighlight(QUndoCommand):
    def __init__(self, c: AnnotationController, old: Highlight, merge: bool = False, **changes):
        label = "Edit Note" if "note" in changes else "Change Highlight"
        super().__init__(label)
        self.c, self.old, self.changes, self.merge = c, old, changes, merge

    def id(self) -> int:
        return NOTE_MERGE_ID if self.merge else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # typing a note is one undo step
        if not isinstance(other, _EditHighlight) or other.old.id != self.old.id:
            return False
        self.changes = {**self.changes, **other.changes}
        return True

    def redo(self) -> None:
        self.c.service.update(self.old.id, **self.changes)
        self.c._emit(self.old.article_id)

    def undo(self) -> None:
        o = self.old
        self.c.service.update(o.id, note=o.note, color=o.color, tags=o.tags)
        self.c._emit(o.article_id)


class _DeleteHighlight(QUndoCommand):
    def __init__(self, c: AnnotationController, h: Highlight, restoring: bool = False) -> None:
        super().__init__("Restore Highlight" if restoring else "Delete Highlight")
        self.c, self.h, self.restoring = c, h, restoring

    def _apply(self, deleted: bool) -> None:
        (self.c.service.delete if deleted else self.c.service.restore)(self.h.id)
        self.c._emit(self.h.article_id)

    def redo(self) -> None:
        self._apply(not self.restoring)

    def undo(self) -> None:
        self._apply(self.restoring)


class _Reattach(QUndoCommand):
    def __init__(self, c: AnnotationController, h: Highlight, text: str, start: int, end: int):
        super().__init__("Re-attach Highlight")
        self.c, self.old, self.args = c, h, (text, start, end)

    def redo(self) -> None:
        self.c.service.reattach(self.old.id, *self.args)
        self.c._emit(self.old.article_id)

    def undo(self) -> None:
        self.c.service.set_selectors(self.old.id, self.old.quote, self.old.position)
        self.c._emit(self.old.article_id)
