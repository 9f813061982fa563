"""Analysis views: the saturation curve and test, the memo list, the emergence trail, snapshot comparison.

Both read plain values computed in `coding/` (`coding.gt.saturation_of`,
`coding.gt.filter_memos`) and never write; a memo opened from the list is shown
through the window.
"""

from __future__ import annotations

from datetime import date, datetime, timezone

from PySide6.QtCore import QDate, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDateEdit,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QTextBrowser,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.messages import say
from coding import gt
from coding.storage import ProjectStore
from coding.tallies import CodeCatalog
from coding.values import Memo
from coding.vocab import MEMO_KIND_LABELS

CONCEPT_COLOUR, CATEGORY_COLOUR, HELD_OUT_SHADE = "#1f77b4", "#d62728", QColor(255, 200, 0, 45)


class SaturationChart(QWidget):
    """Cumulative concepts and categories per document in coding order; held-out documents shaded."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.rows: tuple[gt.SaturationRow, ...] = ()
        self.setMinimumHeight(180)

    def set_rows(self, rows: tuple[gt.SaturationRow, ...]) -> None:
        self.rows = rows
        self.update()

    def plot_area(self) -> QRectF:
        return QRectF(self.rect()).adjusted(44, 14, -14, -40)

    def point(self, index: int, value: int) -> QPointF:
        """Where document `index` (0-based) with cumulative `value` is drawn."""
        area, count = self.plot_area(), max(len(self.rows), 1)
        top = max((max(r.total_concepts, r.total_categories) for r in self.rows), default=1) or 1
        x = area.left() + (index + 0.5) * area.width() / count
        return QPointF(x, area.bottom() - value * area.height() / top)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), self.palette().base())
        area = self.plot_area()
        painter.setPen(self.palette().text().color())
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        painter.drawLine(area.bottomLeft(), area.topLeft())
        if not self.rows:
            painter.drawText(area, Qt.AlignmentFlag.AlignCenter, self.tr("No documents yet"))
            return
        step = area.width() / len(self.rows)
        for i, row in enumerate(self.rows):
            if row.held_out:
                painter.fillRect(QRectF(area.left() + i * step, area.top(), step, area.height()), HELD_OUT_SHADE)
            label = row.participant or row.document
            painter.save()
            painter.translate(area.left() + (i + 0.5) * step, area.bottom() + 6)
            painter.rotate(35)
            painter.drawText(0, 10, label[:8])
            painter.restore()
        top = max(max(r.total_concepts, r.total_categories) for r in self.rows)
        painter.drawText(QRectF(0, area.top() - 7, 40, 14), Qt.AlignmentFlag.AlignRight, str(top))
        painter.drawText(QRectF(0, area.bottom() - 7, 40, 14), Qt.AlignmentFlag.AlignRight, "0")
        for colour, values, name in (
            (CONCEPT_COLOUR, [r.total_concepts for r in self.rows], self.tr("concepts")),
            (CATEGORY_COLOUR, [r.total_categories for r in self.rows], self.tr("categories")),
        ):
            path = QPainterPath(self.point(0, values[0]))
            for i, value in enumerate(values[1:], 1):
                path.lineTo(self.point(i, value))
            painter.setPen(QPen(QColor(colour), 2))
            painter.drawPath(path)
            for i, value in enumerate(values):
                painter.drawEllipse(self.point(i, value), 2.5, 2.5)
            end = self.point(len(values) - 1, values[-1])
            above = end.y() - 22 >= self.plot_area().top()
            box = QRectF(end.x() - 130, end.y() - 22 if above else end.y() + 6, 120, 16)
            painter.fillRect(box, self.palette().base())
            painter.drawText(box, Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter, f"{name} {values[-1]}")
        painter.end()


class SaturationPanel(QWidget):
    """The saturation curve, the per-document table and the held-out test's verdict."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.chart = SaturationChart(self)
        self.verdict = QLabel(self)
        self.verdict.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Document"), self.tr("New concepts"), self.tr("New categories"),
                                              self.tr("New relations"), self.tr("Concepts so far"),
                                              self.tr("Categories so far")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        for column in (1, 2, 3):  # the lists of new codes share the width; the tooltip has them whole
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.chart, 2)
        layout.addWidget(self.verdict)
        layout.addWidget(self.table, 1)
        self.result: gt.Saturation | None = None

    def reload(self) -> None:
        self.result = gt.saturation_of(self._store)
        self.chart.set_rows(self.result.rows)
        self.table.setRowCount(len(self.result.rows))
        for r, row in enumerate(self.result.rows):
            name = row.document + (self.tr(" (held out)") if row.held_out else "")
            if row.coded:
                values = [name, "、".join(_leaf(p) for p in row.new_concepts), "、".join(_leaf(p) for p in row.new_categories),
                          "、".join(row.new_relations), str(row.total_concepts), str(row.total_categories)]
            else:  # nothing coded yet: "nothing new" would mean nothing
                values = [name, self.tr("not coded yet"), "", "", "", ""]
            lists = {1: row.new_concepts, 2: row.new_categories, 3: row.new_relations}
            for c, value in enumerate(values):
                item = QTableWidgetItem(value)
                if c in lists and row.coded:
                    item.setToolTip("\n".join(lists[c]))
                self.table.setItem(r, c, item)
        self.verdict.setText(self.verdict_text(self.result))

    def verdict_text(self, result: gt.Saturation) -> str:
        if result.uncoded_held_out:
            return self.tr("Saturation test not done yet: code the held-out documents first ({0}).").format(
                "、".join(result.uncoded_held_out))
        if not result.tested:
            return self.tr("Saturation test: mark documents as held out and code them last.")
        if result.saturated:
            return self.tr("Saturation test passed: the held-out documents produced no new concept, category or relation.")
        return self.tr("Not saturated: the held-out documents produced {0} new concepts, {1} new categories and {2} new "
                       "relations: {3}").format(
            len(result.held_out_new_concepts), len(result.held_out_new_categories), len(result.held_out_new_relations),
            "、".join([_leaf(p) for p in result.held_out_new_concepts + result.held_out_new_categories]
                     + list(result.held_out_new_relations)))


