"""Analyse → Agreement: inter-coder agreement per code and overall, and the disagreements to walk through.

The numbers come from `coding.agreement.agreement` (run in a background job);
clicking a disagreement asks the window to show that passage.
"""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.messages import say
from coding.agreement import UNITS, AgreementReport

ROLE = Qt.ItemDataRole.UserRole + 1


def _number(value: float | None, percent: bool = False) -> str:
    if value is None:
        return "—"
    return f"{value:.1f} %" if percent else f"{value:.3f}"


class AgreementPanel(QWidget):
    """Choose the unit (and overlap for segments), run, read the table, walk the disagreements."""

    run_requested = Signal(str, float, list, bool)  # unit, overlap, coder names, only documents all coded
    disagreement_chosen = Signal(str, int, int)  # document name, start, end

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        unit_names = {"document": self.tr("Document (code existence)"),
                      "frequency": self.tr("Document (code frequency)"), "sentence": self.tr("Sentence"), "turn": self.tr("Speaker turn"),
                      "char": self.tr("Character"), "segment": self.tr("Segment (overlap)")}
        self.unit = QComboBox(self)
        for key in UNITS:
            self.unit.addItem(unit_names[key], key)
        self.overlap = QDoubleSpinBox(self)
        self.overlap.setRange(0.05, 1.0)
        self.overlap.setSingleStep(0.05)
        self.overlap.setValue(0.9)
        self.coders = QListWidget(self)
        self.coders.setMaximumHeight(70)
        self.both_coded = QCheckBox(self.tr("Only documents all coded"), self)
        self.both_coded.setToolTip(self.tr(
            "Compare only the documents every chosen coder has coded. Unticked (as MAXQDA), a document one coder "
            "left uncoded is compared too, and the other coder's codings there count as disagreements."))
        self.run_button = QPushButton(self.tr("Compute"), self)
        self.run_button.clicked.connect(self.request)
        controls = QHBoxLayout()
        for label, widget in ((self.tr("Unit"), self.unit), (self.tr("Overlap"), self.overlap)):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addWidget(self.both_coded)
        controls.addWidget(self.coders, 1)
        controls.addWidget(self.run_button)
        self.summary = QLabel(self)
        self.summary.setWordWrap(True)
        self.table = QTableWidget(0, 10, self)
        self._set_headers(2)
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.disagreements = QListWidget(self)
        self.disagreements.itemClicked.connect(self._on_disagreement)
        split = QSplitter(Qt.Orientation.Horizontal, self)
        split.addWidget(self.table)
        split.addWidget(self.disagreements)
        split.setSizes([600, 400])
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(controls)
        layout.addWidget(self.summary)
        layout.addWidget(split, 1)
        self.report: AgreementReport | None = None

    def _set_headers(self, coders: int) -> None:
        """Cohen's κ for two coders, Fleiss' κ for three or more."""
        self.table.setHorizontalHeaderLabels([
            self.tr("Code"), self.tr("Agreement"), self.tr("Agreement (coded only)"),
            "κ" if coders == 2 else "Fleiss κ", "α", "Brennan–Prediger κ", "Holsti K", self.tr("Composite R"), "n",
            self.tr("Notes")])
        self.table.horizontalHeaderItem(2).setToolTip(self.tr(
            "Agreement over the decisions some coder said present: by character, over coded characters only"))

    def set_coders(self, coders: list[tuple[str, int]]) -> None:
        """The coders with their numbers of codings: those with codings are ticked (or the user's choice kept);
        a coder without codings is listed, unticked and greyed, saying so."""
        checked = set(self.chosen_coders())
        self.coders.clear()
        for name, codings in coders:
            item = QListWidgetItem(name if codings else self.tr("{0} (no codings)").format(name), self.coders)
            item.setData(Qt.ItemDataRole.UserRole, name)
            if codings:
                item.setCheckState(Qt.CheckState.Checked if not checked or name in checked else Qt.CheckState.Unchecked)
            else:
                item.setCheckState(Qt.CheckState.Unchecked)
                item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled)
                item.setToolTip(self.tr("{0} has made no codings yet: there is nothing of theirs to compare").format(name))

    def chosen_coders(self) -> list[str]:
        return [self.coders.item(i).data(Qt.ItemDataRole.UserRole) for i in range(self.coders.count())
                if self.coders.item(i).checkState() == Qt.CheckState.Checked]

    def request(self) -> None:
        self.run_requested.emit(self.unit.currentData(), self.overlap.value(), self.chosen_coders(),
                                self.both_coded.isChecked())

    def show_report(self, report: AgreementReport) -> None:
        self.report = report
        rows = [(self.tr("Overall"), report.overall)] + [(c.code, c) for c in report.codes]
        two = len(report.coders) == 2
        self._set_headers(len(report.coders))
        self.table.setRowCount(len(rows))
        for r, (name, m) in enumerate(rows):
            values = [name, _number(m.percent, percent=True), _number(m.percent_coded, percent=True),
                      _number(m.kappa if two else m.fleiss), _number(m.alpha), _number(m.bp), _number(m.holsti),
                      _number(m.composite), str(m.n), "；".join(say(reason) for reason in (*m.undefined, *m.notes))]
            for c, value in enumerate(values):
                self.table.setItem(r, c, QTableWidgetItem(value))
        self.table.resizeColumnsToContents()
        documents = (self.tr("{0} documents all coded") if report.both_coded
                     else self.tr("{0} documents any of them coded")).format(len(report.documents))
        self.summary.setText(self.tr("{0}: {1} on {2} — agreement {3}, κ {4}, α {5}").format(
            self.unit.currentText(), "、".join(report.coders), documents,
            _number(report.overall.percent, percent=True), _number(report.overall.kappa), _number(report.overall.alpha)))
        self.disagreements.clear()
        for d in report.disagreements[:2000]:
            text = self.tr("{0} [{1}–{2}] {3}: coded by {4}, not by {5}").format(
                d.document, d.start, d.end, d.code, "、".join(d.coded_by), "、".join(d.not_by))
            item = QListWidgetItem(text, self.disagreements)
            item.setData(ROLE, (d.document, d.start, d.end))

    def _on_disagreement(self, item: QListWidgetItem) -> None:
        self.disagreement_chosen.emit(*item.data(ROLE))
