"""The dock widgets around the transcript: documents, code tree, coded segments, memos, search.

Each dock reads through `coding.queries` (or the window's tally and catalog)
and refreshes itself from the session's change set. None of them writes: a
request to change the project (reorder documents, save a memo) is a signal the
window turns into an undoable service call.
"""

from __future__ import annotations

import html
from bisect import bisect_left
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QByteArray,
    QEvent,
    QItemSelectionModel,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableView,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.code_tree import RIGHT_ALIGNED, CodeTreeModel
from coding import queries
from coding.storage import ProjectStore
from coding.tallies import CodeCatalog, CodingTally
from coding.values import Document, Memo
from coding.vocab import MEMO_KIND_LABELS
from corpus.search import SearchIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1
# Plain ints, compared first thing in data(): views ask each cell for a dozen roles on every repaint.
DISPLAY, TOOLTIP, ALIGNMENT = (Qt.ItemDataRole.DisplayRole.value, Qt.ItemDataRole.ToolTipRole.value,
                               Qt.ItemDataRole.TextAlignmentRole.value)
SEGMENT_ROLES = frozenset({DISPLAY, TOOLTIP, ID_ROLE})
CODE_NOTE_KINDS = ("code_note", "memo")  # a code's own note; "memo" is the kind of notes written before GT types
DOCUMENT_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled
DOC_MIME = "application/x-zhagen-document"
CONTEXT_CHARS = 20
SHOWN_HITS = 500  # search hits listed; the count says how many there are in all


def _table_view(parent: QWidget) -> QTableView:
    view = QTableView(parent)
    view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
    view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    view.verticalHeader().setVisible(False)
    view.horizontalHeader().setStretchLastSection(True)
    return view


def _arrange(panel: QWidget, top: tuple[QWidget, QWidget], body: tuple[tuple[QWidget, int], ...]) -> None:
    """A dock's layout: a row of a stretching widget and a button, then the body widgets with their stretch."""
    row = QHBoxLayout()
    row.addWidget(top[0], 1)
    row.addWidget(top[1])
    layout = QVBoxLayout(panel)
    layout.setContentsMargins(0, 0, 0, 0)
    layout.addLayout(row)
    for widget, stretch in body:
        layout.addWidget(widget, stretch)


def _plain(value: object) -> str:
    return "" if value is None else str(value)


# ---------------------------------------------------------------- documents


@dataclass
class DocumentRow:
    document: Document
    participant: str
    attributes: list[str]
    codings: int
    coverage: float | None  # share of the text coded; None until first measured
    cells: list | None = None  # what each column shows; None until first shown after a change


