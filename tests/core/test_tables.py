"""The workbook tables (coding/tables.py) on a hand-built project with hand-worked answers.

The project (codings by 张研 unless marked 李文; sentences are the units):

    AA1 社区归属感 (main, 中介条件)
        A1 家园意识 (category)           a1 把社区当成家, a2 长期居住情结
        A2 邻里熟识互助 (category, 结果)  a3 邻里相互认识, a4 邻里守望相助 (renamed from 守望相助)
    a5 其他 (concept under no category);  情感承诺 (core)

    D1 A01 王秀兰 (居民)  我在这儿住了二十年了。|社区就像自己的家。|邻居都很熟悉，有事大家都帮忙。
        a2 住了二十年 · a1 社区就像自己的家 · a1 就像自己的家 (李文) · a3 邻居都很熟悉 · a4 有事大家都帮忙
    D2 A02 刘建国 (民警)  王秀兰是我们楼的老住户。|大家互相认识。|平时谁家有困难都会帮。
        a2 王秀兰是我们楼的老住户 · a3 大家互相认识 · a3 互相认识。平时谁家 (李文) · a4 谁家有困难都会帮
    D3 no participant      这里的人都像一家人，谁家有事都帮。
        a5 这里的人 · a1 像一家人 · a4 谁家有事都帮
    D4 A03 陈静 (居民), held out   我刚搬来，邻居就来帮忙。
        a4 邻居就来帮忙 · A2 邻居就来帮忙 (李文)

Co-occurring pairs (overlap or one sentence), same code not counted:
D1 a3–a4; D2 a3(李文)–a4; D3 a1–a4, a1–a5, a4–a5; D4 a4–A2.
"""

from __future__ import annotations

import re
from datetime import datetime, timezone

import pytest

from coding import queries
from coding import values as v
from coding.vocab import CODE_PALETTE
from coding.errors import InvalidInput
from coding.services import codes, coders, codings, documents, memos, participants, relations
from coding.services.documents import UnitSpec
from coding.tables import TABLE_KEYS, overlapping_pairs, pseudonymiser, unit_span, workbook_tables

DOCS = {
    "D1": ("A01 王秀兰访谈.txt", "我在这儿住了二十年了。社区就像自己的家。邻居都很熟悉，有事大家都帮忙。"),
    "D2": ("A02 刘建国访谈.txt", "王秀兰是我们楼的老住户。大家互相认识。平时谁家有困难都会帮。"),
    "D3": ("D3 座谈记录.txt", "这里的人都像一家人，谁家有事都帮。"),
    "D4": ("A03 陈静访谈.txt", "我刚搬来，邻居就来帮忙。"),
}
STORY = "居民把社区当成家，进而邻里互助；王秀兰的经历最典型。"
NAMES = ("王秀兰", "刘建国", "陈静")
NOW = datetime.now(timezone.utc)
TODAY = NOW.date()


def _sentences(text: str) -> list[UnitSpec]:
    units, start = [], 0
    for i, char in enumerate(text):
        if char == "。":
            units.append(UnitSpec(start, i + 1))
            start = i + 1
    return units


