"""The word-frequency view: the most frequent words of a scope in a table and, beside it, their word cloud.

Counting (corpus/words.py) and drawing (exports/cloud.py) run in a
BackgroundJob, off the GUI thread; the panel only shows what comes back: the
rows, and the cloud's PNG scaled into the room it has. "Save cloud…" writes
the cloud last drawn as PNG or SVG. Without a Chinese font on the machine the
table is still filled and the cloud's place says what to install.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QPainter, QPixmap
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QSpinBox,
    QSplitter,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

from app.workers import BackgroundJob
from app.messages import say
from coding import queries
from coding.errors import ZhagenError
from coding.storage import ProjectStore
from corpus.words import WordCount, word_frequencies
from exports.cloud import NoChineseFont, WordCloudImage, render_cloud


@dataclass(frozen=True)
class WordsResult:
    rows: tuple[WordCount, ...]
    cloud: WordCloudImage | None
    no_font: bool = False


def count_and_draw(store: ProjectStore, document_id: int | None, participant_id: int | None, top: int,
                   cancelled=lambda: False) -> WordsResult | None:  # noqa: ANN001 - the job's cancel check
    """The job: word frequencies of the scope, then their cloud (None when cancelled between the two)."""
    rows = tuple(word_frequencies(store, document_id=document_id, participant_id=participant_id, top=top))
    if cancelled():
        return None
    if not rows:
        return WordsResult(rows, None)
    try:
        return WordsResult(rows, render_cloud([(r.word, r.count) for r in rows]))
    except NoChineseFont:
        return WordsResult(rows, None, no_font=True)


class CloudView(QWidget):
    """The cloud's picture, as large as fits with its proportions kept, or a line saying why there is none."""

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.pixmap = QPixmap()
        self.message = ""
        self.setMinimumSize(240, 160)

    def show_cloud(self, png: bytes | None, message: str = "") -> None:
        self.pixmap = QPixmap()
        if png:
            self.pixmap.loadFromData(png, "PNG")
        self.message = message
        self.update()

    def sizeHint(self) -> QSize:  # noqa: N802 - Qt override
        return QSize(540, 340)

    def paintEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().base())
        if self.pixmap.isNull():
            painter.setPen(self.palette().placeholderText().color())
            painter.drawText(self.rect().adjusted(12, 12, -12, -12),
                             Qt.AlignmentFlag.AlignCenter | Qt.TextFlag.TextWordWrap, self.message)
            return
        size = self.pixmap.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRectF((self.width() - size.width()) / 2, (self.height() - size.height()) / 2, size.width(), size.height())
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        painter.drawPixmap(target, self.pixmap, QRectF(self.pixmap.rect()))


