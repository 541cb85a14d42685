"""Every change to the library, delivered on the UI thread as one typed signal.

Commits made by this process (on any thread) arrive through the session's change bus;
commits made by another program on the same data folder (the `reader` command line)
are noticed by an idle timer that asks SQLite's `PRAGMA data_version` (a few
microseconds when nothing changed) and then reads the change log. Each panel refreshes
only what the `Changes` record says it concerns.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QTimer, Signal

from reader.core.changes import Changes
from reader.core.session import Session

POLL_MS = 400  # another program's change shows within half a second


class ChangeRelay(QObject):
    changed = Signal(object)  # Changes

    def __init__(self, session: Session, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._session = session
        session.bus.subscribe(self._on_bus_changes)
        self._timer = QTimer(self, interval=POLL_MS)
        self._timer.timeout.connect(self.poll)
        self._timer.start()

    def _on_bus_changes(self, changes: Changes) -> None:
        """Called on the committing thread; a worker's changes are queued to the UI thread."""
        self.changed.emit(changes)

    def poll(self) -> None:
        """What other programs committed since the last poll, if anything."""
        changes = self._session.external_changes()
        if changes:
            self.changed.emit(changes)

    def stop(self) -> None:
        self._timer.stop()
        self._session.bus.unsubscribe(self._on_bus_changes)
