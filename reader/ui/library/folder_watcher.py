"""Watch a folder: files dropped into it are imported (off by default)."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QFileSystemWatcher, QObject, QTimer, Signal

from reader.core.ingest.importer import IMPORTABLE

SUFFIXES = IMPORTABLE
SETTLE_MS = 1000  # a file still being written keeps changing size: wait until it stops


class FolderWatcher(QObject):
    files_arrived = Signal(list)  # list[Path], new and no longer growing

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder: Path | None = None
        self._watcher = QFileSystemWatcher(self)
        self._watcher.directoryChanged.connect(self._on_watcher_directory_changed)
        self._seen: set[str] = set()
        self._sizes: dict[str, int] = {}
        self._timer = QTimer(self, singleShot=True, interval=SETTLE_MS)
        self._timer.timeout.connect(self._scan)

    def watch(self, folder: Path | None) -> None:
        """Start watching `folder` (files already there are left alone); None stops."""
        if self._watcher.directories():
            self._watcher.removePaths(self._watcher.directories())
        self.folder = folder
        self._sizes.clear()
        if folder is None or not folder.is_dir():
            self.folder = None
            return
        self._seen = {p.name for p in folder.iterdir()}
        self._watcher.addPath(str(folder))

    def _on_watcher_directory_changed(self, _path: str) -> None:
        self._timer.start()

    def _scan(self) -> None:
        if self.folder is None:
            return
        ready, waiting = [], False
        for path in sorted(self.folder.iterdir()):
            if path.name in self._seen or path.suffix.lower() not in SUFFIXES:
                continue
            if path.name.startswith(".") or not path.is_file():
                continue
            size = path.stat().st_size
            if self._sizes.get(path.name) != size:
                self._sizes[path.name] = size
                waiting = True  # look again once it has settled
                continue
            self._seen.add(path.name)
            ready.append(path)
        if waiting:
            self._timer.start()
        if ready:
            self.files_arrived.emit(ready)
