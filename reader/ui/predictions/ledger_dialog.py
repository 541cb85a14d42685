"""LedgerDialog: predictions across all articles — open, due, resolved — and how you score."""

from __future__ import annotations

import itertools
from datetime import date

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPointF,
    QRectF,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QPainter, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Prediction
from reader.core.predictions.ledger import LedgerSummary, Score
from reader.core.predictions.service import OUTCOME_LABELS, is_due
from reader.ui.common.documents import plain_tooltip

COLUMNS = ("Statement", "Article", "Speaker", "Resolve by", "You", "Outcome")
PredictionRole = Qt.ItemDataRole.UserRole + 1


class PredictionTableModel(QAbstractTableModel):
    """The ledger's rows; a click on a column's header sorts them by its values (dates,
    numbers as such), in one Python sort: a sorting proxy asked data() some 60,000 times
    for 2,000 predictions (0.7 s to open the ledger)."""

    def __init__(self, items: list[Prediction], titles: dict[int, str], parent=None) -> None:
        super().__init__(parent)
        self._items, self._titles = list(items), titles

    def _key(self, p: Prediction, column: int):
        if column == 0:
            return p.headline.casefold()
        if column == 1:
            return self._titles.get(p.article_id, "").casefold()
        if column == 2:
            return p.speaker.casefold()
        if column == 3:
            return p.resolve_by or "9999"  # no date: last
        if column == 4:
            return -1 if p.probability is None else p.probability
        return OUTCOME_LABELS.get(p.outcome, p.outcome)

    def sort(self, column: int, order=Qt.SortOrder.AscendingOrder) -> None:
        self.layoutAboutToBeChanged.emit()
        kept = self.persistentIndexList()  # the selection, say
        ids = [self._items[i.row()].id for i in kept]
        keyed = sorted(((self._key(p, column), p.id), p) for p in self._items)
        self._items = [p for _, p in keyed]
        if order == Qt.SortOrder.DescendingOrder:
            self._items.reverse()
        where = {p.id: r for r, p in enumerate(self._items)}
        moved = [self.index(where[i], old.column()) for i, old in zip(ids, kept, strict=True)]
        self.changePersistentIndexList(kept, moved)
        self.layoutChanged.emit()

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._items)

    def columnCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(COLUMNS)

    def headerData(self, section, orientation, role=Qt.ItemDataRole.DisplayRole):
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return COLUMNS[section]
        return None

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        p = self._items[index.row()]
        if role == PredictionRole:
            return p
        if role == Qt.ItemDataRole.ToolTipRole:
            return plain_tooltip(p.quote.exact)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        return (
            p.headline,
            self._titles.get(p.article_id, ""),
            p.speaker,
            p.resolve_by or "—",
            "—" if p.probability is None else f"{p.probability}%",
            OUTCOME_LABELS.get(p.outcome, p.outcome),
        )[index.column()]


