"""The window and the command line are two faces of one core: every way into the window
proposes the predictions `reader import` proposes, and what `reader` does to the library
shows in a running window within a second."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent, QGuiApplication

from reader.ui.highlights.model import HighlightRole
from tests.core.test_web_import import server  # noqa: F401 (a fixture)

FORECASTS = (
    "Analysts expect the market for video models will double by 2027. "
    "Prices will probably fall next year, the company said.\n\n"
    "It rained in the city today, and the office was quiet."
)
TITLE = "Forecasts From the Floor"


def reader(folder: Path, *args: str) -> subprocess.CompletedProcess:
    """`reader --data-dir folder ...` as a separate program (the command line)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    return subprocess.run(
        [sys.executable, "-m", "reader", "--data-dir", str(folder), *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=120,
        check=True,
    )


@pytest.fixture(scope="module")
def cli_proposals(tmp_path_factory) -> list[tuple]:
    """What `reader import` proposes for the forecasts article."""
    folder = tmp_path_factory.mktemp("cli")
    source = folder / "forecasts.md"
    source.write_text(f"# {TITLE}\n\n{FORECASTS}\n", encoding="utf-8")
    [imported] = json.loads(reader(folder, "import", str(source), "--json").stdout)["imported"]
    listed = json.loads(reader(folder, "predictions", str(imported["id"]), "--json").stdout)
    found = sorted((p["statement"], p["source"], p["review"]) for p in listed)
    assert len(found) == 2 and all(source == "detected" for _, source, _ in found)
    return found


def shown_proposals(window) -> list[tuple]:
    article = window.controller.current
    assert article.title == TITLE
    items = window.session.predictions.for_article(article.id)
    assert sorted(window.predictions.panel.visible_ids()) == sorted(p.id for p in items)
    return sorted((p.statement, p.source, p.review) for p in items)


def write_article(folder: Path, name: str = "forecasts.md") -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(f"# {TITLE}\n\n{FORECASTS}\n", encoding="utf-8")
    return path


def imported(window, qtbot, start) -> None:
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000):
        start()
    qtbot.waitUntil(lambda: window.controller.current.title == TITLE, timeout=5000)


def test_file_import_proposes_what_the_cli_proposes(make_window, qtbot, tmp_path, cli_proposals):
    window = make_window()
    path = write_article(tmp_path / "in")
    imported(window, qtbot, lambda: window.import_paths([path]))
    assert shown_proposals(window) == cli_proposals


def test_a_dropped_file_proposes_what_the_cli_proposes(make_window, qtbot, tmp_path, cli_proposals):
    window = make_window()
    path = write_article(tmp_path / "in")
    data = QMimeData()
    data.setUrls([QUrl.fromLocalFile(str(path))])
    drop = QDropEvent(
        QPointF(200, 200),
        Qt.DropAction.CopyAction,
        data,
        Qt.MouseButton.LeftButton,
        Qt.KeyboardModifier.NoModifier,
    )
    imported(window, qtbot, lambda: window.dropEvent(drop))
    assert shown_proposals(window) == cli_proposals


def test_a_folder_import_proposes_what_the_cli_proposes(
    make_window, qtbot, tmp_path, cli_proposals
):
    window = make_window()
    folder = tmp_path / "in"
    write_article(folder / "deeper")
    imported(window, qtbot, lambda: window.library.import_paths([folder]))
    assert shown_proposals(window) == cli_proposals


def test_a_watched_folder_proposes_what_the_cli_proposes(
    make_window, qtbot, tmp_path, cli_proposals
):
    window = make_window()
    inbox = tmp_path / "inbox"
    inbox.mkdir()
    window.library.watch_folder(inbox)
    imported(window, qtbot, lambda: write_article(inbox))
    assert shown_proposals(window) == cli_proposals


def test_a_pasted_article_proposes_what_the_cli_proposes(make_window, qtbot, cli_proposals):
    window = make_window()
    QGuiApplication.clipboard().setText(f"# {TITLE}\n\n{FORECASTS}\n")
    window.library.paste_article()
    assert shown_proposals(window) == cli_proposals


def test_a_saved_web_page_proposes_predictions(make_window, qtbot, server):  # noqa: F811
    """A web page goes through the same import as a file (`reader import URL` too)."""
    window = make_window()
    with qtbot.waitSignal(window.controller.import_finished, timeout=20000) as done:
        window.import_paths([f"{server}/forecasts"])
    assert len(done.args[0].imported) == 1
    article = window.controller.current
    statements = {p.statement for p in window.session.predictions.for_article(article.id)}
    assert "Analysts expect the market for video models will double by 2027." in statements
    assert len(window.predictions.panel.visible_ids()) == len(statements) >= 2


