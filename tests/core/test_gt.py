"""Grounded-theory logic (coding/gt.py) on hand-built projects with hand-worked answers."""

from __future__ import annotations

import json
from datetime import datetime, timedelta, timezone

from coding import gt, queries
from coding.cli import main
from coding.services import codes, codings, coders, documents, history, memos, participants, relations, snapshots
from coding.services.project import update_project
from coding.vocab import LEVELS, MEMO_KIND_LABELS, MEMO_KINDS

TEXT = "我们楼门的邻居都很熟，谁家有事大家都帮忙。"


def _code(store, name, parent=None, level="concept"):
    return codes.create_code(store, name, parent_id=parent, level=level).value.id


def _labels_by_name(store, prefixes=gt.LabelPrefixes()):
    all_codes = queries.list_codes(store)
    labels = gt.code_labels(all_codes, prefixes)
    return {c.name: labels.get(c.id) for c in all_codes}


# ------------------------------------------------------------------ numbering


def test_labels_follow_tree_order_and_renumber_after_moves(store):
    core = _code(store, "核心", level="core")
    _code(store, "路径", core, "none")
    main_ = _code(store, "主", level="main")
    c1, c2 = _code(store, "范畴一", main_, "category"), _code(store, "范畴二", main_, "category")
    k1, _k2 = _code(store, "概念一", c1), _code(store, "概念二", c1)
    _code(store, "概念三", c2)
    assert _labels_by_name(store) == {"核心": None, "路径": None, "主": "AA1", "范畴一": "A1", "范畴二": "A2",
                                      "概念一": "a1", "概念二": "a2", "概念三": "a3"}
    codes.move_code(store, k1, c2)  # 主 > 范畴一 > 概念二; 主 > 范畴二 > 概念三, 概念一
    assert _labels_by_name(store) == {"核心": None, "路径": None, "主": "AA1", "范畴一": "A1",
                                                       "范畴二": "A2", "概念二": "a1", "概念三": "a2", "概念一": "a3"}
    codes.move_code(store, c2, main_, 0)  # 主 > 范畴二 > 概念三, 概念一; 主 > 范畴一 > 概念二
    labels = _labels_by_name(store)
    assert (labels["范畴二"], labels["范畴一"]) == ("A1", "A2")
    assert (labels["概念三"], labels["概念一"], labels["概念二"]) == ("a1", "a2", "a3")


def test_label_prefixes_come_from_project_settings(store):
    assert gt.label_prefixes(store) == gt.LabelPrefixes()
    update_project(store, settings={"label_prefixes": {"concept": "b", "main": "B"}})
    prefixes = gt.label_prefixes(store)
    assert prefixes == gt.LabelPrefixes(quote="aa", concept="b", category="A", main="B")
    main_ = _code(store, "主", level="main")
    _code(store, "概念", _code(store, "范畴", main_, "category"))
    assert _labels_by_name(store, prefixes) == {"主": "B1", "范畴": "A1", "概念": "b1"}


def test_quote_labels_by_concept_then_document_order_then_offset(store):
    d1 = documents.add_document(store, "D1", TEXT).value.id
    d2 = documents.add_document(store, "D2", TEXT + "。").value.id
    category = _code(store, "范畴", level="category")
    k1, k2 = _code(store, "概念一", category), _code(store, "概念二", category)
    ids = {
        "k2@D1:0": codings.apply_code(store, k2, d1, 0, 2).value.id,
        "k1@D2:5": codings.apply_code(store, k1, d2, 5, 7).value.id,
        "k1@D1:10": codings.apply_code(store, k1, d1, 10, 12).value.id,
        "k1@D1:3": codings.apply_code(store, k1, d1, 3, 4).value.id,
    }
    codings.apply_code(store, category, d1, 0, 5)  # a category's coding gets no quote label

    def labels():
        out = gt.quote_labels(queries.list_codes(store), queries.list_codings(store))
        return {key: out.get(cid) for key, cid in ids.items()} | {"count": len(out)}

    assert labels() == {"k1@D1:3": "aa1", "k1@D1:10": "aa2", "k1@D2:5": "aa3", "k2@D1:0": "aa4", "count": 4}
    documents.set_coding_order(store, [d2, d1])
    assert labels() == {"k1@D2:5": "aa1", "k1@D1:3": "aa2", "k1@D1:10": "aa3", "k2@D1:0": "aa4", "count": 4}
    prefixes = gt.LabelPrefixes(quote="q")
    assert set(gt.quote_labels(queries.list_codes(store), queries.list_codings(store), prefixes).values()) == {"q1", "q2", "q3", "q4"}


