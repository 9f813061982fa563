"""Everyday details of the workbench (issue 15, "smaller"), each as a user meets it on the demo project: the
search says how many hits it found and the documents list follows a jump; a memo written on a code is on that
code and shows in its memo pane; a story line is not put on the current code; a speaker turn is selected
without Alt (triple-click, the context menu, Ctrl+T); emoji are drawn in colour; the category board opens
inside the window with its text readable."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRect, Qt, QTimer
from PySide6.QtGui import QGuiApplication
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QDialogButtonBox

from app.board import READABLE_SCALE
from app.dialogs import MemoDialog
from coding import queries
from coding.services import documents as document_service
from coding.storage import create_project
from corpus.pipeline import prepare_text
from corpus.search import search
from tests.ui.conftest import open_window


def _code(window, name: str) -> int:
    return next(c.id for c in window.catalog.codes.values() if c.name == name)


def _search(window, qtbot, query: str) -> None:
    window.search.box.setText(query)
    qtbot.keyClick(window.search.box, Qt.Key.Key_Return)


# ---------------------------------------------------------------- search


def test_search_says_how_many_hits_and_the_documents_list_follows_a_jump(demo_window, qtbot):
    w = demo_window
    store = w.session.store
    hits = search(store, "警察")
    order = [d.id for d in queries.list_documents(store)]
    _search(w, qtbot, "警察")
    assert w.search.count.text() == f"{len(hits)} hits in {len({h.document_id for h in hits})} documents"
    assert w.search.results.count() == len(hits)

    # a short documents list (many interviews, a small screen): the jump's document is out of view
    table = w.documents.table
    table.setFixedHeight(table.horizontalHeader().height() + 2 * table.rowHeight(0) + 2)
    qtbot.wait(10)
    last = max(hits, key=lambda h: order.index(h.document_id))
    row = order.index(last.document_id)
    assert row > 3 and w.transcript.document_id != last.document_id
    assert not table.viewport().rect().contains(table.visualRect(w.documents.model.index(row, 0)).center())
    heard = []
    table.selectionModel().selectionChanged.connect(lambda *_: heard.append(True))
    item = w.search.results.item(hits.index(last))
    QTest.mouseClick(w.search.results.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     w.search.results.visualItemRect(item).center())
    assert w.transcript.document_id == last.document_id
    assert w.transcript.selected_span() == (last.start, last.end)
    assert w.documents.current_document_id() == last.document_id
    assert [i.row() for i in table.selectionModel().selectedRows()] == [row]
    assert heard, "the table was not told of the new selection, so it kept the old row highlighted"
    assert table.viewport().rect().contains(table.visualRect(w.documents.model.index(row, 0)).center())


def test_search_count_for_one_document_one_hit_and_none(demo_window, qtbot):
    w = demo_window
    _search(w, qtbot, "读卡器")
    assert w.search.count.text() == "2 hits in 1 document"
    _search(w, qtbot, "防诈骗")
    assert w.search.count.text() == "1 hit"
    _search(w, qtbot, "报警")
    assert w.search.count.text() == "No hits" and w.search.results.count() == 0
    _search(w, qtbot, "")
    assert w.search.count.text() == ""


# ---------------------------------------------------------------- memos


def _fill_memo_dialog(qtbot, steps) -> list:
    """Once the memo dialog is open (modal, as from Analyse → New memo), run STEPS(dialog) and press OK;
    returns what STEPS returned."""
    seen = []

    def answer():
        dialog = QApplication.activeModalWidget()
        try:
            assert isinstance(dialog, MemoDialog)
            seen.append(steps(dialog))
            ok = dialog.findChild(QDialogButtonBox).button(QDialogButtonBox.StandardButton.Ok)
            qtbot.mouseClick(ok, Qt.MouseButton.LeftButton)
        finally:
            if dialog is not None and dialog.isVisible():
                dialog.reject()

    QTimer.singleShot(0, answer)
    return seen


def test_a_memo_written_on_a_code_is_on_it_and_shows_in_its_memo_pane(demo_window, qtbot):
    w = demo_window
    store = w.session.store
    platform = _code(w, "协商议事平台")
    w.codes.select_code(platform)

    def theoretical(dialog: MemoDialog) -> bool:
        qtbot.keyClicks(dialog.title, "Platform")
        qtbot.keyClicks(dialog.text, "deliberation as mobilisation")
        return dialog.on_code.isChecked()

    ticked = _fill_memo_dialog(qtbot, theoretical)
    w.gt.new_memo()
    assert ticked == [True]  # a theoretical memo is on the current code unless unticked
    memo = next(m for m in queries.list_memos(store) if m.title == "Platform")
    assert (memo.kind, memo.code_id) == ("theoretical", platform)
    pane = w.memos.storyline.toPlainText()
    assert "Platform" in pane and "deliberation as mobilisation" in pane
    assert "议事会和楼门协商" in w.memos.editor.toPlainText()  # the code's own note stays in the editor
    w.codes.select_code(_code(w, "情感能量"))
    assert "Platform" not in w.memos.storyline.toPlainText()
    w.undo_action.trigger()
    w.codes.select_code(platform)
    assert "Platform" not in w.memos.storyline.toPlainText()


def test_a_story_line_is_not_put_on_the_current_code(demo_window, qtbot):
    w = demo_window
    store = w.session.store
    w.codes.select_code(_code(w, "协商议事平台"))

    def story(dialog: MemoDialog) -> tuple[bool, bool]:
        before = dialog.on_code.isChecked()
        dialog.kind.setCurrentIndex(dialog.kind.findData("storyline"))
        qtbot.keyClicks(dialog.title, "Story line 2")
        qtbot.keyClicks(dialog.text, "residents, police, brand")
        return before, dialog.on_code.isChecked()

    ticks = _fill_memo_dialog(qtbot, story)
    w.gt.new_memo()
    assert ticks == [(True, False)]
    memo = next(m for m in queries.list_memos(store) if m.title == "Story line 2")
    assert (memo.kind, memo.code_id) == ("storyline", None)


def test_the_memo_type_decides_the_tick_until_it_is_set_by_hand(qtbot):
    dialog = MemoDialog("社区归属感>家园意识")
    qtbot.addWidget(dialog)
    dialog.show()
    storyline, theoretical = dialog.kind.findData("storyline"), dialog.kind.findData("theoretical")
    dialog.kind.setCurrentIndex(storyline)
    assert not dialog.on_code.isChecked()
    dialog.kind.setCurrentIndex(theoretical)
    assert dialog.on_code.isChecked()
    qtbot.mouseClick(dialog.on_code, Qt.MouseButton.LeftButton)  # unticked by hand: the type no longer decides
    dialog.kind.setCurrentIndex(storyline)
    dialog.kind.setCurrentIndex(theoretical)
    assert not dialog.on_code.isChecked()
    dialog.hide()
    assert not dialog.value().on_code
    no_code = MemoDialog(None)
    qtbot.addWidget(no_code)
    assert not no_code.value().on_code


# ---------------------------------------------------------------- selecting a turn without Alt


def _point_in(window, offset: int):
    edit = window.transcript.text_edit
    return edit.cursorRect(window.transcript.cursor_at(offset)).center()


def _answer(window) -> "queries.v.Turn":  # noqa: F821 - a Turn
    turns = queries.list_turns(window.session.store, window.transcript.document_id)
    return next(t for t in turns if not t.is_interviewer and t.end - t.start > 80)


def test_a_triple_click_selects_the_speaker_turn(demo_window, qtbot):
    w = demo_window
    turn = _answer(w)
    point = _point_in(w, turn.start + 30)
    viewport = w.transcript.text_edit.viewport()
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert w.transcript.selected_span() == (turn.start, turn.end)  # the speech, without its label
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    assert w.transcript.selected_span() is None  # a single click later is a click
    # in the header, where no turn is, a triple-click still selects the line as Qt does
    text = w.transcript.shown_texts()[w.transcript.document_id]
    at = text.index("访谈时间")
    assert w.transcript.turn_at(at) is None
    header = _point_in(w, at + 2)
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, header)
    QTest.mouseClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, header)
    line = text[at:text.index("\n", at)]
    assert w.transcript.text_edit.textCursor().selectedText().rstrip("\u2029") == line


def test_the_context_menu_and_ctrl_t_select_the_speaker_turn(demo_window, qtbot):
    w = demo_window
    turn = _answer(w)
    menu = w.menus.transcript_menu(turn.start + 10)
    action = next(a for a in menu.actions() if a.objectName() == "select_turn")
    assert action.isEnabled() and action.text().startswith("Select this speaker turn")
    assert action.text().endswith("\tCtrl+T")
    action.trigger()
    assert w.transcript.selected_span() == (turn.start, turn.end)
    header = w.transcript.shown_texts()[w.transcript.document_id].index("访谈时间")
    assert not next(a for a in w.menus.transcript_menu(header).actions()
                    if a.objectName() == "select_turn").isEnabled()

    later = next(t for t in queries.list_turns(w.session.store, w.transcript.document_id)
                 if t.start > turn.end and not t.is_interviewer)
    QTest.mouseClick(w.transcript.text_edit.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                     _point_in(w, later.start + 5))
    w.activateWindow()
    qtbot.waitUntil(lambda: QApplication.activeWindow() is w)
    qtbot.keyClick(w.transcript.text_edit, Qt.Key.Key_T, Qt.KeyboardModifier.ControlModifier)
    assert w.transcript.selected_span() == (later.start, later.end)


# ---------------------------------------------------------------- emoji


def test_emoji_in_a_transcript_are_drawn_in_colour(qtbot, tmp_path):
    """👍 needs a colour emoji font (scripts/setup.sh installs Noto Color Emoji); without one it is an empty
    box or a black outline."""
    path = tmp_path / "emoji.zhagen"
    text = "访谈者：活动怎么样？\n受访者：挺好的👍👍👍，大家都很开心。"
    with create_project(path) as store:
        document_service.add_documents(store, [prepare_text("B01 表情访谈", text)])
    w = open_window(qtbot, path)
    try:
        edit = w.transcript.text_edit
        first, last = edit.cursorRect(w.transcript.cursor_at(text.index("👍"))), \
            edit.cursorRect(w.transcript.cursor_at(text.index("，大家")))
        assert last.left() > first.left()
        image = edit.viewport().grab().toImage()
        ratio = image.devicePixelRatio()
        box = QRect(first.left(), first.top(), last.left() - first.left(), first.height())
        coloured = [image.pixelColor(int(x * ratio), int(y * ratio)) for x in range(box.left(), box.right() + 1)
                    for y in range(box.top(), box.bottom() + 1)]
        assert max(c.hsvSaturation() for c in coloured if c.value() > 80) > 120, "👍 is not drawn in colour"
    finally:
        w.session.close()


# ---------------------------------------------------------------- the category board in the window


@pytest.mark.parametrize("size", [(760, 520), (780, 760)])
def test_the_category_board_opens_inside_the_window_with_readable_text(demo_window, qtbot, size):
    w = demo_window
    w.resize(*size)
    w.move(10, 20)
    qtbot.wait(20)
    w.show_dock("board")
    dock, board = w._docks["board"], w.board
    qtbot.waitUntil(lambda: board.view.isVisible())
    room = w.geometry().intersected(QGuiApplication.primaryScreen().availableGeometry())
    assert dock.isFloating() and room.contains(dock.frameGeometry()), (dock.frameGeometry(), room)
    assert board.view.transform().m11() >= READABLE_SCALE  # names of 13 px are 10 px or more on screen
    shown = board.view.mapToScene(board.view.viewport().rect()).boundingRect()
    core = next(n for n in board.nodes.values() if n.level == "core")
    assert shown.contains(core.sceneBoundingRect())
    # one floating elsewhere (left on another screen, or restored from a larger one) comes back inside
    dock.setGeometry(QRect(room.right() + 50, room.bottom() + 50, 1200, 800))
    w.show_dock("board")
    assert room.contains(dock.frameGeometry())
    # one moved and shrunk inside the window stays where it was put
    inside = QRect(room.left() + 10, room.top() + 10, room.width() // 2, room.height() // 2)
    dock.setGeometry(inside)
    w.show_dock("board")
    assert dock.geometry() == inside
