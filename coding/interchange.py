"""What a foreign project or codebook holds, read but not yet stored.

Readers of other programs' files (REFI-QDA .qdpx/.qdc in exports/refi_import.py,
MAXQDA's Excel codebook in exports/codebook_xlsx.py) produce an `Incoming`:
plain values, GUIDs in our canonical form (lower case, no braces), texts and
offsets already in our terms (NFC text with `\\n` line ends, Unicode code-point
offsets, end exclusive). `coding/services/interchange.py` stores it as a new
project; an existing project takes it through the merge rules
(coding/merge.py), so the same code decides matches and conflicts for a merge
of a Zhagen project, a REFI-QDA file and an Excel codebook.

`skipped` lists what a reader left out and why (one line each, naming the element
or row), for the import report.

Size: readers and the store work level by level with explicit stacks, never by
recursion, and key codes by their parent and name, never by their whole path,
so time and memory follow what the file holds. A code system nested more than
MAX_CODE_DEPTH levels deep is refused (a .qdpx/.qdc) or its rows skipped (an
Excel codebook): no researcher's code system comes near it, and every later
view of a code path would grow with the square of the depth.
"""

from __future__ import annotations

import re
import uuid
from dataclasses import dataclass, field
from datetime import datetime

from coding.messages import Message

MAX_CODE_DEPTH = 5_000  # levels of nested codes an import accepts

_PLAIN = re.compile(r"[0-9A-Fa-f]{8}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{4}-[0-9A-Fa-f]{12}")
_GUID = re.compile(r"\{?([0-9A-Fa-f]{8})-?([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{4})-?([0-9A-Fa-f]{12})\}?")


def canonical_guid(value: str | None) -> str | None:
    """A GUID in our stored form (lower case, hyphens, no braces); None when VALUE is not a GUID."""
    if not value:
        return None
    if _PLAIN.fullmatch(value):
        return value.lower()
    match = _GUID.fullmatch(value.strip())
    if match is None:
        return None
    return str(uuid.UUID("".join(match.groups())))


@dataclass
class InUser:
    guid: str
    name: str


@dataclass
class InCode:
    guid: str
    name: str
    parent: str | None = None  # parent's guid
    colour: str | None = None  # "#rrggbb"
    definition: str = ""
    level: str | None = None  # concept, category, main, core, none; None = decide by depth
    role: str | None = None  # paradigm role key
    in_vivo: bool = False


@dataclass
class InVariable:
    guid: str
    name: str
    type: str = "text"  # text, integer, float, boolean, date
    description: str = ""


@dataclass
class InCase:
    guid: str
    pid: str  # participant ID (the Case's name)
    name: str = ""
    notes: str = ""
    values: dict[str, str] = field(default_factory=dict)  # variable guid -> stored value text
    sources: list[str] = field(default_factory=list)  # source guids


@dataclass
class InSource:
    guid: str
    name: str
    text: str  # NFC, \n line ends
    source_name: str = ""  # the file it came from inside the archive
    encoding: str = ""
    user: str | None = None
    created_at: datetime | None = None
    participant: str | None = None  # the interviewee's case guid, when the file says (our convention line)
    speakers: dict[str, str] = field(default_factory=dict)  # speaker label -> case guid (our convention line)


@dataclass
class InCoding:
    guid: str
    source: str
    start: int  # code points into InSource.text, end exclusive
    end: int
    code: str
    user: str | None = None
    created_at: datetime | None = None
    comment: str = ""


@dataclass
class InNote:
    guid: str
    title: str
    text: str
    kind: str = "memo"
    on: tuple[str, str] | None = None  # ("document"|"code"|"coding"|"relation", guid); None = the project
    user: str | None = None
    created_at: datetime | None = None
    updated_at: datetime | None = None


@dataclass
class InLink:
    guid: str
    type: str
    origin: str  # code guid
    target: str  # code guid
    directed: bool = True
    memo: str = ""
    user: str | None = None
    created_at: datetime | None = None


def code_depths(codes: list[InCode]) -> dict[str, int]:
    """Each code's depth (0 = top level), for codes listed parents first; a code whose parent is not listed
    before it counts as top level."""
    depth: dict[str, int] = {}
    for code in codes:
        depth[code.guid] = depth[code.parent] + 1 if code.parent in depth else 0
    return depth


@dataclass
class Incoming:
    """Everything read from one file; lists keep the file's order (codes parents first)."""

    origin: str = ""
    name: str = ""
    description: str = ""
    users: list[InUser] = field(default_factory=list)
    codes: list[InCode] = field(default_factory=list)
    variables: list[InVariable] = field(default_factory=list)
    cases: list[InCase] = field(default_factory=list)
    sources: list[InSource] = field(default_factory=list)
    codings: list[InCoding] = field(default_factory=list)
    notes: list[InNote] = field(default_factory=list)
    links: list[InLink] = field(default_factory=list)
    skipped: list[Message] = field(default_factory=list)  # what was left out, and why (coding.messages)
    remarks: list[Message] = field(default_factory=list)  # how something was read (e.g. NVivo's UTF-16 offsets)