def test_level_warnings_name_both_codes(store):
    concept = _code(store, "概念甲")
    held = _code(store, "范畴乙", concept, "category")
    group = _code(store, "分组", concept, "none")
    deep = _code(store, "主丙", group, "main")  # a grouping between them does not hide it
    fine = _code(store, "范畴丁", level="category")
    _code(store, "概念戊", fine)
    _code(store, "子概念", _code(store, "概念己", fine))
    warnings = gt.level_warnings(queries.list_codes(store))
    assert [w.code_id for w in warnings] == [concept, held, concept, deep]
    assert "概念甲" in warnings[0].message and "范畴乙" in warnings[0].message and "holds" in warnings[0].message
    assert "概念甲" in warnings[1].message and "范畴乙" in warnings[1].message and "below" in warnings[1].message
    assert "主丙" in warnings[3].message and "main category" in warnings[3].message


# ----------------------------------------------------------------- saturation


def _saturation_project(store):
    """D1–D4, D4 held out; M > C1 > k1, k2; M > C2 > k3; C3 > k4; k5 (see the test for the codings)."""
    a01 = participants.add_participant(store, "A01").value.id
    docs = [documents.add_document(store, f"D{n}", TEXT + "。" * n, participant_id=a01 if n == 1 else None).value.id
            for n in range(1, 5)]
    documents.set_held_out(store, docs[3], True)
    m = _code(store, "M", level="main")
    c1, c2 = _code(store, "C1", m, "category"), _code(store, "C2", m, "category")
    k = {"k1": _code(store, "k1", c1), "k2": _code(store, "k2", c1), "k3": _code(store, "k3", c2)}
    k["k4"] = _code(store, "k4", _code(store, "C3", level="category"))
    k["k5"] = _code(store, "k5")
    for doc, names in zip(docs[:3], (["k1", "k2"], ["k1", "k3"], ["k4", "k2"])):
        for n, name in enumerate(names):
            codings.apply_code(store, k[name], doc, n * 3, n * 3 + 2)
    return docs, k


def _rows(result):
    return [(r.document, r.held_out, r.new_concepts, r.new_categories, r.total_concepts, r.total_categories)
            for r in result.rows]


def test_saturation_counts_follow_the_coding_order(store):
    docs, k = _saturation_project(store)
    result = gt.saturation_of(store)
    assert _rows(result) == [
        ("D1", False, ("M>C1>k1", "M>C1>k2"), ("M", "M>C1"), 2, 2),
        ("D2", False, ("M>C2>k3",), ("M>C2",), 3, 3),
        ("D3", False, ("C3>k4",), ("C3",), 4, 4),
        ("D4", True, (), (), 4, 4),
    ]
    assert result.rows[0].participant == "A01" and result.rows[1].participant is None
    assert (result.tested, result.saturated) == (False, None)  # D4 has no codings yet

    codings.apply_code(store, k["k1"], docs[3], 0, 2)
    codings.apply_code(store, k["k3"], docs[3], 3, 5)
    result = gt.saturation_of(store)
    assert (result.tested, result.saturated) == (True, True)
    assert result.held_out_new_concepts == result.held_out_new_categories == ()

    documents.set_coding_order(store, [docs[3], docs[2], docs[0], docs[1]])  # held out first: still walked last
    assert _rows(gt.saturation_of(store)) == [
        ("D3", False, ("M>C1>k2", "C3>k4"), ("M", "M>C1", "C3"), 2, 3),
        ("D1", False, ("M>C1>k1",), (), 3, 3),
        ("D2", False, ("M>C2>k3",), ("M>C2",), 4, 4),
        ("D4", True, (), (), 4, 4),
    ]


