"""The category board: main categories, categories, the core category and its pathways, and their relations.

Researchers arrange the paradigm model here (issue 5): drag boxes, draw a
relation by dragging from one box to another (right button or Shift+left),
double-click to open a code or a relation, and export the picture for a paper.

The board only shows plain values (`coding.values.Code`, `Relation`) and
reports what the user asked for through signals; the window runs the services
(store positions, add a relation) and calls `set_content` again. The automatic
layout is a pure function of the node sizes (`auto_layout`), so it is the same
on every rebuild.
"""

from __future__ import annotations

import math
from typing import Callable, Mapping, Sequence

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QLineF, QPointF, QRectF, QSize, QSizeF, Qt, Signal
from PySide6.QtGui import (
    QAction,
    QBrush,
    QColor,
    QFont,
    QFontDatabase,
    QFontMetricsF,
    QGuiApplication,
    QImage,
    QPainter,
    QPainterPath,
    QPainterPathStroker,
    QPen,
    QPolygonF,
)
from PySide6.QtSvg import QSvgGenerator
from PySide6.QtWidgets import (
    QFileDialog,
    QGraphicsItem,
    QGraphicsLineItem,
    QGraphicsScene,
    QGraphicsView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QTextBrowser,
    QToolBar,
    QVBoxLayout,
    QWidget,
)

from app.board_layout import SHOWN_LEVELS, Box, auto_layout, break_pieces, wrap_words
from coding.values import Code, Relation
from corpus.simplified import simplified_copy
from corpus.units import DEFAULT_USER_WORDS, segmenter
from coding.vocab import DEFAULT_CODE_COLOUR, PARADIGM_ROLES, RELATION_TYPES

MARGIN = 24.0  # around the drawing when exported or fitted
LAYOUT_ASPECT = 2.0  # the circles are ellipses twice as wide as tall: the board's window is wide
READABLE_SCALE = 0.8  # Fit shrinks no further: names (13 px) stay 10 px or more on screen
TEXT_WIDTH = 132.0  # names wrap beyond this (about nine Chinese characters)
BORDER = {"core": 4.0, "main": 2.5}  # others 1.25
NAME_PIXELS = {"core": 16, "main": 14}  # others 13
EDGE_COLOUR, CONFLICT_COLOUR, TEXT_COLOUR = QColor("#555555"), QColor("#c0392b"), QColor("#1a1a1a")


# ---------------------------------------------------------------- labels


def relation_label(kind: str) -> str:
    """The Chinese label of a relation type (a paradigm role may be used as a type), else the type itself."""
    if kind in RELATION_TYPES:
        return RELATION_TYPES[kind][0]
    if kind in PARADIGM_ROLES:
        return PARADIGM_ROLES[kind][0]
    return kind


def board_font_family() -> str:
    """The application font if it writes Chinese, else the first installed CJK font (exports need real glyphs)."""
    family = QGuiApplication.font().family()
    if QFontDatabase.WritingSystem.SimplifiedChinese in QFontDatabase.writingSystems(family):
        return family
    from app.preferences import default_cjk_family

    return default_cjk_family() or family


def word_cutter(user_words: tuple[str, ...] = DEFAULT_USER_WORDS) -> Callable[[str], list[str]]:
    """A function cutting a name into its words (jieba on the simplified copy, the original's spelling kept)."""
    jieba = segmenter(user_words)

    def cut(text: str) -> list[str]:
        words, at = [], 0
        for word in jieba.cut(simplified_copy(text)):
            words.append(text[at:at + len(word)])
            at += len(word)
        return words

    return cut


def _font(family: str, pixels: int, bold: bool = False) -> QFont:
    # pixel sizes: one scene unit is one pixel at 96 dpi, whatever the screen or export resolution
    font = QFont(family)
    font.setPixelSize(pixels)
    font.setBold(bold)
    return font


def _light(colour: QColor, share: float) -> QColor:
    """`colour` mixed with white (`share` of the colour)."""
    return QColor.fromRgbF(*(1 - share * (1 - c) for c in (colour.redF(), colour.greenF(), colour.blueF())))


# ---------------------------------------------------------------- scene items


