"""The whole study through the workbench's widgets (issue 15): a new project, two transcripts (GBK .txt and .docx)
with a participant each, ten passages open-coded by the four methods, categories and a main category built by
dragging concepts, a paradigm role, a relation, a memo and a story line, a held-out document, saturation and the
emergence trail, the Excel workbook — then closed, reopened, and everything found again."""

from __future__ import annotations

import docx
from openpyxl import load_workbook
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QFileDialog, QMessageBox

from app import launcher
from app.dialogs import MemoDialog, NewCodeDialog, RelationDialog
from app.export_dialog import ExportDialog
from app.import_dialog import ImportDialog
from coding import queries
from tests.ui.conftest import open_window

FIRST = ("访谈者：您平时参加社区的活动吗？\n"
         "受访者：参加。我是楼门长，每天晚上戴着红袖标巡逻，心里踏实。\n"
         "访谈者：邻居们怎么看？\n"
         "受访者：大家都认识了，谁家有事都互相帮忙，像一家人一样。书记常来开议事会，有事大家商量。\n")
SECOND = [  # the .docx: markdown pasted into Word, label and time bold, the speech on the next paragraph
    "**[00:00:01] 采访者:**", "您做民警多久了？",
    "**[00:00:05] 受访者:**", "八年了。我们跟志愿者一起巡逻，群众有线索就在微信群里报。",
    "**[00:01:10] 采访者:**", "居民愿意配合吗？",
    "**[00:01:15] 受访者:**", "愿意。大家觉得社区是自己的家，出了事都会站出来。",
]


def _select(window, quote: str) -> None:
    text = queries.document_text(window.session.store, window.transcript.document_id)
    start = text.index(quote)
    window.transcript.select_span(start, start + len(quote))


def _paths(store) -> dict[str, object]:
    codes = queries.list_codes(store)
    paths = queries.code_paths(codes)
    return {paths[c.id]: c for c in codes}


def _action(menu, name: str):  # noqa: ANN001, ANN202 - a QMenu, a QAction
    return next(a for a in menu.actions() if a.objectName() == name)


