"""Project → Import from NVivo, MAXQDA, ATLAS.ti…: a .qdpx into an empty project, a codebook into work, a bad file."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import Workbook

from coding import queries
from coding.storage import create_project, open_project
from exports.refi import export_qdpx
from tests.conftest import stored_state
from tests.ui.conftest import open_window


@pytest.fixture(scope="module")
def demo_qdpx(demo_file, tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("qdpx") / "demo.qdpx"
    with open_project(demo_file, backup=False) as store:
        export_qdpx(store, path)
    return path


def test_qdpx_into_an_empty_project_fills_the_views_and_undo_removes_it(qtbot, tmp_path, demo_file, demo_qdpx):
    target = tmp_path / "empty.zhagen"
    create_project(target).close()
    window = open_window(qtbot, target)
    try:
        job = window.jobs.interchange.start(str(demo_qdpx), start=False)
        with qtbot.waitSignal(job.finished, timeout=120_000):
            job.start()
        store = window.session.store
        with open_project(demo_file, backup=False) as original:
            expected = (len(queries.list_documents(original)), len(queries.list_codes(original)))
        assert (len(queries.list_documents(store)), len(queries.list_codes(store))) == expected
        assert window.documents.model.rowCount() == expected[0]  # the documents dock shows them at once
        report = window.jobs.interchange.report
        assert report is not None and report.isVisible()
        assert "demo.qdpx" in report.summary.text() and "Nothing was left out" in report.details.toPlainText()
        refused: list[str] = []
        window.session.failed.connect(refused.append)
        imported = stored_state(store)
        memos_on_codes = [m for m in queries.list_memos(store) if m.code_id is not None]
        assert memos_on_codes  # rows the import made after the codes, which undo must take away first
        window.session.undo_stack.undo()
        assert refused == []
        assert queries.list_documents(store) == () and queries.list_codes(store) == ()
        assert queries.list_memos(store) == ()
        assert window.documents.model.rowCount() == 0
        window.session.undo_stack.redo()  # and back, every row as the import left it, then away again
        assert refused == [] and stored_state(store) == imported
        assert window.documents.model.rowCount() == expected[0]
        window.session.undo_stack.undo()
        assert refused == [] and queries.list_codes(store) == ()
    finally:
        window.session.close()


def test_excel_codebook_into_work_merges_by_the_plan(qtbot, tmp_path, demo_file):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    book = Workbook()
    sheet = book.active
    sheet.append(["Code", "Memo"])
    sheet.append(["夜间巡逻 > 邻里微信群", "居民自发建群"])
    sheet.append(["社區歸屬感", "一行说明"])  # 社区归属感 is in the demo: matched by its normalised name
    xlsx = tmp_path / "codebook.xlsx"
    book.save(xlsx)
    window = open_window(qtbot, copy)
    try:
        before = stored_state(window.session.store)
        job = window.jobs.interchange.start(str(xlsx), prefer="mine", start=False)
        with qtbot.waitSignal(job.finished, timeout=120_000):
            job.start()
        merging = window.jobs.interchange.merging
        qtbot.waitUntil(lambda: window.jobs.interchange.report is not None, timeout=120_000)
        assert merging is not None
        paths = set(window.catalog.paths.values())
        assert {"夜间巡逻", "夜间巡逻>邻里微信群"} <= paths
        assert "社區歸屬感" not in paths and "社区归属感" in paths
        assert "merged" in window.jobs.interchange.report.summary.text()
        window.session.undo_stack.undo()
        assert stored_state(window.session.store) == before
    finally:
        window.session.close()


def test_a_bad_file_is_reported_and_changes_nothing(qtbot, tmp_path, demo_file):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    bad = tmp_path / "broken.qdpx"
    bad.write_bytes(b"not a zip at all")
    window = open_window(qtbot, copy)
    try:
        before = stored_state(window.session.store)
        job = window.jobs.interchange.start(str(bad), start=False)
        with qtbot.waitSignal(job.failed, timeout=60_000):
            job.start()
        assert "broken.qdpx" in window.statusBar().currentMessage()
        assert stored_state(window.session.store) == before
    finally:
        window.session.close()


def test_cancel_while_importing_leaves_the_project_empty(qtbot, tmp_path, demo_qdpx):
    target = tmp_path / "empty.zhagen"
    create_project(target).close()
    window = open_window(qtbot, target)
    try:
        job = window.jobs.interchange.start(str(demo_qdpx), start=False)
        job._runner.progress.connect(lambda *_: job.cancel())  # Cancel at the first progress report
        with qtbot.waitSignal(job.finished, timeout=120_000) as finished:
            job.start()
        assert finished.args == [None]
        assert queries.list_documents(window.session.store) == () and queries.list_codes(window.session.store) == ()
        assert window.session.undo_stack.count() == 0
        assert "cancelled" in window.statusBar().currentMessage()
    finally:
        window.session.close()
