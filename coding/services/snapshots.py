"""Snapshots: a named, frozen copy of the code system ("after round 1")."""

from __future__ import annotations

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding import models as m
from coding import values as v
from coding.messages import Message
from coding.services._checks import clean_name
from coding.storage import ProjectStore
from coding.uow import UnitOfWork

SNAPSHOT_NAME = Message("snapshot name")


def code_system(session: Session) -> list[dict]:
    """The code system as a snapshot stores it: one plain dict per code, parents named by GUID."""
    counts = dict(session.execute(select(m.Coding.code_id, func.count()).group_by(m.Coding.code_id)).all())
    codes = session.scalars(select(m.Code).order_by(m.Code.parent_id, m.Code.position, m.Code.id)).all()
    guid_of = {c.id: c.guid for c in codes}
    return [
        {
            "id": c.id,
            "guid": c.guid,
            "name": c.name,
            "parent_guid": guid_of.get(c.parent_id) if c.parent_id else None,
            "position": c.position,
            "level": c.level,
            "definition": c.definition,
            "colour": c.colour,
            "paradigm_role": c.paradigm_role,
            "in_vivo": c.in_vivo,
            "codings": counts.get(c.id, 0),
        }
        for c in codes
    ]


def take_snapshot(store: ProjectStore, name: str) -> v.Outcome[v.Snapshot]:
    name = clean_name(name, SNAPSHOT_NAME)
    with UnitOfWork(store, "snapshot_taken") as uow:
        codes = code_system(uow.session)
        row = uow.add(m.Snapshot(name=name, created_at=m.utcnow(), coder_id=store.coder_id, payload={"codes": codes}))
        uow.payload = {"snapshot_id": row.id, "name": name, "codes": len(codes)}
        return uow.done(v.from_row(v.Snapshot, row))


def rename_snapshot(store: ProjectStore, snapshot_id: int, name: str) -> v.Outcome[v.Snapshot]:
    name = clean_name(name, SNAPSHOT_NAME)
    with UnitOfWork(store, "snapshot_renamed") as uow:
        row = uow.get(m.Snapshot, snapshot_id, "snapshot")
        uow.payload = {"snapshot_id": snapshot_id, "old": row.name, "new": name}
        uow.update(row, name=name)
        return uow.done(v.from_row(v.Snapshot, row))


def delete_snapshot(store: ProjectStore, snapshot_id: int) -> v.Outcome[v.Snapshot]:
    with UnitOfWork(store, "snapshot_deleted") as uow:
        row = uow.get(m.Snapshot, snapshot_id, "snapshot")
        value = v.from_row(v.Snapshot, row)
        uow.payload = {"snapshot_id": snapshot_id, "name": row.name}
        uow.delete(row)
        return uow.done(value)