def test_saturation_fails_when_held_out_documents_bring_new_codes(store):
    docs, k = _saturation_project(store)
    codings.apply_code(store, k["k5"], docs[3], 0, 2)
    codings.apply_code(store, _code(store, "C4", level="category"), docs[3], 3, 5)  # a category coded directly
    result = gt.saturation_of(store)
    assert (result.tested, result.saturated) == (True, False)
    assert result.held_out_new_concepts == ("k5",) and result.held_out_new_categories == ("C4",)
    assert result.rows[-1].total_concepts == 5 and result.rows[-1].total_categories == 5


def test_saturation_waits_for_every_held_out_document_and_tests_relations(store):
    docs, k = _saturation_project(store)
    d5 = documents.add_document(store, "D5", TEXT).value.id
    documents.set_held_out(store, d5, True)
    codings.apply_code(store, k["k1"], docs[3], 0, 2)  # D4 coded with nothing new; D5 not coded
    result = gt.saturation_of(store)
    assert (result.tested, result.saturated, result.uncoded_held_out) == (False, None, ("D5",))
    assert [(r.document, r.coded) for r in result.rows[-2:]] == [("D4", True), ("D5", False)]
    # k4 and k3 are first coded together in D4, a held-out document: their relation is new there
    relations.add_relation(store, _code(store, "k4"), k["k3"], "is_cause_of")  # another k4, never coded: no evidence
    c3 = queries.find_code(store, "C3").id
    relations.add_relation(store, c3, k["k3"], "is_cause_of")  # C3 (with k4 below) → k3
    relations.add_relation(store, k["k1"], k["k2"], "is_associated_with", directed=False)  # both in D1
    codings.apply_code(store, k["k4"], d5, 0, 2)
    codings.apply_code(store, k["k3"], d5, 3, 5)
    result = gt.saturation_of(store)
    assert [(r.document, r.new_relations) for r in result.rows] == [
        ("D1", ("M>C1>k1 — M>C1>k2",)), ("D2", ()), ("D3", ()), ("D4", ()), ("D5", ("C3 → M>C2>k3",))]
    assert (result.tested, result.saturated, result.held_out_new_relations) == (True, False, ("C3 → M>C2>k3",))
    assert result.held_out_new_concepts == result.held_out_new_categories == ()


def test_saturation_pure_function_keeps_documents_without_codings(store):
    docs, _ = _saturation_project(store)
    result = gt.saturation(queries.list_documents(store), queries.list_codes(store), [])
    assert [(r.document, r.new_concepts, r.total_concepts) for r in result.rows] == [(f"D{n}", (), 0) for n in range(1, 5)]
    assert result.rows[0].participant is None  # no participants map given
    assert (result.tested, result.saturated) == (False, None)


# ------------------------------------------------------------ emergence trail


def test_trail_after_create_rename_merge_move(store):
    d1 = documents.add_document(store, "D1", TEXT, participant_id=participants.add_participant(store, "A03").value.id).value.id
    d2 = documents.add_document(store, "D2", TEXT + "。").value.id
    main_ = _code(store, "主范畴", level="main")
    category = _code(store, "范畴", main_, "category")
    concept = _code(store, "旧名")
    codings.apply_code(store, concept, d1, 2, 6)
    codes.rename_code(store, concept, "新名")
    undone = codes.rename_code(store, concept, "错名")
    history.revert(store, undone.undo)  # an undone rename is not part of the trail
    twin = _code(store, "重复")
    codings.apply_code(store, twin, d2, 0, 4)
    coders.use_coder(store, "李文")
    codes.merge_codes(store, twin, concept)
    coders.use_coder(store, "张研")
    codes.move_code(store, concept, category)
    codes.move_code(store, concept, category, 0)  # reordering only: no step
    orphan = _code(store, "孤立概念")

    entries = gt.trail_of(store)
    assert [(e.code_id, e.path) for e in entries] == [(main_, "主范畴"), (None, "")]
    (cat_node,) = entries[0].children
    assert (cat_node.code_id, cat_node.level, cat_node.first_quote) == (category, "category", None)
    (node,) = cat_node.children
    assert node.path == "主范畴>范畴>新名" and node.children == ()
    assert [(s.action, s.coder, s.old, s.new) for s in node.history] == [
        ("created", "张研", None, "旧名"),
        ("renamed", "张研", "旧名", "新名"),
        ("merged", "李文", "重复", "新名"),
        ("moved", "张研", "the top level", "主范畴>范畴"),
    ]
    assert node.history[0].detail == "created as concept “旧名”"
    assert node.history[2].detail == "merged “重复” into this"
    assert [s.at for s in node.history] == sorted(s.at for s in node.history)
    quote = node.first_quote
    assert (quote.text, quote.document, quote.participant, quote.coder) == (TEXT[2:6], "D1", "A03", "张研")
    assert quote.date == datetime.now(timezone.utc).date().isoformat()
    assert [n.code_id for n in entries[1].children] == [orphan]


