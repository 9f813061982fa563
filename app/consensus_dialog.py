"""The consensus pass (Analyse → Consensus…): walk two coders' codings item by item and settle one master coding.

A thin view over coding/services/consensus.py: it shows one item (the
passage, each coder's quotes), and each button (accept one coder, both,
neither) is one service call pushed on the session's undo stack, so Edit →
Undo takes a decision back. The dialog reads the items again after every
change (its own, an undo, another window's), so it always shows what is
stored; the progress line counts the decided items.
"""

from __future__ import annotations

from html import escape

from PySide6.QtWidgets import (
    QCheckBox, QComboBox, QDialog, QHBoxLayout, QLabel, QPushButton, QSpinBox, QTextBrowser, QVBoxLayout, QWidget,
)

from app.session import ProjectSession
from coding import queries
from coding.errors import ZhagenError
from coding.services import consensus
from coding.values import Changes


class ConsensusDialog(QDialog):
    def __init__(self, session: ProjectSession, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Consensus"))
        self.session = session
        self.items: tuple[consensus.Item, ...] = ()
        self.current: consensus.Item | None = None
        self.coder_a, self.coder_b = QComboBox(), QComboBox()
        self.undecided_only = QCheckBox(self.tr("Only undecided items"))
        self.undecided_only.setChecked(True)
        self.progress = QLabel()
        self.where = QLabel()
        self.where.setWordWrap(True)
        self.quotes = QTextBrowser()
        self.previous_button = QPushButton(self.tr("◀ Previous"))
        self.next_button = QPushButton(self.tr("Next ▶"))
        self.agreed_button = QPushButton(self.tr("Take all identical codings"))
        self.accept_a = QPushButton()
        self.accept_b = QPushButton()
        self.both_button = QPushButton(self.tr("Both"))
        self.neither_button = QPushButton(self.tr("Neither"))
        self.span_start, self.span_end = QSpinBox(), QSpinBox()
        self.span_button = QPushButton(self.tr("Accept this span"))

        choose = QHBoxLayout()
        for widget in (QLabel(self.tr("Coders:")), self.coder_a, self.coder_b, self.undecided_only):
            choose.addWidget(widget)
        choose.addStretch(1)
        walk = QHBoxLayout()
        for widget in (self.previous_button, self.next_button, self.agreed_button):
            walk.addWidget(widget)
        walk.addStretch(1)
        decide = QHBoxLayout()
        for widget in (self.accept_a, self.accept_b, self.both_button, self.neither_button):
            decide.addWidget(widget)
        layout = QVBoxLayout(self)
        for part in (choose, walk):
            layout.addLayout(part)
        layout.addWidget(self.progress)
        layout.addWidget(self.where)
        layout.addWidget(self.quotes, 1)
        layout.addLayout(decide)
        edit = QHBoxLayout()
        for widget in (QLabel(self.tr("Edited span:")), self.span_start, QLabel("–"), self.span_end, self.span_button):
            edit.addWidget(widget)
        edit.addStretch(1)
        layout.addLayout(edit)

        self._fill_coders()
        self.coder_a.currentIndexChanged.connect(self._on_coders)
        self.coder_b.currentIndexChanged.connect(self._on_coders)
        self.undecided_only.toggled.connect(self._on_coders)
        self.previous_button.clicked.connect(lambda: self._step(-1))
        self.next_button.clicked.connect(lambda: self._step(1))
        self.agreed_button.clicked.connect(self._on_take_agreed)
        self.accept_a.clicked.connect(lambda: self._decide("accept", self.coder_a.currentText()))
        self.accept_b.clicked.connect(lambda: self._decide("accept", self.coder_b.currentText()))
        self.both_button.clicked.connect(lambda: self._decide("both"))
        self.neither_button.clicked.connect(lambda: self._decide("neither"))
        self.span_button.clicked.connect(
            lambda: self._decide("edit", span=(self.span_start.value(), self.span_end.value())))
        session.changed.connect(self._on_changed)
        self.resize(720, 480)
        self.reload()

    # ------------------------------------------------------------ reading

    def coders(self) -> list[str]:
        return [self.coder_a.currentText(), self.coder_b.currentText()]

    def _fill_coders(self) -> None:
        counts = queries.coding_counts_by_coder(self.session.store)
        names = [c.name for c in queries.list_coders(self.session.store)
                 if counts.get(c.id) and c.name != consensus.CONSENSUS_CODER]
        for box, at in ((self.coder_a, 0), (self.coder_b, 1)):
            box.blockSignals(True)
            box.addItems(names)
            box.setCurrentIndex(min(at, len(names) - 1))
            box.blockSignals(False)

    def shown(self) -> list[consensus.Item]:
        """The items the walk goes through."""
        if self.undecided_only.isChecked():
            return [it for it in self.items if it.decision is None or it is self.current]
        return list(self.items)

    def reload(self) -> None:
        """Read the items again and keep the current one (by key) where it still exists."""
        key = self.current.key if self.current is not None else None
        try:
            self.items = consensus.consensus_items(self.session.store, self.coders())
        except ZhagenError as exc:
            self.items, self.current = (), None
            self.progress.setText(str(exc))
            self._show()
            return
        at = next((i for i, it in enumerate(self.items) if it.key == key), 0)
        self.current = self.items[at] if self.items and self.items[at].key == key else None
        if self.current is None or (self.undecided_only.isChecked() and self.current.decision is not None):
            later = [it for it in self.items[at:] + self.items[:at] if it.decision is None]  # the next one on
            self.current = later[0] if later else None
        decided = sum(it.decision is not None for it in self.items)
        agreed = sum(it.agreed(self.coders()) for it in self.items)
        self.progress.setText(self.tr("Decided {0} of {1} items ({2} to go); {3} where the coders coded the same spans")
                              .format(decided, len(self.items), len(self.items) - decided, agreed))
        self._show()

    def _show(self) -> None:
        item = self.current
        a, b = self.coders() if self.coder_a.count() > 1 else ("", "")
        self.accept_a.setText(self.tr("Accept {0}").format(a))
        self.accept_b.setText(self.tr("Accept {0}").format(b))
        for button in (self.accept_a, self.accept_b, self.both_button, self.neither_button, self.span_button,
                       self.previous_button, self.next_button):
            button.setEnabled(item is not None)
        self.agreed_button.setEnabled(bool(self.items))
        if item is None:
            self.where.setText(self.tr("Every item is decided.") if self.items else self.tr("No items to decide."))
            self.quotes.clear()
            return
        self.accept_a.setEnabled(bool(item.spans_of(a)))
        for box, value in ((self.span_start, item.start), (self.span_end, item.end)):
            box.setRange(0, 2**31 - 1)  # the service checks the span against the document
            box.setValue(value)
        self.accept_b.setEnabled(bool(item.spans_of(b)))
        names = {"accept": self.tr("one coder's coding accepted"), "both": self.tr("both accepted"),
                 "neither": self.tr("neither accepted"), "edit": self.tr("edited span"),
                 "agreed": self.tr("identical codings taken")}
        decision = names.get(item.decision or "", item.decision) or self.tr("not decided")
        self.where.setText(self.tr("{0} · {1} · {2}–{3} · decision: {4}")
                           .format(item.document, item.code_path, item.start, item.end, decision))
        parts, absent = [], escape(self.tr("(did not code it)"))
        for coder in (a, b):
            spans = item.spans_of(coder)
            quotes = "".join(f"<li>{s.start}–{s.end}: {escape(s.text)}</li>" for s in spans)
            parts.append(f"<p><b>{escape(coder)}</b></p>"
                         + (f"<ul>{quotes}</ul>" if spans else f"<p>{absent}</p>"))
        self.quotes.setHtml("".join(parts))

    # ------------------------------------------------------------ acting

    def _step(self, by: int) -> None:
        shown = self.shown()
        if not shown or self.current is None:
            return
        at = next((i for i, it in enumerate(shown) if it.key == self.current.key), 0)
        self.current = shown[(at + by) % len(shown)]
        self._show()

    def _decide(self, choice: str, coder: str | None = None, span: tuple[int, int] | None = None) -> None:
        item = self.current
        if item is None:
            return
        coders = self.coders()
        self.session.run(self.tr("Consensus decision"),
                         lambda: consensus.decide(self.session.store, coders, item.key, choice, coder=coder, span=span))

    def _on_take_agreed(self) -> None:
        coders = self.coders()
        self.session.run(self.tr("Take identical codings into the consensus"),
                         lambda: consensus.settle_agreed(self.session.store, coders))

    def _on_coders(self, *_args: object) -> None:
        self.current = None
        self.reload()

    def _on_changed(self, _changes: Changes) -> None:
        self.reload()
