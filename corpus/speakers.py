"""Speaker turns and header metadata in Chinese interview transcripts, inferred from the transcript's own style.

Transcripts come as typed text, speech-to-text output edited by students, markdown pasted into Word, app exports.
No list of patterns covers them all, so each line is first read for a *label candidate* whatever its decoration:

- markdown emphasis and headings (`**采访者**：`, `**[00:00:05.410] 采访者:**`, `**[00:00:00.340]**  **采访者**：`,
  `### 问：`), brackets (`【张书记】`, `[张书记]`), a role with the person in brackets (`采访者（张某）：` — the
  speaker is the role), timestamps before or after the label or alone on a line (`[00:00:00.170] `, `00:51`,
  `(00:12)`), full- or half-width colons, a tab (a .docx table row), trailing spaces;
- the label with a colon (text on the same or the next line), or alone on its line when that line is bold, a
  heading or carries a timestamp (`发言人   00:46`, `说话人 1 00:07`, `**[00:00:00.000] 采访者**`), or a known
  role followed by a space (`采访者 您好`, `问 您好`; not `A 股`), or a bold or heading name then the speech.

A candidate is kept when it is a known role (`SpeakerPatterns.labels`: 访谈者, 受访者, 问, Q …), a transcription
app's anonymous label (说话人 N, 发言人, Speaker N), or a name that recurs (two lines or more) and reads like a name
(not `他说：`, `我觉得：`, `第一：`, `对：` …), or a one-off name set out in a shape that recurring labels have
(`李四 00:05` among `张三 00:00` lines). Project patterns (`extra`) always win; `not_labels` never are speakers.
Names with nothing around them but a space need more: a person's name (a common surname, 老王, a title such as
张老师, 某, A1) and a share of the lines — `张三` alone on its line when such label lines are a fifth of the lines,
`唐鳳 我試著` when the name opens a tenth of them, `[00:00:05] 张三` when such lines are half of the timed lines —
so short answers alone (`可以`) and speech-to-text's spaces at pauses (`现在 我们`) stay text.

The opening block is metadata, not turns: known keys (`关键词：`, `**访谈时间**：`, any key ending in one, such as
`文档编号`), a role whose value is a description (`受访者：某区政府副区长某某`: short, no sentence punctuation, a
title, place or organisation — or any non-speech value next to other keys), titles and date lines before the
first label (`# 语音转文字记录`, `10月29日 (5)_原文`, `2025年10月30日 10:34`), `---` rules. A second header in the
body (two recordings in one file: `后三十分钟` / `关键词：…`) closes the turn before it and is stored too; a key
met again is stored as `关键词 (2)`, `关键词 (3)` …; titles go to `notes`, one a line.

Turns: with labels, a label line starts a turn that runs to the next label (paragraphs, blank or not, belong to
it); a timestamp alone on a line, or opening a text line (`[00:03:10] …`, or with seconds: not `10:30开会`),
starts a turn of the last speaker. When only the interviewer's lines are labelled (`问：…` with the answer on
the lines after), the answers are turns of their own (speaker unknown, ""). Without labels, when there is a
time every few lines (a third of the text lines or more) the times delimit the turns; otherwise each paragraph
is a turn (a time now and then also starts one): a paragraph is a block between blank lines when blank lines
separate the text (a .txt with blank-line paragraphs or hard-wrapped lines), otherwise a line (a .docx: the
reader gives one line a Word paragraph).

Interviewer: a turn whose speaker is in `interviewer_labels`, also numbered (访谈者1, 采访者A). When no such
speaker occurs and there are anonymous app labels (说话人 1/2, 发言人), the anonymous speaker with clearly the most
question turns (？, or a final 吗/呢/吧: two or more, and over 1.5 times anyone else's) is guessed to be the
interviewer — a guess the researcher confirms when importing.

All offsets are code points into the normalised text (NFC, `\\n` line ends).
"""

from __future__ import annotations

import re
from dataclasses import asdict, dataclass, field
from typing import Any, Mapping

from corpus.units import trimmed

from corpus.speaker_vocab import (  # noqa: F401 - DEFAULT_* and NOT_LABELS are part of this module's interface
    APP_LABEL as _APP_LABEL,
    DEFAULT_INTERVIEWER_LABELS,
    DEFAULT_LABELS,
    DEFAULT_META_KEYS,
    LIST_KEYS as _LIST_KEYS,
    NOT_LABELS,
    STRONG_KEYS as _STRONG_KEYS,
)

