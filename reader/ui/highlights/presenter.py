"""Wires highlights into the window: painting, keys, toolbar, editor, sidebar, dialogs."""

from __future__ import annotations

import functools

from PySide6.QtCore import QObject, QPoint, Qt
from PySide6.QtGui import (
    QAction,
    QColor,
    QGuiApplication,
    QIcon,
    QKeySequence,
    QPainter,
    QPixmap,
    QTextCharFormat,
)
from PySide6.QtWidgets import QMainWindow, QMenu, QToolBar

from reader.core.annotations.highlights import HighlightFilter, PlacedHighlight
from reader.core.changes import Changes
from reader.core.models import Article, ColorSlot
from reader.ui.common.docks import add_dock, show_dock
from reader.ui.export.controller import ExportController
from reader.ui.highlights.controller import HighlightController
from reader.ui.highlights.dialogs import ColorNamesDialog, TrashDialog
from reader.ui.highlights.editor import HighlightEditor
from reader.ui.highlights.model import HighlightRow
from reader.ui.highlights.panel import AnnotationsPanel
from reader.ui.library.controller import LibraryController
from reader.ui.reading.view import ReadingView

LAYER = "highlights"


def color_icon(hex_color: str, size: int = 16) -> QIcon:
    pixmap = QPixmap(size, size)
    pixmap.fill(Qt.GlobalColor.transparent)
    painter = QPainter(pixmap)
    painter.setRenderHint(QPainter.RenderHint.Antialiasing)
    painter.setBrush(QColor(hex_color))
    painter.setPen(QColor("#777"))
    painter.drawEllipse(1, 1, size - 2, size - 2)
    painter.end()
    return QIcon(pixmap)


@functools.cache
def highlight_format(hex_color: str, has_note: bool, dark: bool) -> QTextCharFormat:
    """One shared format per look (the view reuses painted ranges with the same format)."""
    color = QColor(hex_color)
    color.setAlpha(120 if dark else 150)
    fmt = QTextCharFormat()
    fmt.setBackground(color)
    if has_note:
        fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.DotLine)
        fmt.setUnderlineColor(QColor(hex_color).darker(160))
    return fmt