def test_trail_shows_splits_and_relevels(store):
    d1 = documents.add_document(store, "D1", TEXT).value.id
    code = _code(store, "宽泛")
    first = codings.apply_code(store, code, d1, 0, 2).value.id
    codings.apply_code(store, code, d1, 3, 5)
    new = codes.split_code(store, code, [codes.SplitPart("窄一", (first,))]).value[0].id
    codes.set_code_level(store, code, "category")
    (orphans,) = gt.trail_of(store)
    by_id = {n.code_id: n for n in orphans.children}
    assert [(s.action, s.old, s.new) for s in by_id[code].history] == [
        ("created", None, "宽泛"), ("split", "宽泛", "窄一"), ("relevelled", "concept", "category")]
    assert by_id[code].history[0].detail == "created as concept “宽泛”"
    assert by_id[new].history[0].detail == "created as concept “窄一”, split off from “宽泛”"
    assert by_id[new].first_quote.text == TEXT[0:2] and by_id[code].first_quote.text == TEXT[3:5]


# ------------------------------------------------------------------ snapshots


def test_snapshot_diff_lists_added_removed_renamed_moved_merged(store):
    a = _code(store, "A", level="category")
    a1, a2 = _code(store, "a1", a), _code(store, "a2", a)
    b = _code(store, "B", level="category")
    b1 = _code(store, "b1", b)
    x, r = _code(store, "X"), _code(store, "old")
    first = snapshots.take_snapshot(store, "r1").value
    _code(store, "new", a)
    codes.delete_code(store, x)
    codes.rename_code(store, r, "R2")
    codes.move_code(store, b1, a)
    codes.merge_codes(store, a2, a1)
    second = snapshots.take_snapshot(store, "r2").value
    merges = gt.merges_between(store, first.created_at, second.created_at)
    diff = gt.snapshot_diff(first.payload["codes"], second.payload["codes"], merges)
    assert diff == gt.SnapshotDiff(
        added=("A>new",), removed=("X",), renamed=(("old", "R2"),), moved=(("B>b1", "A>b1"),), merged=(("A>a2", "A>a1"),))
    assert gt.current_code_system(store) == second.payload["codes"]
    assert gt.merges_between(store, second.created_at) == {}
    # without the merge events a2 is simply removed
    assert gt.snapshot_diff(first.payload["codes"], second.payload["codes"]).removed == ("A>a2", "X")
    codes.rename_code(store, b, "B2")
    now = gt.snapshot_diff(second.payload["codes"], gt.current_code_system(store))
    assert now == gt.SnapshotDiff((), (), (("B", "B2"),), (), ())


def test_snapshot_diff_follows_merge_chains_and_ignores_undone_merges(store):
    before = [{"guid": g, "name": g, "parent_guid": None, "position": i, "id": i} for i, g in enumerate("pqr")]
    after = [before[2]]
    diff = gt.snapshot_diff(before, after, {"p": "q", "q": "r"})
    assert diff.merged == (("p", "r"), ("q", "r")) and diff.removed == ()
    s, t = _code(store, "s"), _code(store, "t")
    since = datetime.now(timezone.utc) - timedelta(seconds=1)
    outcome = codes.merge_codes(store, s, t)
    assert len(gt.merges_between(store, since)) == 1
    history.revert(store, outcome.undo)
    assert gt.merges_between(store, since) == {}


# ------------------------------------------------------------ process tracing


def test_causal_chains_with_a_branch_a_shortcut_and_a_cycle(store):
    ids = {name: _code(store, name, level="category") for name in "ABCDEFG"}
    for source, target, kind in [("A", "B", "is_cause_of"), ("B", "C", "is_cause_of"), ("B", "D", "is_cause_of"),
                                 ("A", "C", "is_cause_of"), ("C", "G", "is_part_of"),
                                 ("E", "F", "is_cause_of"), ("F", "E", "is_cause_of")]:
        relations.add_relation(store, ids[source], ids[target], kind)
    names = {v: k for k, v in ids.items()}
    chains = gt.causal_chains(queries.list_codes(store), queries.list_relations(store))
    assert [[names[i] for i in chain] for chain in chains] == [["A", "B", "C"], ["A", "B", "D"], ["E", "F"]]


