"""The workbench on a real project: tree model, coding by double-click and shortcut, undo/redo, languages, screenshot."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from app.code_tree import CodeTreeModel
from app.launcher import set_language
from app.main_window import MainWindow
from app.session import ProjectSession
from coding import queries
from coding.services import codes, codings, documents, participants
from coding.storage import create_project
from coding.tallies import CodeCatalog, CodingTally
from main import main as zhagen

TEXT = "访谈者：您怎么看朝阳群众？\n受访者：我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。𠮷野家门口也有人值守。"


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "ui.zhagen"
    with create_project(path) as store:
        from coding.services import coders

        coders.use_coder(store, "张研")
        p = participants.add_participant(store, "A08").value
        from corpus.pipeline import prepare_text

        doc = prepare_text("A08 志愿者访谈", TEXT)
        from dataclasses import replace

        documents.add_documents(store, [replace(doc, participant_id=p.id)])
        main = codes.create_code(store, "品牌认同", level="main", colour="#d62728").value
        codes.create_code(store, "佩戴红袖标", parent_id=main.id)
        codes.create_code(store, "情感能量", level="main", colour="#1f77b4")
    return str(path)


@pytest.fixture
def window(qtbot, project):
    session = ProjectSession.open(project, "张研")
    win = MainWindow(session)
    qtbot.addWidget(win)
    win.show()
    yield win
    session.close()


def test_code_tree_model_passes_qtmodeltester(qapp, qtmodeltester, project):
    session = ProjectSession.open(project, "张研")
    model = CodeTreeModel(CodeCatalog.load(session.store), CodingTally.load(session.store))
    qtmodeltester.check(model)
    names = [model.index(r, 0).data() for r in range(model.rowCount())]
    assert names == ["品牌认同", "情感能量"]
    child = model.index(0, 0, model.index(0, 0))
    assert child.data() == "佩戴红袖标" and child.parent() == model.index(0, 0)
    session.close()


def select(window: MainWindow, quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    window.transcript.select_span(start, start + len(quote))
    return start, start + len(quote)


def test_double_click_codes_the_selection_and_undo_redo_restore_state(window, qtbot):
    store = window.session.store
    from tests.conftest import stored_state

    before = stored_state(store)
    span = select(window, "戴着红袖标巡逻，心里踏实👍")
    assert window.transcript.selected_span() == span
    code_id = queries.find_code(store, "品牌认同>佩戴红袖标").id
    window.codes.select_code(code_id)
    index = window.codes.tree.currentIndex()
    rect = window.codes.tree.visualRect(index)
    # a real double-click is press, release, then the double-click event (QTest sends only the last)
    qtbot.mouseClick(window.codes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    qtbot.mouseDClick(window.codes.tree.viewport(), Qt.MouseButton.LeftButton, pos=rect.center())
    rows = queries.list_codings(store)
    assert [(r.text, r.code_path, r.coder, r.participant) for r in rows] == [
        ("戴着红袖标巡逻，心里踏实👍", "品牌认同>佩戴红袖标", "张研", "A08")]
    after = stored_state(store)
    assert window.transcript.codings_at(span[0])[0].code_id == code_id
    segments = window.segments.model
    assert segments.rowCount() == 1 and segments.rows[0].text == "戴着红袖标巡逻，心里踏实👍"
    assert segments.index(0, 4).data() == "…么看朝阳群众？ 受访者：我就是朝阳群众，【戴着红袖标巡逻，心里踏实👍】。𠮷野家门口也有人值守。…"
    assert segments.index(0, 0).data() == "A08"
    window.undo_action.trigger()
    assert stored_state(store) == before and window.transcript.codings_at(span[0]) == []
    window.redo_action.trigger()
    assert stored_state(store) == after


def test_shortcut_codes_with_the_current_code_around_astral_text(window, qtbot):
    store = window.session.store
    select(window, "𠮷野家")
    window.codes.select_code(queries.find_code(store, "情感能量").id)
    window.transcript.text_edit.setFocus()
    qtbot.keyClick(window.transcript.text_edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    assert [r.text for r in queries.list_codings(store)] == ["𠮷野家"]
    assert "1 codings" in window.status_counts.text() or "1 条编码" in window.status_counts.text()
    select(window, "𠮷野家")
    qtbot.keyClick(window.transcript.text_edit, Qt.Key.Key_Backspace, Qt.KeyboardModifier.ControlModifier)
    assert queries.list_codings(store) == ()


def test_a_refused_action_is_reported_not_raised(window):
    store = window.session.store
    code_id = queries.find_code(store, "情感能量").id
    select(window, "𠮷野家")
    window.code_selection(code_id)
    window.code_selection(code_id)  # the same coder, span and code again: refused
    assert len(queries.list_codings(store)) == 1
    assert "already coded" in window.statusBar().currentMessage()
    assert window.session.undo_stack.count() == 1


def test_language_switch(qtbot, project):
    set_language("zh_CN")
    session = ProjectSession.open(project, "张研")
    win = MainWindow(session)
    qtbot.addWidget(win)
    menus = [a.text() for a in win.menuBar().actions()]
    assert menus == ["项目(&P)", "编辑(&E)", "编码(&C)", "分析(&A)", "导出(&X)", "帮助(&H)"]
    assert win.windowTitle().startswith("扎根")
    set_language("en")
    win2 = MainWindow(session)
    qtbot.addWidget(win2)
    assert [a.text() for a in win2.menuBar().actions()][0] == "&Project"
    session.close()


def test_screenshot_command(project, tmp_path, qapp):
    out = tmp_path / "shot.png"
    assert zhagen(["screenshot", project, str(out), "--doc", "A08 志愿者访谈", "--code", "情感能量", "--lang", "zh",
                   "--size", "1200x800"]) == 0
    image = QImage(str(out))
    assert (image.width(), image.height()) == (1200, 800)
    assert zhagen(["screenshot", str(tmp_path / "none.zhagen"), str(out)]) == 1


def test_in_vivo_by_shortcut_creates_a_named_concept(window, qtbot):
    store = window.session.store
    window.codes.select_code(queries.find_code(store, "品牌认同").id)
    select(window, "戴着红袖标巡逻")
    qtbot.keyClick(window.transcript.text_edit, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier)
    code = queries.find_code(store, "品牌认同>戴着红袖标巡逻")
    assert code.in_vivo and code.level == "concept"
    assert [r.text for r in queries.list_codings(store)] == ["戴着红袖标巡逻"]
    window.undo_action.trigger()
    assert queries.list_codings(store) == () and len(queries.list_codes(store)) == 3


def test_code_the_sentence_snaps_to_the_unit_and_alt_click_selects_the_turn(window, qtbot):
    store = window.session.store
    window.codes.select_code(queries.find_code(store, "情感能量").id)
    select(window, "心里")
    window.sentence_action.trigger()
    assert [r.text for r in queries.list_codings(store)] == ["我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。"]
    edit = window.transcript.text_edit
    cursor = window.transcript.cursor_at(TEXT.index("值守"))
    point = edit.cursorRect(cursor).center()
    qtbot.mouseClick(edit.viewport(), Qt.MouseButton.LeftButton, Qt.KeyboardModifier.AltModifier, point)
    start = TEXT.index("我就是")
    assert window.transcript.selected_span() == (start, len(TEXT))


def _paths(store) -> list[str]:
    return [queries.code_paths(queries.list_codes(store))[c.id] for c in queries.list_codes(store)]


def test_axial_coding_by_drag_nests_several_concepts_and_keeps_the_tree_open(window, monkeypatch):
    from PySide6.QtWidgets import QMessageBox

    import app.code_tree

    store, model, tree = window.session.store, window.codes.model, window.codes.tree
    asked: list[str] = []
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: asked.append(a[2]) or QMessageBox.StandardButton.Yes)
    child = queries.find_code(store, "品牌认同>佩戴红袖标")
    target = queries.find_code(store, "情感能量")
    data = model.mimeData([model.index_of(child.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, 0, 0, model.index_of(target.id))  # between rows: there
    assert _paths(store) == ["品牌认同", "情感能量", "情感能量>佩戴红袖标"]
    # an empty category receives its first concepts by a drop ON it; several at once, one undo step, nothing asked
    window.session.run("new", lambda: codes.create_code(store, "安全感", level="category"))
    window.session.run("new", lambda: codes.create_code(store, "邻里互助", level="concept"))
    window.session.notify_all()
    category, concept = queries.find_code(store, "安全感"), queries.find_code(store, "邻里互助")
    moved = [queries.find_code(store, "情感能量>佩戴红袖标").id, concept.id]
    tree.selectionModel().clearSelection()
    window.codes.select_code(moved[0])
    window.codes._select_also([moved[1]])
    assert window.codes.selected_code_ids() == moved
    tree.setExpanded(model.index_of(target.id), True)
    data = model.mimeData(tree.selectionModel().selectedIndexes())
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(category.id))
    assert asked == []
    assert _paths(store) == ["品牌认同", "情感能量", "安全感", "安全感>佩戴红袖标", "安全感>邻里互助"]
    assert tree.isExpanded(model.index_of(category.id)) and tree.isExpanded(model.index_of(target.id))
    assert window.codes.selected_code_ids() == moved  # still selected, now under the category
    window.undo_action.trigger()  # one step takes both back
    assert _paths(store) == ["品牌认同", "情感能量", "情感能量>佩戴红袖标", "安全感", "邻里互助"]
    assert tree.isExpanded(model.index_of(target.id))
    # dropping a code on itself or into its own subcodes changes nothing
    data = model.mimeData([model.index_of(target.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(target.id))
    assert _paths(store) == ["品牌认同", "情感能量", "情感能量>佩戴红袖标", "安全感", "邻里互助"]
    # merging is a drop with Shift held, and is asked first
    monkeypatch.setattr(app.code_tree.QGuiApplication, "keyboardModifiers",
                        staticmethod(lambda: Qt.KeyboardModifier.ShiftModifier))
    main_code = queries.find_code(store, "品牌认同")
    data = model.mimeData([model.index_of(main_code.id)])
    model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(target.id))
    assert len(asked) == 1 and "品牌认同" in asked[0]
    assert "品牌认同" not in _paths(store)
    window.undo_action.trigger()
    assert _paths(store) == ["品牌认同", "情感能量", "情感能量>佩戴红袖标", "安全感", "邻里互助"]


def test_tree_menu_merges_the_selected_codes_into_a_chosen_code_after_asking(window, monkeypatch):
    from PySide6.QtWidgets import QInputDialog, QMessageBox

    store = window.session.store
    window.session.run("new", lambda: codes.create_code(store, "巡逻", level="concept"))
    window.session.run("new", lambda: codes.create_code(store, "值守", level="concept"))
    window.session.notify_all()
    ids = [queries.find_code(store, name).id for name in ("巡逻", "值守")]
    window.codes.select_code(ids[0])
    window.codes._select_also([ids[1]])
    offered: list[list[str]] = []
    monkeypatch.setattr(QInputDialog, "getItem", lambda *a, **k: (offered.append(a[3]), ("情感能量", True))[1])
    answers = iter([QMessageBox.StandardButton.No, QMessageBox.StandardButton.Yes])
    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: next(answers))
    menu = window.menus.tree_menu()
    merge = next(a for a in menu.actions() if a.objectName() == "merge_into")
    merge.trigger()  # answered No: nothing happens
    assert {"巡逻", "值守"} <= {c.name for c in queries.list_codes(store)}
    assert "巡逻" not in offered[0] and "情感能量" in offered[0]
    merge.trigger()
    assert not {"巡逻", "值守"} & {c.name for c in queries.list_codes(store)}
    window.undo_action.trigger()  # the two merges are one step
    assert {"巡逻", "值守"} <= {c.name for c in queries.list_codes(store)}


def test_new_code_dialog(window, monkeypatch):
    from app.dialogs import NewCodeDialog

    store = window.session.store
    window.codes.select_code(queries.find_code(store, "情感能量").id)

    def fill(dialog: NewCodeDialog) -> int:
        dialog.name.setText("集体兴奋")
        dialog.level.setCurrentIndex(1)
        dialog.definition.setPlainText("互动仪式中共同的情绪高涨")
        dialog.role.setCurrentIndex(2)
        return NewCodeDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCodeDialog, "exec", fill)
    window.new_code_action.trigger()
    code = queries.find_code(store, "情感能量>集体兴奋")
    assert (code.level, code.definition, code.paradigm_role, code.colour) == (
        "category", "互动仪式中共同的情绪高涨", "phenomenon", "#1f77b4")
    assert window.codes.current_code_id() == code.id


def test_new_code_from_a_concept_goes_to_the_top_level_in_a_colour_of_its_own_and_codes_the_selection(
        window, monkeypatch):
    from app.dialogs import NewCodeDialog
    from coding.vocab import CODE_PALETTE

    store = window.session.store
    window.session.run("new", lambda: codes.create_code(store, "巡逻", level="concept"))
    window.session.notify_all()
    window.codes.select_code(queries.find_code(store, "巡逻").id)  # a concept is current
    select(window, "红袖标巡逻")
    seen: dict[str, object] = {}

    def fill(dialog: NewCodeDialog) -> int:
        seen["place"], seen["level"] = dialog.place.currentData(), dialog.level.currentData()
        dialog.place.setCurrentIndex(dialog.place.findData(queries.find_code(store, "情感能量").id))
        seen["level under a main category"] = dialog.level.currentData()
        dialog.place.setCurrentIndex(0)
        seen["level at the top"] = dialog.level.currentData()
        dialog.name.setText("身份标识")
        return NewCodeDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCodeDialog, "exec", fill)
    before = {c.colour.upper() for c in queries.list_codes(store) if c.parent_id is None}
    window.new_code_action.trigger()
    assert seen == {"place": None, "level": "concept", "level under a main category": "category",
                    "level at the top": "concept"}
    code = queries.find_code(store, "身份标识")  # at the top level, not under the concept 巡逻
    assert code.parent_id is None and code.level == "concept"
    assert code.colour.upper() in CODE_PALETTE and code.colour.upper() not in before
    assert [(r.text, r.code_path) for r in queries.list_codings(store)] == [("红袖标巡逻", "身份标识")]
    assert window.codes.current_code_id() == code.id
    window.undo_action.trigger()  # creating and coding were one step
    assert queries.list_codings(store) == () and "身份标识" not in {c.name for c in queries.list_codes(store)}


def test_new_top_level_codes_take_the_palette_in_turn(project):
    from coding.storage import open_project
    from coding.vocab import CODE_PALETTE

    with open_project(project) as store:
        from coding.services import coders

        coders.use_coder(store, "张研")
        made = [codes.create_code(store, f"概念{i}").value for i in range(len(CODE_PALETTE) + 2)]
        child = codes.create_code(store, "子概念", parent_id=made[0].id).value
    colours = [c.colour.upper() for c in made]
    existing = {"#1F77B4", "#D62728"}  # the fixture's codes
    assert len(set(colours[:len(CODE_PALETTE)])) == len(CODE_PALETTE) and not existing & set(CODE_PALETTE)
    assert child.colour == made[0].colour  # a subcode takes its parent's colour


def _transcripts(tmp_path, n: int) -> list[str]:
    paths = []
    for i in range(n):
        path = tmp_path / f"T{i:02d}.txt"
        path.write_text(f"访谈者：第{i}个问题？\n受访者：第{i}个回答，社区民警常来走访。", encoding="gbk")
        paths.append(str(path))
    return paths


def test_import_runs_off_the_gui_thread_and_undoes(window, qtbot, tmp_path):
    from app.import_dialog import ImportRequest
    from tests.conftest import stored_state

    store = window.session.store
    before = stored_state(store)
    bad = tmp_path / "empty.txt"
    bad.write_bytes(b"")
    request = ImportRequest(tuple(_transcripts(tmp_path, 3)) + (str(bad),), None, {"受访者": "A20"}, "sentence")
    job = window.jobs.run_import(request)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    names = [d.name for d in queries.list_documents(store)]
    assert names == ["A08 志愿者访谈", "T00", "T01", "T02"]
    assert window.documents.model.rowCount() == 4
    assert "empty.txt: empty file" in window.import_problems.text()
    assert "Imported 3 of 4" in window.statusBar().currentMessage() or "3" in window.statusBar().currentMessage()
    window.undo_action.trigger()
    assert stored_state(store) == before


def test_cancelling_a_running_import_leaves_the_project_as_before(window, qtbot, tmp_path):
    from app.import_dialog import ImportRequest
    from tests.conftest import stored_state

    store = window.session.store
    before = stored_state(store)
    job = window.jobs.run_import(ImportRequest(tuple(_transcripts(tmp_path, 6)), None, {}, "sentence"))
    job.cancel()
    with qtbot.waitSignal(job.failed, timeout=60_000) as blocker:
        pass
    assert "cancelled" in blocker.args[0]
    assert stored_state(store) == before
    assert window.session.undo_stack.count() == 0


def test_import_dialog_previews_and_maps_speakers(qtbot, tmp_path):
    from app.import_dialog import ImportDialog
    from corpus.speakers import SpeakerPatterns

    paths = _transcripts(tmp_path, 2)
    dialog = ImportDialog(SpeakerPatterns())
    qtbot.addWidget(dialog)
    dialog.add_paths(paths)
    assert dialog.wait_for_reading()  # the selected file is read in a worker thread
    assert "gb18030" in dialog.preview.toPlainText() and "社区民警" in dialog.preview.toPlainText()
    labels = [dialog.speakers.item(r, 0).text() for r in range(dialog.speakers.rowCount())]
    assert labels == ["访谈者", "受访者"]  # this file's labels, in the order they come
    dialog.speakers.item(1, 6).setText("A20")
    dialog.encoding.setCurrentIndex(1)  # utf-8: GBK bytes fail, and the preview says why
    assert dialog.wait_for_reading()
    assert "cannot be decoded as utf-8" in dialog.preview.toPlainText()
    request = dialog.request()
    assert request.choices[paths[0]]["受访者"].participant == "A20" and paths[1] not in request.choices
    assert request.encoding == "utf-8" and len(request.paths) == 2


def test_first_start_fills_most_of_the_screen_with_room_for_the_transcript(qtbot, demo_file, tmp_path):
    from PySide6.QtCore import QSettings

    from tests.ui.conftest import open_window

    copy = tmp_path / "first.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, copy)  # no saved geometry: a first start
    try:
        room = window.screen().availableGeometry()
        assert window.width() >= 0.85 * room.width() and window.height() >= 0.85 * room.height()
        assert room.contains(window.frameGeometry().center())
        qtbot.waitUntil(lambda: window.transcript.width() >= 0.35 * window.width())
        assert window._docks["codes"].width() >= 0.2 * window.width()
        window.close()  # the geometry is saved, and the next start restores it (checked under a real window manager)
        assert QSettings().value("main_window/geometry") is not None
    finally:
        window.session.close()
