"""Reviewing the detector's proposals as an inbox, with keys, in the real window."""

from __future__ import annotations

from PySide6.QtCore import Qt

from reader.core.predictions.service import PredictionFilter
from reader.ui.library.article_model import ProposalsRole
from reader.ui.predictions.review import ReviewDialog
from tests.ui.test_highlights_ui import select

FORECASTS = """Forecasts for the studio

I think streaming prices will rise again next year.
I believe the studio will release three feature films in 2027.
We expect that video models will replace stock footage by 2028.
The market is likely to consolidate next year.
"""


def _import(window, qtbot, tmp_path):
    path = tmp_path / "forecasts.txt"
    path.write_text(FORECASTS, encoding="utf-8")
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths([path])
    article = window.controller.current
    assert article.title == "Forecasts for the studio"
    return article


def _proposed(window, article_id):
    items = window.session.predictions.query(PredictionFilter(article_id=article_id))
    return [p for p in items if p.review == "proposed"]


def test_ctrl_shift_r_walks_the_proposals_with_keys(make_window, qtbot, tmp_path):
    window = make_window()
    article = _import(window, qtbot, tmp_path)
    waiting = _proposed(window, article.id)
    assert len(waiting) >= 3
    qtbot.waitUntil(lambda: window.predictions.to_review.text().endswith("to review"))
    assert window.predictions.to_review.text().startswith(f"{len(waiting)} proposal")
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.reading_view.setFocus()
    qtbot.keyClick(
        window.reading_view,
        Qt.Key.Key_R,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    dialog = window.findChild(ReviewDialog, "reviewDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    first = dialog.current
    assert dialog.counter.text().startswith(f"Proposal 1 of {len(waiting)}")
    assert window.predictions.panel.editor.prediction.id == first.id  # shown beside the text
    dialog.activateWindow()
    qtbot.waitUntil(dialog.isActiveWindow)
    qtbot.keyClick(dialog, Qt.Key.Key_A)  # accept: the next one comes up
    assert window.session.predictions.get(first.id).review == "confirmed"
    assert window.undo_stack.undoText() == "Accept Proposal"
    second = dialog.current
    assert second.id != first.id
    qtbot.keyClick(dialog, Qt.Key.Key_R)
    assert window.session.predictions.get(second.id).review == "rejected"
    assert window.undo_stack.undoText() == "Reject Proposal"
    qtbot.keyClick(dialog, Qt.Key.Key_P)  # back to look at one decided
    qtbot.keyClick(dialog, Qt.Key.Key_P)
    assert dialog.current.id == first.id and "accepted" in dialog.counter.text()
    dialog.accept_all.click()
    assert _proposed(window, article.id) == []
    qtbot.waitUntil(lambda: not window.predictions.to_review.isVisible())
    assert not dialog.accept_all.isEnabled()
    window.undo_stack.undo()  # all of them back, in one step
    assert len(_proposed(window, article.id)) == len(waiting) - 2
    # the dialog follows: those are to review again
    left = len(waiting) - 2
    qtbot.waitUntil(lambda: f"{left} left to review" in dialog.counter.text())
    assert dialog.accept_all.isEnabled() and "accepted" in dialog.counter.text()
    window.undo_stack.undo()  # the second one's rejection undone too
    qtbot.waitUntil(lambda: f"{left + 1} left to review" in dialog.counter.text())
    dialog.close()


def test_the_library_list_and_status_bar_count_what_is_left_to_review(make_window, qtbot, tmp_path):
    window = make_window()
    article = _import(window, qtbot, tmp_path)
    n = len(_proposed(window, article.id))
    proxy = window.library.panel.proxy
    qtbot.waitUntil(
        lambda: n in {proxy.index(r, 0).data(ProposalsRole) for r in range(proxy.rowCount())}
    )
    window.predictions.controller.review_all(
        [p.id for p in _proposed(window, article.id)], "rejected"
    )
    qtbot.waitUntil(
        lambda: {proxy.index(r, 0).data(ProposalsRole) for r in range(proxy.rowCount())} == {0}
    )
    window.predictions.review()  # nothing left: says so, opens nothing
    assert window.findChild(ReviewDialog, "reviewDialog") is None
    assert "No proposals to review" in window.statusBar().currentMessage()


def test_due_predictions_are_announced_once_a_day_and_open_the_due_view(
    make_window, qtbot, data_dir, monkeypatch
):
    from datetime import date

    from reader.ui.predictions.ledger_dialog import LedgerDialog

    window = make_window()
    due = window.predictions.controller.due_count()  # (the interview's, as of today)
    if not due:  # the interview's forecasts fall due at the end of 2026 and after
        window.session.predictions.update(
            window.session.predictions.query(PredictionFilter())[0].id,
            resolve_by=date.today().isoformat(),
        )
        window.close()
        window.controller.session.close()
        window = make_window(data_dir)
        due = 1
    button = window.predictions.due_button
    told = f"{due} prediction{'s are' if due != 1 else ' is'} due"
    # said in full on the button too (the status bar's message gives way to the next)
    assert button.isVisible() and button.text() == told
    qtbot.waitUntil(lambda: window.search.controller.ready, timeout=20000)
    assert button.text() == told
    assert window.state.get("predictions/due_told", "") == date.today().isoformat()
    shown = []
    monkeypatch.setattr(
        LedgerDialog, "exec", lambda d: shown.append(d.tabs.tabText(d.tabs.currentIndex()))
    )
    button.click()
    assert shown and shown[0].startswith(f"Due ({due})")
    assert window.predictions._due_told.isActive()  # the button's words give way later
    window.close()
    assert not window.predictions._due_told.isActive()  # not after the library has closed
    window.controller.session.close()
    again = make_window(data_dir)  # the same day: not said again, the button still there
    assert "due —" not in again.statusBar().currentMessage()
    assert again.predictions.due_button.text() == f"{due} due"
    for p in again.session.predictions.query(PredictionFilter(due=True)):  # resolved: none due
        again.session.predictions.update(p.id, outcome="true")
    qtbot.waitUntil(lambda: not again.predictions.due_button.isVisible())


def test_a_passage_of_another_article_kept_as_evidence_and_shown_from_the_editor(
    make_window, qtbot, tmp_path, monkeypatch
):
    from PySide6.QtWidgets import QDialog

    from reader.core.predictions.evidence import evidence_links
    from reader.ui.predictions.evidence_picker import EvidencePicker
    from tests.ui.test_highlights_ui import select

    window = make_window()
    interview = window.controller.current
    target = window.predictions.controller.open_predictions()[0]
    article = _import(window, qtbot, tmp_path)

    def choose(picker):
        picker.filter.setText(target.headline.split()[1])  # find it by a word
        picker._choose()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(EvidencePicker, "exec", choose)
    select(window, "streaming prices will rise again")
    window.predictions.evidence_action.trigger()
    updated = window.session.predictions.get(target.id)
    [uid] = evidence_links(updated.evidence)
    h = window.session.highlights.by_uid(uid)
    assert h.article_id == article.id and h.quote.exact == "streaming prices will rise again"
    assert "Kept as evidence for" in window.statusBar().currentMessage()
    window.controller.open_article(interview.id)
    window.predictions.reveal(target.id)
    editor = window.predictions.panel.editor
    qtbot.waitUntil(lambda: editor.go_to_evidence.isVisible())
    editor.go_to_evidence.click()  # the passage, in its article
    qtbot.waitUntil(lambda: window.controller.current.id == article.id)
    assert window.highlights.panel.view.currentIndex().data(0) == h.quote.exact
    window.undo_stack.undo()  # one step: the passage and the evidence
    assert window.session.highlights.by_uid(uid) is None
    assert window.session.predictions.get(target.id).evidence == target.evidence


def test_a_proposal_is_underlined_dashed_and_a_confirmed_prediction_solid():
    from PySide6.QtGui import QTextCharFormat

    from reader.ui.predictions.presenter import prediction_format

    style = QTextCharFormat.UnderlineStyle
    assert prediction_format("proposed", False).underlineStyle() == style.DashUnderline
    assert prediction_format("confirmed", True).underlineStyle() == style.SingleUnderline
    assert not prediction_format("rejected", False).fontUnderline()


def test_a_quoted_forecast_is_reviewed_as_a_clean_statement_in_one_kind_of_marks(
    make_window, qtbot, tmp_path
):
    window = make_window()
    path = tmp_path / "notes.txt"
    path.write_text('Studio notes\n\n"Streaming prices will rise next year," Tom Becker said.\n')
    with qtbot.waitSignal(window.controller.import_finished, timeout=10000):
        window.import_paths([path])
    window.predictions.review()
    dialog = window.findChild(ReviewDialog, "reviewDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())
    assert dialog.statement.text() == "<b>Streaming prices will rise next year.</b>"
    details = dialog.details.text()
    assert details.startswith("“‘Streaming prices will rise next year,’ Tom Becker said.”")
    assert '"' not in details and "&quot;" not in details
    dialog.close()


def test_the_review_dialog_moves_off_the_passage_it_is_about(make_window, qtbot, tmp_path):
    window = make_window()
    _import(window, qtbot, tmp_path)
    window.predictions.review()
    dialog = window.findChild(ReviewDialog, "reviewDialog")
    qtbot.waitUntil(lambda: dialog is not None and dialog.isVisible())

    def passage():
        anchor = window.predictions._anchor_of(dialog.current.id)
        return window.reading_view.range_rect(anchor.start, anchor.end)

    assert passage().height() > 0 and not dialog.frameGeometry().intersects(passage())
    dialog.move(passage().topLeft())  # put over it by hand: the next one is shown clear
    dialog.next_button.click()
    assert dialog.index == 1
    assert not dialog.frameGeometry().intersects(passage())
    dialog.close()


def test_p_on_a_proposed_passage_accepts_the_proposal(make_window, qtbot, tmp_path):
    window = make_window()
    article = _import(window, qtbot, tmp_path)
    before = _proposed(window, article.id)
    select(window, "streaming prices will rise")  # inside a proposed sentence
    qtbot.keyClick(window.reading_view, Qt.Key.Key_P)
    after = window.session.predictions.query(PredictionFilter(article_id=article.id))
    assert len(after) == len(before)  # no second prediction of the same sentence
    accepted = next(p for p in after if "streaming prices" in p.quote.exact)
    assert accepted.review == "confirmed" and accepted.source == "detected"
    assert len(_proposed(window, article.id)) == len(before) - 1
    assert window.statusBar().currentMessage().startswith("Accepted the proposal")
    assert window.undo_stack.undoText() == "Accept Proposal"
    window.undo_stack.undo()
    assert len(_proposed(window, article.id)) == len(before)
