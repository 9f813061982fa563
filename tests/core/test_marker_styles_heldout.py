"""Sixteen .docx transcripts, one per family of marker styles issue 14 lists (written for this test, not by the
speaker module's author): every file must come in with its speakers, its turn count and no metadata as a speaker."""

from __future__ import annotations

import re
from pathlib import Path

import docx
import opencc
import pytest

from corpus.readers import read_file
from corpus.speakers import segment_turns

OUT: list[Path] = []
EXPECTED: dict[str, dict] = {}
Q, A = "I", "R"
DIALOG = [  # (who, paragraphs)
    (Q, ["您好，今天想请您聊一聊社区安全这方面的工作，您先简单介绍一下自己吧？"]),
    (A, ["好的。我在这个社区做了差不多十年的楼门长，平时主要就是帮着居委会通知事情，谁家有什么困难也会过去看看。",
         "后来街道搞“平安志愿者”，我们楼里就报了名，一开始只有五六个人，现在有二十几个了。"]),
    (Q, ["当时是什么原因让您愿意参加的呢？"]),
    (A, ["说实话，一开始是书记找我谈的。她说：老李，你在楼里人缘好，你带个头。我觉得这个事情也是为了大家，就答应了。"]),
    (Q, ["参加以后，具体都做些什么？"]),
    (A, ["第一是晚上巡逻，两个人一组，从七点到九点。第二是看着楼道里的电动车，不让在楼道充电。",
         "还有就是微信群里发提醒，比如最近有骗子冒充燃气公司的，我们就第一时间发群里。"]),
    (Q, ["居民们对这些活动怎么看？有没有不配合的情况？"]),
    (A, ["大部分是支持的。也有个别的，觉得我们多管闲事，说：你们又不是警察。那我们就慢慢跟他讲道理 😊。"]),
    (Q, ["您觉得这里面最难的是什么？"]),
    (A, ["最难的还是年轻人叫不动。他们白天上班，晚上回来就累了，你跟他说巡逻，他说没时间。",
         "所以我们现在主要是退休的老同志在做，𠮷祥小区那边也是这个情况。"]),
    (Q, ["好的，最后想问一下，您对以后有什么期待？"]),
    (A, ["希望能有更多的人加进来吧，也希望街道能给点支持，比如巡逻的马甲、手电筒这些。"]),
]


def ts(i, base=0):
    s = base + i * 37 + 5
    return f"00:{s//60:02d}:{s%60:02d}.{(i*137)%1000:03d}"

def write(name, lines, expected, meta_not_speakers=()):
    d = docx.Document()
    for line in lines:
        d.add_paragraph(line)
    d.save(OUT[0] / f"{name}.docx")
    EXPECTED[name] = {"speakers": expected, "not_speakers": list(meta_not_speakers)}

EXPECTED = {}

def labelled(qlab, alab, render, blank_between=False, header=()):
    lines, exp = list(header), []
    for i, (who, paras) in enumerate(DIALOG):
        lab = qlab if who == Q else alab
        lines += render(i, lab, paras)
        exp.append(lab if isinstance(lab, str) else lab)
        if blank_between:
            lines.append("")
    return lines, exp

