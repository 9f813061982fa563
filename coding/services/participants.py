"""Participants (受访者, cited as A03) and their typed attributes."""

from __future__ import annotations

import uuid
from datetime import date, datetime, time
from typing import Any

from sqlalchemy import func, select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.messages import Message
from coding.services._checks import clean_name, clean_text
from coding.storage import ProjectStore
from coding.uow import UnitOfWork
from coding.vocab import ATTRIBUTE_TYPES

PARTICIPANT_ID = Message("participant ID")
TYPE_NAMES = {str(kind): kind for kind in (Message("text"), Message("integer"), Message("float"), Message("boolean"),
                                           Message("date"))}  # ATTRIBUTE_TYPES, as messages name them
_TRUE = {"true", "yes", "1", "是", "对", "y"}
_FALSE = {"false", "no", "0", "否", "不是", "n"}


def canonical_value(kind: str, value: Any, attribute: str = "attribute") -> str:
    """The stored text of a typed value; raises InvalidInput when it does not fit."""
    raw = value.strip() if isinstance(value, str) else value
    try:
        if kind == "text":
            return clean_text(str(raw))
        if kind == "integer":
            if isinstance(raw, bool) or (isinstance(raw, float) and not raw.is_integer()):
                raise ValueError
            return str(int(raw))
        if kind == "float":
            if isinstance(raw, bool):
                raise ValueError
            return repr(float(raw))
        if kind == "boolean":
            if isinstance(raw, bool):
                return "true" if raw else "false"
            low = str(raw).lower()
            if low in _TRUE:
                return "true"
            if low in _FALSE:
                return "false"
            raise ValueError
        if kind == "date":
            if isinstance(raw, datetime):  # a date subclass; a date attribute holds no time of day
                if raw.time() != time(0):
                    raise ValueError
                raw = raw.date()
            return (raw if isinstance(raw, date) else date.fromisoformat(str(raw))).isoformat()
    except (TypeError, ValueError):
        pass
    raise InvalidInput("{value!r} is not a valid {kind} value for {attribute!r}", value=value,
                       kind=TYPE_NAMES.get(kind, kind), attribute=attribute)


def typed_value(kind: str, stored: str) -> Any:
    """The Python value of a stored attribute value."""
    if kind == "integer":
        return int(stored)
    if kind == "float":
        return float(stored)
    if kind == "boolean":
        return stored == "true"
    if kind == "date":
        return date.fromisoformat(stored)
    return stored


def add_participant(store: ProjectStore, pid: str, name: str = "", notes: str = "") -> v.Outcome[v.Participant]:
    pid = clean_name(pid, PARTICIPANT_ID)
    with UnitOfWork(store, "participant_added") as uow:
        if uow.session.scalar(select(m.Participant.id).where(m.Participant.pid == pid)) is not None:
            raise InvalidInput("participant {pid} already exists", pid=pid)
        row = uow.add(
            m.Participant(guid=str(uuid.uuid4()), pid=pid, name=(name or "").strip(), notes=clean_text(notes), created_at=m.utcnow())
        )
        uow.payload = {"participant_id": row.id, "pid": pid}
        return uow.done(v.from_row(v.Participant, row))


def update_participant(
    store: ProjectStore, participant_id: int, *, pid: str | None = None, name: str | None = None, notes: str | None = None
) -> v.Outcome[v.Participant]:
    with UnitOfWork(store, "participant_updated") as uow:
        row = uow.get(m.Participant, participant_id, "participant")
        old = {"pid": row.pid, "name": row.name, "notes": row.notes}
        if pid is not None:
            pid = clean_name(pid, PARTICIPANT_ID)
            clash = uow.session.scalar(select(m.Participant.id).where(m.Participant.pid == pid, m.Participant.id != participant_id))
            if clash is not None:
                raise InvalidInput("participant {pid} already exists", pid=pid)
            uow.update(row, pid=pid)
        if name is not None:
            uow.update(row, name=name.strip())
        if notes is not None:
            uow.update(row, notes=clean_text(notes))
        uow.payload = {"participant_id": participant_id, "old": old}
        return uow.done(v.from_row(v.Participant, row))