def test_what_the_command_line_does_shows_in_the_running_window(make_window, qtbot, tmp_path):
    window = make_window()
    folder = window.session.folder
    interview = window.controller.current
    view = window.reading_view
    first_prediction = window.predictions.panel.visible_ids()[0]
    window.predictions.reveal(first_prediction)  # chosen, its editor open
    for _ in range(6):  # read on a few screens
        qtbot.keyClick(view, Qt.Key.Key_PageDown)
    place = view.verticalScrollBar().value()
    assert place > 0

    path = write_article(tmp_path / "cli")
    out = reader(folder, "import", str(path), "--json").stdout
    [new] = json.loads(out)["imported"]
    qtbot.waitUntil(lambda: window.library.panel.model.row_of(new["id"]) >= 0, timeout=1000)
    assert window.controller.current.id == interview.id  # still reading the interview
    assert window.library.panel.current_id() == interview.id  # and it is still chosen

    phrase = "Ray 3 is a phased achievement."
    reader(folder, "highlight", str(interview.id), phrase, "--color", "Green", "--note", "cli")
    qtbot.waitUntil(lambda: len(window.highlights.panel.visible_rows()) == 1, timeout=1000)
    [row] = window.highlights.panel.visible_rows()
    assert row.highlight.quote.exact == phrase and row.highlight.note == "cli"
    painted = [s.cursor.selectedText() for s in view.extraSelections() if s.cursor.hasSelection()]
    assert phrase in painted
    assert view.verticalScrollBar().value() == place  # the place in the text is kept
    window.highlights.panel.select(row.highlight.id)  # chosen in the panel
    reader(folder, "highlight", str(interview.id), "Dream Machine", "--occurrence", "1")
    qtbot.waitUntil(lambda: len(window.highlights.panel.visible_rows()) == 2, timeout=1000)
    chosen = window.highlights.panel.view.currentIndex().data(HighlightRole)
    assert chosen is not None and chosen.id == row.highlight.id  # still chosen

    before = len(window.predictions.panel.visible_ids())
    passage = "This goal also requires greater computing power"
    reader(folder, "predict", str(interview.id), passage, "--tag", "compute")
    qtbot.waitUntil(lambda: len(window.predictions.panel.visible_ids()) == before + 1, timeout=1000)
    assert window.predictions.panel.editor.prediction.id == first_prediction  # still chosen
    assert view.verticalScrollBar().value() == place


def test_marking_a_passage_fills_in_what_reader_predict_fills_in(make_window, tmp_path):
    """The same passage marked in the window and with `reader predict` gets the same
    speaker, day, horizon, resolve-by date, confidence and tags."""
    passage = "Prices will probably fall next year"
    fields = ("speaker", "made_on", "horizon", "resolve_by", "confidence", "source", "review")
    folder = tmp_path / "cli"
    source = write_article(tmp_path / "in")
    [made] = json.loads(reader(folder, "import", str(source), "--json").stdout)["imported"]
    marked = json.loads(reader(folder, "predict", str(made["id"]), passage, "--json").stdout)

    window = make_window()
    article_id = window.session.library.import_file(source)
    article = window.session.library.get(article_id)
    start = article.plain_text.index(passage)
    p = window.predictions.controller.add_from_selection(article, start, start + len(passage))
    in_window = {f: getattr(p, f) for f in fields} | {"tags": sorted(p.tags)}
    assert in_window == {f: marked[f] for f in fields} | {"tags": sorted(marked["tags"])}
    assert marked["horizon"] == "next year" and marked["confidence"] is not None


def test_archiving_and_tagging_from_the_command_line_show_in_the_running_window(
    make_window, qtbot, data_dir
):
    from tests.ui.test_library_order_ui import tab_texts

    window = make_window()
    article = window.controller.current.id
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 0")
    assert reader(data_dir, "tag", str(article), "ai-video").returncode == 0
    assert reader(data_dir, "archive", str(article)).returncode == 0
    qtbot.waitUntil(lambda: tab_texts(window)[2] == "Archive 1", timeout=3000)
    row = window.library.panel.model.rows[0]
    assert (row.state, row.tags) == ("archive", ("ai-video",))
