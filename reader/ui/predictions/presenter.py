"""Wires predictions into the window: marking, painting, the sidebar and the ledger."""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, QPoint, QSettings, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QColor, QGuiApplication, QKeySequence, QTextCharFormat
from PySide6.QtWidgets import QMainWindow, QToolButton

from reader.core.changes import Changes
from reader.core.models import Anchor
from reader.core.predictions.service import PlacedPrediction, PredictionFilter
from reader.ui.common.docks import add_dock, show_dock
from reader.ui.common.placement import keep_off
from reader.ui.common.remembered import remember_geometry
from reader.ui.export.controller import ExportController
from reader.ui.library.controller import LibraryController
from reader.ui.predictions.controller import PredictionController
from reader.ui.predictions.evidence_picker import EvidencePicker
from reader.ui.predictions.ledger_dialog import LedgerDialog
from reader.ui.predictions.panel import PredictionsPanel
from reader.ui.predictions.review import ReviewDialog
from reader.ui.reading.view import ReadingView

LAYER = "predictions"


@functools.cache
def prediction_format(review: str, dark: bool) -> QTextCharFormat:
    """Predictions: a coloured underline (not a background), so highlights stay readable."""
    fmt = QTextCharFormat()
    fmt.setFontUnderline(True)  # (first: it sets a solid style, which the next line sets)
    color = QColor("#2aa198" if not dark else "#5fd3c9")
    if review == "proposed":
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DashUnderline)
        color = QColor("#8a8a8a")
    elif review == "rejected":
        return QTextCharFormat()
    else:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
    fmt.setUnderlineColor(color)
    return fmt