class _Node(QGraphicsItem):
    """A category's rounded box, centred on its position: label and name, and its paradigm role below."""

    TEXT_FLAGS = Qt.AlignmentFlag.AlignHCenter  # the lines are broken beforehand, between words

    def __init__(self, board: CategoryBoard, code: Code, label: str, tooltip: str, family: str,
                 cut: Callable[[str], list[str]]):
        super().__init__()
        self.board, self.code_id, self.guid, self.level = board, code.id, code.guid, code.level
        self.edges: list[_Edge] = []
        self.highlighted = False
        colour = QColor(code.colour) if QColor.isValidColorName(code.colour or "") else QColor(DEFAULT_CODE_COLOUR)
        self.border = QPen(colour, BORDER.get(code.level, 1.25))
        self.border.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
        self.fill = _light(colour, 0.24 if code.level == "core" else 0.14)
        self.role_colour = colour.darker(150)
        self.name_font = _font(family, NAME_PIXELS.get(code.level, 13), bold=code.level in NAME_PIXELS)
        self.role_font = _font(family, 11)
        role = PARADIGM_ROLES.get(code.paradigm_role, (code.paradigm_role or "",))[0]
        # the lines break between words (cut), never inside one, and are drawn as broken here
        self.text = self._lines(self.name_font, [label, " ", *cut(code.name)] if label else cut(code.name))
        self.role = self._lines(self.role_font, cut(role)) if role else ""
        name, role_size = self._extent(self.name_font, self.text), self._extent(self.role_font, self.role)
        pad_x, pad_y = 10.0, 6.0 + self.border.widthF() / 2
        width = max(name.width(), role_size.width(), 48.0) + 2 * pad_x
        height = name.height() + (role_size.height() + 1 if self.role else 0) + 2 * pad_y
        self.rect = QRectF(-width / 2, -height / 2, width, height)
        self.name_rect = QRectF(-name.width() / 2, self.rect.top() + pad_y, name.width(), name.height())
        self.role_rect = QRectF(-role_size.width() / 2, self.name_rect.bottom() + 1, role_size.width(), role_size.height())
        self.setFlags(
            QGraphicsItem.GraphicsItemFlag.ItemIsMovable
            | QGraphicsItem.GraphicsItemFlag.ItemIsSelectable
            | QGraphicsItem.GraphicsItemFlag.ItemSendsGeometryChanges
        )
        self.setCursor(Qt.CursorShape.SizeAllCursor)
        self.setToolTip(tooltip)
        self.setZValue(1)

    @staticmethod
    def _lines(font: QFont, words: Sequence[str]) -> str:
        """The text in lines of about equal width, none wider than TEXT_WIDTH, broken between words only."""
        metrics = QFontMetricsF(font)
        return "\n".join(wrap_words(break_pieces(words), metrics.horizontalAdvance, TEXT_WIDTH))

    @classmethod
    def _extent(cls, font: QFont, text: str) -> QSizeF:
        """The size of the lines as drawn, a pixel wider so that rounding never breaks a line again."""
        if not text:
            return QSizeF(0, 0)
        size = QFontMetricsF(font).boundingRect(QRectF(0, 0, 1e4, 1e4), cls.TEXT_FLAGS, text).size()
        return QSizeF(math.ceil(size.width()) + 1, size.height())

    def size(self) -> Box:
        return (self.rect.width(), self.rect.height())

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect.adjusted(-6, -6, 6, 6)

    def set_highlighted(self, on: bool) -> None:
        if on != self.highlighted:
            self.highlighted = on
            self.update()

    def paint(self, painter: QPainter, option, widget=None) -> None:  # noqa: ANN001 - Qt override
        if self.highlighted or (self.isSelected() and not self.board.exporting):
            painter.setPen(QPen(QColor(0, 120, 215, 150), 5))
            painter.setBrush(Qt.BrushStyle.NoBrush)
            painter.drawRoundedRect(self.rect.adjusted(-3, -3, 3, 3), 10, 10)
        painter.setPen(self.border)
        painter.setBrush(self.fill)
        painter.drawRoundedRect(self.rect, 8, 8)
        painter.setFont(self.name_font)
        painter.setPen(TEXT_COLOUR)
        painter.drawText(self.name_rect, self.TEXT_FLAGS, self.text)
        if self.role:
            painter.setFont(self.role_font)
            painter.setPen(self.role_colour)
            painter.drawText(self.role_rect, self.TEXT_FLAGS, self.role)

    def itemChange(self, change, value):  # noqa: ANN001, N802 - Qt override
        if change == QGraphicsItem.GraphicsItemChange.ItemPositionHasChanged:
            for edge in self.edges:
                edge.adjust()
            self.board.node_moved()
        return super().itemChange(change, value)

    def clip(self, toward: QPointF) -> QPointF:
        """Where the line from the centre toward `toward` leaves the box."""
        centre = self.pos()
        dx, dy = toward.x() - centre.x(), toward.y() - centre.y()
        if not dx and not dy:
            return centre
        half_w, half_h = self.rect.width() / 2 + 2, self.rect.height() / 2 + 2
        t = min(half_w / abs(dx) if dx else math.inf, half_h / abs(dy) if dy else math.inf, 1.0)
        return QPointF(centre.x() + t * dx, centre.y() + t * dy)