def _build(store) -> dict[str, int]:
    ids = {}
    role = participants.add_attribute(store, "角色").value.id
    age = participants.add_attribute(store, "年龄", "integer").value.id
    people = {}
    for pid, name, value in (("A01", "王秀兰", "居民"), ("A02", "刘建国", "民警"), ("A03", "陈静", "居民")):
        people[pid] = participants.add_participant(store, pid, name).value.id
        participants.set_attribute_value(store, people[pid], role, value)
        participants.set_attribute_value(store, people[pid], age, 60)
    for key, pid in (("D1", "A01"), ("D2", "A02"), ("D3", None), ("D4", "A03")):
        name, text = DOCS[key]
        ids[key] = documents.add_document(store, name, text, participant_id=people.get(pid),
                                          units=_sentences(text)).value.id
    documents.set_held_out(store, ids["D4"], True)

    def code(key, name, parent=None, level="concept", **kw):
        ids[key] = codes.create_code(store, name, parent_id=ids.get(parent), level=level, **kw).value.id

    code("M", "社区归属感", level="main", paradigm_role="intervening_condition", colour="#1f77b4",
         definition="居民对社区的情感依附")
    code("C1", "家园意识", "M", "category", definition="把社区当作家")
    code("k1", "把社区当成家", "C1")
    code("k2", "长期居住情结", "C1")
    code("C2", "邻里熟识互助", "M", "category", paradigm_role="consequence", definition="邻里之间相互认识、相互帮助")
    code("k3", "邻里相互认识", "C2")
    code("k4", "守望相助", "C2")
    codes.rename_code(store, ids["k4"], "邻里守望相助")
    code("k5", "其他")
    code("core", "情感承诺", level="core")

    def apply(key, doc, quote, occurrence=0):
        text = DOCS[doc][1]
        start = text.index(quote) if not occurrence else text.index(quote, text.index(quote) + 1)
        codings.apply_code(store, ids[key], ids[doc], start, start + len(quote))

    for key, doc, quote in [("k2", "D1", "住了二十年"), ("k1", "D1", "社区就像自己的家"), ("k3", "D1", "邻居都很熟悉"),
                            ("k4", "D1", "有事大家都帮忙"), ("k2", "D2", "王秀兰是我们楼的老住户"),
                            ("k3", "D2", "大家互相认识"), ("k4", "D2", "谁家有困难都会帮"), ("k5", "D3", "这里的人"),
                            ("k1", "D3", "像一家人"), ("k4", "D3", "谁家有事都帮"), ("k4", "D4", "邻居就来帮忙")]:
        apply(key, doc, quote)
    coders.use_coder(store, "李文")
    apply("k1", "D1", "就像自己的家")
    apply("k3", "D2", "互相认识。平时谁家")
    apply("C2", "D4", "邻居就来帮忙")
    coders.use_coder(store, "张研")
    relations.add_relation(store, ids["C1"], ids["C2"], "is_cause_of", "家园意识使邻里由陌生到熟识。")
    memos.add_memo(store, "故事线", STORY, kind="storyline")
    return ids


@pytest.fixture
def project(store):
    _build(store)
    return store


def _tables(store, **kw):
    return {t.key: t for t in workbook_tables(store, **kw)}


def _headers(table):
    return [c.zh for c in table.columns]


# ------------------------------------------------------------------ pure functions


def test_unit_span_widens_to_the_units_touched():
    starts, ends = [0, 10, 20], [8, 18, 30]  # a gap 8–10 between the first two units
    assert unit_span(starts, ends, 2, 4) == (0, 8)
    assert unit_span(starts, ends, 6, 12) == (0, 18)
    assert unit_span(starts, ends, 8, 10) == (8, 10)  # inside the gap: as it is
    assert unit_span(starts, ends, 9, 10) == (9, 10)
    assert unit_span([], [], 3, 5) == (3, 5)


def test_overlapping_pairs_is_every_overlapping_pair():
    spans = [(0, 5), (5, 9), (3, 6), (10, 12), (0, 20), (11, 11 + 1)]
    expected = {frozenset((i, j)) for i in range(len(spans)) for j in range(i + 1, len(spans))
                if spans[i][0] < spans[j][1] and spans[j][0] < spans[i][1]}
    pairs = overlapping_pairs(spans)
    assert len(pairs) == len(expected) and {frozenset(p) for p in pairs} == expected


def test_pseudonymiser_replaces_longer_names_first():
    people = [v.Participant(i, "", pid, name, "", NOW)
              for i, (pid, name) in enumerate([("A01", "王秀"), ("A02", "王秀兰"), ("A03", "")])]
    assert pseudonymiser(people)("王秀兰说王秀来了") == "A02说A01来了"
    assert pseudonymiser([])("王秀兰") == "王秀兰"


def test_pseudonymiser_finds_names_in_traditional_characters_and_with_spaces():
    people = [v.Participant(1, "g1", "A01", "王秀兰", "", None)]
    replace = pseudonymiser(people)
    assert replace("王秀蘭說：王 秀兰和王\u3000秀蘭都来了。𠮷") == "A01說：A01和A01都来了。𠮷"
    assert replace("秀兰") == "秀兰"


# ------------------------------------------------------------------ coding tables


