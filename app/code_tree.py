"""The code tree: a thin QAbstractItemModel over plain nodes built from the code catalog and coding tally.

Rows are codes in tree order (or sorted by a column); columns are name,
codings and documents, counted with every code below. The model filters and
sorts its own nodes: Qt's proxy models call back into Python for parents
hundreds of thousands of times on a 1,000-code tree, which is too slow to
filter as one types. It is rebuilt when codes change, recounted in place when
codings change, and never writes: renames, moves and merges go through undo
commands.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

from PySide6.QtCore import (
    QAbstractItemModel,
    QByteArray,
    QCollator,
    QLocale,
    QMimeData,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QGuiApplication, QIcon, QPainter, QPixmap

from coding.tallies import CodeCatalog, CodingTally
from coding.values import Code

CODE_MIME = "application/x-zhagen-code"
SPAN_MIME = "application/x-zhagen-span"  # a transcript selection being dragged
# Combined once: Python enum arithmetic costs microseconds, and Qt asks for these thousands of times.
CODE_FLAGS = (Qt.ItemFlag.ItemIsDropEnabled | Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
              | Qt.ItemFlag.ItemIsDragEnabled)
WARNING_COLOUR = QColor("#c05000")
RIGHT_ALIGNED = int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
LEVEL_MARK = {"concept": "a", "category": "A", "main": "AA", "core": "核", "none": ""}
CODE_ID_ROLE = Qt.ItemDataRole.UserRole + 1
TREE_ROLES = frozenset({CODE_ID_ROLE} | {role.value for role in (  # the roles data() answers, as the ints views pass
    Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ForegroundRole, Qt.ItemDataRole.DecorationRole,
    Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.TextAlignmentRole)})


@dataclass(eq=False)
class CodeNode:
    code: Code | None  # None for the invisible root
    parent: "CodeNode | None" = None
    children: list["CodeNode"] = field(default_factory=list)
    own: Counter[int] = field(default_factory=Counter)  # document → codings of this code alone
    total: Counter[int] = field(default_factory=Counter)  # the same with every code below it
    shown: list["CodeNode"] = field(default_factory=list)  # children that pass the filter, in display order
    at: int = 0  # row among the parent's shown children

    def row(self) -> int:
        return self.at

    @property
    def codings(self) -> int:
        return sum(self.total.values())

    @property
    def documents(self) -> int:
        return len(self.total)

    def recount(self) -> None:
        self.total = Counter(self.own)
        for child in self.children:
            self.total.update(child.total)


def _bump(counts: Counter[int], key: int, step: int) -> None:
    counts[key] += step
    if counts[key] <= 0:
        del counts[key]


def build_tree(catalog: CodeCatalog, tally: CodingTally) -> tuple[CodeNode, dict[int, CodeNode]]:
    root = CodeNode(None)
    nodes: dict[int, CodeNode] = {}
    for code in catalog.codes.values():  # tree order: parents come first
        parent = nodes.get(code.parent_id, root) if code.parent_id else root
        node = CodeNode(code, parent, own=Counter(tally.code_documents(code.id)))
        parent.children.append(node)
        nodes[code.id] = node
    for node in reversed(list(nodes.values())):  # children before their parents
        node.recount()
    return root, nodes


def swatch(colour: str, mark: str) -> QIcon:
    """A coloured square with the GT level's letter, as the tree's icon."""
    pixmap = QPixmap(16, 16)
    pixmap.fill(QColor(colour))
    if mark:
        painter = QPainter(pixmap)
        painter.setPen(QColor("white") if QColor(colour).lightness() < 140 else QColor("black"))
        font = painter.font()
        font.setPixelSize(9 if len(mark) > 1 else 11)
        font.setBold(True)
        painter.setFont(font)
        painter.drawText(pixmap.rect(), Qt.AlignmentFlag.AlignCenter, mark)
        painter.end()
    return QIcon(pixmap)


class CodeTreeModel(QAbstractItemModel):
    """Drag codes onto a code to make them its subcodes (with Shift held: to merge them into it), between
    codes to move them there; drop a text selection on a code to code it. The model only reports these as
    signals; the window asks and runs the services."""

    CODE_ID_ROLE = CODE_ID_ROLE
    move_requested = Signal(list, object, object)  # code ids, new parent id (None: top), index among the others (None: last)
    merge_requested = Signal(list, int)  # source code ids, target code id
    code_drop_requested = Signal(int)  # a text selection dropped on this code

    def __init__(self, catalog: CodeCatalog, tally: CodingTally, parent: QObject | None = None):
        super().__init__(parent)
        self._root = CodeNode(None)
        self._nodes: dict[int, CodeNode] = {}
        self._icons: dict[tuple[str, str], QIcon] = {}
        self._filter = ""
        self._visible: set[int] | None = None
        self._labels: dict[int, str] = {}  # GT labels (a1, A1, AA1) by code id
        self._warnings: dict[int, str] = {}  # level warnings (a concept holding categories)
        self.show_labels = False
        self.sort_column, self.sort_order = -1, Qt.SortOrder.AscendingOrder
        self._collator = QCollator(QLocale(QLocale.Language.Chinese, QLocale.Country.China))
        self.reload(catalog, tally)

    def reload(self, catalog: CodeCatalog, tally: CodingTally) -> None:
        """Rebuild from the code system (after codes were added, renamed, moved, merged)."""
        self._tally = tally
        self.beginResetModel()
        self._root, self._nodes = build_tree(catalog, tally)
        self._visible = self.matching(self._filter) if self._filter else None
        self._arrange(self._root)
        self.endResetModel()

    def set_annotations(self, labels: dict[int, str], warnings: dict[int, str]) -> None:
        """GT labels to show before names (when show_labels) and level warnings to flag."""
        self._labels, self._warnings = labels, warnings
        self._repaint_names()

    def set_show_labels(self, show: bool) -> None:
        self.show_labels = show
        self._repaint_names()

    def _repaint_names(self) -> None:
        # Rows stay where they are; views re-read every name (dataChanged would need one signal per parent).
        self.layoutAboutToBeChanged.emit()
        self.layoutChanged.emit()

    def set_filter(self, text: str) -> bool:
        """Show only codes whose name contains `text` (case-insensitive), with their parents.

        Returns whether the rows shown changed (typing on often keeps the same matches)."""
        visible = self.matching(text) if text else None
        self._filter = text
        if visible == self._visible:
            return False
        self.beginResetModel()
        self._visible = visible
        self._arrange(self._root)
        self.endResetModel()
        return True

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        """Siblings by name (0, Chinese collation), codings (1) or documents (2); -1: the code system's order."""
        self.layoutAboutToBeChanged.emit()
        old = self.persistentIndexList()
        nodes = [self._node(i) for i in old]
        self.sort_column, self.sort_order = column, order
        self._arrange(self._root)
        self.changePersistentIndexList(old, [self.createIndex(n.at, i.column(), n) if n.code is not None else QModelIndex()
                                             for n, i in zip(nodes, old)])
        self.layoutChanged.emit()

    def _arrange(self, node: CodeNode) -> None:
        visible = self._visible
        keys = {0: lambda n: self._collator.sortKey(n.code.name), 1: lambda n: n.codings, 2: lambda n: n.documents}
        stack = [node]
        while stack:
            current = stack.pop()
            kids = [c for c in current.children if visible is None or c.code.id in visible]
            if self.sort_column in keys:
                kids.sort(key=keys[self.sort_column], reverse=self.sort_order == Qt.SortOrder.DescendingOrder)
            for i, kid in enumerate(kids):
                kid.at = i
            current.shown = kids
            stack.extend(kids)

    def update_counts(self, moves: tuple) -> None:
        """Count codings that came, went or moved (CodingTally.update's (before, after) pairs) into each
        code and the codes above it, in place: no reset, only the touched rows repaint."""
        touched: set[CodeNode] = set()
        for before, after in moves:
            for position, step in ((before, -1), (after, 1)):
                if position is None or position.code_id not in self._nodes:
                    continue
                node = self._nodes[position.code_id]
                _bump(node.own, position.document_id, step)
                while node is not None and node is not self._root:
                    _bump(node.total, position.document_id, step)
                    touched.add(node)
                    node = node.parent
        for node in touched:
            if node.parent is not None and node in node.parent.shown:
                self.dataChanged.emit(self.createIndex(node.at, 1, node), self.createIndex(node.at, 2, node))

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole):  # noqa: N802
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return (self.tr("Code"), self.tr("Codings"), self.tr("Documents"))[section]
        return None

    def _node(self, index: QModelIndex | QPersistentModelIndex) -> CodeNode:
        return index.internalPointer() if index.isValid() else self._root

    def index(self, row: int, column: int, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:
        node = self._node(parent)
        if not (0 <= row < len(node.shown) and 0 <= column < 3):
            return QModelIndex()
        return self.createIndex(row, column, node.shown[row])

    def parent(self, index: QModelIndex | QPersistentModelIndex = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid():
            return QModelIndex()
        node = self._node(index).parent
        if node is None or node is self._root:
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        if parent.isValid() and parent.column() != 0:
            return 0
        return len(self._node(parent).shown)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: N802
        return 3

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = Qt.ItemDataRole.DisplayRole):
        if role not in TREE_ROLES or not index.isValid():  # most of what a repaint asks for is not set
            return None
        node = self._node(index)
        code = node.code
        column = index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            if column == 0:
                label = self._labels.get(code.id) if self.show_labels else None
                return f"{label}  {code.name}" if label else code.name
            return (node.codings, node.documents)[column - 1]
        if role == Qt.ItemDataRole.ForegroundRole and column == 0 and code.id in self._warnings:
            return WARNING_COLOUR
        if role == Qt.ItemDataRole.DecorationRole and column == 0:
            key = (code.colour, LEVEL_MARK.get(code.level, ""))
            if key not in self._icons:
                self._icons[key] = swatch(*key)
            return self._icons[key]
        if role == Qt.ItemDataRole.ToolTipRole:
            if column == 0:
                return "\n\n".join(x for x in (code.definition or code.name, self._warnings.get(code.id, "")) if x)
            own = sum(node.own.values())
            return self.tr("{0} codings of this code, {1} with its subcodes; in {2} documents").format(
                own, node.codings, node.documents)
        if role == Qt.ItemDataRole.TextAlignmentRole and column > 0:
            return RIGHT_ALIGNED
        if role == self.CODE_ID_ROLE:
            return code.id
        return None

    # ------------------------------------------------------ drag and drop

    def flags(self, index: QModelIndex | QPersistentModelIndex) -> Qt.ItemFlag:
        return CODE_FLAGS if index.isValid() else Qt.ItemFlag.ItemIsDropEnabled

    def supportedDropActions(self) -> Qt.DropAction:  # noqa: N802
        return Qt.DropAction.MoveAction | Qt.DropAction.CopyAction

    def mimeTypes(self) -> list[str]:  # noqa: N802
        return [CODE_MIME, SPAN_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:  # noqa: N802
        data = QMimeData()
        ids = list(dict.fromkeys(self._node(i).code.id for i in sorted(indexes, key=self.display_order) if i.isValid()))
        if ids:
            data.setData(CODE_MIME, QByteArray(",".join(map(str, ids)).encode()))
        return data

    def display_order(self, index: QModelIndex) -> tuple[int, ...]:
        rows = []
        while index.isValid():
            rows.append(index.row())
            index = index.parent()
        return tuple(reversed(rows))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int,  # noqa: N802
                     parent: QModelIndex | QPersistentModelIndex) -> bool:
        target = self._node(parent).code
        if data.hasFormat(SPAN_MIME):
            if target is not None:
                self.code_drop_requested.emit(target.id)
            return False
        if not data.hasFormat(CODE_MIME):
            return False
        ids = [int(x) for x in bytes(data.data(CODE_MIME)).decode().split(",") if x]
        if row < 0 and target is not None:  # dropped onto a code
            if QGuiApplication.keyboardModifiers() & Qt.KeyboardModifier.ShiftModifier:
                sources = [i for i in ids if i != target.id]
                if sources:
                    self.merge_requested.emit(sources, target.id)
            elif target.id not in ids:
                self.move_requested.emit(ids, target.id, None)
        else:  # dropped between codes: there, among the codes that stay (rows shown → the code system's order)
            holder, moving = self._node(parent), set(ids)
            below = holder.shown[row:] if row >= 0 else []  # dropped on empty space: after the last
            anchor = next((n for n in below if n.code.id not in moving), None)
            others = [n for n in holder.children if n.code.id not in moving]
            self.move_requested.emit(ids, target.id if target else None,
                                     others.index(anchor) if anchor is not None else None)
        return False  # the window changes the project; the model is rebuilt from it

    def matching(self, text: str) -> set[int]:
        """Ids of the codes whose name contains `text` (case-insensitive), with their parents."""
        needle = text.casefold()
        found: set[int] = set()
        for code_id, node in self._nodes.items():
            if needle in node.code.name.casefold():
                while node is not None and node.code is not None and node.code.id not in found:
                    found.add(node.code.id)
                    node = node.parent
        return found

    def index_of(self, code_id: int) -> QModelIndex:
        """The code's index; invalid when there is no such code or the filter hides it."""
        node = self._nodes.get(code_id)
        if node is None or (self._visible is not None and code_id not in self._visible):
            return QModelIndex()
        return self.createIndex(node.row(), 0, node)

    def code(self, index: QModelIndex) -> Code | None:
        return self._node(index).code if index.isValid() else None