class HighlightsPresenter(QObject):
    """Highlights in the window: painted in the text, the toolbar and keys, the note
    popup, the Highlights and All Highlights panels, the colour and trash dialogs."""

    def __init__(
        self,
        window: QMainWindow,
        view: ReadingView,
        library: LibraryController,
        controller: HighlightController,
        export: ExportController,
    ) -> None:
        super().__init__(window)
        self.window, self.view, self.library, self.controller = window, view, library, controller
        self.export = export
        self.dark = False
        self.panel = AnnotationsPanel(parent=window)
        self.all_panel = AnnotationsPanel(library_wide=True, parent=window)
        right = Qt.DockWidgetArea.RightDockWidgetArea
        self.dock = add_dock(window, "Highlights", "highlightsDock", self.panel, right)
        self.all_dock = add_dock(
            window, "All Highlights", "allHighlightsDock", self.all_panel, right
        )
        self.all_dock.visibilityChanged.connect(self._on_all_dock_visibility_changed)
        self.editor = HighlightEditor(window)
        self.toolbar = QToolBar("Highlight", window)
        self.toolbar.setObjectName("highlightToolbar")
        self.color_actions: list[QAction] = []
        self._connect()
        self._rebuild_colors()

    # -- set-up --
    def _connect(self) -> None:
        self.view.article_shown.connect(self._on_view_article_shown)
        self.view.highlight_requested.connect(self.highlight_selection)
        self.view.annotation_clicked.connect(self._on_view_annotation_clicked)
        for panel in (self.panel, self.all_panel):
            panel.highlight_activated.connect(self._on_panel_highlight_activated)
            panel.delete_requested.connect(self.controller.delete)
            panel.copy_requested.connect(self.copy_markdown)
        self.panel.reattach_requested.connect(self.reattach_selection)
        self.editor.note_changed.connect(self.controller.set_note)
        self.editor.tags_changed.connect(self.controller.set_tags)
        self.editor.color_chosen.connect(self.controller.set_color)
        self.editor.delete_requested.connect(self.controller.delete)

    def _rebuild_colors(self) -> None:
        colors = self.controller.colors()
        for old in self.color_actions:  # only its own: others share the toolbar
            self.toolbar.removeAction(old)
            old.deleteLater()
        first = self.toolbar.actions()[0] if self.toolbar.actions() else None
        self.color_actions = []
        for c in colors:
            action = QAction(color_icon(c.hex), f"Highlight {c.name}", self.window)
            action.setToolTip(f"Highlight the selection in {c.name} ({c.slot})")
            action.triggered.connect(lambda _=False, slot=c.slot: self.highlight_selection(slot))
            self.color_actions.append(action)
        if first is None:
            self.toolbar.addActions(self.color_actions)
        else:
            self.toolbar.insertActions(first, self.color_actions)
        self.editor.set_colors(colors)
        self.view.context_actions["highlights"] = self._context_actions(colors)
        self.refresh()

    def _context_actions(self, colors: list[ColorSlot]) -> list[QAction]:
        last = QAction("Highlight", self.window)
        last.setShortcutVisibleInContextMenu(True)
        last.setShortcut(QKeySequence("H"))
        last.triggered.connect(lambda: self.highlight_selection(0))
        menu = QMenu("Highlight in Colour", self.window)
        for action in self.color_actions:
            menu.addAction(action)
        return [last, menu.menuAction()]

    def add_menu_actions(self, edit_menu: QMenu, view_menu: QMenu) -> None:
        edit_menu.addSeparator()
        names = QAction("Highlight Colour &Names…", self.window)
        names.triggered.connect(self.edit_color_names)
        trash = QAction("Highlight &Trash…", self.window)
        trash.triggered.connect(self.show_trash)
        edit_menu.addActions([names, trash])

    # -- refreshing --
    def _on_view_article_shown(self) -> None:
        current, open_note = self.library.current, self.editor.highlight
        if open_note is not None and (current is None or open_note.article_id != current.id):
            self.editor.hide()  # (the same article shown again in a new theme keeps it)
        self.refresh(library_wide=False)  # opening an article changes no highlight

    def _on_all_dock_visibility_changed(self, visible: bool) -> None:
        if visible:
            self.refresh_library_wide()

    def on_changes(self, changes: Changes) -> None:
        """Repaint the open article when its highlights changed; the library-wide list
        when any did (or an article came or went, taking its highlights)."""
        current = self.library.current
        if changes.colors or changes.everything:
            self._rebuild_colors()
        elif current is not None and current.id in changes.highlights:
            self.refresh()
        elif changes.highlights or changes.articles:
            self.refresh_library_wide()
        else:
            return
        if self.editor.highlight is not None:
            try:
                self.editor.refresh(self.controller.get(self.editor.highlight.id))
            except ValueError:
                self.editor.hide()

    def refresh(self, library_wide: bool = True) -> None:
        article = self.library.current
        colors = self.controller.colors()
        tags = self.controller.tags_in_use()
        text = article.plain_text if article else ""
        placed = self.controller.placed(article.id, text) if article else []
        self._paint(placed, {c.slot: c for c in colors})
        self.panel.set_rows([_row(p, article) for p in placed], colors, tags)
        if library_wide:
            self.refresh_library_wide()

    def refresh_library_wide(self) -> None:
        if not self.all_panel.isVisible():
            return

        def query_ids(color: int | None, tag: str | None, text: str) -> list[int]:
            return self.controller.query_ids(HighlightFilter(color=color, tag=tag, text=text))

        def load(ids: list[int]) -> dict[int, HighlightRow]:
            found = self.controller.get_many(ids)
            titles = self.library.titles({h.article_id for h in found.values()})
            return {
                h.id: HighlightRow(h, article_title=titles.get(h.article_id, ""))
                for h in found.values()
            }

        self.all_panel.set_source(
            query_ids, load, self.controller.colors(), self.controller.tags_in_use()
        )

    def _paint(self, placed: list[PlacedHighlight], colors: dict[int, ColorSlot]) -> None:
        ranges, clickable = [], []
        for p in placed:
            if p.anchor is None:
                continue
            slot = colors.get(p.highlight.color)
            fmt = highlight_format(
                slot.hex if slot else "#f7d84a", bool(p.highlight.note), self.dark
            )
            ranges.append((p.anchor.start, p.anchor.end, fmt))
            clickable.append((p.anchor.start, p.anchor.end, p.highlight.id))
        self.view.set_layer(LAYER, ranges)
        self.view.set_clickable("highlight", clickable)

    # -- actions --
    def highlight_selection(self, color: int = 0) -> None:
        article = self.library.current
        span = self.view.selected_range()
        if article is None or span is None:
            self.window.statusBar().showMessage(
                "Select some text first, then press H (or 1–5) to highlight it", 4000
            )
            return
        h = self.controller.add(
            article.id, article.plain_text, *span, color or None, self.view.exact_selection
        )
        if h is None:
            return
        cursor = self.view.textCursor()
        cursor.clearSelection()
        self.view.setTextCursor(cursor)
        name = next((c.name for c in self.controller.colors() if c.slot == h.color), "")
        self.window.statusBar().showMessage(f"Highlighted in {name} — click it to add a note", 3000)

    def _on_view_annotation_clicked(self, kind: str, ident: int, pos: QPoint) -> None:
        if kind == "highlight":
            self.editor.open_for(
                self.controller.get(ident), self.controller.tags_in_use(), pos + QPoint(0, 12)
            )

    def _on_panel_highlight_activated(self, row: HighlightRow) -> None:
        h = row.highlight
        if not self.library.open_article(
            h.article_id, start_reading=True
        ):  # (already open: nothing to do)
            self.window.statusBar().showMessage("That article is no longer in the library", 4000)
            return
        current = self.library.current
        if row.anchor is None and current is not None:  # a library-wide row: placed now
            placed = self.controller.placed(h.article_id, current.plain_text)
            row = next((_row(p, current) for p in placed if p.highlight.id == h.id), row)
        if row.anchor is None:
            self.window.statusBar().showMessage(
                "This highlight is unanchored: select its passage and choose "
                "“Re-attach to Selection” from its menu",
                5000,
            )
            return
        self.view.scroll_to_range(row.anchor.start, row.anchor.end)
        self.view.flash(row.anchor.start, row.anchor.end)

    def reveal(self, highlight_id: int) -> None:
        """Show a highlight of the open article: in the text, flashed, and chosen in the
        Highlights panel (a search hit found by its note, tag or colour)."""
        show_dock(self.dock)
        self.panel.select(highlight_id)
        row = next((r for r in self.panel.visible_rows() if r.highlight.id == highlight_id), None)
        if row is not None:
            self._on_panel_highlight_activated(row)

    def reattach_selection(self, highlight_id: int) -> None:
        article = self.library.current
        span = self.view.selected_range()
        if article is None or span is None:
            self.window.statusBar().showMessage("Select the passage to attach it to first", 4000)
            return
        self.controller.reattach(highlight_id, article.plain_text, *span)

    def copy_markdown(self, highlight_id: int) -> None:
        QGuiApplication.clipboard().setText(self.export.highlight_as_markdown(highlight_id))
        self.window.statusBar().showMessage("Copied as Markdown", 2000)

    def edit_color_names(self) -> None:
        dialog = ColorNamesDialog(self.controller.colors(), self.window)
        if dialog.exec():
            for slot, name in dialog.names().items():
                self.controller.rename_color(slot, name)

    def show_trash(self) -> None:
        TrashDialog(self.controller, self.window).exec()

    def set_dark(self, dark: bool) -> None:
        self.dark = dark
        self.refresh()


def _row(p: PlacedHighlight, article: Article | None) -> HighlightRow:
    candidate = ""
    text = article.plain_text if article else ""
    if p.anchor is None and p.candidate is not None and text:
        candidate = text[p.candidate.start : p.candidate.end][:160]
    page = article.page_at(p.anchor.start) if article and p.anchor else None
    return HighlightRow(p.highlight, p.anchor, candidate, unanchored=p.anchor is None, page=page)
