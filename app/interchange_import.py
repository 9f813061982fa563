"""Project → Import from NVivo, MAXQDA, ATLAS.ti…: a REFI-QDA project (.qdpx) or codebook (.qdc), or an Excel
codebook in MAXQDA's layout (.xlsx), through exports/interchange.py.

Into a project with nothing in it yet, the file is read, segmented and stored
in one background job. Into a project with work in it, a first job reads the
file into a scratch project and plans the merge; the merge plan is shown (the
same dialog as Merge another project…); a second job merges it as one undoable
action. Both jobs have a progress bar and a Cancel that leaves the project as
it was. Afterwards a report lists what came in and what was left out and why.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFileDialog, QLabel, QPlainTextEdit, QVBoxLayout, QWidget

from app.folders import last_folder, remember_folder
from app.messages import say
from app.workers import BackgroundJob
from coding.errors import Cancelled
from coding import scratch
from exports.interchange import ImportResult, has_work, import_file, read_and_segment, stage

if TYPE_CHECKING:
    from app.main_window import MainWindow


class ImportReportDialog(QDialog):
    """What an import brought in, then one line per thing left out (and how offsets were read)."""

    def __init__(self, summary: str, skipped: list[str], remarks: list[str], parent: QWidget | None = None):
        """SKIPPED and REMARKS are the import's report lines (coding.messages.Message), said in the interface language."""
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import report"))
        self.summary = QLabel(summary, self)
        self.summary.setWordWrap(True)
        self.details = QPlainTextEdit(self)
        self.details.setReadOnly(True)
        lines = [self.tr("Left out ({0}):").format(len(skipped))] + [f"• {say(line)}" for line in skipped] if skipped \
            else [self.tr("Nothing was left out.")]
        if remarks:
            lines += ["", self.tr("How the file was read:")] + [f"• {say(line)}" for line in remarks]
        self.details.setPlainText("\n".join(lines))
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.details)
        layout.addWidget(buttons)
        self.resize(760, 420)


class InterchangeImport(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window
        self.report: ImportReportDialog | None = None

    def choose(self) -> str:
        path, _ = QFileDialog.getOpenFileName(
            self.w, self.tr("Import from NVivo, MAXQDA, ATLAS.ti…"), last_folder("interchange"),
            self.tr("REFI-QDA projects and codebooks, Excel codebooks (*.qdpx *.qdc *.zip *.xlsx)"))
        return remember_folder("interchange", path)

    def start(self, path: str | None = None, prefer: str | None = None, *, start: bool = True) -> BackgroundJob | None:
        """Import PATH (asked for when None). `prefer` skips the merge plan dialog (mine, theirs, both)."""
        path = path or self.choose()
        if not path:
            return None
        store = self.w.session.store
        name = Path(path).name
        if not has_work(store):
            def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
                try:
                    return import_file(store, path, progress=progress, cancelled=cancelled, start_method="spawn")
                except Cancelled:
                    return None

            return self.w.jobs._start(self.tr("Importing {0}").format(name), job, self._imported, start=start)
        folder = str(scratch.make_folder())

        def read(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            try:
                staged = read_and_segment(store, path, progress=progress, cancelled=cancelled, start_method="spawn")
                scratch, counts = stage(store, staged, folder, cancelled=cancelled)
            except Cancelled:
                return None
            return staged, scratch, counts

        def read_done(found) -> None:  # noqa: ANN001 - (Staged, ProjectStore, ImportCounts) or None
            if found is None:
                self._cancelled(folder)
                return
            staged, scratch, counts = found
            result = ImportResult(staged.path, staged.incoming.origin, stored=counts, skipped=list(counts.skipped),
                                  remarks=list(staged.incoming.remarks))

            def merged(outcome) -> None:  # noqa: ANN001 - Outcome[MergeSummary] or None (cancelled or declined)
                scratch.close()
                if outcome is None:
                    self._cancelled(folder)
                    return
                shutil.rmtree(folder, ignore_errors=True)
                result.merge, result.outcome = outcome.value, outcome
                self._imported(result)

            def failed(message: str) -> None:
                scratch.close()
                self._failed(folder, message)

            if prefer is not None:
                self.merging = self.w.jobs.run_merge(scratch, prefer, name, merged, failed)
            else:
                self.merging = self.w.jobs.plan_then_merge(
                    scratch, name, self.tr("Import {0} into this project").format(name), merged, failed)

        return self.w.jobs._start(self.tr("Reading {0}").format(name), read, read_done,
                                  failed=lambda message: self._failed(folder, message), start=start)

    def _cancelled(self, folder: str) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        self.w.statusBar().showMessage(self.tr("Import cancelled; the project is unchanged"), 8000)

    def _failed(self, folder: str, message: str) -> None:
        shutil.rmtree(folder, ignore_errors=True)
        self.w._on_failed(message)

    def _imported(self, result: ImportResult | None) -> None:
        if result is None:
            self.w.statusBar().showMessage(self.tr("Import cancelled; the project is unchanged"), 8000)
            return
        self.w.session.push_done(self.tr("Import {0}").format(result.path.name), result.outcome)
        s = result.stored
        if result.merge is not None:
            added = sum(result.merge.added.values())
            summary = self.tr("{0} ({1}) merged into this project: {2} rows added, {3} conflicts. The file held "
                              "{4} codes, {5} documents and {6} codings.").format(
                result.path.name, result.origin or "?", added, result.merge.conflicts, s.codes, s.documents,
                s.codings)
        else:
            summary = self.tr("{0} ({1}) imported: {2} codes, {3} documents, {4} codings, {5} memos, {6} relations, "
                              "{7} participants, {8} attributes.").format(
                result.path.name, result.origin or "?", s.codes, s.documents, s.codings, s.memos, s.relations,
                s.participants, s.attributes)
        self.w.statusBar().showMessage(summary, 10000)
        self.report = ImportReportDialog(summary, result.skipped, result.remarks, self.w)
        self.report.show()
