"""The workbench beside other processes: the command line writing, a second app, a project held elsewhere."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtWidgets import QApplication

from app import launcher
from coding import queries
from coding.services import codes, coders, documents
from coding.storage import create_project

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "core"))
from test_processes import Actor, zhagen  # noqa: E402 - the multi-process helpers of the core tests


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "社区动员.zhagen"
    with create_project(path) as store:
        coders.use_coder(store, "张研")
        documents.add_document(store, "A01", "受访者：社区民警常来走访，大家都认识他。\n" * 50)
        codes.create_code(store, "民警走访")
    return path


@pytest.fixture
def windows():
    yield
    for window in list(launcher._windows):
        window.close()


def code_names(window) -> set[str]:
    return {code.name for code in window.catalog.codes.values()}


def test_the_window_shows_what_the_command_line_wrote(project, qtbot, windows):
    window = launcher.open_window(str(project))
    qtbot.addWidget(window)
    zhagen("code", str(project), "--doc", "A01", "--start", "4", "--end", "8", "--code", "命令行写的代码")
    with qtbot.waitSignal(window.session.changed, timeout=5000):  # the once-a-second check notices it
        pass
    assert "命令行写的代码" in code_names(window)
    assert len(window.tally) == 1
    assert "another program" in window.statusBar().currentMessage()
    # the window goes on writing after the other process: nothing of either is lost
    window.code_selection(window.codes.current_code_id())  # nothing selected: refused in the status bar
    window.session.run("x", lambda: codes.create_code(window.session.store, "窗口写的代码"))
    window.close()
    assert window.session.store.closed and not Path(str(project) + "-wal").exists()
    assert {"命令行写的代码", "窗口写的代码"} <= {c.name for c in _codes(project)}


def _codes(project):
    from coding.storage import open_project

    with open_project(project, backup=False) as store:
        return queries.list_codes(store)


def test_a_project_open_in_another_app_opens_read_only_when_asked(project, qtbot, windows, monkeypatch):
    actor = Actor(project, "王芳")
    try:
        asked = []
        monkeypatch.setattr(launcher, "ask_read_only", lambda exc: asked.append(exc) or False)
        assert launcher.open_window(str(project)) is None  # declined: no window
        assert "王芳" in str(asked[0]) and asked[0].holder.coder == "王芳"
        monkeypatch.setattr(launcher, "ask_read_only", lambda exc: True)
        window = launcher.open_window(str(project))
        qtbot.addWidget(window)
        title = window.windowTitle()
        assert window.session.read_only and ("read-only" in title or "只读" in title)
        before = queries.stats(window.session.store)
        window.transcript.select_span(4, 8)
        window.code_selection(window.codes.current_code_id() or next(iter(window.catalog.codes)))
        assert "read-only" in window.statusBar().currentMessage()
        assert queries.stats(window.session.store) == before
        assert actor.ask("code 王芳的代码").startswith("ok code")
        with qtbot.waitSignal(window.session.changed, timeout=5000):
            pass
        assert "王芳的代码" in code_names(window)
    finally:
        actor.end("crash")


def test_opening_an_open_project_again_brings_its_window_forward(project, qtbot, windows):
    first = launcher.open_window(str(project))
    qtbot.addWidget(first)
    again = launcher.open_window(str(project.parent / "." / project.name))
    assert again is first and launcher._windows == [first]


def test_quit_closes_every_window_and_project(project, tmp_path, qtbot, windows):
    other = tmp_path / "另一个.zhagen"
    create_project(other).close()
    a, b = launcher.open_window(str(project)), launcher.open_window(str(other))
    quit_action = next(x for x in a.menuBar().actions()[0].menu().actions() if x.text() in ("&Quit", "退出(&Q)"))
    quit_action.trigger()
    QApplication.processEvents()
    assert a.session.store.closed and b.session.store.closed and launcher._windows == []
