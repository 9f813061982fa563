"""Grounded-theory views of the workbench: labels and warnings in the tree, saturation, memo list, snapshots."""

from __future__ import annotations


import re

import pytest
from PySide6.QtCore import Qt

from app.dialogs import NewMemo, NewRelation, RelationDialog
from coding import queries
from coding.services import codes as code_service


@pytest.fixture
def demo(demo_window):
    return demo_window


def names(model, parent=None) -> list[str]:
    from PySide6.QtCore import QModelIndex

    parent = parent or QModelIndex()
    return [model.index(r, 0, parent).data() for r in range(model.rowCount(parent))]


def test_labels_follow_tree_order_and_toggle(demo):
    model = demo.codes.model
    assert not any(n.startswith("AA1") for n in names(model))
    demo.labels_action.trigger()
    tops = names(model)
    mains = [n for n in tops if n.startswith("AA")]
    assert mains[0].startswith("AA1  ") and mains[1].startswith("AA2  ")
    first_main = model.index(0, 0)
    assert names(model, first_main)[0].startswith("A1  ")
    concept = model.index(0, 0, model.index(0, 0, first_main))
    assert concept.data().startswith("a1  ")
    demo.labels_action.trigger()
    assert not names(model)[0].startswith("AA")


def test_a_concept_holding_a_category_is_flagged_not_refused(demo):
    store = demo.session.store
    codes = queries.list_codes(store)
    category = next(c for c in codes if c.level == "category")
    below = queries.descendants(codes, category.id)
    concept = next(c for c in codes if c.level == "concept" and c.id not in below)
    demo.move_code([category.id], concept.id, 0)
    assert queries.find_code(store, demo.catalog.paths[category.id]).parent_id == concept.id  # moved, not refused
    index = demo.codes.model.index_of(concept.id)
    assert index.data(Qt.ItemDataRole.ForegroundRole) is not None
    assert category.name in index.data(Qt.ItemDataRole.ToolTipRole)
    assert demo.statusBar().currentMessage()
    demo.undo_action.trigger()
    assert demo.codes.model.index_of(concept.id).data(Qt.ItemDataRole.ForegroundRole) is None


def test_saturation_dock_shows_the_curve_and_the_verdict(demo):
    demo.show_dock("saturation")
    result = demo.saturation.result
    assert result is not None and result.tested and result.saturated
    rows = result.rows
    assert [r.held_out for r in rows][-2:] == [True, True]
    assert rows[-1].total_concepts == rows[-3].total_concepts  # A09 and A10 add nothing
    assert demo.saturation.table.rowCount() == 10
    assert "A09" in demo.saturation.table.item(8, 0).text()
    assert demo.saturation.verdict.text() in (
        "Saturation test passed: the held-out documents produced no new concept, category or relation.",
        "饱和度检验通过：留存文档未产生新的概念、范畴或关系。")
    chart = demo.saturation.chart
    assert chart.point(9, rows[9].total_concepts).y() == chart.point(7, rows[7].total_concepts).y()


def test_saturation_updates_when_a_held_out_document_brings_a_new_concept(demo):
    store = demo.session.store
    demo.show_dock("saturation")
    a10 = queries.find_document(store, "A10 志愿者访谈")
    from coding.services import codes, codings

    new = codes.create_code(store, "全新概念").value
    demo.session.run("x", lambda: codings.apply_code(store, new.id, a10.id, 10, 14))
    result = demo.saturation.result
    assert not result.saturated and result.held_out_new_concepts == ("全新概念",)
    assert "全新概念" in demo.saturation.verdict.text()


