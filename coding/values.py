"""Plain, frozen values that services and queries hand out of `coding/`.

No ORM object ever leaves the package: callers (CLI, GUI, exports) get these
dataclasses, which are safe to keep, compare and pass between threads.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import datetime
from typing import Any, Generic, Mapping, NamedTuple, TypeVar

T = TypeVar("T")


@dataclass(frozen=True)
class Coder:
    id: int
    guid: str
    name: str
    colour: str
    created_at: datetime


@dataclass(frozen=True)
class Participant:
    id: int
    guid: str
    pid: str
    name: str
    notes: str
    created_at: datetime


@dataclass(frozen=True)
class Attribute:
    id: int
    guid: str
    name: str
    type: str
    description: str
    position: int


@dataclass(frozen=True)
class Document:
    """A document without its text (fetch text with queries.document_text)."""

    id: int
    guid: str
    name: str
    length: int
    sha256: str
    source_name: str
    encoding: str
    imported_at: datetime
    coding_order: int
    held_out: bool
    participant_id: int | None
    meta: Mapping[str, Any]
    created_by: int | None


class CodingPosition(NamedTuple):
    """A coding's place without its quote (for counting and drawing; a tuple, as 60,000 are loaded at once)."""

    id: int
    code_id: int
    document_id: int
    start: int
    end: int
    coder_id: int


@dataclass(frozen=True)
class Turn:
    id: int
    document_id: int
    seq: int
    start: int
    end: int
    speaker: str
    participant_id: int | None
    is_interviewer: bool
    timestamp: str | None


@dataclass(frozen=True)
class Unit:
    id: int
    document_id: int
    turn_id: int | None
    kind: str
    seq: int
    start: int
    end: int


@dataclass(frozen=True)
class Code:
    id: int
    guid: str
    name: str
    parent_id: int | None
    position: int
    level: str
    definition: str
    colour: str
    paradigm_role: str | None
    in_vivo: bool
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class Coding:
    id: int
    guid: str
    code_id: int
    document_id: int
    start: int
    end: int
    coder_id: int
    created_at: datetime
    comment: str


@dataclass(frozen=True)
class Relation:
    id: int
    guid: str
    source_id: int
    target_id: int
    type: str
    directed: bool
    memo: str
    created_by: int | None
    created_at: datetime


@dataclass(frozen=True)
class Memo:
    id: int
    guid: str
    title: str
    text: str
    kind: str
    document_id: int | None
    code_id: int | None
    coding_id: int | None
    relation_id: int | None
    coder_id: int | None
    created_at: datetime
    updated_at: datetime


@dataclass(frozen=True)
class Event:
    id: int
    at: datetime
    coder_id: int | None
    action: str
    payload: Mapping[str, Any]


@dataclass(frozen=True)
class Snapshot:
    id: int
    name: str
    created_at: datetime
    coder_id: int | None
    payload: Mapping[str, Any]


# ------------------------------------------------------------ change reports


@dataclass(frozen=True)
class RowChange:
    """One row before and after a service call (None: the row did not exist)."""

    table: str
    id: int
    before: Mapping[str, Any] | None
    after: Mapping[str, Any] | None


@dataclass(frozen=True)
class BulkRows:
    """Many rows of one table inserted (or deleted) together, as in an import.

    Kept as one record of plain images rather than a RowChange per row: an
    import's undo holds a few of these instead of hundreds of thousands of
    objects.
    """

    table: str
    columns: tuple[str, ...]  # attribute names, "id" first
    rows: tuple[tuple[Any, ...], ...]
    inserted: bool  # True: the call inserted them; False: it deleted them
    after: int = 0  # how many of the Undo's single-row changes came first: undo reverses that order


@dataclass(frozen=True)
class Undo:
    """Everything needed to reverse one service call (see services.history.revert)."""

    event_id: int
    action: str
    rows: tuple[RowChange, ...]
    bulk: tuple[BulkRows, ...] = ()


@dataclass(frozen=True)
class Changes:
    """Which rows of which tables a call touched, for views to refresh."""

    tables: Mapping[str, frozenset[int]] = field(default_factory=dict)

    def __contains__(self, table: str) -> bool:
        return table in self.tables

    def ids(self, table: str) -> frozenset[int]:
        return self.tables.get(table, frozenset())

    @classmethod
    def from_rows(cls, rows: tuple[RowChange, ...], bulk: tuple[BulkRows, ...] = ()) -> "Changes":
        tables: dict[str, set[int]] = {}
        for row in rows:
            tables.setdefault(row.table, set()).add(row.id)
        for group in bulk:
            tables.setdefault(group.table, set()).update(row[0] for row in group.rows)
        return cls({name: frozenset(ids) for name, ids in tables.items()})


@dataclass(frozen=True)
class Outcome(Generic[T]):
    """What every service call returns: its value, what changed, how to undo it."""

    value: T
    changes: Changes
    undo: Undo


def from_row(value_type: type[T], row: Any) -> T:
    """Build a value dataclass from an ORM row with attributes of the same names."""
    return value_type(**{f.name: getattr(row, f.name) for f in fields(value_type)})
