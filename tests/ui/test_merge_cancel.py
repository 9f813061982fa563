"""Cancel while a merge runs in the background: the merge rolls back and the window is idle again."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt

from coding import queries
from coding.merge import Planner
from coding.services import codes, coders, codings, documents
from coding.services.merge import PHASES
from coding.storage import open_project
from tests.conftest import stored_state

NEW_TEXT = "访谈者：您参加过夜间巡逻吗？\n受访者：参加过，我们有个邻里微信群。"


@pytest.fixture
def window(demo_window):
    return demo_window


@pytest.fixture
def other_path(demo_file, tmp_path) -> str:
    """The demo as another coder went on with it: a new code, a new document and codings on both."""
    path = tmp_path / "李文.zhagen"
    path.write_bytes(demo_file.read_bytes())
    with open_project(path, backup=False) as other:
        coders.use_coder(other, "李文")
        code = codes.create_code(other, "邻里微信群").value.id
        new_doc = documents.add_document(other, "A11 新访谈", NEW_TEXT).value.id
        codings.apply_code(other, code, new_doc, NEW_TEXT.index("邻里"), NEW_TEXT.index("邻里") + 5)
        codings.apply_code(other, code, queries.list_documents(other)[0].id, 30, 36)
    return str(path)


def test_merge_labels_cover_every_phase(window):
    assert set(window.jobs._merge_labels()) == set(PHASES)


def test_cancel_while_merging_rolls_back_and_leaves_the_window_idle(window, qtbot, other_path):
    store = window.session.store
    before, events = stored_state(store), queries.list_events(store)
    job = window.jobs.merge_project(other_path, prefer="mine", start=False)
    seen: list[tuple[int, int, str]] = []

    def on_progress(done: int, total: int, label: str) -> None:  # runs in the worker, as the merge reports
        seen.append((done, total, label))
        if done >= len(Planner.STEPS) and done == total - 2:  # documents, codes and codings are written by now
            job.cancel()

    job._runner.progress.connect(on_progress, Qt.ConnectionType.DirectConnection)
    with qtbot.waitSignal(job.finished, timeout=60_000) as blocker:
        job.start()
    assert blocker.args == [None]  # cancelled: no outcome
    assert any("A11 新访谈" in label for _, _, label in seen)  # the bar followed the merge into its documents
    assert [done for done, _, _ in seen] == list(range(len(seen))) and len(seen) > len(Planner.STEPS) + 3
    assert stored_state(store) == before and queries.list_events(store) == events
    assert window.session.undo_stack.count() == 0
    assert "cancelled" in window.statusBar().currentMessage().lower()
    assert job.wait(5_000) and not job.dialog.isVisible()

    again = window.jobs.merge_project(other_path, prefer="mine")  # idle again: the next merge runs through
    with qtbot.waitSignal(again.finished, timeout=60_000) as blocker:
        pass
    assert blocker.args[0].value.added == {"documents": 1, "codes": 1, "codings": 2}
    assert queries.find_code(store, "邻里微信群") and window.session.undo_stack.count() == 1
    window.undo_action.trigger()
    assert stored_state(store) == before


@pytest.mark.parametrize("accept", [True, False])
def test_the_plan_is_computed_in_the_background_and_shown_before_merging(window, qtbot, other_path, monkeypatch,
                                                                      accept):
    from app.merge_dialog import MergeDialog

    shown = []

    def exec_(dialog):  # noqa: ANN001 - what the user sees, then Merge or Cancel
        shown.append([dialog.table.item(r, 2).text() for r in range(dialog.table.rowCount())])
        dialog.prefer.setCurrentIndex(2)  # keep both: the plan for it was made in the background too
        shown.append(dialog.plan.prefer)
        return MergeDialog.DialogCode.Accepted if accept else MergeDialog.DialogCode.Rejected

    monkeypatch.setattr(MergeDialog, "exec", exec_)
    before = stored_state(window.session.store)
    job = window.jobs.merge_project(other_path, start=False)
    with qtbot.waitSignal(job.finished, timeout=120_000):
        job.start()
    assert "邻里微信群" in shown[0] and shown[1] == "both"
    if accept:
        qtbot.waitUntil(lambda: "邻里微信群" in window.catalog.paths.values(), timeout=120_000)
        window.session.undo_stack.undo()
    else:
        assert "cancelled" in window.statusBar().currentMessage()
    assert stored_state(window.session.store) == before