class _EdgeLabel(QGraphicsItem):
    """A relation's type, drawn above the boxes so a short arrow's label stays readable."""

    def __init__(self, edge: _Edge, text: str, colour: QColor, family: str):
        super().__init__()
        self.edge, self.text, self.colour = edge, text, colour
        self.font = _font(family, 11)
        size = QFontMetricsF(self.font).size(0, text)
        self.rect = QRectF(-(size.width() + 8) / 2, -(size.height() + 2) / 2, size.width() + 8, size.height() + 2)
        self.setZValue(2)

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.rect

    def paint(self, painter: QPainter, option, widget=None) -> None:  # noqa: ANN001 - Qt override
        painter.setPen(Qt.PenStyle.NoPen)
        painter.setBrush(QColor(255, 255, 255, 225))
        painter.drawRoundedRect(self.rect, 4, 4)
        painter.setPen(self.colour)
        painter.setFont(self.font)
        painter.drawText(self.rect, Qt.AlignmentFlag.AlignCenter, self.text)


class _Edge(QGraphicsItem):
    """A relation: an arrow (directed) or a line, bent when two codes have several, labelled with its type."""

    def __init__(self, relation: Relation, source: _Node, target: _Node, bend: float, family: str):
        super().__init__()
        self.relation_id, self.source, self.target, self.bend = relation.id, source, target, bend
        self.directed = relation.directed
        self.label = relation_label(relation.type)
        colour = CONFLICT_COLOUR if relation.type == "contradicts" else EDGE_COLOUR
        self.pen = QPen(colour, 1.4, Qt.PenStyle.DashLine if relation.type in ("is_part_of", "is_a") else Qt.PenStyle.SolidLine)
        self.colour = colour
        self.label_item = _EdgeLabel(self, self.label, colour, family)
        self.path, self.head = QPainterPath(), QPolygonF()
        self._shape = QPainterPath()
        if relation.memo:
            self.setToolTip(relation.memo)
        self.setZValue(0)
        source.edges.append(self)
        target.edges.append(self)
        self.adjust()

    def adjust(self) -> None:
        self.prepareGeometryChange()
        a, b = self.source.pos(), self.target.pos()
        # bend toward one side of the pair taken in a fixed order, so A→B and B→A part ways
        first, second = (a, b) if self.source.code_id < self.target.code_id else (b, a)
        line = QLineF(first, second)
        length = line.length() or 1.0
        normal = QPointF(-line.dy() / length, line.dx() / length)
        control = (a + b) / 2 + normal * self.bend
        start, end = self.source.clip(control), self.target.clip(control)
        self.path = QPainterPath(start)
        self.path.quadTo(control, end)
        self.head = QPolygonF()
        direction = QLineF(end, control)
        if self.directed and direction.length() > 0:
            for turn in (-25, 25):
                wing = QLineF(direction)
                wing.setLength(10)
                wing.setAngle(direction.angle() + turn)
                self.head.append(wing.p2())
            self.head.insert(1, end)
        self.label_item.setPos(self._label_spot())
        stroker = QPainterPathStroker()
        stroker.setWidth(10)
        self._shape = stroker.createStroke(self.path)

    def _label_spot(self) -> QPointF:
        """The middle of the arrow, or the point nearest to it where the label covers no box and no other label."""
        reach = self.path.boundingRect().adjusted(-60, -20, 60, 20)
        board = self.source.board
        others = (edge.label_item for edge in board.edges.values() if edge is not self)
        boxes = [box for item in (*board.nodes.values(), *others) if (box := item.sceneBoundingRect()).intersects(reach)]
        best, least = QPointF(), math.inf
        for t in (0.5, 0.42, 0.58, 0.34, 0.66, 0.26, 0.74, 0.18, 0.82):
            spot = self.path.pointAtPercent(t)
            label = self.label_item.rect.translated(spot)
            covered = sum((r := label.intersected(box)).width() * r.height() for box in boxes)
            if covered < least:  # no spot is free: the one covering least
                best, least = spot, covered
            if not covered:
                break
        return best

    def boundingRect(self) -> QRectF:  # noqa: N802 - Qt override
        return self.path.boundingRect().united(self.head.boundingRect()).adjusted(-3, -3, 3, 3)

    def shape(self) -> QPainterPath:
        return self._shape

    def paint(self, painter: QPainter, option, widget=None) -> None:  # noqa: ANN001 - Qt override
        painter.setPen(self.pen)
        painter.setBrush(Qt.BrushStyle.NoBrush)
        painter.drawPath(self.path)
        if not self.head.isEmpty():
            painter.setPen(QPen(self.colour, 1.2))
            painter.setBrush(self.colour)
            painter.drawPolygon(self.head)


