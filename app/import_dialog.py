"""The import dialog: files, encoding with a live preview, speaker → participant mapping, unit mode."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QListWidget,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from corpus.readers import ReadError, read_file
from corpus.speakers import SpeakerPatterns, segment_turns

ENCODINGS = ["", "utf-8", "gb18030", "big5", "utf-16"]
PREVIEW_CHARS = 3000


@dataclass(frozen=True)
class ImportRequest:
    paths: tuple[str, ...]
    encoding: str | None
    speakers: dict[str, str]
    unit_mode: str


class ImportDialog(QDialog):
    def __init__(self, patterns: SpeakerPatterns, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import transcripts"))
        self.resize(900, 600)
        self._patterns = patterns
        self.files = QListWidget(self)
        add = QPushButton(self.tr("Add files…"), self)
        add.clicked.connect(self._on_add)
        self.encoding = QComboBox(self)
        for enc in ENCODINGS:
            self.encoding.addItem(enc or self.tr("Detect automatically"), enc)
        self.units = QComboBox(self)
        self.units.addItem(self.tr("Sentences"), "sentence")
        self.units.addItem(self.tr("Clauses (also split at ，、：)"), "clause")
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        self.speakers = QTableWidget(0, 3, self)
        self.speakers.setHorizontalHeaderLabels([self.tr("Speaker label"), self.tr("Interviewer"), self.tr("Participant ID")])
        self.speakers.horizontalHeader().setStretchLastSection(True)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        left = QVBoxLayout()
        left.addWidget(self.files)
        left.addWidget(add)
        form = QFormLayout()
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow(self.tr("Units"), self.units)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.preview, 2)
        right.addWidget(self.speakers, 1)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 2)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(buttons)
        self.files.currentTextChanged.connect(self._on_preview)
        self.encoding.currentIndexChanged.connect(lambda _i: self._on_preview(self.files.currentItem().text() if self.files.currentItem() else ""))

    def add_paths(self, paths: list[str]) -> None:
        for path in paths:
            self.files.addItem(path)
        if self.files.count() and self.files.currentRow() < 0:
            self.files.setCurrentRow(0)
        self._collect_speakers()

    def _on_add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose transcripts"), "",
                                                self.tr("Transcripts (*.txt *.md *.docx *.rtf)"))
        self.add_paths(paths)

    def _on_preview(self, path: str) -> None:
        if not path:
            self.preview.clear()
            return
        try:
            raw = read_file(Path(path), self.encoding.currentData() or None)
        except ReadError as exc:
            self.preview.setPlainText(self.tr("Cannot import {0}: {1}").format(Path(path).name, exc))
            return
        self.preview.setPlainText(self.tr("Encoding: {0}").format(raw.encoding) + "\n\n" + raw.text[:PREVIEW_CHARS])

    def _collect_speakers(self) -> None:
        labels: dict[str, bool] = {}
        for row in range(self.files.count()):
            try:
                raw = read_file(Path(self.files.item(row).text()), self.encoding.currentData() or None)
            except ReadError:
                continue
            for turn in segment_turns(raw.text, self._patterns).turns:
                if turn.speaker:
                    labels[turn.speaker] = turn.is_interviewer
        known = {self.speakers.item(r, 0).text(): self.speakers.item(r, 2).text() for r in range(self.speakers.rowCount())}
        self.speakers.setRowCount(len(labels))
        for r, (label, interviewer) in enumerate(sorted(labels.items())):
            for c, value in enumerate([label, self.tr("yes") if interviewer else "", known.get(label, "")]):
                item = QTableWidgetItem(value)
                if c < 2:
                    item.setFlags(item.flags() & ~item.flags().ItemIsEditable)
                self.speakers.setItem(r, c, item)

    def request(self) -> ImportRequest:
        speakers = {}
        for r in range(self.speakers.rowCount()):
            pid = self.speakers.item(r, 2).text().strip()
            if pid:
                speakers[self.speakers.item(r, 0).text()] = pid
        return ImportRequest(
            paths=tuple(self.files.item(r).text() for r in range(self.files.count())),
            encoding=self.encoding.currentData() or None,
            speakers=speakers,
            unit_mode=self.units.currentData(),
        )
