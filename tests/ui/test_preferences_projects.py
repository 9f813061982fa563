"""Preferences and projects: recent list, new project, database URL, preferences round trip, theme, coder, launcher."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings, Qt
from PySide6.QtGui import QColor, QFont, QInputMethodEvent, QPalette
from PySide6.QtWidgets import QApplication, QColorDialog, QDialog, QFileDialog, QMessageBox

from app import launcher
from app.preferences import (
    Preferences,
    PreferencesDialog,
    apply_appearance,
    apply_coder,
    commit_preferences,
    default_cjk_family,
    load_preferences,
    save_preferences,
)
from app.projects import DatabaseUrlDialog, RecentProjects, choose_project_file, new_project
from coding import queries
from coding.errors import InvalidInput
from coding.services import coders
from coding.storage import create_project, open_project

URL = "postgresql+psycopg://postgres@127.0.0.1:5432/zhagen_team"


@pytest.fixture
def project(tmp_path):
    path = tmp_path / "prefs.zhagen"
    with create_project(path) as store:
        coders.use_coder(store, "张研")
    return str(path)


@pytest.fixture
def store(project):
    with open_project(project, backup=False) as store:
        coders.use_coder(store, "张研")
        yield store


@pytest.fixture
def restore_app(qapp):
    """The QApplication is shared by all tests: put its font, palette and language back."""
    font, palette = QFont(qapp.font()), QPalette(qapp.palette())
    yield qapp
    qapp.setFont(font)
    qapp.setPalette(palette)
    launcher.set_language("en")


@pytest.fixture
def no_windows():
    yield
    while launcher._windows:
        window = launcher._windows.pop()
        window.close()
        window.session.close()


# --- recent projects ---------------------------------------------------------------------------------------

def test_recent_projects_are_most_recent_first_without_duplicates_and_capped(tmp_path):
    recent = RecentProjects()
    assert recent.items() == []
    a, b = str(tmp_path / "a.zhagen"), str(tmp_path / "b.zhagen")
    recent.add(a)
    recent.add(URL)
    recent.add(b)
    recent.add(a)
    assert RecentProjects().items() == [a, b, URL]  # stored, read back through a new QSettings
    for i in range(10):
        recent.add(str(tmp_path / f"p{i}.zhagen"))
    items = RecentProjects().items()
    assert len(items) == RecentProjects.MAX
    assert items[0] == str(tmp_path / "p9.zhagen") and items[-1] == str(tmp_path / "p2.zhagen")
    recent.remove(str(tmp_path / "p5.zhagen"))
    assert str(tmp_path / "p5.zhagen") not in recent.items() and len(recent.items()) == RecentProjects.MAX - 1
    recent.clear()
    assert RecentProjects().items() == []


def test_recent_projects_keep_a_single_item_and_make_relative_paths_absolute(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    RecentProjects().add("rel.zhagen")
    assert RecentProjects().items() == [str(tmp_path / "rel.zhagen")]  # one-item list survives the INI round trip
    RecentProjects().remove("rel.zhagen")
    assert RecentProjects().items() == []


def test_recent_projects_migrate_the_old_single_key(tmp_path):
    old = str(tmp_path / "old.zhagen")
    QSettings().setValue("projects/recent", old)
    assert RecentProjects().items() == [old]
    RecentProjects().add(URL)
    assert RecentProjects().items() == [URL, old]
    assert QSettings().value("projects/recent") is None
    RecentProjects().clear()
    assert RecentProjects().items() == []  # the old key does not come back


# --- project files and URLs --------------------------------------------------------------------------------

def test_new_project_creates_an_openable_project_named_after_the_file(tmp_path, monkeypatch, qapp):
    target = tmp_path / "朝阳群众研究"
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (str(target), "Zhagen projects (*.zhagen)"))
    path = new_project(None)
    assert path == str(target) + ".zhagen"
    with open_project(path, backup=False) as store:
        assert queries.project_info(store)["name"] == "朝阳群众研究"
        assert queries.list_documents(store) == ()


def test_new_project_refuses_an_existing_file_with_a_warning_naming_it(tmp_path, monkeypatch, qapp, project):
    warnings = []
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: (project, ""))
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args))
    assert new_project(None) is None
    assert len(warnings) == 1 and project in warnings[0][2]
    monkeypatch.setattr(QFileDialog, "getSaveFileName", lambda *a, **k: ("", ""))
    assert new_project(None) is None and len(warnings) == 1


def test_choose_project_file(monkeypatch, qapp, project):
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: (project, ""))
    assert choose_project_file(None) == project
    monkeypatch.setattr(QFileDialog, "getOpenFileName", lambda *a, **k: ("", ""))
    assert choose_project_file(None) is None


def test_database_url_dialog_enables_ok_only_for_a_url(qtbot):
    dialog = DatabaseUrlDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.ok_button.isEnabled()
    assert dialog.edit.placeholderText().startswith("postgresql+psycopg://")
    qtbot.keyClicks(dialog.edit, "team.zhagen")
    assert not dialog.ok_button.isEnabled()
    dialog.edit.clear()
    qtbot.keyClicks(dialog.edit, URL)
    assert dialog.ok_button.isEnabled()
    qtbot.mouseClick(dialog.ok_button, Qt.MouseButton.LeftButton)
    assert dialog.result() == QDialog.DialogCode.Accepted
    assert dialog.url() == URL


def type_chinese(widget, text: str) -> None:
    """What an input method does: commit the composed text (QTest.keyClicks only types Latin-1)."""
    event = QInputMethodEvent()
    event.setCommitString(text)
    QApplication.sendEvent(widget, event)


# --- preferences -------------------------------------------------------------------------------------------

def test_default_preferences():
    p = load_preferences()
    assert p.coder_name == "张研"  # $ZHAGEN_CODER
    assert (p.coder_colour, p.font_size, p.theme) == ("#1f77b4", 10, "light")
    assert p.language in ("zh_CN", "en")
    assert p.font_family == default_cjk_family()


def test_preferences_dialog_round_trip_through_settings(qtbot, monkeypatch):
    dialog = PreferencesDialog(load_preferences())
    qtbot.addWidget(dialog)
    dialog.show()
    dialog.name.clear()
    assert not dialog.ok_button.isEnabled()  # a blank coder name is refused
    qtbot.keyClicks(dialog.name, "  ")
    assert not dialog.ok_button.isEnabled()
    type_chinese(dialog.name, "李四 ")
    assert dialog.ok_button.isEnabled()
    monkeypatch.setattr(QColorDialog, "getColor", lambda *a, **k: QColor("#D62728"))
    qtbot.mouseClick(dialog.colour_button, Qt.MouseButton.LeftButton)
    assert dialog.colour_button.text() == "#d62728"
    dialog.language.setCurrentIndex(dialog.language.findData("en"))
    dialog.font_size.setValue(14)
    dialog.theme.setCurrentIndex(dialog.theme.findData("dark"))
    chosen = dialog.values()
    assert chosen == Preferences("李四", "#d62728", "en", dialog.font_family.currentFont().family(), 14, "dark")
    save_preferences(chosen)
    assert load_preferences() == chosen
    assert launcher.coder_name() == "李四"  # the launcher reads the same key


def test_apply_appearance_dark_then_light(restore_app):
    app = restore_app
    family = default_cjk_family() or app.font().family()
    dark = Preferences("张研", "#1f77b4", "en", family, 15, "dark")
    apply_appearance(app, dark)
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
    assert QApplication.palette().color(QPalette.ColorRole.Highlight).name() == "#3d6fb4"
    assert QApplication.font().family() == family and QApplication.font().pointSize() == 15
    assert app.style().name().lower() == "fusion"
    apply_appearance(app, Preferences("张研", "#1f77b4", "en", family, 10, "light"))
    assert QApplication.palette().color(QPalette.ColorRole.Window).lightness() > 200
    assert QApplication.font().pointSize() == 10


def test_apply_coder_switches_to_a_new_coder_and_recolours(store):
    coder = apply_coder(store, "李四", "#2ca02c")
    assert store.coder_id == coder.id
    assert {(c.name, c.colour) for c in queries.list_coders(store)} >= {("李四", "#2ca02c")}
    apply_coder(store, "张研", "#FF7F0E")
    by_name = {c.name: c for c in queries.list_coders(store)}
    assert by_name["张研"].colour == "#ff7f0e" and store.coder_id == by_name["张研"].id
    assert len(by_name) == 2
    with pytest.raises(InvalidInput, match="empty"):
        apply_coder(store, "  ", "#000000")
    assert len(queries.list_coders(store)) == 2


def test_commit_preferences_saves_applies_and_reports(store, restore_app):
    before = load_preferences()
    other = "zh_CN" if before.language == "en" else "en"
    p = Preferences("王五", "#9467bd", other, before.font_family, 12, "dark")
    messages = commit_preferences(p, store)
    assert load_preferences() == p
    assert QApplication.palette().color(QPalette.ColorRole.Window).name() == "#2b2b2b"
    assert any(c.name == "王五" and c.colour == "#9467bd" for c in queries.list_coders(store))
    assert len(messages) == 2  # language note, current coder


# --- launcher ----------------------------------------------------------------------------------------------

def test_open_window_records_the_project_and_launch_reopens_it(project, qapp, monkeypatch, no_windows):
    first = launcher.open_window(project)
    assert RecentProjects().items() == [project]
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    assert launcher.launch(None, []) == 0
    # the project is open already: its window comes forward instead of a second, stale one
    assert launcher._windows == [first] and first.session.location == project
    assert first.session.store.closed  # the app's exit closed the project


def test_launch_forgets_a_recent_file_that_is_gone(tmp_path, qapp, monkeypatch, no_windows):
    gone = str(tmp_path / "gone.zhagen")
    RecentProjects().add(gone)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a: None)
    assert launcher.launch(None, []) == 1
    assert RecentProjects().items() == []


def test_screenshot_does_not_touch_recent_projects(project, tmp_path, qapp, no_windows):
    assert launcher.screenshot(project, str(tmp_path / "s.png"), None, None, "en", "800x600") == 0
    assert RecentProjects().items() == []


def test_the_coder_is_asked_once_and_remembered(qapp, monkeypatch):
    from PySide6.QtCore import QSettings

    monkeypatch.delenv("ZHAGEN_CODER")
    from app.launcher import ask_coder_once, coder_name

    QSettings().remove("coder/name")
    asked = []

    def answer(*args, **kwargs):
        asked.append(kwargs.get("text"))
        return "李文", True

    assert ask_coder_once(answer) and coder_name() == "李文"
    assert ask_coder_once(answer) and len(asked) == 1  # not asked again
    QSettings().remove("coder/name")
    assert not ask_coder_once(lambda *a, **k: ("", True))  # a blank name is no answer
    assert not QSettings().value("coder/name")


def test_a_first_start_offers_the_demo_and_opens_it(tmp_path, qapp, monkeypatch, no_windows):
    from PySide6.QtCore import QStandardPaths

    from app.start_dialog import StartDialog

    monkeypatch.setattr(QStandardPaths, "writableLocation", lambda *a: str(tmp_path / "文档"))
    monkeypatch.setattr(QApplication, "exec", lambda *a: 0)
    monkeypatch.setattr(launcher, "interactive", lambda: True)  # as on a desktop: someone answers the dialog
    shown = []

    def click_demo(dialog: StartDialog) -> int:
        shown.append(dialog.windowTitle())
        dialog.demo_button.click()
        return dialog.result()

    monkeypatch.setattr(StartDialog, "exec", click_demo)
    assert RecentProjects().items() == []
    assert launcher.launch(None, []) == 0  # no project given, none opened before: the start dialog
    demo = str(tmp_path / "文档" / "Zhagen" / "demo.zhagen")
    assert shown and RecentProjects().items() == [demo]
    assert launcher._windows[0].session.location == demo
    assert launcher._windows[0].session.store.closed  # the app's exit closed it
    monkeypatch.setattr(StartDialog, "exec", lambda dialog: 0)  # closed without a choice: nothing opens
    RecentProjects().remove(demo)
    launcher._windows.clear()
    assert launcher.launch(None, []) == 0 and launcher._windows == []
