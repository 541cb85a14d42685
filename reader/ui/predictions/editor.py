"""PredictionEditor: every field of one prediction, edited in place in the sidebar."""

from __future__ import annotations

from html import escape

from PySide6.QtCore import QDate, Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Prediction
from reader.core.predictions.evidence import evidence_links
from reader.core.predictions.service import OUTCOME_LABELS, STANCES
from reader.core.storage.tags import clean_tags
from reader.core.text import quoted
from reader.ui.common.a11y import named
from reader.ui.common.date_edit import NO_DATE, OptionalDateEdit
from reader.ui.common.tag_edit import TagEdit

AUTOSAVE_MS = 500


class PredictionEditor(QWidget):
    """Emits `changed(id, fields)`; text fields save as you type (debounced)."""

    changed = Signal(int, dict)
    review_requested = Signal(int, str)
    delete_requested = Signal(int)
    evidence_requested = Signal(str)  # the uid of the highlight kept as evidence

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("predictionEditor")
        self.prediction: Prediction | None = None
        self._loading = False
        self.source_label = QLabel(self)
        self.source_label.setTextFormat(Qt.TextFormat.RichText)  # its own markup; text escaped
        self.source_label.setWordWrap(True)
        self.statement = QPlainTextEdit(self)  # a sentence or two: shown whole, wrapped
        self.statement.setPlaceholderText("the passage itself")
        self.statement.setTabChangesFocus(True)
        self.statement.setFixedHeight(_lines_high(self.statement, 2))
        layout = self.statement.document().documentLayout()
        layout.documentSizeChanged.connect(self._fit_statement)  # grows with its text
        self.speaker = QLineEdit(self)
        self.horizon = QLineEdit(self)
        self.resolve_by = OptionalDateEdit(self)
        self.tags = TagEdit(self)
        self.stance = QComboBox(self)
        self.stance.addItem("—", None)
        for s in STANCES:
            self.stance.addItem(s.title(), s)
        self.probability = QSpinBox(self)
        self.probability.setRange(-1, 100)
        self.probability.setSpecialValueText("—")
        self.probability.setSuffix(" %")
        self.probability.setValue(-1)
        self.outcome = QComboBox(self)
        for key, label in OUTCOME_LABELS.items():
            self.outcome.addItem(label, key)
        self.resolved_on = OptionalDateEdit(self)
        self.evidence = QLineEdit(self)
        self.go_to_evidence = QToolButton(self)
        self.go_to_evidence.setText("Show")
        self.go_to_evidence.setToolTip("Open the passage kept as evidence")
        self.go_to_evidence.clicked.connect(self._on_go_to_evidence_clicked)
        self.go_to_evidence.hide()
        self.evidence.setPlaceholderText("what settled it: text or a link")
        self.note = QPlainTextEdit(self)
        named(
            (self.statement, "Statement"),
            (self.speaker, "Speaker"),
            (self.horizon, "Horizon"),
            (self.resolve_by, "Resolve by"),
            (self.tags, "Tags of the prediction"),
            (self.stance, "Your stance"),
            (self.probability, "Your probability"),
            (self.outcome, "Outcome"),
            (self.resolved_on, "Resolved on"),
            (self.evidence, "Evidence"),
            (self.note, "Note on the prediction"),
        )
        self.note.setPlaceholderText("Your note (Markdown)…")
        self.note.setTabChangesFocus(True)
        self.note.setMinimumHeight(_lines_high(self.note, 3))
        self.confirm_button = QPushButton("Confirm", self)
        self.reject_button = QPushButton("Reject", self)
        self.delete_button = QPushButton("Delete", self)
        self._timer = QTimer(self, singleShot=True, interval=AUTOSAVE_MS)
        self._timer.timeout.connect(self.flush)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(4, 4, 4, 4)
        outer.addWidget(self.source_label)
        buttons = QHBoxLayout()  # at the top: in reach however short the panel is
        buttons.addWidget(self.confirm_button)
        buttons.addWidget(self.reject_button)
        buttons.addStretch(1)
        buttons.addWidget(self.delete_button)
        self.buttons = QWidget(self)
        self.buttons.setLayout(buttons)
        buttons.setContentsMargins(0, 0, 0, 0)
        outer.addWidget(self.buttons)
        self.fields = QWidget(self)  # hidden when no prediction is chosen: nothing stale
        outer.addWidget(self.fields, 1)
        form = QFormLayout(self.fields)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("Statement", self.statement)
        form.addRow("Speaker", self.speaker)
        horizon_row = QHBoxLayout()
        horizon_row.addWidget(self.horizon, 1)
        horizon_row.addWidget(QLabel("by", self))
        horizon_row.addWidget(self.resolve_by)
        form.addRow("Horizon", horizon_row)
        form.addRow("Tags", self.tags)
        stance_row = QHBoxLayout()
        stance_row.addWidget(self.stance, 1)
        stance_row.addWidget(QLabel("you give it", self))
        stance_row.addWidget(self.probability)
        form.addRow("Stance", stance_row)
        outcome_row = QHBoxLayout()
        outcome_row.addWidget(self.outcome, 1)
        outcome_row.addWidget(QLabel("on", self))
        outcome_row.addWidget(self.resolved_on)
        form.addRow("Outcome", outcome_row)
        evidence_row = QHBoxLayout()
        evidence_row.addWidget(self.evidence, 1)
        evidence_row.addWidget(self.go_to_evidence)
        form.addRow("Evidence", evidence_row)
        form.addRow("Note", self.note)
        for edit in (self.speaker, self.horizon, self.evidence):
            edit.textEdited.connect(self._timer.start)
            edit.editingFinished.connect(self.flush)
        self.note.textChanged.connect(self._on_text_changed)
        self.statement.textChanged.connect(self._on_text_changed)
        self.tags.editingFinished.connect(self.flush)
        for combo in (self.stance, self.outcome):
            combo.currentIndexChanged.connect(self._on_choice_changed)
        self.probability.valueChanged.connect(self._on_choice_changed)
        self.resolve_by.dateChanged.connect(self._on_choice_changed)
        self.resolved_on.dateChanged.connect(self._on_choice_changed)
        self.confirm_button.clicked.connect(lambda: self._review("confirmed"))
        self.reject_button.clicked.connect(lambda: self._review("rejected"))
        self.delete_button.clicked.connect(self._on_delete_clicked)
        self.setEnabled(False)

    def load(self, p: Prediction | None) -> None:
        """Show a prediction (None: nothing selected); saves pending typing first."""
        if p is not None and self.prediction is not None and p.id == self.prediction.id:
            self.prediction = p
            if self._timer.isActive():
                return
        else:
            self.flush()
        self.prediction = p
        self.setEnabled(p is not None)
        self._loading = True
        try:
            self._fill(p)
        finally:
            self._loading = False

    def _fill(self, p: Prediction | None) -> None:
        self.fields.setVisible(p is not None)
        self.buttons.setVisible(p is not None)
        if p is None:
            self.source_label.setText("Select a prediction to annotate it.")
            for edit in (self.speaker, self.horizon, self.evidence, self.tags):
                edit.clear()
            self.statement.clear()
            self.note.clear()
            self.probability.setValue(-1)
            self.stance.setCurrentIndex(0)
            self.outcome.setCurrentIndex(0)
            self.resolve_by.setDate(NO_DATE)
            self.resolved_on.setDate(NO_DATE)
            return
        origin = {"curated": "Curated", "detected": "Detected", "user": "Marked by you"}
        text = f"<b>{escape(origin.get(p.source, p.source))}</b> · {escape(p.review)}"
        if p.reason:
            text += f"<br><i>Flagged because: {escape(p.reason)}</i>"
        if p.confidence_text:  # (words from the article: escaped, never read as markup)
            text += f"<br>The text's confidence: {escape(quoted(p.confidence_text))}"
            if p.confidence is not None:
                text += f" ≈ {round(p.confidence * 100)}%"
        self.source_label.setText(text)
        if self.statement.toPlainText() != p.statement:
            self.statement.setPlainText(p.statement)
        _show_start(self.speaker, p.speaker)
        _show_start(self.horizon, p.horizon)
        self.resolve_by.setDate(_qdate(p.resolve_by))
        _show_start(self.tags, ", ".join(p.tags))
        self.stance.setCurrentIndex(max(0, self.stance.findData(p.stance)))
        self.probability.setValue(-1 if p.probability is None else p.probability)
        self.outcome.setCurrentIndex(max(0, self.outcome.findData(p.outcome)))
        self.resolved_on.setDate(_qdate(p.resolved_on))
        _show_start(self.evidence, p.evidence)
        self.go_to_evidence.setVisible(bool(evidence_links(p.evidence)))
        if self.note.toPlainText() != p.note:
            self.note.setPlainText(p.note)
        self.confirm_button.setVisible(p.review != "confirmed")
        self.reject_button.setVisible(p.review != "rejected")

    def values(self) -> dict:
        return {
            "statement": self.statement.toPlainText().strip(),
            "speaker": self.speaker.text().strip(),
            "horizon": self.horizon.text().strip(),
            "resolve_by": _iso(self.resolve_by.date()),
            "tags": tuple(self.tags.tags()),
            "stance": self.stance.currentData(),
            "probability": None if self.probability.value() < 0 else self.probability.value(),
            "outcome": self.outcome.currentData(),
            "resolved_on": _iso(self.resolved_on.date()),
            "evidence": self.evidence.text().strip(),
            "note": self.note.toPlainText(),
        }

    def flush(self) -> None:
        self._timer.stop()
        p = self.prediction
        if p is None or self._loading:
            return
        values = self.values()
        values["tags"] = clean_tags(values["tags"])
        changes = {k: v for k, v in values.items() if getattr(p, k) != v}
        if changes:
            self.changed.emit(p.id, changes)

    def _fit_statement(self) -> None:
        """As tall as the statement's wrapped lines: two at least, six at most (it scrolls)."""
        lines = round(self.statement.document().size().height())  # (in lines: plain text)
        self.statement.setFixedHeight(_lines_high(self.statement, min(max(lines, 2), 6)))

    def _on_go_to_evidence_clicked(self) -> None:
        links = evidence_links(self.evidence.text())
        if links:
            self.evidence_requested.emit(links[-1])  # the latest kept

    def _on_text_changed(self) -> None:
        if not self._loading:
            self._timer.start()

    def _on_choice_changed(self, *_: object) -> None:
        if not self._loading:
            self.flush()

    def _review(self, review: str) -> None:
        if self.prediction is not None:
            self.flush()
            self.review_requested.emit(self.prediction.id, review)

    def _on_delete_clicked(self) -> None:
        if self.prediction is not None:
            self.flush()
            pid = self.prediction.id
            self.prediction = None
            self.delete_requested.emit(pid)


def _lines_high(edit: QPlainTextEdit, lines: int) -> int:
    """The height that shows `lines` lines of text without a scroll bar."""
    margins = edit.contentsMargins()
    frame = margins.top() + margins.bottom() + 2 * edit.document().documentMargin() + 2
    return round(edit.fontMetrics().lineSpacing() * lines + frame)


def _show_start(edit: QLineEdit, text: str) -> None:
    """A line's text from its start ("after the novelty wears off", not "…wears off"),
    the place of the cursor kept where someone is typing."""
    if edit.text() != text:
        edit.setText(text)
    if not edit.hasFocus():
        edit.setCursorPosition(0)


def _qdate(value: str | None) -> QDate:
    if not value:
        return NO_DATE
    parsed = QDate.fromString(value[:10], "yyyy-MM-dd")
    return parsed if parsed.isValid() else NO_DATE


def _iso(value: QDate) -> str | None:
    return None if value == NO_DATE else value.toString("yyyy-MM-dd")
