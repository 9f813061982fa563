"""SQLAlchemy 2.0 ORM models: the stored shape of a Zhagen project.

These classes never leave `coding/`: services read and write them inside a unit
of work and hand plain values (see `values.py`) to callers. There are no ORM
relationships on purpose: every query is explicit and lives in a service or in
`queries.py`, so no view can fire a hidden lazy load.

Foreign keys carry no ON DELETE CASCADE: services delete dependants themselves
so that each removed row is recorded for undo and in the event log.

Offsets (`start`, `end`) are Unicode code points into `Document.text`, which is
NFC with `\\n` line ends and never changes after import; `end` is exclusive.
"""

from __future__ import annotations

from datetime import datetime, timezone
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    CheckConstraint,
    DateTime,
    ForeignKey,
    Index,
    Integer,
    LargeBinary,
    MetaData,
    String,
    Text,
    TypeDecorator,
    UniqueConstraint,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class UTCDateTime(TypeDecorator):
    """Timestamps stored as naive UTC, returned as aware UTC on every backend.

    SQLite drops time zones and PostgreSQL converts them; storing naive UTC in
    both keeps a value identical after a round trip (undo relies on that).
    """

    impl = DateTime
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(timezone.utc).replace(tzinfo=None)

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=timezone.utc)


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=NAMING)


class Project(Base):
    """The single row describing the project itself."""

    __tablename__ = "project"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    language: Mapped[str] = mapped_column(String(16), default="zh_CN")
    description: Mapped[str] = mapped_column(Text, default="")
    settings: Mapped[dict] = mapped_column(JSON, default=dict)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Coder(Base):
    __tablename__ = "coders"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    colour: Mapped[str] = mapped_column(String(7))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Participant(Base):
    """A person interviewed, cited in papers by `pid` (A03)."""

    __tablename__ = "participants"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    pid: Mapped[str] = mapped_column(String(50), unique=True)
    name: Mapped[str] = mapped_column(String(200), default="")
    notes: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Attribute(Base):
    """A typed participant variable (role, gender, age …)."""

    __tablename__ = "attributes"
    __table_args__ = (
        CheckConstraint("type IN ('text','integer','float','boolean','date')", name="type"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    type: Mapped[str] = mapped_column(String(10))
    description: Mapped[str] = mapped_column(Text, default="")
    position: Mapped[int] = mapped_column(Integer, default=0)


class AttributeValue(Base):
    """One participant's value of one attribute, stored canonically as text."""

    __tablename__ = "attribute_values"
    __table_args__ = (UniqueConstraint("participant_id", "attribute_id", name="participant_attribute"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    participant_id: Mapped[int] = mapped_column(ForeignKey("participants.id"), index=True)
    attribute_id: Mapped[int] = mapped_column(ForeignKey("attributes.id"), index=True)
    value: Mapped[str] = mapped_column(Text)


class Document(Base):
    __tablename__ = "documents"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(300), unique=True)
    text: Mapped[str] = mapped_column(Text)
    length: Mapped[int] = mapped_column(Integer)
    sha256: Mapped[str] = mapped_column(String(64), unique=True)
    source_name: Mapped[str] = mapped_column(String(500), default="")
    encoding: Mapped[str] = mapped_column(String(40), default="")
    imported_at: Mapped[datetime] = mapped_column(UTCDateTime)
    coding_order: Mapped[int] = mapped_column(Integer, default=0)
    held_out: Mapped[bool] = mapped_column(Boolean, default=False)
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    meta: Mapped[dict] = mapped_column(JSON, default=dict)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))


class DocumentTokens(Base):
    """Word-token boundaries of a document: packed unsigned 32-bit start, end pairs."""

    __tablename__ = "document_tokens"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), unique=True)
    bounds: Mapped[bytes] = mapped_column(LargeBinary)


class Turn(Base):
    """A speaker turn: a span of a document spoken by one speaker label."""

    __tablename__ = "turns"
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    speaker: Mapped[str] = mapped_column(String(100), default="")
    participant_id: Mapped[int | None] = mapped_column(ForeignKey("participants.id"), index=True)
    is_interviewer: Mapped[bool] = mapped_column(Boolean, default=False)
    timestamp: Mapped[str | None] = mapped_column(String(40))


class Unit(Base):
    """A sentence or clause from segmentation; never crosses a turn boundary."""

    __tablename__ = "units"
    __table_args__ = (CheckConstraint("kind IN ('sentence','clause')", name="kind"),)
    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"), index=True)
    turn_id: Mapped[int | None] = mapped_column(ForeignKey("turns.id"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default="sentence")
    seq: Mapped[int] = mapped_column(Integer)
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)


TOP_LEVEL = text("parent_id IS NULL")


