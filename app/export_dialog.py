"""Export → Excel: the options of `zhagen export` in a dialog, and the export itself in a background job.

The tables are computed by `coding.tables.workbook_tables` and written by
`exports.excel.write_workbook`; the job only strings them together with
progress and Cancel (a cancelled export leaves any earlier file untouched).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLineEdit,
    QPushButton,
    QWidget,
)

from coding.storage import ProjectStore


@dataclass(frozen=True)
class ExportRequest:
    path: str
    lang: str  # "zh" or "en"
    coder: str | None  # None: every coder
    pseudonymise: bool
    merge_cells: bool
    csv: bool


class ExportDialog(QDialog):
    def __init__(self, coders: list[str], default_path: str, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Export to Excel"))
        self.path = QLineEdit(default_path, self)
        browse = QPushButton(self.tr("Choose…"), self)
        browse.clicked.connect(self._browse)
        where = QHBoxLayout()
        where.addWidget(self.path, 1)
        where.addWidget(browse)
        self.lang = QComboBox(self)
        self.lang.addItem("中文", "zh")
        self.lang.addItem("English", "en")
        self.coder = QComboBox(self)
        self.coder.addItem(self.tr("The consensus, else all coders (an identical passage once)"), None)
        for name in coders:
            self.coder.addItem(name, name)
        self.pseudonymise = QCheckBox(self.tr("Replace participants' names by their IDs"), self)
        self.merge_cells = QCheckBox(self.tr("Merge cells of the same main category"), self)
        self.csv = QCheckBox(self.tr("Also write each table as CSV (UTF-8 with BOM)"), self)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.path.textChanged.connect(self._check)
        form = QFormLayout(self)
        form.addRow(self.tr("Workbook"), where)
        form.addRow(self.tr("Language"), self.lang)
        form.addRow(self.tr("Coder"), self.coder)
        form.addRow("", self.pseudonymise)
        form.addRow("", self.merge_cells)
        form.addRow("", self.csv)
        form.addRow(self.buttons)
        self._check()

    def _browse(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export to Excel"), self.path.text(),
                                              self.tr("Excel workbooks (*.xlsx)"))
        if path:
            self.path.setText(path if path.lower().endswith(".xlsx") else path + ".xlsx")

    def _check(self) -> None:
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(self.path.text().strip().lower().endswith(".xlsx"))

    def request(self) -> ExportRequest:
        return ExportRequest(self.path.text().strip(), self.lang.currentData(), self.coder.currentData(),
                             self.pseudonymise.isChecked(), self.merge_cells.isChecked(), self.csv.isChecked())


def export_job(store: ProjectStore, request: ExportRequest):  # noqa: ANN201 - a BackgroundJob function
    """The export as a job for app.workers.BackgroundJob: (progress, cancelled) -> the writer's report."""
    from coding.tables import workbook_tables
    from exports.csv_files import write_csv_folder
    from exports.excel import write_workbook

    def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
        progress(0, 1, request.path)
        tables = workbook_tables(store, lang=request.lang, coder=request.coder, pseudonymise=request.pseudonymise)
        if cancelled():
            return None
        report = write_workbook(tables, request.path, lang=request.lang, merge_cells=request.merge_cells,
                                progress=progress, cancelled=cancelled)
        if report.cancelled:
            return None
        if request.csv and not cancelled():
            folder = Path(request.path).with_suffix("")
            write_csv_folder(tables, Path(f"{folder}-csv"), lang=request.lang)
        return report

    return job
