"""ReviewDialog: the detector's proposals of an article as an inbox, walked with keys.

A accepts, R rejects, E edits it in the sidebar, N / → next, P / ← previous; "Accept all"
and "Reject all" settle every proposal still open in the article at once. Each one is
shown in the text as it comes up.
"""

from __future__ import annotations

from html import escape

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Prediction
from reader.core.text import quoted


class ReviewDialog(QDialog):
    decided = Signal(int, str)  # prediction id, "confirmed" or "rejected"
    decided_all = Signal(list, str)  # the ids still proposed, and the review for them all
    shown = Signal(int)  # the proposal now in front: show it in the text
    edit_requested = Signal(int)

    def __init__(self, title: str, proposals: list[Prediction], parent: QWidget | None = None):
        super().__init__(parent)
        self.setObjectName("reviewDialog")
        self.setWindowTitle(f"Review proposals — {title[:60]}")
        self.proposals = list(proposals)
        self.decisions: dict[int, str] = {}
        self.index = 0
        self.counter = QLabel(self)
        self.counter.setObjectName("reviewCounter")
        self.statement = QLabel(self)
        self.statement.setTextFormat(Qt.TextFormat.RichText)  # its own markup; text escaped
        self.statement.setWordWrap(True)
        self.details = QLabel(self)
        self.details.setTextFormat(Qt.TextFormat.RichText)
        self.details.setWordWrap(True)
        self.details.setAlignment(Qt.AlignmentFlag.AlignTop | Qt.AlignmentFlag.AlignLeft)
        self.accept_button = QPushButton("&Accept (A)", self)
        self.reject_button = QPushButton("&Reject (R)", self)
        self.edit_button = QPushButton("&Edit (E)", self)
        self.previous_button = QPushButton("◀ Previous (P)", self)
        self.next_button = QPushButton("Next (N) ▶", self)
        self.accept_all = QPushButton("Accept All Remaining", self)
        self.reject_all = QPushButton("Reject All Remaining", self)
        for button in (self.accept_button, self.reject_button, self.edit_button):
            button.setAutoDefault(False)
        self.accept_button.clicked.connect(lambda: self.decide("confirmed"))
        self.reject_button.clicked.connect(lambda: self.decide("rejected"))
        self.edit_button.clicked.connect(self._edit)
        self.previous_button.clicked.connect(lambda: self.step(-1))
        self.next_button.clicked.connect(lambda: self.step(1))
        self.accept_all.clicked.connect(lambda: self.decide_all("confirmed"))
        self.reject_all.clicked.connect(lambda: self.decide_all("rejected"))
        for keys, slot in (
            ("A", lambda: self.decide("confirmed")),
            ("R", lambda: self.decide("rejected")),
            ("E", self._edit),
            ("N", lambda: self.step(1)),
            ("Right", lambda: self.step(1)),
            ("P", lambda: self.step(-1)),
            ("Left", lambda: self.step(-1)),
        ):
            QShortcut(QKeySequence(keys), self).activated.connect(slot)
        decide = QHBoxLayout()
        for button in (self.accept_button, self.reject_button, self.edit_button):
            decide.addWidget(button)
        walk = QHBoxLayout()
        walk.addWidget(self.previous_button)
        walk.addStretch(1)
        walk.addWidget(self.next_button)
        bulk = QHBoxLayout()
        bulk.addWidget(self.accept_all)
        bulk.addWidget(self.reject_all)
        layout = QVBoxLayout(self)
        layout.addWidget(self.counter)
        layout.addWidget(self.statement)
        layout.addWidget(self.details, 1)
        layout.addLayout(decide)
        layout.addLayout(walk)
        layout.addLayout(bulk)
        self.resize(560, 340)
        self._show()

    @property
    def current(self) -> Prediction | None:
        return self.proposals[self.index] if self.proposals else None

    def remaining(self) -> list[int]:
        return [p.id for p in self.proposals if p.id not in self.decisions]

    def decide(self, review: str) -> None:
        p = self.current
        if p is None:
            return
        self.decisions[p.id] = review
        self.decided.emit(p.id, review)
        following = next(
            (
                i
                for i in range(self.index + 1, len(self.proposals))
                if self.proposals[i].id not in self.decisions
            ),
            None,
        )
        if following is not None:
            self.index = following
        self._show()

    def decide_all(self, review: str) -> None:
        ids = self.remaining()
        if ids:
            self.decisions.update(dict.fromkeys(ids, review))
            self.decided_all.emit(ids, review)
        self._show()

    def sync(self, reviews: dict[int, str]) -> None:
        """Follow the stored reviews of its proposals (an undo or a change made elsewhere):
        a proposal still proposed is left to review again."""
        self.decisions = {i: r for i, r in reviews.items() if r != "proposed" and i in self.ids()}
        self._show()

    def ids(self) -> set[int]:
        return {p.id for p in self.proposals}

    def step(self, delta: int) -> None:
        if self.proposals:
            self.index = max(0, min(len(self.proposals) - 1, self.index + delta))
            self._show()

    def _edit(self) -> None:
        if self.current is not None:
            self.edit_requested.emit(self.current.id)

    def _show(self) -> None:
        p, left = self.current, len(self.remaining())
        total = len(self.proposals)
        if p is None:
            self.counter.setText("No proposals to review in this article.")
            self.statement.setText("")
            self.details.setText("")
        else:
            verdict = {"confirmed": " · accepted", "rejected": " · rejected"}.get(
                self.decisions.get(p.id, ""), ""
            )
            self.counter.setText(
                f"Proposal {self.index + 1} of {total}{verdict} · {left} left to review"
            )
            self.statement.setText(f"<b>{escape(p.headline)}</b>")
            passage = " ".join(p.quote.exact.split())
            lines = [] if p.headline == passage else [escape(quoted(passage))]
            said = " · ".join(x for x in (p.speaker, p.horizon) if x)
            if said:
                lines.append(escape(said))
            if p.reason:
                lines.append(f"<i>Flagged because: {escape(p.reason)}</i>")
            self.details.setText("<br><br>".join(lines))
            self.shown.emit(p.id)
        for button in (self.accept_button, self.reject_button, self.edit_button):
            button.setEnabled(p is not None)
        self.previous_button.setEnabled(self.index > 0)
        self.next_button.setEnabled(self.index < total - 1)
        self.accept_all.setEnabled(left > 0)
        self.reject_all.setEnabled(left > 0)
