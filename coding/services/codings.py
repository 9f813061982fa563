"""Codings: apply a code to a span, remove, resize, recode, comment.

Spans are code points into the document's stored text, end exclusive. A coder
applies a code to a span once: the check below is backed by a unique index
(migration 0005), and a clash with another writer's identical coding of the
same moment is retried (`retry_on_conflict`), so the check answers it.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import bindparam, select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput, NotFound
from coding.messages import Message
from coding.services._checks import check_span, clean_text
from coding.services._rows import delete_coding_rows
from coding.services.codes import find_or_create, resolve_path
from coding.storage import ProjectStore
from coding.uow import UnitOfWork, noun, retry_on_conflict


# The checks of a single coding, built once: building a select costs more than running it, and the workbench
# makes one of these calls per click.
_CODE_EXISTS = select(m.Code.id).where(m.Code.id == bindparam("code_id"))
_DOCUMENT_LENGTH = select(m.Document.name, m.Document.length).where(m.Document.id == bindparam("document_id"))
_SAME_CODING = select(m.Coding.id).where(
    m.Coding.document_id == bindparam("document_id"),
    m.Coding.start == bindparam("start"),
    m.Coding.end == bindparam("end"),
    m.Coding.code_id == bindparam("code_id"),
    m.Coding.coder_id == bindparam("coder_id"),
)
_SAME_OTHER_CODING = _SAME_CODING.where(m.Coding.id != bindparam("exclude")).limit(1)
_SAME_CODING = _SAME_CODING.limit(1)


def _require_code(uow: UnitOfWork, code_id: int) -> None:
    if uow.session.scalar(_CODE_EXISTS, {"code_id": code_id}) is None:
        raise NotFound("no {what} with id {id}", what=noun("codes"), id=code_id)


def _document_length(uow: UnitOfWork, document_id: int) -> tuple[str, int]:
    row = uow.session.execute(_DOCUMENT_LENGTH, {"document_id": document_id}).one_or_none()
    if row is None:
        raise NotFound("no {what} with id {id}", what=noun("documents"), id=document_id)
    return row[0], row[1]


def _check_duplicate(uow: UnitOfWork, code_id: int, document_id: int, start: int, end: int, coder_id: int, exclude: int | None = None) -> None:
    params = {"document_id": document_id, "start": start, "end": end, "code_id": code_id, "coder_id": coder_id}
    if exclude is None:
        found = uow.session.scalar(_SAME_CODING, params)
    else:
        found = uow.session.scalar(_SAME_OTHER_CODING, params | {"exclude": exclude})
    if found is not None:
        raise InvalidInput("this coder has already coded {start}–{end} with that code", start=start, end=end)


def _coding_event(coding: m.Coding) -> dict:
    return {
        "coding_id": coding.id,
        "code_id": coding.code_id,
        "document_id": coding.document_id,
        "start": coding.start,
        "end": coding.end,
    }


def _add_coding(uow: UnitOfWork, code_id: int, document_id: int, start: int, end: int, comment: str) -> m.Coding:
    doc_name, length = _document_length(uow, document_id)
    check_span(start, end, length, Message("document {name!r}", name=doc_name))
    coder_id = uow.coder_id()
    _check_duplicate(uow, code_id, document_id, start, end, coder_id)
    return uow.add(
        m.Coding(
            guid=str(uuid.uuid4()),
            code_id=code_id,
            document_id=document_id,
            start=start,
            end=end,
            coder_id=coder_id,
            created_at=m.utcnow(),
            comment=clean_text(comment),
        )
    )


@retry_on_conflict
def apply_code(
    store: ProjectStore, code_id: int, document_id: int, start: int, end: int, comment: str = ""
) -> v.Outcome[v.Coding]:
    with UnitOfWork(store, "coding_added") as uow:
        _require_code(uow, code_id)
        coding = _add_coding(uow, code_id, document_id, start, end, comment)
        uow.payload = _coding_event(coding)
        return uow.done(v.from_row(v.Coding, coding))


@dataclass(frozen=True)
class CodingSpec:
    """One coding to add in bulk (the current coder unless coder_id is given)."""

    code_id: int
    document_id: int
    start: int
    end: int
    comment: str = ""
    coder_id: int | None = None


@retry_on_conflict
def apply_codes_bulk(store: ProjectStore, specs: Sequence[CodingSpec]) -> v.Outcome[int]:
    """Add many codings as one action (imports, merges): all or nothing, one event.

    Every span is checked against its document; exact duplicates (same code,
    document, span and coder) of stored codings or of each other are refused.
    """
    with UnitOfWork(store, "codings_added") as uow:
        lengths = dict(uow.session.execute(select(m.Document.id, m.Document.length)).all())
        code_ids = set(uow.session.scalars(select(m.Code.id)))
        coder_ids = set(uow.session.scalars(select(m.Coder.id)))
        seen = {
            (c.code_id, c.document_id, c.start, c.end, c.coder_id)
            for c in uow.session.execute(
                select(m.Coding.code_id, m.Coding.document_id, m.Coding.start, m.Coding.end, m.Coding.coder_id)
            )
        }
        now = m.utcnow()
        rows = []
        for n, spec in enumerate(specs, 1):
            coder_id = spec.coder_id if spec.coder_id is not None else uow.coder_id()
            if spec.document_id not in lengths:
                raise NotFound("coding {n}: no {what} with id {id}", n=n, what=noun("documents"), id=spec.document_id)
            if spec.code_id not in code_ids:
                raise NotFound("coding {n}: no {what} with id {id}", n=n, what=noun("codes"), id=spec.code_id)
            if coder_id not in coder_ids:
                raise NotFound("coding {n}: no {what} with id {id}", n=n, what=noun("coders"), id=coder_id)
            check_span(spec.start, spec.end, lengths[spec.document_id],
                       Message("document {id} (coding {n})", id=spec.document_id, n=n))
            key = (spec.code_id, spec.document_id, spec.start, spec.end, coder_id)
            if key in seen:
                raise InvalidInput("coding {n}: the same coder already coded {start}–{end} with that code",
                                   n=n, start=spec.start, end=spec.end)
            seen.add(key)
            rows.append(
                m.Coding(
                    guid=str(uuid.uuid4()), code_id=spec.code_id, document_id=spec.document_id, start=spec.start,
                    end=spec.end, coder_id=coder_id, created_at=now, comment=clean_text(spec.comment),
                )
            )
        uow.add_all(rows)
        uow.payload = {"count": len(rows)}
        return uow.done(len(rows))


@retry_on_conflict
def apply_code_path(
    store: ProjectStore, path: str, document_id: int, start: int, end: int, *, leaf_level: str = "concept", comment: str = ""
) -> v.Outcome[v.Coding]:
    """Apply the code at `path` ("A>B>C"), creating missing codes, in one action."""
    with UnitOfWork(store, "coding_added") as uow:
        code, created = resolve_path(uow, path, create=True, leaf_level=leaf_level)
        coding = _add_coding(uow, code.id, document_id, start, end, comment)
        uow.payload = _coding_event(coding) | {
            "path": path,
            "created_codes": [{"code_id": c.id, "guid": c.guid, "name": c.name, "parent_id": c.parent_id, "level": c.level} for c in created],
        }
        return uow.done(v.from_row(v.Coding, coding))


IN_VIVO_MAX = 40


@retry_on_conflict
def code_in_vivo(
    store: ProjectStore, document_id: int, start: int, end: int, *, parent_id: int | None = None
) -> v.Outcome[v.Coding]:
    """In-vivo coding: a concept named by the selected words, applied to them, as one action.

    The name is the selected text with whitespace collapsed (at most
    IN_VIVO_MAX characters); an in-vivo code of that name already under the
    same parent is reused.
    """
    with UnitOfWork(store, "coding_added") as uow:
        doc = uow.get(m.Document, document_id, "document")
        check_span(start, end, doc.length, Message("document {name!r}", name=doc.name))
        name = " ".join(doc.text[start:end].split())[:IN_VIVO_MAX].strip()
        if not name:
            raise InvalidInput("select some words to name the in-vivo code")
        code, created = find_or_create(uow, name, parent_id, "concept", in_vivo=True)
        coding = _add_coding(uow, code.id, document_id, start, end, "")
        uow.payload = _coding_event(coding) | {"in_vivo": name, "created_code": created}
        return uow.done(v.from_row(v.Coding, coding))


@retry_on_conflict
def code_spans(
    store: ProjectStore, path: str, spans: Sequence[tuple[int, int, int]], *, leaf_level: str = "concept"
) -> v.Outcome[int]:
    """Code many (document id, start, end) spans with the code at `path` as one action (autocode).

    Missing codes are created; spans this coder already coded with that code are
    left alone, so running the same autocode twice adds nothing. Returns how
    many codings were made.
    """
    with UnitOfWork(store, "codings_added") as uow:
        code, created = resolve_path(uow, path, create=True, leaf_level=leaf_level)
        coder_id = uow.coder_id()
        lengths = dict(uow.session.execute(select(m.Document.id, m.Document.length)).all())
        done = {
            (c.document_id, c.start, c.end)
            for c in uow.session.execute(
                select(m.Coding.document_id, m.Coding.start, m.Coding.end).where(
                    m.Coding.code_id == code.id, m.Coding.coder_id == coder_id
                )
            )
        }
        now = m.utcnow()
        rows = []
        for doc_id, start, end in spans:
            if doc_id not in lengths:
                raise NotFound("no {what} with id {id}", what=noun("documents"), id=doc_id)
            check_span(start, end, lengths[doc_id], Message("document {id}", id=doc_id))
            if (doc_id, start, end) in done:
                continue
            done.add((doc_id, start, end))
            rows.append(m.Coding(guid=str(uuid.uuid4()), code_id=code.id, document_id=doc_id, start=start, end=end,
                                 coder_id=coder_id, created_at=now, comment=""))
        uow.add_all(rows)
        uow.payload = {"path": path, "code_id": code.id, "count": len(rows),
                       "created_codes": [{"code_id": c.id, "name": c.name, "level": c.level} for c in created]}
        return uow.done(len(rows))


@retry_on_conflict
def remove_coding(store: ProjectStore, coding_id: int) -> v.Outcome[v.Coding]:
    with UnitOfWork(store, "coding_removed") as uow:
        coding = uow.get(m.Coding, coding_id, "coding")
        value = v.from_row(v.Coding, coding)
        uow.payload = _coding_event(coding)
        delete_coding_rows(uow, coding)
        return uow.done(value)


@retry_on_conflict
def resize_coding(store: ProjectStore, coding_id: int, start: int, end: int) -> v.Outcome[v.Coding]:
    with UnitOfWork(store, "coding_resized") as uow:
        coding = uow.get(m.Coding, coding_id, "coding")
        doc_name, length = _document_length(uow, coding.document_id)
        check_span(start, end, length, Message("document {name!r}", name=doc_name))
        _check_duplicate(uow, coding.code_id, coding.document_id, start, end, coding.coder_id, exclude=coding_id)
        uow.payload = _coding_event(coding) | {"new_start": start, "new_end": end}
        uow.update(coding, start=start, end=end)
        return uow.done(v.from_row(v.Coding, coding))


@retry_on_conflict
def recode_coding(store: ProjectStore, coding_id: int, code_id: int) -> v.Outcome[v.Coding]:
    with UnitOfWork(store, "coding_recoded") as uow:
        coding = uow.get(m.Coding, coding_id, "coding")
        uow.get(m.Code, code_id, "code")
        _check_duplicate(uow, code_id, coding.document_id, coding.start, coding.end, coding.coder_id, exclude=coding_id)
        uow.payload = _coding_event(coding) | {"new_code_id": code_id}
        uow.update(coding, code_id=code_id)
        return uow.done(v.from_row(v.Coding, coding))


@retry_on_conflict
def comment_coding(store: ProjectStore, coding_id: int, comment: str) -> v.Outcome[v.Coding]:
    with UnitOfWork(store, "coding_commented") as uow:
        coding = uow.get(m.Coding, coding_id, "coding")
        uow.payload = {"coding_id": coding_id, "old": coding.comment, "new": clean_text(comment)}
        uow.update(coding, comment=clean_text(comment))
        return uow.done(v.from_row(v.Coding, coding))