def test_saturation_dock_waits_for_uncoded_held_out_documents_and_shows_new_relations(demo):
    from coding.services import codings, documents, relations

    store = demo.session.store
    demo.show_dock("saturation")
    a08 = queries.find_document(store, "A08 志愿者访谈")
    for row in [c for c in queries.list_codings(store) if c.document_id == a08.id]:
        codings.remove_coding(store, row.id)
    demo.session.run("x", lambda: documents.set_held_out(store, a08.id, True))
    panel = demo.saturation
    row = next(r for r in range(panel.table.rowCount()) if "A08" in panel.table.item(r, 0).text())
    assert panel.table.item(row, 1).text() == "not coded yet" and panel.table.item(row, 4).text() == ""
    assert panel.verdict.text().startswith("Saturation test not done yet") and "A08 志愿者访谈" in panel.verdict.text()
    demo.session.run("x", lambda: documents.set_held_out(store, a08.id, False))
    coded = queries.list_codings(store)
    by_id = {c.id: c for c in queries.list_codes(store)}
    related = {frozenset((r.source_id, r.target_id)) for r in queries.list_relations(store)}
    pair = next((by_id[a.code_id], by_id[b.code_id]) for a in coded for b in coded  # two codes met in one interview
                if a.document_id == b.document_id and a.code_id < b.code_id
                and frozenset((a.code_id, b.code_id)) not in related)
    demo.session.run("x", lambda: relations.add_relation(store, pair[0].id, pair[1].id, "is_cause_of", "", True))
    result = panel.result
    header = [panel.table.horizontalHeaderItem(c).text() for c in range(panel.table.columnCount())]
    assert header[3] == "New relations"
    shown = {panel.table.item(r, 3).text() for r in range(panel.table.rowCount())}
    assert any(pair[0].name in text and pair[1].name in text for text in shown)  # where both ends were first coded
    assert result.rows


def test_memo_list_filters_by_type_and_code(demo):
    demo.gt.new_memo(NewMemo("理论备忘：情感能量的来源", "theoretical", "情感能量来自互动仪式。", on_code=False))
    demo.show_dock("memo_list")
    panel = demo.memo_list
    everything = panel.table.rowCount()
    assert everything == len(queries.list_memos(demo.session.store))
    panel.kind.setCurrentIndex(panel.kind.findData("theoretical"))
    assert [m.title for m in panel.shown] == ["理论备忘：情感能量的来源"]
    panel.table.setCurrentCell(0, 0)
    assert "互动仪式" in panel.view.toPlainText()
    panel.kind.setCurrentIndex(0)
    panel.code.setCurrentIndex(1)
    code_id = panel.code.currentData()
    assert panel.shown and all(m.code_id == code_id for m in panel.shown)
    demo.undo_action.trigger()
    panel.code.setCurrentIndex(0)
    assert panel.table.rowCount() == everything - 1


def test_snapshot_from_the_menu_is_stored_and_undoable(demo):
    demo.gt.take_snapshot("开放编码第一轮")
    assert [s.name for s in queries.list_snapshots(demo.session.store)] == ["开放编码第一轮"]
    demo.undo_action.trigger()
    assert queries.list_snapshots(demo.session.store) == ()


def test_relation_dialog_gives_a_type_key_or_a_user_type(qtbot):
    dialog = RelationDialog("社区党组织设置的互动情境", "社区归属感")
    qtbot.addWidget(dialog)
    dialog.type.setCurrentIndex(dialog.type.findData("is_cause_of"))
    dialog.memo.setPlainText("互动情境培育归属感")
    assert dialog.value() == NewRelation("is_cause_of", True, "互动情境培育归属感")
    dialog.type.setEditText("促成")
    dialog.directed.setChecked(False)
    assert dialog.value() == NewRelation("促成", False, "互动情境培育归属感")
    again = RelationDialog("a", "b", NewRelation("consequence", True, "m"))
    qtbot.addWidget(again)
    assert again.type.currentData() == "consequence" and again.memo.toPlainText() == "m"