# Every pattern here runs in time linear in the line: no two neighbouring quantifiers can share a character
# (runs of spaces and emphasis are taken possessively, `*+`), label candidates are read from a window of
# WINDOW characters at the line's first non-space character, and the rest of a line is looked at only by
# `_NONSPACE.search` (a value's trailing spaces are stripped in Python, never by a lazy `.*?` racing `\s*$`).
WINDOW = 160
EXTRA_SPAN = 256  # project patterns (user regexes) see this many characters of a line: a label is at its start
_TS = r"\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?"
_D = r"[ \t\u3000*]*+"  # spaces and markdown emphasis
_OPEN, _CLOSE = r"[\[【(（]?+", r"[\]】)）]?+"
_COLON = "[：:︰∶﹕]"  # full- and half-width colons, and the look-alikes students type (U+FE30, U+2236, U+FE55)
_NOT_IN_LABEL = r"\s:：︰∶﹕\[\]【】#*，。,.!?！？、；;“”\"'‘’（）()<>《》「」『』…—~～/\\|="
# a time alone on its line, or a range (00:00:01,000 --> 00:00:04,000): the start is the turn's time
_TS_ONLY = re.compile(
    rf"{_D}{_OPEN}(?P<ts>{_TS}){_CLOSE}(?:[ \t]*+(?:-->|[-–—~～至])[ \t]*+{_OPEN}{_TS}{_CLOSE})?+{_D}\Z")
_TS_NAME = re.compile(_TS)
# A text line that opens with a time in brackets or with seconds (not 10:30开会, a time of day)
_LEAD_TS = re.compile(rf"{_D}(?:[\[【(（](?P<b>{_TS})[\]】)）]|(?P<s>\d{{1,2}}:\d{{2}}:\d{{2}}(?:[.,]\d{{1,3}})?))")
_TS_START = frozenset("0123456789[【(（*")
_APP_ONLY = re.compile(rf"({_APP_LABEL})[ \t\u3000]*+(\d{{1,3}})?+")
_RULE = re.compile(r"(?:[-*_=—─][ \t]*+){3,}+\Z")
_LABEL = re.compile(
    rf"""{_D}
    (?P<head>\#{{1,6}}+{_D})?+
    (?:[-+•●○◆◇■□▪·][ \t\u3000]++|\d{{1,3}}[.、)）][ \t\u3000]*+)?+     # a list bullet or number
    (?:{_OPEN}(?P<ts1>{_TS}){_CLOSE}{_D})?
    (?:
        [【\[]{_D}(?P<blabel>[^{_NOT_IN_LABEL}]{{1,12}}+){_D}[】\]]
      | (?P<app>(?:{_APP_LABEL})(?:[ \t\u3000]*+(?P<num>\d{{1,3}}+)(?![:：\d]))?+)
      | (?P<word>[^{_NOT_IN_LABEL}\d-][^{_NOT_IN_LABEL}]{{0,11}}+)(?:[（(](?P<name>[^（）()\n:：]{{1,12}}+)[）)])?+
    )
    (?P<close>{_D})
    (?P<colon>{_COLON})?+
    {_D}
    (?:{_OPEN}(?P<ts2>{_TS}){_CLOSE}{_D}(?P<colon2>{_COLON})?+{_D})?""",
    re.VERBOSE,
)
# A line with something on it: from a line start over leading blanks (possessive, so a line of spaces fails
# once) to the first other character, then the rest of the line.
_TEXT_LINE = re.compile(r"^([^\S\n]*+)\S[^\n]*", re.MULTILINE)
_NONSPACE = re.compile(r"\S")
_SPACES = re.compile(r"\s+")
_SENTENCE_PUNCT = re.compile(r"[。！？!?；;…]")
_ANY_PUNCT = re.compile(r"[，。！？!?；;…、,：:]")
_DATE = re.compile(r"\d{2,4}\s*+[年/.-]\s*+\d{1,2}\s*+[月/.-]\s*+\d{1,2}|\d{1,2}\s*+月\s*+\d{1,2}\s*+[日号]")
# A description of a person in a header: a title, place or organisation (某区政府副区长某某, 某学院某老师).
_DESCRIPTION = re.compile(
    r"某|[区市县省镇乡村州區縣鄉]|街道|社区|社區|学院|學院|大学|大學|学校|學校|中学|小学|老师|老師|教师|教授|博士|硕士|"
    r"书记|書記|主任|局|处长|科长|所长|站长|院长|校长|部长|經理|经理|委员|委員|政府|公司|医院|醫院|中心|研究|同学|同學|学生|學生|"
    r"[长長]$|[员員]$|干部|幹部|民警|警官|志愿者|居民|退休|岁|歲|化名|[男女]"
)
# Words that make a value speech rather than a description (您好, 您在社区工作多久了).
_SPEECH = re.compile(r"[您你我吗嗎呢吧啊呀嗯哦噢喂谢謝请請么麼]|什么|怎么|多久|哪|好的|开始|開始|继续|繼續|^[好对對是]")
# A recurring `X：` that is the start of a sentence rather than a name.
_NOT_A_NAME = re.compile(
    r"^[我你他她它您咱这那這就但所因如比还還也都又再只很太最]|[说說讲講道想看是的了着著过過呢吧啊呀嘛吗嗎么麼哦噢嗯哈对對好行没沒不]$|"
    r"觉得|覺得|认为|認為|表示|就是"
)
# Names that read as a person's, for labels with nothing around them but a space (`张三` alone, `唐鳳 我試著`):
# a common surname, 老王/小李, a title, 某, or a Latin name or ID (Alice, A1) — not 可以, 现在, 谢谢, OK.
_SURNAMES = frozenset(
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪"
    "范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤欧阳"
    "張劉陳楊黃趙吳許韓馮鄧蕭葉蘇呂盧鍾譚陸範賈韋鄒龔錢嚴湯歐陽")
