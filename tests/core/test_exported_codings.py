"""Whose codings the tables show: a chosen coder, else the consensus, else every coder pooled with
identical passages merged; the agreement sheet compares the original coders throughout."""

from __future__ import annotations

from coding import queries
from coding.cli import main
from coding.exported_codings import Source, merge_identical
from coding.services import consensus, history
from coding.storage import open_project
from coding.tables import workbook_tables


def _row(id_, coder, start=0, end=2, code_id=1, document_id=1):
    return queries.CodingRow(id_, code_id, "X", document_id, "D", None, start, end, coder, "", "", "甲乙")


def test_merge_identical_keeps_the_first_row_and_names_every_coder():
    rows = [_row(1, "张研"), _row(2, "李文"), _row(3, "李文", 0, 3), _row(4, "张研", code_id=2), _row(5, "张研")]
    merged = merge_identical(rows)
    assert [(r.id, r.coder) for r in merged] == [(1, "张研、李文"), (3, "李文"), (4, "张研")]


def test_source_notes_in_both_languages():
    assert "共识" in Source("consensus", ("共识",)).note("zh")
    assert Source("pooled", ("张研", "李文")).note("en").startswith("No consensus yet")


def test_demo_pooled_merged_then_consensus(tmp_path, capsys):
    path = tmp_path / "demo.zhagen"
    assert main(["demo", str(path)]) == 0
    with open_project(path, backup=False) as store:
        assert len(queries.list_codings(store)) == 318
        tables = {t.key: t for t in workbook_tables(store)}
        rows = tables["open_coding"].rows
        assert len(rows) == 257  # one row per distinct passage and concept
        assert len({r[1] for r in rows}) == 246  # the distinct quotes
        assert sum(r[-1] == "张研、李文" for r in rows) == 61 and tables["open_coding"].columns[-1].zh == "编码者"
        assert any("合并" in line for line in tables["open_coding"].notes)
        agreement_before = tables["agreement"].rows
        only = {t.key: t for t in workbook_tables(store, coder="李文")}["open_coding"]
        assert only.columns[-1].zh == "初始范畴" and len(only.rows) == queries.coding_counts_by_coder(store)[2]

        outcome = consensus.settle_agreed(store, ["张研", "李文"])
        tables = {t.key: t for t in workbook_tables(store)}
        assert len(tables["open_coding"].rows) == outcome.value == 61
        assert tables["open_coding"].columns[-1].zh == "初始范畴"  # one coding: no coder column
        assert tables["agreement"].rows == agreement_before  # the consensus coder is never compared
        history.revert(store, outcome.undo)
        assert len({t.key: t for t in workbook_tables(store)}["open_coding"].rows) == 257
