"""The Help menu: the manual in the interface language with its pictures, the shortcut list, What's this."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QApplication, QWhatsThis

from app.help import MANUAL, ShortcutsDialog, plain
from tests.ui.conftest import open_window

EN_HEADINGS = ["Installing and starting", "Importing transcripts", "Checking speakers per file", "Open coding",
               "Axial coding", "Selective coding", "Memos", "Team coding and agreement", "Saturation",
               "The Excel tables", "NVivo, MAXQDA and ATLAS.ti (REFI-QDA)", "The command line", "Keyboard shortcuts"]
ZH_HEADINGS = ["安装与启动", "导入访谈资料", "逐个文件核对说话人", "开放式编码", "主轴编码", "选择性编码", "备忘录",
               "团队编码与编码一致性", "理论饱和度", "Excel 表格", "与 NVivo、MAXQDA、ATLAS.ti 交换（REFI-QDA）",
               "命令行", "键盘快捷键"]
GT_PANELS = ("codes", "board", "saturation", "trail", "agreement", "memos", "memo_list")


def help_action(window, text: str):
    """The Help menu's action whose text (without its mnemonic) is TEXT."""
    menu = next(a.menu() for a in window.menuBar().actions() if plain(a.text()) in ("Help", "帮助"))
    return next(a for a in menu.actions() if plain(a.text()) == text)


@pytest.fixture
def chinese(qapp):
    from app.launcher import set_language

    set_language("zh_CN")
    yield
    set_language("en")


def open_manual(window, qtbot, name: str):
    help_action(window, name).trigger()
    manual = window.help.manual_window
    qtbot.waitExposed(manual)
    return manual


def check_manual(manual, headings: list[str], language: str) -> None:
    assert manual.path == MANUAL / f"{language}.md"
    shown = [text for _level, text in manual.headings()]
    assert all(h in shown for h in headings), set(headings) - set(shown)
    contents = [manual.contents.topLevelItem(i).text(0) for i in range(manual.contents.topLevelItemCount())]
    assert contents[:3] == [h for level, h in manual.headings() if level == 2][:3]
    names = manual.images()
    assert len(names) >= 12 and all(n.startswith(f"images/{language}/") for n in names)
    for name in names:  # every picture loads, relative to the manual's file
        assert not manual.image(name).isNull(), name
    room = manual.browser.viewport().width()
    widths = [f.toImageFormat().width() for f in _image_formats(manual)]
    assert widths and all(0 < w <= room for w in widths)  # fitted to the window, never wider


def _image_formats(manual):
    out, block = [], manual.browser.document().begin()
    while block.isValid():
        it = block.begin()
        while not it.atEnd():
            if it.fragment().charFormat().isImageFormat():
                out.append(it.fragment().charFormat())
            it += 1
        block = block.next()
    return out


def test_help_manual_opens_the_english_manual_with_its_pictures(demo_window, qtbot):
    manual = open_manual(demo_window, qtbot, "Manual")
    assert manual.windowTitle() == "Zhagen manual"
    check_manual(manual, EN_HEADINGS, "en")
    assert "Ctrl+Return" in manual.browser.toPlainText()
    help_action(demo_window, "Manual").trigger()
    assert demo_window.help.manual_window is manual  # one manual window, brought forward again


def test_help_manual_opens_the_chinese_manual_in_the_chinese_interface(chinese, qtbot, demo_file, tmp_path):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, copy)
    try:
        manual = open_manual(window, qtbot, "使用手册")
        assert manual.windowTitle() == "扎根使用手册"
        check_manual(manual, ZH_HEADINGS, "zh")
    finally:
        window.session.close()


def test_a_click_on_a_heading_scrolls_to_its_section(demo_window, qtbot):
    manual = open_manual(demo_window, qtbot, "Manual")
    manual.resize(900, 600)
    item = next(manual.contents.topLevelItem(i) for i in range(manual.contents.topLevelItemCount())
                if manual.contents.topLevelItem(i).text(0) == "Saturation")
    manual.contents.itemClicked.emit(item, 0)
    top = manual.browser.cursorForPosition(QPoint(5, 5)).block()
    assert top.text() == "Saturation" or top.previous().text() == "Saturation"


def test_both_manuals_have_the_same_structure_and_pictures():
    def outline(language: str) -> tuple[list[str], list[str]]:
        text = (MANUAL / f"{language}.md").read_text(encoding="utf-8")
        levels = re.findall(r"^(#+) ", text, flags=re.MULTILINE)
        pictures = re.findall(r"!\[[^\]]*\]\(images/\w+/([\w.]+)\)", text)
        return levels, pictures

    assert outline("en") == outline("zh")
    en_pictures = outline("en")[1]
    for language in ("en", "zh"):
        shipped = sorted(p.name for p in (MANUAL / "images" / language).glob("*.png"))
        assert shipped == sorted(en_pictures)  # every picture used, none missing


