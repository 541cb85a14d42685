"""Keep a popup on the screen it opens on."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QWidget


def on_screen(size_w: int, size_h: int, at: QPoint, screen: QRect, clearance: int = 24) -> QPoint:
    """Where a popup of that size opens for a click at `at`: below it when it fits, else
    above it (`clearance` px over the clicked line), and never past the screen's edges."""
    x, y = at.x(), at.y()
    if y + size_h > screen.bottom() and y - clearance - size_h >= screen.top():
        y = y - clearance - size_h
    x = max(screen.left(), min(x, screen.right() + 1 - size_w))
    y = max(screen.top(), min(y, screen.bottom() + 1 - size_h))
    return QPoint(x, y)


def move_on_screen(popup: QWidget, at: QPoint) -> None:
    """Move an adjusted popup to `at`, or as near as keeps it whole on that screen."""
    screen = QGuiApplication.screenAt(at) or popup.screen() or QGuiApplication.primaryScreen()
    size = popup.sizeHint().expandedTo(popup.size())
    popup.move(on_screen(size.width(), size.height(), at, screen.availableGeometry()))
