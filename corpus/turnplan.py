"""Confirm before storing: what the import found in one transcript, and the researcher's corrections to it.

`summarise` lists a file's speaker labels (how many turns each, its first
line, whether it looks like the interviewer), the metadata of its opening
block, and a default participant ID (from the metadata, else the file name).
A file's choices are one `LabelChoice` per label as found: its name as stored
(two labels given one name are merged into one speaker), interviewer or not,
the participant it stands for, or "not a speaker". `apply` turns the
segmentation and the choices into the corrected segmentation that the
pipeline cuts into units and stores.

"Not a speaker" is for a label that was a false alarm: a recurring `比如说：`
inside an answer, a section heading `【第二部分】`. Its line is text again, and
it belongs where it stands: the turn before it runs on over it (that speaker
was still talking); when no turn comes before it, it starts a turn of an
unknown speaker at the label's line.

Pure functions over plain values: the import dialog, `zhagen import --dry-run`
and the pipeline's worker processes share them.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, replace
from pathlib import PurePath
from typing import Mapping

from coding.messages import Message, MessageError
from corpus.speakers import Segmentation, TurnSpan

FIRST_LINE_CHARS = 60
MAX_NAME_CHARS = 40  # a speaker name or participant ID longer than this is a mistake (a pasted sentence)
# Metadata keys that hold the interviewee's ID, best first.
PARTICIPANT_KEYS = ("受访者编号", "受訪者編號", "访谈对象编号", "被访者编号", "编号", "編號", "访谈编号", "訪談編號", "ID", "id")
# An ID as papers cite it: letters and digits (A03, P12, S-01) or a short number (03), at the start of a name.
_ID = re.compile(r"(?:[A-Za-z]{1,4}[-_]?\d{1,4}|\d{1,3})(?![A-Za-z0-9])")
_LINE_BREAK = re.compile(r"[\n\r\t\v\f\x85\u2028\u2029]")


@dataclass(frozen=True)
class LabelSummary:
    label: str
    turns: int
    first_line: str  # the start of its first turn, cut at FIRST_LINE_CHARS
    interviewer: bool  # as recognised by the project's interviewer labels


@dataclass(frozen=True)
class FileSummary:
    name: str
    labels: tuple[LabelSummary, ...]  # in order of first appearance
    unlabelled: int  # turns without a label
    meta: Mapping[str, str]
    participant: str  # the default participant ID
    participant_source: str  # the metadata key it came from, or "" for the file name

    @property
    def turns(self) -> int:
        return self.unlabelled + sum(s.turns for s in self.labels)

    def find(self, label: str) -> LabelSummary | None:
        return next((s for s in self.labels if s.label == label), None)


@dataclass(frozen=True)
class LabelChoice:
    """What to store for one label of one file."""

    name: str  # the speaker name stored on its turns (a rename; one name for two labels merges them)
    interviewer: bool
    participant: str = ""  # participant ID (A03); "" for none; interviewer turns never get one
    not_speaker: bool = False  # the label is text, not a speaker: see the module docstring


Choices = Mapping[str, LabelChoice]  # keyed by the label as found in the file


class ChoiceError(MessageError, ValueError):
    """Choices that cannot be made on a file's turns; str() is the first problem."""


@dataclass(frozen=True)
class Problem:
    """A choice that cannot be stored as it is; str() says why in one line."""

    kind: str  # bad_name | bad_participant | interviewer_differs | participant_differs
    name: str  # the speaker name (or participant ID) concerned
    labels: tuple[str, ...]  # the labels involved
    values: tuple[str, ...] = ()  # the differing participant IDs

    def __str__(self) -> str:
        return str(self.message)

    @property
    def message(self) -> Message:
        labels = "、".join(self.labels)
        if self.kind == "bad_name":
            return Message("{labels}: {name!r} cannot be a speaker name (one line of at most {most} characters)",
                           labels=labels, name=self.name, most=MAX_NAME_CHARS)
        if self.kind == "bad_participant":
            return Message("{labels}: {name!r} cannot be a participant ID (one line of at most {most} characters)",
                           labels=labels, name=self.name, most=MAX_NAME_CHARS)
        if self.kind == "interviewer_differs":
            return Message("{labels} are all stored as {name!r}, but not all of them are marked interviewer",
                           labels=labels, name=self.name)
        return Message("{labels} are all stored as {name!r}, but are linked to different participants ({pids})",
                       labels=labels, name=self.name, pids="、".join(self.values))


def default_participant(name: str, meta: Mapping[str, str]) -> tuple[str, str]:
    """The participant ID a file stands for, and where it came from (a metadata key, or "" for the file name).

    `受访者编号：A03` gives A03; else a file name that starts with an ID (`A03 张某访谈.docx`,
    `P12_社区民警.txt`) gives the ID, and any other name its stem.
    """
    for key in PARTICIPANT_KEYS:
        value = " ".join(str(meta.get(key, "")).split())
        if value:
            m = _ID.match(value)
            if m:
                return m.group(), key
            if len(value) <= MAX_NAME_CHARS:
                return value, key
    stem = " ".join(PurePath(name).stem.split()) or name.strip()
    m = _ID.match(stem)
    return (m.group() if m else stem[:MAX_NAME_CHARS]), ""