# ---------------------------------------------------------------- the view


class _BoardView(QGraphicsView):
    """Pans on empty space; drags boxes; draws a rubber line from box to box to ask for a relation."""

    def __init__(self, board: CategoryBoard):
        super().__init__(board.scene, board)
        self.board = board
        self.auto_fit = True  # fit on resize until the user zooms
        self._link_from: _Node | None = None
        self._link_to: _Node | None = None
        self._rubber: QGraphicsLineItem | None = None
        self.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        self.setDragMode(QGraphicsView.DragMode.ScrollHandDrag)
        self.setTransformationAnchor(QGraphicsView.ViewportAnchor.AnchorUnderMouse)
        self.setViewportUpdateMode(QGraphicsView.ViewportUpdateMode.SmartViewportUpdate)
        self.setBackgroundBrush(QBrush(Qt.GlobalColor.white))

    def node_at(self, pos) -> _Node | None:  # noqa: ANN001 - QPoint
        return next((item for item in self.items(pos) if isinstance(item, _Node)), None)

    def fit(self) -> None:
        """The whole board, as large as the view allows; a board too large to show whole with its text
        readable is shown at the smallest readable scale around its centre (the core), to be panned."""
        self.auto_fit = True
        rect = self.board.export_rect()
        if rect.isEmpty():
            return
        self.fitInView(rect, Qt.AspectRatioMode.KeepAspectRatio)
        if self.transform().m11() < READABLE_SCALE:
            self.resetTransform()
            self.scale(READABLE_SCALE, READABLE_SCALE)
            core = next((node for node in self.board.nodes.values() if node.level == "core"), None)
            self.centerOn(core.pos() if core is not None else rect.center())

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        if self.auto_fit:
            self.fit()

    def wheelEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier:
            self.auto_fit = False
            factor = 1.15 ** (event.angleDelta().y() / 120)
            self.scale(factor, factor)
            event.accept()
        else:
            super().wheelEvent(event)

    def mousePressEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        button, shift = event.button(), event.modifiers() & Qt.KeyboardModifier.ShiftModifier
        node = self.node_at(event.position().toPoint())
        if node is not None and (button == Qt.MouseButton.RightButton or (button == Qt.MouseButton.LeftButton and shift)):
            self._link_from = node
            self._rubber = QGraphicsLineItem(QLineF(node.pos(), self.mapToScene(event.position().toPoint())))
            pen = QPen(QColor(0, 120, 215), 2, Qt.PenStyle.DashLine)
            pen.setCosmetic(True)
            self._rubber.setPen(pen)
            self._rubber.setZValue(3)
            self.board.scene.addItem(self._rubber)
            event.accept()
            return
        self.board.moved = False
        super().mousePressEvent(event)

    def mouseMoveEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._link_from is None:
            super().mouseMoveEvent(event)
            return
        pos = event.position().toPoint()
        self._rubber.setLine(QLineF(self._link_from.pos(), self.mapToScene(pos)))
        target = self.node_at(pos)
        target = target if target is not self._link_from else None
        if target is not self._link_to:
            for node in (self._link_to, target):
                if node is not None:
                    node.set_highlighted(node is target)
            self._link_to = target
        event.accept()

    def mouseReleaseEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        if self._link_from is None:
            super().mouseReleaseEvent(event)
            if self.board.moved:
                self.board.moved = False
                self.board.scene.setSceneRect(self.board.export_rect())
                self.board.positions_changed.emit(self.board.positions())
            return
        source, target = self._link_from, self.node_at(event.position().toPoint())
        self.board.scene.removeItem(self._rubber)
        if self._link_to is not None:
            self._link_to.set_highlighted(False)
        self._link_from = self._link_to = self._rubber = None
        event.accept()
        if target is not None and target is not source:
            self.board.relation_requested.emit(source.code_id, target.code_id)

    def mouseDoubleClickEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        item = self.itemAt(event.position().toPoint())
        node = self.node_at(event.position().toPoint())
        if node is not None:
            event.accept()
            self.board.code_activated.emit(node.code_id)
        elif isinstance(item, (_Edge, _EdgeLabel)):
            event.accept()
            self.board.relation_activated.emit(item.relation_id if isinstance(item, _Edge) else item.edge.relation_id)
        else:
            super().mouseDoubleClickEvent(event)

    def contextMenuEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        event.accept()  # the right button draws relations here


