"""ExportDialog: choose what to export and how, with a live preview."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QProgressDialog,
    QPushButton,
    QRadioButton,
    QSplitter,
    QTabWidget,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
)

from reader.core.export import ExportOptions
from reader.core.export.markdown import as_read
from reader.ui.common.documents import make_safe, plain, plain_tooltip
from reader.ui.export.controller import ExportController


class ExportDialog(QDialog):
    def __init__(
        self,
        controller: ExportController,
        article_id: int | None,
        settings: QSettings,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("exportDialog")
        self.setWindowTitle("Export Annotations")
        self.resize(1000, 680)
        self.controller, self.article_id, self.settings = controller, article_id, settings
        self.progress: QProgressDialog | None = None
        self.written: list[Path] = []
        self.this_article = QRadioButton("This article", self)
        self.all_articles = QRadioButton("Every article", self)
        (self.this_article if article_id is not None else self.all_articles).setChecked(True)
        self.this_article.setEnabled(article_id is not None)
        self.format = QComboBox(self)
        self.format.addItem("Markdown (one file per article)", "markdown")
        self.format.addItem("Markdown for Logseq (blocks, id::)", "logseq")
        self.format.addItem("JSON (W3C Web Annotation)", "json")
        self.format.addItem("CSV for Readwise (highlights)", "readwise-csv")
        self.group_by = QComboBox(self)
        for label, value in (("Section", "section"), ("Colour", "color"), ("Tag", "tag")):
            self.group_by.addItem(label, value)
        self.only_color = QComboBox(self)
        self.only_color.addItem("All colours", None)
        for slot in controller.colors():
            self.only_color.addItem(slot.name, slot.slot)
        self.colors = QCheckBox("Colour names", self, checked=True)
        self.notes = QCheckBox("Notes", self, checked=True)
        self.predictions = QCheckBox("Predictions", self, checked=True)
        self.rejected = QCheckBox("Rejected predictions", self)
        self.proposed = QCheckBox("Proposals not yet confirmed", self)
        self.template_path = QLineEdit(settings.value("export/template", ""), self)
        self.template_path.setPlaceholderText("default template")
        browse_template = QPushButton("Template…", self)
        browse_template.clicked.connect(self._choose_template)
        self.folder = QLineEdit(settings.value("export/folder", str(Path.home())), self)
        browse = QPushButton("Folder…", self)
        browse.clicked.connect(self._choose_folder)
        self.source = QPlainTextEdit(self)
        self.source.setReadOnly(True)
        self.source.setFont(QFont("monospace"))
        self.rendered = QTextBrowser(self)
        make_safe(self.rendered)  # the preview loads no image and no file it names
        self.rendered.setOpenLinks(False)
        tabs = QTabWidget(self)
        tabs.addTab(self.rendered, "Preview")
        tabs.addTab(self.source, "Markdown")
        form = QFormLayout()
        scope = QHBoxLayout()
        scope.addWidget(self.this_article)
        scope.addWidget(self.all_articles)
        form.addRow("Export", scope)
        form.addRow("Format", self.format)
        form.addRow("Group by", self.group_by)
        form.addRow("Highlights", self.only_color)
        for box in (self.colors, self.notes, self.predictions, self.proposed, self.rejected):
            form.addRow("", box)
        template_row = QHBoxLayout()
        template_row.addWidget(self.template_path, 1)
        template_row.addWidget(browse_template)
        form.addRow("Template", template_row)
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        form.addRow("Into", folder_row)
        self.status = plain(QLabel(self))
        self.status.setWordWrap(True)
        form.addRow(self.status)
        left = QWidget(self)
        left.setLayout(form)
        splitter = QSplitter(self)
        splitter.addWidget(left)
        splitter.addWidget(tabs)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([380, 620])  # room for the folder's path and the template's
        self.folder.setToolTip(plain_tooltip(self.folder.text()))
        self.folder.textChanged.connect(lambda text: self.folder.setToolTip(plain_tooltip(text)))
        buttons = QDialogButtonBox(self)
        self.export_button = buttons.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        buttons.addButton(QDialogButtonBox.StandardButton.Cancel)
        buttons.accepted.connect(self._export)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(splitter, 1)
        layout.addWidget(buttons)
        self._timer = QTimer(self, singleShot=True, interval=150)
        self._timer.timeout.connect(self.update_preview)
        for w in (self.format, self.group_by, self.only_color):
            w.currentIndexChanged.connect(self._timer.start)
        for w in (self.colors, self.notes, self.predictions, self.proposed, self.rejected):
            w.toggled.connect(self._timer.start)
        self.template_path.textChanged.connect(self._timer.start)
        self.update_preview()

    def options(self) -> ExportOptions:
        template = None
        path = self.template_path.text().strip()
        if path:
            try:
                template = Path(path).read_text(encoding="utf-8")
            except (OSError, UnicodeDecodeError) as exc:
                self.status.setText(f"Cannot read the template: {exc}")
        return ExportOptions(
            group_by=self.group_by.currentData(),
            flavour="logseq" if self.format.currentData() == "logseq" else "obsidian",
            include_colors=self.colors.isChecked(),
            include_notes=self.notes.isChecked(),
            include_predictions=self.predictions.isChecked(),
            include_rejected=self.rejected.isChecked(),
            include_proposed=self.proposed.isChecked(),
            skip_empty=self.all_articles.isChecked(),
            only_color=self.only_color.currentData(),
            template=template,
        )

    def update_preview(self) -> None:
        self._timer.stop()
        article_id = (
            self.article_id
            if self.article_id is not None
            else next(iter(self.controller.all_ids()), None)
        )
        if article_id is None:
            self.source.setPlainText("")
            return
        fmt = self.format.currentData()
        text = self.controller.preview(article_id, self.options(), fmt)
        self.source.setPlainText(text)
        if fmt != "markdown":  # the file as it is written
            self.rendered.setPlainText(text)
            self.export_button.setEnabled(True)
            return
        self.rendered.setMarkdown(as_read(text))
        self.export_button.setEnabled(
            not text.startswith("<!-- unknown placeholder") and "placeholder" not in text[:80]
        )
        if text.startswith("<!--"):
            self.status.setText(text.strip("<!-> \n"))

    def done(self, result: int) -> None:
        self._timer.stop()
        super().done(result)

    def _choose_template(self) -> None:
        path, _ = QFileDialog.getOpenFileName(
            self, "Export template", "", "Markdown templates (*.md *.txt);;All files (*)"
        )
        if path:
            self.template_path.setText(path)

    def _choose_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Export into", self.folder.text())
        if path:
            self.folder.setText(path)

    def _export(self) -> None:
        folder = Path(self.folder.text().strip() or ".").expanduser()
        fmt = self.format.currentData()
        if self.this_article.isChecked():
            written = self.controller.export([self.article_id], folder, self.options(), fmt=fmt)
            self._on_export_finished(written)
            return
        # the whole library: in the background, with progress and Cancel
        ids = self.controller.all_ids()
        self.setEnabled(False)
        self.progress = QProgressDialog("Exporting…", "Cancel", 0, len(ids), self)
        self.progress.setObjectName("exportProgress")
        self.progress.setWindowTitle("Export")
        self.progress.setMinimumDuration(400)
        self.progress.canceled.connect(self.controller.cancel_export)
        self.controller.export_progress.connect(self._on_export_progress)
        self.controller.export_finished.connect(self._on_export_finished)
        self.controller.start_export(ids, folder, self.options(), fmt=fmt)

    def _on_export_progress(self, done: int, total: int) -> None:
        if self.progress is not None:
            self.progress.setValue(done)
            self.progress.setLabelText(f"Exporting article {done:,} of {total:,}…")

    def _on_export_finished(self, written) -> None:
        if self.progress is not None:
            self.controller.export_progress.disconnect(self._on_export_progress)
            self.controller.export_finished.disconnect(self._on_export_finished)
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
            self.setEnabled(True)
        if written is None:
            return  # the controller reported why (or Cancel); the dialog stays open
        folder = Path(self.folder.text().strip() or ".").expanduser()
        self.written = written
        self.settings.setValue("export/folder", str(folder))
        self.settings.setValue("export/template", self.template_path.text())
        self.accept()