def test_category_board_opens_arranges_and_relates(demo):
    store = demo.session.store
    demo.show_dock("board")
    board = demo.board
    assert demo._docks["board"].isFloating() and len(board.nodes) == 40
    relations_before = len(queries.list_relations(store))
    assert len(board.edges) == relations_before
    main_ids = [c.id for c in queries.list_codes(store) if c.level == "main"]
    demo.gt.add_relation(main_ids[0], main_ids[1], NewRelation("contradicts", True, "两者相互抵消"))
    added = [r for r in queries.list_relations(store) if r.memo == "两者相互抵消"]
    assert len(added) == 1 and len(board.edges) == relations_before + 1  # the open board follows
    demo.gt.edit_relation(added[0].id, NewRelation("is_associated_with", False, "两者相关"))
    assert [(r.type, r.directed) for r in queries.list_relations(store) if r.id == added[0].id] == [("is_associated_with", False)]
    guid = demo.catalog.codes[main_ids[0]].guid
    positions = board.positions()
    positions[guid] = (123.0, -45.0)
    demo.gt.arrange_board(positions)
    assert queries.project_info(store)["settings"]["board_positions"][guid] == [123.0, -45.0]
    assert board.positions()[guid] == (123.0, -45.0)
    for _ in range(3):
        demo.undo_action.trigger()
    assert len(queries.list_relations(store)) == relations_before
    assert "board_positions" not in queries.project_info(store)["settings"]


def test_seed_000_process_tracing_is_listed_in_order(demo):
    """Seed 000: an ex-ante → in-process → post-event mechanism as categories linked by "is cause of"."""
    store = demo.session.store
    from coding.services import codes, relations

    main = codes.create_code(store, "智能化预付式消费监管的因果机制", level="main").value
    parts = [codes.create_code(store, name, parent_id=main.id, level="category").value
             for name in ("干预选择结构（事前）", "合作共治（事中）", "纠纷化解（事后）")]
    for a, b in zip(parts, parts[1:]):
        relations.add_relation(store, a.id, b.id, "is_cause_of")
    demo.session.notify_all()
    demo.show_dock("board")
    assert "干预选择结构（事前） → 合作共治（事中） → 纠纷化解（事后）" in demo.board.chain_texts()


def test_code_properties_change_in_one_undoable_step(demo):
    from app.dialogs import NewCode

    store = demo.session.store
    category = next(c for c in queries.list_codes(store) if c.level == "category")
    before = queries.list_codes(store)
    demo.edit_code(category.id, NewCode("家园感", "main", "居民把社区当成家的感受", "#123456", "consequence"))
    changed = next(c for c in queries.list_codes(store) if c.id == category.id)
    assert (changed.name, changed.level, changed.definition, changed.colour, changed.paradigm_role) == (
        "家园感", "main", "居民把社区当成家的感受", "#123456", "consequence")
    demo.undo_action.trigger()  # one step undoes all five changes
    assert queries.list_codes(store) == before


def test_held_out_flag_from_the_documents_dock_changes_the_test(demo):
    store = demo.session.store
    demo.show_dock("saturation")
    a08 = queries.find_document(store, "A08 志愿者访谈")
    demo.set_held_out(a08.id, True)
    assert queries.find_document(store, "A08 志愿者访谈").held_out
    result = demo.saturation.result
    assert [r.document for r in result.rows if r.held_out] == ["A08 志愿者访谈", "A09 居民访谈", "A10 志愿者访谈"]
    assert not result.saturated  # A08 brought concepts no other document has
    demo.undo_action.trigger()
    assert demo.saturation.result.saturated


def test_label_prefixes_and_the_trail_and_snapshot_compare(demo, qtbot):
    from app.analysis import SnapshotCompareDialog

    demo.labels_action.setChecked(False)
    demo.labels_action.trigger()
    demo.gt.edit_label_prefixes({"main": "M", "category": "C"})
    assert demo.codes.model.index(0, 0).data().startswith("M1  ")
    demo.show_dock("trail")
    top = demo.trail.tree.topLevelItem(0)
    assert top.text(0) == demo.catalog.paths[next(c.id for c in queries.list_codes(demo.session.store) if c.level == "main")]
    concept = top.child(0).child(0)
    assert concept.text(1) and concept.text(2).startswith("A0") and concept.text(5) in ("张研", "李文")
    demo.gt.take_snapshot("第一轮")
    code_id = next(c.id for c in queries.list_codes(demo.session.store) if c.level == "concept")
    old_path = demo.catalog.paths[code_id]
    demo.rename_code(code_id, "改名后的概念")
    dialog = SnapshotCompareDialog(demo.session.store, demo)
    qtbot.addWidget(dialog)
    diff = dialog.diff()
    assert diff.renamed == ((old_path, old_path.rsplit(">", 1)[0] + ">改名后的概念"),)
    assert "改名后的概念" in dialog.result.toPlainText()