def build() -> None:
    # 1 markdown bold, ts, colon, text next line, trailing two spaces, blank paragraphs
    def r1(i, lab, paras): return [f"**[{ts(i)}] {lab}:**  "] + [p + "  " for p in paras]
    l, e = labelled("采访者", "受访者", r1, True, ["# 语音转文字记录", ""])
    write("01_md_bold_ts_colon_next", l, e)
    # 2 same without colon, no blank paragraphs
    def r2(i, lab, paras): return [f"**[{ts(i)}] {lab}**"] + paras
    l, e = labelled("采访者", "受访者", r2, False)
    write("02_md_bold_ts_nocolon_next", l, e)
    # 3 ts and label bolded apart, text same line
    def r3(i, lab, paras): return [f"**[{ts(i)}]**  **{lab}**：{paras[0]}"] + paras[1:]
    l, e = labelled("采访者", "受访者", r3, True)
    write("03_md_bold_apart", l, e)
    # 4 role with person in brackets, ts before
    def r4(i, lab, paras): return [f"[{ts(i)}] {lab}：{paras[0]}"] + paras[1:]
    l, e = labelled("采访者（张某）", "受访者（李某某）", r4, False)
    write("04_role_bracket_ts", l, [x.split("（")[0] for x in e])
    # 5 role with person in brackets, names vary for interviewer (two interviewers) -> role
    def r5(i, lab, paras):
        name = "（王老师）" if i % 4 == 0 else "（张某）"
        if lab == "受访者": name = "（李某某）"
        return [f"{lab}{name}：{paras[0]}"] + paras[1:]
    l, e = labelled("采访者", "受访者", r5, True)
    write("05_role_bracket_varying", l, e)
    # 6 one anonymous label 发言人   00:46 own line
    def r6(i, lab, paras): return [f"发言人   {i//2:02d}:{(i*23)%60:02d}"] + paras
    l, e = labelled("发言人", "发言人", r6, True, ["10月29日 (5)_原文", "2025年10月30日 10:34", ""])
    write("06_app_one_label", l, e, ["10月29日 (5)_原文", "2025年10月30日 10:34"])
    # 7 numbered 说话人 1 00:07
    def r7(i, lab, paras): return [f"{lab} {i//2:02d}:{(i*23)%60:02d}"] + paras
    l, e = labelled("说话人 1", "说话人 2", r7, False, ["10月30日 (2)_原文", "2025年10月31日 09:12"])
    write("07_app_numbered", l, e)
    # 8 mixture of 说话人 1 and 受访者
    def r8(i, lab, paras): return [f"{lab} {i//2:02d}:{(i*23)%60:02d}"] + paras
    l, e = labelled("说话人 1", "受访者", r8, True)
    write("08_app_mixed", l, e)
    # 9 no markers, one paragraph per line, no blank lines -> a turn per paragraph
    lines = [p for _, ps in DIALOG for p in ps]
    write("09_no_markers", lines, [""] * len(lines))
    # 10 markdown header block then bold labels
    hdr = ["# 语音转文字记录", "", "**文档编号**：SQ-2025-017", "**访谈时间**：2025年10月30日", "**受访者**：某区政府副区长某某",
           "**采访者**：某学院某老师", "**关键词**：社区安全；志愿者；动员", "", "---", ""]
    def r10(i, lab, paras): return [f"**{lab}**：{paras[0]}"] + paras[1:]
    l, e = labelled("采访者", "受访者", r10, True, hdr)
    write("10_md_header_block", l, e, ["文档编号", "访谈时间", "关键词"])
    # 11 title + date-time then 说话人 label lines (timestamps) and text
    def r11(i, lab, paras): return [f"{lab}  {i//2:02d}:{(i*23)%60:02d}"] + paras
    l, e = labelled("说话人1", "说话人2", r11, False, ["10月29日 (5)_原文", "2025年10月30日 10:34"])
    write("11_title_datetime", l, e, ["10月29日 (5)_原文"])
    # 12 two recordings in one file
    def r12(i, lab, paras): return [f"{lab}：{paras[0]}"] + paras[1:]
    first, e1 = labelled("采访者", "受访者", r12, True, ["前三十分钟", "关键词：楼门长；巡逻；微信群", "文字记录：", ""])
    second, e2 = labelled("采访者", "受访者", r12, True, ["后三十分钟", "关键词：年轻人；支持；期待", "文字记录：", ""])
    write("12_two_recordings", first[:len(first) - 0] + second, e1 + e2, ["关键词", "文字记录", "前三十分钟", "后三十分钟"])
    # 13 timestamps only
    lines, exp = [], []
    for i, (who, paras) in enumerate(DIALOG):
        lines.append(f"{i//2:02d}:{(i*23)%60:02d}")
        lines += paras
        exp.append("")
    write("13_timestamps_only", lines, exp)
    # 14 traditional 訪談者/受訪者 plain
    def t(s):
        return opencc.OpenCC("s2t").convert(s)
    lines, exp = [], []
    for who, paras in DIALOG:
        lab = "訪談者" if who == Q else "受訪者"
        lines.append(f"{lab}：{t(paras[0])}")
        lines += [t(p) for p in paras[1:]]
        lines.append("")
        exp.append(lab)
    write("14_traditional_plain", lines, exp)
    # 15 问/答 half-width colon
    def r15(i, lab, paras): return [f"{lab}:{paras[0]}"] + paras[1:]
    l, e = labelled("问", "答", r15, False, ["访谈对象：社区楼门长", "访谈时间：2023年4月12日", ""])
    write("15_qa", l, e, ["访谈对象", "访谈时间"])
    # 16 names with colon
    def r16(i, lab, paras): return [f"{lab}：{paras[0]}"] + paras[1:]
    l, e = labelled("研究者", "李阿姨", r16, True, ["社区安全访谈 第3号", "地点：某社区活动室", ""])
    write("16_names", l, e, ["地点"])


@pytest.fixture(scope="module")
def files(tmp_path_factory) -> Path:
    OUT.append(tmp_path_factory.mktemp("styles"))
    EXPECTED.clear()
    build()
    return OUT[-1]


def _norm(label: str) -> str:  # the role is the speaker, with or without the person's name in brackets
    return re.sub(r"[（(][^）)]*[）)]|\s", "", label or "")


@pytest.mark.parametrize("name", [
    "01_md_bold_ts_colon_next", "02_md_bold_ts_nocolon_next", "03_md_bold_apart", "04_role_bracket_ts",
    "05_role_bracket_varying", "06_app_one_label", "07_app_numbered", "08_app_mixed", "09_no_markers",
    "10_md_header_block", "11_title_datetime", "12_two_recordings", "13_timestamps_only", "14_traditional_plain",
    "15_qa", "16_names"])
def test_each_style_comes_in_with_its_speakers(files, name):
    expected = EXPECTED[name]
    seg = segment_turns(read_file(files / f"{name}.docx").text)
    assert [_norm(t.speaker) for t in seg.turns] == [_norm(s) for s in expected["speakers"]]
    assert not [t.speaker for t in seg.turns if any(k in (t.speaker or "") for k in expected["not_speakers"])]
