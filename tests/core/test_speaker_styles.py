"""Speaker turns inferred from any transcript style (issue 14).

A style generator renders one transcript in every combination of decoration
(none, bold, bold apart, heading) × timestamp (before, after, own line, none)
× colon (full, half, none) × text on the label's line or the next × header or
not × .txt or .docx paragraphs, and every rendering must give the same turns,
speakers, timestamps and metadata. The .docx files are written with
python-docx (one paragraph a line, no blank paragraphs) and read back through
`corpus.readers.read_file`, so the whole path is tested. The two real
transcripts in tests/data go through the same renderings. Then one fixture per
family of real transcript styles, traditional characters, characters outside
the BMP, the rules that decide what is a speaker, a paragraph, metadata, and
hostile lines for the new decorations (linear time).
"""

from __future__ import annotations

import itertools
import time
from pathlib import Path

import pytest

from corpus.readers import read_file
from corpus.speakers import SpeakerPatterns, segment_turns

docx = pytest.importorskip("docx")

# ---------------------------------------------------------------- the style generator

# (speaker index: 0 interviewer, 1 interviewee; the turn's paragraphs). The interviewee's first answer is long,
# sentences with a colon open paragraphs (第一：, 我觉得： twice, a one-off 老李：), and the text has 𠮷 and emoji.
TRANSCRIPT = [
    (0, ["您好！今天想请您聊聊社区治理，可以吗？"]),
    (1, ["可以。我在社区工作了二十多年，先说说我们这个老小区吧：它是1985年建的，一共十二栋楼，住着三千多户居民，"
         "其中一半以上是退休的老人，年轻人白天都去上班了，所以我们的志愿者队伍主要靠退休的党员撑起来，每周三下午"
         "戴着红袖标巡逻，遇到可疑情况就在微信群里通报，10:30 开会，大家都来。",
         "第一：大家都认识𠮷野家的老板👍。",
         "我觉得：“朝阳群众”嘛，就是我们自己。"]),
    (0, ["那疫情的时候呢？"]),
    (1, ["我觉得：那时候最难。", "老李：他当时说的，轮流值守卡口，一天三班😀。"]),
    (0, ["谢谢您！"]),
]
TIMES = ["00:00:05.410", "00:00:09.020", "00:01:12.500", "00:01:15.000", "00:02:40.120"]
HEADER_META = {"文档编号": "A-07", "访谈时间": "2025年10月30日 10:34", "关键词": "社区治理；群防群治"}
DESCRIPTIONS = ("某学院某老师", "某区政府副区长某某")

DECORATIONS = ["none", "bold", "bold apart", "heading"]
TIMESTAMPS = ["before", "after", "own line", "none"]
COLONS = ["：", ":", ""]
PLACES = ["same line", "next line"]


def render(roles: tuple[str, str], decoration: str, timestamp: str, colon: str, place: str, header: bool,
           transcript: list[tuple[int, list[str]]] = TRANSCRIPT, times: list[str] = TIMES) -> list[tuple[str, bool]]:
    """The transcript as (line, turn ends here) pairs."""
    markdown = decoration != "none"
    lines: list[tuple[str, bool]] = []
    if header:
        lines.append(("# 语音转文字记录" if markdown else "语音转文字记录", False))
        key = (lambda k: f"**{k}**") if markdown else (lambda k: k)
        lines.append((f"{key('文档编号')}{colon or '：'}{HEADER_META['文档编号']}", False))
        lines.append((f"{key('访谈时间')}{colon or '：'}{HEADER_META['访谈时间']}", False))
        lines.append((f"{key(roles[1])}{colon or '：'}{DESCRIPTIONS[1]}", False))
        lines.append((f"{key(roles[0])}{colon or '：'}{DESCRIPTIONS[0]}", False))
        lines.append((f"{key('关键词')}{colon or '：'}{HEADER_META['关键词']}", False))
        lines.append(("---" if markdown else "", True))
    for (who, paragraphs), ts in zip(transcript, times):
        role = roles[who]
        stamp = f"[{ts}]"
        if timestamp == "own line":
            lines.append((stamp, False))
        before = f"{stamp} " if timestamp == "before" else ""
        after = (f" {stamp}" if colon else f" {ts}") if timestamp == "after" else ""
        if decoration == "none":
            label = f"{before}{role}{colon}{after}"
        elif decoration == "bold":
            label = f"**{before}{role}{colon}{after}**"
        elif decoration == "bold apart":
            label = (f"**{stamp}**  " if timestamp == "before" else "") + f"**{role}**{colon}" + (
                f" **{stamp}**" if timestamp == "after" else "")
        else:
            label = f"### {before}{role}{colon}{after}"
        if place == "next line":
            lines.append((label + ("  " if markdown else ""), False))  # markdown's line break: two trailing spaces
            lines.extend((p, False) for p in paragraphs)
        else:
            lines.append((f"{label}{'' if colon else ' '}{paragraphs[0]}", False))
            lines.extend((p, False) for p in paragraphs[1:])
        lines[-1] = (lines[-1][0], True)
    return lines