_TITLE = re.compile(
    r"(?:老师|老師|书记|書記|主任|阿姨|大爷|大爺|大妈|大媽|叔叔|同学|同學|经理|經理|先生|女士|教授|警官|所长|所長|局长|局長|"
    r"科长|科長|处长|處長|站长|站長|队长|隊長|组长|組長|主席|老板|老闆|师傅|師傅|大姐|大哥|村长|村長|社长|社長)$|某")
_LATIN_NAME = re.compile(r"[A-Z][a-z]{1,11}|[A-Za-z]{1,3}\d{1,3}|[A-Z]")
_NOT_NAMES = frozenset({"OK", "Ok", "Okay", "Yes", "No", "Hi", "Hello", "Thanks", "Yeah", "Right", "So", "And", "But"})
_QUESTION = re.compile(r"[？?]|[吗嗎呢吧][\s。，,！!~～…]*+$")


@dataclass(frozen=True)
class SpeakerPatterns:
    """The per-project hints and overrides of speaker recognition (editable by the user).

    `labels` are known roles (speakers even when they occur once), `interviewer_labels` mark the interviewer,
    `meta_keys` are header keys (never speakers), `names_with_colon` lets recurring unknown names be speakers,
    `extra` are user regexes with a (?P<label>…) group matched at line start (always speakers), and
    `not_labels` are never speakers.
    """

    labels: tuple[str, ...] = DEFAULT_LABELS
    interviewer_labels: tuple[str, ...] = DEFAULT_INTERVIEWER_LABELS
    meta_keys: tuple[str, ...] = DEFAULT_META_KEYS
    names_with_colon: bool = True  # a 1–8 character name and a colon, once it recurs
    extra: tuple[str, ...] = ()  # user regexes with a (?P<label>…) group, matched at line start
    not_labels: tuple[str, ...] = ()  # never a speaker

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
    indent: int = 0  # offset (within the line) of its first non-space character
    kind: str = "text"  # text | blank | rule | ts | label | key (a metadata key) | meta | note (taken as metadata)
    label: str | None = None  # the speaker (kind label), the key (kind key), or a demoted candidate (kind text)
    ts: str | None = None
    content: int = 0  # offset (within the line) where the spoken text or the value starts
    explicit: bool = False  # matched a project pattern: always a speaker
    form: str = ""  # word | bracket | app | extra
    colon: bool = False
    shape: tuple = ()  # how the label is set out: a one-off name in the shape of recurring labels is a speaker too
    weak: str = ""  # "timed" (`[00:12] 张三`), "bare" (`张三` alone), "spaced" (`张三 您好`): speakers where common
    lead_ts: bool = False  # the line starts with a timestamp
    ts_end: int = 0  # a text line opening with a timestamp (`[00:03:10] 还是我说`): where its text starts


