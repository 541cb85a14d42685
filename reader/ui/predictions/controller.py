"""PredictionController: predictions for the window, every change undoable."""

from __future__ import annotations

from datetime import date

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from reader.core.annotations.highlights import HighlightService
from reader.core.models import Article, Prediction
from reader.core.predictions.detector import marked_span, marked_values
from reader.core.predictions.evidence import attach_evidence
from reader.core.predictions.ledger import LedgerSummary, summarise, tracked
from reader.core.predictions.service import (
    PlacedPrediction,
    PredictionError,
    PredictionFilter,
    PredictionService,
    validate,
)
from reader.ui.common.guard import guarded
from reader.ui.common.undo import AddItem, DeleteItem, EditItem, ReattachItem

TEXT_FIELDS = ("note", "statement", "evidence", "speaker", "horizon")


class PredictionController(QObject):
    error_occurred = Signal(str)
    edit_refused = Signal(int)  # prediction id: the editor shows its stored values again

    def __init__(
        self,
        service: PredictionService,
        undo_stack: QUndoStack,
        parent=None,
        highlights: HighlightService | None = None,
    ) -> None:
        super().__init__(parent)
        self.service = service
        self.undo_stack = undo_stack
        self.highlights = highlights  # (evidence from the library is kept as highlights)

    def placed(self, article_id: int, text: str) -> list[PlacedPrediction]:
        return self.service.placed(article_id, text)

    def get(self, prediction_id: int) -> Prediction:
        return self.service.get(prediction_id)

    def query(self, flt: PredictionFilter) -> list[Prediction]:
        return self.service.query(flt)

    def tags_in_use(self) -> list[str]:
        return self.service.tags_in_use()

    def ledger(self, today: date | None = None) -> tuple[list[Prediction], LedgerSummary]:
        items = self.service.query(PredictionFilter(include_rejected=False))
        return tracked(items), summarise(items, today or date.today())

    # -- actions --
    @guarded
    def add_from_selection(
        self, article: Article, start: int, end: int, exact: bool = False
    ) -> Prediction:
        """Mark a passage as a prediction made by its speaker, dated by the article: its
        whole sentences, unless `exact`."""
        text, svc = article.plain_text, self.service
        if not exact:
            start, end = marked_span(text, start, end)
        proposal = svc.proposal_under(article.id, text, start, end)
        if proposal is not None:  # the detector's already: accepted, not made twice
            self.update(proposal.id, review="confirmed")
            return svc.get(proposal.id)
        values = marked_values(article, start, end)
        command = AddItem(
            svc, "Mark as Prediction", lambda: svc.add(article.id, text, start, end, **values)
        )
        self.undo_stack.push(command)
        return command.item

    @guarded
    def update(self, prediction_id: int, **changes) -> None:
        old = self.service.get(prediction_id)
        changes = {k: v for k, v in changes.items() if getattr(old, k) != v}
        if not changes:
            return
        try:
            validate(changes)  # before the undo stack runs it: a refused edit is not pushed
        except PredictionError:
            self.edit_refused.emit(old.id)
            raise
        merge = (
            next(iter(changes)) if len(changes) == 1 and set(changes) <= set(TEXT_FIELDS) else ""
        )
        self.undo_stack.push(
            EditItem(
                self.service, old, _label(changes), self.service.restore_fields, merge, **changes
            )
        )

    @guarded
    def set_review(self, prediction_id: int, review: str) -> None:
        self.update(prediction_id, review=review)

    def proposals(self, article_id: int, text: str) -> list[Prediction]:
        """The article's proposals still to review, in reading order."""
        placed = [pp for pp in self.placed(article_id, text) if pp.item.review == "proposed"]
        placed.sort(key=lambda pp: pp.anchor.start if pp.anchor else len(text))
        return [pp.item for pp in placed]

    def due_count(self) -> int:
        """Predictions not rejected whose resolve-by date has passed or is within 30 days."""
        return len(self.service.query(PredictionFilter(due=True, include_rejected=False)))

    def proposal_counts(self) -> dict[int, int]:
        return self.service.proposal_counts()

    @guarded
    def review_all(self, prediction_ids: list[int], review: str) -> None:
        """Accept or reject these proposals in one step (one transaction, one undo)."""
        if prediction_ids:
            self.service.review_many(prediction_ids, review)  # first: a refusal pushes nothing
            self.undo_stack.push(_ReviewMany(self.service, list(prediction_ids), review))

    def open_predictions(self) -> list[Prediction]:
        """Every open prediction in the library (not rejected), soonest due first."""
        items = self.service.query(PredictionFilter(status="open", include_rejected=False))
        return sorted(items, key=lambda p: (p.resolve_by or "9999", p.id))

    @guarded
    def attach_evidence(self, prediction_id: int, article: Article, start: int, end: int):
        """Keep a passage as evidence for a prediction (undoable, one step)."""
        if self.highlights is None:
            return None
        before = self.service.get(prediction_id)
        h = attach_evidence(self.service, self.highlights, prediction_id, article, start, end)
        self.undo_stack.push(_AttachEvidence(self.service, self.highlights, before, h.id))
        return h

    @guarded
    def delete(self, prediction_id: int) -> None:
        p = self.service.get(prediction_id)
        self.undo_stack.push(DeleteItem(self.service, p, "Delete Prediction"))

    @guarded
    def restore(self, prediction_id: int) -> None:
        p = self.service.get(prediction_id)
        self.undo_stack.push(DeleteItem(self.service, p, "Restore Prediction", True))

    @guarded
    def reattach(self, prediction_id: int, text: str, start: int, end: int) -> None:
        p = self.service.get(prediction_id)
        self.undo_stack.push(ReattachItem(self.service, p, text, start, end))


_REVIEW_LABELS = {
    "confirmed": "Accept Proposal",
    "rejected": "Reject Proposal",
    "proposed": "Return to Review",
}
_FIELD_LABELS = {
    "resolve_by": "Resolve-by Date",
    "resolved_on": "Resolved Date",
    "confidence_text": "Confidence",
}


def _label(changes: dict) -> str:
    """The undo entry's words: "Undo Accept Proposal", "Undo Edit Resolve-by Date"."""
    if len(changes) > 1:
        return "Edit Prediction"
    field = next(iter(changes))
    if field == "review":
        return _REVIEW_LABELS.get(changes[field], "Review Proposal")
    return f"Edit {_FIELD_LABELS.get(field, field.title())}"


class _ReviewMany(QUndoCommand):
    def __init__(self, service: PredictionService, ids: list[int], review: str) -> None:
        label = "Accept All Proposals" if review == "confirmed" else "Reject All Proposals"
        super().__init__(label)
        self.service, self.ids, self.review = service, ids, review
        self._done = True  # by the controller, before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.service.review_many(self.ids, self.review)

    def undo(self) -> None:
        self.service.review_many(self.ids, "proposed")


class _AttachEvidence(QUndoCommand):
    def __init__(self, service, highlights, before: Prediction, highlight_id: int) -> None:
        super().__init__("Use as Evidence")
        self.service, self.highlights = service, highlights
        self.before, self.highlight_id = before, highlight_id
        self.highlight = highlights.get(highlight_id)
        self.after = service.get(before.id)
        self._done = True  # by the controller, before the push

    def redo(self) -> None:
        if self._done:
            self._done = False
            return
        self.highlight = self.highlights.insert(self.highlight)
        self.service.restore_fields(self.after)

    def undo(self) -> None:
        self.highlights.purge(self.highlight.id)
        self.service.restore_fields(self.before)