def as_txt(lines: list[tuple[str, bool]]) -> str:
    """A .txt: a blank line after each turn (as in markdown), paragraphs of a turn on lines of their own."""
    out = []
    for line, ends in lines:
        out.append(line)
        if ends and line:
            out.append("")
    return "\n".join(out)


def write_docx(path: Path, paragraphs: list[str]) -> Path:
    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    document.save(path)
    return path


def as_docx_text(tmp_path: Path, lines: list[tuple[str, bool]], name: str = "t.docx") -> str:
    """The text of a .docx with one paragraph a line and no blank paragraphs, as the importer reads it."""
    path = write_docx(tmp_path / name, [line for line, _ in lines if line])
    return read_file(path).text


def check_turns(text: str, roles: tuple[str, str], timestamps: bool, header: bool) -> None:
    seg = segment_turns(text)
    got = [(t.speaker, t.is_interviewer, text[t.start:t.end].split("\n")) for t in seg.turns]
    assert got == [(roles[who], who == 0, paragraphs) for who, paragraphs in TRANSCRIPT], text
    assert [t.timestamp for t in seg.turns] == (TIMES if timestamps else [None] * len(TIMES))
    for turn in seg.turns:  # the label's line starts at label_start and ends before the speech
        assert turn.label_start is not None and turn.label_start < turn.start
        assert turn.label_start == 0 or text[turn.label_start - 1] == "\n"
        assert roles[0] in text[turn.label_start:turn.start] or roles[1] in text[turn.label_start:turn.start]
    if header:
        assert seg.meta == {**HEADER_META, roles[1]: DESCRIPTIONS[1], roles[0]: DESCRIPTIONS[0], "notes": "语音转文字记录"}
        assert seg.header_end <= seg.turns[0].label_start
    else:
        assert seg.meta == {} and seg.header_end == 0


COMBINATIONS = list(itertools.product(DECORATIONS, TIMESTAMPS, COLONS, PLACES))


@pytest.mark.parametrize("header", [False, True], ids=["no header", "header"])
def test_every_decoration_gives_the_same_turns(tmp_path, header):
    roles = ("采访者", "受访者")
    for decoration, timestamp, colon, place in COMBINATIONS:
        lines = render(roles, decoration, timestamp, colon, place, header)
        check_turns(as_txt(lines), roles, timestamp != "none", header)
        check_turns(as_docx_text(tmp_path, lines), roles, timestamp != "none", header)


@pytest.mark.parametrize("roles", [("訪談者", "受訪者"), ("Q", "A"), ("问", "答"), ("张老师", "李书记")])
def test_other_labels_in_every_decoration(tmp_path, roles):
    """Traditional roles, one-letter English labels, 问/答 and names that are no known role (they recur)."""
    known = roles[0] in SpeakerPatterns().labels
    for decoration, timestamp, colon, place in COMBINATIONS:
        if roles[0] == "Q" and not colon and place == "same line" and decoration in ("none", "bold"):
            continue  # `Q 你好` is no label (`A 股` would be one too)
        lines = render(roles, decoration, timestamp, colon, place, header=False)
        for text in (as_txt(lines), as_docx_text(tmp_path, lines)):
            seg = segment_turns(text)
            assert [(t.speaker, text[t.start:t.end].split("\n")) for t in seg.turns] == [
                (roles[who], paragraphs) for who, paragraphs in TRANSCRIPT], (decoration, timestamp, colon, place)
            assert [t.is_interviewer for t in seg.turns] == [known and who == 0 for who, _ in TRANSCRIPT]


@pytest.mark.parametrize("name", ["vtaiwan-tang.md", "lezs-tang.md"])
def test_real_transcripts_in_every_decoration(tmp_path, name):
    """Two real transcripts (tests/data, CC0; ### 問： / ### 唐鳳：) rendered in every style keep their turns."""
    text = (Path(__file__).resolve().parents[1] / "data" / name).read_text(encoding="utf-8")
    seg = segment_turns(text)
    turns = [(0 if t.speaker == "問" else 1, text[t.start:t.end].split("\n")) for t in seg.turns]
    times = [f"00:{i // 60:02d}:{i % 60:02d}.000" for i in range(len(turns))]
    for roles in [("采访者", "受访者"), ("問", "唐鳳"), ("访谈者", "唐凤")]:
        for combo in COMBINATIONS:
            rendered = render(roles, *combo, header=combo[1] == "before", transcript=turns, times=times)
            out = as_txt(rendered)
            got = segment_turns(out)
            assert [(t.speaker, out[t.start:t.end].split("\n")) for t in got.turns] == [
                (roles[who], paragraphs) for who, paragraphs in turns], (roles, combo)
    for combo in COMBINATIONS[::5]:  # and some of them as .docx
        out = as_docx_text(tmp_path, render(("问", "唐凤"), *combo, header=False, transcript=turns, times=times))
        assert [t.speaker for t in segment_turns(out).turns] == [("问", "唐凤")[who] for who, _ in turns], combo


