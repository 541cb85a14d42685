"""What an import did, told to the user: a status line, and a box for what was not imported
(with "Replace Existing" for duplicates)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from PySide6.QtWidgets import QMessageBox, QWidget

from reader.core.models import ImportFailure, ImportReport
from reader.ui.common.documents import plain


def report_import(
    parent: QWidget, report: ImportReport, replace: Callable[[list[ImportFailure]], object]
) -> str:
    """Open the box when something was not imported; the status line's text."""
    summary = f"Imported {report.summary()}"
    problems = [*report.duplicates, *report.failed]
    if problems:  # (the summary counts them: "…, 2 already there, 1 failed")
        box = plain(QMessageBox(QMessageBox.Icon.Warning, "Import", summary + ".", parent=parent))
        box.setObjectName("importReport")
        box.setDetailedText("\n".join(f"{_named(f.path)}: {f.reason}" for f in problems))
        box.setInformativeText("\n".join(f"{_named(f.path)}: {f.reason}" for f in problems[:5]))
        replace_button = None
        if report.duplicates:
            replace_button = box.addButton("Replace Existing", QMessageBox.ButtonRole.ActionRole)
            replace_button.setToolTip(
                "Use the new text for the article already in the library; "
                "its highlights and predictions stay"
            )
            box.addButton("Skip", QMessageBox.ButtonRole.RejectRole)
        else:
            box.addButton(QMessageBox.StandardButton.Ok)
        box.buttonClicked.connect(
            lambda button: button is replace_button and replace(list(report.duplicates))
        )
        box.open()
    return " · ".join([summary, *report.notes])


def _named(path: str) -> str:
    """A failed import as the user knows it: a web address whole, a file by its name."""
    return path if path.startswith(("http://", "https://")) else Path(path).name
