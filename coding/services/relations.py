"""Typed relations between codes (paradigm links, ATLAS.ti's defaults, user types)."""

from __future__ import annotations

import uuid

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.messages import Message
from coding.services._checks import clean_name, clean_text
from coding.services._rows import delete_relation_rows
from coding.storage import ProjectStore
from coding.uow import UnitOfWork

RELATION_TYPE = Message("relation type")


def add_relation(
    store: ProjectStore, source_id: int, target_id: int, type: str, memo: str = "", directed: bool = True
) -> v.Outcome[v.Relation]:
    type = clean_name(type, RELATION_TYPE)
    if source_id == target_id:
        raise InvalidInput("a relation needs two different codes")
    with UnitOfWork(store, "relation_added") as uow:
        source = uow.get(m.Code, source_id, "code")
        target = uow.get(m.Code, target_id, "code")
        row = uow.add(
            m.Relation(
                guid=str(uuid.uuid4()), source_id=source_id, target_id=target_id, type=type, directed=bool(directed),
                memo=clean_text(memo), created_by=uow.coder_id(), created_at=m.utcnow(),
            )
        )
        uow.payload = {"relation_id": row.id, "source": source.name, "target": target.name, "type": type}
        return uow.done(v.from_row(v.Relation, row))


def update_relation(
    store: ProjectStore, relation_id: int, *, type: str | None = None, memo: str | None = None, directed: bool | None = None
) -> v.Outcome[v.Relation]:
    with UnitOfWork(store, "relation_updated") as uow:
        row = uow.get(m.Relation, relation_id, "relation")
        old = {"type": row.type, "memo": row.memo, "directed": row.directed}
        if type is not None:
            uow.update(row, type=clean_name(type, RELATION_TYPE))
        if memo is not None:
            uow.update(row, memo=clean_text(memo))
        if directed is not None:
            uow.update(row, directed=bool(directed))
        uow.payload = {"relation_id": relation_id, "old": old}
        return uow.done(v.from_row(v.Relation, row))


def delete_relation(store: ProjectStore, relation_id: int) -> v.Outcome[v.Relation]:
    with UnitOfWork(store, "relation_deleted") as uow:
        row = uow.get(m.Relation, relation_id, "relation")
        value = v.from_row(v.Relation, row)
        uow.payload = {"relation_id": relation_id, "type": row.type, "source_id": row.source_id, "target_id": row.target_id}
        delete_relation_rows(uow, row)
        return uow.done(value)