class CalibrationChart(QWidget):
    """Forecast probability (x) against how often it came true (y); the diagonal is perfect."""

    def __init__(self, scores: list[Score], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.scores = scores
        self.setMinimumSize(320, 280)

    def paintEvent(self, event) -> None:
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        fm = painter.fontMetrics()
        # room for the y axis's title (turned) and labels, and for half the last x label
        margin = fm.height() + fm.horizontalAdvance("100%") + 10
        right = fm.horizontalAdvance("100%") // 2 + 6
        top = fm.height() + 8  # room for the count beside a point at 100%
        plot = QRectF(margin, top, self.width() - margin - right, self.height() - 36 - top)
        painter.setPen(QPen(QColor("#999999"), 1))
        painter.drawRect(plot)
        painter.setPen(QPen(QColor("#bbbbbb"), 1, Qt.PenStyle.DashLine))
        painter.drawLine(plot.bottomLeft(), plot.topRight())
        painter.setPen(self.palette().text().color())
        for v in (0, 50, 100):
            x = plot.left() + plot.width() * v / 100
            y = plot.bottom() - plot.height() * v / 100
            label = f"{v}%"
            painter.drawText(
                QPointF(x - fm.horizontalAdvance(label) / 2, plot.bottom() + 16), label
            )
            painter.drawText(QPointF(fm.height() + 4, y + 4), label)
        x_title, y_title = "probability given", "how often it came true"
        x_at = plot.center().x() - fm.horizontalAdvance(x_title) / 2
        painter.drawText(QPointF(x_at, self.height() - 4), x_title)
        painter.save()
        painter.translate(fm.ascent(), plot.center().y() + fm.horizontalAdvance(y_title) / 2)
        painter.rotate(-90)
        painter.drawText(QPointF(0, 0), y_title)
        painter.restore()
        colors = [QColor(color) for color, _ in SERIES]
        for color, score in zip(colors, self.scores, strict=False):
            painter.setPen(QPen(color, 2))
            painter.setBrush(color)
            points = []
            for b in shown_buckets(score):
                pt = QPointF(
                    plot.left() + plot.width() * b.mean_forecast,
                    plot.bottom() - plot.height() * b.observed,
                )
                radius = 3 + min(8, b.count)
                painter.drawEllipse(pt, radius, radius)
                painter.drawText(pt + QPointF(radius + 2, -radius), f"{b.count}")  # how many
                points.append(pt)
            for a, b in itertools.pairwise(points):
                painter.drawLine(a, b)
        painter.end()


MIN_BIN = 3  # a calibration point of fewer forecasts says nothing: not drawn


def shown_buckets(score: Score) -> list:
    return [b for b in score.buckets if b.count >= MIN_BIN]


SERIES = (("#2a6496", "you"), ("#c0392b", "the article's own confidence"))


def _legend(scores: list[Score]) -> str:
    """Each line's colour and whose it is; a series with no point drawn says why."""
    parts = []
    for (color, name), score in zip(SERIES, scores, strict=False):
        none = "" if shown_buckets(score) else " (too few to draw yet)"
        parts.append(f"<span style='color:{color}'>● {name}</span>{none}")
    return "&nbsp;&nbsp; ".join(parts)


def _score_text(s: Score) -> str:
    if s.brier is None:
        extra = f" ({s.resolved} resolved without one)" if s.resolved else ""
        return f"{s.label}: nothing resolved with a probability yet{extra}"
    split = ""
    if s.reliability is not None and s.resolution is not None:
        split = f" (reliability {s.reliability:.3f}, resolution {s.resolution:.3f})"
    return f"{s.label}: {s.scored} resolved, Brier {s.brier:.2f}{split}"


class LedgerDialog(QDialog):
    prediction_chosen = Signal(int)  # double-clicked: its article is open, show it there

    def show_tab(self, name: str) -> None:
        """Bring the tab whose label starts with `name` ("Due (3)") to the front."""
        for i in range(self.tabs.count()):
            if self.tabs.tabText(i).startswith(name):
                self.tabs.setCurrentIndex(i)
                return

    def __init__(
        self, controller, library, parent: QWidget | None = None, today: date | None = None
    ) -> None:
        super().__init__(parent)
        self.setObjectName("ledgerDialog")
        self.setWindowTitle("Prediction Ledger")
        self.resize(900, 560)
        self.controller, self.library, self.today = controller, library, today
        self.header = QLabel(self)
        self.tabs = QTabWidget(self)
        self.tables: dict[str, QTableView] = {}
        layout = QVBoxLayout(self)
        layout.addWidget(self.header)
        layout.addWidget(self.tabs)
        self.reload()

    def reload(self) -> None:
        """Fill (again) from the library: the tab being looked at stays in front."""
        day = self.today or date.today()
        items, summary = self.controller.ledger(day)
        titles = self.library.titles()
        shown = self.tabs.currentIndex()
        while self.tabs.count():
            page = self.tabs.widget(0)
            self.tabs.removeTab(0)
            page.deleteLater()
        groups = {
            "Due": [p for p in items if is_due(p, day)],
            "Open": [p for p in items if p.outcome == "open"],
            "Resolved": [p for p in items if p.outcome != "open"],
        }
        for name, group in groups.items():
            table = self._table(group, titles)
            self.tables[name] = table
            self.tabs.addTab(table, f"{name} ({len(group)})")
        self.tabs.addTab(self._scores(summary), "Scores")
        self.tabs.setCurrentIndex(max(0, shown))
        self.header.setText(
            f"{summary.total} prediction{'' if summary.total == 1 else 's'} · "
            f"{summary.open} open · {summary.due} due within 30 days · "
            f"{summary.resolved} resolved"
            + (f" · {summary.proposed} proposals to review" if summary.proposed else "")
            + f" — today is {day.isoformat()}"
        )

    def _table(self, items: list[Prediction], titles: dict[int, str]) -> QTableView:
        table = QTableView(self)
        table.setModel(PredictionTableModel(items, titles, table))
        # soonest resolve-by first (one sort: enabling sorting sorts by the indicator),
        # and a click on a column's header sorts by it
        table.horizontalHeader().setSortIndicator(3, Qt.SortOrder.AscendingOrder)
        table.setSortingEnabled(True)
        table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        table.verticalHeader().hide()
        table.setWordWrap(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.Interactive)
        table.setColumnWidth(1, 200)
        table.doubleClicked.connect(self._on_table_double_clicked)
        return table

    def _scores(self, summary: LedgerSummary) -> QWidget:
        page = QWidget(self)
        lines = [_score_text(summary.yours), _score_text(summary.authors)]
        lines += ["", "Track records of the people quoted (the confidence the text gave):"]
        lines += [f"  {_score_text(s)}" for s in summary.per_speaker] or ["  none resolved yet"]
        lines += ["", "By tag (your probabilities):"]
        lines += [f"  #{_score_text(s)}" for s in summary.per_tag] or ["  —"]
        lines += [
            "",
            "Brier score: mean of (forecast − outcome)², 0 is perfect, 0.25 is always "
            "saying 50%. Reliability: how far forecasts sit from what happened (lower is "
            "better); resolution: how well they tell outcomes apart (higher is better). "
            f"Partly and can't-tell outcomes are not scored; the chart leaves out points "
            f"of fewer than {MIN_BIN} forecasts and writes how many each one holds.",
        ]
        text = QLabel("\n".join(lines), page)
        text.setObjectName("ledgerScores")
        text.setWordWrap(True)
        text.setAlignment(Qt.AlignmentFlag.AlignTop)
        chart = CalibrationChart([summary.yours, summary.authors], page)
        legend = QLabel(_legend([summary.yours, summary.authors]), page)
        legend.setObjectName("chartLegend")
        legend.setWordWrap(True)
        right = QVBoxLayout()
        right.addWidget(chart, 1)
        right.addWidget(legend)
        layout = QHBoxLayout(page)
        layout.addWidget(text, 1)
        layout.addLayout(right, 1)
        return page

    def _on_table_double_clicked(self, index: QModelIndex) -> None:
        p: Prediction = index.data(PredictionRole)
        if p is not None and self.library.open_article(p.article_id, start_reading=True):
            self.accept()
            self.prediction_chosen.emit(p.id)