def _first_line(text: str, turn: TurnSpan) -> str:
    line = text[turn.start:turn.end].split("\n", 1)[0].strip()
    return line if len(line) <= FIRST_LINE_CHARS else line[:FIRST_LINE_CHARS].rstrip() + "…"


def summarise(name: str, text: str, segmentation: Segmentation) -> FileSummary:
    """What the speaker recognition found in one file (NAME: its file name, for the default participant)."""
    counts: dict[str, int] = {}
    first: dict[str, TurnSpan] = {}
    unlabelled = 0
    for turn in segmentation.turns:
        if not turn.speaker:
            unlabelled += 1
            continue
        counts[turn.speaker] = counts.get(turn.speaker, 0) + 1
        first.setdefault(turn.speaker, turn)
    labels = tuple(LabelSummary(label, counts[label], _first_line(text, t), t.is_interviewer) for label, t in first.items())
    participant, source = default_participant(name, segmentation.meta)
    return FileSummary(name, labels, unlabelled, dict(segmentation.meta), participant, source)


def default_choices(summary: FileSummary) -> dict[str, LabelChoice]:
    """Every label as recognised, and the file's default participant on its one speaker besides the interviewer."""
    return with_default_participant({s.label: LabelChoice(s.label, s.interviewer) for s in summary.labels},
                                    summary.participant)


def with_default_participant(choices: Choices, participant: str) -> dict[str, LabelChoice]:
    """PARTICIPANT on the one speaker that is not the interviewer, once renames and "not a speaker" are made
    (答 renamed 受访者 is the same speaker). With two or more such speakers (a group interview, or two people
    the researcher has not told apart) none gets it: only the researcher knows who is who."""
    names = {_clean(c.name) for c in choices.values() if not c.interviewer and not c.not_speaker}
    if len(names) != 1:
        return dict(choices)
    return {label: replace(c, participant=participant) if not c.interviewer and not c.not_speaker else c
            for label, c in choices.items()}


def _clean(value: str) -> str:
    return unicodedata.normalize("NFC", value).strip()


def _bad(value: str) -> bool:
    return len(value) > MAX_NAME_CHARS or bool(_LINE_BREAK.search(value))


def problems(choices: Choices) -> list[Problem]:
    """What keeps the choices from being stored: a bad name or ID, or merged labels that disagree."""
    out: list[Problem] = []
    merged: dict[str, list[tuple[str, LabelChoice]]] = {}
    for label, choice in choices.items():
        if choice.not_speaker:
            continue
        name = _clean(choice.name)
        if not name or _bad(name):
            out.append(Problem("bad_name", choice.name, (label,)))
            continue
        if _bad(_clean(choice.participant)):
            out.append(Problem("bad_participant", choice.participant, (label,)))
        merged.setdefault(name, []).append((label, choice))
    for name, group in merged.items():
        if len(group) < 2:
            continue
        labels = tuple(label for label, _ in group)
        if len({c.interviewer for _, c in group}) > 1:
            out.append(Problem("interviewer_differs", name, labels))
        pids = sorted({_clean(c.participant) for _, c in group if _clean(c.participant) and not c.interviewer})
        if len(pids) > 1:
            out.append(Problem("participant_differs", name, labels, tuple(pids)))
    return out


def participants(choices: Choices) -> dict[str, str]:
    """Speaker name as stored → participant ID, for the speakers that are not the interviewer."""
    out: dict[str, str] = {}
    for choice in choices.values():
        pid = _clean(choice.participant)
        if pid and not choice.not_speaker and not choice.interviewer:
            out.setdefault(_clean(choice.name), pid)
    return out


def apply(text: str, segmentation: Segmentation, choices: Choices) -> Segmentation:
    """The segmentation with the choices made: turns renamed, merged, (un)marked interviewer, false labels undone.

    Labels without a choice stay as they are. Raises ChoiceError when `problems` finds any in the choices
    with those labels added as they are (a label renamed to the name of one left alone is merged with it).
    """
    complete: dict[str, LabelChoice] = {}  # in the order the labels first come
    for t in segmentation.turns:
        if t.speaker and t.speaker not in complete:
            complete[t.speaker] = choices.get(t.speaker) or LabelChoice(t.speaker, t.is_interviewer)
    found = problems({**complete, **choices})
    if found:
        raise ChoiceError(found[0].message)
    turns: list[TurnSpan] = []
    for turn in segmentation.turns:
        choice = choices.get(turn.speaker) if turn.speaker else None
        if choice is None:
            turns.append(turn)
        elif not choice.not_speaker:
            turns.append(replace(turn, speaker=_clean(choice.name), is_interviewer=choice.interviewer))
        elif turns:  # the speaker before runs on over the line that only looked like a label
            turns[-1] = replace(turns[-1], end=turn.end)
        else:
            start = turn.start if turn.label_start is None else turn.label_start
            while start < turn.end and text[start].isspace():
                start += 1
            turns.append(TurnSpan(start, turn.end, "", False, turn.timestamp, None))
    return Segmentation(segmentation.header_end, dict(segmentation.meta), turns)
