"""The design tables (coding/design_tables.py) on small invented projects, each built for its design;
the expected rows are worked out by hand."""

from __future__ import annotations

import pytest

from coding.errors import InvalidInput
from coding.services import codes, codings, documents, participants
from coding.tables import workbook_tables


def _tables(store, **kw):
    return {t.key: t for t in workbook_tables(store, **kw)}


def _apply(store, code_id, doc_id, text, quote):
    start = text.index(quote)
    codings.apply_code(store, code_id, doc_id, start, start + len(quote))


# ------------------------------------------------------------------ open coding, representative quotes

QUOTE_DOCS = (
    ("A01", "张大妈", "居委会天天上门动员。居委会又打电话动员。我们就去巡逻了。"),
    ("A02", "李师傅", "居委会上门来请。巡逻让我觉得踏实。"),
    ("A03", "", "居委会发通知动员。"),
)


@pytest.fixture
def quoted(store):
    ids = {}
    for pid, name, text in QUOTE_DOCS:
        person = participants.add_participant(store, pid, name).value.id
        ids[pid] = documents.add_document(store, f"{pid} 访谈", text, participant_id=person).value.id
    mobilise = codes.create_code(store, "组织动员", level="category").value.id
    ids["visit"] = codes.create_code(store, "上门动员", parent_id=mobilise).value.id
    ids["safe"] = codes.create_code(store, "安全感").value.id  # under no category
    for pid, code, quote in (("A01", "visit", "居委会天天上门动员"), ("A01", "visit", "居委会又打电话动员"),
                             ("A02", "visit", "居委会上门来请"), ("A03", "visit", "居委会发通知动员"),
                             ("A02", "safe", "巡逻让我觉得踏实")):
        _apply(store, ids[code], ids[pid], dict((p, t) for p, _, t in QUOTE_DOCS)[pid], quote)
    return store


def test_representative_quotes_one_per_document_first_with_counts(quoted):
    table = _tables(quoted, quotes_per_concept=2)["representative_quotes"]
    assert (table.zh, table.en, table.group_column) == ("开放式编码（代表性语句）", "Open coding (representative)", 0)
    assert [c.zh for c in table.columns] == ["初始范畴", "初始概念", "代表性原始语句", "编码数", "文档数"]
    assert table.rows == (
        ("A1 组织动员", "a1 上门动员", "居委会天天上门动员（A01）\n居委会上门来请（A02）", 4, 3),
        ("", "a2 安全感", "巡逻让我觉得踏实（A02）", 1, 1),
    )
    assert "至多 2 句" in table.notes[0]


def test_representative_quotes_fill_from_the_same_document_when_few_documents(quoted):
    rows = _tables(quoted, quotes_per_concept=4, lang="en")["representative_quotes"].rows
    assert rows[0][2].split("\n") == ["居委会天天上门动员（A01）", "居委会上门来请（A02）", "居委会发通知动员（A03）",
                                      "居委会又打电话动员（A01）"]
    assert _tables(quoted)["open_coding"].rows[0][1] == "居委会天天上门动员（A01）"  # every quote stays there


def test_representative_quotes_need_at_least_one(quoted):
    with pytest.raises(InvalidInput, match="at least 1"):
        workbook_tables(quoted, quotes_per_concept=0)


def test_representative_quotes_pseudonymised(quoted):
    codes.create_code(quoted, "张大妈的说法")
    rows = _tables(quoted, pseudonymise=True)["representative_quotes"].rows
    assert all("张大妈" not in str(cell) for row in rows for cell in row)


def test_export_command_writes_the_representative_sheet(quoted, location, tmp_path, capsys):
    from openpyxl import load_workbook

    from coding.cli import main

    out = tmp_path / "表格.xlsx"
    assert main(["export", location, str(out), "--quotes-per-concept", "1"]) == 0
    assert "开放式编码（代表性语句）: 2" in capsys.readouterr().out
    sheet = load_workbook(out, read_only=True)["开放式编码（代表性语句）"]
    rows = [r for r in sheet.iter_rows(values_only=True)]
    assert ("A1 组织动员", "a1 上门动员", "居委会天天上门动员（A01）", 4, 3) in rows
    notes = [r[-1] for r in load_workbook(out, read_only=True)["说明"].iter_rows(values_only=True)]
    assert any("代表性语句至多 1 句" in (n or "") for n in notes)