class _Context:
    """The patterns as sets, built once per call."""

    def __init__(self, patterns: SpeakerPatterns):
        self.patterns = patterns
        self.labels = frozenset(patterns.labels)
        self.interviewers = frozenset(patterns.interviewer_labels)
        self.meta_keys = frozenset(patterns.meta_keys) - self.labels
        self.suffix_keys = tuple(k for k in self.meta_keys if len(k) >= 2)
        self.never = NOT_LABELS | frozenset(patterns.not_labels)
        self.extra = [re.compile(rx) for rx in patterns.extra]

    def is_meta_key(self, key: str) -> bool:
        return key in self.meta_keys or (key not in self.labels and key.endswith(self.suffix_keys))


def _lines(text: str) -> list[_Line]:
    """The lines with text on them, and one "blank" line standing for each run of blank lines between them.

    Every consumer treats several blank lines as one, so a file of blank lines costs nothing here.
    """
    out: list[_Line] = []
    end = 0
    for m in _TEXT_LINE.finditer(text):
        if m.start() > 0 and (not out or text.count("\n", end, m.start()) > 1):
            out.append(_Line(end, "", kind="blank"))
        out.append(_Line(m.start(), m.group(), len(m.group(1))))
        end = m.end()
    if text.count("\n", end) > 1 or not out:
        out.append(_Line(end, "", kind="blank"))
    return out


def _classify(line: _Line, ctx: _Context) -> None:
    """Find the line's kind: a rule, a timestamp alone, a label candidate (with its speaker and where the speech
    starts), a metadata key, or text."""
    if line.kind == "blank":
        return
    text, i = line.text, line.indent
    if _RULE.match(text, i):
        line.kind = "rule"
        return
    if m := _TS_ONLY.match(text, i):
        line.kind, line.ts = "ts", m.group("ts")
        return
    for rx in ctx.extra:
        if m := rx.match(text, 0, EXTRA_SPAN):
            line.kind, line.label, line.content, line.explicit = "label", m.group("label"), m.end(), True
            line.form = "extra"
            return
    m = _LABEL.match(text, i, i + WINDOW)
    if not m:
        return
    head, ts1, blabel, app, num, word, name, close, colon1, ts2, colon2 = m.group(
        "head", "ts1", "blabel", "app", "num", "word", "name", "close", "colon", "ts2", "colon2")
    rest = _NONSPACE.search(text, m.end())
    content = rest.start() if rest else len(text)
    line.lead_ts = bool(ts1)
    colon = bool(colon1 or colon2)
    bold = "*" in close and "*" in text[i:m.start("blabel" if blabel else "app" if app else "word")]  # **采访者**
    if blabel:
        form, role = "bracket", blabel
        if whole := _APP_ONLY.fullmatch(role):  # 【说话人1】 as 说话人 1
            form, role = "app", f"{whole.group(1)} {whole.group(2)}" if whole.group(2) else whole.group(1)
    elif app:
        form, base = "app", app[: len(app) - len(num or "")].rstrip()
        role = f"{base} {num}" if num else base
    else:
        form, role = "word", word
        if name and _TS_NAME.fullmatch(name):  # 张三(00:01:23)：
            ts2 = ts2 or name
        elif name and role not in ctx.labels and name in ctx.labels:  # 张某（受访者）：the role
            role = name
    known = form == "app" or role in ctx.labels
    spaced = close != "" and rest is not None  # the label, a space, the speech
    if colon or blabel or bold or "\t" in close or ts2:  # 采访者： / 【张书记】 / **张三** 您好 / 受访者<tab> / 张三 00:12
        ok = True
    elif rest is None:  # alone on its line, the speech on the next: a known role, or set apart by bold, # or a time
        ok = known or "*" in close or bool(head)
        if not ok:  # [00:00:05] 张三 — or [00:00:05] 可以, a short answer; 张三 — or 好的
            line.weak = "timed" if ts1 else "bare" if len(role) <= 6 else ""
            ok = bool(line.weak)
    elif spaced and (form == "app" or (known and (len(role) >= 2 or not role.isascii())) or head):
        ok = True  # 采访者 您好 / 问 您好 (not `A 股`) / ### 唐鳳 我試著
    elif spaced and ts1:  # [00:00:05] 唐鳳 我試著
        ok, line.weak = True, "timed"
    elif spaced and not known and len(role) <= 4:  # 唐鳳 我試著 — or 现在 我们 (speech-to-text puts spaces at pauses)
        ok, line.weak = True, "spaced"
    else:
        ok = False
    if not ok:
        return
    if not known and ctx.is_meta_key(role):  # a header key is never a speaker
        if form == "word" and (colon or "\t" in close):  # 访谈时间：… or a table row 访谈时间<tab>…
            line.kind, line.label, line.content, line.colon = "key", role, content, True
        return
    decorated = bool(head) or "*" in close
    line.kind, line.label, line.ts, line.content, line.form, line.colon = "label", role, ts1 or ts2, content, form, colon
    if decorated or rest is None or ts1 or ts2 or blabel:  # a distinctive shape
        line.shape = (form, colon, rest is None, bool(ts1), bool(ts2), decorated)


