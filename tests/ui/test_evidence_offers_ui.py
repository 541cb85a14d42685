"""After an import the window offers the passages that may bear on open predictions; one
can be kept as evidence (undoable) or let go."""

from __future__ import annotations

from reader.ui.predictions.offers import OfferRole, OffersDialog
from scripts.bench.evidence_offers import LIBRARY


def library_without(data_dir, *names: str) -> None:
    from reader.core.session import open_session

    session = open_session(data_dir)
    try:
        skip = {"README.md", *names}
        session.library.import_paths(
            [p for p in sorted(LIBRARY.glob("*.md")) if p.name not in skip]
        )
        session.search.catch_up(session.documents)
    finally:
        session.close()


def test_an_offer_is_shown_used_as_evidence_and_undone(make_window, qtbot, data_dir):
    library_without(data_dir, "data-race.md")
    window = make_window()
    offers = window.offers
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000):
        window.import_paths([LIBRARY / "data-race.md"])
    qtbot.waitUntil(lambda: offers.button.isVisible(), timeout=10000)
    assert offers.button.text() == "1 article may bear on your predictions"
    dialog = OffersDialog(offers)
    texts = [dialog.list.item(n).text() for n in range(dialog.list.count())]
    assert any("may bear on: Once video architectures are unified" in t for t in texts)
    row = next(n for n, t in enumerate(texts) if "Once video architectures" in t)
    dialog.list.setCurrentRow(row)
    offer = dialog.list.item(row).data(OfferRole)
    dialog.use_button.click()
    assert window.controller.current.id == offer.article_id
    evidence = window.session.predictions.get(offer.prediction_id).evidence
    assert "reader:highlight/" in evidence and "The Video AI Race Turns to Data" in evidence
    assert all(o.prediction_id != offer.prediction_id for o in offers.offers)
    window.undo_stack.undo()
    assert window.session.predictions.get(offer.prediction_id).evidence == ""
    while dialog.list.count():
        dialog.dismiss_button.click()
    assert not offers.button.isVisible()
    dialog.close()


def test_an_article_bearing_on_nothing_offers_nothing(make_window, qtbot, data_dir):
    library_without(data_dir, "derby.md")
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000):
        window.import_paths([LIBRARY / "derby.md"])
    qtbot.wait(1500)
    assert not window.offers.button.isVisible() and window.offers.offers == []


def test_an_offer_goes_when_its_prediction_is_resolved(make_window, qtbot, data_dir):
    library_without(data_dir, "data-race.md")
    window = make_window()
    offers = window.offers
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000):
        window.import_paths([LIBRARY / "data-race.md"])
    qtbot.waitUntil(lambda: bool(offers.offers), timeout=10000)
    for offer in list(offers.offers):
        window.predictions.controller.update(offer.prediction_id, outcome="true")
    qtbot.waitUntil(lambda: not offers.offers, timeout=3000)
    assert not offers.button.isVisible()
