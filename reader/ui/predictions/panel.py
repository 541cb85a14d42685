"""PredictionsPanel: the open article's predictions, grouped and filtered, with an editor."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date

from PySide6.QtCore import QModelIndex, QRect, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QBrush, QColor, QFont, QFontMetrics, QStandardItem, QStandardItemModel
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFrame,
    QGridLayout,
    QLabel,
    QMenu,
    QScrollArea,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from reader.core.models import Prediction
from reader.core.predictions.service import OUTCOME_LABELS, STANCES, PlacedPrediction, is_due
from reader.ui.common.a11y import named
from reader.ui.common.documents import plain_tooltip
from reader.ui.predictions.editor import PredictionEditor

PredictionIdRole = Qt.ItemDataRole.UserRole + 1
GROUP_TAG, GROUP_STATUS = "By tag", "By status"
STATUS_ORDER = ("Proposed", "Due", "Open", "Resolved", "Rejected", "Unanchored")


def status_of(p: Prediction, anchored: bool, today: date) -> str:
    if not anchored:
        return "Unanchored"
    if p.review == "rejected":
        return "Rejected"
    if p.review == "proposed":
        return "Proposed"
    if p.outcome != "open":
        return "Resolved"
    return "Due" if is_due(p, today) else "Open"


def summary_line(p: Prediction) -> str:
    """Who, when, and the reader's view ("" when nothing is known yet)."""
    parts = [p.speaker] if p.speaker else []
    if p.horizon:
        parts.append(p.horizon)
    if p.resolve_by:
        parts.append(f"by {p.resolve_by}")
    if p.stance:
        parts.append(p.stance)
    if p.probability is not None:
        parts.append(f"{p.probability}%")
    if p.outcome != "open":
        parts.append(OUTCOME_LABELS[p.outcome])
    return " · ".join(parts)


