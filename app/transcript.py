"""The transcript view: a document's text with speaker turns, coding highlights and a stripe margin.

The text shown is exactly the stored text, so a selection maps to code-point
offsets through `OffsetMap` alone. Labels of speaker turns are bold, the
interviewer's speech is grey, and every coding is a translucent highlight in its
code's colour plus a bracket in the stripe margin (as in MAXQDA).
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass

from PySide6.QtCore import QByteArray, QEvent, QMimeData, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtGui import QColor, QHelpEvent, QMouseEvent, QPainter, QPaintEvent, QPixmap, QTextCharFormat, QTextCursor, QTextFormat
from PySide6.QtWidgets import QHBoxLayout, QTextEdit, QToolTip, QWidget

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


class TranscriptText(QTextEdit):
    """Read-only text whose selection can be dragged onto a code; Alt+click selects a turn."""

    alt_clicked = Signal(int)  # UTF-16 position
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

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - QResizeEvent
        super().resizeEvent(event)
        self.resized.emit()

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
        self._names: dict[tuple[str, str], QPixmap] = {}
        self.setMouseTracking(True)

    def sizeHint(self) -> QSize:  # noqa: N802
        return QSize(self.width_needed(), 100)

    def width_needed(self) -> int:
        return max(1, self._view.stripe_columns()) * STRIPE_WIDTH + 6

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802
        painter = QPainter(self)
        painter.fillRect(self.rect(), self.palette().window())
        shift = self._view.text_edit.viewport().y() - self._view.text_edit.verticalScrollBar().value()
        low, high = self._view.visible_span()
        dirty = event.rect()
        for column, coding in self._view.stripe_layout():
            if coding.end < low or coding.start > high:  # only what is on screen is measured and drawn
                continue
            top, bottom = self._view.line_top(coding.start) + shift, self._view.line_bottom(coding.end) + shift
            if bottom < dirty.top() or top > dirty.bottom():  # outside the part being repainted
                continue
            height = max(bottom - top, 4)
            x = 3 + column * STRIPE_WIDTH
            colour = QColor(coding.colour)
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
        low, high = self._view.visible_span()
        out = []
        for column, coding in self._view.stripe_layout():
            if coding.end < low or coding.start > high:
                continue
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
        self._codings: list[ShownCoding] = []
        self._coding_selections: list[tuple[ShownCoding, QTextEdit.ExtraSelection]] = []
        self._visible_range = (0, 0)
        self._highlight_cache: dict[int, tuple[ShownCoding, bool, QTextEdit.ExtraSelection]] = {}
        self._shown: dict[int, ShownCoding] = {}
        self._lines: dict[int, tuple[int, int]] = {}  # offset → its line's top and bottom, in document pixels
        self._layout_cache: list[tuple[int, ShownCoding]] = []
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
        self._highlight_cache = {}  # their cursors point into the previous text
        self._coding_selections = []
        self._lines.clear()
        self.text_edit.setPlainText(self._text)
        if document_id:
            self._format_turns()
        self.refresh_codings()

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
        codes, paths = self._catalog.codes, self._catalog.paths

        def shown(r) -> ShownCoding:  # noqa: ANN001 - CodingPosition
            colour = codes[r.code_id].colour if r.code_id in codes else "#808080"
            return ShownCoding(r.id, r.code_id, r.start, r.end, colour, paths.get(r.code_id, "?"), self._coders.get(r.coder_id, ""))

        only = self.coder_filter
        if changed is None:
            rows = self._tally.document_codings(self.document_id) if self.document_id else []
            self._shown = {r.id: shown(r) for r in rows if only is None or r.coder_id == only}
        else:
            for coding_id in changed:
                r = self._tally.rows.get(coding_id)
                if r is not None and r.document_id == self.document_id and (only is None or r.coder_id == only):
                    self._shown[coding_id] = shown(r)
                else:
                    self._shown.pop(coding_id, None)
        self._codings = sorted(self._shown.values(), key=lambda c: (c.start, c.end, c.id))
        if self.current_coding_id not in self._shown:
            self.current_coding_id = None
        before = {coding.id: (column, coding) for column, coding in self._layout_cache}
        self._layout_cache = self._compute_layout()
        self._rebuild_highlights()
        if self.margin.width() != self.margin.width_needed():  # an unchanged width must not re-lay out the window
            self.margin.setFixedWidth(self.margin.width_needed())
        self._update_margin(before if changed is not None else None)

    def _update_margin(self, before: dict[int, tuple[int, ShownCoding]] | None) -> None:
        """Repaint the stripes that changed (a new, removed, moved or re-columned coding), or all of them."""
        if before is None:
            self.margin.update()
            return
        after = {coding.id: (column, coding) for column, coding in self._layout_cache}
        moved = [entry[1] for key, entry in after.items() if before.get(key) != entry]
        moved += [entry[1] for key, entry in before.items() if key not in after]
        if not moved:
            return
        shift = self.text_edit.viewport().y() - self.text_edit.verticalScrollBar().value()
        top = min(self.line_top(c.start) for c in moved) + shift
        bottom = max(self.line_bottom(c.end) for c in moved) + shift
        self.margin.update(0, top - 2, self.margin.width(), bottom - top + 4)

    def _rebuild_highlights(self) -> None:
        """One highlight per coding, reusing each whose coding (the same object) and selected state are unchanged."""
        old, fresh = self._highlight_cache, {}
        current = self.current_coding_id
        for coding in self._codings:
            entry = old.get(coding.id)
            selected = coding.id == current
            if entry is None or entry[0] is not coding or entry[1] != selected:
                entry = (coding, selected, self._highlight(coding))
            fresh[coding.id] = entry
        self._highlight_cache = fresh
        self._coding_selections = [(coding, selection) for coding, _, selection in fresh.values()]
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
        shown = [sel for coding, sel in self._coding_selections if coding.end >= low and coding.start <= high]
        self.text_edit.setExtraSelections(hover + shown)

    def _on_scroll(self) -> None:
        low, high = self.visible_span()
        if low < self._visible_range[0] or high > self._visible_range[1]:
            self._apply_selections()
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
        self._on_scroll()

    def visible_span(self) -> tuple[int, int]:
        """The code-point range shown in the viewport."""
        viewport = self.text_edit.viewport()
        first = self.text_edit.cursorForPosition(QPoint(0, 0)).position()
        last = self.text_edit.cursorForPosition(QPoint(viewport.width(), viewport.height())).position()
        return self._offsets.from_qt(first), self._offsets.from_qt(last, round_up=True)

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
        for turn in self._turns:
            if turn.start <= offset <= turn.end:
                self.select_span(turn.start, turn.end)
                return True
        return False

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
        self.current_coding_id = coding_id
        self._rebuild_highlights()
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