def _settle_labels(lines: list[_Line], ctx: _Context) -> None:
    """Keep the candidates that are speakers: known roles and app labels, names that recur and read like names,
    and a one-off name set out in a distinctive shape (a timestamp, bold, alone on its line …) that recurring
    labels have; the others become text again (keeping the candidate in `label` for the header's `key：value`)."""
    counts: dict[str, int] = {}
    for line in lines:
        if line.kind == "label":
            counts[line.label] = counts.get(line.label, 0) + 1
    shapes: dict[tuple, int] = {}
    for line in lines:
        if line.kind == "label" and line.shape and counts[line.label] >= 2 and (
                line.form == "app" or line.label in ctx.labels or not _NOT_A_NAME.search(line.label)):
            shapes[line.shape] = shapes.get(line.shape, 0) + 1
    weak = _weak_labels(lines, ctx, counts)
    for line in lines:
        if line.kind != "label" or line.explicit:
            continue
        role = line.label or ""
        if role in ctx.never:
            keep = False
        elif line.form == "app" or role in ctx.labels:
            keep = True
        elif not ctx.patterns.names_with_colon and line.form != "bracket":
            keep = False
        else:
            recurs = counts[role] >= 2 or shapes.get(line.shape, 0) >= 2
            keep = recurs and len(role) <= 8 and not _NOT_A_NAME.search(role) and (
                not line.weak or role in weak[line.weak])
        if not keep:
            line.kind, line.ts = "text", None


def _weak_labels(lines: list[_Line], ctx: _Context, counts: Mapping[str, int]) -> dict[str, set[str]]:
    """For each weak form, the names kept: person-like names, where the form is common enough to be the
    transcript's way of marking speakers."""
    names = {form: {line.label for line in lines if line.weak == form and _person_like(line.label or "", ctx)}
             for form in ("timed", "bare", "spaced")}
    texts = sum(1 for line in lines if line.kind in ("text", "label"))
    # `[00:00:05] 张三`: such lines are half of the lines that open with a time, or more
    timed = sum(1 for line in lines if line.lead_ts)
    if sum(1 for line in lines if line.weak == "timed") * 2 < timed:
        names["timed"] = set()
    # `张三` alone: recurring, and label lines alone (these and the roles') a fifth of the lines — a label every
    # few lines, not the odd 可以 a short answer repeats
    bare = {role for role in names["bare"] if counts[role] >= 2}
    alone = sum(1 for line in lines if line.kind == "label" and line.content >= len(line.text)
                and (line.label in bare or line.form == "app" or line.label in ctx.labels))
    names["bare"] = bare if len(bare) <= 6 and alone * 5 >= texts else set()
    # `张三 您好`: a name that opens a tenth of the lines or more, as a speaker in a talk of a few does
    names["spaced"] = {role for role in names["spaced"] if counts[role] * 10 >= texts}
    return names


def _person_like(role: str, ctx: _Context) -> bool:
    if _TITLE.search(role) or _numbered_role(role, ctx.labels):
        return True
    if role.isascii():
        return role not in _NOT_NAMES and bool(_LATIN_NAME.fullmatch(role))
    if 2 <= len(role) <= 4 and role[0] in _SURNAMES and role[1] != role[0]:
        return True
    return 2 <= len(role) <= 3 and role[0] in "老小阿" and role[1] in _SURNAMES


def _value(line: _Line) -> str:
    value = line.text[line.content:].rstrip()
    return value[:-2].rstrip() if value.endswith("**") else value


def _is_description(value: str, near_keys: bool = False, limit: int = 40) -> bool:
    """A header value that describes a person (某区政府副区长某某) rather than the first words spoken: short,
    no sentence punctuation, no words of speech, and a title, place or organisation in it (or keys around it)."""
    stripped = value.rstrip("。.")
    if not stripped or len(stripped) > limit or _SENTENCE_PUNCT.search(stripped) or _SPEECH.search(stripped):
        return False
    if stripped != value:  # 受访者：李某某，男，56岁，退休干部。
        return bool(_DESCRIPTION.search(stripped))
    return near_keys or bool(_DESCRIPTION.search(stripped))


