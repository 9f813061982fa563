"""The workbench's long jobs: import, autocode, agreement, Excel and REFI-QDA export, merging another project.

Each runs in a `BackgroundJob` (progress bar, Cancel); what it changes in the
project comes back as one service outcome pushed on the undo stack. The
window owns the widgets; this object owns starting the jobs and reporting
their results.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING, Callable

from PySide6.QtCore import QCoreApplication, QObject
from PySide6.QtWidgets import QFileDialog, QInputDialog, QMessageBox

from app.folders import last_folder, remember_folder
from app.export_dialog import ExportDialog, ExportRequest, export_job
from app.import_dialog import ImportDialog, ImportRequest
from app.interchange_import import InterchangeImport
from app.merge_dialog import PREFER, MergeDialog
from app.messages import say
from app.projects import choose_project_file
from app.workers import BackgroundJob
from coding import queries
from coding.agreement import agreement
from coding.errors import ZhagenError
from coding.merge import plan_merge
from coding.services import codings as coding_service
from coding.services.merge import MergeCancelled, merge_projects
from coding.storage import ProjectStore, is_url, open_project
from corpus import settings as corpus_settings
from corpus.autocode import UNITS as AUTOCODE_UNITS
from corpus.autocode import expand
from corpus.pipeline import import_files, project_options
from corpus.search import SearchIndex

if TYPE_CHECKING:
    from app.main_window import MainWindow


class WindowJobs(QObject):
    def __init__(self, window: "MainWindow"):
        super().__init__(window)
        self.w = window
        self.running: list[BackgroundJob] = []
        self.interchange = InterchangeImport(window)  # REFI-QDA projects and codebooks, Excel codebooks

    def _start(self, title: str, job: Callable, done: Callable, *, failed: Callable | None = None,
               start: bool = True) -> BackgroundJob:
        background = BackgroundJob(title, job, self.w)
        background.finished.connect(done)
        background.failed.connect(failed or self.w._on_failed)
        for ended in (background.finished, background.failed):
            ended.connect(lambda *_: background in self.running and self.running.remove(background))
        self.running.append(background)  # jobs not yet ended
        if start:
            background.start()
        return background

    def _say_exported(self, path: str, report: object) -> None:
        self.w.statusBar().showMessage(
            self.tr("Exported to {0}").format(path) if report is not None else self.tr("Export cancelled"), 8000)

    def compute_agreement(self, unit: str, overlap: float, coders: list[str], both_coded: bool = False) -> BackgroundJob:
        """Inter-coder agreement in a background job; the report fills the agreement dock."""
        store = self.w.session.store

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            progress(0, 1, unit)
            return agreement(store, coders=coders or None, unit=unit, overlap=overlap, both_coded=both_coded)

        return self._start(self.tr("Computing agreement"), job, self.w.agreement.show_report)

    def show_disagreement(self, document: str, start: int, end: int) -> None:
        row = next((r for r in self.w.documents.model.rows if r.document.name == document), None)
        if row is not None:
            self.w.jump_to(row.document.id, start, end)

    def ask_autocode(self, query: str) -> None:
        code_id = self.w.codes.current_code_id()
        if not query or code_id is None:
            self.w.statusBar().showMessage(self.tr("Type a search and choose a code first"), 4000)
            return
        names = [self.tr("the hit"), self.tr("its sentence"), self.tr("its speaker turn")]
        choice, ok = QInputDialog.getItem(self.w, self.tr("Code all hits"),
                                          self.tr("Code every hit of “{0}” with “{1}”, covering:").format(query, self.w.catalog.paths[code_id]),
                                          names, 0, False)
        if ok:
            self.autocode_hits(query, code_id, AUTOCODE_UNITS[names.index(choice)])

    def autocode_hits(self, query: str, code_id: int, unit: str, *, start: bool = True) -> BackgroundJob:
        """Code every search hit in a background job; Cancel before it writes leaves the project as it was."""
        store, path = self.w.session.store, self.w.catalog.paths[code_id]

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            progress(0, 2, self.tr("Searching…"))
            spans = expand(SearchIndex(store).search(query), store, unit)
            if cancelled():
                return None
            progress(1, 2, self.tr("Coding {0} passages…").format(len(spans)))
            return coding_service.code_spans(store, path, spans)

        def done(outcome) -> None:  # noqa: ANN001 - Outcome or None (cancelled)
            if outcome is not None:
                self.w.session.push_done(self.tr("Code all hits"), outcome)

        return self._start(self.tr("Coding search hits"), job, done, start=start)

    def import_transcripts(self, paths: list[str] | None = None) -> BackgroundJob | None:
        """Project → Import transcripts: the dialog (files, encoding, each file's speakers), then the import job."""
        dialog = ImportDialog(corpus_settings.speaker_patterns(self.w.session.store), self.w)
        if paths:
            dialog.add_paths(paths)
        if dialog.exec() != ImportDialog.DialogCode.Accepted:
            return None
        return self.run_import(dialog.request())

    def run_import(self, request: ImportRequest) -> BackgroundJob:
        store = self.w.session.store
        options = replace(project_options(store, encoding=request.encoding, unit_mode=request.unit_mode),
                          default_participants=request.default_participants)

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            return import_files(store, request.paths, options, speakers=request.speakers, choices=request.choices,
                                progress=progress, cancelled=cancelled, start_method="spawn")

        return self._start(self.tr("Importing transcripts"), job, self._on_imported)

    def export_excel(self, request: ExportRequest | None = None) -> BackgroundJob | None:
        """Export → Excel: the paper's tables in one workbook, written in the background."""
        if request is None:
            location = self.w.session.location
            default = "" if is_url(location) else str(Path(location).with_suffix(".xlsx"))
            dialog = ExportDialog([c.name for c in queries.list_coders(self.w.session.store)], default, self.w)
            if dialog.exec() != ExportDialog.DialogCode.Accepted:
                return None
            request = dialog.request()
        return self._start(self.tr("Exporting to Excel"), export_job(self.w.session.store, request),
                           lambda report: self._say_exported(request.path, report))

    def export_refi(self, suffix: str, path: str | None = None, *, unique_names: bool = False) -> BackgroundJob | None:
        """Export the project (.qdpx) or its codebook (.qdc) for NVivo, MAXQDA, ATLAS.ti and QualCoder.

        When several codes share a name (QualCoder keeps only the first of each), the user is offered an export
        again with names made unique (the parent's name added; the project itself is unchanged)."""
        if path is None:
            kinds = {".qdpx": self.tr("REFI-QDA projects (*.qdpx)"), ".qdc": self.tr("REFI-QDA codebooks (*.qdc)")}
            name = queries.project_info(self.w.session.store)["name"] + suffix  # a proposed name, as for Excel
            path, _ = QFileDialog.getSaveFileName(self.w, self.tr("Export REFI-QDA"), last_folder("exports", name),
                                                  kinds[suffix])
            if not path:
                return None
            remember_folder("exports", path)
            path = path if path.lower().endswith(suffix) else path + suffix
        store, target = self.w.session.store, path

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            from exports.refi import export_qdc, export_qdpx

            progress(0, 1, target)
            if cancelled():
                return None
            return (export_qdpx if suffix == ".qdpx" else export_qdc)(store, target, unique_names=unique_names)

        def done(report) -> None:  # noqa: ANN001 - the export's report, or None (cancelled)
            self._say_exported(target, report)
            if report is not None and report.duplicate_names and self.ask_unique_names(report.duplicate_names):
                self.export_refi(suffix, target, unique_names=True)

        return self._start(self.tr("Exporting REFI-QDA"), job, done)

    def ask_unique_names(self, names: tuple[str, ...]) -> bool:
        """Offer an export with unique code names; True to export again so (tests replace this)."""
        shown = "、".join(names[:10]) + (" …" if len(names) > 10 else "")
        answer = QMessageBox.question(
            self.w, self.tr("Code names used more than once"),
            self.tr("{0} code names are used by more than one code: {1}.\n\nQualCoder keeps only the first code "
                    "of each name and drops the others with their codings. Export again with unique names "
                    "(the parent's name added, as 其他 (社区参与))? The project itself is not changed.").format(
                len(names), shown))
        return answer == QMessageBox.StandardButton.Yes

    def merge_project(self, path: str | None = None, prefer: str | None = None, *,
                      start: bool = True) -> BackgroundJob | None:
        """Project → Merge another project…: plan in the background, show the plan, then merge in the background
        as one undoable action. `prefer` skips the plan dialog. Cancel in either job leaves the project as it was."""
        if path is None:
            path = choose_project_file(self.w)
            if not path:
                return None
        try:
            other = open_project(path, backup=False)
        except ZhagenError as exc:
            QMessageBox.warning(self.w, self.tr("Cannot merge"), say(exc))
            return None
        name = Path(path).name

        def done(outcome) -> None:  # noqa: ANN001 - Outcome[MergeSummary] or None (cancelled)
            other.close()
            if outcome is None:
                self.w.statusBar().showMessage(self.tr("Merge cancelled; the project is unchanged"), 8000)
                return
            self.w.session.push_done(self.tr("Merge project"), outcome)
            added = sum(outcome.value.added.values())
            self.w.statusBar().showMessage(self.tr("Merged {0}: {1} rows added, {2} conflicts").format(
                name, added, outcome.value.conflicts), 10000)

        def failed(message: str) -> None:
            other.close()
            self.w._on_failed(message)

        if prefer is not None:
            return self.run_merge(other, prefer, name, done, failed, start=start)
        return self.plan_then_merge(other, name, self.tr("Merge another project"), done, failed, start=start)

    def plan_then_merge(self, other: ProjectStore, name: str, title: str, done: Callable, failed: Callable, *,
                        start: bool = True) -> BackgroundJob:
        """Plan the merge of OTHER for each way of settling conflicts in a background job, show the plans
        (MergeDialog, titled TITLE), and on Merge run it with `run_merge`; `done(None)` when the user declines."""
        store = self.w.session.store

        def plan(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            plans = {}
            for n, key in enumerate(PREFER):
                if cancelled():
                    return None
                progress(n, len(PREFER), self.tr("Comparing the two projects…"))
                plans[key] = plan_merge(store, other, prefer=key)
            return plans

        def planned(plans) -> None:  # noqa: ANN001 - {prefer: MergePlan} or None (cancelled)
            if plans is None:
                done(None)
                return
            dialog = MergeDialog(plans["mine"], plans.__getitem__, self.w)
            dialog.setWindowTitle(title)
            self.plan_dialog = dialog
            if dialog.exec() != MergeDialog.DialogCode.Accepted:
                done(None)
                return
            self.merging = self.run_merge(other, dialog.choice(), name, done, failed)

        return self._start(self.tr("Comparing the two projects…"), plan, planned, failed=failed, start=start)

    def run_merge(self, other: ProjectStore, prefer: str, name: str, done: Callable, failed: Callable, *,
                  start: bool = True) -> BackgroundJob:
        """Merge OTHER into the project in a background job; the progress bar follows the merge's phases and
        Cancel while it runs rolls it back (`done(None)`)."""
        store, labels = self.w.session.store, self._merge_labels()

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            def report(step: int, total: int, label: str) -> None:
                phase, _, detail = label.partition(": ")
                progress(step, total, labels.get(phase, label).format(detail))

            try:  # one transaction: a Cancel while it runs rolls it all back
                return merge_projects(store, other, prefer=prefer, progress=report, cancelled=cancelled)
            except MergeCancelled:
                return None

        return self._start(self.tr("Merging {0}").format(name), job, done, failed=failed, start=start)

    def _merge_labels(self) -> dict[str, str]:
        """What the progress dialog says in each of coding.services.merge.PHASES ({0}: the phase's detail)."""
        return {
            "planning": self.tr("Comparing the two projects…"),
            "people": self.tr("Adding coders and participants…"),
            "documents": self.tr("Adding document {0}…"),
            "codes": self.tr("Adding codes…"),
            "codings": self.tr("Adding codings {0}…"),
            "memos": self.tr("Adding relations and memos…"),
            "saving": self.tr("Saving…"),
        }

    def _on_imported(self, report) -> None:  # noqa: ANN001 - corpus.pipeline.ImportReport
        if report.outcome is not None:
            self.w.session.push_done(self.tr("Import transcripts"), report.outcome)
        cannot = QCoreApplication.translate("ImportDialog", "Cannot import {0}: {1}")  # the import dialog's words
        problems = [cannot.format(Path(f.path).name, say(f.reason)) for f in report.files if f.status != "imported"]
        self.w.statusBar().showMessage(self.tr("Imported {0} of {1} files").format(len(report.imported), len(report.files)), 8000)
        if problems:  # shown without blocking: the user reads it while working on
            self.w.import_problems = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were not imported"),
                                               "\n".join(problems), QMessageBox.StandardButton.Ok, self.w)
            self.w.import_problems.setModal(False)
            self.w.import_problems.show()