# ---------------------------------------------------------------- the board


class CategoryBoard(QWidget):
    """The paradigm-model board with its story line and causal chains; reads plain values, writes nothing."""

    positions_changed = Signal(dict)  # code guid → (x, y) of every box, after the user moved some
    relation_requested = Signal(int, int)  # source code id, target code id
    relation_activated = Signal(int)  # relation id (double-click on an arrow)
    code_activated = Signal(int)  # code id (double-click on a box)
    failed = Signal(str)  # a one-line message (an export could not be written)

    def __init__(self, parent: QWidget | None = None):
        super().__init__(parent)
        self.nodes: dict[int, _Node] = {}  # code id → box
        self.edges: dict[int, _Edge] = {}  # relation id → arrow
        self.moved = False  # a box moved since the mouse went down
        self.exporting = False
        self._building = False
        self.scene = QGraphicsScene(self)
        self.scene.setItemIndexMethod(QGraphicsScene.ItemIndexMethod.NoIndex)  # boxes move; few items
        self.view = _BoardView(self)

        self.toolbar = QToolBar(self)
        self.fit_action = QAction(self.tr("Fit"), self)
        self.fit_action.setToolTip(self.tr("Show the whole board, or as much of it as fits with its text readable"))
        self.png_action = QAction(self.tr("Export PNG…"), self)
        self.svg_action = QAction(self.tr("Export SVG…"), self)
        for action in (self.fit_action, self.png_action, self.svg_action):
            self.toolbar.addAction(action)
        hint = QLabel(self.tr("Drag to arrange; Shift+drag or right-drag from box to box to relate; double-click to open"), self)
        hint.setWordWrap(True)
        hint.setEnabled(False)
        top = QHBoxLayout()
        top.addWidget(self.toolbar)
        top.addWidget(hint, 1)

        self.storyline = QTextBrowser(self)
        self.storyline.setOpenLinks(False)
        self.storyline.setPlaceholderText(self.tr("No story line yet: write a memo of the kind “story line”."))
        self.chains = QListWidget(self)
        self.chains.setWordWrap(True)
        story_box, chain_box = QWidget(self), QWidget(self)
        for box, heading, body in ((story_box, self.tr("Story line"), self.storyline),
                                   (chain_box, self.tr("Causal chains"), self.chains)):
            column = QVBoxLayout(box)
            column.setContentsMargins(0, 0, 0, 0)
            title = QLabel(heading, box)
            font = title.font()
            font.setBold(True)
            title.setFont(font)
            column.addWidget(title)
            column.addWidget(body, 1)
        below = QSplitter(Qt.Orientation.Horizontal, self)
        below.addWidget(story_box)
        below.addWidget(chain_box)
        below.setStretchFactor(0, 3)
        below.setStretchFactor(1, 2)
        self.split = QSplitter(Qt.Orientation.Vertical, self)
        self.split.addWidget(self.view)
        self.split.addWidget(below)
        self.split.setStretchFactor(0, 1)
        self.split.setChildrenCollapsible(False)
        self._split_moved = False  # until the user moves the handle, the board keeps about three quarters
        self.split.splitterMoved.connect(self._on_splitter_moved)
        for text in (self.storyline, self.chains):
            text.setMinimumHeight(48)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addLayout(top)
        layout.addWidget(self.split, 1)

        self.fit_action.triggered.connect(self.fit)
        self.png_action.triggered.connect(self._on_export_png)
        self.svg_action.triggered.connect(self._on_export_svg)
        self.set_chains(())

    def resizeEvent(self, event) -> None:  # noqa: ANN001, N802 - Qt override
        super().resizeEvent(event)
        if not self._split_moved:
            total = sum(self.split.sizes()) or self.split.height()
            below = max(80, min(220, total // 4))
            self.split.setSizes([total - below, below])

    def _on_splitter_moved(self, *_args: int) -> None:
        self._split_moved = True

    # ------------------------------------------------------------ content

    def set_content(
        self,
        codes: Sequence[Code],
        paths: Mapping[int, str],
        relations: Sequence[Relation],
        positions: Mapping[str, tuple[float, float]],
        labels: Mapping[int, str] = {},  # noqa: B006 - read only
        storyline: str = "",
        user_words: tuple[str, ...] = DEFAULT_USER_WORDS,
    ) -> None:
        """Rebuild the scene: boxes for core, main categories, categories and pathways; arrows between them.

        Names break into lines between the words jieba finds (knowing the project's `user_words`)."""
        by_id = {c.id: c for c in codes}
        cores = {c.id for c in codes if c.level == "core"}
        shown = [c for c in codes if c.level in SHOWN_LEVELS or (c.level == "none" and c.parent_id in cores)]
        family = board_font_family()
        cut = word_cutter(user_words)
        self._building = True
        self.nodes, self.edges = {}, {}
        self.scene.clear()
        for code in shown:
            tooltip = paths.get(code.id, code.name) + (f"\n{code.definition}" if code.definition else "")
            node = _Node(self, code, labels.get(code.id, ""), tooltip, family, cut)
            self.nodes[code.id] = node
            self.scene.addItem(node)
        sizes = {i: node.size() for i, node in self.nodes.items()}
        links = [(r.source_id, r.target_id) for r in relations]
        layout = auto_layout(shown, sizes, {c.id: c.parent_id for c in by_id.values()}, links, aspect=LAYOUT_ASPECT)
        for code in shown:
            x, y = positions.get(code.guid) or layout[code.id]
            self.nodes[code.id].setPos(float(x), float(y))
        drawn = [r for r in relations if r.source_id in self.nodes and r.target_id in self.nodes and r.source_id != r.target_id]
        pairs: dict[frozenset[int], list[Relation]] = {}
        for relation in drawn:
            pairs.setdefault(frozenset((relation.source_id, relation.target_id)), []).append(relation)
        for group in pairs.values():
            for k, relation in enumerate(group):
                bend = (k - (len(group) - 1) / 2) * 30.0
                edge = _Edge(relation, self.nodes[relation.source_id], self.nodes[relation.target_id], bend, family)
                self.edges[relation.id] = edge
                self.scene.addItem(edge)
                self.scene.addItem(edge.label_item)
        self._building = False
        self.moved = False
        self.scene.setSceneRect(self.export_rect())
        self.set_storyline(storyline)
        if self.view.auto_fit:
            self.view.fit()

    def set_storyline(self, text: str) -> None:
        self.storyline.setPlainText(text)

    def set_chains(self, chains: Sequence[Sequence[str]]) -> None:
        """Causal chains, each shown as "A → B → C"."""
        self.chains.clear()
        for chain in chains:
            self.chains.addItem(" → ".join(chain))
        if not chains:
            empty = QListWidgetItem(self.tr("No causal chains between the categories yet"))
            empty.setFlags(Qt.ItemFlag.NoItemFlags)
            self.chains.addItem(empty)

    def chain_texts(self) -> list[str]:
        return [self.chains.item(i).text() for i in range(self.chains.count()) if self.chains.item(i).flags()]

    def positions(self) -> dict[str, tuple[float, float]]:
        """code guid → centre of its box, for every box."""
        return {node.guid: (node.x(), node.y()) for node in self.nodes.values()}

    def node_moved(self) -> None:
        if not self._building:
            self.moved = True

    def fit(self) -> None:
        self.view.fit()

    # ------------------------------------------------------------ export

    def title(self) -> str:
        return self.tr("Category board")

    def export_rect(self) -> QRectF:
        """The part of the scene that is exported: every item and a margin."""
        rect = QRectF()
        for item in (*self.nodes.values(), *self.edges.values(), *(e.label_item for e in self.edges.values())):
            rect = rect.united(item.sceneBoundingRect())
        return rect.adjusted(-MARGIN, -MARGIN, MARGIN, MARGIN) if not rect.isEmpty() else rect

    def _render(self, painter: QPainter, width: int, height: int, source: QRectF) -> None:
        painter.setRenderHints(QPainter.RenderHint.Antialiasing | QPainter.RenderHint.TextAntialiasing)
        painter.fillRect(QRectF(0, 0, width, height), Qt.GlobalColor.white)
        self.exporting = True
        try:
            self.scene.render(painter, QRectF(0, 0, width, height), source, Qt.AspectRatioMode.IgnoreAspectRatio)
        finally:
            self.exporting = False

    def export_png(self, path: str, dpi: int = 300) -> None:
        """Write the board as a PNG at `dpi`, one scene unit being 1/96 inch, on white."""
        source = self.export_rect()
        scale = dpi / 96
        width, height = max(1, math.ceil(source.width() * scale)), max(1, math.ceil(source.height() * scale))
        source.setSize(QSizeF(width / scale, height / scale))  # whole pixels, unstretched
        image = QImage(width, height, QImage.Format.Format_RGB32)  # opaque: smaller and faster to write
        image.fill(Qt.GlobalColor.white)
        image.setDotsPerMeterX(round(dpi / 0.0254))
        image.setDotsPerMeterY(round(dpi / 0.0254))
        image.setText("Title", self.title())
        painter = QPainter(image)
        self._render(painter, width, height, source)
        painter.end()
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        image.save(buffer, "PNG")
        buffer.close()
        self._write(path, bytes(data))

    def export_svg(self, path: str) -> None:
        """Write the board as SVG (text stays text, in the board's CJK font)."""
        source = self.export_rect()
        width, height = max(1, math.ceil(source.width())), max(1, math.ceil(source.height()))
        source.setSize(QSizeF(width, height))
        data = QByteArray()
        buffer = QBuffer(data)
        buffer.open(QIODevice.OpenModeFlag.WriteOnly)
        generator = QSvgGenerator()
        generator.setOutputDevice(buffer)
        generator.setSize(QSize(width, height))
        generator.setViewBox(QRectF(0, 0, width, height))
        generator.setResolution(96)
        generator.setTitle(self.title())
        painter = QPainter(generator)
        self._render(painter, width, height, source)
        painter.end()
        buffer.close()
        self._write(path, bytes(data))

    def _write(self, path: str, data: bytes) -> None:
        try:
            with open(path, "wb") as out:
                out.write(data)
        except OSError as exc:
            self.failed.emit(self.tr("Cannot write {0}: {1}").format(path, exc.strerror or exc))

    def _on_export_png(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export PNG"), "", self.tr("PNG images (*.png)"))
        if path:
            self.export_png(path if path.lower().endswith(".png") else path + ".png")

    def _on_export_svg(self) -> None:
        path, _ = QFileDialog.getSaveFileName(self, self.tr("Export SVG"), "", self.tr("SVG drawings (*.svg)"))
        if path:
            self.export_svg(path if path.lower().endswith(".svg") else path + ".svg")