def test_the_generator_renders_what_the_issue_shows():
    """The generator's output holds the forms seen in real files (so the matrix above tests them)."""
    roles = ("采访者", "受访者")
    rendered = {line for combo in COMBINATIONS for h in (False, True) for line, _ in render(roles, *combo, h)}
    for form in ["**[00:00:05.410] 采访者:**  ", "**[00:00:05.410] 采访者**  ",
                 "**[00:00:05.410]**  **采访者**：您好！今天想请您聊聊社区治理，可以吗？",
                 "[00:00:05.410] 采访者：您好！今天想请您聊聊社区治理，可以吗？", "采访者 00:00:05.410", "### 采访者：  ",
                 "**受访者**：某区政府副区长某某", "# 语音转文字记录", "---", "[00:00:05.410]"]:
        assert form in rendered, form


# ---------------------------------------------------------------- families of real styles


def both(tmp_path: Path, text: str) -> list[str]:
    """The text as a .txt and as a .docx with one paragraph a line and no blank paragraphs."""
    return [text, read_file(write_docx(tmp_path / "f.docx", [x for x in text.split("\n") if x.strip()])).text]


def spoken(text: str, seg) -> list[tuple[str, str]]:
    return [(t.speaker, text[t.start:t.end]) for t in seg.turns]


def test_markdown_pasted_into_word(tmp_path):
    source = ("**[00:00:05.410] 采访者:**  \n您好，请您先介绍一下自己。  \n\n**[00:00:09.880] 受访者:**  \n"
              "我是社区的网格员。  \n平时主要负责入户走访。  \n\n**[00:00:21.300] 采访者:**  \n谢谢！")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert spoken(text, seg) == [("采访者", "您好，请您先介绍一下自己。"),
                                     ("受访者", "我是社区的网格员。  \n平时主要负责入户走访。"), ("采访者", "谢谢！")]
        assert [t.timestamp for t in seg.turns] == ["00:00:05.410", "00:00:09.880", "00:00:21.300"]


def test_a_role_with_the_person_in_brackets_is_the_role(tmp_path):
    source = ("[00:00:00.560] 采访者（张某）：您好，我们开始吧。\n[00:00:03.100] 受访者（李某某）：好的。\n"
              "[00:00:05.000] 采访者（张某）：您在社区多久了？\n[00:00:07.900] 受访者（李某）：二十年了。\n"
              "受访者（笑）：那时候还年轻。")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [t.speaker for t in seg.turns] == ["采访者", "受访者", "采访者", "受访者", "受访者"]
        assert text[seg.turns[1].start:seg.turns[1].end] == "好的。"


def test_one_anonymous_app_label_on_its_own_line(tmp_path):
    source = ("10月29日 (5)_原文\n2025年10月30日 10:34\n发言人   00:46\n您好，今天我们聊一下社区的事情。\n"
              "您先说说您的工作吧？\n发言人   01:10\n好的，我是网格员。\n发言人   01:32\n那您平时怎么走访？")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert spoken(text, seg) == [("发言人", "您好，今天我们聊一下社区的事情。\n您先说说您的工作吧？"),
                                     ("发言人", "好的，我是网格员。"), ("发言人", "那您平时怎么走访？")]
        assert [t.timestamp for t in seg.turns] == ["00:46", "01:10", "01:32"]
        assert seg.meta == {"notes": "10月29日 (5)_原文\n2025年10月30日 10:34"}
        assert not any(t.is_interviewer for t in seg.turns)  # one speaker: nothing to guess from


def test_numbered_app_labels_and_the_interviewer_guess(tmp_path):
    source = ("说话人 1 00:07\n您好，您在这个社区住了多久？\n说话人 2 00:12\n二十多年了。\n说话人1 00:20\n"
              "平时参加志愿活动吗？\n说话人 2 00:26\n参加，每周三下午巡逻。\n说话人 1 00:40\n为什么愿意参加呢？\n"
              "说话人 2 00:45\n觉得心里踏实。我也问过自己：为什么？")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [t.speaker for t in seg.turns] == ["说话人 1", "说话人 2"] * 3
        assert [t.is_interviewer for t in seg.turns] == [True, False] * 3  # a guess: 说话人 1 asks the questions