def test_the_shortcut_list_names_every_shortcut_of_the_window(demo_window):
    help_action(demo_window, "Keyboard shortcuts").trigger()
    dialog = demo_window.findChild(ShortcutsDialog)
    assert dialog.isVisible()
    rows = dialog.rows()
    assert ("Ctrl+Return", "Code the selection with the current code", "Code") in rows
    assert ("Alt+N", "New code…", "Code") in rows
    assert ("Ctrl+Shift+I", "Import transcripts…", "Project") in rows
    assert ("F1", "Manual", "Help") in rows
    assert ("Ctrl+1", "(free)", "Code → Pinned codes") in rows
    from PySide6.QtGui import QAction

    with_keys = [a for a in demo_window.findChildren(QAction) if not a.shortcut().isEmpty()]
    assert len(rows) == len(with_keys)  # every action with a shortcut, each once
    dialog.close()


def test_the_shortcut_list_follows_the_actions(demo_window):
    demo_window.in_vivo_action.setShortcut("Ctrl+Alt+V")
    rows = demo_window.help.show_shortcuts().rows()
    assert ("Ctrl+Alt+V", "In-vivo code", "Code") in rows
    assert not [r for r in rows if r[0] == "Ctrl+I"]


def test_mnemonics_are_taken_out_of_action_names():
    assert plain("&Open…") == "Open…"
    assert plain("打开(&O)…") == "打开…"
    assert plain("Save && close") == "Save & close"


def panels(window) -> dict[str, list]:
    return {"codes": [window.codes, window.codes.tree], "board": [window.board, window.board.view],
            "saturation": [window.saturation], "trail": [window.trail, window.trail.tree],
            "agreement": [window.agreement], "memos": [window.memos], "memo_list": [window.memo_list]}


def test_every_gt_panel_says_what_it_is_in_english(demo_window):
    texts = {}
    for key, widgets in panels(demo_window).items():
        for widget in widgets + [demo_window._docks[key]]:
            assert widget.whatsThis().strip(), key
        texts[key] = demo_window._docks[key].whatsThis()
    assert "a1, A1, AA1" in texts["codes"] and "Shift" in texts["codes"]
    assert "κ" in texts["agreement"] and "held out" in texts["saturation"].lower()
    assert len(set(texts.values())) == len(GT_PANELS)


def test_every_gt_panel_says_what_it_is_in_chinese(chinese, qtbot, demo_file, tmp_path):
    copy = tmp_path / "demo.zhagen"
    copy.write_bytes(demo_file.read_bytes())
    window = open_window(qtbot, copy)
    try:
        for key, widgets in panels(window).items():
            for widget in widgets + [window._docks[key]]:
                text = widget.whatsThis()
                assert re.search(r"[\u4e00-\u9fff]{4}", re.sub(r"（[^）]*）|\([^)]*\)", "", text)), (key, text)
        assert "代码系统" in window.codes.whatsThis() and "饱和度" in window.saturation.whatsThis()
        assert "What's" not in help_action(window, "这是什么？").text()
    finally:
        window.session.close()


def whats_this_popup() -> bool:
    return any(w.isVisible() and w.metaObject().className() == "QWhatsThat" for w in QApplication.topLevelWidgets())


def test_whats_this_then_a_click_on_the_code_tree_explains_it(demo_window, qtbot):
    qtbot.waitExposed(demo_window)
    action = help_action(demo_window, "What's This?")
    assert action.shortcut().toString() == "Shift+F1"
    action.trigger()
    assert QWhatsThis.inWhatsThisMode()
    qtbot.mouseClick(demo_window.codes.tree.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 30))
    assert whats_this_popup()
    QWhatsThis.hideText()
    QWhatsThis.enterWhatsThisMode()  # the transcript has no text of its own: nothing is shown there
    qtbot.mouseClick(demo_window.transcript.text_edit.viewport(), Qt.MouseButton.LeftButton, pos=QPoint(40, 30))
    assert not whats_this_popup()
    if QWhatsThis.inWhatsThisMode():
        QWhatsThis.leaveWhatsThisMode()


def test_the_manual_ships_with_the_package():
    import tomllib

    data = tomllib.loads((Path(__file__).resolve().parents[2] / "pyproject.toml").read_text(encoding="utf-8"))
    patterns = data["tool"]["setuptools"]["package-data"]["app"]
    from fnmatch import fnmatch

    app = MANUAL.parent
    for path in [*MANUAL.glob("*.md"), *MANUAL.glob("images/*/*.png")]:
        assert any(fnmatch(str(path.relative_to(app)), p) for p in patterns), path
