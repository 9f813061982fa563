"""Merging two coders' projects built from the demo with known differences (issue 7).

A is the test's store (SQLite or PostgreSQL) filled by merging the demo into
it; B is a SQLite copy of the demo file where 李文 went on differently:

- both added a code under 责任感>参与行动: A spells it 社区巡逻, B 社區巡邏 (same path once normalised);
- both added 夜间巡逻, A under 民警日常在场, B under 参与行动 (a conflict);
- B added 邻里微信群 under 警民联络渠道 (new), a document A11, a relation and a memo;
- B's A03 has one character changed (a document conflict: its codings are not carried);
- 李文 coded A01, A03 and A11 in B.
"""

from __future__ import annotations

import json
import shutil
import sqlite3

import pytest

from coding import queries
from coding.cli import main
from coding.demo import build_demo
from coding.errors import InvalidInput
from coding.merge import Planner, normalise_name, plan_merge
from coding.services import codes, coders, codings, documents, history, memos, relations
from coding.services.merge import PHASES, MergeCancelled, merge_projects
from coding.storage import open_project
from tests.conftest import stored_state

A01_SPANS = [(10, 30), (40, 62), (100, 131)]
A11_TEXT = "访谈者：您参加过夜间巡逻吗？\n受访者：参加过，我们有个邻里微信群。"
A11_SPAN = (A11_TEXT.index("邻里微信群"), A11_TEXT.index("邻里微信群") + 5)


