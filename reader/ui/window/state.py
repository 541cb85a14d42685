"""Remembered layout and reading state, in an ini file inside the data folder."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings


class WindowState:
    def __init__(self, folder: Path) -> None:
        self.qs = QSettings(str(folder / "window.ini"), QSettings.Format.IniFormat)

    def geometry(self) -> QByteArray | None:
        return self.qs.value("window/geometry")

    def dock_state(self) -> QByteArray | None:
        return self.qs.value("window/state")

    def save_layout(self, geometry: QByteArray, state: QByteArray) -> None:
        self.qs.setValue("window/geometry", geometry)
        self.qs.setValue("window/state", state)

    def last_article(self) -> int | None:
        value = self.qs.value("reading/last_article")
        return int(value) if value not in (None, "") else None

    def set_last_article(self, article_id: int | None) -> None:
        self.qs.setValue("reading/last_article", "" if article_id is None else article_id)

    def scroll(self, article_id: int) -> float:
        value = self.qs.value(f"scroll/{article_id}", 0.0)
        return float(value) if isinstance(value, int | float | str) else 0.0

    def set_scroll(self, article_id: int, fraction: float) -> None:
        self.qs.setValue(f"scroll/{article_id}", round(fraction, 5))

    def get(self, key: str, default):
        value = self.qs.value(key, default)
        return type(default)(value) if default is not None and value is not None else value

    def set(self, key: str, value) -> None:
        self.qs.setValue(key, value)

    def sync(self) -> None:
        self.qs.sync()
