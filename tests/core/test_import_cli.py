"""`zhagen import` for transcripts, run as a user would: --dry-run summaries, per-file speaker options, one-line refusals."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from coding import queries
from coding.cli import main
from coding.errors import InvalidInput
from coding.storage import create_project, open_project
from corpus.import_command import Rule, parse_rule, plan_choices
from corpus.turnplan import FileSummary, LabelChoice, LabelSummary
from tests.conftest import stored_state

ROOT = Path(__file__).resolve().parents[2]
RESIDENT = ("受访者编号：A07\n时间：2023年5月\n\n访谈者：您平时做什么？\n受访者：我常参加巡逻。\n张书记：大家要注意安全。\n"
            "访谈者：谢谢。\n答：不客气。\n张书记：再见。\n")
POLICE = "访谈者：您平时做什么？\n受访者：我每天走访。\n访谈者：谢谢。\n受访者：不客气。\n"


def run(*args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(ROOT), "ZHAGEN_CODER": "张研"}
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True, env=env,
                          timeout=120)


@pytest.fixture
def files(tmp_path) -> tuple[str, str, str]:
    project = tmp_path / "study.zhagen"
    create_project(project).close()
    resident, police = tmp_path / "居民访谈.txt", tmp_path / "A02 民警.txt"
    resident.write_text(RESIDENT, encoding="gbk")
    police.write_text(POLICE, encoding="utf-8")
    return str(project), str(resident), str(police)


def state(project: str) -> dict:
    with open_project(project, backup=False) as store:
        return stored_state(store)


def test_dry_run_prints_each_files_labels_and_changes_nothing(files):
    project, resident, police = files
    before = state(project)
    proc = run("import", project, resident, police, "--dry-run")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines() == [
        f"{resident}: encoding gb18030, 6 turns (0 without a label); default participant A07 (from 受访者编号)",
        "  metadata: 受访者编号=A07、时间=2023年5月",
        "  访谈者: 2 turns, interviewer: 您平时做什么？",
        "  受访者: 1 turn, no participant: 我常参加巡逻。",
        "  张书记: 2 turns, no participant: 大家要注意安全。",
        "  答: 1 turn, no participant: 不客气。",
        f"{police}: encoding utf-8, 4 turns (0 without a label); default participant A02 (from file name)",
        "  metadata: (none)",
        "  访谈者: 2 turns, interviewer: 您平时做什么？",
        "  受访者: 2 turns, no participant: 我每天走访。",
    ]
    assert proc.stderr.strip() == "dry run: nothing was imported"
    assert state(project) == before


def test_dry_run_json_shows_what_the_options_would_store(files):
    project, resident, police = files
    proc = run("import", project, resident, police, "--dry-run", "--json", "--default-participants",
               "--rename", "居民访谈:答=受访者", "--not-speaker", "居民访谈.txt:张书记", "--speaker", "A02 民警.txt：受访者=P2")
    assert proc.returncode == 0, proc.stderr
    infos = json.loads(proc.stdout)
    assert [(i["path"], i["default_participant"], i["default_participant_from"], i["metadata"]) for i in infos] == [
        (resident, "A07", "受访者编号", {"受访者编号": "A07", "时间": "2023年5月"}), (police, "A02", "file name", {})]
    assert [(x["label"], x["turns"], x["name"], x["interviewer"], x["participant"], x["not_speaker"])
            for x in infos[0]["labels"]] == [
        ("访谈者", 2, "访谈者", True, "", False),
        ("受访者", 1, "受访者", False, "A07", False),  # the default: the file's one speaker besides the interviewer …
        ("张书记", 2, "张书记", False, "", True),  # … once 张书记 is no speaker …
        ("答", 1, "受访者", False, "A07", False),  # … and 答 is merged into 受访者
    ]
    assert [(x["label"], x["participant"]) for x in infos[1]["labels"]] == [("访谈者", ""), ("受访者", "P2")]
    assert infos[0]["labels"][2]["first_line"] == "大家要注意安全。" and infos[0]["turns"] == 6


def test_per_file_options_store_per_file_participants(files):
    project, resident, police = files
    proc = run("import", project, resident, police, "--json", "--speaker", "居民访谈:受访者=A07",
               "--rename", "居民访谈:答=受访者", "--not-speaker", "张书记", "--speaker", "A02 民警:受访者=A02")
    assert proc.returncode == 0, proc.stderr
    report = json.loads(proc.stdout)
    assert [(f["status"], f["name"], f["participants"]) for f in report] == [
        ("imported", "居民访谈", ["A07"]), ("imported", "A02 民警", ["A02"])]
    with open_project(project, backup=False) as store:
        people = {p.pid: p.id for p in queries.list_participants(store)}
        docs = {d.name: d for d in queries.list_documents(store)}
        assert set(people) == {"A07", "A02"}
        assert docs["居民访谈"].participant_id == people["A07"] and docs["A02 民警"].participant_id == people["A02"]
        turns = queries.list_turns(store, docs["居民访谈"].id)
        text = queries.document_text(store, docs["居民访谈"].id)
        assert [(t.speaker, t.participant_id, text[t.start:t.end]) for t in turns] == [
            ("访谈者", None, "您平时做什么？"),
            ("受访者", people["A07"], "我常参加巡逻。\n张书记：大家要注意安全。"),
            ("访谈者", None, "谢谢。"),
            ("受访者", people["A07"], "不客气。\n张书记：再见。"),
        ]
        assert [(t.speaker, t.participant_id) for t in queries.list_turns(store, docs["A02 民警"].id)] == [
            ("访谈者", None), ("受访者", people["A02"]), ("访谈者", None), ("受访者", people["A02"])]


def test_default_participants_without_other_options(files):
    project, resident, police = files
    proc = run("import", project, resident, police, "--default-participants")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout.splitlines()[1].endswith("4 units, participant A02")
    with open_project(project, backup=False) as store:
        docs = {d.name: d for d in queries.list_documents(store)}
        people = {p.id: p.pid for p in queries.list_participants(store)}
        assert people[docs["A02 民警"].participant_id] == "A02"
        assert docs["居民访谈"].participant_id is None  # three non-interviewer labels: who is A07 is the researcher's call


@pytest.mark.parametrize(("options", "message"), [
    (["--speaker", "A09.txt:受访者=A09"], "--speaker A09.txt:受访者=A09: no file named 'A09.txt' among the files given"),
    (["--speaker", "A02 民警:答=A02"], "--speaker A02 民警:答=A02: A02 民警.txt has no speaker label '答' "
                                     "(its labels: 访谈者、受访者)"),
    (["--not-speaker", "比如说"], "--not-speaker 比如说: no file given has the speaker label '比如说'"),
    (["--speaker", "受访者"], "--speaker wants [FILE:]LABEL=ID (e.g. 受访者=A03), not '受访者'"),
    (["--rename", "答="], "--rename wants [FILE:]OLD=NEW (e.g. 答=受访者), not '答='"),
    (["--interviewer", ":受访者"], "--interviewer wants [FILE:]LABEL (e.g. 研究者), not ':受访者'"),
    (["--rename", "答=访谈者"], "居民访谈.txt: 访谈者、答 are all stored as '访谈者', but not all of them are marked "
                             "interviewer; nothing imported"),
    (["--speaker", "居民访谈:受访者=A08", "--speaker", "居民访谈:答=A07", "--rename", "答=受访者"],
     "居民访谈.txt: 受访者、答 are all stored as '受访者', but are linked to different participants (A07、A08); nothing imported"),
    (["--interviewer", "答", "--speaker", "答=A07"], "--speaker 答=A07: '答' is also given --interviewer in 居民访谈.txt; "
                                                  "interviewer turns are linked to no participant"),
    (["--rename", "答=受\\n访者"], None),
])
def test_bad_options_are_one_line_and_import_nothing(files, capsys, options, message):
    project, resident, police = files
    before = state(project)
    options = [o.replace("\\n", "\n") for o in options]
    assert main(["import", project, resident, police, *options, "--coder", "张研"]) == 1
    err = capsys.readouterr().err
    assert len(err.strip().splitlines()) == 1 if message else err.startswith("zhagen: ")
    if message:
        assert err.strip() == f"zhagen: {message}"
    assert state(project) == before


def test_a_bad_option_through_the_real_command(files):
    project, resident, police = files
    proc = run("import", project, resident, police, "--speaker", "A03.txt:受访者=A03")
    assert proc.returncode == 1 and proc.stdout == ""
    assert proc.stderr == "zhagen: --speaker A03.txt:受访者=A03: no file named 'A03.txt' among the files given\n"


def test_an_unreadable_file_is_reported_by_the_dry_run(files, tmp_path):
    project, resident, _ = files
    empty = tmp_path / "空.txt"
    empty.write_bytes(b"")
    proc = run("import", project, resident, str(empty), "--dry-run")
    assert proc.returncode == 1
    assert f"{empty}: failed: empty file" in proc.stderr and proc.stdout.startswith(f"{resident}: encoding gb18030")


# ---------------------------------------------------------------- the rules themselves


def summary(name: str, *labels: tuple[str, bool]) -> FileSummary:
    return FileSummary(name, tuple(LabelSummary(label, 1, "…", interviewer) for label, interviewer in labels), 0, {},
                       name.split()[0], "")


def test_a_speaker_option_says_the_label_is_not_the_interviewer_and_finds_renamed_labels():
    summaries = {"/a/A01 x.txt": summary("A01 x.txt", ("记者", True), ("问", True)),
                 "/b/A02 y.txt": summary("A02 y.txt", ("问", True), ("答", False), ("受访者", False))}
    rules = [parse_rule("--speaker", "A01 x:记者=A01"), parse_rule("--rename", "A02 y.txt:答=受访者"),
             parse_rule("--speaker", "受访者=A02")]
    choices = plan_choices(summaries, rules)
    assert choices["/a/A01 x.txt"] == {"记者": LabelChoice("记者", False, "A01"), "问": LabelChoice("问", True)}
    assert choices["/b/A02 y.txt"] == {"问": LabelChoice("问", True), "答": LabelChoice("受访者", False, "A02"),
                                       "受访者": LabelChoice("受访者", False, "A02")}


def test_rule_syntax():
    assert parse_rule("--speaker", "A03 张某.docx:受访者=A03") == Rule("--speaker", "A03 张某.docx", "受访者", "A03",
                                                                      "A03 张某.docx:受访者=A03")
    assert parse_rule("--not-speaker", "比如说") == Rule("--not-speaker", None, "比如说", "", "比如说")
    assert Rule("--speaker", "A03", "受访者", "A03", "").matches("/x/A03.txt")
    assert not Rule("--speaker", "A03", "受访者", "A03", "").matches("/x/A031.txt")
    with pytest.raises(InvalidInput):
        parse_rule("--speaker", "A03.txt:=A03")
