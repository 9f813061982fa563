"""Writers at the same moment (issue 13): unique indexes back the services' checks.

Four real processes (race_writer.py) create the same codes and apply the same
codings at the same moment on one project, on PostgreSQL and on SQLite.
Afterwards there is one code per name under a parent, one coding per coder,
code and span, one coder, and every process exited 0 with one line per action.
The in-process tests make the race deterministic by hiding the other writer's
row from the first check, and check the database's own refusals.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from sqlalchemy import insert, select
from sqlalchemy.exc import IntegrityError

from coding import models as m
from coding import queries
from coding.errors import InvalidInput
from coding.services import codes, coders, codings, documents, history
from coding.storage import open_project
from coding.uow import UnitOfWork

WRITER = Path(__file__).with_name("race_writer.py")
ROOT = Path(__file__).resolve().parents[2]
PROCESSES = 4
ACTIONS = 20  # race_writer.ACTIONS


def _race(location: str) -> list[list[str]]:
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    procs = [subprocess.Popen([sys.executable, str(WRITER), location], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE, env=env, text=True) for _ in range(PROCESSES)]
    try:
        for proc in procs:  # every process has opened the project before any starts writing
            assert proc.stdout.readline().strip() == "ready", proc.stderr.read()
        for proc in procs:
            proc.stdin.write("go\n")
            proc.stdin.flush()
        outputs = []
        for proc in procs:
            out, err = proc.communicate(timeout=120)
            assert proc.returncode == 0, err
            assert "Traceback" not in err, err
            outputs.append(out.splitlines())
        return outputs
    finally:
        for proc in procs:
            if proc.poll() is None:
                proc.kill()


def test_processes_creating_the_same_codes_and_codings_at_once(location):
    with open_project(location, backup=False) as store:
        coders.use_coder(store, "准备")
        documents.add_document(store, "A01", "受访者：" + "社区民警常来走访，大家都认识他。" * 10)
    outputs = _race(location)
    lines = [line for out in outputs for line in out]
    assert len(lines) == PROCESSES * ACTIONS * 2  # one line per action
    done = Counter(line.split()[1] for line in lines if line.startswith("ok "))
    assert done == {"code": ACTIONS, "coding": ACTIONS}  # each action succeeded in exactly one process
    refusals = [line for line in lines if line.startswith("refused ")]
    assert len(refusals) == (PROCESSES - 1) * ACTIONS * 2
    assert all("already exists at the top level" in r for r in refusals if r.startswith("refused code:"))
    assert all("already coded" in r for r in refusals if r.startswith("refused coding:"))
    with open_project(location, backup=False) as store:
        all_codes = queries.list_codes(store)
        siblings = Counter((c.parent_id, c.name) for c in all_codes)
        assert max(siblings.values()) == 1
        assert len(all_codes) == ACTIONS + 3 + ACTIONS  # 顶层i, 主范畴0–2, 概念i
        rows = queries.list_codings(store)
        assert len(rows) == ACTIONS
        assert len({(r.code_path, r.start, r.end, r.coder) for r in rows}) == ACTIONS
        assert sorted(c.name for c in queries.list_coders(store)) == ["准备", "同时"]
        added = [e for e in queries.list_events_of(store, ["coder_added"]) if e.payload["name"] == "同时"]
        assert len(added) == 1


# ------------------------------------------------------------- in one process


@pytest.fixture
def doc(store):
    return documents.add_document(store, "A01", "受访者：社区民警常来走访，大家都认识他。").value


def test_a_code_the_check_missed_is_refused_with_the_checks_sentence(store, monkeypatch):
    parent = codes.create_code(store, "社区归属感").value
    codes.create_code(store, "家园意识", parent_id=parent.id)
    codes.create_code(store, "顶层")
    real = codes._sibling_clash
    missed = []

    def blind_once(*args, **kwargs):  # the first check runs before the other writer's commit
        if not missed:
            missed.append(True)
            return False
        return real(*args, **kwargs)

    monkeypatch.setattr(codes, "_sibling_clash", blind_once)
    with pytest.raises(InvalidInput, match="a code named '家园意识' already exists under '社区归属感'"):
        codes.create_code(store, "家园意识", parent_id=parent.id)
    assert missed
    missed.clear()
    with pytest.raises(InvalidInput, match="a code named '顶层' already exists at the top level"):
        codes.create_code(store, "顶层")
    assert len(queries.list_codes(store)) == 3


def test_a_path_created_meanwhile_is_found_not_doubled(store, doc, monkeypatch):
    codes.ensure_code_path(store, "主范畴>概念")
    real_child, real_clash = codes._child, codes._sibling_clash
    calls = Counter()

    def child(*args):  # the first lookup runs before the other writer's commit
        calls["child"] += 1
        return None if calls["child"] == 1 else real_child(*args)

    def clash(*args, **kwargs):
        calls["clash"] += 1
        return False if calls["clash"] == 1 else real_clash(*args, **kwargs)

    monkeypatch.setattr(codes, "_child", child)
    monkeypatch.setattr(codes, "_sibling_clash", clash)
    coding = codings.apply_code_path(store, "主范畴>概念", doc.id, 0, 3).value
    assert calls["child"] == 3  # 主范畴 missed, then (retried in a new transaction) 主范畴 and 概念 found
    assert [c.name for c in queries.list_codes(store)] == ["主范畴", "概念"]
    assert queries.find_code(store, "主范畴>概念").id == coding.code_id


def test_a_coding_the_check_missed_is_refused_once_stored(store, doc, monkeypatch):
    code = codes.create_code(store, "民警走访").value
    codings.apply_code(store, code.id, doc.id, 0, 3)
    import coding.services.codings as codings_module

    real = codings_module._check_duplicate
    missed = []

    def blind_once(*args, **kwargs):
        if not missed:
            missed.append(True)
            return None
        return real(*args, **kwargs)

    monkeypatch.setattr(codings_module, "_check_duplicate", blind_once)
    with pytest.raises(InvalidInput, match="already coded 0–3"):
        codings.apply_code(store, code.id, doc.id, 0, 3)
    assert missed and len(queries.list_codings(store)) == 1


def test_the_database_refuses_duplicates_the_services_never_write(store, doc):
    code = codes.create_code(store, "民警走访").value
    coding = codings.apply_code(store, code.id, doc.id, 0, 3).value
    with store.session() as session:
        for row in (
            {"guid": "x1", "name": "民警走访", "parent_id": None, "position": 9, "level": "concept",
             "definition": "", "colour": "#123456", "in_vivo": False, "created_at": m.utcnow()},
            {"guid": "x2", "name": "子", "parent_id": code.id, "position": 0, "level": "concept",
             "definition": "", "colour": "#123456", "in_vivo": False, "created_at": m.utcnow()},
            {"guid": "x3", "name": "子", "parent_id": code.id, "position": 1, "level": "concept",
             "definition": "", "colour": "#123456", "in_vivo": False, "created_at": m.utcnow()},
        ):
            try:
                with session.begin():
                    session.execute(insert(m.Code), row)
            except IntegrityError:
                pass
        assert session.scalars(select(m.Code.guid).order_by(m.Code.id)).all() == [code.guid, "x2"]
        session.rollback()
        with pytest.raises(IntegrityError), session.begin():
            session.execute(insert(m.Coding), {
                "guid": "y", "code_id": code.id, "document_id": doc.id, "start": 0, "end": 3,
                "coder_id": coding.coder_id, "created_at": m.utcnow(), "comment": ""})


def test_undo_that_would_duplicate_a_code_is_refused_in_one_sentence(store):
    gone = codes.create_code(store, "信任").value
    deleted = codes.delete_code(store, gone.id)
    codes.create_code(store, "信任")  # a new code of that name where the deleted one was
    with pytest.raises(InvalidInput, match="cannot undo code_deleted: .*(same name|depend)"):
        history.revert(store, deleted.undo)


def test_moves_renames_merges_and_splits_keep_siblings_apart(store, doc):
    a = codes.create_code(store, "甲").value
    b = codes.create_code(store, "乙").value
    x = codes.create_code(store, "同名", parent_id=a.id).value
    y = codes.create_code(store, "同名", parent_id=b.id).value
    codes.create_code(store, "孙", parent_id=x.id)
    codes.create_code(store, "孙", parent_id=y.id)
    with pytest.raises(InvalidInput, match="a code named '同名' already exists under '甲'"):
        codes.move_code(store, y.id, a.id)
    with pytest.raises(InvalidInput, match="a code named '甲' already exists at the top level"):
        codes.rename_code(store, b.id, "甲")
    codings.apply_code(store, x.id, doc.id, 0, 3)
    codings.apply_code(store, y.id, doc.id, 0, 3)
    merged = codes.merge_codes(store, b.id, a.id)  # 同名 into 同名, 孙 into 孙, the duplicate coding dropped
    assert merged.undo.rows and len(queries.list_codings(store)) == 1
    history.revert(store, merged.undo)
    assert len(queries.list_codings(store)) == 2 and len(queries.list_codes(store)) == 6
    with pytest.raises(InvalidInput, match="already exists under '甲'"):
        codes.split_code(store, x.id, [codes.SplitPart("同名", ())])
