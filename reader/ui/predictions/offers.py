"""Possible evidence, offered after an import: "2 articles may bear on your predictions".

When articles are saved (File › Import, a drop, a URL, the watched folder), the core is
asked in the background which open predictions they may bear on (Session.
possible_evidence). If any, the status bar says so once, and a button there opens the
offers: each article, the prediction and the passage that bears on it most; "Show
Passage" opens the article there, "Use as Evidence" keeps the passage as evidence for the
prediction (one undoable step, as the context menu's entry does).
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMainWindow,
    QPushButton,
    QToolButton,
    QVBoxLayout,
)

from reader.core.changes import Changes
from reader.core.models import Bearing, ImportReport
from reader.core.session import Session
from reader.core.text import clip_words, quoted
from reader.ui.common.operations import Operation
from reader.ui.library.controller import LibraryController
from reader.ui.predictions.controller import PredictionController
from reader.ui.reading.view import ReadingView

OfferRole = Qt.ItemDataRole.UserRole + 1


class EvidenceOffers(QObject):
    def __init__(
        self,
        window: QMainWindow,
        view: ReadingView,
        library: LibraryController,
        controller: PredictionController,
    ) -> None:
        super().__init__(window)
        self.window, self.view, self.library, self.controller = window, view, library, controller
        self.offers: list[Bearing] = []
        self.button = QToolButton(window)  # in the status bar
        self.button.setObjectName("evidenceOffers")
        self.button.setAutoRaise(True)
        self.button.setAccessibleName("Possible evidence for your predictions")
        self.button.clicked.connect(self.show_offers)
        self.button.hide()
        library.import_finished.connect(self._on_import_finished)

    def on_changes(self, changes: Changes) -> None:
        """Offers that no longer hold go: the article deleted or its text replaced (the
        passage moved), the prediction resolved, rejected or deleted."""
        if not self.offers:
            return
        if changes.everything:
            self.offers = []
        else:
            self.offers = [
                o
                for o in self.offers
                if o.article_id not in changes.articles
                and (o.prediction_id not in changes.prediction_ids or self._open(o.prediction_id))
            ]
        self._show_count()

    def _open(self, prediction_id: int) -> bool:
        try:
            p = self.controller.get(prediction_id)
        except (KeyError, ValueError, LookupError):
            return False
        return p.outcome == "open" and p.review == "confirmed" and p.deleted_at is None

    def _on_import_finished(self, report: ImportReport) -> None:
        ids = [a.id for a in report.imported]
        if not ids:
            return

        def work(session: Session, _progress) -> list[Bearing]:
            return session.possible_evidence(ids)

        operation = Operation(work, self.library.session)
        operation.signals.finished.connect(self._offer)
        operation.start()

    def _offer(self, offers: list[Bearing]) -> None:
        known = {(o.article_id, o.prediction_id) for o in self.offers}
        self.offers += [o for o in offers if (o.article_id, o.prediction_id) not in known]
        self._show_count()
        if offers:
            first = offers[0]
            title = self.library.titles([first.article_id]).get(first.article_id, "")
            statement = self.controller.get(first.prediction_id).headline
            more = f" (and {len(offers) - 1} more)" if len(offers) > 1 else ""
            self.window.statusBar().showMessage(
                f"“{clip_words(title, 50)}” may bear on “{clip_words(statement, 60)}”{more}",
                10000,
            )

    def _show_count(self) -> None:
        articles = len({o.article_id for o in self.offers})
        self.button.setText(
            f"{articles} article{'s' if articles != 1 else ''} may bear on your predictions"
            if self.offers
            else ""
        )
        self.button.setToolTip("Passages of newly saved articles that may be evidence")
        self.button.setVisible(bool(self.offers))

    def show_offers(self) -> None:
        OffersDialog(self).exec()

    def show_passage(self, offer: Bearing) -> None:
        if self.library.open_article(offer.article_id, start_reading=True) or (
            self.library.current is not None and self.library.current.id == offer.article_id
        ):
            self.view.scroll_to_range(offer.start, offer.end)
            self.view.flash(offer.start, offer.end)

    def use(self, offer: Bearing) -> bool:
        """Keep the offered passage as evidence for its prediction (one undo step)."""
        self.show_passage(offer)
        article = self.library.current
        if article is None or article.id != offer.article_id:
            return False
        if self.controller.attach_evidence(offer.prediction_id, article, offer.start, offer.end):
            self.offers.remove(offer)
            self._show_count()
            headline = self.controller.get(offer.prediction_id).headline
            self.window.statusBar().showMessage(
                f"Kept as evidence for “{clip_words(headline, 60)}” — Ctrl+Z takes it back", 6000
            )
            return True
        return False

    def dismiss(self, offer: Bearing) -> None:
        self.offers.remove(offer)
        self._show_count()


class OffersDialog(QDialog):
    """The offers: article, prediction, passage; show it, use it, or let it go."""

    def __init__(self, offers: EvidenceOffers) -> None:
        super().__init__(offers.window)
        self.setObjectName("offersDialog")
        self.setWindowTitle("Possible evidence")
        self.resize(640, 420)
        self.offers = offers
        layout = QVBoxLayout(self)
        intro = QLabel(
            "Newly saved articles whose words match open predictions. Each may be evidence "
            "for or against the prediction; read the passage before you keep it."
        )
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.list = QListWidget(self)
        self.list.setAccessibleName("Offers")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        layout.addWidget(self.list)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        self.show_button = QPushButton("&Show Passage", self)
        self.use_button = QPushButton("&Use as Evidence", self)
        self.dismiss_button = QPushButton("&Not Relevant", self)
        for button in (self.use_button, self.show_button, self.dismiss_button):
            buttons.addButton(button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.show_button.clicked.connect(lambda: self._act(self.offers.show_passage))
        self.use_button.clicked.connect(lambda: self._act(self.offers.use))
        self.dismiss_button.clicked.connect(lambda: self._act(self.offers.dismiss))
        self.list.itemDoubleClicked.connect(lambda _item: self._act(self.offers.show_passage))
        layout.addWidget(buttons)
        self._fill()

    def _fill(self) -> None:
        self.list.clear()
        offers = self.offers
        titles = offers.library.titles({o.article_id for o in offers.offers})
        texts = {}
        for o in offers.offers:
            if o.article_id not in texts:
                texts[o.article_id] = offers.library.plain_text(o.article_id)
            passage = " ".join(texts[o.article_id][o.start : o.end].split())
            statement = offers.controller.get(o.prediction_id).headline
            item = QListWidgetItem(
                f"{titles.get(o.article_id, '')}\n"
                f"may bear on: {clip_words(statement, 110)}\n"
                f"{quoted(clip_words(passage, 160))}"
            )
            item.setData(OfferRole, o)
            self.list.addItem(item)
        if self.list.count():
            self.list.setCurrentRow(0)
        for button in (self.show_button, self.use_button, self.dismiss_button):
            button.setEnabled(bool(self.list.count()))

    def _act(self, action) -> None:
        item = self.list.currentItem()
        if item is None:
            return
        row = self.list.currentRow()
        action(item.data(OfferRole))
        self._fill()
        if self.list.count():
            self.list.setCurrentRow(min(row, self.list.count() - 1))