def test_open_coding_numbers_quotes_and_groups_by_category(project):
    table = _tables(project)["open_coding"]  # two coders pooled, no consensus: each row names its coder
    assert (table.zh, table.en, table.group_column) == ("开放式编码", "Open coding", 4)
    assert _headers(table) == ["编号", "原始语句", "贴标签", "初始概念", "初始范畴", "编码者"]
    c1, c2 = "A1 家园意识", "A2 邻里熟识互助"
    assert table.rows == (
        (1, "社区就像自己的家（A01）", "aa1", "a1 把社区当成家", c1, "张研"),
        (2, "就像自己的家（A01）", "aa2", "a1 把社区当成家", c1, "李文"),
        (3, "像一家人", "aa3", "a1 把社区当成家", c1, "张研"),
        (4, "住了二十年（A01）", "aa4", "a2 长期居住情结", c1, "张研"),
        (5, "王秀兰是我们楼的老住户（A02）", "aa5", "a2 长期居住情结", c1, "张研"),
        (6, "邻居都很熟悉（A01）", "aa6", "a3 邻里相互认识", c2, "张研"),
        (7, "大家互相认识（A02）", "aa7", "a3 邻里相互认识", c2, "张研"),
        (8, "互相认识。平时谁家（A02）", "aa8", "a3 邻里相互认识", c2, "李文"),
        (9, "有事大家都帮忙（A01）", "aa9", "a4 邻里守望相助", c2, "张研"),
        (10, "谁家有困难都会帮（A02）", "aa10", "a4 邻里守望相助", c2, "张研"),
        (11, "谁家有事都帮", "aa11", "a4 邻里守望相助", c2, "张研"),
        (12, "邻居就来帮忙（A03）", "aa12", "a4 邻里守望相助", c2, "张研"),
        (13, "这里的人", "aa13", "a5 其他", "", "张研"),
    )


def test_open_coding_orders_by_category_tree_before_concept_tree(store):
    a = codes.create_code(store, "甲", level="category").value.id
    b = codes.create_code(store, "乙", parent_id=a, level="category").value.id
    under_b = codes.create_code(store, "乙下", parent_id=b).value.id
    under_a = codes.create_code(store, "甲下", parent_id=a).value.id  # tree: 甲, 乙, 乙下, 甲下
    doc = documents.add_document(store, "D", "一二三四").value.id
    codings.apply_code(store, under_b, doc, 0, 1)
    codings.apply_code(store, under_a, doc, 1, 2)
    rows = _tables(store)["open_coding"].rows
    assert [r[1:] for r in rows] == [("二", "aa2", "a2 甲下", "A1 甲"), ("一", "aa1", "a1 乙下", "A2 乙")]
    assert [r[0] for r in rows] == [1, 2]


def test_axial_coding_rows_and_roles(project):
    table = _tables(project)["axial_coding"]
    assert (table.zh, table.group_column) == ("主轴编码", 0)
    assert _headers(table) == ["主范畴", "对应副范畴", "范畴内涵", "范式角色"]
    assert table.rows == (
        ("AA1 社区归属感", "A1 家园意识", "把社区当作家", "中介条件"),  # the main category's role
        ("AA1 社区归属感", "A2 邻里熟识互助", "邻里之间相互认识、相互帮助", "结果"),
    )


def test_selective_coding_relations_core_and_story_line(project):
    table = _tables(project)["selective_coding"]
    assert _headers(table) == ["典型关系结构", "关系类型", "关系结构的内涵", "代表性语句"]
    # D3: a1 and a4 share a sentence (first rule); D1, D2: both ends coded, first coding of the source end
    assert table.rows == (
        ("家园意识 → 邻里熟识互助", "导致", "家园意识使邻里由陌生到熟识。", "像一家人\n住了二十年（A01）\n王秀兰是我们楼的老住户（A02）"),
        ("核心范畴", "", "情感承诺", ""),
        ("故事线", "", STORY, ""),
    )
    rel = queries.list_relations(project)[0]
    relations.update_relation(project, rel.id, directed=False)
    assert _tables(project)["selective_coding"].rows[0][0] == "家园意识 — 邻里熟识互助"


# ------------------------------------------------------------------ saturation and trail