def _described(lines: list[_Line], i: int, near_keys: bool) -> bool:
    """Is the label line lines[i] of the opening block a description? A short one with a title or place is; with
    keys around it any short value without speech is, and a longer one (up to 80 characters) with a title or
    place — unless the next line is dialogue (访谈者：介绍一下工作 / 受访者：好的我是 …)."""
    value = _value(lines[i])
    if _is_description(value):
        return True
    if not (_is_description(value, True) and near_keys or _is_description(value, False, 80)):
        return False
    after = lines[i + 1] if i + 1 < len(lines) else None
    return after is None or after.kind in ("blank", "rule", "key") or (
        after.kind == "label" and _is_description(_value(after), True, 80))


_TAGGED_NOTE = re.compile(r"[【\[][^】\]\n]{1,12}[】\]]")  # a line opening with a short tag in brackets


def _title(line: _Line) -> str:
    return line.text.strip().lstrip("#").strip().strip("*").strip()


def _is_note(lines: list[_Line], i: int, first_marker: int | None, next_is_key: bool) -> bool:
    """A title, date or editor's note in the opening block."""
    line = lines[i]
    stripped = line.text.strip()
    if len(stripped) > 80:
        return False
    if stripped.startswith("#") or (stripped[0] in "【[（(" and stripped[-1] in "】]）)"):
        return True
    before_labels = first_marker is not None and i < first_marker
    if _TAGGED_NOTE.match(stripped) and (next_is_key or before_labels):
        return True  # 【示例数据】本访谈记录为虚构样例。 above the keys: an editor's note, punctuation and all
    if len(stripped) > 40:  # a long title before the first label: no sentence punctuation in it
        return before_labels and not _SENTENCE_PUNCT.search(stripped)
    if _DATE.match(_title(line)):
        return True
    if _SENTENCE_PUNCT.search(stripped[-1]):
        return False
    if next_is_key or before_labels:
        return True
    # no markers at all: a short first line without punctuation, set apart or followed by a longer one
    if first_marker is None and i < 3 and len(stripped) <= 30 and not _ANY_PUNCT.search(stripped):
        following = _next_text(lines, i, 1)
        return bool(following) and (
            lines[i + 1].kind in ("blank", "rule") or len(following[0].text.strip()) > 2 * len(stripped))
    return False


class _Meta:
    """Metadata as found; a key met again (a second recording's header) is stored as `key (2)`, `key (3)` …"""

    def __init__(self) -> None:
        self.values: dict[str, str] = {}
        self.seen: dict[str, int] = {}
        self.notes: list[str] = []

    def put(self, key: str, value: str) -> None:
        n = self.seen.get(key, 0) + 1
        self.seen[key] = n
        name = key if n == 1 else f"{key} ({n})"
        while name in self.values:  # a key that itself reads `关键词 (2)`
            n += 1
            self.seen[key] = n
            name = f"{key} ({n})"
        self.values[name] = value

    def result(self) -> dict[str, str]:
        if self.notes:
            self.values["notes"] = "\n".join(self.notes)
        return self.values


def _next_text(lines: list[_Line], i: int, limit: int) -> list[_Line]:
    """The next few lines with text after lines[i] (skipping blank lines and rules)."""
    out: list[_Line] = []
    for k in range(i + 1, len(lines)):
        if lines[k].kind not in ("blank", "rule"):
            out.append(lines[k])
            if len(out) == limit:
                break
    return out


