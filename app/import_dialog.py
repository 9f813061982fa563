"""The import dialog: files, encoding with a live preview, and per file its speakers checked before anything is stored.

Select a file and its speaker labels appear with their turn counts and first
lines, the metadata found and the default participant. Per label the
researcher renames (one name for two labels merges them), marks the
interviewer or "not a speaker", and links a participant: per file, since
twenty interviews are twenty participants. The choices are plain
`corpus.turnplan.LabelChoice` values; the import job hands them to the
pipeline. A file is read and segmented only when it is selected, in a worker
thread, so a hundred files cost nothing until they are looked at; files never
selected are imported with their labels as recognised and their default
participant, as the table would have shown them.
"""

from __future__ import annotations

from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field, replace
from pathlib import Path

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.folders import last_folder, remember_folder
from app.messages import say
from corpus.readers import ReadError, read_file, short
from corpus.speakers import SpeakerPatterns, segment_turns
from corpus.turnplan import MAX_NAME_CHARS, FileSummary, LabelChoice, Problem, default_choices, problems, summarise

ENCODINGS = ["", "utf-8", "gb18030", "big5", "utf-16"]
PREVIEW_CHARS = 3000
LABEL, TURNS, FIRST_LINE, NAME, INTERVIEWER, NOT_SPEAKER, PARTICIPANT = range(7)


@dataclass(frozen=True)
class ImportRequest:
    paths: tuple[str, ...]
    encoding: str | None
    speakers: dict[str, str]  # label → participant ID in every file
    unit_mode: str
    choices: dict[str, dict[str, LabelChoice]] = field(default_factory=dict)  # path → its labels' choices
    default_participants: bool = False  # files without choices: their one speaker is their default participant


@dataclass(frozen=True)
class _Read:
    """One file as read for the dialog (in the worker thread): its summary and the start of its text."""

    summary: FileSummary | None
    preview: str
    encoding: str = ""
    error: str = ""


def _read(path: str, encoding: str, patterns: SpeakerPatterns) -> _Read:
    try:
        raw = read_file(Path(path), encoding or None)
    except ReadError as exc:
        return _Read(None, "", error=short(say(exc)))
    except Exception as exc:  # noqa: BLE001 - a bug of ours shows as one line in the dialog, the import reports it too
        return _Read(None, "", error=f"{type(exc).__name__}: {short(exc, 100)}")
    summary = summarise(Path(path).name, raw.text, segment_turns(raw.text, patterns))
    return _Read(summary, raw.text[:PREVIEW_CHARS], raw.encoding)


