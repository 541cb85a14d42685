"""Work off the UI thread, against the library or not; results and errors come back on the
UI thread as signals.

Modelled on Anki's CollectionOp/QueryOp: an operation that needs the library runs with a
session of its own from core (`Session.worker()`: its own connection, the same hooks and
change bus), so what it commits is announced like any other change (see ChangeRelay).
The UI never opens a database or builds a service itself.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from reader.core.session import Session
from reader.ui.common.guard import USER_ERRORS

Progress = Callable[[int, int, str], None]


class Cancelled(Exception):
    """Raised by an operation's work when the user pressed Cancel."""


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    cancelled = Signal()
    progress = Signal(int, int, str)


_running: set[Operation] = set()  # each operation (and its signals) lives until it ends


class Operation(QRunnable):
    """`work(progress)`, or `work(session, progress)` with a session of its own when the
    library is given, in a thread pool. Connect to `signals` before `start()`."""

    def __init__(self, work: Callable[..., Any], library: Session | None = None) -> None:
        super().__init__()
        self.setAutoDelete(False)
        self._work = work
        self._library = library
        self.signals = _Signals()
        self._cancelled = False
        for signal in (self.signals.finished, self.signals.failed, self.signals.cancelled):
            signal.connect(lambda *_: _running.discard(self))

    @property
    def cancelled(self) -> bool:
        return self._cancelled

    def cancel(self) -> None:
        """Ask the work to stop (it checks `cancelled` between two steps)."""
        self._cancelled = True

    def start(self, pool: QThreadPool | None = None) -> Operation:
        _running.add(self)
        (pool or QThreadPool.globalInstance()).start(self)
        return self

    def run(self) -> None:
        try:
            if self._library is None:
                result = self._work(self.signals.progress.emit)
            else:
                with self._library.worker() as session:
                    result = self._work(session, self.signals.progress.emit)
        except Cancelled:
            self.signals.cancelled.emit()
        except USER_ERRORS as exc:  # a refusal the user can act on: its own words
            self.signals.failed.emit(str(exc.args[0]) if exc.args else str(exc))
        except Exception as exc:  # reported to the user, never swallowed
            self.signals.failed.emit(f"{type(exc).__name__}: {exc}")
        else:
            self.signals.finished.emit(result)


def wind_down(timeout_ms: int = 15_000) -> bool:
    """The window has closed: ask every running operation to stop at its next step and
    wait for them (an import ends with the file it is on, committed or not at all), so
    that none is cut off half-way when the program exits. False if some still ran."""
    for operation in list(_running):
        operation.cancel()
    return QThreadPool.globalInstance().waitForDone(timeout_ms)
