"""UI tests: real widgets on a real project, offscreen, with settings kept out of the user's."""

from __future__ import annotations

import os

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, monkeypatch):
    from PySide6.QtCore import QSettings

    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    monkeypatch.setenv("ZHAGEN_CODER", "张研")
    yield
    from app import launcher

    if launcher._language not in (None, "en"):  # a test that switched to Chinese leaves English to the next
        launcher.set_language("en")


@pytest.fixture(scope="session")
def demo_file(tmp_path_factory):
    """The demo project, built once per run; tests work on copies (see demo_window)."""
    from coding.cli import main as zhagen

    path = tmp_path_factory.mktemp("demo") / "demo.zhagen"
    assert zhagen(["demo", str(path)]) == 0
    return path


def open_window(qtbot, path):
    """The main window on the project at PATH, shown, with 张研 as coder; close its session when done."""
    from app.main_window import MainWindow
    from app.session import ProjectSession

    window = MainWindow(ProjectSession.open(str(path), "张研"))
    qtbot.addWidget(window)
    window.show()
    return window


@pytest.fixture
def demo_window(qtbot, demo_file, tmp_path):
    """The main window on a fresh copy of the demo project."""
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, copy)
    yield window
    window.session.close()
