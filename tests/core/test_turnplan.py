"""Confirm before storing: per-file speaker summaries and choices (corpus.turnplan), and the import applying them."""

from __future__ import annotations

from pathlib import Path

import pytest

from coding import queries
from coding.errors import InvalidInput
from corpus.pipeline import ImportOptions, import_files
from corpus.speakers import Segmentation, TurnSpan, segment_turns
from corpus.turnplan import (
    LabelChoice,
    apply,
    default_choices,
    default_participant,
    participants,
    problems,
    summarise,
)

INTERVIEWERS = {"访谈者", "问", "Q"}


def hand_segmented(text: str, header_end: int = 0, meta: dict | None = None) -> Segmentation:
    """Turns cut by hand: a line `label：…` starts a turn, other lines continue it (or start an unlabelled one)."""
    turns: list[TurnSpan] = []
    pos = header_end
    for line in text[header_end:].split("\n"):
        end = pos + len(line)
        label, colon, _ = line.partition("：")
        if colon and 0 < len(label) <= 8:
            turns.append(TurnSpan(pos + len(label) + 1, end, label, label in INTERVIEWERS, None, pos))
        elif turns and line.strip():
            turns[-1] = TurnSpan(turns[-1].start, end, turns[-1].speaker, turns[-1].is_interviewer,
                                 turns[-1].timestamp, turns[-1].label_start)
        elif line.strip():
            turns.append(TurnSpan(pos, end, "", False))
        pos = end + 1
    return Segmentation(header_end, meta or {}, turns)


def spoken(text: str, seg: Segmentation) -> list[tuple[str, bool, str]]:
    return [(t.speaker, t.is_interviewer, text[t.start:t.end]) for t in seg.turns]


@pytest.mark.parametrize(("name", "meta", "expected"), [
    ("A03 张某访谈.docx", {}, ("A03", "")),
    ("P12_社区民警.txt", {}, ("P12", "")),
    ("S-01居民.txt", {}, ("S-01", "")),
    ("001 居民.txt", {}, ("001", "")),
    ("张书记访谈.txt", {}, ("张书记访谈", "")),
    ("2023年  朝阳访谈.txt", {}, ("2023年 朝阳访谈", "")),  # a year is not an ID; runs of spaces become one
    ("A03 张某访谈.docx", {"编号": "B07（社区民警）"}, ("B07", "编号")),
    ("A03.txt", {"时间": "2023年", "访谈编号": "2023-05"}, ("2023-05", "访谈编号")),
    ("A03.txt", {"编号": "x", "受访者编号": "张三"}, ("张三", "受访者编号")),  # the better key wins
    ("A03.txt", {"受访者编号": " "}, ("A03", "")),
])
def test_default_participant_from_metadata_or_file_name(name, meta, expected):
    assert default_participant(name, meta) == expected


def test_summary_of_a_real_segmentation():
    long = "您好，请介绍一下您在社区的工作，越详细越好，我们从头说起吧，比如您是哪一年来到这个社区的，当时社区是什么样子，后来有哪些变化？"
    text = (f"受访者编号：A07\n时间：2023年5月\n\n访谈者：{long}\n"
            "受访者：我在社区工作十年了。\n主要是巡逻。\n访谈者：谢谢。")
    seg = segment_turns(text)
    summary = summarise("居民访谈.txt", text, seg)
    assert [(s.label, s.turns, s.interviewer) for s in summary.labels] == [("访谈者", 2, True), ("受访者", 1, False)]
    assert len(long) > 60 and summary.labels[0].first_line == long[:60] + "…"
    assert summary.labels[1].first_line == "我在社区工作十年了。"
    assert summary.meta == {"受访者编号": "A07", "时间": "2023年5月"}
    assert (summary.participant, summary.participant_source) == ("A07", "受访者编号")
    assert summary.turns == 3 and summary.unlabelled == 0
    assert default_choices(summary) == {
        "访谈者": LabelChoice("访谈者", True, ""),
        "受访者": LabelChoice("受访者", False, "A07"),
    }


def test_two_non_interviewer_labels_get_no_default_participant():
    text = "访谈者：大家好。\n张书记：我先说。\n李主任：我补充。\n张书记：好。"
    summary = summarise("B02 座谈.txt", text, hand_segmented(text))
    assert summary.participant == "B02"
    assert {label: c.participant for label, c in default_choices(summary).items()} == {"访谈者": "", "张书记": "", "李主任": ""}


def test_unlabelled_turns_are_counted_apart():
    text = "开场白，没有标签。\n访谈者：您好。\n受访者：好。"
    summary = summarise("x.txt", text, hand_segmented(text))
    assert summary.unlabelled == 1 and [s.label for s in summary.labels] == ["访谈者", "受访者"]


