"""Names a screen reader says for controls that show no words of their own."""

from __future__ import annotations

from PySide6.QtWidgets import QWidget


def named(*pairs: tuple[QWidget, str]) -> None:
    """Give each control its accessible name (and its tooltip, when it has none)."""
    for widget, name in pairs:
        widget.setAccessibleName(name)
        if not widget.toolTip():
            widget.setToolTip(name)
