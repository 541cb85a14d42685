"""TagEdit: comma-separated tags, completed from the tags already in use (highlights,
predictions and articles take their tags through it)."""

from __future__ import annotations

from PySide6.QtCore import QStringListModel, Qt
from PySide6.QtWidgets import QCompleter, QLineEdit, QWidget


class TagEdit(QLineEdit):
    """Comma-separated tags, completing the tag being typed from tags already used."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setPlaceholderText("tags, comma separated")
        self._model = QStringListModel(self)
        self._completer = QCompleter(self._model, self)
        self._completer.setCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self._completer.setWidget(self)
        self._completer.activated.connect(self._insert_completion)
        self.textEdited.connect(self._on_text_edited)

    def set_known_tags(self, tags: list[str]) -> None:
        self._model.setStringList(tags)

    def tags(self) -> list[str]:
        return [t.strip() for t in self.text().split(",") if t.strip()]

    def _on_text_edited(self, text: str) -> None:
        prefix = text.split(",")[-1].strip()
        if prefix:
            self._completer.setCompletionPrefix(prefix)
            self._completer.complete()
        else:
            popup = self._completer.popup()
            if popup is not None:
                popup.hide()

    def _insert_completion(self, completion: str) -> None:
        parts = self.text().split(",")
        parts[-1] = " " + completion if len(parts) > 1 else completion
        self.setText(",".join(parts) + ", ")