class PredictionsPresenter(QObject):
    """Predictions in the window: marking a passage, underlines in the text, the
    Predictions panel with its editor, reviewing proposals, and the ledger."""

    proposals_counted = Signal(object)  # {article id: proposals still to review}

    def __init__(
        self,
        window: QMainWindow,
        view: ReadingView,
        library: LibraryController,
        controller: PredictionController,
        export: ExportController,
        settings: QSettings,
    ) -> None:
        super().__init__(window)
        self.window, self.view, self.library, self.controller = window, view, library, controller
        self.export, self.settings = export, settings
        self.dark = False
        self.ledger: LedgerDialog | None = None
        self.panel = PredictionsPanel(window)
        self.dock = add_dock(
            window,
            "Predictions",
            "predictionsDock",
            self.panel,
            Qt.DockWidgetArea.RightDockWidgetArea,
        )
        self.mark_action = QAction("Mark as Prediction", window)
        self.mark_action.setShortcut(QKeySequence("P"))
        self.mark_action.setShortcutVisibleInContextMenu(True)
        self.mark_action.setToolTip("Mark the selected passage as a prediction (P)")
        self.mark_action.triggered.connect(self.mark_selection)
        self.evidence_action = QAction("Use as &Evidence for a Prediction…", window)
        self.evidence_action.setObjectName("evidenceAction")
        self.evidence_action.setToolTip("Keep the selected passage as evidence for a prediction")
        self.evidence_action.triggered.connect(self.use_as_evidence)
        self.review_action = QAction("&Review Proposals…", window)
        self.review_action.setObjectName("reviewAction")
        self.review_action.setShortcut(QKeySequence("Ctrl+Shift+R"))
        self.review_action.setToolTip("Walk the open article's proposed predictions")
        self.review_action.triggered.connect(self.review)
        self.review_dialog: ReviewDialog | None = None
        self.to_review = QToolButton(window)  # in the status bar: "5 to review"
        self.to_review.setObjectName("proposalCount")
        self.to_review.setAutoRaise(True)
        self.to_review.setAccessibleName("Proposals to review")
        self.to_review.clicked.connect(self.review)
        self.due_button = QToolButton(window)  # in the status bar: "3 due"
        self._due_told = QTimer(self)  # the announcement on the button gives way to the count
        self._due_told.setSingleShot(True)
        self._due_told.setInterval(15000)
        self._due_told.timeout.connect(self.count_due)
        self.due_button.setObjectName("dueCount")
        self.due_button.setAutoRaise(True)
        self.due_button.setAccessibleName("Predictions due")
        self.due_button.setToolTip("Predictions whose resolve-by date has come: the ledger")
        self.due_button.clicked.connect(self.show_due)
        self.due_button.hide()
        self.ledger_action = QAction("Prediction &Ledger…", window)
        self.ledger_action.setShortcut(QKeySequence("Ctrl+Shift+P"))
        self.ledger_action.triggered.connect(lambda: self.show_ledger())
        view.article_shown.connect(self._on_view_article_shown)
        controller.edit_refused.connect(self._on_controller_edit_refused)
        view.prediction_requested.connect(self.mark_selection)
        view.annotation_clicked.connect(self._on_view_annotation_clicked)
        self.panel.prediction_activated.connect(self._on_panel_prediction_activated)
        self.panel.editor.changed.connect(
            lambda pid, changes: self.controller.update(pid, **changes)
        )
        self.panel.editor.review_requested.connect(self.controller.set_review)
        self.panel.editor.delete_requested.connect(self.controller.delete)
        self.panel.copy_requested.connect(self.copy_markdown)

    def _on_view_article_shown(self) -> None:
        """Another article: nothing chosen. The same one shown again (a new theme or
        text size): the chosen prediction stays chosen."""
        chosen, current = self.panel.editor.prediction, self.library.current
        if chosen is not None and (current is None or chosen.article_id != current.id):
            self.panel.editor.load(None)
        self.refresh()

    def on_changes(self, changes: Changes) -> None:
        """Repaint the open article's predictions when they changed; the ledger, when
        it is open, when any did; the counts of proposals to review."""
        current = self.library.current
        if changes.everything or (current is not None and current.id in changes.predictions):
            self.refresh()
        if self.ledger is not None and (changes.predictions or changes.articles):
            self.ledger.reload()
        dialog = self.review_dialog
        if dialog is not None and dialog.proposals:
            article_id = dialog.proposals[0].article_id
            if changes.everything or article_id in changes.predictions:
                stored = self.controller.query(PredictionFilter(article_id=article_id))
                dialog.sync({p.id: p.review for p in stored})
        if changes.everything or changes.predictions or changes.articles:
            self.count_proposals()
            self.count_due()

    def count_proposals(self) -> None:
        """Proposals still to review: per article (the Library list) and in all."""
        counts = self.controller.proposal_counts()
        self.proposals_counted.emit(counts)
        total = sum(counts.values())
        here = counts.get(self.library.current.id, 0) if self.library.current else 0
        self.to_review.setText(
            f"{total} proposal{'s' if total != 1 else ''} to review" if total else ""
        )
        self.to_review.setToolTip(
            f"{here} in this article — Ctrl+Shift+R walks them" if here else "None in this article"
        )
        self.to_review.setVisible(bool(total))

    # -- reviewing proposals --
    def review(self) -> None:
        """Walk the open article's proposals: accept, reject, edit, next, previous."""
        article = self.library.current
        if article is None:
            return
        proposals = self.controller.proposals(article.id, article.plain_text)
        if not proposals:
            self.window.statusBar().showMessage("No proposals to review in this article", 4000)
            return
        if self.review_dialog is not None:
            self.review_dialog.close()
        dialog = ReviewDialog(article.title, proposals, self.window)
        remember_geometry(dialog, self.settings, "review")
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.decided.connect(self.controller.set_review)
        dialog.decided_all.connect(self.controller.review_all)
        dialog.shown.connect(self._show_in_text)
        dialog.edit_requested.connect(self._edit_proposal)
        dialog.destroyed.connect(lambda: setattr(self, "review_dialog", None))
        self.review_dialog = dialog
        self._show_in_text(proposals[0].id)
        dialog.show()
        if (anchor := self._anchor_of(proposals[0].id)) is not None:
            self._keep_review_off(anchor)

    def _keep_review_off(self, anchor: Anchor) -> None:
        """The review dialog moves out of the way of the passage it is about."""
        if self.review_dialog is not None and self.review_dialog.isVisible():
            keep_off(self.review_dialog, self.view.range_rect(anchor.start, anchor.end))

    def _show_in_text(self, prediction_id: int) -> None:
        self._show_dock()
        self.panel.select(prediction_id)
        self.panel.editor.load(self.controller.get(prediction_id))
        if (anchor := self._go_to(prediction_id)) is not None:
            self._keep_review_off(anchor)

    def _edit_proposal(self, prediction_id: int) -> None:
        self._show_in_text(prediction_id)
        self.window.activateWindow()
        self.panel.editor.statement.setFocus()

    def _on_controller_edit_refused(self, prediction_id: int) -> None:
        self.panel.editor.load(self.controller.get(prediction_id))

    def refresh(self) -> None:
        article = self.library.current
        placed = self.controller.placed(article.id, article.plain_text) if article else []
        self._paint(placed)
        self.panel.set_predictions(placed, self.controller.tags_in_use())

    def _paint(self, placed: list[PlacedPrediction]) -> None:
        ranges, clickable = [], []
        for pp in placed:
            if pp.anchor is None or pp.item.review == "rejected":
                continue
            ranges.append(
                (pp.anchor.start, pp.anchor.end, prediction_format(pp.item.review, self.dark))
            )
            clickable.append((pp.anchor.start, pp.anchor.end, pp.item.id))
        self.view.set_layer(LAYER, ranges)
        self.view.set_clickable("prediction", clickable)

    def mark_selection(self) -> None:
        article = self.library.current
        span = self.view.selected_range()
        if article is None or span is None:
            self.window.statusBar().showMessage("Select the passage that makes a prediction", 3000)
            return
        p = self.controller.add_from_selection(article, *span, self.view.exact_selection)
        if p is None:
            return
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        self._show_dock()
        self.panel.select(p.id)
        self.panel.editor.load(self.controller.get(p.id))
        told = "Accepted the proposal" if p.source == "detected" else "Marked as a prediction"
        self.window.statusBar().showMessage(f"{told} — annotate it in the sidebar", 3000)

    def use_as_evidence(self) -> None:
        """The selected passage as evidence for one of the library's open predictions."""
        article, span = self.library.current, self.view.selected_range()
        if article is None or span is None:
            self.window.statusBar().showMessage(
                "Select the passage that bears on a prediction first", 4000
            )
            return
        candidates = self.controller.open_predictions()
        if not candidates:
            self.window.statusBar().showMessage("There is no open prediction to support", 4000)
            return
        passage = article.plain_text[span[0] : span[1]]
        picker = EvidencePicker(passage, candidates, self.window)
        if not picker.exec() or picker.chosen is None:
            return
        h = self.controller.attach_evidence(picker.chosen, article, *span)
        if h is not None:
            chosen = self.controller.get(picker.chosen)
            self.window.statusBar().showMessage(
                f"Kept as evidence for “{chosen.headline[:60]}” — Ctrl+Z takes it back", 6000
            )

    def _on_view_annotation_clicked(self, kind: str, ident: int, pos: QPoint) -> None:
        if kind == "prediction":
            self._show_dock()
            self.panel.select(ident)
            self.panel.editor.load(self.controller.get(ident))

    def _anchor_of(self, prediction_id: int) -> Anchor | None:
        """Where a prediction of the open article is in its text (None: not anchored)."""
        article = self.library.current
        if article is None:
            return None
        placed = self.controller.placed(article.id, article.plain_text)
        return next((pp.anchor for pp in placed if pp.item.id == prediction_id), None)

    def _go_to(self, prediction_id: int) -> Anchor | None:
        """Scroll to the prediction's passage and flash it; where it is (None: nowhere)."""
        if (anchor := self._anchor_of(prediction_id)) is not None:
            self.view.scroll_to_range(anchor.start, anchor.end)
            self.view.flash(anchor.start, anchor.end)
        return anchor

    def _on_panel_prediction_activated(self, prediction_id: int) -> None:
        self._go_to(prediction_id)

    def _show_dock(self) -> None:
        show_dock(self.dock)

    def copy_markdown(self, prediction_id: int) -> None:
        QGuiApplication.clipboard().setText(self.export.prediction_as_markdown(prediction_id))
        self.window.statusBar().showMessage("Copied as Markdown", 2000)

    def count_due(self) -> int:
        """How many open predictions are due; the status bar's "3 due" button says it."""
        n = self.controller.due_count()
        self.due_button.setText(f"{n} due" if n else "")
        self.due_button.setVisible(bool(n))
        return n

    def announce_due(self, n: int) -> None:
        told = f"{n} prediction{'s are' if n != 1 else ' is'} due"
        self.window.statusBar().showMessage(f"{told} — “{n} due” below opens them", 15000)
        # the status bar's message gives way to the next one (the search index's, at a
        # first start): the button says it in full until then
        self.due_button.setText(told)
        self._due_told.start()

    def stop(self) -> None:
        """The window is closing: nothing is counted after it (the library closes)."""
        self._due_told.stop()

    def show_due(self) -> None:
        self.show_ledger(tab="Due")

    def show_ledger(self, tab: str = "") -> None:
        self.ledger = LedgerDialog(self.controller, self.library, self.window)
        remember_geometry(self.ledger, self.settings, "ledger")
        if tab:
            self.ledger.show_tab(tab)
        self.ledger.prediction_chosen.connect(self.reveal)
        try:
            self.ledger.exec()
        finally:
            self.ledger = None

    def reveal(self, prediction_id: int) -> None:
        """Show a prediction of the open article: in the text, and chosen in the sidebar."""
        self._show_dock()
        self.panel.select(prediction_id)
        self.panel.editor.load(self.controller.get(prediction_id))
        self._on_panel_prediction_activated(prediction_id)

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.refresh()