def test_saturation_rows_verdict_and_chart(project):
    table = _tables(project)["saturation"]
    assert _headers(table) == ["序号", "文档", "受访者", "留存检验", "新增概念", "新增范畴", "累计概念", "累计范畴", "新增概念名称"]
    assert table.rows == (
        (1, "A01 王秀兰访谈", "A01", "", 4, 3, 4, 3, "a1 把社区当成家、a2 长期居住情结、a3 邻里相互认识、a4 邻里守望相助"),
        (2, "A02 刘建国访谈", "A02", "", 0, 0, 4, 3, ""),
        (3, "D3 座谈记录", "", "", 1, 0, 5, 3, "a5 其他"),
        (4, "A03 陈静访谈", "A03", "是", 0, 0, 5, 3, ""),
        ("饱和度检验：通过（留存文档未产生新概念或新范畴）",) + (None,) * 8,
    )
    assert (table.chart.x_column, table.chart.series_columns) == (1, (6, 7))
    assert table.notes[-1] == table.rows[-1][0]


def test_saturation_verdict_names_what_the_held_out_documents_brought(store):
    ids = _build(store)
    new = codes.create_code(store, "新概念", parent_id=ids["C1"]).value.id
    codings.apply_code(store, new, ids["D4"], 2, 4)
    rows = _tables(store)["saturation"].rows
    assert rows[3][4:] == (1, 0, 6, 3, "a3 新概念")
    assert rows[-1][0] == "饱和度检验：未通过（留存文档产生新概念：a3 新概念；新范畴：无）"


def test_trail_rows_with_first_quotes_and_changes(project):
    table = _tables(project)["trail"]
    assert _headers(table) == ["主范畴", "范畴", "初始概念", "首次引文", "文档", "受访者", "日期", "编码者", "后续变化"]
    main, c1, c2 = "AA1 社区归属感", "A1 家园意识", "A2 邻里熟识互助"
    assert table.rows == (
        (main, c1, "a1 把社区当成家", "社区就像自己的家", "A01 王秀兰访谈", "A01", TODAY, "张研", ""),
        (main, c1, "a2 长期居住情结", "住了二十年", "A01 王秀兰访谈", "A01", TODAY, "张研", ""),
        (main, c2, "", "邻居就来帮忙", "A03 陈静访谈", "A03", TODAY, "李文", ""),  # A2 has a coding of its own
        (main, c2, "a3 邻里相互认识", "邻居都很熟悉", "A01 王秀兰访谈", "A01", TODAY, "张研", ""),
        (main, c2, "a4 邻里守望相助", "有事大家都帮忙", "A01 王秀兰访谈", "A01", TODAY, "张研",
         f"{TODAY.isoformat()} 更名：守望相助 → 邻里守望相助"),
        ("", "", "a5 其他", "这里的人", "D3 座谈记录", "", TODAY, "张研", ""),
    )
    en = _tables(project, lang="en")["trail"].rows
    assert en[4][-1] == f"{TODAY.isoformat()} renamed from “守望相助” to “邻里守望相助”"


# ------------------------------------------------------------------ matrices


ROWS = ["社区归属感>家园意识>把社区当成家", "社区归属感>家园意识>长期居住情结", "社区归属感>邻里熟识互助",
        "社区归属感>邻里熟识互助>邻里相互认识", "社区归属感>邻里熟识互助>邻里守望相助", "其他"]
LABELS = ["a1", "a2", "A2", "a3", "a4", "a5"]


def test_code_document_matrix_counts_own_codings(project):
    table = _tables(project)["code_document_matrix"]
    assert _headers(table) == ["编码", "标签", "A01 王秀兰访谈", "A02 刘建国访谈", "D3 座谈记录", "A03 陈静访谈", "合计"]
    counts = [(2, 0, 1, 0, 3), (1, 1, 0, 0, 2), (0, 0, 0, 1, 1), (1, 2, 0, 0, 3), (1, 1, 1, 1, 4), (0, 0, 1, 0, 1)]
    assert table.rows == tuple((p, l, *c) for p, l, c in zip(ROWS, LABELS, counts)) + (("合计", "", 5, 4, 3, 2, 14),)
    assert any("不含下级编码" in n for n in table.notes)


def test_code_attribute_matrix_by_text_attribute_values(project):
    table = _tables(project)["code_attribute_matrix"]
    # 年龄 is an integer attribute: left out; D3 has no participant: 未填
    assert _headers(table) == ["编码", "标签", "角色：居民", "角色：民警", "角色：（未填）", "合计"]
    counts = [(2, 0, 1, 3), (1, 1, 0, 2), (1, 0, 0, 1), (1, 2, 0, 3), (2, 1, 1, 4), (0, 0, 1, 1)]
    assert table.rows == tuple((p, l, *c) for p, l, c in zip(ROWS, LABELS, counts)) + (("合计", "", 7, 4, 3, 14),)