def test_agreement_dock_computes_in_the_background_and_walks_disagreements(demo, qtbot):
    demo.show_dock("agreement")
    panel = demo.agreement
    assert panel.chosen_coders() == ["张研", "李文"]
    panel.unit.setCurrentIndex(panel.unit.findData("document"))
    panel.run_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=20_000)
    from coding.agreement import agreement

    expected = agreement(demo.session.store, unit="document")
    assert panel.report.overall == expected.overall
    assert panel.table.rowCount() == 1 + len(expected.codes)
    assert panel.disagreements.count() == min(len(expected.disagreements), 2000) > 0
    first = expected.disagreements[0]
    panel.disagreements.itemClicked.emit(panel.disagreements.item(0))
    assert demo.transcript.document_id == queries.find_document(demo.session.store, first.document).id


def test_agreement_dock_restricts_to_documents_all_coded_and_shows_every_coefficient(demo, qtbot):
    demo.show_dock("agreement")
    panel = demo.agreement
    panel.unit.setCurrentIndex(panel.unit.findData("char"))
    panel.both_coded.setChecked(True)
    panel.run_button.click()
    qtbot.waitUntil(lambda: panel.report is not None, timeout=20_000)
    from coding.agreement import agreement

    expected = agreement(demo.session.store, unit="char", both_coded=True)
    assert panel.report.both_coded and panel.report.overall == expected.overall
    headers = [panel.table.horizontalHeaderItem(i).text() for i in range(panel.table.columnCount())]
    assert headers[3:8] == ["κ", "α", "Brennan–Prediger κ", "Holsti K", "Composite R"]
    assert panel.table.item(0, 6).text() == f"{expected.overall.holsti:.3f}"
    assert "documents all coded" in panel.summary.text()


def test_agreement_dock_ticks_only_coders_with_codings_and_says_who_has_none(demo):
    from PySide6.QtCore import Qt

    from coding.services import coders

    coders.use_coder(demo.session.store, "王新")  # a coder who has not coded anything yet
    coders.use_coder(demo.session.store, "张研")
    demo.show_dock("agreement")
    panel = demo.agreement
    assert panel.chosen_coders() == ["张研", "李文"]
    newcomer = next(panel.coders.item(i) for i in range(panel.coders.count())
                    if panel.coders.item(i).data(Qt.ItemDataRole.UserRole) == "王新")
    assert newcomer.checkState() == Qt.CheckState.Unchecked and "no codings" in newcomer.text()
    assert not newcomer.flags() & Qt.ItemFlag.ItemIsEnabled


def test_export_to_excel_runs_in_the_background_and_cancel_keeps_the_old_file(demo, qtbot, tmp_path):
    from openpyxl import load_workbook

    from app.export_dialog import ExportDialog, ExportRequest

    out = tmp_path / "论文表格.xlsx"
    dialog = ExportDialog(["张研", "李文"], str(out), demo)
    qtbot.addWidget(dialog)
    dialog.pseudonymise.setChecked(True)
    request = dialog.request()
    assert request == ExportRequest(str(out), "zh", None, True, False, False)
    job = demo.jobs.export_excel(request)
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[:5] == ["开放式编码", "开放式编码（代表性语句）", "主轴编码", "范式模型", "选择性编码"]
    assert "论文表格.xlsx" in demo.statusBar().currentMessage()
    before = out.read_bytes()
    job = demo.jobs.export_excel(ExportRequest(str(out), "en", "李文", False, True, False))
    job.cancel()  # before the worker writes anything
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert out.read_bytes() == before