def test_rename_merges_labels_and_marks_the_interviewer():
    text = "问：您哪年来的？\n答：二〇一三年。\n访谈者：做什么？\n受访者：巡逻。\n书记：我来补充。"
    seg = hand_segmented(text)
    choices = {
        "问": LabelChoice("访谈者", True),
        "答": LabelChoice("受访者", False, "A03"),
        "受访者": LabelChoice("受访者", False),  # merged: the participant given on one of them holds for both
        "书记": LabelChoice("书记", True),  # a second interviewer
    }
    out = apply(text, seg, choices)
    assert spoken(text, out) == [("访谈者", True, "您哪年来的？"), ("受访者", False, "二〇一三年。"),
                                 ("访谈者", True, "做什么？"), ("受访者", False, "巡逻。"), ("书记", True, "我来补充。")]
    assert participants(choices) == {"受访者": "A03"}
    assert [t.label_start for t in out.turns] == [t.label_start for t in seg.turns]


def test_labels_without_a_choice_stay_as_they_are():
    text = "访谈者：您好。\n受访者：好。"
    seg = hand_segmented(text)
    assert apply(text, seg, {}).turns == seg.turns
    assert apply(text, seg, {"受访者": LabelChoice("居民", False)}).turns[0] == seg.turns[0]


def test_not_a_speaker_joins_the_turn_before():
    text = "访谈者：您怎么看？\n受访者：我们有办法。\n比如说：先摸底。\n访谈者：还有呢？\n受访者：再入户。\n比如说：发传单。"
    seg = hand_segmented(text)
    assert [t.speaker for t in seg.turns].count("比如说") == 2
    out = apply(text, seg, {"比如说": LabelChoice("比如说", False, "A03", not_speaker=True)})
    assert spoken(text, out) == [
        ("访谈者", True, "您怎么看？"), ("受访者", False, "我们有办法。\n比如说：先摸底。"),
        ("访谈者", True, "还有呢？"), ("受访者", False, "再入户。\n比如说：发传单。"),
    ]
    assert participants({"比如说": LabelChoice("比如说", False, "A03", not_speaker=True)}) == {}


def test_not_a_speaker_at_the_start_is_an_unknown_speakers_turn_from_its_label_line():
    text = "标题：访谈\n\n  第一部分：社区概况\n我们社区很大。\n访谈者：几个小区？\n受访者：三个。\n第一部分：完\n"
    header_end = text.index("  第一部分")
    seg = hand_segmented(text, header_end, {"标题": "访谈"})
    seg = Segmentation(seg.header_end, seg.meta,
                       [TurnSpan(t.start, t.end, t.speaker.strip(), t.is_interviewer, "00:01" if i == 0 else None, t.label_start)
                        for i, t in enumerate(seg.turns)])
    out = apply(text, seg, {"第一部分": LabelChoice("第一部分", False, not_speaker=True)})
    first = out.turns[0]
    assert (first.speaker, first.is_interviewer, first.timestamp, first.label_start) == ("", False, "00:01", None)
    assert text[first.start:first.end] == "第一部分：社区概况\n我们社区很大。"  # from the label's line, its indent left out
    assert spoken(text, out)[1:] == [("访谈者", True, "几个小区？"), ("受访者", False, "三个。\n第一部分：完")]
    assert (out.header_end, out.meta) == (seg.header_end, seg.meta)


@pytest.mark.parametrize(("choices", "kind", "message"), [
    ({"答": LabelChoice("受访者", False), "受访者": LabelChoice("受访者", True)}, "interviewer_differs",
     "答、受访者 are all stored as '受访者', but not all of them are marked interviewer"),
    ({"答": LabelChoice("受访者", False, "A03"), "受访者": LabelChoice("受访者", False, "A04")}, "participant_differs",
     "答、受访者 are all stored as '受访者', but are linked to different participants (A03、A04)"),
    ({"答": LabelChoice("受访\n者", False)}, "bad_name", "答: '受访\\n者' cannot be a speaker name"),
    ({"答": LabelChoice("  ", False)}, "bad_name", "答: '  ' cannot be a speaker name"),
    ({"答": LabelChoice("答", False, "A" * 41)}, "bad_participant", "cannot be a participant ID"),
])
def test_problems_are_found_and_refuse_apply(choices, kind, message):
    found = problems(choices)
    assert [p.kind for p in found] == [kind]
    assert message in str(found[0])
    text = "答：好。\n受访者：对。"
    with pytest.raises(ValueError, match="cannot be|are all stored"):
        apply(text, hand_segmented(text), choices)