def test_a_whole_study_through_the_widgets(qtbot, tmp_path, monkeypatch):
    # --- a new project from the menu
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(tmp_path / "社区安全研究"), ""))
    start = open_window(qtbot, _empty(tmp_path))
    new_action = next(a for a in start.menuBar().actions()[0].menu().actions()
                      if a.text() in ("&New project…", "新建项目(&N)…"))
    new_action.trigger()
    w = launcher._windows[-1]
    start.close()
    location = str(tmp_path / "社区安全研究.zhagen")
    assert w.session.location == location
    store = w.session.store

    # --- two transcripts, GBK and .docx, a participant each from the file names
    txt = tmp_path / "A01 楼门长访谈.txt"
    txt.write_bytes(FIRST.encode("gbk"))
    word = docx.Document()
    for paragraph in SECOND:
        word.add_paragraph(paragraph)
    word.save(tmp_path / "B02 社区民警访谈.docx")

    def accept(dialog: ImportDialog) -> int:
        dialog.show()
        for row in range(dialog.files.count()):
            dialog.files.setCurrentRow(row)
            assert dialog.wait_for_reading()
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ImportDialog, "exec", accept)
    job = w.jobs.import_transcripts([str(txt), str(tmp_path / "B02 社区民警访谈.docx")])
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    docs = {d.name: d for d in queries.list_documents(store)}
    people = {p.id: p.pid for p in queries.list_participants(store)}
    assert {name: people.get(d.participant_id) for name, d in docs.items()} == {
        "A01 楼门长访谈": "A01", "B02 社区民警访谈": "B02"}
    second_turns = queries.list_turns(store, docs["B02 社区民警访谈"].id)
    assert [t.speaker for t in second_turns] == ["采访者", "受访者"] * 2

    # --- open coding: ten passages by the four methods
    made: dict[str, int] = {}

    def new_code(name: str, level: str = "concept") -> None:  # Alt+N with text selected: made and applied
        def fill(dialog: NewCodeDialog) -> int:
            dialog.place.setCurrentIndex(0)
            dialog.name.setText(name)
            dialog.level.setCurrentIndex(dialog.level.findData(level))
            return QDialog.DialogCode.Accepted

        monkeypatch.setattr(NewCodeDialog, "exec", fill)
        w.new_code_action.trigger()
        made[name] = _paths(store)[name].id

    w.documents.select_document(docs["A01 楼门长访谈"].id)
    _select(w, "戴着红袖标巡逻")
    new_code("身份标识")  # 1: a new code for the selection
    _select(w, "心里踏实")
    new_code("安全感")  # 2
    _select(w, "互相帮忙")
    w.in_vivo_action.trigger()  # 3: in vivo (Ctrl+I)
    made["互相帮忙"] = _paths(store)["互相帮忙"].id
    _select(w, "像一家人一样")
    w.codes.select_code(made["互相帮忙"])
    w.code_action.trigger()  # 4: the selection with the current code (Ctrl+Return)
    _select(w, "有事大家商量")
    new_code("协商议事")  # 5
    _select(w, "书记常来开议事会")
    data = w.transcript.text_edit.createMimeDataFromSelection()
    w.codes.model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, w.codes.model.index_of(made["协商议事"]))  # 6: drag
    w.pins.pin_code(made["身份标识"], 0)
    _select(w, "楼门长")
    w.pin_actions[0].trigger()  # 7: the code pinned to Ctrl+1
    w.documents.select_document(docs["B02 社区民警访谈"].id)
    _select(w, "跟志愿者一起巡逻")
    w.pin_actions[0].trigger()  # 8
    _select(w, "在微信群里报")
    new_code("线上报告")  # 9
    _select(w, "社区是自己的家")
    data = w.transcript.text_edit.createMimeDataFromSelection()
    w.codes.model.dropMimeData(data, Qt.DropAction.CopyAction, -1, -1, w.codes.model.index_of(made["安全感"]))  # 10
    codings = queries.list_codings(store)
    assert len(codings) == 10
    assert {c.code_path for c in codings} == {"身份标识", "安全感", "互相帮忙", "协商议事", "线上报告"}

    # --- axial coding: two categories and a main category, concepts dragged onto them
    def keep_selection_uncoded(dialog: NewCodeDialog) -> int:
        assert not dialog.apply.isHidden() and dialog.apply.isChecked() and "社区是自己的家" in dialog.apply.text()
        dialog.apply.setChecked(False)  # the text still selected is not this category's
        dialog.name.setText("社区认同")
        dialog.place.setCurrentIndex(0)
        dialog.level.setCurrentIndex(dialog.level.findData("category"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCodeDialog, "exec", keep_selection_uncoded)
    w.new_code_action.trigger()
    made["社区认同"] = _paths(store)["社区认同"].id
    cursor = w.transcript.text_edit.textCursor()
    cursor.clearSelection()
    w.transcript.text_edit.setTextCursor(cursor)
    new_code("邻里互动", "category")
    new_code("平安社区共建", "main")
    assert len(queries.list_codings(store)) == 10  # categories code nothing by themselves
    model, tree = w.codes.model, w.codes.tree

    def drop_on(names: list[str], target: str) -> None:
        tree.selectionModel().clearSelection()
        w.codes.select_code(made[names[0]])
        w.codes._select_also([made[n] for n in names[1:]])
        data = model.mimeData(tree.selectionModel().selectedIndexes())
        model.dropMimeData(data, Qt.DropAction.MoveAction, -1, -1, model.index_of(made[target]))

    drop_on(["身份标识", "安全感"], "社区认同")
    drop_on(["互相帮忙", "协商议事", "线上报告"], "邻里互动")
    drop_on(["社区认同", "邻里互动"], "平安社区共建")
    paths = _paths(store)
    assert {"平安社区共建>社区认同>身份标识", "平安社区共建>社区认同>安全感", "平安社区共建>邻里互动>互相帮忙",
            "平安社区共建>邻里互动>协商议事", "平安社区共建>邻里互动>线上报告"} <= set(paths)
    assert tree.isExpanded(model.index_of(made["邻里互动"]))

    # --- a paradigm role (Properties… in the tree's menu) and a relation between the categories (the board)
    def role(dialog: NewCodeDialog) -> int:
        dialog.role.setCurrentIndex(dialog.role.findData("phenomenon"))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(NewCodeDialog, "exec", role)
    w.codes.select_code(made["社区认同"])
    next(a for a in w.menus.tree_menu().actions() if a.text() in ("Properties…", "属性…")).trigger()
    monkeypatch.setattr(RelationDialog, "exec", lambda self: QDialog.DialogCode.Accepted)
    w.show_dock("board")
    w.board.relation_requested.emit(made["邻里互动"], made["社区认同"])
    assert [(r.source_id, r.target_id) for r in queries.list_relations(store)] == [(made["邻里互动"], made["社区认同"])]

    # --- a memo on a code and a story line
    w.codes.select_code(made["邻里互动"])
    w.memos.editor.setPlainText("邻里之间从陌生到熟识，互助与协商成为日常。")
    qtbot.mouseClick(w.memos.save_button, Qt.MouseButton.LeftButton)

    def story(dialog: MemoDialog) -> int:
        dialog.title.setText("故事线")
        dialog.kind.setCurrentIndex(dialog.kind.findData("storyline"))
        dialog.on_code.setChecked(False)
        dialog.text.setPlainText("居民在邻里互动中形成社区认同，进而参与平安社区共建。")
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(MemoDialog, "exec", story)
    w.gt.new_memo()

    # --- the second interview held out; saturation and the emergence trail
    w.documents.select_document(docs["B02 社区民警访谈"].id)
    held = next(a for a in w.menus.documents_menu().actions() if a.isCheckable())
    held.trigger()
    w.show_dock("saturation")
    result = w.saturation.result
    assert [(r.document, r.held_out) for r in result.rows] == [("A01 楼门长访谈", False), ("B02 社区民警访谈", True)]
    assert result.tested and not result.saturated  # 线上报告 came up only in the held-out interview
    assert "线上报告" in w.saturation.verdict.text()
    w.show_dock("trail")
    top = w.trail.tree.topLevelItem(0)
    assert top.text(0) == "平安社区共建"
    assert {top.child(i).text(0) for i in range(top.childCount())} == {"社区认同", "邻里互动"}

    # --- the workbook
    out = tmp_path / "论文表格.xlsx"

    def export(dialog: ExportDialog) -> int:
        dialog.path.setText(str(out))
        return QDialog.DialogCode.Accepted

    monkeypatch.setattr(ExportDialog, "exec", export)
    monkeypatch.setattr(QMessageBox, "information", lambda *a, **k: QMessageBox.StandardButton.Ok)
    job = w.jobs.export_excel()
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    book = load_workbook(out, read_only=True)
    cells = {str(c) for sheet in book.worksheets for row in sheet.iter_rows(values_only=True) for c in row if c}
    assert {"身份标识", "互相帮忙", "社区认同", "平安社区共建", "戴着红袖标巡逻"} <= {c.split(" ", 1)[-1] for c in cells} | cells
    book.close()

    # --- close, reopen, find everything
    before = {
        "paths": set(_paths(store)), "codings": len(queries.list_codings(store)),
        "memos": sorted((m.kind, m.text) for m in queries.list_memos(store)),
        "relations": len(queries.list_relations(store)),
        "held": {d.name: d.held_out for d in queries.list_documents(store)},
        "role": _paths(store)["平安社区共建>社区认同"].paradigm_role,
    }
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    w.close_project_action.trigger()
    assert store.closed
    again = open_window(qtbot, location)
    try:
        s = again.session.store
        assert set(_paths(s)) == before["paths"] and len(queries.list_codings(s)) == before["codings"] == 10
        assert sorted((m.kind, m.text) for m in queries.list_memos(s)) == before["memos"]
        assert ("storyline", "居民在邻里互动中形成社区认同，进而参与平安社区共建。") in before["memos"]
        assert any(kind != "storyline" and "邻里之间" in text for kind, text in before["memos"])
        assert len(queries.list_relations(s)) == before["relations"] == 1
        assert {d.name: d.held_out for d in queries.list_documents(s)} == before["held"] == {
            "A01 楼门长访谈": False, "B02 社区民警访谈": True}
        assert _paths(s)["平安社区共建>社区认同"].paradigm_role == before["role"] == "phenomenon"
        assert again.codes.model.index_of(made["线上报告"]).isValid()
    finally:
        again.session.close()


def _empty(tmp_path):
    from coding.storage import create_project

    path = tmp_path / "起点.zhagen"
    create_project(path).close()
    return path
