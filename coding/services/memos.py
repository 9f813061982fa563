"""Memos on the project, a document, a code, a coding or a relation; the story line is a memo too."""

from __future__ import annotations

import uuid

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.services._checks import clean_text
from coding.storage import ProjectStore
from coding.uow import UnitOfWork
from coding.vocab import MEMO_KINDS

_TARGETS = {"document_id": m.Document, "code_id": m.Code, "coding_id": m.Coding, "relation_id": m.Relation}


def add_memo(
    store: ProjectStore,
    title: str,
    text: str = "",
    *,
    kind: str = "memo",
    document_id: int | None = None,
    code_id: int | None = None,
    coding_id: int | None = None,
    relation_id: int | None = None,
) -> v.Outcome[v.Memo]:
    """Add a memo attached to at most one object (none: a project memo)."""
    if kind not in MEMO_KINDS:
        raise InvalidInput("unknown memo kind {kind!r}; use one of {known}", kind=kind, known=", ".join(MEMO_KINDS))
    targets = {"document_id": document_id, "code_id": code_id, "coding_id": coding_id, "relation_id": relation_id}
    given = {k: t for k, t in targets.items() if t is not None}
    if len(given) > 1:
        raise InvalidInput("a memo is attached to one object at most")
    with UnitOfWork(store, "memo_added") as uow:
        for key, target_id in given.items():
            uow.get(_TARGETS[key], target_id, key.removesuffix("_id"))
        now = m.utcnow()
        row = uow.add(
            m.Memo(
                guid=str(uuid.uuid4()), title=(title or "").strip(), text=clean_text(text), kind=kind,
                coder_id=uow.coder_id(), created_at=now, updated_at=now, **targets,
            )
        )
        uow.payload = {"memo_id": row.id, "title": row.title, "kind": kind, **given}
        return uow.done(v.from_row(v.Memo, row))


def edit_memo(store: ProjectStore, memo_id: int, *, title: str | None = None, text: str | None = None) -> v.Outcome[v.Memo]:
    with UnitOfWork(store, "memo_edited") as uow:
        row = uow.get(m.Memo, memo_id, "memo")
        uow.payload = {"memo_id": memo_id, "old_title": row.title, "old_text": row.text}
        if title is not None:
            uow.update(row, title=title.strip())
        if text is not None:
            uow.update(row, text=clean_text(text))
        uow.update(row, updated_at=m.utcnow())
        return uow.done(v.from_row(v.Memo, row))


def delete_memo(store: ProjectStore, memo_id: int) -> v.Outcome[v.Memo]:
    with UnitOfWork(store, "memo_deleted") as uow:
        row = uow.get(m.Memo, memo_id, "memo")
        value = v.from_row(v.Memo, row)
        uow.payload = {"memo_id": memo_id, "title": row.title, "text": row.text}
        uow.delete(row)
        return uow.done(value)
