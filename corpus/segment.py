"""Baseline segmentation of normalised transcript text into header, speaker turns and sentences.

This handles the plain `访谈者：` / `受访者：` form (full- or half-width colon,
one label per line, continuation lines belong to the open turn) and splits
sentences at Chinese end punctuation. The corpus issue's import pipeline adds
the other transcript forms and spaCy/jieba segmentation on top of it.

All offsets are code points into the text given, which must already be NFC
with `\\n` line ends. Turns span the spoken text after the label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

DEFAULT_LABELS = ("访谈者", "受访者", "采访者", "被访者", "问", "答")
INTERVIEWER_LABELS = frozenset({"访谈者", "采访者", "问", "Q"})

# A sentence ends after 。！？；or an ellipsis, plus any closing quotes/brackets.
_SENTENCE_END = re.compile(r"(?:[。！？!?；;]+|…{1,2}|\.{3,})[”’」』》〉）)\]】]*")
_META_LINE = re.compile(r"^(?P<key>[^：:\s]{1,12})[：:]\s*(?P<value>.*)$")


@dataclass(frozen=True)
class Span:
    start: int
    end: int


@dataclass(frozen=True)
class TurnSpan:
    start: int
    end: int
    speaker: str
    is_interviewer: bool


@dataclass(frozen=True)
class Header:
    end: int  # offset where the body starts
    meta: dict[str, str]
    notes: list[str]


def split_header(text: str, labels: tuple[str, ...] = DEFAULT_LABELS) -> Header:
    """The opening block up to the first blank line, if it reads as metadata.

    Metadata lines are `key：value`; other lines (such as a 【示例数据】 note) are
    kept as notes. A block whose first line is a speaker label followed by
    speech that recurs later is dialogue, not a header.
    """
    first_blank = text.find("\n\n")
    if first_blank < 0:
        return Header(0, {}, [])
    block = text[:first_blank]
    meta: dict[str, str] = {}
    notes: list[str] = []
    for line in block.split("\n"):
        line = line.strip()
        if not line:
            continue
        match = _META_LINE.match(line)
        if match and not any(p in match.group("value") for p in "。！？"):
            meta[match.group("key")] = match.group("value").strip()
        elif line.startswith(("【", "[", "#")) or len(line) <= 80:
            notes.append(line)
        else:
            return Header(0, {}, [])
    if not meta:
        return Header(0, {}, [])
    body_start = first_blank
    while body_start < len(text) and text[body_start] == "\n":
        body_start += 1
    return Header(body_start, meta, notes)


def speaker_turns(text: str, start: int = 0, labels: tuple[str, ...] = DEFAULT_LABELS) -> list[TurnSpan]:
    """Turns from `start` on: each begins after `LABEL：` at a line start."""
    pattern = re.compile(r"^(?P<label>" + "|".join(map(re.escape, labels)) + r")\s*[：:]\s*", re.MULTILINE)
    matches = [mt for mt in pattern.finditer(text, start)]
    turns: list[TurnSpan] = []
    for i, match in enumerate(matches):
        body_start = match.end()
        body_end = matches[i + 1].start() if i + 1 < len(matches) else len(text)
        while body_end > body_start and text[body_end - 1].isspace():
            body_end -= 1
        if body_end > body_start:
            label = match.group("label")
            turns.append(TurnSpan(body_start, body_end, label, label in INTERVIEWER_LABELS))
    return turns


def sentences(text: str, start: int, end: int) -> list[Span]:
    """Sentence spans within [start, end): split at end punctuation and line ends, trimmed."""
    spans: list[Span] = []
    for line_match in re.finditer(r"[^\n]+", text[start:end]):
        line_start = start + line_match.start()
        line = line_match.group()
        cursor = 0
        for stop in _SENTENCE_END.finditer(line):
            spans.append(Span(line_start + cursor, line_start + stop.end()))
            cursor = stop.end()
        if cursor < len(line):
            spans.append(Span(line_start + cursor, line_start + len(line)))
    trimmed = []
    for span in spans:
        s, e = span.start, span.end
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            trimmed.append(Span(s, e))
    return trimmed
