"""SearchPanel: the query box, hit list with snippets, counts, help and helpful empty states."""

from __future__ import annotations

import html
from datetime import date

from PySide6.QtCore import QAbstractListModel, QModelIndex, QSize, Qt, Signal
from PySide6.QtGui import QAbstractTextDocumentLayout, QPalette, QTextDocument
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListView,
    QSizePolicy,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from reader.core.search.said import said_of
from reader.core.storage.resources import read_resource
from reader.ui.common.a11y import named
from reader.ui.common.documents import SafeDocument

HitRole = Qt.ItemDataRole.UserRole + 1
EXAMPLES = [
    "unified multimodal",
    '"video reasoning"',
    "retent*",
    "sora OR dream",
    "model -kling",
    "multimodl~",
    "title:luma",
    "tag:unified-multimodal",
    "saved:{year}",  # (this year: the bundled article is saved on the first start)
]


class HitListModel(QAbstractListModel):
    def __init__(self, parent=None) -> None:
        super().__init__(parent)
        self._hits: list = []

    def set_hits(self, hits: list) -> None:
        self.beginResetModel()
        self._hits = list(hits)
        self.endResetModel()

    def hits(self) -> list:
        return list(self._hits)

    def rowCount(self, parent=QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._hits)

    def data(self, index: QModelIndex, role=Qt.ItemDataRole.DisplayRole):
        if not index.isValid():
            return None
        hit = self._hits[index.row()]
        if role == HitRole:
            return hit
        if role == Qt.ItemDataRole.DisplayRole:
            return hit.title
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return ", ".join(filter(None, (hit.title, said_of(hit))))
        return None


def hit_html(hit, muted: str = "gray") -> str:
    """Title, publication and match count (or where it matched: "in the title"), then
    the snippets (already escaped, <b> marks)."""
    line = " · ".join(html.escape(part) for part in (hit.publication, said_of(hit)) if part)
    head = f"<b>{html.escape(hit.title)}</b><br><span style='color:{muted}'>{line}</span>"
    snippets = "".join(f"<p style='margin-top:4px'>…{s}…</p>" for s in hit.snippets[:3])
    return head + snippets