def test_merge_another_project_shows_the_plan_then_merges_as_one_undoable_action(demo, qtbot, tmp_path, demo_file):
    from app.merge_dialog import MergeDialog
    from coding.merge import plan_merge
    from coding.services import codes, coders, codings
    from coding.storage import open_project
    from tests.conftest import stored_state

    other_path = tmp_path / "李文.zhagen"
    other_path.write_bytes(demo_file.read_bytes())
    with open_project(other_path, backup=False) as other:
        coders.use_coder(other, "李文")
        new = codes.create_code(other, "邻里微信群").value
        doc = queries.list_documents(other)[0]
        codings.apply_code(other, new.id, doc.id, 30, 36)
    store = demo.session.store
    before = stored_state(store)
    with open_project(other_path, backup=False) as other:
        plan = plan_merge(store, other)
        dialog = MergeDialog(plan, lambda prefer: plan_merge(store, other, prefer=prefer), demo)
        qtbot.addWidget(dialog)
        shown = [dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())]
        assert "邻里微信群" in shown and plan.codings["new"] == 1
        dialog.prefer.setCurrentIndex(dialog.prefer.findData("both"))
        assert dialog.plan.prefer == "both" and dialog.choice() == "both"
    job = demo.jobs.merge_project(str(other_path), prefer="mine")
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert [r.text for r in queries.list_codings(store, code_id=queries.find_code(store, "邻里微信群").id)] == [
        queries.document_text(store, doc.id)[30:36]]
    assert demo.tally.rows and len(demo.tally) == len(queries.list_codings(store))  # the views followed
    demo.undo_action.trigger()
    assert stored_state(store) == before


def test_export_refi_from_the_app(demo, qtbot, tmp_path, monkeypatch):
    import zipfile

    monkeypatch.setattr(demo.jobs, "ask_unique_names", lambda names: False)  # the demo has two 其他
    out = tmp_path / "study.qdpx"
    job = demo.jobs.export_refi(".qdpx", str(out))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    archive = zipfile.ZipFile(out)
    qde = archive.read("project.qde").decode("utf-8")
    assert qde.count("<TextSource ") == 10  # the documents (notes have text files of their own too)
    paths = re.findall(r'plainTextPath="internal://([^"]+)"', qde)
    assert len(paths) > 10 and all(f"sources/{p}" in archive.namelist() for p in paths)
    job = demo.jobs.export_refi(".qdc", str(tmp_path / "codebook.qdc"))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert "<Codes>" in (tmp_path / "codebook.qdc").read_text(encoding="utf-8")


def test_export_refi_offers_unique_code_names(demo, qtbot, tmp_path, monkeypatch):
    """Codes named 其他 under different parents: QualCoder would drop all but one; the app offers unique names."""
    store = demo.session.store
    parent = next(c for c in queries.list_codes(store) if c.parent_id is None)
    demo.session.run("new", lambda: code_service.create_code(store, "其他", parent_id=parent.id))
    before = sorted(c.name for c in queries.list_codes(store))
    asked = []
    monkeypatch.setattr(demo.jobs, "ask_unique_names", lambda names: asked.append(names) or True)
    out = tmp_path / "unique.qdc"
    with qtbot.waitSignal(demo.jobs.export_refi(".qdc", str(out)).finished, timeout=60_000):
        pass
    assert asked and "其他" in asked[0]
    again = demo.jobs.running[-1]  # the export with unique names, started by the answer
    with qtbot.waitSignal(again.finished, timeout=60_000):
        pass
    names = re.findall(r'<Code [^>]*name="([^"]+)"', out.read_text(encoding="utf-8"))
    assert len(names) == len(set(names)) == len(before)
    assert names.count("其他") == 1 and sum(n.startswith("其他 (") for n in names) == before.count("其他") - 1
    assert sorted(c.name for c in queries.list_codes(store)) == before  # the project itself is unchanged