class WordsPanel(QWidget):
    """Scope (document, participant, how many words), the frequency table and the word cloud."""

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.result: WordsResult | None = None
        self.job: BackgroundJob | None = None
        self._again = False  # the scope changed while counting: count once more when the job ends
        self.document = QComboBox(self)
        self.participant = QComboBox(self)
        self.top = QSpinBox(self)
        self.top.setRange(10, 500)
        self.top.setSingleStep(10)
        self.top.setValue(100)
        self.save_button = QPushButton(self.tr("Save cloud…"), self)
        self.save_button.setEnabled(False)
        self.save_button.clicked.connect(lambda: self.save_cloud())
        self.table = QTableWidget(0, 3, self)
        self.table.setHorizontalHeaderLabels([self.tr("Word"), self.tr("Count"), self.tr("Documents")])
        self.table.verticalHeader().setVisible(False)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for column in (1, 2):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.setMinimumWidth(260)
        self.cloud = CloudView(self)

        controls = QHBoxLayout()
        for label, widget in ((self.tr("Document"), self.document), (self.tr("Participant"), self.participant),
                              (self.tr("Words"), self.top)):
            controls.addWidget(QLabel(label, self))
            controls.addWidget(widget)
        controls.addStretch(1)
        controls.addWidget(self.save_button)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(self.table)
        splitter.addWidget(self.cloud)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([320, 640])
        layout = QVBoxLayout(self)
        layout.addLayout(controls)
        layout.addWidget(splitter, 1)
        for combo in (self.document, self.participant):
            combo.currentIndexChanged.connect(self._on_scope_changed)
        self.top.valueChanged.connect(self._on_scope_changed)

    # ------------------------------------------------------------ counting

    def reload(self) -> None:
        """Refill the scope choices from the project (keeping the chosen ones) and count again."""
        for combo, everything, items in (
            (self.document, self.tr("Whole project"), [(d.name, d.id) for d in queries.list_documents(self._store)]),
            (self.participant, self.tr("Everyone"), [(p.pid, p.id) for p in queries.list_participants(self._store)]),
        ):
            chosen = combo.currentData()
            combo.blockSignals(True)
            combo.clear()
            combo.addItem(everything, None)
            for name, key in items:
                combo.addItem(name, key)
            combo.setCurrentIndex(max(combo.findData(chosen), 0))
            combo.blockSignals(False)
        self.count()

    def count(self) -> BackgroundJob | None:
        """Count the chosen scope's words and draw their cloud in the background."""
        if self.job is not None:
            self._again = True
            self.job.cancel()
            return None
        store, document, participant, top = self._store, self.document.currentData(), self.participant.currentData(), self.top.value()
        counting = self.tr("Counting words…")
        self.cloud.show_cloud(None, counting)

        def job(progress, cancelled):  # noqa: ANN001, ANN202 - runs in the worker thread
            progress(0, 1, counting)
            return count_and_draw(store, document, participant, top, cancelled)

        self.job = BackgroundJob(self.tr("Word frequencies"), job, self)
        self.job.finished.connect(self._on_counted)
        self.job.failed.connect(self._on_failed)
        self.job.start()
        return self.job

    def _on_scope_changed(self, *_: object) -> None:
        self.count()

    def _job_ended(self) -> bool:
        """Forget the job; True when its result is stale and counting starts again."""
        self.job.deleteLater()
        self.job = None
        if self._again:
            self._again = False
            self.count()
            return True
        return False

    def _on_counted(self, result: WordsResult | None) -> None:
        if self._job_ended() or result is None:
            return
        self.result = result
        self.table.setRowCount(len(result.rows))
        for i, row in enumerate(result.rows):
            for column, value in enumerate((row.word, row.count, row.documents)):
                item = QTableWidgetItem()
                item.setData(Qt.ItemDataRole.DisplayRole, value)
                self.table.setItem(i, column, item)
        if result.cloud is not None:
            self.cloud.show_cloud(result.cloud.png)
        elif result.no_font:
            self.cloud.show_cloud(None, self.tr("No font with Chinese characters was found, so no word cloud can be "
                                                "drawn. Install Noto Sans CJK (on Debian or Ubuntu: apt install "
                                                "fonts-noto-cjk) or set ZHAGEN_CJK_FONT to a font file."))
        else:
            self.cloud.show_cloud(None, self.tr("No words in this scope"))
        self.save_button.setEnabled(result.cloud is not None)

    def _on_failed(self, message: str) -> None:
        if not self._job_ended():
            self.cloud.show_cloud(None, message)

    # ------------------------------------------------------------ saving

    def save_cloud(self, path: str | None = None) -> Path | None:
        """Save the cloud shown as PNG or SVG (asks where when no path is given)."""
        if self.result is None or self.result.cloud is None:
            return None
        if path is None:
            png, svg = self.tr("PNG image (*.png)"), self.tr("SVG image (*.svg)")
            path, chosen = QFileDialog.getSaveFileName(self, self.tr("Save word cloud"), self.tr("word cloud") + ".png",
                                                       f"{png};;{svg}")
            if not path:
                return None
            if Path(path).suffix.lower() not in (".png", ".svg"):
                path += ".svg" if chosen == svg else ".png"
        try:
            return self.result.cloud.write(path)
        except (ZhagenError, OSError) as exc:
            QMessageBox.warning(self, self.tr("Save word cloud"), self.tr("Could not save the word cloud: {0}").format(say(exc)))
            return None
