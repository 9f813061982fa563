"""Project → Merge another project…: the merge plan shown before anything changes.

The plan comes from `coding.merge.plan_merge`; choosing how conflicts are
settled re-plans. The window runs the merge itself (one undoable action) in a
background job.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QTableWidget,
    QTableWidgetItem,
    QWidget,
)

from app.messages import say
from coding.merge import MergePlan

PREFER = ("mine", "theirs", "both")


class MergeDialog(QDialog):
    """Every decision that is not a plain match, the counts, and the choice for conflicts."""

    def __init__(self, plan: MergePlan, replan: Callable[[str], MergePlan], parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Merge another project"))
        self._replan = replan
        self.prefer = QComboBox(self)
        names = {"mine": self.tr("Keep mine"), "theirs": self.tr("Take theirs"), "both": self.tr("Keep both (theirs beside mine)")}
        for key in PREFER:
            self.prefer.addItem(names[key], key)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 6, self)
        self.table.setHorizontalHeaderLabels([self.tr("Decision"), self.tr("Item"), self.tr("Name"), self.tr("Matched by / differs in"),
                                              self.tr("Detail"), self.tr("Resolution")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Merge"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        form.addRow(self.tr("Conflicts"), self.prefer)
        form.addRow(self.summary)
        form.addRow(self.table)
        form.addRow(buttons)
        self.resize(900, 560)
        self.show_plan(plan)
        self.prefer.currentIndexChanged.connect(lambda _: self.show_plan(self._replan(self.prefer.currentData())))

    def show_plan(self, plan: MergePlan) -> None:
        self.plan = plan
        shown = [d for d in plan.decisions if d.kind != "matched"]
        self.table.setRowCount(len(shown))
        for r, d in enumerate(shown):
            for c, value in enumerate((d.kind, d.item, d.name, d.how, d.detail, d.resolution)):
                self.table.setItem(r, c, QTableWidgetItem(say(value)))
        self.table.resizeColumnsToContents()
        self.summary.setText(self.tr("From {0}. {1}").format(plan.other, say(plan.counts_message)))

    def choice(self) -> str:
        return self.prefer.currentData()