# ------------------------------------------------------------------ axial coding: paradigm model


def test_paradigm_model_per_main_category_with_relation_meaning(store):
    from coding.services import memos

    main = codes.create_code(store, "组织化参与", level="main", definition="居民在组织下参与巡逻").value.id
    for name, role in (("治安隐患", "causal_condition"), ("参与巡逻", "phenomenon"), ("老旧小区", "context"),
                       ("骨干带动", "intervening_condition"), ("排班轮值", "action_strategy"),
                       ("熟人监督", "action_strategy"), ("邻里安全感", "consequence"), ("其他因素", None)):
        codes.create_code(store, name, parent_id=main, level="category", paradigm_role=role)
    group = codes.create_code(store, "分组", parent_id=main).value.id  # level none: its categories still count
    codes.create_code(store, "居委会动员", parent_id=group, level="category", paradigm_role="causal_condition")
    other = codes.create_code(store, "情感依附", level="main").value.id
    codes.create_code(store, "外部范畴", level="category", paradigm_role="phenomenon")  # under no main category
    memos.add_memo(store, "关系内涵", "治安隐患促使居民在骨干带动下参与巡逻。", code_id=main)
    memos.add_memo(store, "补充", "排班与监督维持参与。", kind="theoretical", code_id=main)
    memos.add_memo(store, "故事线", "不是关系内涵。", kind="storyline", code_id=main)
    memos.add_memo(store, "无关", "另一个主范畴的备忘录。", code_id=other)
    table = _tables(store)["paradigm_model"]
    assert (table.zh, table.en) == ("范式模型", "Paradigm model")
    assert [c.zh for c in table.columns] == ["主范畴", "因果条件", "现象", "情境", "中介条件", "行动/互动策略", "结果",
                                             "未定角色", "关系内涵"]
    assert table.rows == (
        ("AA1 组织化参与", "A1 治安隐患、A9 居委会动员", "A2 参与巡逻", "A3 老旧小区", "A4 骨干带动",
         "A5 排班轮值、A6 熟人监督", "A7 邻里安全感", "A8 其他因素",
         "治安隐患促使居民在骨干带动下参与巡逻。\n\n排班与监督维持参与。"),
        ("AA2 情感依附", "", "", "", "", "", "", "", "另一个主范畴的备忘录。"),
    )
    english = _tables(store, lang="en")["paradigm_model"]
    assert [c.en for c in english.columns][1:7] == ["Causal condition", "Phenomenon", "Context", "Intervening condition",
                                                    "Action/interaction strategy", "Consequence"]
    assert english.rows[0][1] == "A1 治安隐患, A9 居委会动员"


# ------------------------------------------------------------------ problem → cause → countermeasure (seed 004)

POLICY_TEXT = ("问：联动中有什么问题？答：各部门联动体系不健全，各管一摊。原因是法律依据不足，也缺少联动意识。"
               "应该完善法规，还要从顶层设计入手。")