def test_no_guess_when_questions_do_not_tell():
    text = "说话人 1 00:07\n您好？\n说话人 2 00:12\n您好？\n说话人 1 00:20\n我们开始吗？\n说话人 2 00:26\n好的？\n说话人 1 00:30\n好。"
    assert not any(t.is_interviewer for t in segment_turns(text).turns)


def test_app_labels_mixed_with_roles():
    text = "说话人 1 00:07\n您是哪一年来的？\n受访者 00:12\n二〇〇三年。\n说话人 1 00:20\n当时社区什么样？\n受访者：很乱。\n说话人 2 00:30\n我补充一句。"
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == ["说话人 1", "受访者", "说话人 1", "受访者", "说话人 2"]
    assert [t.is_interviewer for t in seg.turns] == [True, False, True, False, False]


def test_no_markers_each_docx_paragraph_is_a_turn(tmp_path):
    paragraphs = ["今天我们聊聊社区里的事情。", "我在这里住了二十年，邻里都熟悉。", "后来成立了志愿者队伍，我也参加了。",
                  "大家轮流巡逻，遇到情况就在群里说。"]
    text = read_file(write_docx(tmp_path / "plain.docx", paragraphs)).text
    seg = segment_turns(text)
    assert [text[t.start:t.end] for t in seg.turns] == paragraphs
    assert {t.speaker for t in seg.turns} == {""} and not any(t.label_start for t in seg.turns)


def test_no_markers_txt_paragraphs_are_blocks_between_blank_lines():
    """A .txt with blank-line paragraphs: the lines of a block are one paragraph, hard-wrapped or not."""
    wrapped = ("我们社区是老小区，住了二十多年了，邻里之间都很熟悉，每周三下午\n戴着红袖标巡逻，网格员经常在微信群里通报情况"
               "，社区民警\n老李人特别好，逢年过节都来看我们。\n\n"
               "有一次发现有人撬电动车，就赶紧打了电话，社区书记组织邻里节\n大家一起包饺子、看节目，觉得社区就像自己的\n"
               "家一样。\n\n第三段。")
    seg = segment_turns(wrapped)
    assert len(seg.turns) == 3 and wrapped[seg.turns[0].start:seg.turns[0].end].endswith("逢年过节都来看我们。")
    short = "第一段话，没有说话人。\n\n第二段话。\n第二段的第二行。\n\n第三段。"
    assert [short[t.start:t.end] for t in segment_turns(short).turns] == ["第一段话，没有说话人。", "第二段话。\n第二段的第二行。", "第三段。"]


def test_no_markers_docx_with_a_few_blank_paragraphs_is_still_a_turn_a_paragraph(tmp_path):
    paragraphs = [f"第{i}段，我们社区有{i}个志愿者。" for i in range(1, 13)]
    paragraphs.insert(6, "")
    text = read_file(write_docx(tmp_path / "gaps.docx", paragraphs)).text
    assert "\n\n" in text
    assert [text[t.start:t.end] for t in segment_turns(text).turns] == [p for p in paragraphs if p]


def test_docx_label_line_followed_by_paragraphs_is_one_turn(tmp_path):
    paragraphs = ["访谈者：请您介绍一下社区的情况。", "受访者：我们社区有十二栋楼。", "住的大多是退休老人。",
                  "年轻人白天上班。", "访谈者：谢谢。"]
    text = read_file(write_docx(tmp_path / "turns.docx", paragraphs)).text
    seg = segment_turns(text)
    assert spoken(text, seg) == [("访谈者", "请您介绍一下社区的情况。"),
                                 ("受访者", "我们社区有十二栋楼。\n住的大多是退休老人。\n年轻人白天上班。"), ("访谈者", "谢谢。")]


def test_markdown_header_block_is_metadata(tmp_path):
    source = ("# 语音转文字记录\n\n**文档编号**：ZH-2025-014\n**访谈时间**：2025年10月30日 14:00—15:20\n"
              "**受访者**：某区政府副区长某某\n**采访者**：某学院某老师\n**关键词**：社区治理；群防群治；网格化\n\n---\n\n"
              "**[00:00:05.410] 采访者:**  \n您好，请您介绍一下分管的工作。\n\n---\n\n**[00:00:09.100] 受访者:**  \n"
              "好的，我分管政法工作。\n\n---\n\n**[00:00:30.000] 采访者:**  \n谢谢！")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert seg.meta == {"文档编号": "ZH-2025-014", "访谈时间": "2025年10月30日 14:00—15:20",
                            "受访者": "某区政府副区长某某", "采访者": "某学院某老师", "关键词": "社区治理；群防群治；网格化",
                            "notes": "语音转文字记录"}
        assert spoken(text, seg) == [("采访者", "您好，请您介绍一下分管的工作。"), ("受访者", "好的，我分管政法工作。"),
                                     ("采访者", "谢谢！")]


