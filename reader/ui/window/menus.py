"""The main window's menus: File, Edit, View, Help, with their shortcuts.

Help › Keyboard Shortcuts lists them (help_dialogs.SHORTCUTS; a test keeps both in step).
"""

from __future__ import annotations

from PySide6.QtGui import QAction, QKeySequence

from reader.ui.reading import theme as themes


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


def build_menus(w) -> None:
    """The menu bar of the main window `w`; sets w.watch_action, w.delete_action,
    w.edit_menu, w.view_menu, w.theme_actions, w.focus_action, w.panels_menu, w.help_menu."""
    bar = w.menuBar()
    file_menu = bar.addMenu("&File")
    _action(
        w, file_menu, "&Import…", w.choose_import, QKeySequence.StandardKey.Open, "importAction"
    )
    _action(w, file_menu, "Import &Folder…", w.choose_import_folder, "Ctrl+Shift+O", "importFolder")
    _action(w, file_menu, "Save from &URL…", w.ask_url, "Ctrl+L", "saveUrlAction")
    _action(
        w,
        file_menu,
        "New Article from &Clipboard",
        w.paste_article,
        "Ctrl+Shift+V",
        "pasteAction",
    )
    w.watch_action = _action(w, file_menu, "&Watch a Folder…", w.toggle_watch, name="watchAction")
    w.watch_action.setCheckable(True)
    file_menu.addSeparator()
    _action(
        w,
        file_menu,
        "Restore &Bundled Article",
        w.controller.restore_bundled,
        name="restoreBundledAction",
    )
    _action(w, file_menu, "&Export Annotations…", w.show_export, "Ctrl+E", "exportAction")
    file_menu.addSeparator()
    w.delete_action = _action(
        w, file_menu, "&Delete Article…", w.confirm_delete, "Ctrl+Delete", "deleteAction"
    )
    file_menu.addSeparator()
    _action(w, file_menu, "&Quit", w.close, "Ctrl+Q")
    w.edit_menu = bar.addMenu("&Edit")
    undo = w.undo_stack.createUndoAction(w, "&Undo")
    undo.setShortcut(QKeySequence.StandardKey.Undo)
    redo = w.undo_stack.createRedoAction(w, "&Redo")
    redo.setShortcuts([QKeySequence("Ctrl+Shift+Z"), QKeySequence("Ctrl+Y")])
    w.edit_menu.addActions([undo, redo])
    w.edit_menu.addSeparator()
    _action(
        w,
        w.edit_menu,
        "&Find in Article…",
        w.find_bar.open_bar,
        QKeySequence.StandardKey.Find,
    )
    w.edit_menu.addAction(w.search.focus_action)
    _action(w, w.edit_menu, "Find &Next", lambda: w.find_bar.step(1), "F3")
    _action(w, w.edit_menu, "Find &Previous", lambda: w.find_bar.step(-1), "Shift+F3")
    w.view_menu = view = bar.addMenu("&View")
    _action(w, view, "Zoom &In", lambda: w.zoom(+1), ["Ctrl++", "Ctrl+="])
    _action(w, view, "Zoom &Out", lambda: w.zoom(-1), "Ctrl+-")
    _action(w, view, "&Actual Size", lambda: w.zoom(0), "Ctrl+0")
    theme_menu = view.addMenu("&Theme")
    w.theme_actions = {}
    for choice in themes.THEME_CHOICES:
        act = _action(w, theme_menu, choice.title(), lambda _=False, c=choice: w.set_theme(c))
        act.setCheckable(True)
        w.theme_actions[choice] = act
    view.addSeparator()
    w.focus_action = _action(w, view, "&Focus Mode", w.toggle_focus_mode, "F11")
    w.focus_action.setCheckable(True)
    w.panels_menu = view.addMenu("&Panels")
    w.panels_menu.addAction(w.library_dock.toggleViewAction())
    w.library_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+L"))
    w.panels_menu.addAction(w.highlights_dock.toggleViewAction())
    w.panels_menu.addAction(w.all_highlights_dock.toggleViewAction())
    w.all_highlights_dock.toggleViewAction().setShortcut(QKeySequence("Ctrl+Shift+H"))
    w.highlights.add_menu_actions(w.edit_menu, view)
    w.panels_menu.addAction(w.predictions_dock.toggleViewAction())
    w.panels_menu.addAction(w.search_dock.toggleViewAction())
    view.addAction(w.search.reindex_action)
    view.addSeparator()
    view.addAction(w.predictions.ledger_action)
    w.help_menu = bar.addMenu("&Help")
    _action(w, w.help_menu, "&Keyboard Shortcuts", w.show_shortcuts, "F1")
    _action(w, w.help_menu, "&About Reader", w.show_about)
