"""Every user-visible string of app/ has a Chinese translation in the shipped .ts/.qm."""

from __future__ import annotations

import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TS = ROOT / "app" / "translations" / "zhagen_zh_CN.ts"


def test_every_tr_string_is_translated(tmp_path):
    fresh = tmp_path / "check.ts"
    shutil.copy(TS, fresh)
    lupdate = Path(sys.executable).with_name("pyside6-lupdate")
    sources = sorted(str(p) for p in (ROOT / "app").glob("*.py"))
    subprocess.run([str(lupdate), *sources, "-no-obsolete", "-ts", str(fresh)], check=True, capture_output=True)
    missing = [
        m.findtext("source")
        for m in ET.parse(fresh).iter("message")
        if m.find("translation").get("type") == "unfinished" or not (m.findtext("translation") or "").strip()
    ]
    assert not missing, f"untranslated (run python scripts/translations.py): {missing}"
    assert TS.with_suffix(".qm").stat().st_size > 1000


def test_lupdate_sees_every_tr_literal():
    """A tr("…") that lupdate cannot see (inside an f-string, say) would stay English in the Chinese interface."""
    import re

    literal = re.compile(r"""\btr\(\s*(?:"((?:[^"\\]|\\.)*)"|'((?:[^'\\]|\\.)*)')\s*[,)]""")
    sources = {m.findtext("source") for m in ET.parse(TS).iter("message")}
    unseen = []
    for path in sorted((ROOT / "app").glob("*.py")):
        for match in literal.finditer(path.read_text(encoding="utf-8")):
            text = (match.group(1) if match.group(1) is not None else match.group(2)).encode().decode("unicode_escape")
            text = text.encode("latin-1").decode("utf-8") if any(ord(c) > 127 for c in text) else text
            if text not in sources:
                unseen.append(f"{path.name}: {text}")
    assert not unseen, unseen


def test_qt_own_buttons_are_chinese_in_the_chinese_interface(qapp):
    from PySide6.QtWidgets import QDialogButtonBox, QMessageBox

    from app.launcher import set_language

    set_language("zh_CN")
    try:
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
                               | QDialogButtonBox.StandardButton.Close)
        texts = [box.button(b).text() for b in (QDialogButtonBox.StandardButton.Ok, QDialogButtonBox.StandardButton.Cancel,
                                                QDialogButtonBox.StandardButton.Close)]
        assert texts == ["确定", "取消", "关闭"]
        question = QMessageBox(QMessageBox.Icon.Question, "", "", QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No)
        assert [question.button(b).text().replace("&", "") for b in (QMessageBox.StandardButton.Yes,
                                                                     QMessageBox.StandardButton.No)][0].startswith("是")
    finally:
        set_language("en")
    english = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
    assert english.buttons()[0].text() == "Cancel"
