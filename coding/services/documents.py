"""Documents: raw add (text plus optional turns and units), order, hold out, rename, delete.

The import pipeline (decoding, speaker detection, segmentation) lives in
`corpus/` and ends in `add_document`. Stored text is NFC with `\\n` line ends
and never changes; its sha256 identifies the document.
"""

from __future__ import annotations

import hashlib
import uuid
from array import array
from dataclasses import dataclass, field, replace
from typing import Any, Iterable, Mapping, Sequence

from sqlalchemy import func, select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.messages import Message
from coding.services._checks import check_span, clean_name, clean_text
from coding.services._rows import delete_coding_rows
from coding.storage import ProjectStore
from coding.uow import UnitOfWork


TURN_KEYS = ("document_id", "seq", "start", "end", "speaker", "participant_id", "is_interviewer", "timestamp")
UNIT_KEYS = ("document_id", "turn_id", "kind", "seq", "start", "end")
DOCUMENT_NAME = Message("document name")
PARTICIPANT_ID = Message("participant ID")


@dataclass(frozen=True)
class TurnSpec:
    start: int
    end: int
    speaker: str = ""
    participant_id: int | None = None
    is_interviewer: bool = False
    timestamp: str | None = None


@dataclass(frozen=True)
class UnitSpec:
    start: int
    end: int
    kind: str = "sentence"
    turn: int | None = None  # index into the turns given with the document