def test_problem_cause_countermeasure_rows_with_quotes(store, location, tmp_path, capsys):
    from coding.services import relations

    person = participants.add_participant(store, "B01", "马所长").value.id
    doc = documents.add_document(store, "B01 派出所访谈", POLICY_TEXT, participant_id=person).value.id
    ids = {}
    for key, name in (("problem", "联动体系不健全"), ("law", "法律依据不足"), ("mind", "联动意识薄弱"),
                      ("rules", "完善法规"), ("design", "顶层设计")):
        ids[key] = codes.create_code(store, name, level="category").value.id
    for key, quote in (("problem", "联动体系不健全"), ("law", "法律依据不足"), ("mind", "缺少联动意识"),
                       ("rules", "完善法规"), ("design", "从顶层设计入手")):
        _apply(store, ids[key], doc, POLICY_TEXT, quote)
    assert "problems" not in _tables(store)  # no "addresses" relation: not a problem-solving design
    relations.add_relation(store, ids["law"], ids["problem"], "is_cause_of")
    relations.add_relation(store, ids["mind"], ids["problem"], "is_cause_of")
    relations.add_relation(store, ids["design"], ids["problem"], "addresses")
    relations.add_relation(store, ids["rules"], ids["law"], "针对")
    tables = _tables(store)
    assert list(tables).index("problems") == list(tables).index("selective_coding") + 2  # after the mechanism
    table = tables["problems"]
    assert [c.zh for c in table.columns] == ["问题", "问题的原始语句", "原因", "原因的原始语句", "对策", "对策的原始语句"]
    assert table.rows == ((
        "联动体系不健全", "联动体系不健全（B01）",
        "法律依据不足\n联动意识薄弱", "法律依据不足（B01）\n缺少联动意识（B01）",
        "顶层设计\n完善法规（针对法律依据不足）", "从顶层设计入手（B01）\n完善法规（B01）",
    ),)
    english = _tables(store, lang="en")["problems"]
    assert english.rows[0][4] == "顶层设计\n完善法规 (addresses 法律依据不足)"
    from openpyxl import load_workbook

    from coding.cli import main

    out = tmp_path / "对策.xlsx"
    assert main(["export", location, str(out)]) == 0
    assert "问题—原因—对策: 1" in capsys.readouterr().out
    book = load_workbook(out, read_only=True)
    assert book.sheetnames[3:7] == ["范式模型", "选择性编码", "因果机制", "问题—原因—对策"]
    assert list(book["问题—原因—对策"].iter_rows(values_only=True))[1][:2] == ("联动体系不健全", "联动体系不健全（B01）")


# ------------------------------------------------------------------ causal mechanism, loops kept (seed 000)

MECHANISM_TEXT = "平台上线后先做信用预警。预警之后部门联动共治。共治之下纠纷很快化解。化解得好，治理有效。化解的经验又用来改进预警。"


def _sentence_units(text):
    from coding.services.documents import UnitSpec

    units, start = [], 0
    for i, char in enumerate(text):
        if char == "。":
            units.append(UnitSpec(start, i + 1))
            start = i + 1
    return units


def test_mechanism_links_with_evidence_and_the_loop_kept(store):
    from coding.services import relations

    person = participants.add_participant(store, "C01").value.id
    doc = documents.add_document(store, "C01 监管访谈", MECHANISM_TEXT, participant_id=person,
                                 units=_sentence_units(MECHANISM_TEXT)).value.id
    ids = {}
    for key, name in (("X", "智能监管平台"), ("A", "事前干预"), ("B", "事中共治"), ("C", "事后化解"), ("D", "治理效能")):
        ids[key] = codes.create_code(store, name, level="main").value.id
    for key, quote in (("X", "平台上线"), ("A", "信用预警"), ("B", "部门联动共治"), ("C", "纠纷很快化解"),
                       ("C", "化解得好"), ("D", "治理有效"), ("C", "化解的经验"), ("A", "改进预警")):
        _apply(store, ids[key], doc, MECHANISM_TEXT, quote)
    for a, b, memo in (("X", "A", ""), ("A", "B", "预警为共治提供线索"), ("B", "C", ""), ("C", "D", ""),
                       ("C", "A", "化解经验反馈到预警")):
        relations.add_relation(store, ids[a], ids[b], "is_cause_of", memo)
    table = _tables(store)["mechanism"]
    assert (table.zh, table.en, table.group_column) == ("因果机制", "Causal mechanism", 0)
    assert [c.zh for c in table.columns] == ["机制链", "环节", "原因", "结果", "机制说明", "证据语句"]
    assert table.rows == (
        (1, 1, "AA1 智能监管平台", "AA2 事前干预", "", "平台上线（C01）"),  # shares a sentence with 信用预警
        (1, 2, "AA2 事前干预", "AA3 事中共治", "预警为共治提供线索", "信用预警（C01）"),  # no shared sentence: the first
        (1, 3, "AA3 事中共治", "AA4 事后化解", "", "部门联动共治（C01）"),
        (1, 4, "AA4 事后化解", "AA5 治理效能", "", "化解得好（C01）"),
        (1, "回路", "AA4 事后化解", "AA2 事前干预", "化解经验反馈到预警", "化解的经验（C01）"),
    )
    assert _tables(store, lang="en")["mechanism"].rows[-1][1] == "loop"


