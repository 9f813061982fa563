"""The workbench's main window: menus, toolbar, status bar, the transcript and its docks.

Writes go through `ProjectSession.run` (undoable service calls); every view
refreshes from the session's `changed` signal. Dock layout is remembered with
QSettings.
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QKeySequence
from PySide6.QtWidgets import QDockWidget, QFileDialog, QLabel, QMainWindow, QMenu, QMessageBox, QWidget

from app.dialogs import NewCodeDialog
from app.import_dialog import ImportDialog, ImportRequest
from app.workers import BackgroundJob
from app.docks import CodesPanel, DocumentsPanel, MemoPanel, SearchPanel, SegmentsPanel
from app.session import ProjectSession
from app.transcript import TranscriptView
from coding import queries
from coding.services import codes as code_service
from coding.services import codings as coding_service
from coding.values import Changes
from corpus import settings as corpus_settings
from corpus.pipeline import import_files, project_options


class MainWindow(QMainWindow):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.session = session
        store = session.store
        self.setWindowTitle(self.tr("Zhagen — {0}").format(queries.project_info(store)["name"]))
        self.transcript = TranscriptView(store, self)
        self.setCentralWidget(self.transcript)
        self.documents = DocumentsPanel(store, self)
        self.codes = CodesPanel(store, self)
        self.segments = SegmentsPanel(store, self)
        self.memos = MemoPanel(store, self)
        self.search = SearchPanel(store, self)
        self._docks = {
            "documents": self._dock(self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            "codes": self._dock(self.tr("Code system"), self.codes, Qt.DockWidgetArea.LeftDockWidgetArea),
            "segments": self._dock(self.tr("Coded segments"), self.segments, Qt.DockWidgetArea.RightDockWidgetArea),
            "memos": self._dock(self.tr("Memos"), self.memos, Qt.DockWidgetArea.RightDockWidgetArea),
            "search": self._dock(self.tr("Search"), self.search, Qt.DockWidgetArea.BottomDockWidgetArea),
        }
        self._build_actions()
        self._build_status()
        self.documents.document_chosen.connect(self.transcript.show_document)
        self.codes.code_chosen.connect(self._on_code_chosen)
        self.codes.code_activated.connect(self.code_selection)
        tree = self.codes.tree
        tree.setDragEnabled(True)
        tree.setAcceptDrops(True)
        tree.setDropIndicatorShown(True)
        tree.setDragDropMode(tree.DragDropMode.DragDrop)
        self.codes.model.move_requested.connect(self.move_code)
        self.codes.model.merge_requested.connect(self.merge_code)
        self.codes.model.code_drop_requested.connect(self.code_selection)
        self.transcript.text_edit.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.transcript.text_edit.customContextMenuRequested.connect(self._on_transcript_menu)
        self.segments.segment_chosen.connect(self.jump_to)
        self.search.hit_chosen.connect(self.jump_to)
        session.changed.connect(self._on_changed)
        session.failed.connect(self._on_failed)
        self._jobs: list[BackgroundJob] = []
        self.import_problems: QMessageBox | None = None
        self._restore_layout()
        docs = queries.list_documents(store)
        if docs:
            self.documents.select_document(docs[0].id)

    # ------------------------------------------------------------ layout

    def _dock(self, title: str, widget: QWidget, area: Qt.DockWidgetArea) -> QDockWidget:
        dock = QDockWidget(title, self)
        dock.setObjectName(f"dock-{widget.__class__.__name__}")
        dock.setWidget(widget)
        self.addDockWidget(area, dock)
        return dock

    def _build_actions(self) -> None:
        bar = self.menuBar()
        project = bar.addMenu(self.tr("&Project"))
        open_action = project.addAction(self.tr("&Open…"))
        open_action.setShortcut(QKeySequence.StandardKey.Open)
        open_action.triggered.connect(self._on_open)
        self.import_action = project.addAction(self.tr("&Import transcripts…"))
        self.import_action.setShortcut(QKeySequence("Ctrl+Shift+I"))
        self.import_action.triggered.connect(self.import_transcripts)
        project.addSeparator()
        quit_action = project.addAction(self.tr("&Quit"))
        quit_action.setShortcut(QKeySequence.StandardKey.Quit)
        quit_action.triggered.connect(self.close)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcut(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        self.redo_action.setShortcut(QKeySequence.StandardKey.Redo)
        edit.addAction(self.undo_action)
        edit.addAction(self.redo_action)

        code = bar.addMenu(self.tr("&Code"))
        self.code_action = QAction(self.tr("Code the selection with the current code"), self)
        self.code_action.setShortcut(QKeySequence("Ctrl+Return"))
        self.code_action.triggered.connect(lambda: self.code_selection(self.codes.current_code_id()))
        code.addAction(self.code_action)
        self.in_vivo_action = QAction(self.tr("In-vivo code"), self)
        self.in_vivo_action.setShortcut(QKeySequence("Ctrl+I"))
        self.in_vivo_action.triggered.connect(self.code_in_vivo)
        code.addAction(self.in_vivo_action)
        self.sentence_action = QAction(self.tr("Code the sentence"), self)
        self.sentence_action.setShortcut(QKeySequence("Ctrl+Shift+Return"))
        self.sentence_action.triggered.connect(self.code_sentence)
        code.addAction(self.sentence_action)
        self.new_code_action = QAction(self.tr("New code…"), self)
        self.new_code_action.setShortcut(QKeySequence("Alt+N"))
        self.new_code_action.triggered.connect(self.new_code)
        code.addAction(self.new_code_action)
        self.uncode_action = QAction(self.tr("Remove the coding of the current code here"), self)
        self.uncode_action.setShortcut(QKeySequence("Ctrl+Backspace"))
        self.uncode_action.triggered.connect(self.remove_coding_here)
        code.addAction(self.uncode_action)

        bar.addMenu(self.tr("&Analyse"))
        bar.addMenu(self.tr("E&xport"))
        help_menu = bar.addMenu(self.tr("&Help"))
        about = help_menu.addAction(self.tr("&About Zhagen"))
        about.triggered.connect(self._on_about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        toolbar.addAction(self.undo_action)
        toolbar.addAction(self.redo_action)
        toolbar.addAction(self.code_action)
        for dock in self._docks.values():
            self.menuBar().actions()[0].menu().addAction(dock.toggleViewAction())

    def _build_status(self) -> None:
        self.status_coder = QLabel(self)
        self.status_counts = QLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.statusBar().addPermanentWidget(self.status_coder)
        self._update_status()

    def _update_status(self) -> None:
        stats = queries.stats(self.session.store)
        self.status_coder.setText(self.tr("Coder: {0}").format(self.session.coder_name()))
        self.status_counts.setText(
            self.tr("{0} documents · {1} codes · {2} codings").format(stats["documents"], stats["codes"], stats["codings"])
        )

    def _restore_layout(self) -> None:
        settings = QSettings()
        state = settings.value("main_window/state")
        geometry = settings.value("main_window/geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        if state is not None:
            self.restoreState(state)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        settings = QSettings()
        settings.setValue("main_window/state", self.saveState())
        settings.setValue("main_window/geometry", self.saveGeometry())
        super().closeEvent(event)

    # ------------------------------------------------------------ actions

    def code_selection(self, code_id: int | None) -> None:
        span = self.transcript.selected_span()
        if code_id is None or span is None or self.transcript.document_id is None:
            self.statusBar().showMessage(self.tr("Select text and a code first"), 4000)
            return
        doc_id = self.transcript.document_id
        self.session.run(
            self.tr("Code segment"),
            lambda: coding_service.apply_code(self.session.store, code_id, doc_id, *span),
        )

    def code_in_vivo(self) -> None:
        span = self.transcript.selected_span()
        if span is None or self.transcript.document_id is None:
            self.statusBar().showMessage(self.tr("Select the words to use as the code's name"), 4000)
            return
        doc_id, parent = self.transcript.document_id, self._in_vivo_parent()
        self.session.run(self.tr("In-vivo code"),
                         lambda: coding_service.code_in_vivo(self.session.store, doc_id, *span, parent_id=parent))

    def _in_vivo_parent(self) -> int | None:
        """In-vivo concepts go under the current code when it is a category-level code."""
        code_id = self.codes.current_code_id()
        if code_id is None:
            return None
        code = self.codes.model.code(self.codes.model.index_of(code_id))
        return code_id if code is not None and code.level in ("category", "main", "core", "none") else code.parent_id

    def code_sentence(self) -> None:
        if self.transcript.document_id is not None and self.transcript.snap_to_units():
            self.code_selection(self.codes.current_code_id())

    def new_code(self) -> None:
        parent_id = self.codes.current_code_id()
        parent = self.codes.model.code(self.codes.model.index_of(parent_id)) if parent_id else None
        dialog = NewCodeDialog(colour=parent.colour if parent else "#808080", parent=self)
        if dialog.exec() != NewCodeDialog.DialogCode.Accepted:
            return
        value = dialog.value()
        outcome = self.session.run(self.tr("New code"), lambda: code_service.create_code(
            self.session.store, value.name, parent_id=parent_id, level=value.level, definition=value.definition,
            colour=value.colour, paradigm_role=value.paradigm_role))
        if outcome is not None:
            self.codes.select_code(outcome.value.id)

    def move_code(self, code_id: int, parent_id: int | None, row: int) -> None:
        self.session.run(self.tr("Move code"), lambda: code_service.move_code(self.session.store, code_id, parent_id, row))

    def merge_code(self, source_id: int, target_id: int) -> None:
        model = self.codes.model
        source, target = model.code(model.index_of(source_id)), model.code(model.index_of(target_id))
        answer = QMessageBox.question(
            self, self.tr("Merge codes"),
            self.tr("Merge “{0}” into “{1}”? Its codings, subcodes and memos move to “{1}”.").format(source.name, target.name),
        )
        if answer == QMessageBox.StandardButton.Yes:
            self.session.run(self.tr("Merge codes"), lambda: code_service.merge_codes(self.session.store, source_id, target_id))

    def _on_transcript_menu(self, pos) -> None:  # noqa: ANN001 - QPoint
        menu = QMenu(self)
        menu.addAction(self.code_action)
        menu.addAction(self.in_vivo_action)
        menu.addAction(self.sentence_action)
        here = self.transcript.codings_at(self.transcript.offset_at(pos))
        if here:
            menu.addSeparator()
        for coding in here:
            action = menu.addAction(self.tr("Remove coding: {0} ({1})").format(coding.path, coding.coder))
            action.triggered.connect(lambda _=False, cid=coding.id: self.session.run(
                self.tr("Remove coding"), lambda: coding_service.remove_coding(self.session.store, cid)))
        menu.exec(self.transcript.text_edit.mapToGlobal(pos))

    def remove_coding_here(self) -> None:
        span = self.transcript.selected_span()
        code_id = self.codes.current_code_id()
        if span is None or code_id is None:
            return
        here = [c for c in self.transcript.codings_at(span[0]) if c.code_id == code_id]
        if here:
            self.session.run(self.tr("Remove coding"), lambda: coding_service.remove_coding(self.session.store, here[0].id))

    def import_transcripts(self, paths: list[str] | None = None) -> None:
        dialog = ImportDialog(corpus_settings.speaker_patterns(self.session.store), self)
        if paths:
            dialog.add_paths(paths)
        if dialog.exec() != ImportDialog.DialogCode.Accepted:
            return
        self.run_import(dialog.request())

    def run_import(self, request: ImportRequest) -> BackgroundJob:
        store = self.session.store
        options = project_options(store, encoding=request.encoding, unit_mode=request.unit_mode)

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            return import_files(store, request.paths, options, speakers=request.speakers, progress=progress,
                                cancelled=cancelled, start_method="spawn")

        background = BackgroundJob(self.tr("Importing transcripts"), job, self)
        background.finished.connect(self._on_imported)
        background.failed.connect(self._on_failed)
        self._jobs.append(background)
        background.start()
        return background

    def _on_imported(self, report) -> None:  # noqa: ANN001 - corpus.pipeline.ImportReport
        if report.outcome is not None:
            self.session.push_done(self.tr("Import transcripts"), report.outcome)
        problems = [f"{Path(f.path).name}: {f.reason}" for f in report.files if f.status != "imported"]
        self.statusBar().showMessage(self.tr("Imported {0} of {1} files").format(len(report.imported), len(report.files)), 8000)
        if problems:  # shown without blocking: the user reads it while working on
            self.import_problems = QMessageBox(QMessageBox.Icon.Warning, self.tr("Some files were not imported"),
                                               "\n".join(problems), QMessageBox.StandardButton.Ok, self)
            self.import_problems.setModal(False)
            self.import_problems.show()

    def jump_to(self, document_id: int, start: int, end: int) -> None:
        if self.transcript.document_id != document_id:
            self.documents.select_document(document_id)
            self.transcript.show_document(document_id)
        self.transcript.select_span(start, end)

    # ------------------------------------------------------------ reactions

    def _on_code_chosen(self, code_id: int) -> None:
        self.segments.show_code(code_id)
        self.memos.show_code(code_id)

    def _on_changed(self, changes: Changes) -> None:
        everything = not changes.tables
        if everything or "codes" in changes or "codings" in changes:
            self.codes.reload()
            self.transcript.refresh_codings()
            self.segments.show_code(self.codes.current_code_id())
        if everything or "documents" in changes or "codings" in changes:
            self.documents.reload()
        if everything or "memos" in changes:
            self.memos.show_code(self.codes.current_code_id())
        self._update_status()

    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def _on_open(self) -> None:
        path, _ = QFileDialog.getOpenFileName(self, self.tr("Open project"), "", self.tr("Zhagen projects (*.zhagen)"))
        if path:
            from app.launcher import open_window

            open_window(path)

    def _on_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Zhagen"),
            self.tr("Zhagen (扎根): grounded-theory coding of Chinese interview transcripts."),
        )