def delete_participant(store: ProjectStore, participant_id: int) -> v.Outcome[v.Participant]:
    """Delete a participant; documents and turns that cited them lose the link."""
    with UnitOfWork(store, "participant_deleted") as uow:
        row = uow.get(m.Participant, participant_id, "participant")
        value = v.from_row(v.Participant, row)
        for val in uow.session.scalars(select(m.AttributeValue).where(m.AttributeValue.participant_id == participant_id)).all():
            uow.delete(val)
        for doc in uow.session.scalars(select(m.Document).where(m.Document.participant_id == participant_id)).all():
            uow.update(doc, participant_id=None)
        for turn in uow.session.scalars(select(m.Turn).where(m.Turn.participant_id == participant_id)).all():
            uow.update(turn, participant_id=None)
        uow.session.flush()
        uow.payload = {"participant_id": participant_id, "pid": row.pid}
        uow.delete(row)
        return uow.done(value)


def add_attribute(store: ProjectStore, name: str, type: str = "text", description: str = "") -> v.Outcome[v.Attribute]:
    name = clean_name(name, Message("attribute name"))
    if type not in ATTRIBUTE_TYPES:
        raise InvalidInput("unknown attribute type {type!r}; use one of {known}", type=type, known=", ".join(ATTRIBUTE_TYPES))
    with UnitOfWork(store, "attribute_added") as uow:
        if uow.session.scalar(select(m.Attribute.id).where(m.Attribute.name == name)) is not None:
            raise InvalidInput("an attribute named {name!r} already exists", name=name)
        last = uow.session.scalar(select(func.max(m.Attribute.position)))
        row = uow.add(
            m.Attribute(
                guid=str(uuid.uuid4()), name=name, type=type, description=clean_text(description),
                position=0 if last is None else last + 1,
            )
        )
        uow.payload = {"attribute_id": row.id, "name": name, "type": type}
        return uow.done(v.from_row(v.Attribute, row))


def delete_attribute(store: ProjectStore, attribute_id: int) -> v.Outcome[v.Attribute]:
    with UnitOfWork(store, "attribute_deleted") as uow:
        row = uow.get(m.Attribute, attribute_id, "attribute")
        value = v.from_row(v.Attribute, row)
        for val in uow.session.scalars(select(m.AttributeValue).where(m.AttributeValue.attribute_id == attribute_id)).all():
            uow.delete(val)
        uow.payload = {"attribute_id": attribute_id, "name": row.name}
        uow.delete(row)
        return uow.done(value)


def set_attribute_value(store: ProjectStore, participant_id: int, attribute_id: int, value: Any) -> v.Outcome[Any]:
    """Set (or with None, clear) one participant's value; returns the typed value."""
    with UnitOfWork(store, "attribute_value_set") as uow:
        participant = uow.get(m.Participant, participant_id, "participant")
        attribute = uow.get(m.Attribute, attribute_id, "attribute")
        row = uow.session.scalar(
            select(m.AttributeValue).where(
                m.AttributeValue.participant_id == participant_id, m.AttributeValue.attribute_id == attribute_id
            )
        )
        old = row.value if row else None
        if value is None or (isinstance(value, str) and not value.strip()):
            if row is not None:
                uow.delete(row)
            new = None
        else:
            new = canonical_value(attribute.type, value, attribute.name)
            if row is None:
                uow.add(m.AttributeValue(participant_id=participant_id, attribute_id=attribute_id, value=new))
            else:
                uow.update(row, value=new)
        typed = None if new is None else typed_value(attribute.type, new)  # before the commit: it must read back
        uow.payload = {"participant": participant.pid, "attribute": attribute.name, "old": old, "new": new}
        return uow.done(typed)