# ------------------------------------------------------------------ pathways between main categories (seed 001)


def test_pathways_from_relations_lifted_to_main_categories(store):
    from coding.services import relations

    ids = {}
    for key, name in (("P", "党组织互动情境"), ("Q", "社区民警在场"), ("R", "归属感"), ("S", "情感能量"), ("T", "责任感")):
        ids[key] = codes.create_code(store, name, level="main").value.id
    ids["p1"] = codes.create_code(store, "邻里节", parent_id=ids["P"], level="category").value.id
    ids["r1"] = codes.create_code(store, "把社区当家", parent_id=ids["R"], level="category").value.id
    ids["loose"] = codes.create_code(store, "游离范畴", level="category").value.id
    assert "pathways" not in _tables(store)
    for a, b in (("p1", "r1"),  # counts as 党组织互动情境 → 归属感
                 ("r1", "R"),  # inside one main category: no step
                 ("R", "S"), ("Q", "S"), ("S", "T"), ("loose", "T")):  # under no main category: left out
        relations.add_relation(store, ids[a], ids[b], "is_cause_of")
    tables = _tables(store)
    assert list(tables).index("pathways") == list(tables).index("mechanism") + 1
    table = tables["pathways"]
    assert (table.zh, table.en) == ("作用路径", "Pathways")
    assert [c.zh for c in table.columns] == ["路径", "路径名称", "路径上的主范畴（依次）", "主范畴数"]
    assert table.rows == (
        (1, "党组织互动情境驱动", "AA1 党组织互动情境 → AA3 归属感 → AA4 情感能量 → AA5 责任感", 4),
        (2, "社区民警在场驱动", "AA2 社区民警在场 → AA4 情感能量 → AA5 责任感", 3),
    )
    assert _tables(store, lang="en")["pathways"].rows[1][1] == "社区民警在场-driven"


def test_the_demo_has_three_pathways_of_eight_main_categories(tmp_path):
    from coding.demo import build_demo
    from coding.storage import open_project

    build_demo(tmp_path / "demo.zhagen")
    with open_project(tmp_path / "demo.zhagen", backup=False) as demo:
        rows = _tables(demo)["pathways"].rows
    assert [r[1] for r in rows] == ["社区党组织设置的互动情境驱动", '"朝阳群众"品牌传播驱动', "社区民警的在场与行动驱动"]
    assert len({name for r in rows for name in r[2].split(" → ")}) == 8
    assert {r[2].split(" → ")[-1] for r in rows} == {"AA4 责任感"}


# ------------------------------------------------------------------ deductive frameworks (seed 003)

SFIC = {
    "S01": ("街道干部", "上级政策不明确，资金来源也不足。"),
    "S02": ("企业", "各部门数据系统不兼容。我们和居委会互相不信任。"),
}