def test_two_recordings_in_one_file(tmp_path):
    source = ("前三十分钟\n关键词：社区安全；志愿者\n文字记录：\n[00:00:01] 采访者：您好，我们开始吧。\n"
              "[00:00:04] 受访者：好的。\n[00:10:00] 采访者：那我们休息一下？\n后三十分钟\n关键词：网格化；民警\n"
              "[00:00:00] 采访者：我们继续。\n[00:00:03] 受访者：好。")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert seg.meta == {"关键词": "社区安全；志愿者", "文字记录": "", "关键词 (2)": "网格化；民警", "notes": "前三十分钟\n后三十分钟"}
        assert spoken(text, seg) == [("采访者", "您好，我们开始吧。"), ("受访者", "好的。"), ("采访者", "那我们休息一下？"),
                                     ("采访者", "我们继续。"), ("受访者", "好。")]
        assert [t.timestamp for t in seg.turns] == ["00:00:01", "00:00:04", "00:10:00", "00:00:00", "00:00:03"]


def test_two_recordings_without_labels_in_a_docx(tmp_path):
    paragraphs = ["前三十分钟", "关键词：社区安全；志愿者", "文字记录：", "您好，我们开始吧。", "好的，我在社区工作二十年了。",
                  "那您平时做些什么？", "后三十分钟", "关键词：网格化；民警", "我们继续。", "好。"]
    text = read_file(write_docx(tmp_path / "two.docx", paragraphs)).text
    seg = segment_turns(text)
    assert seg.meta == {"关键词": "社区安全；志愿者", "文字记录": "", "关键词 (2)": "网格化；民警", "notes": "前三十分钟\n后三十分钟"}
    assert [text[t.start:t.end] for t in seg.turns] == [paragraphs[i] for i in (3, 4, 5, 8, 9)]


def test_text_lines_opening_with_a_time(tmp_path):
    """`[00:03:10] 说的话` lines: turns by time; with labels around, the last speaker's; `10:30开会` is no time."""
    source = "[00:00:01] 您好，今天聊聊社区。\n[00:00:04] 好的。\n10:30开会，大家都来。\n[00:00:09] 我在社区二十年了。"
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [(t.speaker, t.timestamp, text[t.start:t.end]) for t in seg.turns] == [
            ("", "00:00:01", "您好，今天聊聊社区。"), ("", "00:00:04", "好的。\n10:30开会，大家都来。"),
            ("", "00:00:09", "我在社区二十年了。")]
    labelled = "采访者：您好。\n受访者：第一段。\n[00:03:10] 第二段还是受访者说的。\n采访者：谢谢。"
    seg = segment_turns(labelled)
    assert [(t.speaker, t.timestamp, labelled[t.start:t.end]) for t in seg.turns] == [
        ("采访者", None, "您好。"), ("受访者", None, "第一段。"), ("受访者", "00:03:10", "第二段还是受访者说的。"),
        ("采访者", None, "谢谢。")]
    sparse = "\n".join(["第一段。", "[00:10:00] 第二段。"] + [f"第{i}段。" for i in range(3, 12)])
    assert len(segment_turns(sparse).turns) == 11  # a time now and then: still a turn a paragraph


def test_timestamps_only_make_turns_of_unknown_speakers(tmp_path):
    source = "00:00\n您好，今天聊聊社区。\n好的。\n00:51\n我在社区工作二十年了。\n\n还有一段。\n01:30\n谢谢。"
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [t.speaker for t in seg.turns] == ["", "", ""]
        assert [t.timestamp for t in seg.turns] == ["00:00", "00:51", "01:30"]
        assert text[seg.turns[0].start:seg.turns[0].end] == "您好，今天聊聊社区。\n好的。"


def test_traditional_characters_and_full_width_punctuation(tmp_path):
    source = ("訪談時間：2019年2月28日\n訪談地點：臺北\n\n訪談者：您好，請問您在社區多久了？\n"
              "受訪者：「二十年」了！我們這裡有𠮷野家👍。\n訪談者：為什麼願意參加巡邏呢？\n受訪者：覺得心裡踏實……")
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert seg.meta == {"訪談時間": "2019年2月28日", "訪談地點": "臺北"}
        assert [(t.speaker, t.is_interviewer) for t in seg.turns] == [("訪談者", True), ("受訪者", False)] * 2
        assert text[seg.turns[1].start:seg.turns[1].end] == "「二十年」了！我們這裡有𠮷野家👍。"