def text_sha256(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class NewDocument:
    """A document ready to store: normalised text with its turns, units and tokens."""

    name: str
    text: str
    source_name: str = ""
    encoding: str = ""
    participant_id: int | None = None
    held_out: bool = False
    meta: Mapping[str, Any] = field(default_factory=dict)
    turns: Sequence[TurnSpec] = ()
    units: Sequence[UnitSpec] = ()
    tokens: Sequence[int] = ()  # flat start, end pairs of word tokens
    guid: str | None = None  # kept from another program's file; a new one when None
    speaker_pids: Mapping[str, str] = field(default_factory=dict)  # this document's speaker → participant ID (A03)


def insert_document(uow: UnitOfWork, new: NewDocument, order: int) -> m.Document:
    name = clean_name(new.name, DOCUMENT_NAME)
    text = new.text
    if clean_text(text) != text:
        raise InvalidInput("{name}: text must be NFC with \\n line ends", name=name)
    if not text.strip():
        raise InvalidInput("{name}: the document has no text", name=name)
    digest = text_sha256(text)
    length = len(text)
    if uow.session.scalar(select(m.Document.id).where(m.Document.name == name)) is not None:
        raise InvalidInput("{name}: a document of that name already exists", name=name)
    same = uow.session.scalar(select(m.Document.name).where(m.Document.sha256 == digest))
    if same is not None:
        raise InvalidInput("{name}: same text as document {same!r} already in the project", name=name, same=same)
    if new.participant_id is not None:
        uow.get(m.Participant, new.participant_id, "participant")
    doc = uow.add(
        m.Document(
            guid=new.guid or str(uuid.uuid4()), name=name, text=text, length=length, sha256=digest,
            source_name=new.source_name, encoding=new.encoding, imported_at=m.utcnow(), coding_order=order,
            held_out=bool(new.held_out), participant_id=new.participant_id, meta=dict(new.meta),
            created_by=uow.store.coder_id,
        )
    )
    turn_rows = []
    for seq, t in enumerate(new.turns):
        if not 0 <= t.start < t.end <= length:
            check_span(t.start, t.end, length, Message("document {name!r} (turn {n})", name=name, n=seq + 1))
        turn_rows.append((doc.id, seq, t.start, t.end, t.speaker, t.participant_id, t.is_interviewer, t.timestamp))
    turn_ids = uow.bulk_insert(m.Turn, TURN_KEYS, turn_rows, doc.id)
    unit_rows = []
    for seq, u in enumerate(new.units):
        if not 0 <= u.start < u.end <= length:
            check_span(u.start, u.end, length, Message("document {name!r} (unit {n})", name=name, n=seq + 1))
        turn_id = None
        if u.turn is not None:
            turn = new.turns[u.turn]
            if not (turn.start <= u.start and u.end <= turn.end):
                raise InvalidInput("{name}: unit {n} crosses the boundary of its turn", name=name, n=seq + 1)
            turn_id = turn_ids[u.turn]
        unit_rows.append((doc.id, turn_id, u.kind, seq, u.start, u.end))
    uow.bulk_insert(m.Unit, UNIT_KEYS, unit_rows, doc.id)
    if new.tokens:
        bounds = array("I", new.tokens)
        if len(bounds) % 2 or max(bounds) > length:
            raise InvalidInput("{name}: token offsets do not fit the text", name=name)
        uow.add(m.DocumentTokens(document_id=doc.id, bounds=bounds.tobytes()))
    return doc


def _next_order(uow: UnitOfWork) -> int:
    order = uow.session.scalar(select(func.max(m.Document.coding_order)))
    return 0 if order is None else order + 1


def add_document(
    store: ProjectStore,
    name: str,
    text: str,
    *,
    source_name: str = "",
    encoding: str = "",
    participant_id: int | None = None,
    held_out: bool = False,
    meta: Mapping[str, Any] | None = None,
    turns: Sequence[TurnSpec] = (),
    units: Sequence[UnitSpec] = (),
) -> v.Outcome[v.Document]:
    """Add one document (raw add) with its turns and units in one action.

    Text is normalised (NFC, `\\n`); when turns or units are given they must
    refer to the text as given, so it must already be normalised.
    """
    normalised = clean_text(text)
    if normalised != text and (turns or units):
        raise InvalidInput("{name}: text must be NFC with \\n line ends when turns or units are given", name=name)
    new = NewDocument(name, normalised, source_name, encoding, participant_id, held_out, dict(meta or {}), turns, units)
    with UnitOfWork(store, "document_added") as uow:
        doc = insert_document(uow, new, _next_order(uow))
        uow.payload = {"document_id": doc.id, "guid": doc.guid, "name": doc.name, "sha256": doc.sha256,
                       "turns": len(turns), "units": len(units)}
        return uow.done(v.from_row(v.Document, doc))


def add_documents(
    store: ProjectStore, docs: Iterable[NewDocument], speakers: Mapping[str, str] | None = None
) -> v.Outcome[tuple[v.Document, ...]]:
    """Import several documents as one action: all of them or none.

    `docs` may be a generator: documents are stored as they come (an import
    pipeline keeps segmenting meanwhile), and an exception it raises (a
    cancel) rolls the whole batch back.

    `speakers` links speaker labels to participant IDs (受访者 → A03) in every
    document, and each document's own `speaker_pids` in that document (they
    win over `speakers`: the same 受访者 is A03 in one interview and A04 in the
    next). Participants that do not exist yet are created when a turn needs
    them. Turns with a linked label get that participant (interviewer turns
    never do); a document whose linked non-interviewer turns name exactly one
    participant is that participant's.
    """
    shared = _speaker_map(speakers or {})
    with UnitOfWork(store, "documents_imported") as uow:
        people: dict[str, int] = {}  # participant ID → row id

        def person(pid: str) -> int:
            if pid not in people:
                row = uow.session.scalar(select(m.Participant).where(m.Participant.pid == pid))
                if row is None:
                    row = uow.add(m.Participant(guid=str(uuid.uuid4()), pid=pid, name="", notes="", created_at=m.utcnow()))
                people[pid] = row.id
            return people[pid]

        order = _next_order(uow)
        rows, own = [], []
        for new in docs:
            mapping = {**shared, **_speaker_map(new.speaker_pids)}
            turns = [
                t if t.is_interviewer or t.speaker not in mapping else replace(t, participant_id=person(mapping[t.speaker]))
                for t in new.turns
            ]
            linked = {t.participant_id for t in turns if t.participant_id is not None and not t.is_interviewer}
            participant = new.participant_id or (linked.pop() if len(linked) == 1 else None)
            rows.append(insert_document(uow, replace(new, turns=turns, participant_id=participant), order))
            own.append(dict(new.speaker_pids))
            order += 1
        uow.payload = {"documents": [{"document_id": d.id, "name": d.name, "sha256": d.sha256, **({"speakers": o} if o else {})}
                                     for d, o in zip(rows, own)],
                       "speakers": dict(speakers or {})}
        return uow.done(tuple(v.from_row(v.Document, d) for d in rows))


def _speaker_map(speakers: Mapping[str, str]) -> dict[str, str]:
    return {clean_name(label, Message("speaker label")): clean_name(pid, PARTICIPANT_ID)
            for label, pid in speakers.items()}


def rename_document(store: ProjectStore, document_id: int, name: str) -> v.Outcome[v.Document]:
    name = clean_name(name, DOCUMENT_NAME)
    with UnitOfWork(store, "document_renamed") as uow:
        doc = uow.get(m.Document, document_id, "document")
        clash = uow.session.scalar(select(m.Document.id).where(m.Document.name == name, m.Document.id != document_id))
        if clash is not None:
            raise InvalidInput("{name}: a document of that name already exists", name=name)
        uow.payload = {"document_id": document_id, "old": doc.name, "new": name}
        uow.update(doc, name=name)
        return uow.done(v.from_row(v.Document, doc))


def set_document_participant(store: ProjectStore, document_id: int, participant_id: int | None) -> v.Outcome[v.Document]:
    with UnitOfWork(store, "document_participant_set") as uow:
        doc = uow.get(m.Document, document_id, "document")
        if participant_id is not None:
            uow.get(m.Participant, participant_id, "participant")
        uow.payload = {"document_id": document_id, "old": doc.participant_id, "new": participant_id}
        uow.update(doc, participant_id=participant_id)
        return uow.done(v.from_row(v.Document, doc))


def set_held_out(store: ProjectStore, document_id: int, held_out: bool) -> v.Outcome[v.Document]:
    with UnitOfWork(store, "document_held_out_set") as uow:
        doc = uow.get(m.Document, document_id, "document")
        uow.payload = {"document_id": document_id, "held_out": bool(held_out)}
        uow.update(doc, held_out=bool(held_out))
        return uow.done(v.from_row(v.Document, doc))


def set_coding_order(store: ProjectStore, document_ids: Sequence[int]) -> v.Outcome[tuple[v.Document, ...]]:
    """Reorder documents for coding (the saturation curve follows this order)."""
    with UnitOfWork(store, "documents_reordered") as uow:
        docs = {d.id: d for d in uow.session.scalars(select(m.Document))}
        if sorted(document_ids) != sorted(docs):
            raise InvalidInput("the new coding order must list every document exactly once")
        for pos, doc_id in enumerate(document_ids):
            if docs[doc_id].coding_order != pos:
                uow.update(docs[doc_id], coding_order=pos)
        uow.payload = {"order": list(document_ids)}
        return uow.done(tuple(v.from_row(v.Document, docs[i]) for i in document_ids))


def delete_document(store: ProjectStore, document_id: int) -> v.Outcome[v.Document]:
    """Delete a document with its codings, memos, units and turns."""
    with UnitOfWork(store, "document_deleted") as uow:
        doc = uow.get(m.Document, document_id, "document")
        value = v.from_row(v.Document, doc)
        codings = uow.session.scalars(select(m.Coding).where(m.Coding.document_id == document_id)).all()
        for coding in codings:
            delete_coding_rows(uow, coding)
        for memo in uow.session.scalars(select(m.Memo).where(m.Memo.document_id == document_id)).all():
            uow.delete(memo)
        for tokens in uow.session.scalars(select(m.DocumentTokens).where(m.DocumentTokens.document_id == document_id)).all():
            uow.delete(tokens)
        for unit in uow.session.scalars(select(m.Unit).where(m.Unit.document_id == document_id)).all():
            uow.delete(unit)
        for turn in uow.session.scalars(select(m.Turn).where(m.Turn.document_id == document_id)).all():
            uow.delete(turn)
        uow.payload = {"document_id": document_id, "guid": doc.guid, "name": doc.name, "codings": len(codings)}
        uow.delete(doc)
        return uow.done(value)