class HitDelegate(QStyledItemDelegate):
    """Rich text rows: the snippet's <b> marks are the matched words."""

    def _document(self, option: QStyleOptionViewItem, index: QModelIndex) -> QTextDocument:
        doc = SafeDocument()  # (snippets are escaped; it loads nothing all the same)
        doc.setDefaultFont(option.font)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = (
            QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.PlaceholderText
        )
        doc.setHtml(hit_html(index.data(HitRole), option.palette.color(role).name()))
        doc.setTextWidth(max(150, option.rect.width() or 300) - 12)
        return doc

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        doc = self._document(option, index)
        return QSize(int(doc.idealWidth()), int(doc.size().height()) + 10)

    def paint(self, painter, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        style = option.widget.style() if option.widget else None
        if style:
            style.drawPrimitive(
                QStyle.PrimitiveElement.PE_PanelItemViewItem, option, painter, option.widget
            )
        doc = self._document(option, index)
        context = QAbstractTextDocumentLayout.PaintContext()
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        role = QPalette.ColorRole.HighlightedText if selected else QPalette.ColorRole.Text
        context.palette.setColor(QPalette.ColorRole.Text, option.palette.color(role))
        painter.save()
        painter.translate(option.rect.left() + 6, option.rect.top() + 5)
        doc.documentLayout().draw(painter, context)
        painter.restore()


class SearchPanel(QWidget):
    query_edited = Signal(str)
    query_entered = Signal(str)
    hit_activated = Signal(object)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.box = QLineEdit(self, placeholderText="Search all articles (Ctrl+K)")
        self.box.setObjectName("searchBox")
        self.box.setClearButtonEnabled(True)
        self.box.setMaxLength(500)
        self.help_button = QToolButton(self, text="?", toolTip="Search syntax")
        self.help_button.setCheckable(True)
        self.status = QLabel(self)
        self.status.setObjectName("searchStatus")
        self.status.setWordWrap(True)
        # a long unbroken query must not widen the panel (and the window with it)
        self.status.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Preferred)
        self.status.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse)
        self.status.setOpenExternalLinks(False)
        self.status.linkActivated.connect(self._on_status_link_activated)
        self.help = QLabel(read_resource("help", "search.html"), self)
        self.help.setWordWrap(True)
        self.help.setVisible(False)
        self.help_button.toggled.connect(self.help.setVisible)
        self.model = HitListModel(self)
        self.results = QListView(self)
        named((self.box, "Search all articles"), (self.results, "Search results"))
        self.results.setObjectName("searchResults")
        self.results.setModel(self.model)
        self.results.setItemDelegate(HitDelegate(self.results))
        self.results.setWordWrap(True)
        self.results.setVerticalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        self.results.setResizeMode(QListView.ResizeMode.Adjust)
        self.results.activated.connect(self._on_results_activated)
        self.results.clicked.connect(self._on_results_activated)
        self.box.textEdited.connect(self.query_edited)
        self.box.returnPressed.connect(lambda: self.query_entered.emit(self.box.text()))
        self.box.installEventFilter(self)
        top = QHBoxLayout()
        top.addWidget(self.box, 1)
        top.addWidget(self.help_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.help)
        layout.addWidget(self.status)
        layout.addWidget(self.results, 1)
        self.show_empty_state()

    def eventFilter(self, obj, event) -> bool:
        """Down arrow in the box moves into the results (keyboard navigation)."""
        if (
            obj is self.box
            and event.type() == event.Type.KeyPress
            and event.key() == Qt.Key.Key_Down
            and self.model.rowCount()
        ):
            self.results.setFocus()
            self.results.setCurrentIndex(self.model.index(0))
            return True
        return super().eventFilter(obj, event)

    def focus_box(self) -> None:
        self.box.setFocus()
        self.box.selectAll()

    def _examples(self) -> str:
        """Example queries as links; a wrapped line never begins with a "·"."""
        year = str(date.today().year)
        queries = [q.replace("{year}", year) for q in EXAMPLES]
        links = " ".join(
            f"<a href='{html.escape(q, quote=True)}'>{html.escape(q)}</a>"
            + ("&nbsp;·" if i < len(queries) - 1 else "")
            for i, q in enumerate(queries)
        )
        return f"Try: {links}"

    def show_empty_state(self) -> None:
        self.model.set_hits([])
        self.status.setText(
            "Search every saved article by word, phrase, tag or note. " + self._examples()
        )

    def show_result(self, result, query: str) -> None:
        if result is None:
            self.show_empty_state()
            return
        self.model.set_hits(list(result.hits))
        if result.error:
            self.status.setText(
                f"<span style='color:#c0392b'>{html.escape(_shorter(result.error))}</span>"
                f"<br>{self._examples()}"
            )
        elif not result.hits:
            text = f"Nothing found for <b>{html.escape(_shorter(query))}</b>."
            if result.corrected_query:
                q = html.escape(result.corrected_query, quote=True)
                shown = html.escape(_shorter(result.corrected_query))
                text += f" Did you mean <a href='{q}'>{shown}</a>?"
            self.status.setText(f"{text}{_notes(result)}<br>{self._examples()}")
        else:
            n, shown = result.total, len(result.hits)
            found = f"{n:,} article{'s' if n != 1 else ''}"
            if n > shown:
                found += f", the best {shown} shown"
            self.status.setText(f"{found} · {result.elapsed_ms:.0f} ms{_notes(result)}")

    def _on_status_link_activated(self, query: str) -> None:
        self.box.setText(query)
        self.query_entered.emit(query)

    def _on_results_activated(self, index: QModelIndex) -> None:
        hit = index.data(HitRole)
        if hit is not None:
            self.hit_activated.emit(hit)


def _shorter(text: str, limit: int = 60) -> str:
    """What the status line repeats of a query: its words cut at `limit` characters."""
    words = [w if len(w) <= limit else w[: limit - 1] + "…" for w in text.split(" ")]
    joined = " ".join(words)
    return joined if len(joined) <= 2 * limit else joined[: 2 * limit - 1] + "…"


def _notes(result) -> str:
    """What the query box changed in the query (an unmatched quote ignored, …)."""
    notes = "; ".join(dict.fromkeys(result.notes))
    return f"<br><i>{html.escape(notes.capitalize())}.</i>" if notes else ""
