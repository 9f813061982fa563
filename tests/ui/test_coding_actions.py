"""Workbench actions on the selected coding, pinned codes, hover and tooltips, docks, memos and autocode."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtTest import QTest

from app.docks import DocumentsModel, SegmentsModel
from coding import queries
from coding.services import documents
from corpus.pipeline import prepare_text
from tests.conftest import stored_state
from tests.ui.test_workbench import TEXT, project, select, window  # noqa: F401 - fixtures

BRAND, BADGE, ENERGY = "品牌认同", "品牌认同>佩戴红袖标", "情感能量"


def code_id(window, path: str) -> int:
    return queries.find_code(window.session.store, path).id


def coded(window, quote: str, path: str) -> int:
    select(window, quote)
    window.code_selection(code_id(window, path))
    return next(r.id for r in queries.list_codings(window.session.store) if r.text == quote)


def point_of(window, offset: int) -> QPoint:
    edit = window.transcript.text_edit
    return edit.cursorRect(window.transcript.cursor_at(offset)).center()


def test_pinned_code_by_ctrl_digit_is_kept_in_the_project(window, qtbot):
    store = window.session.store
    window.pins.pin_code(code_id(window, BADGE), 2)
    assert window.pins.pinned_codes()[2] == code_id(window, BADGE)
    assert window.pin_actions[2].text() == BADGE
    select(window, "红袖标")
    window.transcript.text_edit.setFocus()
    qtbot.keyClick(window.transcript.text_edit, Qt.Key.Key_3, Qt.KeyboardModifier.ControlModifier)
    assert [(r.text, r.code_path) for r in queries.list_codings(store)] == [("红袖标", BADGE)]
    qtbot.keyClick(window.transcript.text_edit, Qt.Key.Key_4, Qt.KeyboardModifier.ControlModifier)  # nothing pinned
    assert "Ctrl+4" in window.statusBar().currentMessage()
    assert len(queries.list_codings(store)) == 1
    window.pins.pin_code(code_id(window, ENERGY), 2)  # another code takes the key
    assert window.pins.pinned_codes()[2] == code_id(window, ENERGY)
    window.undo_action.trigger()
    assert window.pins.pinned_codes()[2] == code_id(window, BADGE)


def test_click_on_a_highlight_selects_the_coding_then_resize_recode_comment_remove_and_undo(window, qtbot):
    store = window.session.store
    before = stored_state(store)
    coding = coded(window, "戴着红袖标", BADGE)
    after_coding = stored_state(store)
    edit = window.transcript.text_edit
    edit.moveCursor(edit.textCursor().MoveOperation.Start)  # no selection: a click marks the coding
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, pos=point_of(window, TEXT.index("红袖标") + 1))
    assert window.transcript.current_coding_id == coding
    assert BADGE in window.statusBar().currentMessage()

    select(window, "戴着红袖标巡逻")  # resize to the new selection
    qtbot.keyClick(edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier)
    assert [r.text for r in queries.list_codings(store)] == ["戴着红袖标巡逻"]
    window.undo_action.trigger()
    assert stored_state(store) == after_coding
    window.redo_action.trigger()

    window.codes.select_code(code_id(window, ENERGY))  # recode with the current code
    qtbot.keyClick(edit, Qt.Key.Key_R, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier)
    assert [r.code_path for r in queries.list_codings(store)] == [ENERGY]
    assert window.transcript.codings_at(TEXT.index("红袖标"))[0].path == ENERGY

    window.comment_current_coding("志愿者的身份认同")
    assert queries.list_codings(store)[0].comment == "志愿者的身份认同"
    assert window.segments.model.index(0, 0).data(Qt.ItemDataRole.ToolTipRole) == "戴着红袖标巡逻\n\n志愿者的身份认同"

    qtbot.keyClick(edit, Qt.Key.Key_Delete)
    assert queries.list_codings(store) == ()
    for _ in range(5):
        window.undo_action.trigger()
    assert stored_state(store) == before


def test_stripe_click_selects_the_coding_and_tooltip_lists_the_codes(window, qtbot):
    first = coded(window, "戴着红袖标巡逻", BADGE)
    second = coded(window, "红袖标巡逻，心里踏实", ENERGY)
    view = window.transcript
    window.resize(1000, 700)
    qtbot.wait(10)
    view.margin.repaint()
    assert view.stripe_columns() == 2
    rect = view.margin.coding_rect(second)
    assert rect is not None and rect.width() > 0
    qtbot.mouseClick(view.margin, Qt.MouseButton.LeftButton, pos=rect.center())
    assert view.current_coding_id == second
    assert view.selected_span() == (TEXT.index("红袖标巡逻"), TEXT.index("红袖标巡逻") + len("红袖标巡逻，心里踏实"))
    lines = view.tooltip_at(TEXT.index("巡逻")).splitlines()
    assert lines == [f"{BADGE} · 张研", f"{ENERGY} · 张研"]  # innermost (shortest) first
    assert view.codings_at(TEXT.index("戴"))[0].id == first
    assert view.tooltip_at(TEXT.index("访谈者")) == ""


def test_hovering_shows_the_sentence_under_the_mouse(window, qtbot):
    view = window.transcript
    edit = view.text_edit
    QTest.mouseMove(edit.viewport(), point_of(window, TEXT.index("值守")))
    hovered = view._hover
    assert hovered is not None and TEXT[hovered.start : hovered.end] == "𠮷野家门口也有人值守。"
    assert len(edit.extraSelections()) == 1
    QTest.mouseMove(edit.viewport(), point_of(window, TEXT.index("朝阳群众？")))
    assert TEXT[view._hover.start : view._hover.end] == "您怎么看朝阳群众？"


def test_tree_counts_include_subcodes_and_update_in_place(window):
    coded(window, "戴着红袖标", BADGE)
    coded(window, "心里踏实", BRAND)
    model = window.codes.model
    brand = model.index_of(code_id(window, BRAND))
    badge = model.index_of(code_id(window, BADGE))
    assert (model.index(brand.row(), 1).data(), model.index(brand.row(), 2).data()) == (2, 1)
    assert model.index(badge.row(), 1, brand).data() == 1
    assert "1 codings of this code, 2 with its subcodes" in model.index(brand.row(), 1).data(Qt.ItemDataRole.ToolTipRole)
    window.undo_action.trigger()
    assert model.index(brand.row(), 1).data() == 1


def test_tree_filter_keeps_parents_and_sort_by_codings(window):
    coded(window, "心里踏实", ENERGY)
    coded(window, "值守", ENERGY)
    panel, model = window.codes, window.codes.model
    panel.filter.setText("红袖")
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [BRAND]
    assert model.index(0, 0, model.index(0, 0)).data() == "佩戴红袖标"
    panel.filter.setText("")
    assert model.rowCount() == 2
    panel._on_header_clicked(1)  # codings, most first
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [ENERGY, BRAND]
    panel._on_header_clicked(1)
    panel._on_header_clicked(1)  # third click: the code system's own order
    assert [model.index(r, 0).data() for r in range(model.rowCount())] == [BRAND, ENERGY]


def test_documents_dock_shows_coverage_and_reorders_by_drag(window, qtmodeltester):
    store = window.session.store
    documents.add_documents(store, [prepare_text("B01 访谈", "受访者：第二份。")])
    window.session.notify_all()
    model: DocumentsModel = window.documents.model
    qtmodeltester.check(model)
    coded(window, "戴着红袖标巡逻", BADGE)
    row = model.rows[0]
    assert row.codings == 1 and abs(model.coverage(row) - len("戴着红袖标巡逻") / len(TEXT)) < 1e-9
    assert model.index(0, 3).data() == f"{len('戴着红袖标巡逻') / len(TEXT):.0%}"
    assert model.index(0, 1).data() == "A08"
    data = model.mimeData([model.index(1, 0)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index(-1, -1))
    assert [d.name for d in queries.list_documents(store)] == ["B01 访谈", "A08 志愿者访谈"]
    assert [r.document.name for r in model.rows] == ["B01 访谈", "A08 志愿者访谈"]
    window.undo_action.trigger()
    assert [d.name for d in queries.list_documents(store)] == ["A08 志愿者访谈", "B01 访谈"]


def test_segments_dock_follows_the_category_and_jumps(window, qtmodeltester):
    coded(window, "戴着红袖标", BADGE)
    coded(window, "心里踏实", BRAND)
    window.codes.select_code(code_id(window, BRAND))
    model: SegmentsModel = window.segments.model
    qtmodeltester.check(model)
    assert [r.text for r in model.rows] == ["戴着红袖标", "心里踏实"]  # the category and its concept, text order
    coded(window, "值守", BADGE)  # a new segment under the category appears in place
    assert [r.text for r in model.rows] == ["戴着红袖标", "心里踏实", "值守"]
    window.transcript.select_span(0, 1)
    window.segments.table.clicked.emit(model.index(1, 4))
    assert window.transcript.selected_span() == (TEXT.index("心里踏实"), TEXT.index("心里踏实") + 4)


def test_memo_editing_is_stored_and_undoable(window, qtbot):
    store = window.session.store
    window.codes.select_code(code_id(window, ENERGY))
    window.memos.editor.setPlainText("集体行动中的情感能量")
    qtbot.mouseClick(window.memos.save_button, Qt.MouseButton.LeftButton)
    memo = [m for m in queries.list_memos(store) if m.code_id == code_id(window, ENERGY)]
    assert [(m.title, m.text) for m in memo] == [(ENERGY, "集体行动中的情感能量")]
    window.memos.editor.setPlainText("改写后的备忘录")
    window.memos.save()
    assert [m.text for m in queries.list_memos(store)] == ["改写后的备忘录"]
    window.undo_action.trigger()
    assert window.memos.editor.toPlainText() == "集体行动中的情感能量"


def test_autocode_runs_in_a_worker_and_cancel_leaves_the_project_as_before(window, qtbot):
    store = window.session.store
    before = stored_state(store)
    job = window.jobs.autocode_hits("红袖标", code_id(window, BADGE), "sentence", start=False)
    job.cancel()
    with qtbot.waitSignal(job.finished, timeout=20_000):
        job.start()
    assert stored_state(store) == before and window.session.undo_stack.count() == 0
    job = window.jobs.autocode_hits("红袖标", code_id(window, BADGE), "sentence")
    with qtbot.waitSignal(job.finished, timeout=20_000):
        pass
    assert [r.text for r in queries.list_codings(store)] == ["我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。"]
    window.undo_action.trigger()
    assert stored_state(store) == before


def test_dragging_a_selection_onto_a_code_codes_it(window):
    store = window.session.store
    select(window, "红袖标巡逻")
    data = window.transcript.text_edit.createMimeDataFromSelection()
    model = window.codes.model
    target = model.index_of(code_id(window, ENERGY))
    assert model.canDropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, target)
    assert [(r.text, r.code_path) for r in queries.list_codings(store)] == [("红袖标巡逻", ENERGY)]
    window.undo_action.trigger()
    assert queries.list_codings(store) == ()


def test_new_project_from_the_menu_opens_it_and_remembers_it(window, tmp_path, monkeypatch):
    from PySide6.QtWidgets import QFileDialog

    from app import launcher
    from app.projects import RecentProjects

    target = tmp_path / "新项目"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), ""))
    before = len(launcher._windows)
    new_action = next(a for a in window.menuBar().actions()[0].menu().actions() if a.text() in ("&New project…", "新建项目(&N)…"))
    new_action.trigger()
    opened = launcher._windows[before:]
    assert len(opened) == 1 and opened[0].session.location == str(target) + ".zhagen"
    assert RecentProjects().items()[0] == str(target) + ".zhagen"
    assert queries.stats(opened[0].session.store)["documents"] == 0
    opened[0].close()  # closing the window closes its project and forgets the window
    assert opened[0].session.store.closed and opened[0] not in launcher._windows


def test_blind_mode_shows_only_my_codings(window):
    from coding.services import coders

    store = window.session.store
    mine = coded(window, "戴着红袖标", BADGE)
    other = coders.add_coder(store, "李文").value
    store.coder_id, me = other.id, store.coder_id
    coded(window, "心里踏实", ENERGY)  # coded as 李文
    store.coder_id = me
    window.session.notify_all()
    window.codes.select_code(code_id(window, BRAND))
    assert len(window.transcript.codings_at(TEXT.index("踏实"))) == 1
    window.filter_coder(me)  # blind mode
    assert window.transcript.codings_at(TEXT.index("踏实")) == []
    assert [c.id for c in window.transcript.codings_at(TEXT.index("红袖标"))] == [mine]
    assert [r.coder for r in window.segments.model.rows] == ["张研"]
    assert "blind" in window.coder_box.currentText() or "盲" in window.coder_box.currentText()
    coded(window, "值守", BADGE)  # my new coding still shows
    assert window.transcript.codings_at(TEXT.index("值守"))
    window.filter_coder(None)
    assert len(window.transcript.codings_at(TEXT.index("踏实"))) == 1


def test_unsaved_memo_text_survives_a_change_elsewhere(window, qtbot):
    from coding.services import codes as code_service

    window.codes.select_code(code_id(window, ENERGY))
    window.memos.editor.insertPlainText("还没保存")  # as typing does: the document is now modified
    window.session.run("New code", lambda: code_service.create_code(window.session.store, "无关的代码"))
    assert "无关的代码" in window.catalog.paths.values()
    assert window.memos.editor.toPlainText() == "还没保存"
    window.memos.save()
    assert [m.text for m in queries.list_memos(window.session.store)] == ["还没保存"]


def test_choosing_a_code_the_filter_hides_clears_the_filter(window):
    window.codes.filter.setText(ENERGY)
    hidden = code_id(window, BADGE)
    assert not window.codes.model.index_of(hidden).isValid()
    window.codes.select_code(hidden)
    assert window.codes.filter.text() == "" and window.codes.current_code_id() == hidden
