"""The zhagen command line, run as a user would: new, code, codings, stats, codes, help."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coding.cli import build_parser, main

ROOT = Path(__file__).resolve().parents[2]
TEXT = "访谈者：您怎么看朝阳群众？\n受访者：我就是朝阳群众，戴着红袖标巡逻，心里踏实👍。"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT)}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env, timeout=120)


@pytest.fixture
def project(location, store):
    from coding.services import documents, participants

    p = participants.add_participant(store, "A08").value
    documents.add_document(store, "A08 志愿者访谈", TEXT, participant_id=p.id)
    return location


def test_code_then_codings_and_stats(project, capsys):
    start = TEXT.index("戴着红袖标巡逻")
    assert main(["code", project, "--doc", "A08 志愿者访谈", "--start", str(start), "--end", str(start + 7),
                 "--code", "朝阳群众品牌传播>身份标识>佩戴红袖标", "--coder", "李文"]) == 0
    assert "戴着红袖标巡逻" in capsys.readouterr().out
    s2 = TEXT.index("心里踏实👍")
    assert main(["code", project, "--doc", "A08 志愿者访谈", "--start", str(s2), "--end", str(s2 + 5),
                 "--code", "情感能量>安全感", "--coder", "张研", "--level", "category"]) == 0
    capsys.readouterr()
    assert main(["codings", project, "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert [(r["code"], r["document"], r["participant"], r["coder"], r["text"]) for r in rows] == [
        ("朝阳群众品牌传播>身份标识>佩戴红袖标", "A08 志愿者访谈", "A08", "李文", "戴着红袖标巡逻"),
        ("情感能量>安全感", "A08 志愿者访谈", "A08", "张研", "心里踏实👍"),
    ]
    assert main(["codings", project, "--json", "--code", "情感能量"]) == 0
    assert [r["text"] for r in json.loads(capsys.readouterr().out)] == ["心里踏实👍"]
    assert main(["codings", project, "--json", "--coder", "李文"]) == 0
    assert [r["coder"] for r in json.loads(capsys.readouterr().out)] == ["李文"]
    assert main(["stats", project, "--json"]) == 0
    stats = json.loads(capsys.readouterr().out)
    assert stats["documents"] == 1 and stats["participants"] == 1 and stats["codings"] == 2
    assert stats["codes"] == 5
    assert stats["codes_by_level"] == {"concept": 1, "category": 1, "main": 0, "core": 0, "none": 3}
    assert stats["codings_by_coder"] == {"张研": 1, "李文": 1}
    for key in ("turns", "units", "coders", "memos", "relations", "events", "speakers"):
        assert key in stats
    assert main(["codes", project, "--json"]) == 0
    counts = {c["path"]: (c["codings"], c["codings_with_subcodes"], c["documents_with_subcodes"])
              for c in json.loads(capsys.readouterr().out)}
    assert counts["朝阳群众品牌传播"] == (0, 1, 1) and counts["朝阳群众品牌传播>身份标识>佩戴红袖标"] == (1, 1, 1)
    assert main(["codes", project]) == 0
    assert "情感能量  [none] (0, 1 with subcodes; 1 documents)" in capsys.readouterr().out.splitlines()


def test_code_errors_are_one_line(project, capsys):
    assert main(["code", project, "--doc", "nope", "--start", "0", "--end", "2", "--code", "x"]) == 1
    assert capsys.readouterr().err.strip() == "zhagen: no document named 'nope'"
    assert main(["code", project, "--doc", "A08 志愿者访谈", "--start", "5", "--end", "999", "--code", "x"]) == 1
    err = capsys.readouterr().err.strip()
    assert "not inside document 'A08 志愿者访谈'" in err and len(err.splitlines()) == 1
    assert main(["codings", project, "--code", "不存在"]) == 1
    assert "no code at path '不存在'" in capsys.readouterr().err


def test_the_command_line_says_the_cores_messages_in_english(project, capsys, tmp_path):
    """The GUI says them in Chinese when its interface is Chinese (tests/ui/test_core_messages.py); the command
    line keeps the English sentence, values filled in."""
    from coding.services.coders import use_coder
    from coding.storage import open_project

    with open_project(project, backup=False) as store:
        use_coder(store, "王新")
    start = TEXT.index("戴着红袖标巡逻")
    assert main(["code", project, "--doc", "A08 志愿者访谈", "--start", str(start), "--end", str(start + 7),
                 "--code", "身份标识", "--coder", "张研"]) == 0
    capsys.readouterr()
    assert main(["agreement", project, "--coders", "张研,王新"]) == 1
    assert capsys.readouterr().err.strip() == "zhagen: coder '王新' has no codings to compare"
    again = tmp_path / "again.txt"
    again.write_text(TEXT, encoding="utf-8")
    assert main(["import", project, str(again)]) == 0  # a duplicate is skipped, not an error
    assert "again.txt: skipped: same text as document 'A08 志愿者访谈' already in the project" in capsys.readouterr().err


def test_help_is_complete_for_every_command():
    proc = run("--help")
    assert proc.returncode == 0
    parser = build_parser()
    commands = parser._subparsers._group_actions[0].choices  # noqa: SLF001 - argparse has no public accessor
    for name in ("new", "stats", "demo", "code", "codings"):
        assert name in proc.stdout and name in commands
    for name, sub in commands.items():
        text = sub.format_help()
        assert sub.description, name
        for action in sub._actions:  # noqa: SLF001
            assert action.help, f"zhagen {name}: {action.dest} has no help"
        assert "PROJECT" in text


def test_entry_point_new_and_stats(tmp_path):
    path = tmp_path / "新项目.zhagen"
    proc = run("new", str(path))
    assert proc.returncode == 0, proc.stderr
    proc = run("stats", str(path), "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["documents"] == 0


def test_no_arguments_starts_the_gui_entry_and_exits_zero(tmp_path):
    proc = subprocess.run([sys.executable, str(ROOT / "main.py")], capture_output=True, text=True, timeout=120,
                          env={**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT),
                               "XDG_CONFIG_HOME": str(tmp_path), "HOME": str(tmp_path), "LANG": "C"})
    assert proc.returncode == 0, proc.stderr
    assert "zhagen open PROJECT" in proc.stderr  # no recent project yet: it says how to open one
