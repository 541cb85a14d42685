"""A date that may be empty ("—"), typed as a date is typed: from the keyboard too."""

from __future__ import annotations

from PySide6.QtCore import QDate, Qt
from PySide6.QtWidgets import QDateTimeEdit, QWidget

NO_DATE = QDate(2000, 1, 1)  # the minimum: shown as "—"


class OptionalDateEdit(QDateTimeEdit):
    """yyyy-MM-dd with a calendar; "—" for no date.

    Qt's date edit shows its empty value as text that typing cannot edit ("—027"): a
    digit typed there starts from today's date with the year selected. A part typed in
    full moves on to the next by itself, and a Tab typed right after that only agrees
    (else it would skip a part): "2027 Tab 12 Tab 31" and "20271231" both type
    2027-12-31; Tab moves out after the day. Delete empties it. The date is told
    (`dateChanged`) when typing is done, not each digit."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCalendarPopup(True)
        self.setDisplayFormat("yyyy-MM-dd")
        self.setMinimumDate(NO_DATE)
        self.setSpecialValueText("—")
        self.setKeyboardTracking(False)
        self.setDate(NO_DATE)
        self.setToolTip("Type a date (Tab to the next part) or pick one; Delete empties it")
        self._moved_on = False  # the last digit filled a part, and moved to the next

    @property
    def empty(self) -> bool:
        return self.date() == NO_DATE

    def keyPressEvent(self, event) -> None:
        key = event.key()
        if key == Qt.Key.Key_Delete and not self.empty:
            self.setDate(NO_DATE)
            return
        if self.empty and event.text().isdigit():
            self.blockSignals(True)  # (today is only where typing starts)
            self.setDate(QDate.currentDate())
            self.blockSignals(False)
            self.setCurrentSection(QDateTimeEdit.Section.YearSection)
            self.lineEdit().setSelection(0, 4)
        part = self.currentSection()
        super().keyPressEvent(event)
        self._moved_on = event.text().isdigit() and self.currentSection() != part

    def focusNextPrevChild(self, forward: bool) -> bool:
        if forward and self._moved_on:  # already there: this Tab only agrees
            self._moved_on = False
            return True
        self._moved_on = False
        return super().focusNextPrevChild(forward)
