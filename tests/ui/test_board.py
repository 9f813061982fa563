"""The category board on the demo project: boxes and arrows, dragging, drawing relations, layout, exports."""

from __future__ import annotations

import math
from dataclasses import dataclass, replace

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QFont, QImage, QTextLayout, QTextOption
from PySide6.QtTest import QTest

from app.board import READABLE_SCALE, CategoryBoard, relation_label, word_cutter
from app.board_layout import CLOSERS, OPENERS, overlaps
from coding import queries
from coding.demo import build_demo
from coding.storage import open_project
from coding.values import Code, Relation
from coding.vocab import PARADIGM_ROLES, RELATION_TYPES


@dataclass(frozen=True)
class Content:
    codes: tuple[Code, ...]
    paths: dict[int, str]
    relations: tuple[Relation, ...]
    labels: dict[int, str]
    storyline: str

    def shown_ids(self) -> set[int]:
        cores = {c.id for c in self.codes if c.level == "core"}
        return {c.id for c in self.codes
                if c.level in ("main", "category", "core") or (c.level == "none" and c.parent_id in cores)}

    def by_name(self, name: str) -> Code:
        return next(c for c in self.codes if c.name == name)


@pytest.fixture(scope="module")
def demo(tmp_path_factory) -> Content:
    path = tmp_path_factory.mktemp("board") / "demo.zhagen"
    build_demo(path)
    with open_project(path) as store:
        codes = queries.list_codes(store)
        relations = queries.list_relations(store)
        memos = queries.list_memos(store)
    mains = [c for c in codes if c.level == "main"]
    labels = {c.id: f"AA{n}" for n, c in enumerate(mains, 1)}
    storyline = next(m.text for m in memos if m.kind == "storyline")
    return Content(codes, queries.code_paths(codes), relations, labels, storyline)


def make_board(qtbot, demo: Content, positions=None) -> CategoryBoard:  # noqa: ANN001
    board = CategoryBoard()
    qtbot.addWidget(board)
    board.resize(1200, 900)
    board.set_content(demo.codes, demo.paths, demo.relations, positions or {}, demo.labels, demo.storyline)
    board.show()
    qtbot.waitExposed(board)
    return board


@pytest.fixture
def board(qtbot, demo) -> CategoryBoard:
    return make_board(qtbot, demo)


def viewport_point(board: CategoryBoard, code_id: int) -> QPoint:
    return board.view.mapFromScene(board.nodes[code_id].pos())


def drag(board: CategoryBoard, start: QPoint, end: QPoint, button=Qt.MouseButton.LeftButton,  # noqa: ANN001
         modifiers=Qt.KeyboardModifier.NoModifier) -> None:
    viewport = board.view.viewport()
    QTest.mousePress(viewport, button, modifiers, start)
    for k in range(1, 5):  # a few steps, as a hand would
        QTest.mouseMove(viewport, start + (end - start) * (k / 4))
    QTest.mouseRelease(viewport, button, modifiers, end)


def test_boxes_and_arrows_of_the_demo(board, demo):
    shown = demo.shown_ids()
    levels = [c.level for c in demo.codes if c.id in shown]
    assert levels.count("main") == 8 and levels.count("core") == 1 and levels.count("none") == 3
    assert set(board.nodes) == shown
    between = [r for r in demo.relations if r.source_id in shown and r.target_id in shown]
    assert set(board.edges) == {r.id for r in between} and len(between) == 18
    # labels in Chinese, from the vocabulary
    assert {e.label_item.text for e in board.edges.values()} == {RELATION_TYPES[r.type][0] for r in between}
    assert {"导致", "属于"} <= {e.label_item.text for e in board.edges.values()}
    belonging = demo.by_name("社区归属感")
    node = board.nodes[belonging.id]
    assert node.text == f"{demo.labels[belonging.id]} 社区归属感"
    assert node.role == PARADIGM_ROLES[belonging.paradigm_role][0] == "中介条件"
    core = next(c for c in demo.codes if c.level == "core")
    widths = {board.nodes[c.id].border.widthF() for c in (core, belonging)}
    assert board.nodes[core.id].border.widthF() == max(widths) > board.nodes[demo.by_name("家园意识").id].border.widthF()
    assert board.storyline.toPlainText() == demo.storyline and board.storyline.isReadOnly()


def test_relation_labels_and_undirected_lines(qtbot, demo):
    assert relation_label("is_cause_of") == "导致"
    assert relation_label("phenomenon") == "现象"  # a paradigm role used as a type
    assert relation_label("互相强化") == "互相强化"
    relation = replace(demo.relations[0], id=999, type="contradicts", directed=False)
    board = CategoryBoard()
    qtbot.addWidget(board)
    board.set_content(demo.codes, demo.paths, (*demo.relations, relation), {})
    assert board.edges[999].head.isEmpty() and not board.edges[demo.relations[0].id].head.isEmpty()
    assert board.edges[999].label_item.text == "矛盾"
    # two relations between the same codes are bent apart
    assert board.edges[999].bend == -board.edges[demo.relations[0].id].bend != 0