def _leaf(path: str) -> str:
    return path.rsplit(">", 1)[-1]


class MemoListPanel(QWidget):
    """Every memo, filterable by type, code and date; choosing one shows it below."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._memos: tuple[Memo, ...] = ()
        self._catalog = CodeCatalog()
        self.kind = QComboBox(self)
        self.kind.addItem(self.tr("All types"), None)
        for key, (zh, en) in MEMO_KIND_LABELS.items():
            self.kind.addItem(f"{zh} ({en})", key)
        self.code = QComboBox(self)
        self.since = QDateEdit(self)
        self.since.setCalendarPopup(True)
        self.since.setDisplayFormat("yyyy-MM-dd")
        self.since.setSpecialValueText(self.tr("any date"))
        self.since.setMinimumDate(QDate(2000, 1, 1))
        self.since.setDate(self.since.minimumDate())
        filters = QHBoxLayout()
        for label, widget in ((self.tr("Type"), self.kind), (self.tr("Code"), self.code), (self.tr("Since"), self.since)):
            filters.addWidget(QLabel(label, self))
            filters.addWidget(widget, 1)
        self.table = QTableWidget(0, 4, self)
        self.table.setHorizontalHeaderLabels([self.tr("Title"), self.tr("Type"), self.tr("Code"), self.tr("Updated")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.view = QTextBrowser(self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(filters)
        layout.addWidget(self.table, 2)
        layout.addWidget(self.view, 1)
        self.kind.currentIndexChanged.connect(self.refresh)
        self.code.currentIndexChanged.connect(self.refresh)
        self.since.dateChanged.connect(self.refresh)
        self.table.currentCellChanged.connect(self._on_current)
        self.shown: list[Memo] = []

    def reload(self, catalog: CodeCatalog) -> None:
        from coding import queries

        self._memos = queries.list_memos(self._store)
        self._catalog = catalog
        current = self.code.currentData()
        self.code.blockSignals(True)
        self.code.clear()
        self.code.addItem(self.tr("All codes"), None)
        for code_id in sorted({m.code_id for m in self._memos if m.code_id in catalog.paths}, key=lambda c: catalog.paths[c]):
            self.code.addItem(catalog.paths[code_id], code_id)
        index = self.code.findData(current)
        self.code.setCurrentIndex(max(index, 0))
        self.code.blockSignals(False)
        self.refresh()

    def refresh(self) -> None:
        since = None
        if self.since.date() != self.since.minimumDate():
            d = self.since.date()
            since = datetime(d.year(), d.month(), d.day(), tzinfo=timezone.utc)
        self.shown = list(gt.filter_memos(self._memos, kind=self.kind.currentData(), code_id=self.code.currentData(), since=since))
        self.table.setRowCount(len(self.shown))
        for r, memo in enumerate(self.shown):
            kind = self.kind_names().get(memo.kind, memo.kind)
            updated = memo.updated_at.date().isoformat() if isinstance(memo.updated_at, (datetime, date)) else str(memo.updated_at)
            for c, value in enumerate([memo.title, kind, self._catalog.paths.get(memo.code_id, ""), updated]):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        self.view.clear()

    def kind_names(self) -> dict[str, str]:
        """The memo types in the interface's language (coding.vocab.MEMO_KIND_LABELS has both)."""
        return {"memo": self.tr("Memo"), "storyline": self.tr("Story line"), "code_note": self.tr("Code note"),
                "theoretical": self.tr("Theoretical memo"), "operational": self.tr("Operational memo")}

    def _on_current(self, row: int, *_args: int) -> None:
        if 0 <= row < len(self.shown):
            memo = self.shown[row]
            self.view.setPlainText(f"{memo.title}\n\n{memo.text}")


