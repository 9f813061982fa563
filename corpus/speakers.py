"""Speaker turns and header metadata in Chinese interview transcripts.

Recognised forms (all at line start): `访谈者：` `受访者:` `问：` `Q:` and other
known labels; any name of 1–8 characters with a colon (`张书记：`) once it
recurs; `【张书记】` / `[张书记]`; markdown `### 问：` (text on the next lines)
and bold `**采访者：**` / `**采访者**：`; timestamps before or after the label
(`[00:00:00.170] 采访者：…`, `采访者: [00:12] …`), alone on a line (for the
next turn), or in transcription-tool block headers (`说话人 1 00:07`, the turn's
text on the following lines). Without any marker, each paragraph is a turn
with an unknown speaker.

The opening block (`关键词：…`, `时间：`, `访谈地点：线上语音`, or a description
such as `受访者：某区副区长` set apart by a blank line) is metadata, not turns.

Patterns are per project (`SpeakerPatterns`, stored in the project settings);
all offsets are code points into the normalised text.
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from corpus.units import trimmed

DEFAULT_LABELS = (
    "访谈者", "受访者", "采访者", "被访者", "访问者", "访员", "主持人", "记者", "问", "答", "Q", "A",
    "訪談者", "受訪者", "採訪者", "被訪者", "訪問者", "主持人", "記者", "問",
)
DEFAULT_INTERVIEWER_LABELS = (
    "访谈者", "采访者", "访问者", "访员", "主持人", "记者", "问", "Q", "訪談者", "採訪者", "訪問者", "記者", "問",
)
DEFAULT_META_KEYS = (
    "关键词", "关键字", "时间", "访谈时间", "日期", "访谈日期", "地点", "访谈地点", "文字记录", "记录", "记录人",
    "整理", "整理人", "转写", "转录", "访谈对象", "受访者编号", "编号", "受访者身份", "身份", "职务", "单位",
    "性别", "年龄", "时长", "访谈时长", "访谈方式", "方式", "主题", "访谈主题", "标题", "题目", "录音", "来源",
    "备注", "说明", "访谈人", "访谈员", "访谈编号",
    "關鍵詞", "時間", "訪談時間", "地點", "訪談地點", "文字記錄", "記錄", "記錄人", "訪談對象", "受訪者編號",
    "編號", "受訪者身份", "職務", "單位", "訪談方式", "訪談主題", "標題", "題目", "錄音", "來源", "備註", "說明",
)
# Words that start sentences with a colon but are never speakers.
NOT_LABELS = frozenset({
    "说", "他说", "她说", "我说", "表示", "认为", "觉得", "问题", "注意", "比如", "例如", "也就是说", "就是说",
    "总之", "首先", "其次", "第一", "第二", "第三", "另外", "注", "备注", "答案", "结论", "原因", "结果",
    "說", "他說", "她說", "我說", "問題", "例如", "也就是說", "就是說", "總之", "結論", "原因", "結果",
})

# Every pattern here runs in time linear in the line: no two neighbouring quantifiers can share a character
# (runs of spaces are taken possessively, `*+`), and a value's trailing spaces are stripped in Python rather than
# by a lazy `.*?` racing a `[ \t]*$` (that pair took minutes on one long `key：value` line padded with spaces).
_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_TS_ONLY = re.compile(rf"\s*+[\[(（]?(?P<ts>{_TS})[\])）]?\s*+$")
_BLOCK = re.compile(
    rf"\s*+(?P<label>(?:说话人|發言人|发言人|讲话人|講話人|Speaker|speaker)\s*+\d++)\s++[\[(（]?(?P<ts>{_TS})[\])）]?\s*+$"
)
_LABEL_LINE = re.compile(
    rf"""[ \t]*+
    (?:\#{{1,6}}[ \t]*+)?                                    # markdown heading
    (?:[\[(（]?(?P<ts1>{_TS})[\])）]?[ \t]*+)?                # timestamp before the label
    (?:\*\*)?
    (?:
        [【\[](?P<blabel>[^【】\[\]\s:：*]{{1,8}})[】\]][ \t]*+(?:\*\*)?[ \t]*+[：:]?
      | (?P<label>[^\s\d:：\[\]【】#*，。,.!?！？、“”"'（）()][^\s:：\[\]【】#*，。,.!?！？、“”"'（）()]{{0,7}}?)
        (?:[ \t]*+(?:\*\*)?[ \t]*+[：:]|\t)                  # a colon, or a tab (a .docx table row)
    )
    (?:[ \t]*+\*\*)?
    [ \t]*+(?:[\[(（](?P<ts2>{_TS})[\])）])?                 # timestamp after the label
    [ \t]*+""",
    re.VERBOSE,
)
_META = re.compile(r"[ \t]*+(?:\*\*)?(?P<key>[^\s:：]{1,12}?)(?:\*\*)?[ \t]*+[：:][ \t]*+(?P<value>.*)")
# A line with something on it: from a line start over leading blanks to the first other character (possessive,
# so a line of spaces fails once), then the rest of the line.
_TEXT_LINE = re.compile(r"^[^\S\n]*+\S[^\n]*", re.MULTILINE)
_SPACES = re.compile(r"\s+")
EXTRA_SPAN = 256  # project patterns (user regexes) see the first this many characters of a line: a label is at its start
_SENTENCE_PUNCT = re.compile(r"[。！？!?；…]")


@dataclass(frozen=True)
class SpeakerPatterns:
    """The per-project configuration of speaker recognition (editable by the user)."""

    labels: tuple[str, ...] = DEFAULT_LABELS
    interviewer_labels: tuple[str, ...] = DEFAULT_INTERVIEWER_LABELS
    meta_keys: tuple[str, ...] = DEFAULT_META_KEYS
    names_with_colon: bool = True  # a 1–8 character name and a colon, once it recurs
    extra: tuple[str, ...] = ()  # user regexes with a (?P<label>…) group, matched at line start

    def to_settings(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_settings(cls, data: Mapping[str, Any] | None) -> "SpeakerPatterns":
        if not data:
            return cls()
        known = {k: tuple(v) if isinstance(v, list) else v for k, v in data.items() if k in cls.__dataclass_fields__}
        return cls(**known)


@dataclass(frozen=True)
class TurnSpan:
    start: int
    end: int
    speaker: str
    is_interviewer: bool
    timestamp: str | None = None
    label_start: int | None = None  # where the line with the turn's label starts (None: a turn without a label)


@dataclass(frozen=True)
class Segmentation:
    header_end: int
    meta: dict[str, str]
    turns: list[TurnSpan] = field(default_factory=list)


@dataclass(slots=True)
class _Line:
    start: int  # offset of the line in the text
    text: str
    kind: str = "text"  # text | blank | ts | block | label
    label: str | None = None
    ts: str | None = None
    content: int = 0  # offset (within the line) where the spoken text starts
    explicit: bool = False  # matched a project pattern: always a speaker


def _lines(text: str) -> list[_Line]:
    """The lines with text on them, and one "blank" line standing for each run of blank lines between them.

    Every consumer treats several blank lines as one, so a file of blank lines costs nothing here.
    """
    out: list[_Line] = []
    end = 0
    for m in _TEXT_LINE.finditer(text):
        if m.start() > 0 and (not out or text.count("\n", end, m.start()) > 1):
            out.append(_Line(end, "", "blank"))
        out.append(_Line(m.start(), m.group()))
        end = m.end()
    if text.count("\n", end) > 1 or not out:
        out.append(_Line(end, "", "blank"))
    return out


def _classify(line: _Line, patterns: SpeakerPatterns, extra: list[re.Pattern]) -> None:
    if line.kind == "blank":
        return
    if m := _TS_ONLY.match(line.text):
        line.kind, line.ts = "ts", m.group("ts")
        return
    if m := _BLOCK.match(line.text):
        line.kind, line.label, line.ts, line.content = "block", _SPACES.sub(" ", m.group("label")), m.group("ts"), len(line.text)
        return
    for rx in extra:
        if m := rx.match(line.text, 0, EXTRA_SPAN):
            line.kind, line.label, line.content, line.explicit = "label", m.group("label"), m.end(), True
            return
    if m := _LABEL_LINE.match(line.text):
        label = m.group("blabel") or m.group("label")
        if label in NOT_LABELS:
            return
        if m.group("label") and not patterns.names_with_colon and label not in patterns.labels:
            return
        line.kind, line.label, line.ts, line.content = "label", label, m.group("ts1") or m.group("ts2"), m.end()


def _header_line(line: _Line, patterns: SpeakerPatterns, separated: bool, counts: Mapping[str, int]) -> str | None:
    """How a line of an opening block reads: "key" (known metadata key), "meta"
    (a short `key：value` set apart from the dialogue), "note", or None (dialogue)."""
    m = _META.match(line.text)
    if m:
        key = m.group("key").strip("#*【】[] ")
        if key in patterns.meta_keys:
            return "key"
        value = m.group("value").rstrip(" \t")
        if separated and len(value) <= 30 and not _SENTENCE_PUNCT.search(value):
            # a speaker label here is a description (受访者：某区副区长) only if the label recurs as a speaker
            if line.kind != "label" or counts.get(line.label or "", 0) >= 2:
                return "meta"
        return None
    stripped = line.text.strip()
    if separated and line.kind == "text" and len(stripped) <= 80 and (
        stripped.startswith(("#", "【", "[", "（", "("))
        or (len(stripped) <= 40 and not _SENTENCE_PUNCT.search(stripped[-1]))
    ):
        return "note"  # a title or an editor's note such as 【示例数据】…
    return None


def _header(lines: list[_Line], patterns: SpeakerPatterns, counts: Mapping[str, int]) -> tuple[int, dict[str, str]]:
    """Index of the first body line, and the metadata of the opening block(s).

    Opening blocks (separated by blank lines) are header while every line is
    metadata; a block counts only if it has a known key or a note line, so a
    short first exchange is never mistaken for a header. A title (note) alone
    does not make the interviewer's `访谈者：您好` below it a description: only
    a block with a known key may describe the interviewer that way.
    """
    meta: dict[str, str] = {}
    notes: list[str] = []
    interviewers = set(patterns.interviewer_labels)
    n, i = len(lines), 0
    last_text = next((k for k in range(n - 1, -1, -1) if lines[k].kind != "blank"), -1)
    while i < n and lines[i].kind == "blank":
        i += 1
    body = i
    while i < n:
        j = i
        while j < n and lines[j].kind != "blank":
            j += 1
        separated = last_text >= j
        kinds = [_header_line(line, patterns, separated, counts) for line in lines[i:j]]
        if not meta and not notes and not any(k in ("key", "note") for k in kinds):
            kinds = [k if k == "key" else None for k in kinds]
        if "key" not in kinds:  # with only a title to go on, an interviewer's line is the first question
            kinds = [None if k == "meta" and line.kind == "label" and line.label in interviewers else k
                     for line, k in zip(lines[i:j], kinds)]
        taken = 0
        for line, kind in zip(lines[i:j], kinds):
            if kind is None:
                break
            if kind == "note":
                notes.append(line.text.strip().lstrip("#").strip())
            else:
                m = _META.match(line.text)
                meta[m.group("key").strip("#*【】[] ")] = m.group("value").rstrip(" \t")
            taken += 1
        if taken < j - i:
            body = i + taken
            break
        i = j
        while i < n and lines[i].kind == "blank":
            i += 1
        body = i
    if notes:
        meta["notes"] = "\n".join(notes)
    return body, meta


def segment_turns(text: str, patterns: SpeakerPatterns | None = None) -> Segmentation:
    """Header metadata and speaker turns of a normalised transcript."""
    patterns = patterns or SpeakerPatterns()
    extra = [re.compile(rx) for rx in patterns.extra]
    lines = _lines(text)
    for line in lines:
        _classify(line, patterns, extra)
    counts: dict[str, int] = {}
    for line in lines:
        if line.kind in ("label", "block"):
            counts[line.label] = counts.get(line.label, 0) + 1
    known = set(patterns.labels)
    for line in lines:  # a label that is neither known nor recurring is ordinary text
        if line.kind == "label" and not line.explicit and line.label not in known and counts[line.label] < 2:
            line.kind, line.label, line.ts, line.content = "text", None, None, 0
    body, meta = _header(lines, patterns, counts)
    header_end = lines[body].start if body < len(lines) else len(text)
    body_lines = lines[body:]
    labelled = any(line.kind in ("label", "block") for line in body_lines)
    interviewers = set(patterns.interviewer_labels)

    turns: list[TurnSpan] = []
    open_turn: dict[str, Any] | None = None
    pending_ts: str | None = None

    def close(end: int) -> None:
        nonlocal open_turn
        if open_turn is not None and open_turn["start"] is not None:
            s, e = trimmed(text, open_turn["start"], end)
            if e > s:
                turns.append(TurnSpan(s, e, open_turn["speaker"], open_turn["speaker"] in interviewers, open_turn["ts"],
                                      open_turn["label_start"]))
        open_turn = None

    last_end = header_end
    for line in body_lines:
        line_end = line.start + len(line.text)
        if line.kind == "blank":
            if not labelled and open_turn is not None:  # no markers: one turn per paragraph
                close(last_end)
            continue
        if line.kind == "ts":
            close(last_end)
            pending_ts = line.ts
            continue
        if line.kind in ("label", "block"):
            close(last_end)
            content = line.start + line.content
            open_turn = {"speaker": line.label, "ts": line.ts or pending_ts, "start": content if content < line_end else None,
                         "label_start": line.start}
            pending_ts = None
        elif open_turn is None:
            open_turn = {"speaker": "", "ts": pending_ts, "start": line.start, "label_start": None}
            pending_ts = None
        elif open_turn["start"] is None:
            open_turn["start"] = line.start
        last_end = line_end
    close(last_end)
    return Segmentation(header_end, meta, turns)
