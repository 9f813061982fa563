"""The dock widgets around the transcript: documents, code tree, coded segments, memos, search.

Each dock reads through `coding.queries` and refreshes itself from the
session's change set; none of them writes to the project.
"""

from __future__ import annotations

from PySide6.QtCore import QSortFilterProxyModel, Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHeaderView,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeView,
    QVBoxLayout,
    QWidget,
)

from app.code_tree import CodeTreeModel
from coding import queries
from coding.storage import ProjectStore
from corpus.search import SearchIndex

ID_ROLE = Qt.ItemDataRole.UserRole + 1


def _table(parent: QWidget, headers: list[str]) -> QTableWidget:
    table = QTableWidget(0, len(headers), parent)
    table.setHorizontalHeaderLabels(headers)
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
    table.verticalHeader().setVisible(False)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class DocumentsPanel(QWidget):
    """Documents in coding order: participant, codings, held out."""

    document_chosen = Signal(int)

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.table = _table(self, [self.tr("Document"), self.tr("Participant"), self.tr("Codings"), self.tr("Held out")])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.itemSelectionChanged.connect(self._on_selection)
        self.reload()

    def reload(self) -> None:
        people = {p.id: p.pid for p in queries.list_participants(self._store)}
        counts: dict[int, int] = {}
        for row in queries.list_codings(self._store):
            counts[row.document_id] = counts.get(row.document_id, 0) + 1
        docs = queries.list_documents(self._store)
        self.table.blockSignals(True)
        self.table.setRowCount(len(docs))
        for r, doc in enumerate(docs):
            values = [doc.name, people.get(doc.participant_id, ""), str(counts.get(doc.id, 0)), self.tr("yes") if doc.held_out else ""]
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                item.setData(ID_ROLE, doc.id)
                self.table.setItem(r, c, item)
        self.table.resizeColumnsToContents()
        self.table.blockSignals(False)

    def select_document(self, document_id: int) -> None:
        for r in range(self.table.rowCount()):
            if self.table.item(r, 0).data(ID_ROLE) == document_id:
                self.table.selectRow(r)

    def _on_selection(self) -> None:
        items = self.table.selectedItems()
        if items:
            self.document_chosen.emit(items[0].data(ID_ROLE))


class CodesPanel(QWidget):
    """The code tree with a filter box."""

    code_chosen = Signal(int)
    code_activated = Signal(int)  # double-click: apply to the selection

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.model = CodeTreeModel(store, self)
        self.proxy = QSortFilterProxyModel(self)
        self.proxy.setSourceModel(self.model)
        self.proxy.setRecursiveFilteringEnabled(True)
        self.proxy.setFilterCaseSensitivity(Qt.CaseSensitivity.CaseInsensitive)
        self.filter = QLineEdit(self)
        self.filter.setPlaceholderText(self.tr("Filter codes…"))
        self.filter.setClearButtonEnabled(True)
        self.tree = QTreeView(self)
        self.tree.setModel(self.proxy)
        self.tree.setUniformRowHeights(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.filter)
        layout.addWidget(self.tree)
        self.filter.textChanged.connect(self._on_filter)
        self.tree.selectionModel().currentChanged.connect(self._on_current)
        self.tree.doubleClicked.connect(self._on_double_click)
        self.tree.expandToDepth(0)

    def reload(self) -> None:
        current = self.current_code_id()
        self.model.reload()
        self.tree.expandToDepth(0)
        if current is not None:
            self.select_code(current)

    def current_code_id(self) -> int | None:
        index = self.tree.currentIndex()
        return index.data(CodeTreeModel.CODE_ID_ROLE) if index.isValid() else None

    def select_code(self, code_id: int) -> None:
        index = self.proxy.mapFromSource(self.model.index_of(code_id))
        if index.isValid():
            self.tree.scrollTo(index)
            self.tree.setCurrentIndex(index)

    def _on_filter(self, text: str) -> None:
        self.proxy.setFilterFixedString(text)
        if text:
            self.tree.expandAll()

    def _on_current(self, current, _previous) -> None:  # noqa: ANN001 - Qt indexes
        if current.isValid():
            self.code_chosen.emit(current.data(CodeTreeModel.CODE_ID_ROLE))

    def _on_double_click(self, index) -> None:  # noqa: ANN001 - Qt index
        self.code_activated.emit(index.data(CodeTreeModel.CODE_ID_ROLE))


class SegmentsPanel(QWidget):
    """Constant comparison: every segment of the chosen code and the codes below it."""

    segment_chosen = Signal(int, int, int)  # document id, start, end

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.code_id: int | None = None
        self.table = _table(self, [self.tr("Participant"), self.tr("Document"), self.tr("Code"), self.tr("Segment")])
        self.table.setWordWrap(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        self.table.cellClicked.connect(self._on_click)
        self._rows: list = []

    def show_code(self, code_id: int | None) -> None:
        self.code_id = code_id
        self._rows = list(queries.list_codings(self._store, code_id=code_id)) if code_id else []
        self.table.setRowCount(len(self._rows))
        for r, row in enumerate(self._rows):
            for c, value in enumerate([row.participant or "", row.document, row.code_path.split(">")[-1], row.text]):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()

    def _on_click(self, row: int, _column: int) -> None:
        coding = self._rows[row]
        self.segment_chosen.emit(coding.document_id, coding.start, coding.end)


class MemoPanel(QTextBrowser):
    """Memos of the chosen code, and the project's story line."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store

    def show_code(self, code_id: int | None) -> None:
        memos = [m for m in queries.list_memos(self._store) if (code_id and m.code_id == code_id) or m.kind == "storyline"]
        parts = [f"<h4>{m.title}</h4><p>{m.text}</p>" for m in memos]
        self.setHtml("".join(parts) or f"<p><i>{self.tr('No memo')}</i></p>")


class SearchPanel(QWidget):
    """Search across documents (traditional/simplified folded); a click jumps to the hit."""

    hit_chosen = Signal(int, int, int)

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self.index = SearchIndex(store)
        self.box = QLineEdit(self)
        self.box.setPlaceholderText(self.tr("Search all documents…"))
        self.results = QListWidget(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.box)
        layout.addWidget(self.results)
        self.box.returnPressed.connect(self.run)
        self.results.itemClicked.connect(self._on_click)

    def run(self) -> None:
        self.results.clear()
        query = self.box.text().strip()
        if not query:
            return
        self.index.refresh()
        for hit in self.index.search(query)[:500]:
            item = QListWidgetItem(f"{hit.participant or hit.document}  …{hit.left}【{hit.match}】{hit.right}…".replace("\n", " "))
            item.setData(ID_ROLE, (hit.document_id, hit.start, hit.end))
            self.results.addItem(item)

    def _on_click(self, item: QListWidgetItem) -> None:
        self.hit_chosen.emit(*item.data(ID_ROLE))