class TrailPanel(QWidget):
    """How each category emerged: main category → category → concept, the first quote that created each, and
    every later rename, move, merge and split (from the event log)."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.tree = QTreeWidget(self)
        self.tree.setHeaderLabels([self.tr("Code"), self.tr("First quote"), self.tr("Document"), self.tr("Participant"),
                                   self.tr("Date"), self.tr("Coder"), self.tr("Later changes")])
        self.tree.setUniformRowHeights(True)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.tree)

    def reload(self) -> None:
        self.tree.clear()
        for main in gt.trail_of(self._store):
            top = self._item(self.tree.invisibleRootItem(), main.path or self.tr("(under no main category)"),
                             main.first_quote, main.history)
            self._add_children(top, main.children)
        self.tree.expandAll()  # sized with every level open, so quotes and dates are not cut at the second level
        for column in range(self.tree.columnCount()):
            self.tree.resizeColumnToContents(column)
            if column in (0, 1, 6):  # names, quotes and histories can be long: the tooltip has them whole
                self.tree.setColumnWidth(column, min(self.tree.columnWidth(column), 360))
        self.tree.collapseAll()
        self.tree.expandToDepth(0)

    def _add_children(self, parent: QTreeWidgetItem, nodes: tuple[gt.TrailNode, ...]) -> None:
        for node in nodes:
            item = self._item(parent, _leaf(node.path), node.first_quote, node.history)
            self._add_children(item, node.children)

    @staticmethod
    def _item(parent: QTreeWidgetItem, name: str, quote: gt.FirstQuote | None,
              history: tuple[gt.TrailStep, ...]) -> QTreeWidgetItem:
        changes = "；".join(f"{step.at[:10]} {say(step.detail)}" for step in history if step.action != "created")
        values = [name, quote.text if quote else "", quote.document if quote else "", (quote.participant or "") if quote else "",
                  quote.date if quote else "", quote.coder if quote else "", changes]
        item = QTreeWidgetItem(parent, values)
        item.setToolTip(1, quote.text if quote else "")
        item.setToolTip(6, "\n".join(f"{s.at[:16].replace('T', ' ')} {s.coder or ''}: {say(s.detail)}" for s in history))
        return item


class SnapshotCompareDialog(QDialog):
    """Two snapshots of the code system (or one and now): codes added, removed, renamed, moved and merged."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        from coding import queries

        self.setWindowTitle(self.tr("Compare snapshots"))
        self._store = store
        self.snapshots = queries.list_snapshots(store)
        self.first, self.second = QComboBox(self), QComboBox(self)
        for snapshot in self.snapshots:
            label = f"{snapshot.name}  ({snapshot.created_at.astimezone().strftime('%Y-%m-%d %H:%M')})"
            self.first.addItem(label, snapshot.id)
            self.second.addItem(label, snapshot.id)
        self.second.addItem(self.tr("Now"), None)
        self.second.setCurrentIndex(self.second.count() - 1)
        self.result = QTextBrowser(self)
        row = QHBoxLayout()
        row.addWidget(self.first, 1)
        row.addWidget(QLabel("→", self))
        row.addWidget(self.second, 1)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(self.result, 1)
        layout.addWidget(buttons)
        self.first.currentIndexChanged.connect(self.compare)
        self.second.currentIndexChanged.connect(self.compare)
        self.resize(720, 520)
        self.compare()

    def diff(self) -> gt.SnapshotDiff | None:
        by_id = {s.id: s for s in self.snapshots}
        first = by_id.get(self.first.currentData())
        if first is None:
            return None
        second = by_id.get(self.second.currentData())
        after = second.payload["codes"] if second else gt.current_code_system(self._store)
        merges = gt.merges_between(self._store, first.created_at, second.created_at if second else None)
        return gt.snapshot_diff(first.payload["codes"], after, merges)

    def compare(self) -> None:
        diff = self.diff()
        if diff is None:
            self.result.setPlainText(self.tr("No snapshot yet: Analyse → Take a snapshot of the code system."))
            return
        parts = []
        for title, items in ((self.tr("Added"), diff.added), (self.tr("Removed"), diff.removed),
                             (self.tr("Renamed"), [f"{a} → {b}" for a, b in diff.renamed]),
                             (self.tr("Moved"), [f"{a} → {b}" for a, b in diff.moved]),
                             (self.tr("Merged"), [f"{a} → {b}" for a, b in diff.merged])):
            parts.append(f"{title} ({len(items)})\n" + "\n".join(f"  {x}" for x in items))
        self.result.setPlainText("\n\n".join(parts))