def test_framework_quotes_and_matrix_sum_subcodes(store):
    docs = {}
    for pid, (role, text) in SFIC.items():
        person = participants.add_participant(store, pid).value.id
        docs[pid] = documents.add_document(store, f"{pid} {role}访谈", text, participant_id=person).value.id
    ids = {}

    def code(key, name, parent=None):
        ids[key] = codes.create_code(store, name, parent_id=ids.get(parent), level="none").value.id

    code("env", "外部环境")
    code("policy", "政策不明", "env")
    code("funds", "资金不足", "env")
    code("engine", "协同引擎")
    code("trust", "信任缺失", "engine")
    code("empty", "领导力")  # never coded: no row
    gt_code = codes.create_code(store, "数据壁垒", level="concept").value.id  # a GT concept stays in open coding
    for pid, key, quote in (("S01", "policy", "上级政策不明确"), ("S01", "funds", "资金来源也不足"),
                            ("S02", "trust", "我们和居委会互相不信任"), ("S02", "env", "各部门数据系统不兼容")):
        _apply(store, ids[key], docs[pid], SFIC[pid][1], quote)
    _apply(store, gt_code, docs["S02"], SFIC["S02"][1], "数据系统不兼容")
    tables = _tables(store)
    quotes = tables["framework"]
    assert (quotes.zh, quotes.en, quotes.group_column) == ("框架编码", "Framework coding", 3)
    assert quotes.rows == (
        (1, "各部门数据系统不兼容（S02）", "外部环境", "外部环境"),
        (2, "上级政策不明确（S01）", "外部环境>政策不明", "外部环境"),
        (3, "资金来源也不足（S01）", "外部环境>资金不足", "外部环境"),
        (4, "我们和居委会互相不信任（S02）", "协同引擎>信任缺失", "协同引擎"),
    )
    assert [r[1] for r in tables["open_coding"].rows] == ["数据系统不兼容（S02）"]
    matrix = tables["framework_matrix"]
    assert [c.zh for c in matrix.columns] == ["代码", "合计", "S01 街道干部访谈", "S02 企业访谈"]
    assert matrix.rows == (
        ("外部环境", 3, "上级政策不明确（S01）\n资金来源也不足（S01）", "各部门数据系统不兼容（S02）"),
        ("外部环境>政策不明", 1, "上级政策不明确（S01）", ""),
        ("外部环境>资金不足", 1, "资金来源也不足（S01）", ""),
        ("协同引擎", 1, "", "我们和居委会互相不信任（S02）"),
        ("协同引擎>信任缺失", 1, "", "我们和居委会互相不信任（S02）"),
    )


# ------------------------------------------------------------------ saturation sheet: relations and uncoded documents


def test_saturation_sheet_waits_for_uncoded_held_out_documents_and_names_new_relations(store):
    from coding.services import relations

    texts = ("甲说巡逻。", "乙说巡逻让人安心。", "丙说巡逻让人安心。")
    docs = [documents.add_document(store, f"E{n} 访谈.txt", text).value.id for n, text in enumerate(texts, 1)]
    documents.set_held_out(store, docs[2], True)
    patrol = codes.create_code(store, "参与巡逻").value.id
    safe = codes.create_code(store, "安全感").value.id
    relations.add_relation(store, patrol, safe, "is_cause_of")
    _apply(store, patrol, docs[0], texts[0], "巡逻")
    _apply(store, safe, docs[0], texts[0], "甲")
    rows = _tables(store)["saturation"].rows
    assert rows[1][4:8] == (None, None, 2, 0)  # E2 not coded: no "0 new"
    assert rows[-1][0] == "饱和度检验：未完成（留存文档尚未编码：E3 访谈）"
    documents.set_held_out(store, docs[1], True)
    _apply(store, patrol, docs[1], texts[1], "巡逻")
    _apply(store, patrol, docs[2], texts[2], "巡逻")
    _apply(store, safe, docs[2], texts[2], "安心")
    assert _tables(store)["saturation"].rows[-1][0] == "饱和度检验：通过（留存文档未产生新概念或新范畴）"  # E1 held both ends


def test_saturation_sheet_fails_on_a_relation_new_in_a_held_out_document(store):
    from coding.services import relations

    texts = ("甲说巡逻。", "乙说安心。", "丙说巡逻让人安心。")
    docs = [documents.add_document(store, f"F{n}", text).value.id for n, text in enumerate(texts, 1)]
    documents.set_held_out(store, docs[2], True)
    patrol = codes.create_code(store, "参与巡逻").value.id
    safe = codes.create_code(store, "安全感").value.id
    relations.add_relation(store, patrol, safe, "is_cause_of")
    _apply(store, patrol, docs[0], texts[0], "巡逻")
    _apply(store, safe, docs[1], texts[1], "安心")  # both concepts seen, never together before F3
    _apply(store, patrol, docs[2], texts[2], "巡逻")
    _apply(store, safe, docs[2], texts[2], "安心")
    assert _tables(store)["saturation"].rows[-1][0] == (
        "饱和度检验：未通过（留存文档产生新概念：无；新范畴：无；新关系：参与巡逻 → 安全感）")
    assert _tables(store, lang="en")["saturation"].rows[-1][0] == (
        "Saturation test: failed (new in the held-out documents — concepts: none; categories: none; "
        "relations: 参与巡逻 → 安全感)")
