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


def off_passage(popup: QRect, passage: QRect, screen: QRect, gap: int = 16) -> QPoint | None:
    """Where a popup that covers a passage goes instead: just below it when there is room
    on the screen, else just above it, else as low as the screen allows; None when it
    does not cover the passage (a popup that is out of the way stays where it is)."""
    if not popup.intersects(passage.adjusted(0, -gap, 0, gap)):
        return None
    height = popup.height()
    if passage.bottom() + gap + height <= screen.bottom():
        y = passage.bottom() + gap
    elif passage.top() - gap - height >= screen.top():
        y = passage.top() - gap - height
    else:
        y = screen.bottom() + 1 - height
    x = max(screen.left(), min(popup.x(), screen.right() + 1 - popup.width()))
    return QPoint(x, max(screen.top(), y))


def keep_off(popup: QWidget, passage: QRect) -> None:
    """Move a tool window (the review dialog) off the passage it is about."""
    screen = popup.screen() or QGuiApplication.primaryScreen()
    at = off_passage(popup.frameGeometry(), passage, screen.availableGeometry())
    if at is not None:
        popup.move(at)