def test_interviewee_whose_first_answer_is_long_is_no_description(tmp_path):
    answer = "我是某区政府副区长，分管政法工作，" + "社区治理这件事我们抓了很多年，" * 12 + "效果还是明显的。"
    source = f"关键词：社区治理\n受访者：{answer}\n访谈者：那具体怎么做的？\n受访者：网格化。"
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert seg.meta == {"关键词": "社区治理"}
        assert spoken(text, seg) == [("受访者", answer), ("访谈者", "那具体怎么做的？"), ("受访者", "网格化。")]


def test_a_short_first_exchange_after_keys_is_dialogue():
    text = "关键词：社区治理\n访谈者：介绍一下工作情况\n受访者：好的我是网格员\n访谈者：嗯"
    seg = segment_turns(text)
    assert seg.meta == {"关键词": "社区治理"} and [t.speaker for t in seg.turns] == ["访谈者", "受访者", "访谈者"]


def test_english_q_and_a_labels(tmp_path):
    source = "Q: [00:01] 您好，可以开始吗？\nA: [00:03] 可以。\nQ：您做网格员几年了？\nA：五年。\nQ 1: 这不是标签。"
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [(t.speaker, t.is_interviewer) for t in seg.turns] == [("Q", True), ("A", False)] * 2
        assert text[seg.turns[-1].start:seg.turns[-1].end] == "五年。\nQ 1: 这不是标签。"


def test_sentences_with_a_colon_are_not_speakers():
    text = ("访谈者：您怎么看？\n受访者：我觉得吧。\n我觉得：这个很好。\n他说：好。\n第一：安全。\n比如说：巡逻。\n"
            "访谈者：还有呢？\n受访者：我觉得：还行。\n我觉得：就这样。\n第一：就这样。\n比如说：就这样。\n王阿姨：她也来了。\n"
            "对：是这样。\n访谈者：嗯。\n受访者：对：是这样。")
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == ["访谈者", "受访者", "访谈者", "受访者", "访谈者", "受访者"]


def test_what_only_looks_like_a_bare_label_is_text(tmp_path):
    """Short answers alone on their lines, speech-to-text's spaces at pauses, a recurring short answer after a
    time: no speakers, whatever they share with `张三` alone, `唐鳳 我試著`, `[00:05] 张三`."""
    answers = ["您在社区工作多久了", "可以", "二十年了吧那时候刚退休", "谢谢", "您平时参加巡逻吗", "可以", "每周三下午",
               "没问题", "那疫情的时候呢", "没问题", "轮流值守卡口", "谢谢", "好的我们就到这里", "可以"]
    text = read_file(write_docx(tmp_path / "short.docx", answers)).text
    assert [(t.speaker, text[t.start:t.end]) for t in segment_turns(text).turns] == [("", a) for a in answers]
    spaced = ["现在 我们小区 是老小区", "现在 年轻人 都去上班了", "可以 就是 每周三", "现在 也没什么 报酬", "可以 我觉得 挺好"] * 3
    text = "\n".join(spaced)
    assert [t.speaker for t in segment_turns(text).turns] == [""] * len(spaced)
    timed = "\n".join(f"[00:{i:02d}:00] {line}" for i, line in enumerate(
        ["您在社区工作多久了？", "可以", "二十年了。", "可以", "您平时参加巡逻吗？", "每周三下午。", "谢谢", "谢谢"]))
    seg = segment_turns(timed)
    assert {t.speaker for t in seg.turns} == {""} and len(seg.turns) == 8


def test_recurring_names_are_speakers_and_a_one_off_name_is_text():
    text = "张书记：我们党建引领。\n李警官：我每周入户。\n王阿姨：我也去。\n张书记：对。\n李警官：是的。"
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == ["张书记", "李警官", "张书记", "李警官"]
    assert text[seg.turns[1].start:seg.turns[1].end] == "我每周入户。\n王阿姨：我也去。"


def test_a_timestamp_line_inside_labelled_turns_continues_the_speaker():
    text = "采访者：您好。\n受访者：第一段。\n[00:03:10]\n第二段还是受访者说的。\n采访者：谢谢。"
    seg = segment_turns(text)
    assert [(t.speaker, t.timestamp, t.label_start is None) for t in seg.turns] == [
        ("采访者", None, False), ("受访者", None, False), ("受访者", "00:03:10", True), ("采访者", None, False)]


