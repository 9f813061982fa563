"""A coder is stored with their first action that succeeds (issue 13): nothing changes when something is refused.

`use_coder(..., defer=True)` only records the name; the first unit of work
that needs the coder adds the row and a "coder_added" event in the action's
own transaction. Undoing that action removes the coder again, redoing brings
it back with its id. The command line opens projects this way, so a refused
`zhagen code` or `zhagen import` leaves `zhagen stats --json` byte for byte
as it was, and an import alone adds no coder.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from coding import queries
from coding.errors import InvalidInput
from coding.services import codes, coders, codings, documents, history, memos
from coding.storage import open_project

ROOT = Path(__file__).resolve().parents[2]
TEXT = "访谈者：小区安全吗？\n受访者：挺好的，晚上也巡逻。"


@pytest.fixture
def prepared(store):
    """The store fixture's project with a document and a code by 张研, and the new coder 新人 wanted."""
    doc = documents.add_document(store, "A01", TEXT).value
    code = codes.create_code(store, "巡逻").value
    assert coders.use_coder(store, "新人", defer=True) is None
    return store, doc, code


def test_refused_actions_store_no_coder_and_no_event(prepared, state):
    store, doc, code = prepared
    assert store.coder_id is None and coders.current_coder_name(store) == "新人"
    before, events = state(store), queries.list_events(store)
    with pytest.raises(InvalidInput, match="not inside"):
        codings.apply_code(store, code.id, doc.id, 5, 2)
    with pytest.raises(InvalidInput, match="already exists at the top level"):
        codes.create_code(store, "巡逻")
    with pytest.raises(InvalidInput):
        codings.apply_code_path(store, "新>概念", doc.id, 0, 999)  # the codes it made go with the refusal
    assert state(store) == before and queries.list_events(store) == events
    assert store.coder_id is None and coders.find_coder(store, "新人") is None


def test_the_first_action_stores_the_coder_undo_removes_it_and_redo_restores_it(prepared, state):
    store, doc, code = prepared
    before, events = state(store), queries.list_events(store)
    outcome = codings.apply_code(store, code.id, doc.id, 0, 3)
    coder = coders.find_coder(store, "新人")
    assert store.coder_id == coder.id == outcome.value.coder_id
    assert coder.colour == coders.CODER_COLOURS[1]  # the palette's next, as add_coder gives
    added = queries.list_events(store)[len(events):]
    assert [(e.action, e.coder_id) for e in added] == [("coder_added", coder.id), ("coding_added", coder.id)]
    assert added[0].payload == {"coder_id": coder.id, "name": "新人"}
    assert "coders" in outcome.changes and coder.id in outcome.changes.ids("coders")

    undone = history.revert(store, outcome.undo)
    assert state(store) == before  # the coder is gone with the coding
    assert store.coder_id is None and coders.current_coder_name(store) == "新人"
    assert queries.list_events(store)[-1].coder_id == coder.id  # who undid it

    history.revert(store, undone.undo)
    assert coders.find_coder(store, "新人") == coder and store.coder_id == coder.id
    codings.apply_code(store, code.id, doc.id, 3, 6)  # later actions use the same coder
    assert [c.name for c in queries.list_coders(store)] == ["张研", "新人"]
    assert len(queries.list_events_of(store, ["coder_added"])) == 2  # 张研's and 新人's


def test_a_new_action_after_undo_registers_the_coder_again(prepared):
    store, doc, code = prepared
    first = memos.add_memo(store, "想法")
    old = coders.find_coder(store, "新人")
    history.revert(store, first.undo)
    codes.create_code(store, "新码")
    again = coders.find_coder(store, "新人")
    assert again is not None and again.id != old.id and store.coder_id == again.id


def test_a_wanted_colour_and_a_coder_another_process_stored_meanwhile(location):
    with open_project(location, backup=False) as mine, open_project(location, backup=False) as theirs:
        coders.use_coder(mine, "甲", defer=True, colour="#00AA00")
        codes.create_code(mine, "一")
        assert coders.find_coder(mine, "甲").colour == "#00aa00"
        coders.use_coder(mine, "乙", defer=True)
        coders.use_coder(theirs, "乙")  # stored by the other process before our first action
        codes.create_code(mine, "二")
        assert mine.coder_id == coders.find_coder(mine, "乙").id
        assert [e.payload["name"] for e in queries.list_events_of(mine, ["coder_added"])] == ["甲", "乙"]


def test_use_coder_without_defer_still_stores_at_once(store):
    coder = coders.use_coder(store, "李文")
    assert coder is not None and store.coder_id == coder.id and coders.current_coder_name(store) == "李文"
    with pytest.raises(InvalidInput, match="empty"):
        coders.use_coder(store, "  ", defer=True)


# ----------------------------------------------------------------- the CLI


def _zhagen(*args: str, coder: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "ZHAGEN_CODER"}
    env |= {"QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    if coder:
        env["ZHAGEN_CODER"] = coder
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env,
                          timeout=120)


def _stats(project: Path) -> str:
    result = _zhagen("stats", str(project), "--json")
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_refused_commands_leave_stats_byte_identical_and_import_adds_no_coder(tmp_path):
    project = tmp_path / "p.zhagen"
    (tmp_path / "A01.txt").write_text(TEXT, encoding="utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(bytes(range(256)) * 4)
    assert _zhagen("new", str(project)).returncode == 0
    imported = _zhagen("import", str(project), str(tmp_path / "A01.txt"))
    assert imported.returncode == 0, imported.stderr
    stats = _stats(project)
    assert '"coders": 0' in stats and '"codings_by_coder": {}' in stats  # the importer is no coder

    for args in (["import", str(project), str(tmp_path / "empty.txt")],
                 ["import", str(project), str(tmp_path / "binary.txt")],
                 ["code", str(project), "--doc", "A01", "--start", "5", "--end", "999", "--code", "新>概念"],
                 ["code", str(project), "--doc", "A01", "--start", "0", "--end", "3", "--code", "A", "--level", "core",
                  "--coder", " "]):
        refused = _zhagen(*args, coder="王五")
        assert refused.returncode == 1 and len(refused.stderr.strip().splitlines()) >= 1, refused.stderr
        assert "Traceback" not in refused.stderr
        assert _stats(project) == stats, args

    coded = _zhagen("code", str(project), "--doc", "A01", "--start", "0", "--end", "3", "--code", "新>概念",
                    coder="王五")
    assert coded.returncode == 0, coded.stderr
    after = _stats(project)
    assert '"coders": 1' in after and '"王五": 1' in after