class ImportDialog(QDialog):
    def __init__(self, patterns: SpeakerPatterns, parent: QWidget | None = None):
        super().__init__(parent)
        self.setWindowTitle(self.tr("Import transcripts"))
        self.resize(1100, 720)
        self._patterns = patterns
        self._reads: dict[tuple[str, str], _Read] = {}  # (path, encoding) → what the worker read
        self._choices: dict[str, dict[str, LabelChoice]] = {}  # path → choices of the files looked at
        self._pending: dict[tuple[str, str], Future] = {}
        self._worker = ThreadPoolExecutor(max_workers=1, thread_name_prefix="import-dialog")
        self._poll = QTimer(self)
        self._poll.setInterval(30)
        self._poll.timeout.connect(self._on_poll)
        self._filling = False

        self.files = QListWidget(self)
        add = QPushButton(self.tr("Add files…"), self)
        add.clicked.connect(self._on_add)
        remove = QPushButton(self.tr("Remove"), self)
        remove.clicked.connect(self._on_remove)
        self.encoding = QComboBox(self)
        for enc in ENCODINGS:
            self.encoding.addItem(enc or self.tr("Detect automatically"), enc)
        self.units = QComboBox(self)
        self.units.addItem(self.tr("Sentences"), "sentence")
        self.units.addItem(self.tr("Clauses (also split at ，、：)"), "clause")
        self.found = QLabel(self)
        self.found.setWordWrap(True)
        self.found.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.speakers = QTableWidget(0, 7, self)
        self.speakers.setHorizontalHeaderLabels([
            self.tr("Speaker label"), self.tr("Turns"), self.tr("First line"), self.tr("Store as"),
            self.tr("Interviewer"), self.tr("Not a speaker"), self.tr("Participant ID")])
        self.speakers.verticalHeader().setVisible(False)
        self.speakers.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        self.speakers.setEditTriggers(QAbstractItemView.EditTrigger.DoubleClicked | QAbstractItemView.EditTrigger.EditKeyPressed
                                      | QAbstractItemView.EditTrigger.AnyKeyPressed)
        header = self.speakers.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(FIRST_LINE, QHeaderView.ResizeMode.Stretch)
        self.speakers.itemChanged.connect(self._on_item_changed)
        self.problems = QLabel(self)
        self.problems.setWordWrap(True)
        self.problems.setStyleSheet("color: #b00020;")
        self.preview = QPlainTextEdit(self)
        self.preview.setReadOnly(True)
        note = QLabel(self.tr("Select a file to check its speakers. Files not opened here are imported with their "
                              "labels as recognised and their default participant."), self)
        note.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Import"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)

        left = QVBoxLayout()
        left.addWidget(QLabel(self.tr("Files"), self))
        left.addWidget(self.files, 1)
        row = QHBoxLayout()
        row.addWidget(add)
        row.addWidget(remove)
        left.addLayout(row)
        left.addWidget(note)
        form = QFormLayout()
        form.addRow(self.tr("Encoding"), self.encoding)
        form.addRow(self.tr("Units"), self.units)
        right = QVBoxLayout()
        right.addLayout(form)
        right.addWidget(self.found)
        right.addWidget(self.speakers, 3)
        right.addWidget(self.problems)
        right.addWidget(QLabel(self.tr("Preview"), self))
        right.addWidget(self.preview, 2)
        body = QHBoxLayout()
        body.addLayout(left, 1)
        body.addLayout(right, 3)
        layout = QVBoxLayout(self)
        layout.addLayout(body)
        layout.addWidget(self.buttons)
        self.files.currentRowChanged.connect(lambda _row: self._show_current())
        self.encoding.currentIndexChanged.connect(lambda _i: self._show_current())

    # ------------------------------------------------------------ files

    def add_paths(self, paths: list[str]) -> None:
        known = set(self.paths())
        for path in paths:
            if path not in known:
                item = QListWidgetItem(Path(path).name, self.files)
                item.setData(Qt.ItemDataRole.UserRole, path)
                item.setToolTip(path)
                known.add(path)
        if self.files.count() and self.files.currentRow() < 0:
            self.files.setCurrentRow(0)
        self._check()

    def _on_add(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(self, self.tr("Choose transcripts"), last_folder("transcripts"),
                                                self.tr("Transcripts (*.txt *.md *.docx *.rtf)"))
        self.add_paths(remember_folder("transcripts", paths))

    def _on_remove(self) -> None:
        row = self.files.currentRow()
        if row >= 0:
            self._choices.pop(self.files.takeItem(row).data(Qt.ItemDataRole.UserRole), None)
            self._show_current()
            self._check()

    def current_path(self) -> str:
        item = self.files.currentItem()
        return item.data(Qt.ItemDataRole.UserRole) if item else ""

    def paths(self) -> list[str]:
        """The files to import, as given (the list shows their names)."""
        return [self.files.item(r).data(Qt.ItemDataRole.UserRole) for r in range(self.files.count())]

    def _key(self) -> tuple[str, str]:
        return self.current_path(), self.encoding.currentData() or ""

    # ------------------------------------------------------------ reading in the worker thread

    def _show_current(self) -> None:
        key = self._key()
        if not key[0]:
            self._fill(None)
            self.preview.clear()
            self.found.clear()
            return
        if key in self._reads:
            self._show(key)
            return
        self._fill(None)
        self.found.setText(self.tr("Reading {0}…").format(Path(key[0]).name))
        self.preview.clear()
        if key not in self._pending:
            self._pending[key] = self._worker.submit(_read, key[0], key[1], self._patterns)
        self._poll.start()

    def _on_poll(self) -> None:
        for key, future in list(self._pending.items()):
            if future.done():
                del self._pending[key]
                self._reads[key] = future.result()
                if key == self._key():
                    self._show(key)
        if not self._pending:
            self._poll.stop()

    def wait_for_reading(self, timeout_ms: int = 30_000) -> bool:
        """Wait until the selected file has been read and shown (for tests and scripts); True once it is."""
        future = self._pending.get(self._key())
        if future is not None:
            future.result(timeout=timeout_ms / 1000)
            self._on_poll()
        return not self._key()[0] or self._key() in self._reads

    def _show(self, key: tuple[str, str]) -> None:
        read = self._reads[key]
        path = key[0]
        if read.summary is None:
            self._fill(None)
            self.found.setText(self.tr("Cannot import {0}: {1}").format(Path(path).name, read.error))
            self.preview.setPlainText(self.tr("Cannot import {0}: {1}").format(Path(path).name, read.error))
            return
        s = read.summary
        meta = "；".join(f"{k}：{v}" for k, v in s.meta.items() if k != "notes") or self.tr("none found")
        source = s.participant_source or self.tr("the file name")
        self.found.setText("\n".join([
            self.tr("Encoding: {0}").format(read.encoding) + " · "
            + self.tr("{0} turns, {1} without a label").format(s.turns, s.unlabelled),
            self.tr("Metadata: {0}").format(meta),
            self.tr("Default participant: {0} (from {1})").format(s.participant, source),
        ]))
        self.preview.setPlainText(self.tr("Encoding: {0}").format(read.encoding) + "\n\n" + read.preview)
        known = self._choices.get(path, {})
        defaults = default_choices(s)
        self._choices[path] = {label: known.get(label, choice) for label, choice in defaults.items()}
        self._fill(s)
        self._check()

    # ------------------------------------------------------------ the speaker table

    def _fill(self, summary: FileSummary | None) -> None:
        self._filling = True
        try:
            labels = summary.labels if summary else ()
            choices = self._choices.get(self.current_path(), {})
            self.speakers.setRowCount(len(labels))
            for r, s in enumerate(labels):
                c = choices[s.label]
                cells = [(s.label, False), (str(s.turns), False), (s.first_line, False), (c.name, True), ("", False),
                         ("", False), (c.participant, True)]
                for col, (text, editable) in enumerate(cells):
                    item = QTableWidgetItem(text)
                    flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
                    if editable:
                        flags |= Qt.ItemFlag.ItemIsEditable
                    if col in (INTERVIEWER, NOT_SPEAKER):
                        flags |= Qt.ItemFlag.ItemIsUserCheckable
                        on = c.interviewer if col == INTERVIEWER else c.not_speaker
                        item.setCheckState(Qt.CheckState.Checked if on else Qt.CheckState.Unchecked)
                    if col == TURNS:
                        item.setTextAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
                    if col == FIRST_LINE:
                        item.setToolTip(text)
                    item.setFlags(flags)
                    self.speakers.setItem(r, col, item)
                self._grey(r, c)
        finally:
            self._filling = False

    def _grey(self, row: int, choice: LabelChoice) -> None:
        """Cells that do not apply are shown disabled: a participant for the interviewer, anything but the
        checkbox for a label that is not a speaker."""
        for col, off in ((NAME, choice.not_speaker), (INTERVIEWER, choice.not_speaker),
                         (PARTICIPANT, choice.not_speaker or choice.interviewer)):
            item = self.speakers.item(row, col)
            item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEnabled if off else item.flags() | Qt.ItemFlag.ItemIsEnabled)

    def _on_item_changed(self, item: QTableWidgetItem) -> None:
        if self._filling:
            return
        path, row = self.current_path(), item.row()
        label = self.speakers.item(row, LABEL).text()
        choice = self._choices[path][label]
        col = item.column()
        if col == NAME:
            choice = replace(choice, name=item.text().strip() or label)
        elif col == PARTICIPANT:
            choice = replace(choice, participant=item.text().strip())
        elif col == INTERVIEWER:
            choice = replace(choice, interviewer=item.checkState() == Qt.CheckState.Checked)
        elif col == NOT_SPEAKER:
            choice = replace(choice, not_speaker=item.checkState() == Qt.CheckState.Checked)
        else:
            return
        self._choices[path][label] = choice
        self._filling = True
        try:
            if col == NAME and not item.text().strip():
                item.setText(label)  # an emptied name means "keep the label"
            self._grey(row, choice)
        finally:
            self._filling = False
        self._check()

    # ------------------------------------------------------------ problems and the result

    def _problem_text(self, path: str, problem: Problem) -> str:
        labels = "、".join(problem.labels)
        if problem.kind == "bad_name":
            text = self.tr("{0}: “{1}” cannot be a speaker name (one line of at most {2} characters)").format(
                labels, problem.name, MAX_NAME_CHARS)
        elif problem.kind == "bad_participant":
            text = self.tr("{0}: “{1}” cannot be a participant ID (one line of at most {2} characters)").format(
                labels, problem.name, MAX_NAME_CHARS)
        elif problem.kind == "interviewer_differs":
            text = self.tr("{0} are all stored as “{1}”, but not all of them are marked interviewer").format(
                labels, problem.name)
        else:
            text = self.tr("{0} are all stored as “{1}”, but are linked to different participants ({2})").format(
                labels, problem.name, "、".join(problem.values))
        return f"{Path(path).name}: {text}"

    def _check(self) -> None:
        """Show what keeps the choices from being stored; Import is possible only without any."""
        paths = set(self.paths())
        found = [self._problem_text(path, p) for path, choices in self._choices.items() if path in paths
                 for p in problems(choices)]
        self.problems.setText("\n".join(found))
        self.problems.setVisible(bool(found))
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(not found and bool(paths))

    def request(self) -> ImportRequest:
        paths = tuple(self.paths())
        return ImportRequest(
            paths=paths,
            encoding=self.encoding.currentData() or None,
            speakers={},
            unit_mode=self.units.currentData(),
            choices={path: dict(self._choices[path]) for path in paths if path in self._choices},
            default_participants=True,
        )

    def done(self, result: int) -> None:  # noqa: N802 - Qt override: accept and reject end here
        self._poll.stop()
        self._worker.shutdown(wait=False, cancel_futures=True)
        super().done(result)