def test_cooccurrence_matrix_is_symmetric_with_the_hand_worked_pairs(project):
    table = _tables(project)["cooccurrence_matrix"]
    assert _headers(table) == ["编码", "标签", "a1 把社区当成家", "a2 长期居住情结", "A2 邻里熟识互助", "a3 邻里相互认识",
                               "a4 邻里守望相助", "a5 其他", "合计"]
    matrix = [r[2:8] for r in table.rows[:-1]]
    assert matrix == [
        (3, 0, 0, 0, 1, 1),
        (0, 2, 0, 0, 0, 0),
        (0, 0, 1, 0, 1, 0),
        (0, 0, 0, 3, 2, 0),
        (1, 0, 1, 2, 4, 1),
        (1, 0, 0, 0, 1, 1),
    ]
    assert all(matrix[i][j] == matrix[j][i] for i in range(6) for j in range(6))
    assert [r[-1] for r in table.rows] == [2, 0, 1, 2, 5, 2, 12]  # the diagonal left out
    assert table.rows[-1] == ("合计", "", 2, 0, 1, 2, 5, 2, 12)


def test_matrices_keep_only_codes_with_codings_of_the_coder(project):
    tables = _tables(project, coder="李文")
    assert [r[0] for r in tables["code_document_matrix"].rows] == [ROWS[0], ROWS[2], ROWS[3], "合计"]
    assert tables["code_document_matrix"].rows[-1] == ("合计", "", 1, 1, 0, 1, 3)
    assert [r[2:] for r in tables["cooccurrence_matrix"].rows] == [(1, 0, 0, 0), (0, 1, 0, 0), (0, 0, 1, 0), (0, 0, 0, 0)]


# ------------------------------------------------------------------ codebook


def test_codebook_rows(project):
    table = _tables(project)["codebook"]
    assert _headers(table) == ["路径", "标签", "层级", "定义", "颜色", "编码数", "文档数", "受访者数", "首次出现", "创建者"]
    blue, first, second, d1 = "#1F77B4", CODE_PALETTE[0], CODE_PALETTE[1], "A01 王秀兰访谈"  # made without a colour: the palette in turn
    assert table.rows == (
        ("社区归属感", "AA1", "主范畴", "居民对社区的情感依附", blue, 13, 4, 3, d1, "张研"),
        ("社区归属感>家园意识", "A1", "范畴", "把社区当作家", blue, 5, 3, 2, d1, "张研"),
        (ROWS[0], "a1", "初始概念", "", blue, 3, 2, 1, d1, "张研"),
        (ROWS[1], "a2", "初始概念", "", blue, 2, 2, 2, d1, "张研"),
        (ROWS[2], "A2", "范畴", "邻里之间相互认识、相互帮助", blue, 8, 4, 3, d1, "张研"),
        (ROWS[3], "a3", "初始概念", "", blue, 3, 2, 2, d1, "张研"),
        (ROWS[4], "a4", "初始概念", "", blue, 4, 4, 3, d1, "张研"),
        ("其他", "a5", "初始概念", "", first, 1, 1, 0, "D3 座谈记录", "张研"),
        ("情感承诺", "", "核心范畴", "", second, 0, 0, 0, "", "张研"),
    )


# ------------------------------------------------------------------ options


def test_coder_filter_keeps_one_coders_codings(project):
    tables = _tables(project, coder="李文")
    assert tables["open_coding"].rows == (
        (1, "就像自己的家（A01）", "aa1", "a1 把社区当成家", "A1 家园意识"),
        (2, "互相认识。平时谁家（A02）", "aa2", "a3 邻里相互认识", "A2 邻里熟识互助"),
    )
    assert tables["trail"].rows[0][3] == "就像自己的家"
    assert [r[5:8] for r in tables["codebook"].rows[:3]] == [(3, 3, 3), (1, 1, 1), (1, 1, 1)]
    # the relation: no co-occurrence, no document with both ends for 李文
    assert tables["selective_coding"].rows[0][3] == ""
    with pytest.raises(InvalidInput, match="无名氏"):
        workbook_tables(project, coder="无名氏")