class DocumentsModel(QAbstractTableModel):
    """Documents in coding order: participant, the participant's attributes, codings, share coded, held out.

    Drag a row to another place to change the coding order (`reorder_requested`
    carries every document id in the new order)."""

    reorder_requested = Signal(list)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[DocumentRow] = []
        self.attribute_names: list[str] = []
        self._tally: CodingTally | None = None
        self._row_of: dict[int, int] = {}  # document id → row

    def reload(self, store: ProjectStore, tally: CodingTally) -> None:
        self._tally = tally
        people = {p.id: p.pid for p in queries.list_participants(store)}
        values = queries.attribute_values(store)
        self.beginResetModel()
        self.attribute_names = [a.name for a in queries.list_attributes(store)]
        self.rows = []
        for doc in queries.list_documents(store):
            attrs = values.get(doc.participant_id, {}) if doc.participant_id else {}
            self.rows.append(DocumentRow(doc, people.get(doc.participant_id, ""), [_plain(attrs.get(n)) for n in self.attribute_names],
                                         0, None))
            self._count(self.rows[-1])
        self._row_of = {row.document.id: r for r, row in enumerate(self.rows)}
        self.endResetModel()

    def _count(self, row: DocumentRow) -> None:
        row.codings = self._tally.document_count(row.document.id)
        row.coverage = None  # measured when first shown: it sorts every coding of the document
        row.cells = None

    def coverage(self, row: DocumentRow) -> float:
        if row.coverage is None:
            row.coverage = self._tally.coverage(row.document.id, row.document.length)
        return row.coverage

    def update_counts(self, document_ids: frozenset[int]) -> None:
        for document_id in document_ids:
            r = self._row_of.get(document_id)
            if r is not None:
                self._count(self.rows[r])
                self.dataChanged.emit(self.index(r, self._first_count()), self.index(r, self._first_count() + 1))

    def _first_count(self) -> int:
        return 2 + len(self.attribute_names)

    def headers(self) -> list[str]:
        return [self.tr("Document"), self.tr("Participant"), *self.attribute_names,
                self.tr("Codings"), self.tr("Coded"), self.tr("Held out")]

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5 + len(self.attribute_names)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return self.headers()[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if role == DISPLAY and index.isValid():
            row = self.rows[index.row()]
            if row.cells is None:
                row.cells = [row.document.name, row.participant, *row.attributes, row.codings,
                             f"{self.coverage(row):.0%}", self.tr("yes") if row.document.held_out else ""]
            return row.cells[index.column()]
        if not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == ID_ROLE:
            return row.document.id
        if role == TOOLTIP and index.column() == self._first_count() + 1:
            return self.tr("{0:.1%} of the text is coded").format(self.coverage(row))
        if role == ALIGNMENT and index.column() in (self._first_count(), self._first_count() + 1):
            return RIGHT_ALIGNED
        return None

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return DOCUMENT_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [DOC_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        rows = {i.row() for i in indexes if i.isValid()}
        if len(rows) == 1:
            data.setData(DOC_MIME, QByteArray(str(self.rows[rows.pop()].document.id).encode()))
        return data

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        if not data.hasFormat(DOC_MIME):
            return False
        moved = int(bytes(data.data(DOC_MIME)).decode())
        if row < 0:
            row = parent.row() if parent.isValid() else len(self.rows)
        order = [r.document.id for r in self.rows]
        old = order.index(moved)
        order.insert(row, moved)
        del order[old + 1 if old >= row else old]
        if order != [r.document.id for r in self.rows]:
            self.reorder_requested.emit(order)
        return False  # the window reorders the project; the model is reloaded from it


class DocumentsPanel(QWidget):
    document_chosen = Signal(int)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = DocumentsModel(self)
        self._quiet = False  # True while the window selects a document it already shows
        self.table = _table_view(self)
        self.table.setModel(self.model)
        self.table.horizontalHeader().setResizeContentsPrecision(40)  # fit columns to the first rows, not all
        self.table.setDragEnabled(True)
        self.table.setAcceptDrops(True)
        self.table.setDropIndicatorShown(True)
        self.table.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.table.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.table.setDragDropOverwriteMode(False)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.selectionModel().currentRowChanged.connect(self._on_current)

    def reload(self, store: ProjectStore, tally: CodingTally) -> None:
        current = self.current_document_id()
        self.model.reload(store, tally)
        self.table.resizeColumnsToContents()
        if current is not None:
            self.select_document(current, notify=False)

    def current_document_id(self) -> int | None:
        index = self.table.currentIndex()
        return index.data(ID_ROLE) if index.isValid() else None

    def select_document(self, document_id: int, *, notify: bool = True) -> None:
        """Make the document current, selected and in view; with notify=False (the window already shows it,
        e.g. after a jump from a search hit) without saying so. The view itself still hears of the change:
        with the selection model's signals blocked it kept the old row highlighted."""
        for r, row in enumerate(self.model.rows):
            if row.document.id == document_id:
                self._quiet = not notify
                try:
                    self.table.selectRow(r)
                finally:
                    self._quiet = False
                self.table.scrollTo(self.model.index(r, 0))

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        if current.isValid() and not self._quiet:
            self.document_chosen.emit(current.data(ID_ROLE))


# ---------------------------------------------------------------- codes


class CodesPanel(QWidget):
    """The code tree with a filter box; click a column header to sort, or back to tree order."""

    code_chosen = Signal(int)
    code_activated = Signal(int)  # double-click: apply to the selection
    delete_requested = Signal(list)  # the Delete key: the selected codes

    def __init__(self, catalog: CodeCatalog, tally: CodingTally, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CodeTreeModel(catalog, tally, self)
        self._chosen: int | None = None
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter codes…"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.model)
        self.tree.setUniformRowHeights(True)
        self.tree.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)  # drag several concepts at once
        self.tree.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Fixed)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.Fixed)
        metrics = header.fontMetrics()
        for column in (1, 2):  # wide enough for the header's word in either language, and for 5 digits
            label = str(self.model.headerData(column, Qt.Orientation.Horizontal))
            header.resizeSection(column, max(metrics.horizontalAdvance(label), metrics.horizontalAdvance("00000")) + 18)
        header.setSectionsClickable(True)
        header.setSortIndicatorShown(False)
        header.sectionClicked.connect(self._on_header_clicked)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self._on_filter)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.doubleClicked.connect(self._on_double_click)
        self.tree.expandToDepth(0)
        self.tree.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if (watched is self.tree and event.type() == QEvent.Type.KeyPress
                and event.matches(QKeySequence.StandardKey.Delete) and self.selected_code_ids()):
            self.delete_requested.emit(self.selected_code_ids())
            return True
        return super().eventFilter(watched, event)

    def reload(self, catalog: CodeCatalog, tally: CodingTally) -> None:
        """Rebuild the tree from the code system, keeping which codes are open, selected and current."""
        current, selected, expanded = self.current_code_id(), self.selected_code_ids(), self.expanded_code_ids()
        self.model.reload(catalog, tally)
        if self.filter.text():
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
            for code_id in expanded:
                index = self.model.index_of(code_id)
                if index.isValid():
                    self.tree.setExpanded(index, True)
        if current is not None:
            self.select_code(current)
        self._select_also(selected)

    def expanded_code_ids(self) -> list[int]:
        """The codes shown open (only open branches are walked)."""
        out, stack = [], [QModelIndex()]
        while stack:
            parent = stack.pop()
            for row in range(self.model.rowCount(parent)):
                index = self.model.index(row, 0, parent)
                if self.tree.isExpanded(index):
                    out.append(index.data(CodeTreeModel.CODE_ID_ROLE))
                    stack.append(index)
        return out

    def selected_code_ids(self) -> list[int]:
        """The selected codes, in the tree's order."""
        indexes = [i for i in self.tree.selectionModel().selectedIndexes() if i.column() == 0]
        indexes.sort(key=self.model.display_order)
        return [i.data(CodeTreeModel.CODE_ID_ROLE) for i in indexes]

    def _select_also(self, code_ids: list[int]) -> None:
        selection = self.tree.selectionModel()
        for code_id in code_ids:
            index = self.model.index_of(code_id)
            if index.isValid():
                selection.select(index, QItemSelectionModel.SelectionFlag.Select | QItemSelectionModel.SelectionFlag.Rows)

    def show_codes(self, code_ids: list[int], parent_id: int | None) -> None:
        """After a move: the new parent open, the moved codes selected and in view."""
        if parent_id is not None:
            index = self.model.index_of(parent_id)
            while index.isValid():
                self.tree.setExpanded(index, True)
                index = index.parent()
        shown = [i for i in code_ids if self.model.index_of(i).isValid()]
        if shown:
            self.select_code(shown[0])
            self._select_also(shown)

    def current_code_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(CodeTreeModel.CODE_ID_ROLE) if index.isValid() else None

    def select_code(self, code_id: int) -> None:
        """Make CODE_ID current (clearing a filter that hides it, so the current code is always in view)."""
        index = self.model.index_of(code_id)
        if not index.isValid() and self.filter.text():
            self.filter.clear()
            index = self.model.index_of(code_id)
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)

    def sort_by(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Sort by name (0), codings (1) or documents (2); -1 is the code system's own order."""
        self.model.sort(column, order)
        header = self.tree.header()
        header.setSortIndicatorShown(column >= 0)
        if column >= 0:
            header.setSortIndicator(column, order)

    def _on_header_clicked(self, column: int) -> None:
        """Name ascending → counts descending → … → back to tree order on the third click."""
        current, order = self.model.sort_column, self.model.sort_order
        first = Qt.SortOrder.AscendingOrder if column == 0 else Qt.SortOrder.DescendingOrder
        if current != column:
            self.sort_by(column, first)
        elif order == first:
            self.sort_by(column, Qt.SortOrder.DescendingOrder if column == 0 else Qt.SortOrder.AscendingOrder)
        else:
            self.sort_by(-1)

    def _on_filter(self, text: str) -> None:
        current = self.current_code_id()
        if not self.model.set_filter(text):
            return
        if text:
            self.tree.expandAll()
        else:
            self.tree.expandToDepth(0)
        if current is not None:
            self.select_code(current)

    def _on_current(self, current: QModelIndex, _previous: QModelIndex) -> None:
        code_id = current.data(CodeTreeModel.CODE_ID_ROLE) if current.isValid() else None
        if code_id is not None and code_id != self._chosen:  # not again when a reset re-selects the same code
            self._chosen = code_id
            self.code_chosen.emit(code_id)

    def _on_double_click(self, index: QModelIndex) -> None:
        self.code_activated.emit(index.data(CodeTreeModel.CODE_ID_ROLE))


# ---------------------------------------------------------------- coded segments


class SegmentsModel(QAbstractTableModel):
    """Every coded segment of a code and the codes below it, with its context in the transcript."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: list[queries.CodingRow] = []
        self.code_id: int | None = None
        self.coder_filter: int | None = None  # only this coder's segments
        self._cells: dict[int, tuple[str, ...]] = {}  # coding id → what its row shows, made when first painted

    def show(self, store: ProjectStore, code_id: int | None, codes: tuple | None = None) -> None:
        self.code_id = code_id
        self.beginResetModel()
        self._cells = {}
        self.rows = list(queries.list_codings(store, code_id=code_id, context=CONTEXT_CHARS, codes=codes,
                                              coder_id=self.coder_filter)) if code_id else []
        self.endResetModel()

    def update(self, store: ProjectStore, changed: frozenset[int], catalog: CodeCatalog, order: dict[int, int],
               texts: dict[int, str] | None = None, images: dict[int, dict | None] | None = None) -> None:
        """Re-read only the changed codings and move just their rows (`order`: document id → coding order;
        `texts`: document id → text the window holds, to quote from without asking the database; `images`:
        the codings as the service call left them, where None says one is gone and need not be read).

        Rows are removed and inserted one by one, so the table repaints only what moved, not every row."""
        wanted = catalog.subtree(self.code_id) if self.code_id is not None else set()
        existing = {i for i in changed if images is None or images.get(i, True) is not None}
        fresh = [r for r in queries.codings_by_id(store, existing, paths=catalog.paths, context=CONTEXT_CHARS,
                                                  coder_id=self.coder_filter, texts=texts)
                 if r.code_id in wanted]

        def key(r: queries.CodingRow) -> tuple:
            return order.get(r.document_id, 0), r.document_id, r.start, r.end, r.id

        for coding_id in changed:
            self._cells.pop(coding_id, None)
        for index in reversed(range(len(self.rows))):
            if self.rows[index].id in changed:
                self.beginRemoveRows(QModelIndex(), index, index)
                del self.rows[index]
                self.endRemoveRows()
        keys = [key(r) for r in self.rows]
        for row in sorted(fresh, key=key):
            at = bisect_left(keys, key(row))
            self.beginInsertRows(QModelIndex(), at, at)
            self.rows.insert(at, row)
            keys.insert(at, key(row))
            self.endInsertRows()

    @staticmethod
    def context(row: queries.CodingRow) -> str:
        before, after = row.before.replace("\n", " "), row.after.replace("\n", " ")
        return f"…{before}【{row.text}】{after}…"

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 0 if parent.isValid() else 5

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Participant"), self.tr("Document"), self.tr("Code"), self.tr("Coder"), self.tr("Segment in context"))[section]
        return None

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = DISPLAY):
        if role not in SEGMENT_ROLES or not index.isValid():
            return None
        row = self.rows[index.row()]
        if role == DISPLAY:
            cells = self._cells.get(row.id)
            if cells is None:
                cells = self._cells[row.id] = (row.participant or "", row.document, row.code_path.split(">")[-1],
                                               row.coder, self.context(row))
            return cells[index.column()]
        if role == TOOLTIP:
            return row.text + (f"\n\n{row.comment}" if row.comment else "")
        return row.id


class SegmentsPanel(QWidget):
    """Constant comparison: click a segment to jump to it in its transcript."""

    segment_chosen = Signal(int, int, int)  # document id, start, end

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.code_id: int | None = None
        self.model = SegmentsModel(self)
        self.table = _table_view(self)
        self.table.setModel(self.model)
        self.table.setWordWrap(False)  # one line a segment; the tooltip has the whole quote
        self.table.setTextElideMode(Qt.TextElideMode.ElideRight)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.clicked.connect(self._on_click)

    def show_code(self, code_id: int | None, codes: tuple | None = None) -> None:
        """Show a code's segments; a refresh of the same code keeps the column widths."""
        fresh = code_id != self.code_id
        self.code_id = code_id
        self.model.show(self._store, code_id, codes)
        if fresh:
            self.table.resizeColumnsToContents()
            self.fit_columns()

    def fit_columns(self) -> None:
        """Participant, document, code and coder at most a sixth of the width each: the quote in its context,
        the last column, takes the rest (it was left 60 px in a narrow dock)."""
        header = self.table.horizontalHeader()
        cap = max(56, self.table.viewport().width() // 6)
        for column in range(self.model.columnCount() - 1):
            if header.sectionSize(column) > cap:
                header.resizeSection(column, cap)

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        self.fit_columns()

    def _on_click(self, index: QModelIndex) -> None:
        coding = self.model.rows[index.row()]
        self.segment_chosen.emit(coding.document_id, coding.start, coding.end)


# ---------------------------------------------------------------- memos


class MemoPanel(QWidget):
    """The chosen code's memo, editable; below it the code's other memos (theoretical, operational … written
    from Analyse → New memo on the code) and the project's story line.

    Save emits `save_requested(code id, memo id or None, title, text)`; the window stores it."""

    save_requested = Signal(int, object, str, str)

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.code_id: int | None = None
        self.memo_id: int | None = None
        self._title = ""
        self.heading = QLabel(self)
        self.editor = QPlainTextEdit(self)
        self.editor.setPlaceholderText(self.tr("Write a memo on this code…"))
        self.save_button = QPushButton(self.tr("Save memo"), self)
        self.save_button.clicked.connect(self.save)
        self.storyline = QTextBrowser(self)
        _arrange(self, (self.heading, self.save_button), ((self.editor, 2), (self.storyline, 1)))
        self.show_code(None)

    def show_code(self, code_id: int | None, code_name: str = "") -> None:
        """Show CODE_ID's memo; when it is the code already shown, text typed and not yet saved stays."""
        typing = code_id is not None and code_id == self.code_id and self.editor.document().isModified()
        self.code_id = code_id
        memos = queries.list_memos(self._store)
        own = [m for m in memos if code_id and m.code_id == code_id and m.kind in CODE_NOTE_KINDS]
        self.memo_id = own[0].id if own else None
        self._title = own[0].title if own else code_name
        self.heading.setText(self.tr("Memo: {0}").format(code_name) if code_id else self.tr("No code chosen"))
        if not typing:
            self.editor.setPlainText(own[0].text if own else "")
        self.editor.setEnabled(code_id is not None)
        self.save_button.setEnabled(code_id is not None)
        others = [m for m in memos if code_id and m.code_id == code_id and m.id != self.memo_id]
        stories = [m for m in memos if m.kind == "storyline" and m not in others]
        empty, heading = self.tr("No story line yet"), self.tr("Other memos on this code")
        shown = "".join(self._memo_html(m) for m in others)
        if shown:
            shown = f"<h3>{html.escape(heading)}</h3>{shown}<hr/>"
        self.storyline.setHtml(shown + ("".join(f"<h4>{html.escape(s.title)}</h4><p>{html.escape(s.text)}</p>"
                                                for s in stories) or f"<p><i>{html.escape(empty)}</i></p>"))

    @staticmethod
    def _memo_html(memo: Memo) -> str:
        zh, en = MEMO_KIND_LABELS.get(memo.kind, (memo.kind, memo.kind))
        text = html.escape(memo.text).replace("\n", "<br/>")
        return f"<h4>{html.escape(memo.title)} <small>({html.escape(zh)} · {html.escape(en)})</small></h4><p>{text}</p>"

    def save(self) -> None:
        if self.code_id is not None:
            self.editor.document().setModified(False)  # saved: the stored text is shown again from now on
            self.save_requested.emit(self.code_id, self.memo_id, self._title, self.editor.toPlainText())


# ---------------------------------------------------------------- search


class SearchPanel(QWidget):
    """Search across documents (traditional/simplified folded); a click jumps to the hit.

    "Code all hits" asks the window to autocode the hits with the current code."""

    hit_chosen = Signal(int, int, int)
    autocode_requested = Signal(str)

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.index: SearchIndex | None = None  # built on the first search: it reads every text
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Search all documents…"))
        self.autocode_button = QPushButton(self.tr("Code all hits…"), self)
        self.autocode_button.clicked.connect(lambda: self.autocode_requested.emit(self.box.text().strip()))
        self.count = QLabel(self)  # how many hits in how many documents
        self.results = QListWidget(self)
        _arrange(self, (self.box, self.autocode_button), ((self.count, 0), (self.results, 1)))
        self.box.returnPressed.connect(self.run)
        self.results.itemClicked.connect(self._on_click)

    def run(self) -> None:
        self.results.clear()
        self.count.clear()
        query = self.box.text().strip()
        if not query:
            return
        if self.index is None:
            self.index = SearchIndex(self._store)
        self.index.refresh()
        hits = self.index.search(query)
        for hit in hits[:SHOWN_HITS]:
            item = QListWidgetItem(f"{hit.participant or hit.document}  …{hit.left}【{hit.match}】{hit.right}…".replace("\n", " "))
            item.setData(ID_ROLE, (hit.document_id, hit.start, hit.end))
            self.results.addItem(item)
        self.count.setText(self._count_text(len(hits), len({hit.document_id for hit in hits})))

    def _count_text(self, hits: int, documents: int) -> str:
        if not hits:
            return self.tr("No hits")
        if hits == 1:
            text = self.tr("1 hit")
        elif documents == 1:
            text = self.tr("{0} hits in 1 document").format(hits)
        else:
            text = self.tr("{0} hits in {1} documents").format(hits, documents)
        return text if hits <= SHOWN_HITS else self.tr("{0} (the first {1} listed)").format(text, SHOWN_HITS)

    def _on_click(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(*item.data(ID_ROLE))
