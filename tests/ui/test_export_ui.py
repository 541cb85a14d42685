"""Export from the window: the dialog's live preview, options, writing files, errors."""

from __future__ import annotations

from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMessageBox

from reader.core.annotations.highlights import HighlightFilter
from reader.ui.export.controller import JSON_NAME
from reader.ui.export.dialog import ExportDialog
from tests.ui.test_highlights_ui import select


def make_dialog(window, qtbot) -> ExportDialog:
    dialog = ExportDialog(window.export, window.controller.current.id, window.state.qs, window)
    qtbot.addWidget(dialog)
    return dialog


def test_preview_follows_the_options_and_export_writes_markdown(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(2)
    dialog = make_dialog(window, qtbot)
    assert "> Ray 3 is a phased achievement." in dialog.source.toPlainText()
    assert "*Green*" in dialog.source.toPlainText()
    assert "Ray 3 is a phased achievement." in dialog.rendered.toPlainText()
    assert "^h-" in dialog.source.toPlainText()  # the file links to each highlight
    assert "^h-" not in dialog.rendered.toPlainText()  # which its reader does not see
    dialog.colors.setChecked(False)
    dialog.predictions.setChecked(False)
    dialog.update_preview()
    assert "*Green*" not in dialog.source.toPlainText()
    assert "Speaker:" not in dialog.source.toPlainText()
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    [path] = dialog.written
    assert path.parent == tmp_path.resolve() and "Ray 3 is a phased" in path.read_text()


def test_template_with_unknown_placeholder_disables_export(make_window, qtbot, tmp_path):
    window = make_window()
    template = tmp_path / "t.md"
    template.write_text("# {{title}}\n{{nonsense}}\n")
    dialog = make_dialog(window, qtbot)
    dialog.template_path.setText(str(template))
    dialog.update_preview()
    assert "unknown placeholder {{nonsense}} on line 2" in dialog.status.text()
    assert not dialog.export_button.isEnabled()


def test_unwritable_folder_reports_and_keeps_the_dialog_open(make_window, qtbot, tmp_path):
    window = make_window()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = make_dialog(window, qtbot)
    dialog.folder.setText(str(blocker))
    dialog.show()
    dialog.export_button.click()
    assert dialog.isVisible() and dialog.written == []
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "it is a file" in box.text()


def test_json_export(make_window, qtbot, tmp_path):
    import json

    window = make_window()
    dialog = make_dialog(window, qtbot)
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    data = json.loads(dialog.written[0].read_text())
    assert data["type"] == "AnnotationCollection" and data["total"] >= 12


def test_json_export_keeps_a_file_of_the_same_name_it_did_not_write(make_window, qtbot, tmp_path):
    window = make_window()
    mine = tmp_path / JSON_NAME
    mine.write_text("my own list\n")
    dialog = make_dialog(window, qtbot)
    dialog.format.setCurrentIndex(dialog.format.findData("json"))
    dialog.folder.setText(str(tmp_path))
    dialog.export_button.click()
    assert mine.read_text() == "my own list\n"
    assert dialog.written == [tmp_path / "reader-annotations (2).json"]
    assert window.export.notes == [
        "reader-annotations.json is not a Reader export: wrote reader-annotations (2).json"
    ]


def test_copy_a_highlight_and_a_prediction_as_markdown(make_window):
    window = make_window()
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(1)
    h = window.highlights.controller.query(HighlightFilter())[0]
    window.highlights.copy_markdown(h.id)
    assert QGuiApplication.clipboard().text().startswith("> Ray 3 is a phased achievement. ^h-")
    pid = window.predictions.panel.visible_ids()[0]
    window.predictions.copy_markdown(pid)
    assert "Speaker:" in QGuiApplication.clipboard().text()


def _library_of(window, tmp_path, count: int) -> None:
    for n in range(count):
        path = tmp_path / f"a{n}.md"
        path.write_text(f"# Article {n}\n\nSome text of article number {n} to highlight.\n")
        article_id = window.controller.session.library.import_file(path)
        text = window.controller.session.library.get(article_id).plain_text
        start = text.index("Some text")
        window.controller.session.highlights.add(article_id, text, start, start + 9)


def test_exporting_every_article_runs_in_the_background_with_progress(make_window, qtbot, tmp_path):
    window = make_window()
    _library_of(window, tmp_path, 30)
    dialog = make_dialog(window, qtbot)
    dialog.all_articles.setChecked(True)
    out = tmp_path / "out"
    dialog.folder.setText(str(out))
    progress = []
    window.export.export_progress.connect(lambda done, total: progress.append((done, total)))
    with qtbot.waitSignal(window.export.export_finished, timeout=20000) as finished:
        dialog.export_button.click()
        assert not dialog.isEnabled()  # while it runs, the dialog waits
    assert len(finished.args[0]) == 31 and len(list(out.glob("*.md"))) == 31
    assert progress[-1] == (31, 31) and dialog.written == finished.args[0]
    assert "Some text" in (out / "Article 7.md").read_text()


def test_cancelling_a_library_export_keeps_the_dialog_open(
    make_window, qtbot, tmp_path, monkeypatch
):
    import reader.ui.export.controller as export_controller

    window = make_window()
    _library_of(window, tmp_path, 20)
    dialog = make_dialog(window, qtbot)
    dialog.show()
    dialog.all_articles.setChecked(True)
    dialog.folder.setText(str(tmp_path / "out"))
    collect = export_controller._collect

    def cancel_at_the_fourth(session, ids):  # Cancel pressed while the fourth is collected
        for n, item in enumerate(collect(session, ids), 1):
            if n == 4:
                window.export.cancel_export()
            yield item

    monkeypatch.setattr(export_controller, "_collect", cancel_at_the_fourth)
    with qtbot.waitSignal(window.export.export_finished, timeout=20000) as finished:
        dialog.export_button.click()
    assert finished.args[0] is None and dialog.isVisible() and dialog.isEnabled()
    assert len(list((tmp_path / "out").glob("*.md"))) == 3  # stopped part way, files whole
    assert window.findChild(QMessageBox, "errorBox") is None  # Cancel is not an error


def test_a_failed_library_export_says_why(make_window, qtbot, tmp_path):
    window = make_window()
    blocker = tmp_path / "a-file"
    blocker.write_text("x")
    dialog = make_dialog(window, qtbot)
    dialog.show()
    dialog.all_articles.setChecked(True)
    dialog.folder.setText(str(blocker))
    with qtbot.waitSignal(window.export.export_finished, timeout=20000):
        dialog.export_button.click()
    box = window.findChild(QMessageBox, "errorBox")
    assert box is not None and "it is a file" in box.text() and dialog.isVisible()


def test_logseq_and_readwise_formats_preview_and_write_what_they_are(make_window, qtbot, tmp_path):
    window = make_window()
    select(window, "Ray 3 is a phased achievement.")
    window.highlights.highlight_selection(2)
    dialog = make_dialog(window, qtbot)
    dialog.format.setCurrentIndex(dialog.format.findData("logseq"))
    dialog.update_preview()
    assert dialog.source.toPlainText().startswith("title:: ")
    assert "\t\t- > Ray 3 is a phased achievement." in dialog.source.toPlainText()
    dialog.folder.setText(str(tmp_path / "graph"))
    dialog.export_button.click()
    [page] = dialog.written
    assert "reader-id:: " in page.read_text() and "id:: " in page.read_text()
    other = make_dialog(window, qtbot)
    other.format.setCurrentIndex(other.format.findData("readwise-csv"))
    other.update_preview()
    assert other.source.toPlainText().startswith("Highlight,Title,Author,URL,Note")
    other.folder.setText(str(tmp_path))
    other.export_button.click()
    [csv_file] = other.written
    assert csv_file.suffix == ".csv" and "Ray 3 is a phased achievement." in csv_file.read_text()