def test_pseudonymise_leaves_no_participant_name_anywhere(project):
    tables = workbook_tables(project, pseudonymise=True)
    texts = [cell for t in tables for row in t.rows for cell in row if isinstance(cell, str)]
    texts += [text for t in tables for c in t.columns for text in (c.zh, c.en)] + [n for t in tables for n in t.notes]
    assert not [text for text in texts if any(name in text for name in NAMES)]
    by_key = {t.key: t for t in tables}
    assert by_key["open_coding"].rows[4][1] == "A01是我们楼的老住户（A02）"
    assert by_key["selective_coding"].rows[-1][2] == "居民把社区当成家，进而邻里互助；A01的经历最典型。"
    assert _headers(by_key["code_document_matrix"])[2] == "A01 A01访谈"
    # without the option the names are there
    plain = _tables(project)
    assert plain["open_coding"].rows[4][1].startswith("王秀兰")


def test_english_labels_inside_cells(project):
    tables = _tables(project, lang="en")
    assert tables["axial_coding"].rows[0][3] == "intervening condition"
    assert tables["selective_coding"].rows[0][1] == "is cause of"
    assert [r[0] for r in tables["selective_coding"].rows[1:]] == ["Core category", "Story line"]
    assert tables["saturation"].rows[3][3] == "yes"
    assert tables["saturation"].rows[-1][0].startswith("Saturation test: passed")
    assert tables["codebook"].rows[0][2] == "main category"
    assert tables["code_attribute_matrix"].columns[4].en == "角色: (not given)"
    assert tables["code_document_matrix"].rows[-1][0] == "Total"
    with pytest.raises(InvalidInput):
        workbook_tables(project, lang="fr")


def test_sheet_names_and_keys_are_fit_for_a_workbook(project):
    tables = workbook_tables(project)
    keys = [t.key for t in tables]
    assert keys == [*TABLE_KEYS[:5], "mechanism", *TABLE_KEYS[5:]]  # the fixture's is_cause_of relation makes one
    for t in tables:
        for name in (t.zh, t.en):
            assert 0 < len(name) <= 31 and not set(name) & set("[]:*?/\\")
        assert all(len(row) == len(t.columns) for row in t.rows)
        assert len({c.key for c in t.columns}) == len(t.columns) and t.notes
        assert not any(isinstance(cell, str) and cell.startswith("=") for row in t.rows for cell in row)


def test_empty_project_gives_every_table(store):
    tables = workbook_tables(store)
    assert [t.key for t in tables] == list(TABLE_KEYS[:-1])  # no agreement sheet without two coders
    by_key = {t.key: t for t in tables}
    assert by_key["open_coding"].rows == () and by_key["code_document_matrix"].rows == (("合计", "", 0),)
    assert by_key["saturation"].rows[-1][0] == "饱和度检验：未检验（没有已编码的留存文档）"


def test_demo_project_has_every_sheet(tmp_path):
    from coding.demo import build_demo
    from coding.storage import open_project

    build_demo(tmp_path / "demo.zhagen")
    with open_project(tmp_path / "demo.zhagen", backup=False) as demo:
        tables = workbook_tables(demo, pseudonymise=True)
        names = [p.name for p in queries.list_participants(demo)]
    assert [(t.key, t.zh, t.en) for t in tables] == [
        ("open_coding", "开放式编码", "Open coding"),
        ("representative_quotes", "开放式编码（代表性语句）", "Open coding (representative)"),
        ("axial_coding", "主轴编码", "Axial coding"), ("paradigm_model", "范式模型", "Paradigm model"),
        ("selective_coding", "选择性编码", "Selective coding"), ("mechanism", "因果机制", "Causal mechanism"),
        ("pathways", "作用路径", "Pathways"), ("saturation", "理论饱和度", "Saturation"),
        ("trail", "涌现轨迹", "Emergence trail"), ("code_document_matrix", "编码矩阵", "Code x document"),
        ("code_attribute_matrix", "编码×属性", "Code x attribute"), ("cooccurrence_matrix", "共现矩阵", "Co-occurrence"),
        ("codebook", "码本", "Codebook"), ("agreement", "编码一致性", "Agreement"),
    ]
    by_key = {t.key: t for t in tables}
    assert len(by_key["open_coding"].rows) == 257 and len(by_key["axial_coding"].rows) == 28
    assert [r[0] for r in by_key["selective_coding"].rows[-2:]] == ["核心范畴", "故事线"]
    assert by_key["selective_coding"].rows[-2][2] == "情感承诺唤醒型居民动员模式" and by_key["selective_coding"].rows[-1][2]
    assert len(by_key["saturation"].rows) == 11 and by_key["saturation"].rows[-1][0].startswith("饱和度检验：")
    assert len(by_key["codebook"].rows) == 118
    attribute_heads = [c.zh for c in by_key["code_attribute_matrix"].columns]
    assert "角色：居民" in attribute_heads and not any(h.startswith("年龄") for h in attribute_heads)
    cells = [cell for t in tables for row in t.rows for cell in row if isinstance(cell, str)]
    assert names and not [c for c in cells if any(n in c for n in names if n)]