@pytest.fixture(scope="module")
def demo_file(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.zhagen"
    build_demo(path)
    return path


def _add_under(store, parent_path: str, name: str) -> int:
    parent = queries.find_code(store, parent_path)
    return codes.create_code(store, name, parent_id=parent.id).value.id


@pytest.fixture
def pair(store, demo_file, tmp_path):
    """(A store, B store) as the module docstring describes."""
    demo = tmp_path / "demo.zhagen"
    shutil.copy(demo_file, demo)
    with open_project(demo, backup=False) as d:
        merge_projects(store, d)
    _add_under(store, "责任感>参与行动", "社区巡逻")
    _add_under(store, "社区民警的在场与行动>民警日常在场", "夜间巡逻")

    b_path = tmp_path / "b.zhagen"
    shutil.copy(demo_file, b_path)
    with sqlite3.connect(b_path) as con:  # text never changes through services: edit B's A03 behind their back
        text, = con.execute("SELECT text FROM documents WHERE name = 'A03 居民访谈'").fetchone()
        changed = text[:50] + ("她" if text[50] != "她" else "他") + text[51:]
        con.execute("UPDATE documents SET text = ?, sha256 = ? WHERE name = 'A03 居民访谈'",
                    (changed, documents.text_sha256(changed)))
    b = open_project(b_path, backup=False)
    coders.use_coder(b, "李文")
    patrol = _add_under(b, "责任感>参与行动", "社區巡邏")
    night = _add_under(b, "责任感>参与行动", "夜间巡逻")
    wechat = _add_under(b, "社区民警的在场与行动>警民联络渠道", "邻里微信群")
    a01 = queries.find_document(b, "A01 居民访谈").id
    a03 = queries.find_document(b, "A03 居民访谈").id
    for (start, end), code in zip(A01_SPANS, (patrol, night, wechat)):
        codings.apply_code(b, code, a01, start, end, comment="李文")
    codings.apply_code(b, patrol, a03, 5, 25)
    a11 = documents.add_document(b, "A11 新访谈", A11_TEXT,
                                 participant_id=queries.list_participants(b)[0].id).value.id
    codings.apply_code(b, wechat, a11, *A11_SPAN)
    relations.add_relation(b, patrol, night, "is_part_of", "夜巡是巡逻的一部分")
    memos.add_memo(b, "夜巡备忘", "李文：夜间巡逻多为退休居民。", code_id=night)
    yield store, b
    b.close()


def _quotes(store, coder: str | None = None) -> set[tuple]:
    rows = queries.list_codings_with_quotes(store)
    return {(r.document, r.start, r.end, r.coder, r.code_path, r.text) for r in rows if coder in (None, r.coder)}


def test_normalise_name_folds_script_width_space_and_punctuation():
    assert normalise_name("社區 歸屬感") == normalise_name("社区归属感")
    assert normalise_name("“朝阳群众”（品牌）") == normalise_name('"朝阳群众"(品牌)')
    assert normalise_name("ＡＢＣ　x") == "abcx"


def test_plan_lists_every_decision(pair):
    a, b = pair
    before = stored_state(a)
    plan = plan_merge(a, b)
    assert stored_state(a) == before
    a03_codings = sum(1 for c in queries.list_codings(b) if c.document == "A03 居民访谈")
    assert plan.counts == {
        "coder": {"matched": 2}, "participant": {"matched": 10}, "attribute": {"matched": 4}, "value": {"matched": 40},
        "document": {"matched": 9, "conflict": 1, "new": 1},
        "code": {"matched": 119, "conflict": 1, "new": 1},
        "relation": {"matched": 18, "new": 1}, "memo": {"matched": 6, "new": 1},
        "coding": {"new": 4, "present": 318 - (a03_codings - 1), "skipped": a03_codings},
    }
    by_name = {(d.item, d.name): d for d in plan.decisions}
    assert by_name[("code", "责任感>参与行动>社區巡邏")].how == "path"
    night = by_name[("code", "责任感>参与行动>夜间巡逻")]
    assert (night.kind, night.how, night.resolution) == ("conflict", "elsewhere: parent+colour", "kept ours")
    assert "社区民警的在场与行动>民警日常在场>夜间巡逻" in night.detail
    assert by_name[("document", "A03 居民访谈")].kind == "conflict"
    assert sum(1 for d in plan.decisions if d.kind == "skipped" and d.item == "coding") == a03_codings
    assert by_name[("code", "社区民警的在场与行动>警民联络渠道>邻里微信群")].kind == "new"


def test_merge_result_then_remerge_noop_then_undo(pair):
    a, b = pair
    before = stored_state(a)
    outcome = merge_projects(a, b)
    summary = outcome.value
    assert summary.added == {"documents": 1, "codes": 1, "codings": 4, "relations": 1, "memos": 1}
    assert summary.updated == {} and summary.conflicts == 2
    paths = set(queries.code_paths(queries.list_codes(a)).values())
    assert {"责任感>参与行动>社区巡逻", "社区民警的在场与行动>民警日常在场>夜间巡逻",
            "社区民警的在场与行动>警民联络渠道>邻里微信群"} <= paths
    assert "责任感>参与行动>夜间巡逻" not in paths and len(paths) == 121
    # every carried coding has the quote it had in B, on A's matching code
    rename = {"责任感>参与行动>社區巡邏": "责任感>参与行动>社区巡逻",
              "责任感>参与行动>夜间巡逻": "社区民警的在场与行动>民警日常在场>夜间巡逻"}
    theirs = {(d, s, e, c, rename.get(p, p), t) for d, s, e, c, p, t in _quotes(b) if d != "A03 居民访谈"}
    assert theirs <= _quotes(a)
    assert {q for q in _quotes(a, "李文") if q[0] in ("A01 居民访谈", "A11 新访谈") and q[1:3] in (*A01_SPANS, A11_SPAN)} == {
        ("A01 居民访谈", 10, 30, "李文", "责任感>参与行动>社区巡逻", queries.document_text(b, 1)[10:30]),
        ("A01 居民访谈", 40, 62, "李文", "社区民警的在场与行动>民警日常在场>夜间巡逻", queries.document_text(b, 1)[40:62]),
        ("A01 居民访谈", 100, 131, "李文", "社区民警的在场与行动>警民联络渠道>邻里微信群", queries.document_text(b, 1)[100:131]),
        ("A11 新访谈", *A11_SPAN, "李文", "社区民警的在场与行动>警民联络渠道>邻里微信群", "邻里微信群"),
    }
    assert not any(q[0] == "A03 居民访谈" and q[1:3] == (5, 25) for q in _quotes(a))
    new_doc = queries.find_document(a, "A11 新访谈")
    assert new_doc.sha256 == queries.find_document(b, "A11 新访谈").sha256 and new_doc.participant_id is not None
    assert len(queries.list_turns(a, new_doc.id)) == len(queries.list_turns(b, new_doc.id))
    event = queries.list_events_of(a, ["project_merged"])[-1]
    assert event.payload["added"]["codings"] == 4 and event.payload["conflicts"] == 2
    assert event.payload["skipped_codings"] == summary.plan.codings["skipped"]

    merged = stored_state(a)
    again = merge_projects(a, b)
    assert again.value.added == {} and stored_state(a) == merged
    history.revert(a, again.undo)
    history.revert(a, outcome.undo)
    assert stored_state(a) == before


@pytest.mark.parametrize("prefer", ["theirs", "both"])
def test_prefer_settles_the_code_conflict(pair, prefer):
    a, b = pair
    before = stored_state(a)
    outcome = merge_projects(a, b, prefer=prefer)
    paths = set(queries.code_paths(queries.list_codes(a)).values())
    if prefer == "theirs":  # ours is moved to where B has it
        assert "责任感>参与行动>夜间巡逻" in paths and "社区民警的在场与行动>民警日常在场>夜间巡逻" not in paths
        assert outcome.value.updated == {"codes": 1}
    else:  # ours stays, theirs is added beside it
        assert {"责任感>参与行动>夜间巡逻 (theirs)", "社区民警的在场与行动>民警日常在场>夜间巡逻"} <= paths
        assert outcome.value.added["codes"] == 2
    memo = next(mm for mm in queries.list_memos(a) if mm.title == "夜巡备忘")
    assert queries.code_paths(queries.list_codes(a))[memo.code_id].startswith("责任感>参与行动>夜间巡逻")
    merged = stored_state(a)
    again = merge_projects(a, b, prefer=prefer)
    assert again.value.added == {} and stored_state(a) == merged
    history.revert(a, again.undo)
    history.revert(a, outcome.undo)
    assert stored_state(a) == before
    with pytest.raises(InvalidInput):
        merge_projects(a, a)


def test_cli_dry_run_changes_nothing_and_json_shape(demo_file, tmp_path, capsys):
    a_path, b_path = tmp_path / "a.zhagen", tmp_path / "b.zhagen"
    shutil.copy(demo_file, a_path)
    shutil.copy(demo_file, b_path)
    with open_project(b_path, backup=False) as b:
        coders.use_coder(b, "李文")
        _add_under(b, "社区归属感", "社區認同")
    with open_project(a_path, backup=False) as a:
        before = stored_state(a)
    assert main(["merge", str(a_path), str(b_path), "--dry-run", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["dry_run"] is True and out["summary"] is None
    assert out["plan"]["counts"]["code"] == {"matched": 118, "new": 1}
    new_code = {"kind": "new", "item": "code", "name": "社区归属感>社區認同", "how": "", "detail": "", "resolution": ""}
    assert new_code in out["plan"]["decisions"]
    with open_project(a_path, backup=False) as a:
        assert stored_state(a) == before
    assert main(["merge", str(a_path), str(b_path), "--json", "--coder", "张研", "--prefer", "both"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["summary"] == {"added": {"codes": 1}, "updated": {}, "conflicts": 0, "skipped_codings": 0}
    assert main(["merge", str(a_path), str(b_path)]) == 0
    assert "added nothing" in capsys.readouterr().out


def test_merge_reports_each_step_up_to_its_total(pair):
    a, b = pair
    calls = []
    merge_projects(a, b, progress=lambda done, total, label: calls.append((done, total, label)))
    assert [label for _, _, label in calls] == [
        *(f"planning: {step}" for step in Planner.STEPS), "people", "documents: A11 新访谈", "codes", "codings: 4/4",
        "memos", "saving", "saving"]
    assert {label.partition(": ")[0] for _, _, label in calls} == set(PHASES)
    steps = len(calls) - 1
    assert [done for done, _, _ in calls] == [*range(steps), steps]
    totals = [total for _, total, _ in calls]
    assert totals[0] == len(Planner.STEPS) + 1 + 11 + 1 + 1 + 1 + 1  # before the plan: all of B's 11 documents
    assert totals[len(Planner.STEPS):] == [steps] * (steps - len(Planner.STEPS) + 1)  # once planned: the real work


@pytest.mark.parametrize("at", ["planning: coders", "planning: codings", "codes", "memos", "saving", "tick"])
def test_cancel_during_the_merge_leaves_the_project_as_it_was(pair, monkeypatch, at):
    """Cancel at each kind of step (and inside the planner's codings loop): one rollback, no Event."""
    a, b = pair
    before, events, quotes = stored_state(a), queries.list_events(a), _quotes(a)
    seen: list[str] = []
    asked = []
    if at == "tick":  # B has 322 codings: check every 50 of them; the 12th check is at coding 300
        monkeypatch.setattr(Planner, "TICK_ROWS", 50)

    def cancelled() -> bool:
        asked.append(1)
        return len(asked) >= 12 if at == "tick" else at in seen

    with pytest.raises(MergeCancelled, match="cancelled"):
        merge_projects(a, b, progress=lambda done, total, label: seen.append(label), cancelled=cancelled)
    assert seen[-1] == ("planning: codings" if at == "tick" else at)
    if at in ("memos", "saving"):
        assert "codings: 4/4" in seen and "documents: A11 新访谈" in seen  # rows were written, then rolled back
    assert stored_state(a) == before
    assert queries.list_events(a) == events and _quotes(a) == quotes
    again = merge_projects(a, b)  # nothing held on: the same merge runs through afterwards
    assert again.value.added == {"documents": 1, "codes": 1, "codings": 4, "relations": 1, "memos": 1}


def test_cli_prefer_theirs_moves_our_code(pair):
    a, b = pair
    assert main(["merge", a.location, b.location, "--prefer", "theirs", "--coder", "张研"]) == 0
    paths = set(queries.code_paths(queries.list_codes(a)).values())
    assert "责任感>参与行动>夜间巡逻" in paths and "社区民警的在场与行动>民警日常在场>夜间巡逻" not in paths
