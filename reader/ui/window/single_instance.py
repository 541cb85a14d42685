"""One window per library: a second start hands over to the running window and exits."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtNetwork import QLocalServer, QLocalSocket

CONNECT_MS = 500


def server_name(folder: Path) -> str:
    digest = hashlib.sha256(str(Path(folder).resolve()).encode()).hexdigest()[:16]
    return f"reader-{digest}"


def hand_over(folder: Path, paths: list[str]) -> bool:
    """Tell a running window on this library to come forward (and open `paths`: absolute
    file paths or web addresses, importing those not in the library)."""
    socket = QLocalSocket()
    socket.connectToServer(server_name(folder))
    if not socket.waitForConnected(CONNECT_MS):
        return False
    socket.write(json.dumps({"activate": True, "import": paths}).encode() + b"\n")
    socket.flush()
    socket.waitForBytesWritten(CONNECT_MS)
    socket.disconnectFromServer()
    return True


class InstanceServer(QObject):
    """Listens for later starts on the same library."""

    activation_requested = Signal(list)  # files and web addresses to open

    def __init__(self, folder: Path, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.server = QLocalServer(self)
        name = server_name(folder)
        if not self.server.listen(name):
            QLocalServer.removeServer(name)  # a stale socket left by a crash
            self.server.listen(name)
        self.server.newConnection.connect(self._on_server_new_connection)

    @property
    def listening(self) -> bool:
        return self.server.isListening()

    def _on_server_new_connection(self) -> None:
        socket = self.server.nextPendingConnection()
        if socket is None:
            return
        socket.readyRead.connect(lambda: self._read(socket))
        socket.disconnected.connect(socket.deleteLater)

    def _read(self, socket: QLocalSocket) -> None:
        while socket.canReadLine():
            try:
                message = json.loads(bytes(socket.readLine().data()).decode())
            except ValueError:
                continue
            if isinstance(message, dict) and message.get("activate"):
                paths = [str(p) for p in message.get("import", []) if isinstance(p, str)]
                self.activation_requested.emit(paths)