class Code(Base):
    """A code of the code system. Siblings differ by name (see migration 0005).

    Two unique indexes back the services' check, so that two coders creating the
    same code at the same moment get one code: one on (parent, name), and one on
    the name of top-level codes, because NULL parents never collide in the first.
    Both are plain and partial indexes (not expression indexes), which SQLite
    reflects, so a later table-rebuilding migration keeps them.
    """

    __tablename__ = "codes"
    __table_args__ = (
        CheckConstraint("level IN ('concept','category','main','core','none')", name="level"),
        Index("uq_codes_parent_name", "parent_id", "name", unique=True),
        Index("uq_codes_top_name", "name", unique=True, sqlite_where=TOP_LEVEL, postgresql_where=TOP_LEVEL),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    name: Mapped[str] = mapped_column(String(300))
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id"), index=True)
    position: Mapped[int] = mapped_column(Integer, default=0)
    level: Mapped[str] = mapped_column(String(10), default="concept")
    definition: Mapped[str] = mapped_column(Text, default="")
    colour: Mapped[str] = mapped_column(String(7))
    paradigm_role: Mapped[str | None] = mapped_column(String(40))
    in_vivo: Mapped[bool] = mapped_column(Boolean, default=False)
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Coding(Base):
    """One code applied to one span by one coder; a coder applies a code to a span at most once."""

    __tablename__ = "codings"
    __table_args__ = (
        CheckConstraint("start_offset >= 0 AND end_offset > start_offset", name="span"),
        # unique: the same coding by the same coder exists once (migration 0005); it also covers the
        # positions the workbench loads at open (migration 0003)
        Index("uq_codings_document_span", "document_id", "start_offset", "end_offset", "code_id", "coder_id",
              unique=True),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    code_id: Mapped[int] = mapped_column(ForeignKey("codes.id"), index=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id"))
    start: Mapped[int] = mapped_column("start_offset", Integer)
    end: Mapped[int] = mapped_column("end_offset", Integer)
    coder_id: Mapped[int] = mapped_column(ForeignKey("coders.id"), index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    comment: Mapped[str] = mapped_column(Text, default="")


class Relation(Base):
    """A typed link between two codes; `memo` is the 关系结构的内涵."""

    __tablename__ = "relations"
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    source_id: Mapped[int] = mapped_column(ForeignKey("codes.id"), index=True)
    target_id: Mapped[int] = mapped_column(ForeignKey("codes.id"), index=True)
    type: Mapped[str] = mapped_column(String(100))
    directed: Mapped[bool] = mapped_column(Boolean, default=True)
    memo: Mapped[str] = mapped_column(Text, default="")
    created_by: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Memo(Base):
    """A memo on the project (all targets null) or on one document/code/coding/relation."""

    __tablename__ = "memos"
    __table_args__ = (
        CheckConstraint("kind IN ('memo','storyline','code_note','theoretical','operational')", name="kind"),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    guid: Mapped[str] = mapped_column(String(36), unique=True)
    title: Mapped[str] = mapped_column(String(300), default="")
    text: Mapped[str] = mapped_column(Text, default="")
    kind: Mapped[str] = mapped_column(String(20), default="memo")
    document_id: Mapped[int | None] = mapped_column(ForeignKey("documents.id"), index=True)
    code_id: Mapped[int | None] = mapped_column(ForeignKey("codes.id"), index=True)
    coding_id: Mapped[int | None] = mapped_column(ForeignKey("codings.id"), index=True)
    relation_id: Mapped[int | None] = mapped_column(ForeignKey("relations.id"), index=True)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime)


class Event(Base):
    """Append-only audit log: one row per service call. Never updated or deleted.

    `coder_id` is deliberately not a foreign key: a coder is registered by their
    first action, and undoing that action removes the coder again while the
    log keeps the events that name them (redo restores the coder with its id).
    """

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(primary_key=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, index=True)
    coder_id: Mapped[int | None] = mapped_column(Integer)
    action: Mapped[str] = mapped_column(String(40), index=True)
    payload: Mapped[dict] = mapped_column(JSON, default=dict)


class Snapshot(Base):
    """A named frozen copy of the code system (`payload` holds the codes)."""

    __tablename__ = "snapshots"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime)
    coder_id: Mapped[int | None] = mapped_column(ForeignKey("coders.id"))
    payload: Mapped[dict] = mapped_column(JSON, default=dict)


TABLES_BY_NAME = {mapper.class_.__tablename__: mapper.class_ for mapper in Base.registry.mappers}

# SQLite must never reuse the id of a deleted row: events and undo records refer to ids.
for _table in Base.metadata.tables.values():
    _table.dialect_options["sqlite"]["autoincrement"] = True