def test_merged_labels_that_agree_and_a_label_not_a_speaker_are_no_problem():
    assert problems({"答": LabelChoice("受访者", False, "A03"), "受访者": LabelChoice("受访者", False, "A03"),
                     "问": LabelChoice("受访者", True, not_speaker=True)}) == []


# ---------------------------------------------------------------- the import applies each file's choices


def transcripts(tmp_path: Path) -> list[str]:
    paths = []
    for name, answer in (("A01 居民.txt", "我常参加巡逻。"), ("A02 民警.txt", "我每天走访。")):
        path = tmp_path / name
        path.write_text(f"访谈者：您做什么？\n受访者：{answer}\n张书记：注意安全。\n访谈者：谢谢。\n受访者：不客气。\n张书记：再见。",
                        encoding="utf-8")
        paths.append(str(path))
    return paths


def test_same_label_in_two_files_is_two_participants(tmp_path, store):
    a, b = transcripts(tmp_path)
    choices = {
        a: {"受访者": LabelChoice("居民", False, "A01"), "张书记": LabelChoice("张书记", False, not_speaker=True)},
        b: {"受访者": LabelChoice("受访者", False, "A02"), "访谈者": LabelChoice("研究者", True)},
    }
    report = import_files(store, [a, b], ImportOptions(), choices=choices, workers=1)
    assert [(f.status, f.participants) for f in report.files] == [("imported", ("A01",)), ("imported", ("A02",))]
    people = {p.pid: p.id for p in queries.list_participants(store)}
    docs = {d.name: d for d in queries.list_documents(store)}
    assert docs["A01 居民"].participant_id == people["A01"] and docs["A02 民警"].participant_id == people["A02"]
    first = [(t.speaker, t.participant_id, t.is_interviewer) for t in queries.list_turns(store, docs["A01 居民"].id)]
    assert first == [("访谈者", None, True), ("居民", people["A01"], False), ("访谈者", None, True), ("居民", people["A01"], False)]
    text, answer = queries.document_text(store, docs["A01 居民"].id), queries.list_turns(store, docs["A01 居民"].id)[1]
    assert text[answer.start:answer.end] == "我常参加巡逻。\n张书记：注意安全。"
    second = [(t.speaker, t.participant_id) for t in queries.list_turns(store, docs["A02 民警"].id)]
    assert second == [("研究者", None), ("受访者", people["A02"]), ("张书记", None), ("研究者", None),
                      ("受访者", people["A02"]), ("张书记", None)]
    for doc in docs.values():  # units are cut after the choices: each stays inside its (corrected) turn
        turns = {t.id: t for t in queries.list_turns(store, doc.id)}
        for unit in queries.list_units(store, doc.id):
            assert turns[unit.turn_id].start <= unit.start < unit.end <= turns[unit.turn_id].end


def test_a_files_choices_win_over_the_shared_mapping_and_defaults_fill_the_rest(tmp_path, store):
    a, b = transcripts(tmp_path)
    c = tmp_path / "无编号访谈.txt"
    c.write_text("访谈者：您好。\n受访者：您好。", encoding="utf-8")
    report = import_files(store, [a, b], ImportOptions(), speakers={"受访者": "R9"},
                          choices={b: {"受访者": LabelChoice("受访者", False, "A02")}}, workers=1)
    assert [f.participants for f in report.files] == [("R9",), ("A02",)]
    report = import_files(store, [str(c)], ImportOptions(default_participants=True), workers=1)
    assert report.files[0].participants == ("无编号访谈",)
    assert sorted(p.pid for p in queries.list_participants(store)) == ["A02", "R9", "无编号访谈"]


def test_choices_that_cannot_be_stored_refuse_the_whole_import(tmp_path, store, state):
    a, b = transcripts(tmp_path)
    before = state(store)
    bad = {b: {"受访者": LabelChoice("访谈者", False), "访谈者": LabelChoice("访谈者", True)}}  # merged, one not marked
    with pytest.raises(InvalidInput, match=r"^A02 民警.txt: 受访者、访谈者 are all stored as '访谈者'.*; nothing imported$"):
        import_files(store, [a, b], ImportOptions(), choices=bad, workers=1)
    assert state(store) == before


def test_a_label_renamed_onto_a_label_left_alone_must_agree_with_it(tmp_path, store):
    a, b = transcripts(tmp_path)
    report = import_files(store, [a, b], ImportOptions(), choices={b: {"受访者": LabelChoice("访谈者", False)}}, workers=1)
    assert [f.status for f in report.files] == ["imported", "failed"]
    assert report.files[1].reason == ("speaker choices: 访谈者、受访者 are all stored as '访谈者', "
                                      "but not all of them are marked interviewer")
    assert [d.name for d in queries.list_documents(store)] == ["A01 居民"]