def test_smaller_variations_of_real_files(tmp_path):
    """An app export with its keywords on the line after the key, bullets, the role in the brackets, a time in
    the name's brackets, numbered roles, short forms 访/受, a description ending in a full stop."""
    export = ("讯飞听见\n2025-10-30 10:34:12\n\n关键词:\n社区、治理、网格\n\n文字记录:\n\n张三 00:00\n您好，请问您在社区多久了？\n\n"
              "李四 00:05\n二十年了。\n\n张三 00:09\n为什么呢？")
    for text in both(tmp_path, export):
        seg = segment_turns(text)
        assert seg.meta == {"关键词": "社区、治理、网格", "文字记录": "", "notes": "讯飞听见\n2025-10-30 10:34:12"}
        assert [(t.speaker, t.timestamp) for t in seg.turns] == [("张三", "00:00"), ("李四", "00:05"), ("张三", "00:09")]
    cases = {
        "- 采访者：您好\n- 受访者：好的\n● 采访者：再见": [("采访者", True), ("受访者", False), ("采访者", True)],
        "张某（受访者）：好。\n李某（采访者）：嗯？\n张某（受访者）：好的。": [("受访者", False), ("采访者", True), ("受访者", False)],
        "访谈者1：您好？\n受访者A：好。\n访谈者1：再见？\n受访者A：再见。": [("访谈者1", True), ("受访者A", False)] * 2,
        "访：您好？\n受：好。\n访：再见？": [("访", True), ("受", False), ("访", True)],
        "采访者∶您好\n受访者︰好的\n采访者﹕再见": [("采访者", True), ("受访者", False), ("采访者", True)],
        "**张三** 您好吗？\n**李四** 好的。\n**张三** 为什么呢？\n**重点**内容不是。": [("张三", False), ("李四", False), ("张三", False)],
        "1. 采访者：您好？\n2、受访者：好的。\n3) 采访者：再见。": [("采访者", True), ("受访者", False), ("采访者", True)],
        "Ｑ：您好？\nＡ：好的。": [("Ｑ", True), ("Ａ", False)],
        "研究者：您好？\n王阿姨：好的。\n研究者：再见。\n王阿姨：再见。": [("研究者", True), ("王阿姨", False)] * 2,
        "【说话人1】00:00 您好吗？\n【说话人2】00:03 好的。\n【说话人1】00:05 为什么呢？\n说话人 2 00:09\n喜欢。":
            [("说话人 1", True), ("说话人 2", False), ("说话人 1", True), ("说话人 2", False)],
    }
    for text, expected in cases.items():
        assert [(t.speaker, t.is_interviewer) for t in segment_turns(text).turns] == expected, text
    timed = "张三(00:01:23)：好。\n李四(00:01:25)：嗯？\n张三(00:01:29)：好的。"
    assert [(t.speaker, t.timestamp) for t in segment_turns(timed).turns] == [
        ("张三", "00:01:23"), ("李四", "00:01:25"), ("张三", "00:01:29")]
    titled = ("关于某区基层社会治理中群防群治机制与社区网格化管理实践的访谈记录（第三次，2025年10月）\n"
              "受访者基本情况：男，55岁\n采访者：您好？\n受访者：好的。")
    seg = segment_turns(titled)
    assert seg.meta == {"受访者基本情况": "男，55岁", "notes": titled.split("\n")[0]}
    assert [t.speaker for t in seg.turns] == ["采访者", "受访者"]
    long = ("**受访者**：某区政府副区长某某，1965年生，长期从事政法工作，分管社会治安综合治理与基层社区网格化管理\n"
            "**采访者**：某学院某老师\n---\n**采访者**：您好！\n**受访者**：好的。")
    seg = segment_turns(long)
    assert seg.meta["受访者"].endswith("网格化管理") and [t.speaker for t in seg.turns] == ["采访者", "受访者"]
    described = "受访者：李某某，男，56岁，退休干部。\n\n访谈者：您好，我们开始吧。\n受访者：好的。"
    seg = segment_turns(described)
    assert seg.meta == {"受访者": "李某某，男，56岁，退休干部。"} and [t.speaker for t in seg.turns] == ["访谈者", "受访者"]


def test_only_the_questions_labelled(tmp_path):
    source = "问：您在社区住了多久？\n二十年了。\n那时候刚退休。\n问：为什么参加巡逻？\n觉得心里踏实。"
    for text in both(tmp_path, source):
        seg = segment_turns(text)
        assert [(t.speaker, t.is_interviewer, text[t.start:t.end]) for t in seg.turns] == [
            ("问", True, "您在社区住了多久？"), ("", False, "二十年了。\n那时候刚退休。"), ("问", True, "为什么参加巡逻？"),
            ("", False, "觉得心里踏实。")]


def test_a_docx_header_in_a_table(tmp_path):
    document = docx.Document()
    table = document.add_table(rows=3, cols=2)
    for r, (key, value) in enumerate([("访谈时间", "2025年10月30日"), ("受访者", "某区政府副区长某某"), ("关键词", "社区治理")]):
        table.cell(r, 0).text, table.cell(r, 1).text = key, value
    for p in ["采访者：您好，请介绍一下。", "受访者：好的。", "采访者：谢谢。"]:
        document.add_paragraph(p)
    document.save(tmp_path / "table.docx")
    text = read_file(tmp_path / "table.docx").text
    seg = segment_turns(text)
    assert seg.meta == {"访谈时间": "2025年10月30日", "受访者": "某区政府副区长某某", "关键词": "社区治理"}
    assert [t.speaker for t in seg.turns] == ["采访者", "受访者", "采访者"]