def test_agreement_sheet_when_two_coders_coded_the_same_documents(tmp_path):
    from coding.agreement import agreement
    from coding.cli import main as zhagen
    from coding.storage import open_project
    from coding.tables import workbook_tables

    path = tmp_path / "demo.zhagen"
    assert zhagen(["demo", str(path)]) == 0
    with open_project(path, backup=False) as store:
        table = workbook_tables(store)[-1]
        assert (table.key, table.zh, table.en) == ("agreement", "编码一致性", "Agreement")
        assert [u for u in dict.fromkeys(r[0] for r in table.rows)] == ["文档", "文档（频次）", "句子", "字符"]
        for unit, name in (("document", "文档"), ("sentence", "句子"), ("char", "字符")):
            expected = agreement(store, unit=unit)
            rows = [r for r in table.rows if r[0] == name]
            assert rows[0][1] == "总体" and rows[0][2] == round(expected.overall.percent, 2)
            assert rows[0][3] == round(expected.overall.percent_coded, 2)
            assert rows[0][4] == round(expected.overall.kappa, 4) and rows[0][9] == expected.overall.n
            assert rows[0][6:9] == tuple(round(x, 4) for x in (expected.overall.bp, expected.overall.holsti,
                                                               expected.overall.composite))
            assert [r[1] for r in rows[1:]] == [c.code for c in expected.codes]
        assert [t.key for t in workbook_tables(store, coder="张研")][-1] == "codebook"  # one coder: no agreement
        reasons = [r[10] for r in table.rows if r[10]]  # "说明": why a measure is not defined, in Chinese
        assert reasons and all(re.search("[\u4e00-\u9fff]", r) and not re.search("[a-z]{4}", r) for r in reasons)
        english = workbook_tables(store, lang="en")[-1]
        assert [r[10] for r in english.rows if r[10]][0].startswith(("κ: ", "α: ", "percent: ", "K: "))
        assert any("K = 2M / (N1 + N2)" in note and "R = n·K̄" in note and "Fleiss" in note for note in table.notes)
        assert any("Brennan–Prediger κ = (P_o − 1/2)" in note for note in english.notes)


def test_the_agreement_sheets_reasons_follow_the_workbook_language(store):
    from coding.services import codings, documents
    from coding.services.codes import create_code
    from coding.services.coders import use_coder
    from coding.tables import workbook_tables

    doc = documents.add_document(store, "A01", "受访者：我们常去社区。我也去。").value
    code = create_code(store, "社区参与").value
    for coder in ("张研", "李文"):  # both code the same first sentence: κ has no variance
        use_coder(store, coder)
        codings.apply_code(store, code.id, doc.id, 0, 5)
    zh = {r[0]: r[10] for r in workbook_tables(store)[-1].rows if r[1] == "总体"}
    en = {r[0]: r[10] for r in workbook_tables(store, lang="en")[-1].rows if r[1] == "Overall"}
    assert zh["文档"] == "κ：没有变异：两位编码者处处都判断为“出现”（p_e = 1）；α：没有变异：所有判断都是“出现”（α 需要两种取值）"
    assert en["document"] == ("κ: no variance: both coders said present everywhere (p_e = 1); "
                              "α: no variance: every decision is present (α needs both values)")


def test_no_agreement_sheet_with_one_coder(store):
    from coding.tables import workbook_tables

    assert "agreement" not in [t.key for t in workbook_tables(store)]
