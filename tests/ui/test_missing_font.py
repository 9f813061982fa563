"""Without a Chinese font the app says what to install (message box, stderr, status bar) instead of drawing boxes."""

from __future__ import annotations

import pytest
from PySide6.QtGui import QFontDatabase
from PySide6.QtWidgets import QLabel

from app import launcher


class FontDatabase:
    """QFontDatabase of a machine with only Latin fonts (a fresh Linux without fonts-noto-cjk)."""

    WritingSystem = QFontDatabase.WritingSystem
    latin = ["DejaVu Sans", "DejaVu Serif", "Liberation Sans"]

    @classmethod
    def families(cls, writing_system=QFontDatabase.WritingSystem.Any):  # noqa: ANN001, ANN206
        return [] if writing_system == QFontDatabase.WritingSystem.SimplifiedChinese else list(cls.latin)


@pytest.fixture
def no_chinese_font(monkeypatch):
    monkeypatch.setattr(launcher, "QFontDatabase", FontDatabase)


@pytest.fixture
def windows():
    yield
    for window in list(launcher._windows):  # noqa: SLF001 - windows opened through the launcher
        window.close()


def test_this_machine_has_a_chinese_font(qapp):
    assert launcher.default_cjk_family() == "Noto Sans CJK SC"
    assert launcher.missing_font_notice() == ""
    shown = []
    assert launcher.warn_missing_font(lambda *args: shown.append(args)) is False
    assert shown == []


def test_a_font_that_writes_chinese_under_another_name_is_used(qapp, monkeypatch):
    class Other(FontDatabase):
        @classmethod
        def families(cls, writing_system=QFontDatabase.WritingSystem.Any):  # noqa: ANN001, ANN206
            return ["AR PL UMing CN"] + ([] if writing_system == QFontDatabase.WritingSystem.SimplifiedChinese
                                         else cls.latin)

    monkeypatch.setattr(launcher, "QFontDatabase", Other)
    assert launcher.default_cjk_family() == "AR PL UMing CN"
    assert launcher.missing_font_notice() == ""


def test_no_chinese_font_says_what_to_install(qapp, no_chinese_font, capsys):
    assert launcher.default_cjk_family() == ""
    shown = []
    assert launcher.warn_missing_font(lambda *args: shown.append(args)) is True
    (parent, title, text), = shown
    assert parent is None and "no Chinese font" in title
    for name in ("Noto Sans CJK SC", "fonts-noto-cjk", "Microsoft YaHei", "PingFang SC", "empty boxes"):
        assert name in text
    assert capsys.readouterr().err.strip() == f"zhagen: {text}"


def test_each_window_keeps_the_notice_in_its_status_bar(qapp, qtbot, demo_file, tmp_path, no_chinese_font, windows):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = launcher.open_window(str(copy))
    qtbot.addWidget(window)
    notice = window.statusBar().findChild(QLabel, "missingFontNotice")
    assert notice is not None and notice.isVisible()
    assert "Noto Sans CJK SC" in notice.text() and notice.toolTip() == launcher.NO_CJK_FONT
    window.statusBar().showMessage("Imported 3 of 3 files")  # a passing message does not hide it
    assert notice.isVisible()


def test_with_a_chinese_font_the_status_bar_has_no_notice(qapp, qtbot, demo_file, tmp_path, windows):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = launcher.open_window(str(copy))
    qtbot.addWidget(window)
    assert window.statusBar().findChild(QLabel, "missingFontNotice") is None
