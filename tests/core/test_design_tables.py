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