def _header(lines: list[_Line], ctx: _Context, meta: _Meta) -> int:
    """Index of the first body line; the opening block's metadata and notes are added to `meta`."""
    first_marker = next((k for k, line in enumerate(lines) if line.kind in ("label", "ts") or line.ts_end), None)
    keys_seen = False
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.kind in ("blank", "rule"):
            i += 1
            continue
        following = _next_text(lines, i, 3)
        next_is_key = bool(following) and following[0].kind == "key"
        near_keys = keys_seen or any(x.kind == "key" for x in following)
        if line.kind == "key":
            value = _value(line)
            after = lines[i + 1] if i + 1 < len(lines) else None
            if not value and line.label in _LIST_KEYS and after is not None and after.kind == "text" \
                    and len(after.text) <= 300 and not _SENTENCE_PUNCT.search(after.text.rstrip()[-1:]):
                value, i = after.text.strip(), i + 1  # 关键词： / 社区、治理、网格 (the list on the next line)
            meta.put(line.label, value)
            keys_seen = True
        elif line.kind == "label" and not line.explicit and _described(lines, i, near_keys):
            meta.put(line.label, _value(line))
        elif line.kind == "text" and line.colon and line.label and len(line.label) <= 8 \
                and _is_description(_value(line), True) \
                and (near_keys or (first_marker is not None and i < first_marker)):
            meta.put(line.label, _value(line))  # an unknown key with a short value (学校：某大学)
        elif line.kind == "text" and _is_note(lines, i, first_marker, next_is_key):
            meta.notes.append(_title(line))
        else:
            break
        i += 1
    return i


def _body_headers(lines: list[_Line], body: int, ctx: _Context) -> None:
    """Mark headers inside the body (a second recording: `后三十分钟` / `关键词：…` / `文字记录：`) as metadata."""
    i = body
    while i < len(lines):
        if lines[i].kind != "key":
            i += 1
            continue
        run, j = [], i
        while j < len(lines):
            line = lines[j]
            if line.kind in ("blank", "rule"):
                j += 1
                continue
            value = _value(line) if line.kind in ("key", "label") else ""
            if line.kind == "key" and len(value) <= 120 and not _SENTENCE_PUNCT.search(value[-1:]):
                run.append(line)
            elif line.kind == "label" and run and _is_description(value):
                run.append(line)
            else:
                break
            j += 1
        before = next((lines[k] for k in range(i - 1, body - 1, -1) if lines[k].kind not in ("blank", "rule")), None)
        title = before is not None and before.kind == "text" and len(before.text.strip()) <= 20 \
            and not _ANY_PUNCT.search(before.text)
        if len(run) >= 2 or title or any(x.kind == "key" and x.label in _STRONG_KEYS for x in run):
            for line in run:
                line.kind = "meta"
            if title:
                before.kind = "note"
        for line in run:
            if line.kind == "key":
                line.kind, line.label = "text", None
        i = max(j, i + 1)


def _timed_text(lines: list[_Line]) -> None:
    """Mark the text lines that open with a timestamp (`[00:03:10] 还是我说`): each starts a turn."""
    for line in lines:
        if line.kind == "text" and line.text[line.indent:line.indent + 1] in _TS_START:
            m = _LEAD_TS.match(line.text, line.indent, line.indent + WINDOW)
            rest = _NONSPACE.search(line.text, m.end()) if m else None
            if rest:
                line.ts, line.ts_end = m.group("b") or m.group("s"), rest.start()