def test_dragging_a_box_reports_every_position(board, qtbot, demo):
    node = board.nodes[demo.by_name("情感能量").id]
    before = node.pos()
    start = viewport_point(board, node.code_id)
    with qtbot.waitSignal(board.positions_changed, timeout=2000) as blocker:
        drag(board, start, start + QPoint(60, 40))
    positions = blocker.args[0]
    assert node.pos() != before
    assert positions[node.guid] == (node.x(), node.y())
    scale = board.view.transform().m11()
    assert node.x() - before.x() == pytest.approx(60 / scale, abs=2 / scale)
    assert node.y() - before.y() == pytest.approx(40 / scale, abs=2 / scale)
    assert set(positions) == {n.guid for n in board.nodes.values()}
    # the arrows follow the box
    edge = next(e for e in board.edges.values() if node in (e.source, e.target))
    assert edge.path.boundingRect().intersects(node.sceneBoundingRect())


def test_shift_drag_and_right_drag_ask_for_a_relation(board, qtbot, demo):
    a, b = demo.by_name("责任感").id, demo.by_name("品牌认同").id
    before = board.nodes[a].pos()
    with qtbot.waitSignal(board.relation_requested, timeout=2000) as blocker:
        drag(board, viewport_point(board, a), viewport_point(board, b), modifiers=Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args == [a, b]
    assert board.nodes[a].pos() == before  # drawing a relation does not move the box
    with qtbot.waitSignal(board.relation_requested, timeout=2000) as blocker:
        drag(board, viewport_point(board, b), viewport_point(board, a), button=Qt.MouseButton.RightButton)
    assert blocker.args == [b, a]
    # the rubber line is gone; a drop on empty space asks for nothing
    assert len(board.scene.items()) == len(board.nodes) + 2 * len(board.edges)
    with qtbot.assertNotEmitted(board.relation_requested):
        drag(board, viewport_point(board, a), QPoint(2, 2), modifiers=Qt.KeyboardModifier.ShiftModifier)


def test_double_clicks_open_codes_and_relations(board, qtbot, demo):
    code_id = demo.by_name("警民亲近感").id
    with qtbot.waitSignal(board.code_activated, timeout=2000) as blocker:
        QTest.mouseDClick(board.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          viewport_point(board, code_id))
    assert blocker.args == [code_id]
    relation_id, edge = next(iter(board.edges.items()))
    with qtbot.waitSignal(board.relation_activated, timeout=2000) as blocker:
        QTest.mouseDClick(board.view.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                          board.view.mapFromScene(edge.label_item.pos()))
    assert blocker.args == [relation_id]


def test_automatic_layout_is_deterministic_without_overlaps_and_stored_positions_win(qtbot, board, demo):
    auto = board.positions()
    again = make_board(qtbot, demo)
    assert again.positions() == auto
    nodes = list(board.nodes.values())
    for i, one in enumerate(nodes):
        for other in nodes[i + 1:]:
            assert not overlaps((one.x(), one.y()), one.size(), (other.x(), other.y()), other.size()), (one.text, other.text)
    core = next(n for n in nodes if n.level == "core")
    assert (core.x(), core.y()) == (0, 0)
    mains = {c.id for c in demo.codes if c.level == "main"}
    for code in demo.codes:  # categories lie outside their main category
        if code.level == "category" and code.parent_id in mains:
            inner, outer = board.nodes[code.parent_id], board.nodes[code.id]
            assert math.hypot(outer.x(), outer.y()) > math.hypot(inner.x(), inner.y())
    moved = demo.by_name("家园意识")
    stored = make_board(qtbot, demo, positions={moved.guid: (512.5, -300.0)})
    positions = stored.positions()
    assert positions[moved.guid] == (512.5, -300.0)
    assert {k: v for k, v in positions.items() if k != moved.guid} == {k: v for k, v in auto.items() if k != moved.guid}


def test_export_png_at_print_resolution(board, tmp_path):
    path = tmp_path / "board.png"
    board.export_png(str(path), dpi=200)
    image = QImage(str(path))
    rect = board.export_rect()
    assert (image.width(), image.height()) == (math.ceil(rect.width() * 200 / 96), math.ceil(rect.height() * 200 / 96))
    assert round(image.dotsPerMeterX() * 0.0254) == 200
    assert image.pixelColor(0, 0).name() == "#ffffff"  # white background
    small = image.scaled(200, 200)
    assert any(small.pixelColor(x, y).name() != "#ffffff" for x in range(200) for y in range(200))


def test_export_svg_keeps_chinese_text(board, tmp_path):
    path = tmp_path / "board.svg"
    board.export_svg(str(path))
    svg = path.read_text(encoding="utf-8")
    assert svg.startswith("<?xml") and "<svg" in svg
    assert "情感能量" in svg and "导致" in svg
    assert f"<title>{board.title()}</title>" in svg


def test_export_errors_are_one_line(board, qtbot, tmp_path):
    target = str(tmp_path / "missing" / "board.png")
    with qtbot.waitSignal(board.failed, timeout=1000) as blocker:
        board.export_png(target, dpi=50)
    message = blocker.args[0]
    assert target in message and "\n" not in message
    with qtbot.waitSignal(board.failed, timeout=1000):
        board.export_svg(str(tmp_path / "missing" / "board.svg"))


def test_causal_chains(board):
    assert board.chain_texts() == []  # only the "none yet" line
    assert board.chains.count() == 1
    board.set_chains([["社区民警的在场与行动", "警民亲近感", "情感能量"], ["A", "B"]])
    assert board.chain_texts() == ["社区民警的在场与行动 → 警民亲近感 → 情感能量", "A → B"]


def test_fit_shows_the_whole_board_and_the_picture_renders(board, tmp_path):
    board.view.scale(3, 3)
    board.fit_action.trigger()
    visible = board.view.mapToScene(board.view.viewport().rect()).boundingRect()
    assert visible.adjusted(-2, -2, 2, 2).contains(board.export_rect())
    picture = board.grab()
    assert not picture.isNull() and picture.save(str(tmp_path / "grab.png"))


def drawn_lines(text: str, font: QFont, width: float) -> list[str]:
    """The lines QPainter.drawText draws TEXT in, in a rectangle WIDTH wide with word wrap on (as Qt lays it
    out: a CJK line may break between any two characters)."""
    layout = QTextLayout(text.replace("\n", "\u2028"), font)
    option = QTextOption()
    option.setWrapMode(QTextOption.WrapMode.WordWrap)
    layout.setTextOption(option)
    layout.beginLayout()
    lines = []
    while (line := layout.createLine()).isValid():
        line.setLineWidth(width)
        lines.append(text[line.textStart():line.textStart() + line.textLength()].strip())
    layout.endLayout()
    return [line for line in lines if line]


def test_box_names_break_between_words_only(board):
    """Chinese has no spaces: a line broken inside a word (朝阳群|众, 品|牌) reads as other words."""
    cut = word_cutter()
    broken = 0
    for node in board.nodes.values():
        for text, font, rect in ((node.text, node.name_font, node.name_rect), (node.role, node.role_font, node.role_rect)):
            if not text:
                continue
            lines = drawn_lines(text, font, rect.width())
            joined = "".join(lines)
            ends, at = set(), 0
            for word in cut(joined):
                at += len(word)
                ends.add(at)
            at = 0
            for line in lines[:-1]:
                at += len(line)
                assert at in ends, f"{node.text!r} breaks inside a word: {lines}"
            assert not any(line[0] in CLOSERS for line in lines[1:]), lines
            assert not any(line[-1] in OPENERS for line in lines[:-1]), lines
            assert rect.width() <= 132.0 + 1
            broken += len(lines) > 1
    assert broken >= 4  # the demo's long names (AA5 "朝阳群众"品牌传播 …) do take two lines


@pytest.mark.parametrize("size", [(1229, 691), (1440, 900)])
def test_fit_keeps_the_text_readable(qtbot, demo, size):
    """At Fit, names (13 px) stay 10 px or more on screen: in the window of a 1366×768 screen the board is
    shown at that scale around the core, to be panned; in that of a 1600×1000 screen it is shown whole."""
    board = CategoryBoard()
    qtbot.addWidget(board)
    board.resize(*size)
    board.set_content(demo.codes, demo.paths, demo.relations, {}, demo.labels, demo.storyline)
    board.show()
    qtbot.waitExposed(board)
    board.view.scale(0.2, 0.2)
    board.fit_action.trigger()
    qtbot.wait(50)
    assert board.view.transform().m11() >= READABLE_SCALE
    visible = board.view.mapToScene(board.view.viewport().rect()).boundingRect()
    core = next(n for n in board.nodes.values() if n.level == "core")
    assert visible.contains(core.sceneBoundingRect())
    if size[0] >= 1440:
        assert visible.adjusted(-2, -2, 2, 2).contains(board.export_rect())


@pytest.mark.parametrize("aspect", [1.0, 2.0, 3.0])
@pytest.mark.parametrize("levels", [
    [],
    ["main"],
    ["category"],
    ["main"] * 5,
    ["core", "none", "none"],
    ["core", "main", "category", "main", "category", "core", "category"],
])
def test_layout_places_every_box_apart_whatever_the_levels(levels, aspect):
    from datetime import datetime

    from app.board_layout import auto_layout

    codes = [Code(i, f"g{i}", f"c{i}", 1 if level == "none" else None, 0, level, "", "#808080", None, False, None,
                  datetime(2024, 1, 1)) for i, level in enumerate(levels, 1)]
    size = (120.0, 40.0)
    centres = auto_layout(codes, {c.id: size for c in codes}, {c.id: c.parent_id for c in codes}, aspect=aspect)
    assert set(centres) == {c.id for c in codes}
    assert not any(overlaps(centres[a], size, centres[b], size) for a in centres for b in centres if a < b)