# ----------------------------------------------------------------------- memos


def test_gt_memo_kinds_are_stored_and_filtered(store):
    assert set(MEMO_KINDS) == set(MEMO_KIND_LABELS) >= {"memo", "storyline", "code_note", "theoretical", "operational"}
    assert all(zh and en for zh, en in MEMO_KIND_LABELS.values()) and set(LEVELS) >= {"concept"}
    code = _code(store, "概念")
    note = memos.add_memo(store, "编码", "…", kind="code_note", code_id=code).value
    theory = memos.add_memo(store, "理论", "…", kind="theoretical").value
    operational = memos.add_memo(store, "操作", "…", kind="operational").value
    story = memos.add_memo(store, "故事线", "…", kind="storyline").value
    all_memos = queries.list_memos(store)
    assert [m.id for m in gt.filter_memos(all_memos, kind="theoretical")] == [theory.id]
    assert [m.id for m in gt.filter_memos(all_memos, code_id=code)] == [note.id]
    assert [m.id for m in gt.filter_memos(all_memos, since=operational.created_at)] == [operational.id, story.id]
    assert [m.id for m in gt.filter_memos(all_memos, until=theory.created_at)] == [note.id]
    assert gt.filter_memos(all_memos, kind="operational", code_id=code) == []


def test_projects_with_memos_upgrade_to_the_gt_memo_kinds(backend, tmp_path, request):
    """Migration 0004 widens memos.kind and extends its check; memos and their ids survive."""
    from alembic import command
    from sqlalchemy import create_engine, text

    from coding import storage

    if backend == "sqlite":
        url = f"sqlite:///{tmp_path / 'old.zhagen'}"
        location = str(tmp_path / "old.zhagen")
    else:
        location = url = request.getfixturevalue("pg_databases").create_empty()
    engine = create_engine(url)
    cfg = storage._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0003_coding_positions_index")
        cfg.attributes.pop("connection")
        conn.execute(text("INSERT INTO project (guid, name, language, description, settings, created_at) "
                          "VALUES ('g', '旧项目', 'zh_CN', '', '{}', '2025-01-01 00:00:00')"))
        conn.execute(text("INSERT INTO memos (guid, title, text, kind, created_at, updated_at) "
                          "VALUES ('m', '旧备忘录', '…', 'storyline', '2025-01-01 00:00:00', '2025-01-01 00:00:00')"))
    engine.dispose()
    with storage.open_project(location, backup=False) as project:
        coders.use_coder(project, "张研")
        (old,) = queries.list_memos(project)
        assert (old.title, old.kind) == ("旧备忘录", "storyline")
        memo = memos.add_memo(project, "理论", kind="theoretical").value
        assert memo.id > old.id and memo.kind == "theoretical"


# ------------------------------------------------------------------------ CLI