def _blocks_are_paragraphs(lines: list[_Line]) -> bool:
    """Without markers: are the blocks between blank lines the paragraphs (True), or each line (False)?

    Blocks, when blank lines separate the text and the blocks are short (a .txt of blank-line paragraphs) or
    hard-wrapped (inner lines of one width that end mid-sentence); lines otherwise (a .docx, which has no blank
    lines between paragraphs, or only a few)."""
    sizes, size, inner = [], 0, []
    previous: _Line | None = None
    for line in lines:
        if line.kind in ("blank", "rule"):
            if size:
                sizes.append(size)
            size, previous = 0, None
        elif line.kind == "text":
            if previous is not None:
                inner.append(previous.text.rstrip())
            size, previous = size + 1, line
    if size:
        sizes.append(size)
    if len(sizes) < 2:
        return False
    if not inner or sum(sizes) / len(sizes) <= 4:
        return True
    unfinished = sum(1 for s in inner if not _SENTENCE_PUNCT.search(s[-1:]) and s[-1:] not in "”」』")
    lengths = sorted(len(s) for s in inner)
    median = lengths[len(lengths) // 2]
    even = sum(1 for n in lengths if abs(n - median) <= max(2, median * 0.15))
    return unfinished * 2 > len(inner) and even * 10 >= len(inner) * 6


def _numbered_role(speaker: str, roles: frozenset[str]) -> bool:
    """访谈者1, 采访者A: a role of two characters or more followed by a short number or letter."""
    for n in (1, 2):
        role, suffix = speaker[:-n], speaker[-n:]
        if len(role) >= 2 and role in roles and suffix.isalnum() and suffix.isascii():
            return True
    return False


def _interviewers(text: str, turns: list[tuple], ctx: _Context) -> set[str]:
    """The speakers marked as interviewer: known interviewer roles (also numbered: 访谈者1), or else a guess among
    anonymous app labels."""
    speakers = {t[2] for t in turns}
    known = {s for s in speakers if s in ctx.interviewers or _numbered_role(s, ctx.interviewers)}
    if known:
        return known
    anonymous = {s for s in speakers if re.match(_APP_LABEL, s)}
    if not anonymous or len(speakers) < 2:
        return set()
    questions = dict.fromkeys(speakers, 0)
    for start, end, speaker, *_ in turns:
        if _QUESTION.search(text, start, end):
            questions[speaker] += 1
    ranked = sorted(questions.items(), key=lambda kv: -kv[1])
    best, count = ranked[0]
    if best in anonymous and count >= 2 and count > 1.5 * ranked[1][1]:
        return {best}
    return set()


def segment_turns(text: str, patterns: SpeakerPatterns | None = None) -> Segmentation:
    """Header metadata and speaker turns of a normalised transcript."""
    ctx = _Context(patterns or SpeakerPatterns())
    lines = _lines(text)
    for line in lines:
        _classify(line, ctx)
    _settle_labels(lines, ctx)
    _timed_text(lines)
    meta = _Meta()
    body = _header(lines, ctx, meta)
    header_end = lines[body].start if body < len(lines) else len(text)
    _body_headers(lines, body, ctx)
    body_lines = lines[body:]
    times = sum(1 for line in body_lines if line.kind == "ts" or line.ts_end)
    if any(line.kind == "label" for line in body_lines):
        mode = "labels"
    elif times >= 2 and times * 3 >= sum(1 for line in body_lines if line.kind == "text"):
        mode = "timestamps"  # a time every few lines: the times make the turns
    else:  # no markers, or a time now and then (it closes a turn and dates the next)
        mode = "blocks" if _blocks_are_paragraphs(body_lines) else "lines"
    # only the questions labelled (问：… / the answer on the lines after): the answers are turns of their own
    labels = [line for line in body_lines if line.kind == "label"]
    questions_only = len(labels) >= 2 and all(
        line.label in ctx.interviewers and line.content < len(line.text) for line in labels)

    turns: list[tuple] = []  # start, end, speaker, timestamp, label_start
    open_turn: list | None = None  # [start or None, speaker, timestamp, label_start]
    pending_ts: str | None = None
    last_speaker = ""
    last_end = header_end

    def close() -> None:
        nonlocal open_turn
        if open_turn is not None and open_turn[0] is not None:
            s, e = trimmed(text, open_turn[0], last_end)
            if e > s:
                turns.append((s, e, open_turn[1], open_turn[2], open_turn[3]))
        open_turn = None

    for line in body_lines:
        kind = line.kind
        if kind in ("blank", "rule"):
            if mode == "blocks":
                close()
            continue
        if kind in ("meta", "note"):
            close()
            if kind == "meta":
                meta.put(line.label, _value(line))
            else:
                meta.notes.append(_title(line))
            pending_ts, last_speaker = None, ""
            continue
        if kind == "ts":
            if open_turn is not None and open_turn[0] is None:  # 说话人 1 / 00:07 / speech: the label's time
                open_turn[2] = open_turn[2] or line.ts
                continue
            close()
            pending_ts = line.ts
            continue
        line_end = line.start + len(line.text)
        if line.ts_end:  # [00:03:10] 还是我说: a turn of the last speaker from this time
            close()
            open_turn = [line.start + line.ts_end, last_speaker if mode == "labels" else "", line.ts, None]
            pending_ts = None
        elif kind == "label":
            close()
            content = line.start + line.content
            open_turn = [content if content < line_end else None, line.label, line.ts or pending_ts, line.start]
            last_speaker, pending_ts = line.label, None
        elif open_turn is None:
            open_turn = [line.start, last_speaker if mode == "labels" else "", pending_ts, None]
            pending_ts = None
        elif open_turn[0] is None:
            open_turn[0] = line.start
        last_end = line_end
        if mode == "lines" or (questions_only and kind == "label"):
            close()
            if kind == "label":
                last_speaker = ""
    close()
    interviewers = _interviewers(text, turns, ctx)
    spans = [TurnSpan(s, e, sp, sp in interviewers, ts, ls) for s, e, sp, ts, ls in turns]
    return Segmentation(header_end, meta.result(), spans)
