"""Predictions in the real window: mark with P, annotate in place, filter, undo, ledger."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from PySide6.QtCore import Qt
from PySide6.QtGui import QTextDocument
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox

from reader.core.predictions.service import PredictionFilter
from reader.ui.predictions.ledger_dialog import LedgerDialog
from tests.ui.test_highlights_ui import select

QUOTE = "I think what happened to images this year will also happen in the video field next year."


def stored(window):
    """The predictions the user made (the interview also ships curated ones)."""
    items = window.controller.session.predictions.query(PredictionFilter())
    return [p for p in items if p.source == "user"]


def curated(window):
    items = window.controller.session.predictions.query(PredictionFilter())
    return [p for p in items if p.source == "curated"]


def test_the_interview_opens_with_its_curated_predictions_tagged(make_window):
    window = make_window()
    panel = window.predictions.panel
    ids = panel.visible_ids()
    assert len(ids) == len(curated(window)) >= 12
    assert all(p.tags for p in curated(window))
    panel.clock = lambda: date(2026, 3, 1)  # the day the interview came out
    window.predictions.refresh()
    groups = [panel.model.item(g).text() for g in range(panel.model.rowCount())]
    assert groups == [f"Open  ({len(ids)})"]
    panel.clock = lambda: date(2026, 12, 1)  # a month before the first resolve-by dates
    window.predictions.refresh()
    due = [p for p in curated(window) if p.resolve_by and p.resolve_by <= "2026-12-31"]
    groups = [panel.model.item(g).text() for g in range(panel.model.rowCount())]
    assert due and groups == [f"Due  ({len(due)})", f"Open  ({len(ids) - len(due)})"]
    panel.group_box.setCurrentText("By tag")
    groups = [panel.model.item(g).text().split()[0] for g in range(panel.model.rowCount())]
    assert "#unified-multimodal" in groups and "#consumer-vs-business" in groups
    underlined = [s for s in window.reading_view.extraSelections() if s.format.fontUnderline()]
    assert len(underlined) == len(ids)


def test_mark_with_p_shows_it_in_the_sidebar_and_the_text(make_window, qtbot):
    window = make_window()
    select(window, QUOTE)
    qtbot.keyClick(window.reading_view, Qt.Key.Key_P)
    [p] = stored(window)
    assert p.speaker == "Song Jiaming" and p.source == "user"
    panel = window.predictions.panel
    assert p.id in panel.visible_ids()
    assert panel.editor.prediction.id == p.id
    underlined = [
        s
        for s in window.reading_view.extraSelections()
        if s.format.fontUnderline() and s.cursor.selectedText() == QUOTE
    ]
    assert underlined


def mark_quote(window):
    """Mark QUOTE as a prediction: (it, the sidebar's editor showing it)."""
    select(window, QUOTE)
    window.predictions.mark_selection()
    [p] = stored(window)
    return p, window.predictions.panel.editor


def test_annotate_in_place_and_undo(make_window, qtbot):
    window = make_window()
    _p, editor = mark_quote(window)
    editor.stance.setCurrentIndex(editor.stance.findData("agree"))
    editor.probability.setValue(70)
    qtbot.keyClicks(editor.note, "Image models did converge in 2025.")
    qtbot.waitUntil(
        lambda: stored(window)[0].note == "Image models did converge in 2025.", timeout=3000
    )
    editor.tags.setText("unified-multimodal, video")
    editor.tags.editingFinished.emit()
    editor.outcome.setCurrentIndex(editor.outcome.findData("true"))
    q = stored(window)[0]
    assert (q.stance, q.probability, q.outcome) == ("agree", 70, "true")
    assert q.tags == ("unified-multimodal", "video") and q.resolved_on
    window.undo_stack.undo()  # outcome
    assert stored(window)[0].outcome == "open"
    window.undo_stack.undo()  # tags
    assert stored(window)[0].tags == ()
    window.undo_stack.redo()
    assert stored(window)[0].tags == ("unified-multimodal", "video")


def test_filters_and_grouping(make_window):
    window = make_window()
    c = window.predictions.controller
    select(window, QUOTE)
    a = window.predictions.mark_selection() or stored(window)[0]
    select(window, "Ray 3 is a phased achievement.")
    window.predictions.mark_selection()
    b = next(p for p in stored(window) if p.id != a.id)
    c.update(a.id, tags=("unified-multimodal",), resolve_by="2026-12-15", stance="agree")
    c.update(b.id, review="rejected")
    for p in curated(window):
        c.delete(p.id)
    panel = window.predictions.panel
    panel.clock = lambda: date(2026, 11, 24)
    window.predictions.refresh()
    groups = [panel.model.item(g).text() for g in range(panel.model.rowCount())]
    assert groups == ["Due  (1)", "Rejected  (1)"]
    panel.group_box.setCurrentText("By tag")
    groups = [panel.model.item(g).text() for g in range(panel.model.rowCount())]
    assert groups == ["#luma-strategy  (1)", "#unified-multimodal  (1)"]  # b tagged on marking
    panel.stance_filter.setCurrentIndex(panel.stance_filter.findData("agree"))
    assert panel.visible_ids() == [a.id]
    panel.stance_filter.setCurrentIndex(0)
    panel.due_only.setChecked(True)
    assert panel.visible_ids() == [a.id]
    panel.stance_filter.setCurrentIndex(panel.stance_filter.findData("disagree"))
    assert panel.visible_ids() == []  # an empty list says why
    assert panel.count_label.text() == "None of the 2 match these filters"


def test_delete_goes_to_trash_and_undo_restores(make_window):
    window = make_window()
    select(window, QUOTE)
    window.predictions.mark_selection()
    [p] = stored(window)
    window.predictions.panel.editor.delete_button.click()
    assert stored(window) == []
    window.undo_stack.undo()
    assert [x.id for x in stored(window)] == [p.id]


def test_ledger_lists_due_and_scores(make_window, qtbot):
    window = make_window()
    c = window.predictions.controller
    select(window, QUOTE)
    window.predictions.mark_selection()
    select(window, "Ray 3 is a phased achievement.")
    window.predictions.mark_selection()
    a, b = stored(window)
    for p in curated(window):
        c.delete(p.id)
    c.update(a.id, resolve_by="2026-12-01", probability=80)
    c.update(b.id, probability=90, outcome="true")
    dialog = LedgerDialog(c, window.controller, window, today=date(2026, 11, 24))
    qtbot.addWidget(dialog)
    assert dialog.tables["Due"].model().rowCount() == 1
    assert dialog.tables["Resolved"].model().rowCount() == 1
    text = dialog.findChild(QLabel, "ledgerScores").text()
    assert "You: 1 resolved, Brier 0.01 (reliability 0.010, resolution 0.000)" in text
    legend = dialog.findChild(QLabel, "chartLegend").text()
    assert "● you</span> (too few to draw yet)" in legend  # one point: not drawn


def test_a_blank_statement_shows_the_passage_itself(make_window):
    window = make_window()
    _p, editor = mark_quote(window)
    editor.statement.setPlainText("   ")
    editor.flush()
    assert [x.statement for x in stored(window)] == [""]
    panel = window.predictions.panel
    rows = [
        panel.model.item(g).child(r).text()
        for g in range(panel.model.rowCount())
        for r in range(panel.model.item(g).rowCount())
    ]
    assert any(row.startswith(QUOTE) for row in rows)  # the passage, not an empty line
    assert not any(row.startswith("\n") for row in rows)
    assert editor.statement.placeholderText() == "the passage itself"


def test_a_refused_edit_is_not_put_on_the_undo_stack(make_window):
    window = make_window()
    p, _editor = mark_quote(window)
    steps = window.undo_stack.count()
    window.predictions.controller.update(p.id, resolve_by="soon")
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "date like 2026-12-31" in box.text()
    assert window.undo_stack.count() == steps
    assert [x.resolve_by for x in stored(window)] == [p.resolve_by]


def test_marking_takes_the_forecast_horizon_not_the_first_time_phrase(make_window):
    window = make_window()
    p, _editor = mark_quote(window)  # "...images this year will also happen ... next year."
    assert (p.horizon, p.resolve_by) == ("next year", "2026-12-31")


def test_double_clicking_in_the_ledger_shows_the_prediction_in_the_text(make_window, qtbot):
    from reader.ui.predictions.ledger_dialog import PredictionRole

    window = make_window()
    view = window.reading_view
    dialog = LedgerDialog(window.predictions.controller, window.controller, window)
    qtbot.addWidget(dialog)
    dialog.prediction_chosen.connect(window.predictions.reveal)
    table = dialog.tables["Open"]
    model = table.model()
    listed = [model.index(r, 0).data(PredictionRole) for r in range(model.rowCount())]
    deepest = max(listed, key=lambda p: p.position.start if p.position else 0)
    row = listed.index(deepest)
    view.verticalScrollBar().setValue(0)
    table.doubleClicked.emit(model.index(row, 0))
    qtbot.waitUntil(lambda: view.verticalScrollBar().value() > 0)
    assert window.predictions.panel.editor.prediction.id == deepest.id


def test_ledger_columns_sort_by_their_values(make_window, qtbot):
    from reader.ui.predictions.ledger_dialog import PredictionRole

    window = make_window()
    c = window.predictions.controller
    listed = curated(window)
    for p, probability in zip(listed[:3], (100, 20, 5), strict=True):
        c.update(p.id, probability=probability)
    dialog = LedgerDialog(c, window.controller, window)
    qtbot.addWidget(dialog)
    table = dialog.tables["Open"]
    model = table.model()

    def column(n: int) -> list:
        return [model.index(r, n).data(PredictionRole) for r in range(model.rowCount())]

    dates = [p.resolve_by for p in column(3)]
    assert dates == sorted(dates)  # soonest first, to begin with
    table.sortByColumn(4, Qt.SortOrder.DescendingOrder)  # a click on "probability"
    assert [p.probability for p in column(4)][:3] == [100, 20, 5]  # numbers, not text


def test_a_new_theme_or_text_size_keeps_the_chosen_prediction(make_window):
    """The article is shown again in the new look; what was chosen stays chosen (opening
    another article chooses nothing)."""
    window = make_window()
    p, editor = mark_quote(window)
    assert editor.prediction.id == p.id
    window.set_theme("dark")
    window.reading.zoom(+2)
    assert editor.prediction.id == p.id and editor.isEnabled()
    window.set_theme("light")


def test_the_editor_header_shows_the_article_s_words_as_words(make_window):
    """The header is rich text of its own; words taken from the article are escaped,
    so a passage holding markup can neither restyle it nor load an image from disk."""
    window = make_window()
    editor = window.predictions.panel.editor
    hostile = '<img src="/etc/hostname"> <b>surely</b>'
    p = replace(curated(window)[0], reason=hostile, confidence_text=hostile)
    editor.load(p)
    header = editor.source_label
    assert header.textFormat() == Qt.TextFormat.RichText
    assert "<b>Curated</b>" in header.text()
    assert "<img" not in header.text() and "&lt;img" in header.text()
    shown = QTextDocument()
    shown.setHtml(header.text())
    assert f"Flagged because: {hostile}" in shown.toPlainText()


def test_the_arrow_keys_walk_the_list_and_the_editor_follows(make_window, qtbot):
    window = make_window()
    panel = window.predictions.panel
    tree = panel.tree
    window.predictions.dock.raise_()
    first_group = panel.model.index(0, 0)
    tree.setCurrentIndex(panel.model.index(0, 0, first_group))
    first = panel.editor.prediction
    assert first is not None and first.id == panel.visible_ids()[0]
    place = window.reading_view.verticalScrollBar().value()
    qtbot.keyClick(tree, Qt.Key.Key_Down)
    assert panel.editor.prediction.id == panel.visible_ids()[1]
    assert panel.editor.statement.toPlainText() == panel.editor.prediction.statement
    horizon = panel.editor.horizon  # a long horizon reads from its start
    assert horizon.text() == panel.editor.prediction.horizon and horizon.cursorPosition() == 0
    assert window.reading_view.verticalScrollBar().value() == place  # Enter goes there
    qtbot.keyClick(tree, Qt.Key.Key_Up)
    assert panel.editor.prediction.id == first.id
    qtbot.keyClick(tree, Qt.Key.Key_Up)  # onto its group's heading: nothing to annotate
    assert tree.currentIndex() == first_group and panel.editor.prediction is None


def test_the_ledger_opens_at_the_size_it_was_left_at(make_window, data_dir, monkeypatch):
    sizes = []

    def look_and_resize(dialog):
        sizes.append((dialog.width(), dialog.height()))
        dialog.resize(701, 501)
        dialog.done(0)
        return 0

    monkeypatch.setattr(LedgerDialog, "exec", look_and_resize)
    window = make_window()
    window.predictions.show_ledger()
    assert sizes[0] != (701, 501)  # a first time: its own size
    window.predictions.show_ledger()
    assert sizes[1] == (701, 501)
    window.close()
    window.controller.session.close()
    again = make_window(data_dir)  # after a restart too
    again.predictions.show_ledger()
    assert sizes[2] == (701, 501)


def test_an_empty_date_is_typed_with_the_keyboard_and_emptied_with_delete(make_window, qtbot):
    window = make_window()
    p, editor = mark_quote(window)
    window.controller.session.predictions.update(p.id, resolve_by=None)
    editor.load(window.controller.session.predictions.get(p.id))
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    field = editor.resolve_by
    assert field.text() == "—"
    field.setFocus()
    qtbot.waitUntil(field.hasFocus)
    for keys in ("2027", "\t", "12", "\t", "31"):
        if keys == "\t":
            qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
        else:
            qtbot.keyClicks(QApplication.focusWidget(), keys)
    assert field.text() == "2027-12-31"
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)  # out of it, after the day
    assert not field.hasFocus()
    assert window.controller.session.predictions.get(p.id).resolve_by == "2027-12-31"
    assert window.undo_stack.undoText() == "Edit Resolve-by Date"  # one step, not a digit each
    field.setFocus()
    qtbot.keyClick(field, Qt.Key.Key_Delete)
    assert field.text() == "—"
    assert window.controller.session.predictions.get(p.id).resolve_by is None
    qtbot.keyClicks(field, "20280630")  # the digits alone do as well
    qtbot.keyClick(field, Qt.Key.Key_Return)
    assert window.controller.session.predictions.get(p.id).resolve_by == "2028-06-30"