def test_patterns_are_hints_and_overrides():
    text = "研究者——您好。\n居民——你好。\n研究者——再见。\n小结：这句不是。\n老张：一次。\n小结：这句也不是。"
    plain = segment_turns(text)  # nothing to go on but the recurring 小结：
    assert [t.speaker for t in plain.turns] == ["", "小结", "小结"]
    patterns = SpeakerPatterns(extra=(r"^(?P<label>研究者|居民)——",), labels=SpeakerPatterns().labels + ("老张",),
                               not_labels=("小结",))
    seg = segment_turns(text, patterns)
    assert [t.speaker for t in seg.turns] == ["研究者", "居民", "研究者", "老张"]
    assert text[seg.turns[2].start:seg.turns[2].end] == "再见。\n小结：这句不是。"
    assert text[seg.turns[3].start:seg.turns[3].end] == "一次。\n小结：这句也不是。"
    restored = SpeakerPatterns.from_settings({**patterns.to_settings(), "unknown": 1})
    assert restored == patterns
    no_names = SpeakerPatterns(names_with_colon=False)
    names = "张书记：一。\n李警官：二。\n张书记：三。\n李警官：四。"
    assert [t.speaker for t in segment_turns(names).turns] == ["张书记", "李警官"] * 2
    assert [t.speaker for t in segment_turns(names, no_names).turns] == [""] * 4


def test_through_the_import_pipeline(tmp_path, store):
    from coding import queries
    from corpus.pipeline import ImportOptions, import_files

    path = write_docx(tmp_path / "B07 网格员.docx", [
        "# 语音转文字记录", "**访谈时间**：2025年10月30日", "**受访者**：某街道网格员", "---",
        "**[00:00:05.410] 采访者:**  ", "您好，请介绍一下您的工作。", "**[00:00:09.100] 受访者:**  ", "我负责十二栋楼。",
        "每天入户走访。", "**[00:00:30.000] 采访者:**  ", "谢谢！"])
    report = import_files(store, [path], ImportOptions(), workers=1)
    (doc,) = report.imported
    assert doc.turns == 3
    stored = queries.list_documents(store)[0]
    assert stored.meta["受访者"] == "某街道网格员" and stored.meta["notes"] == "语音转文字记录"
    turns = queries.list_turns(store, stored.id)
    assert [(t.speaker, t.is_interviewer) for t in turns] == [("采访者", True), ("受访者", False), ("采访者", True)]


# ---------------------------------------------------------------- linear time on hostile lines


@pytest.mark.parametrize("line", [
    "**" * 1_000_000 + "x",
    "[" * 1_000_000 + "x",
    "说话人 " + "1" * 2_000_000 + "：x",
    "采访者（" + "张" * 2_000_000 + "：x",
    "#" * 2_000_000 + " 采访者：x",
    "-" * 2_000_000 + "x",
    "[00:00:00.000]" * 300_000 + " 采访者：x",
    "**采访者**" + "  **" * 1_000_000 + "：x",
    "关键词" + "：" * 2_000_000,
])
def test_new_decorations_stay_linear(line):
    started = time.monotonic()
    seg = segment_turns(line + "\n\n访谈者：你好。\n受访者：好。\n" + line)
    assert time.monotonic() - started < 5
    assert [t.speaker for t in seg.turns if t.speaker in ("访谈者", "受访者") and t.label_start] == ["访谈者", "受访者"]


def test_many_header_like_lines_stay_linear():
    text = "\n".join(["关键词：社区", "---", "# 标题", "受访者：某区副区长"] * 50_000) + "\n访谈者：你好。"
    started = time.monotonic()
    seg = segment_turns(text)
    assert time.monotonic() - started < 10
    assert seg.meta["关键词 (50000)"] == "社区" and seg.meta["受访者 (50000)"] == "某区副区长"
    assert [t.speaker for t in seg.turns] == ["访谈者"]


def test_a_tagged_editors_note_above_the_header_keys_is_metadata_not_a_turn():
    text = ("【示例数据】本访谈记录为虚构样例，人物与情节均为虚构。\n受访者编号：A01\n访谈时间：2023年4月12日\n\n"
            "访谈者：您好？\n受访者：你好。\n")
    seg = segment_turns(text)
    assert [t.speaker for t in seg.turns] == ["访谈者", "受访者"]
    assert seg.meta["受访者编号"] == "A01" and seg.meta["notes"].startswith("【示例数据】")
