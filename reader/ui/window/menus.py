"""The main window's menus: File, Edit, View, Help, with their shortcuts.

Help › Keyboard Shortcuts lists them (help_dialogs.SHORTCUTS; a test keeps both in step).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QMenu

from reader.ui.common.docks import panel_action
from reader.ui.reading import theme as themes


@dataclass(frozen=True)
class Menus:
    """The menus, and the actions whose state the window changes."""

    edit: QMenu
    view: QMenu
    panels: QMenu
    help: QMenu
    themes: dict[str, QAction]
    focus: QAction


def _action(w, menu, text: str, slot, shortcut=None, name: str = "") -> QAction:
    action = QAction(text, w)
    if shortcut is not None:
        keys = shortcut if isinstance(shortcut, list) else [shortcut]
        action.setShortcuts([QKeySequence(k) for k in keys])
    action.triggered.connect(slot)
    if name:
        action.setObjectName(name)
    menu.addAction(action)
    return action


def build_menus(w) -> Menus:
    """The menu bar of the main window `w`, from the actions of its parts."""
    bar, library, reading = w.menuBar(), w.library, w.reading
    file_menu = bar.addMenu("&File")
    _action(
        w, file_menu, "&Import…", library.choose_import, QKeySequence.StandardKey.Open,
        "importAction",
    )  # fmt: skip
    _action(
        w, file_menu, "Import &Folder…", library.choose_import_folder, "Ctrl+Shift+O",
        "importFolder",
    )  # fmt: skip
    _action(w, file_menu, "Save from &URL…", library.ask_url, "Ctrl+L", "saveUrlAction")
    _action(
        w, file_menu, "New Article from &Clipboard", library.paste_article, "Ctrl+Shift+V",
        "pasteAction",
    )  # fmt: skip
    file_menu.addAction(library.watch_action)
    file_menu.addSeparator()
    _action(
        w, file_menu, "Restore &Bundled Article", library.controller.restore_bundled,
        name="restoreBundledAction",
    )  # fmt: skip
    _action(w, file_menu, "&Export Annotations…", w.show_export, "Ctrl+E", "exportAction")
    file_menu.addAction(w.vault.action)
    file_menu.addSeparator()
    _action(
        w, file_menu, "Bac&k Up Library…", w.backups.choose_backup_file, name="backupAction"
    )  # fmt: skip
    _action(
        w, file_menu, "Res&tore Library from Backup…", w.backups.choose_backup_to_restore,
        name="restoreBackupAction",
    )  # fmt: skip
    file_menu.addSeparator()
    file_menu.addAction(library.archive_action)
    file_menu.addAction(library.tag_action)
    file_menu.addAction(library.delete_action)
    file_menu.addSeparator()
    _action(w, file_menu, "&Quit", w.close, "Ctrl+Q")

    edit = bar.addMenu("&Edit")
    undo = w.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    edit.addActions([undo, redo])
    stack, status = w.undo_stack, w.statusBar()  # (after the stack's own slot: done by now)
    undo.triggered.connect(lambda: status.showMessage(f"Undone: {stack.text(stack.index())}", 3000))
    redo.triggered.connect(
        lambda: status.showMessage(f"Redone: {stack.text(stack.index() - 1)}", 3000)
    )
    edit.addSeparator()
    find_bar = reading.find_bar
    _action(w, edit, "&Find in Article…", find_bar.open_bar, QKeySequence.StandardKey.Find)
    edit.addAction(w.contents.bookmark_action)
    edit.addAction(w.search.focus_action)
    _action(w, edit, "Find &Next", lambda: find_bar.step(1), "F3")
    _action(w, edit, "Find &Previous", lambda: find_bar.step(-1), "Shift+F3")

    view = bar.addMenu("&View")
    _action(w, view, "Zoom &In", lambda: reading.zoom(+1), ["Ctrl++", "Ctrl+="])
    _action(w, view, "Zoom &Out", lambda: reading.zoom(-1), "Ctrl+-")
    _action(w, view, "&Actual Size", lambda: reading.zoom(0), "Ctrl+0")
    theme_menu = view.addMenu("&Theme")
    theme_actions = {}
    for choice in themes.THEME_CHOICES:
        act = _action(w, theme_menu, choice.title(), lambda _=False, c=choice: w.set_theme(c))
        act.setCheckable(True)
        theme_actions[choice] = act
    view.addSeparator()
    focus = _action(w, view, "&Focus Mode", w.toggle_focus_mode, "F11")
    focus.setCheckable(True)
    panels = view.addMenu("&Panels")
    panels.addAction(library.panel_action)
    panels.addAction(w.contents.panel_action)
    panels.addAction(panel_action(w.search.dock, "Alt+3"))
    panels.addAction(panel_action(w.highlights.dock, "Alt+4"))
    panels.addAction(panel_action(w.predictions.dock, "Alt+5"))
    panels.addAction(panel_action(w.highlights.all_dock, "Ctrl+Shift+H", "Alt+6"))
    w.highlights.add_menu_actions(edit, view)
    panels.addSeparator()
    _action(w, panels, "The Article &Text", w.reading_view.setFocus, "Alt+0")
    view.addAction(w.search.reindex_action)
    view.addSeparator()
    view.addAction(w.predictions.review_action)
    view.addAction(w.predictions.ledger_action)

    help_menu = bar.addMenu("&Help")
    _action(w, help_menu, "&Keyboard Shortcuts", w.show_shortcuts, "F1")
    _action(w, help_menu, "&About Reader", w.show_about)
    return Menus(edit, view, panels, help_menu, theme_actions, focus)
