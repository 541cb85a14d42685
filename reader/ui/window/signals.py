"""Ending the window cleanly when the system asks (a logout, `kill`, Ctrl+C in the
terminal): the same close as the window's own, then exit 0.

Python runs a signal handler only when it gets control back, and a Qt event loop
may sit in C++ for as long as nothing happens; `signal.set_wakeup_fd` writes each
signal to a socket that Qt watches, which hands control back at once."""

from __future__ import annotations

import contextlib
import signal
import socket
from collections.abc import Callable

from PySide6.QtCore import QObject, QSocketNotifier

ENDING_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


class SignalWatch(QObject):
    """Calls `on_signal` on the Qt thread when one of ENDING_SIGNALS arrives."""

    def __init__(self, on_signal: Callable[[], None], parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._receive, self._send = socket.socketpair()
        for end in (self._receive, self._send):
            end.setblocking(False)
        self._previous_fd = signal.set_wakeup_fd(self._send.fileno())
        self._notifier = QSocketNotifier(self._receive.fileno(), QSocketNotifier.Type.Read, self)
        self._notifier.activated.connect(self._drain)
        self._on_signal = on_signal
        self._previous = {sig: signal.signal(sig, self._handle) for sig in ENDING_SIGNALS}

    def _handle(self, _signum: int, _frame: object) -> None:
        self._on_signal()

    def _drain(self) -> None:
        with contextlib.suppress(BlockingIOError):  # (Python runs the handler itself)
            self._receive.recv(256)

    def restore(self) -> None:
        """Put back what was there before (the window has closed)."""
        for sig, handler in self._previous.items():
            signal.signal(sig, handler)
        signal.set_wakeup_fd(self._previous_fd)
        self._notifier.setEnabled(False)
        self._receive.close()
        self._send.close()
