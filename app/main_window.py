"""The workbench's main window: menus, toolbar, status bar, the transcript and its docks.

Writes go through `ProjectSession.run` (undoable service calls); every view
refreshes from the session's `changed` signal. Dock layout is remembered with
QSettings.
"""

from __future__ import annotations

import gc

from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QAction, QGuiApplication, QKeySequence
from PySide6.QtWidgets import (
    QApplication,
    QComboBox,
    QDockWidget,
    QInputDialog,
    QLabel,
    QMainWindow,
    QMenu,
    QMessageBox,
    QStyle,
    QWidget,
)

from app.agreement_view import AgreementPanel
from app.analysis import MemoListPanel, SaturationPanel, SnapshotCompareDialog, TrailPanel
from app.board import CategoryBoard
from app.context_menus import ContextMenus
from app.docks import CodesPanel, DocumentsPanel, MemoPanel, SearchPanel, SegmentsPanel
from app.gt_actions import GroundedTheoryActions
from app.help import HelpActions
from app.code_actions import CodeActions
from app.item_actions import ItemActions
from app.jobs import WindowJobs
from app.messages import say
from app.pins import PINS, PinnedCodes
from app.preferences import edit_preferences
from app.session import ProjectSession
from app.status_label import SteadyLabel
from app.transcript import TranscriptView
from app.words_view import WordsPanel
from coding import queries
from coding.services import codings as coding_service
from coding.services.consensus import CONSENSUS_CODER
from coding.services import documents as document_service
from coding.services import memos as memo_service
from coding.tallies import CodeCatalog, CodingTally, Touched
from coding.values import Changes

FALLBACK_KEYS = {QKeySequence.StandardKey.Close: "Ctrl+W", QKeySequence.StandardKey.Quit: "Ctrl+Q",
                 QKeySequence.StandardKey.New: "Ctrl+N", QKeySequence.StandardKey.Open: "Ctrl+O"}
FIRST_SHARE = 0.9  # of the screen's free area, on first start
LAYOUT_VERSION = 3  # raise when the docks change, so an old saved arrangement is not applied


