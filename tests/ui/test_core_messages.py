"""What the core refuses or reports reaches the user in the interface language, with its values filled in.

Each test runs in the Chinese and in the English interface: a rename onto a
sibling's name, agreement with a coder who has no codings, a duplicate file
in an import, a REFI-QDA import report, a project that cannot be opened, an
undo that later changes block.
"""

from __future__ import annotations

import pytest

from coding import queries
from coding.messages import Message
from coding.services import coders

SAID = {  # what each refusal says, per interface language
    "sibling": {"zh_CN": "“社区归属感>家园意识”下已有名为“把社区当成家”的代码",
                "en": "a code named '把社区当成家' already exists under '社区归属感>家园意识'"},
    "no codings": {"zh_CN": "编码者“王新”没有可比较的编码", "en": "coder '王新' has no codings to compare"},
    "duplicate": {"zh_CN": "无法导入 访谈二.txt：与项目中已有的文档“访谈一”文本相同",
                  "en": "Cannot import 访谈二.txt: same text as document '访谈一' already in the project"},
    "report": {"zh_CN": "• 代码“邻里”：其上级代码未导入；已跳过", "en": "• code '邻里': its parent was not imported; skipped"},
    "not a project": {"zh_CN": "不是扎根项目（空文件）", "en": "not a Zhagen project (an empty file)"},
}


@pytest.fixture(params=["zh_CN", "en"])
def language(request, qapp):
    from app.launcher import set_language

    set_language(request.param)
    yield request.param
    set_language("en")


def test_a_rename_onto_a_siblings_name_is_refused_in_the_interface_language(demo_window, language):
    store = demo_window.session.store
    code = queries.find_code(store, "社区归属感>家园意识>长期居住情结")
    demo_window.rename_code(code.id, "把社区当成家")
    assert demo_window.statusBar().currentMessage() == SAID["sibling"][language]
    assert queries.find_code(store, "社区归属感>家园意识>长期居住情结").id == code.id  # nothing changed


def test_agreement_with_a_coder_without_codings_says_who(demo_window, language, qtbot):
    coders.use_coder(demo_window.session.store, "王新")  # known to the project, no codings yet
    coders.use_coder(demo_window.session.store, "张研")
    job = demo_window.jobs.compute_agreement("document", 0.9, ["张研", "王新"])
    with qtbot.waitSignal(job.failed, timeout=30_000):
        pass
    assert demo_window.statusBar().currentMessage() == SAID["no codings"][language]


def test_a_duplicate_file_in_an_import_is_reported_in_the_interface_language(demo_window, language, qtbot, tmp_path):
    from app.import_dialog import ImportRequest

    text = "访谈者：您常去社区活动吗？\n受访者：常去，邻居们都认识。"
    paths = []
    for name in ("访谈一.txt", "访谈二.txt"):
        (tmp_path / name).write_text(text, encoding="gbk")
        paths.append(str(tmp_path / name))
    job = demo_window.jobs.run_import(ImportRequest(tuple(paths), None, {}, "sentence"))
    with qtbot.waitSignal(job.finished, timeout=60_000):
        pass
    assert "访谈一" in [d.name for d in queries.list_documents(demo_window.session.store)]
    assert demo_window.import_problems.text() == SAID["duplicate"][language]


def test_an_import_reports_left_out_lines_in_the_interface_language(qtbot, language):
    from app.interchange_import import ImportReportDialog

    line = Message("code {name!r}: its parent was not imported; skipped", name="邻里")
    dialog = ImportReportDialog("", [line], [])
    qtbot.addWidget(dialog)
    assert SAID["report"][language] in dialog.details.toPlainText().splitlines()


def test_a_project_that_cannot_be_opened_says_why(demo_window, language, monkeypatch, tmp_path):
    from PySide6.QtWidgets import QMessageBox

    empty = tmp_path / "空.zhagen"
    empty.write_bytes(b"")
    shown = []
    monkeypatch.setattr(QMessageBox, "warning", lambda parent, title, text: shown.append(text))
    demo_window.items.open_location(str(empty))
    assert shown == [f"{empty}：{SAID['not a project'][language]}" if language == "zh_CN"
                     else f"{empty}: {SAID['not a project'][language]}"]


def test_an_undo_that_later_changes_block_is_refused_in_the_interface_language(demo_window, language):
    from coding.services import codes

    store = demo_window.session.store
    code = queries.find_code(store, "社区归属感>家园意识>长期居住情结")
    demo_window.rename_code(code.id, "长期居住")
    codes.rename_code(store, code.id, "久居情结")  # changed again since, not through this window's undo stack
    demo_window.undo_action.trigger()
    assert demo_window.statusBar().currentMessage() == {
        "zh_CN": f"无法撤销“重命名代码”：代码 {code.id} 此后已被修改",
        "en": f"cannot undo code_renamed: code {code.id} has changed since"}[language]
    assert queries.find_code(store, "社区归属感>家园意识>久居情结").id == code.id


def test_level_warnings_and_the_emergence_trail_speak_the_interface_language(demo_window, language):
    from PySide6.QtWidgets import QTreeWidgetItemIterator

    from coding.services import codes

    store = demo_window.session.store
    concept = queries.find_code(store, "社区归属感>家园意识>长期居住情结")
    demo_window.session.run("New code", lambda: codes.create_code(store, "居住年限", parent_id=concept.id,
                                                                  level="category"))
    assert demo_window.statusBar().currentMessage() == {
        "zh_CN": "提示：范畴“居住年限”位于更低层级的初始概念“长期居住情结”之下",
        "en": "Note: the category “居住年限” is below the concept “长期居住情结”, a lower level"}[language]
    demo_window.rename_code(concept.id, "长期居住")
    demo_window.show_dock("trail")
    items = QTreeWidgetItemIterator(demo_window.trail.tree)
    while items.value() and items.value().text(0) != "长期居住":
        items += 1
    assert items.value().text(6).endswith({"zh_CN": "由“长期居住情结”更名为“长期居住”",
                                           "en": "renamed from “长期居住情结” to “长期居住”"}[language])


def test_the_merge_plan_speaks_the_interface_language(demo_window, language, qtbot, tmp_path):
    from app.merge_dialog import MergeDialog
    from coding.merge import plan_merge
    from coding.services import codes
    from coding.storage import open_project

    store = demo_window.session.store
    other_path = tmp_path / "theirs.zhagen"
    other_path.write_bytes(open(store.location, "rb").read())
    code = queries.find_code(store, "社区归属感>家园意识>长期居住情结")
    with open_project(other_path, backup=False) as other:
        codes.rename_code(other, code.id, "久居情结")
        plan = plan_merge(store, other, prefer="mine")
    dialog = MergeDialog(plan, lambda prefer: plan, demo_window)
    qtbot.addWidget(dialog)
    rows = [[dialog.table.item(r, c).text() for c in range(6)] for r in range(dialog.table.rowCount())]
    assert {"zh_CN": ["冲突", "代码", "社区归属感>家园意识>久居情结", "名称", "名称：我方为“长期居住情结”，对方为“久居情结”",
                      "保留我方的"],
            "en": ["conflict", "code", "社区归属感>家园意识>久居情结", "name",
                   "name: ours '长期居住情结', theirs '久居情结'", "kept ours"]}[language] in rows
    counts = {"zh_CN": ("代码：已对应 ", "，冲突 1；"), "en": ("code: matched ", ", conflict 1; ")}[language]
    assert all(part in dialog.summary.text() for part in counts)