class WrappingDelegate(QStyledItemDelegate):
    """Rows as tall as their wrapped text at the view's current width."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self.view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        depth = 1 if index.parent().isValid() else 0
        width = max(120, self.view.viewport().width() - self.view.indentation() * (depth + 1) - 8)
        text = index.data(Qt.ItemDataRole.DisplayRole) or ""
        fm = QFontMetrics(index.data(Qt.ItemDataRole.FontRole) or option.font)
        rect = fm.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(width, rect.height() + 8)


class PredictionsPanel(QWidget):
    prediction_activated = Signal(int)
    copy_requested = Signal(int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._placed: list[PlacedPrediction] = []
        self.clock: Callable[[], date] = date.today  # read at each rebuild: days pass
        self.group_box = QComboBox(self)
        self.group_box.addItems([GROUP_STATUS, GROUP_TAG])
        self.tag_filter = QComboBox(self)
        self.stance_filter = QComboBox(self)
        self.stance_filter.addItem("Any stance", None)
        for s in STANCES:
            self.stance_filter.addItem(s.title(), s)
        self.outcome_filter = QComboBox(self)
        self.outcome_filter.addItem("Any outcome", None)
        for key, label in OUTCOME_LABELS.items():
            self.outcome_filter.addItem(label, key)
        self.due_only = QCheckBox("Due", self)
        self.due_only.setToolTip("Resolve-by date passed or within 30 days")
        self.count_label = QLabel(self)
        self.model = QStandardItemModel(self)
        self.tree = QTreeView(self)
        named(
            (self.group_box, "Group predictions by"),
            (self.tag_filter, "Show the predictions with a tag"),
            (self.stance_filter, "Show the predictions of a stance"),
            (self.outcome_filter, "Show the predictions of an outcome"),
            (self.tree, "Predictions"),
        )
        self.tree.setObjectName("predictionsView")
        self.tree.setModel(self.model)
        self.tree.setHeaderHidden(True)
        self.tree.setWordWrap(True)
        self.tree.setUniformRowHeights(False)
        self.tree.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.tree.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.tree.setItemDelegate(WrappingDelegate(self.tree))
        self.tree.viewport().installEventFilter(self)
        self.tree.clicked.connect(self._on_tree_clicked)
        self.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.tree.customContextMenuRequested.connect(self._on_tree_context_menu)
        self.tree.activated.connect(self._on_tree_clicked)
        self.tree.selectionModel().currentChanged.connect(self._on_current_changed)
        self.editor = PredictionEditor(self)
        self.focus_target = self.tree  # Alt+5 brings the keyboard to the list
        for box in (self.group_box, self.tag_filter, self.stance_filter, self.outcome_filter):
            box.currentIndexChanged.connect(self._rebuild)
        self.due_only.toggled.connect(self._rebuild)
        filters = QGridLayout()
        filters.addWidget(self.group_box, 0, 0)
        filters.addWidget(self.tag_filter, 0, 1)
        filters.addWidget(self.stance_filter, 1, 0)
        filters.addWidget(self.outcome_filter, 1, 1)
        filters.addWidget(self.due_only, 0, 2)
        top = QWidget(self)
        top_layout = QVBoxLayout(top)
        top_layout.setContentsMargins(0, 0, 0, 0)
        top_layout.addLayout(filters)
        top_layout.addWidget(self.count_label)
        top_layout.addWidget(self.tree, 1)
        # the list and the editor share the height; the editor scrolls when it is short
        editor_area = QScrollArea(self)
        editor_area.setObjectName("predictionEditorArea")
        editor_area.setAccessibleName("The chosen prediction")
        editor_area.setWidget(self.editor)
        editor_area.setWidgetResizable(True)
        editor_area.setFrameShape(QFrame.Shape.NoFrame)
        editor_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.splitter = QSplitter(Qt.Orientation.Vertical, self)
        self.splitter.setObjectName("predictionsSplitter")
        self.splitter.addWidget(top)
        self.splitter.addWidget(editor_area)
        self.splitter.setChildrenCollapsible(False)
        self.splitter.setStretchFactor(0, 11)
        self.splitter.setStretchFactor(1, 9)
        self.splitter.setSizes([1100, 900])  # (scaled to the panel's height)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addWidget(self.splitter)

    def eventFilter(self, obj, event) -> bool:
        """Row heights depend on the width: lay the rows out again when it changes."""
        if obj is self.tree.viewport() and event.type() == event.Type.Resize:
            self.tree.scheduleDelayedItemsLayout()
        return super().eventFilter(obj, event)

    def set_predictions(self, placed: list[PlacedPrediction], tags: list[str]) -> None:
        self._placed = list(placed)
        current = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem("All tags", None)
        for t in tags:
            self.tag_filter.addItem(f"#{t}", t)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(current)))
        self.tag_filter.blockSignals(False)
        self._rebuild()
        selected = self.editor.prediction
        fresh = next((p.item for p in placed if selected and p.item.id == selected.id), None)
        self.editor.load(fresh)
        if fresh is not None:
            self.select(fresh.id)

    def visible_ids(self) -> list[int]:
        ids = []
        for g in range(self.model.rowCount()):
            group = self.model.item(g)
            ids += [group.child(r).data(PredictionIdRole) for r in range(group.rowCount())]
        return ids

    def _keep(self, p: Prediction, today: date) -> bool:
        tag, stance = self.tag_filter.currentData(), self.stance_filter.currentData()
        outcome = self.outcome_filter.currentData()
        return (
            (tag is None or tag in p.tags)
            and (stance is None or p.stance == stance)
            and (outcome is None or p.outcome == outcome)
            and (not self.due_only.isChecked() or is_due(p, today))
        )

    def _rebuild(self, *_: object) -> None:
        """Fill the tree again, keeping the chosen prediction chosen and in view (an outcome
        set moves it to Resolved) and otherwise the place in the list."""
        chosen = self.tree.currentIndex().data(PredictionIdRole)
        if chosen is None and self.editor.prediction is not None:
            chosen = self.editor.prediction.id
        scrolled = self.tree.verticalScrollBar().value()
        self._fill_tree()
        self.tree.verticalScrollBar().setValue(scrolled)
        if chosen is not None:
            self.select(chosen)

    def _fill_tree(self) -> None:
        self.model.clear()
        groups: dict[str, list[PlacedPrediction]] = {}
        by_tag = self.group_box.currentText() == GROUP_TAG
        today = self.clock()
        shown = [pp for pp in self._placed if self._keep(pp.item, today)]
        for pp in shown:
            if by_tag:
                for key in pp.item.tags or ("untagged",):
                    groups.setdefault(f"#{key}", []).append(pp)
            else:
                key = status_of(pp.item, pp.anchor is not None, today)
                groups.setdefault(key, []).append(pp)
        order = sorted(groups) if by_tag else [k for k in STATUS_ORDER if k in groups]
        bold = QFont()
        bold.setBold(True)
        for key in order:
            group = QStandardItem(f"{key}  ({len(groups[key])})")
            group.setFont(bold)
            group.setSelectable(False)
            for pp in sorted(groups[key], key=lambda x: x.anchor.start if x.anchor else 0):
                group.appendRow(self._item(pp))
            self.model.appendRow(group)
        self.tree.expandAll()
        total = len(self._placed)
        n = len(shown)
        if n == 0 and total:
            self.count_label.setText(f"None of the {total} match these filters")
        else:
            self.count_label.setText(
                f"{n} of {total} predictions"
                if n != total
                else f"{total} prediction{'s' if total != 1 else ''}"
            )

    def _item(self, pp: PlacedPrediction) -> QStandardItem:
        p = pp.item
        item = QStandardItem("\n".join(x for x in (p.headline, summary_line(p)) if x))
        item.setData(p.id, PredictionIdRole)
        item.setToolTip(plain_tooltip(p.quote.exact))
        if p.review == "rejected" or pp.anchor is None:
            item.setForeground(QBrush(QColor("#888888")))
        return item

    def select(self, prediction_id: int) -> None:
        """Make a prediction the current row and scroll it into view (if it is listed)."""
        for g in range(self.model.rowCount()):
            group = self.model.item(g)
            for r in range(group.rowCount()):
                child = group.child(r)
                if child.data(PredictionIdRole) == prediction_id:
                    self.tree.setCurrentIndex(child.index())
                    self.tree.scrollTo(child.index())
                    # rows wrap: their heights settle after this, and the row with them
                    QTimer.singleShot(0, lambda: self._show_whole(prediction_id))
                    return

    def _show_whole(self, prediction_id: int) -> None:
        index = self.tree.currentIndex()
        if index.data(PredictionIdRole) != prediction_id:
            return
        if not self.tree.viewport().rect().contains(self.tree.visualRect(index)):
            self.tree.scrollTo(index, QAbstractItemView.ScrollHint.PositionAtCenter)

    def _on_tree_context_menu(self, pos) -> None:
        pid = self.tree.indexAt(pos).data(PredictionIdRole)
        if pid is None:
            return
        menu = QMenu(self)
        copy = menu.addAction("Copy as Markdown")
        copy.triggered.connect(lambda: self.copy_requested.emit(int(pid)))
        menu.exec(self.tree.viewport().mapToGlobal(pos))
        menu.deleteLater()

    def _on_current_changed(self, index: QModelIndex, _previous: QModelIndex) -> None:
        """Walking the list with the arrow keys shows each prediction in the editor (Enter
        or a click also goes to its passage)."""
        pid = index.data(PredictionIdRole)
        chosen = self.editor.prediction
        if pid is not None and (chosen is None or chosen.id != pid):
            self.editor.load(next((pp.item for pp in self._placed if pp.item.id == pid), None))
        elif pid is None and index.isValid() and chosen is not None:  # a group's heading
            self.editor.load(None)

    def _on_tree_clicked(self, index: QModelIndex) -> None:
        pid = index.data(PredictionIdRole)
        if pid is None:
            return
        p = next((pp.item for pp in self._placed if pp.item.id == pid), None)
        self.editor.load(p)
        self.prediction_activated.emit(int(pid))
