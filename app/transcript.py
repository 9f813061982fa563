"""The transcript view: a document's text with speaker turns, coding highlights and a stripe margin.

The text shown is exactly the stored text, so a selection maps to code-point
offsets through `OffsetMap` alone. Labels of speaker turns are bold, the
interviewer's speech is grey, and every coding is a translucent highlight in its
code's colour plus a bracket in the stripe margin (as in MAXQDA).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from dataclasses import dataclass
from math import inf
from time import monotonic

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QApplication, QHBoxLayout, QTextEdit, QToolTip, QWidget

from app.code_tree import SPAN_MIME
from app.offsets import OffsetMap
from coding import queries
from coding.storage import ProjectStore
from coding.tallies import CodeCatalog, CodingTally
from coding.values import Turn, Unit

STRIPE_WIDTH = 18  # one bracket and its name, per column of overlapping codings
NAME_PIXELS = 12


@dataclass(frozen=True)
class ShownCoding:
    id: int
    code_id: int
    start: int
    end: int
    colour: str
    path: str
    coder: str


def _text_key(coding: ShownCoding) -> tuple[int, int, int]:
    """Text order: highlights are drawn in it, so overlapping colours blend the same way every time."""
    return coding.start, coding.end, coding.id


def _stripe_key(coding: ShownCoding) -> tuple[int, int, int]:
    """Stripe order: longer codings first where several start together, so they take the outer columns."""
    return coding.start, -coding.end, coding.id


class TranscriptText(QTextEdit):
    """Read-only text whose selection can be dragged onto a code; a triple-click or Alt+click selects a turn.

    A triple-click selects the speaker turn, as it selects the paragraph in a word processor (and in NVivo):
    window managers take Alt+drag to move windows, so Alt+click alone often never arrives."""

    alt_clicked = Signal(int)  # UTF-16 position
    turn_clicked = Signal(int)  # UTF-16 position of a triple-click
    clicked = Signal(int)  # UTF-16 position of a plain click that selected nothing
    hovered = Signal(int)  # UTF-16 position under the mouse, -1 when it leaves
    tooltip_wanted = Signal(int, QPoint)  # UTF-16 position, global point
    resized = Signal()

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.setReadOnly(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse | Qt.TextInteractionFlag.TextSelectableByKeyboard)
        self.setLineWrapMode(QTextEdit.LineWrapMode.WidgetWidth)
        self.viewport().setMouseTracking(True)
        self._double_click: tuple[float, QPoint] | None = None  # when and where the last double-click was

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - QResizeEvent
        super().resizeEvent(event)
        self.resized.emit()

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        # QTextEdit lays out and draws every line inside the bounding rectangle of what needs repainting. When
        # two distant lines change (a new highlight, and another that Qt compares by its start and takes for
        # changed), that is everything between them; drawn band by band it is the two lines alone.
        bands: list[QRect] = []
        for rect in event.region():
            if bands and rect.top() <= bands[-1].bottom() + 1:
                bands[-1] = bands[-1].united(rect)
            else:
                bands.append(rect)
        if len(bands) < 2:
            super().paintEvent(event)
            return
        for band in bands:
            super().paintEvent(QPaintEvent(band))

    def position_at(self, point: QPoint) -> int:
        return self.cursorForPosition(point).position()

    def viewportEvent(self, event: QEvent) -> bool:  # noqa: N802
        if event.type() == QEvent.Type.ToolTip and isinstance(event, QHelpEvent):
            self.tooltip_wanted.emit(self.position_at(event.pos()), event.globalPos())
            return True
        if event.type() == QEvent.Type.Leave:
            self.hovered.emit(-1)
        return super().viewportEvent(event)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if not event.buttons():
            self.hovered.emit(self.position_at(event.position().toPoint()))
        super().mouseMoveEvent(event)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseReleaseEvent(event)
        if event.button() == Qt.MouseButton.LeftButton and not self.textCursor().hasSelection():
            self.clicked.emit(self.position_at(event.position().toPoint()))

    def createMimeDataFromSelection(self) -> QMimeData:  # noqa: N802
        # A plain QMimeData: the rich one QTextEdit makes lists a fixed set of formats and hides any added to it.
        data = QMimeData()
        data.setText(self.textCursor().selectedText().replace("\u2029", "\n"))
        data.setData(SPAN_MIME, QByteArray(b"selection"))
        return data

    def mouseDoubleClickEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        super().mouseDoubleClickEvent(event)
        if event.button() == Qt.MouseButton.LeftButton:
            self._double_click = (monotonic(), event.position().toPoint())

    def _is_third_click(self, event: QMouseEvent) -> bool:
        """A press soon after a double-click, where it was: measured on the clock, as Qt measures its own."""
        if self._double_click is None or event.button() != Qt.MouseButton.LeftButton:
            return False
        at, point = self._double_click
        self._double_click = None
        near = (event.position().toPoint() - point).manhattanLength() < QApplication.startDragDistance()
        return near and (monotonic() - at) * 1000 < QApplication.doubleClickInterval()

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        if event.modifiers() & Qt.KeyboardModifier.AltModifier and event.button() == Qt.MouseButton.LeftButton:
            self.alt_clicked.emit(self.cursorForPosition(event.position().toPoint()).position())
            return
        third = self._is_third_click(event)
        super().mousePressEvent(event)  # a third click: Qt selects the paragraph, which stays where no turn is
        if third:
            self.turn_clicked.emit(self.cursorForPosition(event.position().toPoint()).position())


class StripeMargin(QWidget):
    """One bracket per coding, in the code's colour, beside the lines it covers."""

    coding_clicked = Signal(int)

    def __init__(self, view: "TranscriptView"):
        super().__init__(view)
        self._view = view
        self._names: dict[tuple[str, str], QPixmap] = {}
        self._colours: dict[str, QColor] = {}
        self.setMouseTracking(True)
        self.setAttribute(Qt.WidgetAttribute.WA_OpaquePaintEvent)  # paintEvent fills what it repaints: nothing beneath

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width_needed(), 100)

    def width_needed(self) -> int:
        return max(1, self._view.stripe_columns()) * STRIPE_WIDTH + 6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        dirty = event.rect()
        painter.fillRect(dirty, self.palette().window())
        shift = self._view.text_edit.viewport().y() - self._view.text_edit.verticalScrollBar().value()
        dirty_top, dirty_bottom = dirty.top(), dirty.bottom()
        for column, coding in self._view.visible_stripes():  # only what is on screen is measured and drawn
            top, bottom = self._view.line_top(coding.start) + shift, self._view.line_bottom(coding.end) + shift
            if bottom < dirty_top or top > dirty_bottom:  # outside the part being repainted
                continue
            height = max(bottom - top, 4)
            x = 3 + column * STRIPE_WIDTH
            colour = self._colours.get(coding.colour)
            if colour is None:
                colour = self._colours[coding.colour] = QColor(coding.colour)
            painter.setPen(colour)
            painter.fillRect(QRect(x, top, 3, height), colour)
            painter.drawLine(x, top, x + 5, top)
            painter.drawLine(x, top + height, x + 5, top + height)
            name = self._name_pixmap(coding, (height - 2) // NAME_PIXELS)
            if name is not None:
                painter.drawPixmap(x + 5, top + 2, name)
        painter.end()

    def _name_pixmap(self, coding: ShownCoding, fits: int) -> QPixmap | None:
        """The code's name beside its bracket, upright characters stacked top to bottom (as CJK is set
        vertically), drawn once per name, colour and length."""
        if fits < 1:
            return None
        name = coding.path.rsplit(">", 1)[-1]
        if len(name) > fits:
            name = name[: max(fits - 1, 0)] + "︙"
        key = (name, coding.colour)
        if key not in self._names:
            ratio = self.devicePixelRatioF()
            pixmap = QPixmap(int((STRIPE_WIDTH - 5) * ratio), int((len(name) * NAME_PIXELS + 2) * ratio))
            pixmap.setDevicePixelRatio(ratio)
            pixmap.fill(Qt.GlobalColor.transparent)
            painter = QPainter(pixmap)
            font = painter.font()
            font.setPixelSize(NAME_PIXELS)
            painter.setFont(font)
            painter.setPen(QColor(coding.colour).darker(140))
            painter.drawText(QRect(0, 0, STRIPE_WIDTH - 5, len(name) * NAME_PIXELS + 2),
                             Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop, "\n".join(name))
            painter.end()
            self._names[key] = pixmap
        return self._names[key]

    def _brackets(self) -> list[tuple[QRect, ShownCoding]]:
        """Where each coding's bracket is on screen now."""
        shift = self._view.text_edit.viewport().y() - self._view.text_edit.verticalScrollBar().value()
        out = []
        for column, coding in self._view.visible_stripes():
            top, bottom = self._view.line_top(coding.start) + shift, self._view.line_bottom(coding.end) + shift
            out.append((QRect(3 + column * STRIPE_WIDTH, top, STRIPE_WIDTH, max(bottom - top, 4)), coding))
        return out

    def _coding_at(self, pos: QPoint) -> ShownCoding | None:
        return next((coding for rect, coding in self._brackets() if rect.contains(pos)), None)

    def mouseMoveEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding = self._coding_at(event.position().toPoint())
        if coding:
            QToolTip.showText(event.globalPosition().toPoint(), f"{coding.path} · {coding.coder}", self)

    def mousePressEvent(self, event: QMouseEvent) -> None:  # noqa: N802
        coding = self._coding_at(event.position().toPoint())
        if coding:
            self.coding_clicked.emit(coding.id)

    def coding_rect(self, coding_id: int) -> QRect | None:
        """Where the bracket of a coding is (None when it is off screen)."""
        return next((rect for rect, c in self._brackets() if c.id == coding_id), None)


class TranscriptView(QWidget):
    """A document with its codings. Reads codings from the window's tally and codes from its catalog."""

    coding_selected = Signal(int)

    def __init__(self, store: ProjectStore, catalog: CodeCatalog, tally: CodingTally, parent: QWidget | None = None):
        super().__init__(parent)
        self._store = store
        self._catalog = catalog
        self._tally = tally
        self._coders: dict[int, str] = {}
        self.document_id: int | None = None
        self.current_coding_id: int | None = None
        self.coder_filter: int | None = None  # show only this coder's codings (blind mode: the current coder)
        self._text = ""
        self._offsets = OffsetMap("")
        self._turns: tuple[Turn, ...] = ()
        self._units: tuple[Unit, ...] = ()
        self._unit_starts: list[int] = []
        self._hover: Unit | None = None
        # The shown codings are kept sorted as they change (a click adds or removes one of hundreds), each in
        # text order with its highlight and in stripe order with its column; nothing is re-sorted per click.
        self._shown: dict[int, ShownCoding] = {}
        self._codings: list[ShownCoding] = []  # text order
        self._coding_keys: list[tuple[int, int, int]] = []
        self._coding_selections: list[tuple[ShownCoding, bool, QTextEdit.ExtraSelection]] = []  # coding, selected, sel
        self._stripe_order: list[ShownCoding] = []
        self._stripe_keys: list[tuple[int, int, int]] = []
        self._stripe_starts: list[int] = []
        self._stripe_columns: list[int] = []  # each one's column; -1 until placed
        self._column_count = 0
        self._longest = 0  # at least the longest shown coding: codings starting further back end before a point
        self._visible_range = (0, 0)
        self._span_key: tuple[int, int, int] | None = None  # scroll position and viewport size of _span
        self._span = (0, 0)
        self._lines: dict[int, tuple[int, int]] = {}  # offset → its line's top and bottom, in document pixels
        self.text_edit = TranscriptText(self)
        self.margin = StripeMargin(self)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(0)
        layout.addWidget(self.margin)
        layout.addWidget(self.text_edit, 1)
        self.text_edit.verticalScrollBar().valueChanged.connect(self._on_scroll)
        self.text_edit.document().documentLayout().documentSizeChanged.connect(self._forget_lines)
        self.text_edit.resized.connect(self._forget_lines)
        self.text_edit.alt_clicked.connect(self._on_alt_click)
        self.text_edit.turn_clicked.connect(self._on_alt_click)
        self.text_edit.clicked.connect(self._on_click)
        self.text_edit.hovered.connect(self._on_hover)
        self.text_edit.tooltip_wanted.connect(self._on_tooltip)
        self.margin.coding_clicked.connect(self._on_coding_clicked)
        self.reload_coders()

    def set_sources(self, catalog: CodeCatalog, tally: CodingTally) -> None:
        self._catalog, self._tally = catalog, tally

    def reload_coders(self) -> None:
        self._coders = {c.id: c.name for c in queries.list_coders(self._store)}

    # ---------------------------------------------------------- content

    def show_document(self, document_id: int | None) -> None:
        self.document_id = document_id
        self.current_coding_id = None
        self._hover = None
        self._text = queries.document_text(self._store, document_id) if document_id else ""
        self._offsets = OffsetMap(self._text)
        self._turns = queries.list_turns(self._store, document_id) if document_id else ()
        self._units = queries.list_units(self._store, document_id) if document_id else ()
        self._unit_starts = [u.start for u in self._units]
        self._shown = {}
        self._coding_selections = []  # their cursors point into the previous text
        self._lines.clear()
        self._span_key = None
        self.text_edit.setPlainText(self._text)
        if document_id:
            self._format_turns()
        self.refresh_codings()

    def shown_texts(self) -> dict[int, str]:
        """The shown document's stored text by its id (empty when none is shown), for views that quote it."""
        return {self.document_id: self._text} if self.document_id else {}

    def _format_turns(self) -> None:
        cursor = QTextCursor(self.text_edit.document())
        cursor.beginEditBlock()
        label = QTextCharFormat()
        label.setFontWeight(700)
        asked = QTextCharFormat()
        asked.setForeground(QColor("#6b6b6b"))
        stamp = QTextCharFormat()
        stamp.setForeground(QColor("#9a9a9a"))
        stamp.setFontWeight(400)
        previous_end = 0
        for turn in self._turns:
            line_start = self._text.rfind("\n", 0, turn.start) + 1
            label_start = max(line_start, previous_end)
            if label_start < turn.start:  # the speaker label (and timestamp) before the speech
                self._select(cursor, label_start, turn.start)
                cursor.mergeCharFormat(label)
                at = self._text.find(turn.timestamp, label_start, turn.start) if turn.timestamp else -1
                if at >= 0:  # timestamps are subdued
                    self._select(cursor, at, at + len(turn.timestamp))
                    cursor.mergeCharFormat(stamp)
            if turn.is_interviewer:
                self._select(cursor, turn.start, turn.end)
                cursor.mergeCharFormat(asked)
            previous_end = turn.end
        cursor.endEditBlock()

    def _select(self, cursor: QTextCursor, start: int, end: int) -> None:
        cursor.setPosition(self._offsets.to_qt(start))
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)

    def refresh_codings(self, changed: frozenset[int] | None = None) -> None:
        """Redraw the document's codings from the tally: all of them, or only the `changed` coding ids."""
        codes, paths, coders = self._catalog.codes, self._catalog.paths, self._coders

        def shown(r) -> ShownCoding:  # noqa: ANN001 - CodingPosition
            colour = codes[r.code_id].colour if r.code_id in codes else "#808080"
            return ShownCoding(r.id, r.code_id, r.start, r.end, colour, paths.get(r.code_id, "?"),
                               coders.get(r.coder_id, ""))

        only = self.coder_filter
        if changed is None:
            rows = self._tally.document_codings(self.document_id) if self.document_id else []
            self._shown = {r.id: shown(r) for r in rows if only is None or r.coder_id == only}
            self._codings = sorted(self._shown.values(), key=_text_key)
            self._coding_keys = [_text_key(c) for c in self._codings]
            self._stripe_order = sorted(self._codings, key=_stripe_key)
            self._stripe_keys = [_stripe_key(c) for c in self._stripe_order]
            self._stripe_starts = [c.start for c in self._stripe_order]
            self._stripe_columns = [-1] * len(self._stripe_order)
            self._longest = max((c.end - c.start for c in self._codings), default=0)
            if self.current_coding_id not in self._shown:
                self.current_coding_id = None
            self._compute_layout()
            self._rebuild_highlights()
            self._fit_margin()
            self.margin.update()
            return
        gone, added, gone_columns = [], [], []
        for coding_id in changed:
            r = self._tally.rows.get(coding_id)
            here = r is not None and r.document_id == self.document_id and (only is None or r.coder_id == only)
            new = shown(r) if here else None
            old = self._shown.get(coding_id)
            if old == new:
                continue
            if old is not None:
                del self._shown[coding_id]
                gone_columns.append(self._take(old))
                gone.append(old)
            if new is not None:
                self._shown[coding_id] = new
                added.append(new)
        if self.current_coding_id not in self._shown:
            self.current_coding_id = None
        for coding in added:  # after the current coding is settled: its highlight shows whether it is selected
            self._put(coding)
        if not gone and not added:
            return
        keys = [_stripe_key(c) for c in gone + added]
        moved = self._compute_layout(bisect_left(self._stripe_keys, min(keys)), gone_columns, max(keys))
        self._apply_selections()
        self._fit_margin()
        self._update_margin(gone + added + moved)

    def _put(self, coding: ShownCoding) -> None:
        key = _text_key(coding)
        at = bisect_left(self._coding_keys, key)
        self._coding_keys.insert(at, key)
        self._codings.insert(at, coding)
        self._coding_selections.insert(at, self._entry(coding))
        key = _stripe_key(coding)
        at = bisect_left(self._stripe_keys, key)
        self._stripe_keys.insert(at, key)
        self._stripe_order.insert(at, coding)
        self._stripe_starts.insert(at, coding.start)
        self._stripe_columns.insert(at, -1)
        self._longest = max(self._longest, coding.end - coding.start)

    def _take(self, coding: ShownCoding) -> tuple[tuple[int, int, int], int]:
        """Take a coding out; returns its stripe key and the column it had."""
        at = bisect_left(self._coding_keys, _text_key(coding))
        del self._coding_keys[at], self._codings[at], self._coding_selections[at]
        key = _stripe_key(coding)
        at = bisect_left(self._stripe_keys, key)
        column = self._stripe_columns[at]
        del self._stripe_keys[at], self._stripe_order[at], self._stripe_starts[at], self._stripe_columns[at]
        return key, column

    def _fit_margin(self) -> None:
        if self.margin.width() != self.margin.width_needed():  # an unchanged width must not re-lay out the window
            self.margin.setFixedWidth(self.margin.width_needed())

    def _update_margin(self, moved: list[ShownCoding]) -> None:
        """Repaint the band of the stripes that changed: codings that came, went, changed (both places) or
        changed column."""
        shift = self.text_edit.viewport().y() - self.text_edit.verticalScrollBar().value()
        top = min(self.line_top(c.start) for c in moved) + shift
        bottom = max(self.line_bottom(c.end) for c in moved) + shift
        self.margin.update(0, top - 2, self.margin.width(), bottom - top + 4)

    def _entry(self, coding: ShownCoding) -> tuple[ShownCoding, bool, QTextEdit.ExtraSelection]:
        selected = coding.id == self.current_coding_id
        return coding, selected, self._highlight(coding)

    def _rebuild_highlights(self) -> None:
        """One highlight per coding, reusing each whose coding (equal in every field) and selected state stay."""
        old = {entry[0].id: entry for entry in self._coding_selections}
        current = self.current_coding_id
        fresh = []
        for coding in self._codings:
            entry = old.get(coding.id)
            if entry is None or entry[1] != (coding.id == current) or entry[0] != coding:
                entry = self._entry(coding)
            fresh.append(entry)
        self._coding_selections = fresh
        self._apply_selections()

    def _highlight(self, coding: ShownCoding) -> QTextEdit.ExtraSelection:
        colour = QColor(coding.colour)
        fmt = QTextCharFormat()
        fmt.setProperty(QTextFormat.Property.UserProperty, coding.id)
        if coding.id == self.current_coding_id:  # the selected coding: stronger and underlined
            colour.setAlpha(130)
            fmt.setUnderlineStyle(QTextCharFormat.UnderlineStyle.SingleUnderline)
            fmt.setUnderlineColor(QColor(coding.colour).darker(150))
        else:
            colour.setAlpha(70)
        fmt.setBackground(colour)
        return self._extra(coding.start, coding.end, fmt)

    def _extra(self, start: int, end: int, fmt: QTextCharFormat) -> QTextEdit.ExtraSelection:
        # Assign whole objects: PySide's in-place edits of ExtraSelection members corrupt reference counts.
        cursor = self.cursor_at(start)
        cursor.setPosition(self._offsets.to_qt(end), QTextCursor.MoveMode.KeepAnchor)
        sel = QTextEdit.ExtraSelection()
        sel.format = fmt
        sel.cursor = cursor
        return sel

    def _apply_selections(self) -> None:
        hover = []
        if self._hover is not None:  # the sentence under the mouse, faintly, beneath the codings
            fmt = QTextCharFormat()
            fmt.setBackground(QColor(128, 128, 128, 28))
            hover.append(self._extra(self._hover.start, self._hover.end, fmt))
        low, high = self.visible_span()
        reach = max(high - low, 200)  # a screen above and below, so a scroll step shows them at once
        low, high = low - reach, high + reach
        self._visible_range = (low, high)
        first = bisect_left(self._coding_keys, (low - self._longest,))  # codings starting before end before low
        last = bisect_right(self._coding_keys, (high, inf))
        shown = [sel for coding, _, sel in self._coding_selections[first:last] if coding.end >= low]
        self.text_edit.setExtraSelections(hover + shown)

    def _on_scroll(self) -> None:
        low, high = self.visible_span()
        if low < self._visible_range[0] or high > self._visible_range[1]:
            self._apply_selections()
        self.margin.update()

    def _compute_layout(self, first: int = 0, gone: list[tuple[tuple[int, int, int], int]] | None = None,
                        last_change: tuple[int, int, int] | None = None) -> list[ShownCoding]:
        """Stripe columns: each coding in the first column free over its span (first fit in stripe order).

        Only the codings from `first` on are placed again: a column depends on the codings before alone.
        After a change (`gone`: the stripe key and column of each coding taken out; `last_change`: the
        greatest key that came or went) the columns the codings had are replayed beside the new ones, and
        once past the change both leave the same columns open, the rest keep theirs. Returns the codings
        that changed column."""
        order, keys, starts, columns = self._stripe_order, self._stripe_keys, self._stripe_starts, self._stripe_columns
        moved: list[ShownCoding] = []
        if first < len(order):
            ends: dict[int, int] = {}  # column → end of its last coding so far; a column not in it is free
            for i in range(first - 1, bisect_left(starts, starts[first] - self._longest, 0, first) - 1, -1):
                ends.setdefault(columns[i], order[i].end)  # only codings starting this close can still be open
            old_ends, replay, r = dict(ends), sorted(gone or ()), 0
            for i in range(first, len(order)):
                coding, start = order[i], starts[i]
                column = 0
                while ends.get(column, start) > start:
                    column += 1
                ends[column] = coding.end
                had = columns[i]
                if had != column:
                    columns[i] = column
                    if had >= 0:
                        moved.append(coding)
                if last_change is None:
                    continue
                while r < len(replay) and replay[r][0] <= keys[i]:  # the codings taken out, where they were
                    old_ends[replay[r][1]] = -replay[r][0][1]
                    r += 1
                if had >= 0:
                    old_ends[had] = coding.end
                if had == column and keys[i] >= last_change and i + 1 < len(order):
                    after = starts[i + 1]
                    if {c: e for c, e in ends.items() if e > after} == {c: e for c, e in old_ends.items() if e > after}:
                        break
        self._column_count = max(columns, default=-1) + 1
        return moved

    def stripe_layout(self) -> list[tuple[int, ShownCoding]]:
        """(column, coding) of every shown coding, in stripe order."""
        return list(zip(self._stripe_columns, self._stripe_order))

    def visible_stripes(self) -> list[tuple[int, ShownCoding]]:
        """(column, coding) of the codings on screen, in stripe order."""
        low, high = self.visible_span()
        order, columns = self._stripe_order, self._stripe_columns
        first = bisect_left(self._stripe_starts, low - self._longest)
        last = bisect_right(self._stripe_starts, high)
        return [(columns[i], order[i]) for i in range(first, last) if order[i].end >= low]

    def stripe_columns(self) -> int:
        return self._column_count

    def line_top(self, offset: int) -> int:
        """Top of the line holding `offset`, in document pixels (cached until the text is laid out again)."""
        return self._line_box(offset)[0]

    def line_bottom(self, offset: int) -> int:
        return self._line_box(offset)[1]

    def _line_box(self, offset: int) -> tuple[int, int]:
        box = self._lines.get(offset)
        if box is None:
            rect = self.text_edit.cursorRect(self.cursor_at(offset))
            scrolled = self.text_edit.verticalScrollBar().value()
            box = self._lines[offset] = (rect.top() + scrolled, rect.bottom() + scrolled)
        return box

    def _forget_lines(self, *_args: object) -> None:
        """The text was laid out again (new text, new width): line positions and the visible range moved."""
        self._lines.clear()
        self._span_key = None
        self._on_scroll()

    def visible_span(self) -> tuple[int, int]:
        """The code-point range shown in the viewport (measured again after a scroll, resize or new layout)."""
        viewport = self.text_edit.viewport()
        key = (self.text_edit.verticalScrollBar().value(), viewport.width(), viewport.height())
        if key != self._span_key:
            first = self.text_edit.cursorForPosition(QPoint(0, 0)).position()
            last = self.text_edit.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
            self._span = self._offsets.from_qt(first), self._offsets.from_qt(last, round_up=True)
            self._span_key = key
        return self._span

    def cursor_at(self, offset: int) -> QTextCursor:
        cursor = QTextCursor(self.text_edit.document())
        cursor.setPosition(self._offsets.to_qt(offset))
        return cursor

    # -------------------------------------------------------- selection

    def selected_text(self) -> str:
        """The selected text as shown (line ends as \n)."""
        return self.text_edit.textCursor().selectedText().replace("\u2029", "\n")

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

    def turn_at(self, offset: int) -> Turn | None:
        """The speaker turn containing `offset` (code points), if any."""
        return next((turn for turn in self._turns if turn.start <= offset <= turn.end), None)

    def select_turn_at(self, offset: int) -> bool:
        """Select the speaker turn containing `offset` (code points)."""
        turn = self.turn_at(offset)
        if turn is not None:
            self.select_span(turn.start, turn.end)
        return turn is not None

    def select_turn(self) -> bool:
        """Select the speaker turn where the text cursor is (Code → Select the speaker turn)."""
        return self.select_turn_at(self._offsets.from_qt(self.text_edit.textCursor().position()))

    def unit_at(self, offset: int) -> Unit | None:
        i = bisect_right(self._unit_starts, offset) - 1
        return self._units[i] if i >= 0 and offset < self._units[i].end else None

    def snap_to_units(self) -> tuple[int, int] | None:
        """Widen the selection to whole sentence units ("code the sentence")."""
        span = self.selected_span()
        if span is None:
            at = self._offsets.from_qt(self.text_edit.textCursor().position())
            span = (at, at)
        units = [u for u in self._units if u.start < max(span[1], span[0] + 1) and span[0] < u.end]
        if not units:
            return None
        self.select_span(min(u.start for u in units), max(u.end for u in units))
        return self.selected_span()

    def offset_at(self, point: QPoint) -> int:
        """Code-point offset of the character at a point of the text widget."""
        return self._offsets.from_qt(self.text_edit.position_at(point))

    def codings_at(self, offset: int) -> list[ShownCoding]:
        """Codings covering the character at `offset`, innermost (shortest) first."""
        return sorted((c for c in self._codings if c.start <= offset < c.end), key=lambda c: (c.end - c.start, c.id))

    def current_coding(self) -> ShownCoding | None:
        return next((c for c in self._codings if c.id == self.current_coding_id), None)

    def set_current_coding(self, coding_id: int | None) -> None:
        """Mark a coding as the selected one (the target of resize, recode, comment, remove)."""
        previous, self.current_coding_id = self.current_coding_id, coding_id
        for changed in {previous, coding_id} - {None}:  # only these two highlights look different
            coding = self._shown.get(changed)
            if coding is not None:
                self._coding_selections[bisect_left(self._coding_keys, _text_key(coding))] = self._entry(coding)
        self._apply_selections()
        if coding_id is not None:
            self.coding_selected.emit(coding_id)

    def tooltip_at(self, offset: int) -> str:
        """The codes at a position, one line each (what the tooltip shows)."""
        return "\n".join(f"{c.path} · {c.coder}" for c in self.codings_at(offset))

    def _on_alt_click(self, qt_position: int) -> None:
        self.select_turn_at(self._offsets.from_qt(qt_position))

    def _on_click(self, qt_position: int) -> None:
        here = self.codings_at(self._offsets.from_qt(qt_position))
        self.set_current_coding(here[0].id if here else None)

    def _on_hover(self, qt_position: int) -> None:
        unit = self.unit_at(self._offsets.from_qt(qt_position)) if qt_position >= 0 else None
        if unit != self._hover:
            self._hover = unit
            self._apply_selections()

    def _on_tooltip(self, qt_position: int, global_pos: QPoint) -> None:
        text = self.tooltip_at(self._offsets.from_qt(qt_position))
        if text:
            QToolTip.showText(global_pos, text, self.text_edit)
        else:
            QToolTip.hideText()

    def _on_coding_clicked(self, coding_id: int) -> None:
        coding = next((c for c in self._codings if c.id == coding_id), None)
        if coding is not None:
            self.select_span(coding.start, coding.end)
        self.set_current_coding(coding_id)