def test_cli_saturation_table_and_json(location, store, capsys):
    docs, k = _saturation_project(store)
    assert main(["saturation", location]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out[0].split("\t") == ["document", "held out", "new concepts", "new categories", "concepts", "categories",
                                   "new relations"]
    assert out[1].split("\t") == ["D1", "", "2", "2", "2", "2", "0"]
    assert out[4].split("\t") == ["D4", "held out", "not coded", "-", "4", "4", "-"]  # not "0 new": nothing is coded
    assert out[-1] == "not tested: held-out documents not coded yet: D4"
    codings.apply_code(store, k["k5"], docs[3], 0, 2)
    assert main(["saturation", location, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["tested"] is True and data["saturated"] is False
    assert data["held_out"] == {"new_concepts": ["k5"], "new_categories": [], "new_relations": [], "not_coded": []}
    assert data["rows"][3] == {"document_id": docs[3], "document": "D4", "participant": None, "held_out": True,
                               "new_concepts": ["k5"], "new_categories": [], "total_concepts": 5, "total_categories": 4,
                               "coded": True, "new_relations": []}
    assert main(["saturation", location]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == ("not saturated: new in the held-out documents (D4) — concepts: k5; "
                                                        "categories: none; relations: none")


def test_cli_trail_text_and_json(location, store, capsys):
    d1 = documents.add_document(store, "D1", TEXT).value.id
    concept = _code(store, "概念", _code(store, "范畴", _code(store, "主范畴", level="main"), "category"))
    codings.apply_code(store, concept, d1, 0, 4)
    codes.rename_code(store, concept, "好概念")
    assert main(["trail", location]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert lines[0] == "AA1 主范畴  [main]"
    assert "    a1 好概念  [concept]" in lines
    assert f"        “{TEXT[:4]}” — -, D1, {datetime.now(timezone.utc).date().isoformat()}, 张研" in lines
    assert any(line.endswith("张研: renamed from “概念” to “好概念”") for line in lines)
    assert main(["trail", location, "--json"]) == 0
    (entry,) = json.loads(capsys.readouterr().out)
    node = entry["children"][0]["children"][0]
    assert node["path"] == "主范畴>范畴>好概念" and node["first_quote"]["text"] == TEXT[:4]
    assert [s["action"] for s in node["history"]] == ["created", "renamed"]


def test_cli_snapshot_take_list_compare(location, store, capsys):
    code = _code(store, "甲")
    assert main(["snapshot", location, "第一轮后", "--coder", "张研"]) == 0
    assert capsys.readouterr().out.strip() == "snapshot 1 '第一轮后': 1 codes"
    codes.rename_code(store, code, "乙")
    _code(store, "丙")
    assert main(["snapshot", location, "第二轮后"]) == 0
    capsys.readouterr()
    assert main(["snapshot", location, "--list", "--json"]) == 0
    assert [(s["id"], s["name"], s["codes"]) for s in json.loads(capsys.readouterr().out)] == [(1, "第一轮后", 1), (2, "第二轮后", 2)]
    assert main(["snapshot", location, "--compare", "第一轮后", "2", "--json"]) == 0
    assert json.loads(capsys.readouterr().out) == {
        "from": "第一轮后", "to": "第二轮后", "added": ["丙"], "removed": [], "renamed": [{"old": "甲", "new": "乙"}],
        "moved": [], "merged": []}
    codes.delete_code(store, code)
    assert main(["snapshot", location, "--compare", "第一轮后"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "第一轮后 → now", "added (1):", "  丙", "removed (1):", "  甲", "renamed (0):", "moved (0):", "merged (0):"]
    assert main(["snapshot", location, "--compare", "没有"]) == 1
    assert "no snapshot '没有'" in capsys.readouterr().err
    assert main(["snapshot", location]) == 1


def test_quote_share_saturation_holds_out_every_nth_quote(location, store, capsys):
    docs, k = _saturation_project(store)  # codings in walk order: D1 k1 k2, D2 k1 k3, D3 k4 k2
    result = gt.saturation_of(store)
    positions = queries.coding_positions(store)
    by_order = sorted(positions, key=lambda r: (docs.index(r.document_id), r.start))
    q = gt.quote_saturation(queries.list_documents(store), queries.list_codes(store), positions, 1 / 3)
    assert q.quotes == 6 and q.held_out == (by_order[2].id, by_order[5].id)  # D2's k1 and D3's k2
    assert (q.new_concepts, q.new_categories, q.saturated) == ((), (), True)
    half = gt.quote_saturation(queries.list_documents(store), queries.list_codes(store), positions, 0.5)
    assert half.held_out == tuple(r.id for r in by_order[1::2])  # k2, k3, k2: the others are k1, k1, k4
    assert (half.new_concepts, half.new_categories, half.saturated) == (("M>C1>k2", "M>C2>k3"), ("M>C2",), False)
    assert result.rows  # the document test is unchanged beside it
    assert main(["saturation", location, "--quote-share", "0.5"]) == 0
    assert capsys.readouterr().out.splitlines() == [
        "quotes held out: 3 of 6 (a share of 0.5, spread over the coding order)",
        "not saturated: only the held-out quotes show — concepts: M>C1>k2、M>C2>k3; categories: M>C2"]
    assert main(["saturation", location, "--quote-share", "1.5"]) == 1
    assert "between 0 and 1, not 1.5" in capsys.readouterr().err