class MainWindow(QMainWindow):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None, *, remember_layout: bool = True):
        super().__init__(parent)
        self.session = session
        self.jobs = WindowJobs(self)  # import, autocode, agreement, export, merge in the background
        self.gt = GroundedTheoryActions(self)
        self.pins = PinnedCodes(self)
        self.menus = ContextMenus(self)
        self.items = ItemActions(self)  # delete codes, document properties, participants, close project
        self.code_actions = CodeActions(self)  # new, move, merge, rename, properties of codes
        code_actions = self.code_actions
        self.new_code, self.move_code, self.merge_code = code_actions.new_code, code_actions.move_code, code_actions.merge_code
        self.rename_code, self.edit_code = code_actions.rename_code, code_actions.edit_code
        self.help = HelpActions(self)  # the manual, keyboard shortcuts, What's this
        self._remember_layout = remember_layout
        self._default_dock_sizes = True
        self._geometry_to_restore: bytes | None = None  # the saved size, or b"": to the screen's, on the first show
        self._analysis_dirty: set[str] = {"board", "saturation", "memo_list", "trail", "agreement", "words"}  # recompute when shown
        store = session.store
        self.setWindowTitle(self.tr("Zhagen — {0}").format(queries.project_info(store)["name"])
                            + (self.tr(" (read-only)") if session.read_only else ""))
        self.catalog = CodeCatalog.load(store)
        self.tally = CodingTally.load(store)
        self.transcript = TranscriptView(store, self.catalog, self.tally, self)
        self.setCentralWidget(self.transcript)
        self.documents = DocumentsPanel(self)
        self.documents.reload(store, self.tally)
        self.codes = CodesPanel(self.catalog, self.tally, self)
        self.segments = SegmentsPanel(store, self)
        self.memos = MemoPanel(store, self)
        self.search = SearchPanel(store, self)
        self._docks = {
            "documents": self._dock(self.tr("Documents"), self.documents, Qt.DockWidgetArea.LeftDockWidgetArea),
            "codes": self._dock(self.tr("Code system"), self.codes, Qt.DockWidgetArea.LeftDockWidgetArea),
            "segments": self._dock(self.tr("Coded segments"), self.segments, Qt.DockWidgetArea.RightDockWidgetArea),
            "memos": self._dock(self.tr("Memos"), self.memos, Qt.DockWidgetArea.RightDockWidgetArea),
            "search": self._dock(self.tr("Search"), self.search, Qt.DockWidgetArea.RightDockWidgetArea),
        }
        self.saturation = SaturationPanel(store, self)
        self.memo_list = MemoListPanel(store, self)
        self.board = CategoryBoard(self)
        self.trail = TrailPanel(store, self)
        self._docks["trail"] = self._dock(self.tr("Emergence trail"), self.trail, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.agreement = AgreementPanel(self)
        self._docks["agreement"] = self._dock(self.tr("Agreement"), self.agreement, Qt.DockWidgetArea.BottomDockWidgetArea)
        self.words = WordsPanel(store, self)
        self._docks["words"] = self._dock(self.tr("Word frequencies"), self.words, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._docks["board"] = self._dock(self.tr("Category board"), self.board, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._docks["saturation"] = self._dock(self.tr("Saturation"), self.saturation, Qt.DockWidgetArea.BottomDockWidgetArea)
        self._docks["memo_list"] = self._dock(self.tr("Memo list"), self.memo_list, Qt.DockWidgetArea.BottomDockWidgetArea)
        analysis = ("board", "saturation", "memo_list", "trail", "agreement", "words")  # opened from the Analyse menu
        for key in analysis:  # hidden before they are tabified: hidden after, Qt leaves their first tab bar on screen
            self._docks[key].hide()
            self._docks[key].visibilityChanged.connect(lambda visible, k=key: visible and self._refresh_analysis(k))
        self.tabifyDockWidget(self._docks["memos"], self._docks["search"])  # the transcript keeps the full height
        for first, second in zip(analysis, analysis[1:]):
            self.tabifyDockWidget(self._docks[first], self._docks[second])
        self._docks["memos"].raise_()

        self._build_actions()
        self._build_status()
        self.help.describe_panels()
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
        self.transcript.text_edit.customContextMenuRequested.connect(self.menus.transcript)
        self.documents.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.documents.table.customContextMenuRequested.connect(self.menus.documents)
        self.codes.tree.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.codes.tree.customContextMenuRequested.connect(self.menus.tree)
        self.codes.delete_requested.connect(self.items.delete_codes)
        self.segments.segment_chosen.connect(self.jump_to)
        self.search.hit_chosen.connect(self.jump_to)
        self.search.autocode_requested.connect(self.jobs.ask_autocode)
        self.documents.model.reorder_requested.connect(self.reorder_documents)
        self.memos.save_requested.connect(self.save_memo)
        self.transcript.coding_selected.connect(self._on_coding_selected)
        self.board.positions_changed.connect(self.gt.arrange_board)
        self.board.relation_requested.connect(self.gt.add_relation)
        self.board.relation_activated.connect(self.gt.edit_relation)
        self.board.code_activated.connect(self.codes.select_code)
        self.board.failed.connect(self._on_failed)
        self.agreement.run_requested.connect(self.jobs.compute_agreement)
        self.agreement.disagreement_chosen.connect(self.jobs.show_disagreement)
        session.changed.connect(self._on_changed)
        session.failed.connect(self._on_failed)
        session.external.connect(self._on_external)
        self.import_problems: QMessageBox | None = None
        self._restore_layout()
        self.pins.refresh()
        self.gt.annotate_codes()
        self.codes.model.set_show_labels(self.labels_action.isChecked())
        docs = queries.list_documents(store)
        if docs:
            self.documents.select_document(docs[0].id)
        # The tally and tree hold ~10^5 long-lived objects; freezing them keeps Python's cyclic collector from
        # rescanning them during clicks (full collections otherwise cost several milliseconds at random moments).
        gc.freeze()

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
        self._action(project, self.tr("&New project…"), QKeySequence.StandardKey.New, self.items.new_project)
        self._action(project, self.tr("&Open…"), QKeySequence.StandardKey.Open, self.items.open_project)
        self._action(project, self.tr("Open a project &database…"), "", self.items.open_url)
        self.recent_menu = project.addMenu(self.tr("Open &recent"))
        self.recent_menu.aboutToShow.connect(lambda: self.items.fill_recent(self.recent_menu))
        project.addSeparator()
        self._action(project, self.tr("&Import transcripts…"), "Ctrl+Shift+I", lambda: self.jobs.import_transcripts())
        self._action(project, self.tr("Import from &NVivo, MAXQDA, ATLAS.ti…"), "", lambda: self.jobs.interchange.start())
        self._action(project, self.tr("&Merge another project…"), "", lambda: self.jobs.merge_project())
        self._action(project, self.tr("Participants and a&ttributes…"), "", self.items.participants)
        project.addSeparator()
        self.close_project_action = self._action(project, self.tr("&Close project"),
                                                  QKeySequence.StandardKey.Close,
                                                  self.items.close_project)
        self.preferences_action = self._action(project, self.tr("P&references…"), "Ctrl+,", self.edit_preferences)
        self.preferences_action.setMenuRole(QAction.MenuRole.PreferencesRole)
        self.docks_menu = project.addMenu(self.tr("&Panels"))
        project.addSeparator()
        self._action(project, self.tr("&Quit"), QKeySequence.StandardKey.Quit,
                     QApplication.closeAllWindows)

        edit = bar.addMenu(self.tr("&Edit"))
        self.undo_action = self.session.undo_stack.createUndoAction(self, self.tr("&Undo"))
        self.undo_action.setShortcuts(QKeySequence.StandardKey.Undo)
        self.redo_action = self.session.undo_stack.createRedoAction(self, self.tr("&Redo"))
        redo = QKeySequence.keyBindings(QKeySequence.StandardKey.Redo)
        self.redo_action.setShortcuts(redo + [QKeySequence("Ctrl+Shift+Z")] * (QKeySequence("Ctrl+Shift+Z") not in redo))
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
        self.turn_action = QAction(self.tr("Select the speaker turn"), self)
        self.turn_action.setShortcut(QKeySequence("Ctrl+T"))  # also a triple-click, or Alt+click
        self.turn_action.triggered.connect(self.transcript.select_turn)
        code.addAction(self.turn_action)
        self.new_code_action = QAction(self.tr("New code…"), self)
        self.new_code_action.setShortcut(QKeySequence("Alt+N"))
        self.new_code_action.triggered.connect(self.new_code)
        code.addAction(self.new_code_action)
        self.uncode_action = QAction(self.tr("Remove the coding of the current code here"), self)
        self.uncode_action.setShortcut(QKeySequence("Ctrl+Backspace"))
        self.uncode_action.triggered.connect(self.remove_coding_here)
        code.addAction(self.uncode_action)
        code.addSeparator()
        self.remove_current_action = self._action(code, self.tr("Remove the selected coding"), "Delete", self.remove_current_coding)
        # Delete is the transcript's (remove the coding) only there: in the code tree it deletes codes
        self.remove_current_action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.transcript.addAction(self.remove_current_action)
        self.resize_action = self._action(code, self.tr("Resize the selected coding to the text selection"), "Ctrl+R",
                                          self.resize_current_coding)
        self.recode_action = self._action(code, self.tr("Recode the selected coding with the current code"), "Ctrl+Shift+R",
                                          lambda: self.recode_current_coding())
        self.comment_action = self._action(code, self.tr("Comment on the selected coding…"), "Ctrl+M",
                                           lambda: self.comment_current_coding())
        code.addSeparator()
        self.pins_menu = code.addMenu(self.tr("Pinned codes"))
        self.pin_actions: list[QAction] = []
        for n in range(1, PINS + 1):
            action = QAction(self)
            action.setShortcut(QKeySequence(f"Ctrl+{n}"))
            action.triggered.connect(lambda _=False, i=n - 1: self.pins.code_with_pin(i))
            self.addAction(action)
            self.pins_menu.addAction(action)
            self.pin_actions.append(action)

        analyse = bar.addMenu(self.tr("&Analyse"))
        self.analyse_menu = analyse
        self._action(analyse, self.tr("Category &board"), "", lambda: self.show_dock("board"))
        self._action(analyse, self.tr("&Saturation"), "", lambda: self.show_dock("saturation"))
        self._action(analyse, self.tr("&Memo list"), "", lambda: self.show_dock("memo_list"))
        self._action(analyse, self.tr("&Emergence trail"), "", lambda: self.show_dock("trail"))
        self._action(analyse, self.tr("Inter-coder &agreement"), "", lambda: self.show_dock("agreement"))
        self._action(analyse, self.tr("C&onsensus…"), "", self.open_consensus)
        self._action(analyse, self.tr("&Word frequencies and cloud"), "", lambda: self.show_dock("words"))
        analyse.addSeparator()
        self.labels_action = self._action(analyse, self.tr("Show code &labels (a1, A1, AA1)"), "", self.gt.set_labels_shown)
        self.labels_action.setCheckable(True)
        self.labels_action.setChecked(bool(QSettings().value("code_tree/labels", False, type=bool)))
        self._action(analyse, self.tr("Label &prefixes…"), "", lambda: self.gt.edit_label_prefixes())
        self._action(analyse, self.tr("Take a &snapshot of the code system…"), "", lambda: self.gt.take_snapshot())
        self._action(analyse, self.tr("&Compare snapshots…"), "", lambda: SnapshotCompareDialog(self.session.store, self).exec())
        self._action(analyse, self.tr("&New memo…"), "Ctrl+Shift+M", lambda: self.gt.new_memo())
        export = bar.addMenu(self.tr("E&xport"))
        self.export_action = self._action(export, self.tr("&Excel workbook…"), "Ctrl+E", lambda: self.jobs.export_excel())
        self._action(export, self.tr("REFI-QDA &project (.qdpx)…"), "", lambda: self.jobs.export_refi(".qdpx"))
        self._action(export, self.tr("REFI-QDA &codebook (.qdc)…"), "", lambda: self.jobs.export_refi(".qdc"))
        help_menu = bar.addMenu(self.tr("&Help"))
        self.help.add_to(help_menu)
        about = help_menu.addAction(self.tr("&About Zhagen"))
        about.triggered.connect(self._on_about)

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("main-toolbar")
        # The toolbar's own undo/redo buttons keep one short label (the menu items name the action):
        # a label that changes with every click would re-lay out the toolbar each time.
        style = self.style()
        for text, icon, stack_slot, signal in (
            (self.tr("Undo"), QStyle.StandardPixmap.SP_ArrowBack, self.session.undo_stack.undo, "canUndoChanged"),
            (self.tr("Redo"), QStyle.StandardPixmap.SP_ArrowForward, self.session.undo_stack.redo, "canRedoChanged"),
        ):
            button = toolbar.addAction(style.standardIcon(icon), text)
            button.triggered.connect(stack_slot)
            button.setEnabled(False)
            getattr(self.session.undo_stack, signal).connect(button.setEnabled)
        toolbar.addAction(self.code_action)
        toolbar.addSeparator()
        toolbar.addWidget(QLabel(self.tr("Codings of:"), self))
        self.coder_box = QComboBox(self)
        self.coder_box.setToolTip(self.tr("Show the codings of every coder, or of one (blind mode: only yours)"))
        toolbar.addWidget(self.coder_box)
        self._fill_coder_box()
        self.coder_box.currentIndexChanged.connect(lambda _: self.filter_coder(self.coder_box.currentData()))
        for dock in self._docks.values():
            self.docks_menu.addAction(dock.toggleViewAction())

    def _action(self, menu: QMenu, text: str, shortcut: str | QKeySequence.StandardKey, slot) -> QAction:  # noqa: ANN001
        """A menu action; a standard key gets every binding the platform has for it (Ctrl+W and Ctrl+F4 …),
        with Ctrl+W / Ctrl+Q kept where a platform has none (Qt's offscreen and some desktops)."""
        action = QAction(text, self)
        if isinstance(shortcut, QKeySequence.StandardKey):
            keys = list(QKeySequence.keyBindings(shortcut))
            extra = FALLBACK_KEYS.get(shortcut)
            if extra and QKeySequence(extra) not in keys:
                keys.append(QKeySequence(extra))
            action.setShortcuts(keys)
        else:
            action.setShortcut(QKeySequence(shortcut))
        action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
        action.triggered.connect(slot)
        menu.addAction(action)
        return action

    def _build_status(self) -> None:
        self.status_coder = SteadyLabel(self)
        self.status_counts = SteadyLabel(self)
        self.statusBar().addPermanentWidget(self.status_counts)
        self.statusBar().addPermanentWidget(self.status_coder)
        self._update_status()

    def _update_status(self, coders_changed: bool = True) -> None:
        if coders_changed:
            self.status_coder.show_text(self.tr("Coder: {0}").format(self.session.coder_name()))
        self.status_counts.show_text(self.tr("{0} documents · {1} codes · {2} codings").format(
            len(self.documents.model.rows), len(self.catalog.codes), len(self.tally)))

    def _restore_layout(self) -> None:
        if not self._remember_layout:
            return
        settings = QSettings()
        state = settings.value("main_window/state")
        geometry = settings.value("main_window/geometry")
        self._geometry_to_restore = geometry if geometry is not None else b""
        if state is not None and self.restoreState(state, LAYOUT_VERSION):  # a layout saved for other docks is ignored
            self._default_dock_sizes = False

    def showEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().showEvent(event)
        if self._geometry_to_restore is not None:  # once shown: before, the docks' unsettled sizes override it
            saved, self._geometry_to_restore = self._geometry_to_restore, None
            if not saved or not self.restoreGeometry(saved):
                self.use_first_geometry()
        if self._default_dock_sizes:
            self._default_dock_sizes = False
            self.use_default_dock_sizes()

    def use_first_geometry(self) -> None:
        """First start: most of the screen (not Qt's small default, which left the transcript 50 px wide)."""
        screen = self.screen() or QGuiApplication.primaryScreen()
        if screen is None:
            return
        room = screen.availableGeometry()
        width, height = int(room.width() * FIRST_SHARE), int(room.height() * FIRST_SHARE)
        self.resize(width, height)
        self.move(room.x() + (room.width() - width) // 2, room.y() + (room.height() - height) // 2)

    def use_default_dock_sizes(self) -> None:
        """Code names on the left, the transcript in the middle and coded segments on the right in proportion to
        the window (first start, screenshots): about a quarter of the width each side, the rest for the text."""
        width = self.width()
        self.resizeDocks([self._docks["codes"], self._docks["segments"]],
                         [int(width * 0.24), int(width * 0.28)], Qt.Orientation.Horizontal)

    def closeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._remember_layout:
            settings = QSettings()
            settings.setValue("main_window/state", self.saveState(LAYOUT_VERSION))
            settings.setValue("main_window/geometry", self.saveGeometry())
        self.close_project()
        super().closeEvent(event)

    def close_project(self) -> None:
        """Cancel running jobs and close the project: its file then holds everything on its own."""
        from app.launcher import forget_window

        for job in list(self.jobs.running):
            job.cancel()
            job.wait()
        self.session.close()
        forget_window(self)

    def _on_external(self, events: list) -> None:
        self.statusBar().showMessage(self.tr("Loaded {0} change(s) made by another program").format(len(events)),
                                     8000)

    def on_write_wait(self, seconds: float | None) -> None:
        """A write waits for another program writing to the project: say so instead of seeming frozen."""
        if seconds is None:
            self.statusBar().clearMessage()
        else:
            self.statusBar().showMessage(
                self.tr("Waiting for another program writing to the project… {0} s").format(int(seconds)))
        self.statusBar().repaint()

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
        code = self.catalog.codes.get(code_id)
        if code is None:
            return None
        return code_id if code.level in ("category", "main", "core", "none") else code.parent_id

    def code_sentence(self) -> None:
        if self.transcript.document_id is not None and self.transcript.snap_to_units():
            self.code_selection(self.codes.current_code_id())

    def remove_coding_here(self) -> None:
        span = self.transcript.selected_span()
        code_id = self.codes.current_code_id()
        if span is None or code_id is None:
            return
        here = [c for c in self.transcript.codings_at(span[0]) if c.code_id == code_id]
        if here:
            self.session.run(self.tr("Remove coding"), lambda: coding_service.remove_coding(self.session.store, here[0].id))

    # ------------------------------------------------------------ the selected coding

    def _current_coding_or_say(self):  # noqa: ANN202 - ShownCoding | None
        coding = self.transcript.current_coding()
        if coding is None:
            self.statusBar().showMessage(self.tr("Click a coding (a highlight or its stripe) first"), 4000)
        return coding

    def remove_current_coding(self) -> None:
        coding = self._current_coding_or_say()
        if coding is not None:
            self.session.run(self.tr("Remove coding"), lambda: coding_service.remove_coding(self.session.store, coding.id))

    def resize_current_coding(self) -> None:
        coding, span = self._current_coding_or_say(), self.transcript.selected_span()
        if coding is None:
            return
        if span is None:
            self.statusBar().showMessage(self.tr("Select the text the coding should cover"), 4000)
            return
        self.session.run(self.tr("Resize coding"), lambda: coding_service.resize_coding(self.session.store, coding.id, *span))

    def recode_current_coding(self, code_id: int | None = None) -> None:
        coding = self._current_coding_or_say()
        code_id = code_id if code_id is not None else self.codes.current_code_id()
        if coding is None or code_id is None:
            return
        self.session.run(self.tr("Recode coding"), lambda: coding_service.recode_coding(self.session.store, coding.id, code_id))

    def comment_current_coding(self, text: str | None = None) -> None:
        coding = self._current_coding_or_say()
        if coding is None:
            return
        if text is None:
            rows = queries.codings_by_id(self.session.store, [coding.id], paths=self.catalog.paths,
                                         texts=self.transcript.shown_texts())
            old = rows[0].comment if rows else ""
            text, ok = QInputDialog.getMultiLineText(self, self.tr("Comment on coding"), coding.path, old)
            if not ok:
                return
        self.session.run(self.tr("Comment on coding"), lambda: coding_service.comment_coding(self.session.store, coding.id, text))

    # ------------------------------------------------------------ coders

    def _fill_coder_box(self) -> None:
        current = self.coder_box.currentData()
        self.coder_box.blockSignals(True)
        self.coder_box.clear()
        self.coder_box.addItem(self.tr("All coders"), None)
        for coder in queries.list_coders(self.session.store):
            label = self.tr("{0} (me: blind mode)").format(coder.name) if coder.id == self.session.store.coder_id else coder.name
            self.coder_box.addItem(label, coder.id)
        self.coder_box.setCurrentIndex(max(self.coder_box.findData(current), 0))
        self.coder_box.blockSignals(False)

    def filter_coder(self, coder_id: int | None) -> None:
        """Show one coder's codings in the transcript and the coded segments (None: everyone's)."""
        self.transcript.coder_filter = coder_id
        self.segments.model.coder_filter = coder_id
        self.transcript.refresh_codings()
        self.segments.show_code(self.segments.code_id, tuple(self.catalog.codes.values()))
        if self.coder_box.currentData() != coder_id:
            self.coder_box.setCurrentIndex(max(self.coder_box.findData(coder_id), 0))

    # ------------------------------------------------------------ grounded theory

    def open_consensus(self) -> None:
        """Analyse → Consensus…: the consensus pass, one dialog per window, kept open beside the workbench."""
        from app.consensus_dialog import ConsensusDialog

        dialog = getattr(self, "consensus_dialog", None)
        if dialog is None:
            self.consensus_dialog = dialog = ConsensusDialog(self.session, self)
        dialog.show()
        dialog.raise_()

    def show_dock(self, key: str) -> None:
        dock = self._docks[key]
        if key == "board":
            self._float_inside(dock)  # the diagram needs room: a window of its own over the workbench
        dock.show()
        dock.raise_()
        self._refresh_analysis(key)

    def _float_inside(self, dock: QDockWidget) -> None:
        """Float DOCK over this window, as large as it and no larger, nor past the screen's free area (a fixed
        1200×800 ran off a 1366×768 screen and out of the window). A dock floating inside the window already
        keeps the place and size it was given; one left (or restored) elsewhere comes back inside."""
        room = self.geometry()
        screen = self.screen()
        if screen is not None:
            room = room.intersected(screen.availableGeometry())
        if dock.isFloating() and room.contains(dock.frameGeometry()):
            return
        dock.setFloating(True)
        dock.show()  # its frame (if the window manager gives it one) is known once it is shown
        frame, inner = dock.frameGeometry(), dock.geometry()
        dock.setGeometry(room.adjusted(inner.left() - frame.left(), inner.top() - frame.top(),
                                       inner.right() - frame.right(), inner.bottom() - frame.bottom()))

    def _refresh_analysis(self, key: str) -> None:
        if key not in self._analysis_dirty:
            return
        self._analysis_dirty.discard(key)
        if key == "saturation":
            self.saturation.reload()
        elif key == "memo_list":
            self.memo_list.reload(self.catalog)
        elif key == "board":
            self.gt.fill_board()
        elif key == "trail":
            self.trail.reload()
        elif key == "words":
            self.words.reload()
        elif key == "agreement":
            counts = queries.coding_counts_by_coder(self.session.store)
            self.agreement.set_coders([(c.name, counts.get(c.id, 0)) for c in queries.list_coders(self.session.store)
                                       if c.name != CONSENSUS_CODER])  # the result of comparing, not a coder

    # ------------------------------------------------------------ pinned codes

    # ------------------------------------------------------------ code tree menu, documents, memos, autocode

    def set_held_out(self, document_id: int, held_out: bool) -> None:
        self.session.run(self.tr("Held out for the saturation test"),
                         lambda: document_service.set_held_out(self.session.store, document_id, held_out))

    def reorder_documents(self, order: list[int]) -> None:
        self.session.run(self.tr("Reorder documents"), lambda: document_service.set_coding_order(self.session.store, order))

    def save_memo(self, code_id: int, memo_id: int | None, title: str, text: str) -> None:
        store = self.session.store
        if memo_id is None:
            self.session.run(self.tr("Write memo"), lambda: memo_service.add_memo(store, title, text, kind="code_note",
                                                                                 code_id=code_id))
        else:
            self.session.run(self.tr("Edit memo"), lambda: memo_service.edit_memo(store, memo_id, text=text))

    def jump_to(self, document_id: int, start: int, end: int) -> None:
        if self.transcript.document_id != document_id:
            self.documents.select_document(document_id, notify=False)  # shown once, here
            self.transcript.show_document(document_id)
        self.transcript.select_span(start, end)

    # ------------------------------------------------------------ reactions

    def _on_code_chosen(self, code_id: int) -> None:
        self.segments.show_code(code_id, tuple(self.catalog.codes.values()))
        self._show_memo(code_id)

    def _show_memo(self, code_id: int | None) -> None:
        code = self.catalog.codes.get(code_id) if code_id is not None else None
        self.memos.show_code(code.id if code else None, code.name if code else "")

    def _on_coding_selected(self, coding_id: int) -> None:
        coding = self.transcript.current_coding()
        if coding is not None:
            self.statusBar().showMessage(self.tr("Coding: {0} · {1}").format(coding.path, coding.coder), 6000)

    def _on_changed(self, changes: Changes) -> None:
        """Bring every view up to date with what a service call (or its undo) changed."""
        store, announced = self.session.store, self.session.announced_rows("codings")
        everything = not changes.tables
        touched = Touched()
        if everything:
            self.tally = CodingTally.load(store)
        elif "codings" in changes:
            touched = self.tally.update(store, changes.ids("codings"), announced)
        touched_codes, touched_docs = touched.codes, touched.documents
        codes_changed = everything or "codes" in changes
        if codes_changed:
            self.catalog = CodeCatalog.load(store)
            self.codes.reload(self.catalog, self.tally)
            self.pins.refresh()
            self.gt.annotate_codes(changes.ids("codes"))
        elif touched.moves:
            self.codes.model.update_counts(touched.moves)
        if everything or "coders" in changes:
            self.transcript.reload_coders()
            self._fill_coder_box()
        self.transcript.set_sources(self.catalog, self.tally)
        if everything or "documents" in changes:
            self.documents.reload(store, self.tally)
            if self.transcript.document_id not in {r.document.id for r in self.documents.model.rows}:
                self.transcript.show_document(None)
            else:
                self.transcript.refresh_codings()
        else:
            if touched_docs:
                self.documents.model.update_counts(touched_docs)
            if codes_changed:
                self.transcript.refresh_codings()
            elif touched_docs and self.transcript.document_id in touched_docs:
                self.transcript.refresh_codings(changes.ids("codings"))
        shown, codes = self.segments.code_id, tuple(self.catalog.codes.values())
        if shown is not None and (everything or codes_changed):
            self.segments.show_code(shown if shown in self.catalog.codes else None, codes)
        elif shown is not None and "codings" in changes and (
                (touched_codes and self.catalog.subtree(shown) & touched_codes)
                or changes.ids("codings") & {r.id for r in self.segments.model.rows}):  # e.g. a new comment
            order = {r.document.id: n for n, r in enumerate(self.documents.model.rows)}
            self.segments.model.update(store, changes.ids("codings"), self.catalog, order,
                                       self.transcript.shown_texts(), announced)
        if everything or "memos" in changes or codes_changed:
            self._show_memo(self.codes.current_code_id())
        if everything or "project" in changes:
            self.pins.refresh()
        if everything or codes_changed or {"codings", "documents", "relations"} & set(changes.tables):
            self._analysis_dirty.add("saturation")  # relations too: the test looks for new ones
        if everything or codes_changed or "memos" in changes:
            self._analysis_dirty.add("memo_list")
        if everything or codes_changed or {"relations", "memos", "project"} & set(changes.tables):
            self._analysis_dirty.add("board")
        if everything or codes_changed or "codings" in changes:
            self._analysis_dirty.add("trail")
        if everything or "coders" in changes:
            self._analysis_dirty.add("agreement")
        if everything or {"documents", "participants", "turns", "project"} & set(changes.tables):
            self._analysis_dirty.add("words")
        if "project" in changes and not codes_changed:
            self.gt.annotate_codes()  # the label prefixes may have changed
        for key in list(self._analysis_dirty):
            if self._docks[key].isVisible():
                self._refresh_analysis(key)
        self._update_status(coders_changed=everything or "coders" in changes)

    def _on_failed(self, message: str) -> None:
        self.statusBar().showMessage(message, 8000)

    def edit_preferences(self) -> None:
        if edit_preferences(self, self.session.store) is not None:
            self.session.notify_all()  # the coder or their colour may have changed

    def _on_about(self) -> None:
        QMessageBox.about(
            self, self.tr("About Zhagen"),
            self.tr("Zhagen (扎根): grounded-theory coding of Chinese interview transcripts."),
        )
