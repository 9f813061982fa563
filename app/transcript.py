"""The transcript view: a document's text with speaker turns, coding highlights and a stripe margin.

The text shown is exactly the stored text, so a selection maps to code-point
offsets through `OffsetMap` alone. Labels of speaker turns are bold, the
interviewer's speech is grey, and every coding is a translucent highlight in its
code's colour plus a bracket in the stripe margin (as in MAXQDA).
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QMouseEvent, QPainter, QPaintEvent, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolTip, QWidget

from app.code_tree import SPAN_MIME
from app.offsets import OffsetMap
from coding import queries
from coding.storage import ProjectStore

STRIPE_WIDTH = 10


@dataclass(frozen=True)
class ShownCoding:
    id: int
    code_id: int
    start: int
    end: int
    colour: str
    path: str
    coder: str


class TranscriptText(QTextEdit):
    """Read-only text whose selection can be dragged onto a code; Alt+click selects a turn."""

    alt_clicked = Signal(int)  # UTF-16 position

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        data = super().createMimeDataFromSelection()
        data.setData(SPAN_MIME, QByteArray(b"selection"))
        return data

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.button() == Qt.MouseButton.LeftButton:
            self.alt_clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
            return
        super().mousePressEvent(event)


class StripeMargin(QWidget):
    """One bracket per coding, in the code's colour, beside the lines it covers."""

    coding_clicked = Signal(int)

    def __init__(self, view: "TranscriptView"):
        super().__init__(view)
        self._view = view
        self._boxes: list[tuple[QRect, ShownCoding]] = []
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width_needed(), 100)

    def width_needed(self) -> int:
        return max(1, self._view.stripe_columns()) * STRIPE_WIDTH + 6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        self._boxes = []
        text = self._view.text_edit
        offset = text.verticalScrollBar().value()
        for column, coding in self._view.stripe_layout():
            top = text.cursorRect(self._view.cursor_at(coding.start)).top() - offset + text.viewport().y()
            bottom = text.cursorRect(self._view.cursor_at(coding.end)).bottom() - offset + text.viewport().y()
            if bottom < 0 or top > self.height():
                continue
            x = 3 + column * STRIPE_WIDTH
            colour = QColor(coding.colour)
            painter.setPen(colour)
            painter.fillRect(QRect(x + 3, top, 3, max(bottom - top, 4)), colour)
            painter.drawLine(x + 3, top, x + 8, top)
            painter.drawLine(x + 3, bottom, x + 8, bottom)
            self._boxes.append((QRect(x, top, STRIPE_WIDTH, max(bottom - top, 4)), coding))
        painter.end()

    def _coding_at(self, pos: QPoint) -> ShownCoding | None:
        for rect, coding in self._boxes:
            if rect.contains(pos):
                return coding
        return None

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding = self._coding_at(event.position().toPoint())
        if coding:
            QToolTip.showText(event.globalPosition().toPoint(), f"{coding.path} · {coding.coder}", self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding = self._coding_at(event.position().toPoint())
        if coding:
            self.coding_clicked.emit(coding.id)


class TranscriptView(QWidget):
    coding_selected = Signal(int)

    def __init__(self, store: ProjectStore, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self.document_id: int | None = None
        self._text = ""
        self._offsets = OffsetMap("")
        self._codings: list[ShownCoding] = []
        self._layout_cache: list[tuple[int, ShownCoding]] = []
        self.text_edit = TranscriptText(self)
        self.margin = StripeMargin(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.margin)
        layout.addWidget(self.text_edit, 1)
        self.text_edit.verticalScrollBar().valueChanged.connect(self.margin.update)
        self.text_edit.alt_clicked.connect(self._on_alt_click)
        self.margin.coding_clicked.connect(self._on_coding_clicked)

    # ---------------------------------------------------------- content

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self._text = queries.document_text(self._store, document_id) if document_id else ""
        self._offsets = OffsetMap(self._text)
        self.text_edit.setPlainText(self._text)
        if document_id:
            self._format_turns()
        self.refresh_codings()

    def _format_turns(self) -> None:
        turns = queries.list_turns(self._store, self.document_id)
        cursor = QTextCursor(self.text_edit.document())
        label = QTextCharFormat()
        label.setFontWeight(700)
        asked = QTextCharFormat()
        asked.setForeground(QColor("#6b6b6b"))
        previous_end = 0
        for turn in turns:
            line_start = self._text.rfind("\n", 0, turn.start) + 1
            label_start = max(line_start, previous_end)
            if label_start < turn.start:  # the speaker label (and timestamp) before the speech
                self._select(cursor, label_start, turn.start)
                cursor.mergeCharFormat(label)
            if turn.is_interviewer:
                self._select(cursor, turn.start, turn.end)
                cursor.mergeCharFormat(asked)
            previous_end = turn.end

    def _select(self, cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)

    def refresh_codings(self) -> None:
        self._codings = []
        if self.document_id:
            colours = {c.id: c.colour for c in queries.list_codes(self._store)}
            self._codings = [
                ShownCoding(r.id, r.code_id, r.start, r.end, colours.get(r.code_id, "#808080"), r.code_path, r.coder)
                for r in queries.list_codings(self._store, document_id=self.document_id)
            ]
        self._layout_cache = self._compute_layout()
        selections = []
        for coding in self._codings:
            sel = QTextEdit.ExtraSelection()
            colour = QColor(coding.colour)
            colour.setAlpha(70)
            sel.format.setBackground(colour)
            sel.format.setProperty(QTextFormat.Property.UserProperty, coding.id)
            sel.cursor = self.cursor_at(coding.start)
            sel.cursor.setPosition(self._offsets.to_qt(coding.end), QTextCursor.MoveMode.KeepAnchor)
            selections.append(sel)
        self.text_edit.setExtraSelections(selections)
        self.margin.setFixedWidth(self.margin.width_needed())
        self.margin.update()

    def _compute_layout(self) -> list[tuple[int, ShownCoding]]:
        """Stripe columns: each coding in the first column free over its span."""
        columns: list[int] = []  # end offset of the last coding in each column
        placed = []
        for coding in sorted(self._codings, key=lambda c: (c.start, -c.end)):
            for i, end in enumerate(columns):
                if end <= coding.start:
                    columns[i] = coding.end
                    placed.append((i, coding))
                    break
            else:
                columns.append(coding.end)
                placed.append((len(columns) - 1, coding))
        return placed

    def stripe_layout(self) -> list[tuple[int, ShownCoding]]:
        return self._layout_cache

    def stripe_columns(self) -> int:
        return 1 + max((c for c, _ in self._layout_cache), default=-1)

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.text_edit.document())
        cursor.setPosition(self._offsets.to_qt(offset))
        return cursor

    # -------------------------------------------------------- selection

    def selected_span(self) -> tuple[int, int] | None:
        """The selection as code points (start, end), or None."""
        cursor = self.text_edit.textCursor()
        if not cursor.hasSelection():
            return None
        return self._offsets.span_from_qt(cursor.selectionStart(), cursor.selectionEnd())

    def select_span(self, start: int, end: int) -> None:
        cursor = self.cursor_at(start)
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        self.text_edit.setTextCursor(cursor)
        self.text_edit.ensureCursorVisible()

    def select_turn_at(self, offset: int) -> bool:
        """Select the speaker turn containing `offset` (code points)."""
        for turn in queries.list_turns(self._store, self.document_id) if self.document_id else ():
            if turn.start <= offset <= turn.end:
                self.select_span(turn.start, turn.end)
                return True
        return False

    def snap_to_units(self) -> tuple[int, int] | None:
        """Widen the selection to whole sentence units ("code the sentence")."""
        span = self.selected_span()
        if span is None:
            cursor = self.text_edit.textCursor()
            at = self._offsets.from_qt(cursor.position())
            span = (at, at)
        units = [u for u in queries.list_units(self._store, self.document_id) if u.start < max(span[1], span[0] + 1) and span[0] < u.end]
        if not units:
            return None
        self.select_span(min(u.start for u in units), max(u.end for u in units))
        return self.selected_span()

    def _on_alt_click(self, qt_position: int) -> None:
        self.select_turn_at(self._offsets.from_qt(qt_position))

    def offset_at(self, point: QPoint) -> int:
        """Code-point offset of the character at a point of the text widget."""
        return self._offsets.from_qt(self.text_edit.cursorForPosition(point).position())

    def codings_at(self, offset: int) -> list[ShownCoding]:
        return [c for c in self._codings if c.start <= offset < c.end]

    def _on_coding_clicked(self, coding_id: int) -> None:
        for coding in self._codings:
            if coding.id == coding_id:
                self.select_span(coding.start, coding.end)
        self.coding_selected.emit(coding_id)
