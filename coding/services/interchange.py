"""Store what another program's file holds (an `Incoming`, coding/interchange.py) as one action.

`store_incoming` writes into a project that has no documents and no codes yet
(a new project, or the scratch project an import into an existing project
merges from — see exports/interchange.py): coders, attributes, participants
with their values, documents (segmented by the caller, in source order), codes (parents first), codings, relations and memos, keeping
every GUID the file gave, in one transaction with one "project_imported"
Event whose undo removes it all.

Decisions, each reported in `ImportCounts.skipped` when it drops something:
- Coders match ours by GUID, then by name. Codings with no known user are the
  current coder's, or failing that a coder named after the program that
  wrote the file.
- Names that must be unique (documents, participant IDs, attributes, codes
  among their siblings, coders) get " (2)", " (3)" … when taken; multi-line
  names are joined into one line.
- Two sources with the same text become one document; the codings of the
  second are carried onto it (the texts are identical, so offsets hold).
- A document is a participant's when exactly one Case refers to it, or when
  several do and exactly one of their IDs appears in the document's name;
  that participant also speaks its non-interviewer turns.
- A code without a level from our own `[zhagen level=…]` convention is a
  concept when it has no children, a category when its children are leaves,
  and a main category above that (主范畴 > 范畴 > 初始概念).
- A value that does not fit its variable's type, a coding that repeats
  another (same code, document, span and coder) and a relation whose type is
  empty are skipped.
"""

from __future__ import annotations

import math
import re
import unicodedata
import uuid
from collections import Counter
from dataclasses import dataclass, field, replace
from typing import Callable, Iterable

from sqlalchemy import select

from coding import models as m
from coding import values as v
from coding.errors import ImportCancelled, InvalidInput
from coding.messages import Message
from coding.interchange import Incoming, InSource
from coding.services._checks import clean_text
from coding.services.coders import next_coder_colour
from coding.services.documents import NewDocument, insert_document
from coding.services.participants import TYPE_NAMES, canonical_value
from coding.storage import ProjectStore
from coding.uow import CODING_KEYS, UnitOfWork, noun
from coding.vocab import DEFAULT_CODE_COLOUR

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]
_DATE_PREFIX = re.compile(r"\d{4}-\d{2}-\d{2}(?:Z|[+-]\d{2}:\d{2})$")
_BREAKS = re.compile(r"[\r\n\u2028\u2029]+")
CODE_KEYS = ("guid", "name", "parent_id", "position", "level", "definition", "colour", "paradigm_role", "in_vivo",
             "created_by", "created_at")  # one row of uow.insert_many


@dataclass
class ImportCounts:
    """What was stored, and what was left out and why."""

    coders: int = 0
    codes: int = 0
    documents: int = 0
    codings: int = 0
    memos: int = 0
    relations: int = 0
    participants: int = 0
    attributes: int = 0
    values: int = 0
    skipped: list[Message] = field(default_factory=list)

    def as_dict(self) -> dict:
        return {k: getattr(self, k) for k in ("coders", "codes", "documents", "codings", "memos", "relations",
                                              "participants", "attributes", "values", "skipped")}


def _one_line(name: str, limit: int) -> str:
    """NAME as a stored name: NFC, line breaks as spaces, trimmed, at most LIMIT characters."""
    return _BREAKS.sub(" ", unicodedata.normalize("NFC", name)).strip()[:limit].strip()


def _unique(name: str, taken: set[str], limit: int) -> str:
    """NAME, or NAME (2), NAME (3) … — the first one not in TAKEN (which is updated); shortened only as much
    as the limit and a suffix need."""
    base = _one_line(name, limit)
    candidate, n = base, 2
    while candidate.casefold() in taken:
        suffix = f" ({n})"
        candidate = base[: limit - len(suffix)].rstrip() + suffix
        n += 1
    taken.add(candidate.casefold())
    return candidate


def _renamed(what: Message, given: str, stored: str, limit: int, why: Message) -> Message | None:
    """The report line for a name not stored as given, or None."""
    if stored == given:
        return None
    if stored == _one_line(given, limit):
        return None if len(_one_line(given, 10 ** 6)) <= limit else Message(
            "{what} {name!r}…: longer than {limit} characters; shortened", what=what, name=given[:40], limit=limit)
    return Message("{what} {given!r}: {why}; stored as {stored!r}", what=what, given=given, why=why, stored=stored)


def derived_levels(incoming: Incoming) -> dict[str, str]:
    """Each code's level: ours from the convention line, else by the height of its subtree."""
    children: dict[str | None, list[str]] = {}
    for code in incoming.codes:
        children.setdefault(code.parent, []).append(code.guid)
    height: dict[str, int] = {}
    for code in reversed(incoming.codes):  # children come after their parents
        height[code.guid] = 1 + max((height[c] for c in children.get(code.guid, ())), default=-1)
    by_height = {0: "concept", 1: "category"}
    return {c.guid: c.level or by_height.get(height[c.guid], "main") for c in incoming.codes}


def _is_empty(uow: UnitOfWork) -> bool:
    return (uow.session.scalar(select(m.Document.id).limit(1)) is None
            and uow.session.scalar(select(m.Code.id).limit(1)) is None)


class _Store:
    def __init__(self, uow: UnitOfWork, incoming: Incoming, documents: Iterable[NewDocument],
                 progress: Progress | None, cancelled: Cancelled | None):
        self.uow, self.s, self.inc, self.docs = uow, uow.session, incoming, documents
        self.progress, self.cancelled = progress, cancelled
        self.counts = ImportCounts()
        self.coders: dict[str, int] = {}
        self.attributes: dict[str, tuple[int, str, str]] = {}  # guid -> id, type, name
        self.participants: dict[str, int] = {}
        self.documents: dict[str, int] = {}
        self.lengths: dict[str, int] = {}  # source guid -> text length
        self.codes: dict[str, int] = {}
        self.codings: dict[str, int] = {}
        self.relations: dict[str, int] = {}
        self.fallback_coder: int | None = None

    def skip(self, line: Message) -> None:
        self.counts.skipped.append(line)

    def note(self, line: Message | None) -> None:
        if line:
            self.skip(line)

    def check(self, done: int, total: int, label: str, *, report: bool = True) -> None:
        if self.cancelled and self.cancelled():
            raise ImportCancelled("import cancelled; nothing was imported")
        if self.progress and report:
            self.progress(done, total, label)

    def coder(self, guid: str | None) -> int:
        if guid in self.coders:
            return self.coders[guid]
        if self.uow.store.coder_id is not None:
            return self.uow.store.coder_id
        if self.fallback_coder is None:
            name = _one_line(self.inc.origin or "imported", 100) or "imported"
            row = self.s.scalar(select(m.Coder).where(m.Coder.name == name))
            if row is None:
                taken = {n.casefold() for n in self.s.scalars(select(m.Coder.name))}
                row = self._coder_row(str(uuid.uuid4()), _unique(name, taken, 100))
            self.fallback_coder = row.id
        return self.fallback_coder

    def _coder_row(self, guid: str, name: str) -> m.Coder:
        self.counts.coders += 1
        return self.uow.add(m.Coder(guid=guid, name=name, colour=next_coder_colour(self.s), created_at=m.utcnow()))

    # ------------------------------------------------------------ tables

    def users(self) -> None:
        ours = {row.guid: row.id for row in self.s.execute(select(m.Coder.guid, m.Coder.id))}
        by_name = {row.name.casefold(): row.id for row in self.s.execute(select(m.Coder.name, m.Coder.id))}
        taken = set(by_name)
        for user in self.inc.users:
            name = _one_line(user.name, 100) or "user"
            found = ours.get(user.guid) or by_name.get(name.casefold())  # only coders the project had before
            if found is None:
                found = self._coder_row(user.guid, _unique(name, taken, 100)).id
            self.coders[user.guid] = found

    def attributes_and_cases(self) -> None:
        taken = {n.casefold() for n in self.s.scalars(select(m.Attribute.name))}
        for position, var in enumerate(self.inc.variables):
            name = _unique(var.name, taken, 100)
            self.note(_renamed(Message("variable"), var.name, name, 100, Message("its name is taken")))
            row = self.uow.add(m.Attribute(guid=var.guid, name=name, type=var.type,
                                           description=clean_text(var.description), position=position))
            self.attributes[var.guid] = (row.id, var.type, name)
            self.counts.attributes += 1
        pids = {p.casefold() for p in self.s.scalars(select(m.Participant.pid))}
        for case in self.inc.cases:
            pid = _unique(case.pid, pids, 50)
            self.note(_renamed(Message("Case"), case.pid, pid, 50, Message("its ID is taken")))
            row = self.uow.add(m.Participant(guid=case.guid, pid=pid, name=_one_line(case.name, 200),
                                             notes=clean_text(case.notes), created_at=m.utcnow()))
            self.participants[case.guid] = row.id
            self.counts.participants += 1
            for var_guid, value in case.values.items():
                attribute_id, kind, name = self.attributes[var_guid]
                if kind == "date" and _DATE_PREFIX.match(value):
                    value = value[:10]  # xsd:date may carry a time zone; a date attribute holds the day
                try:
                    stored = canonical_value(kind, value, name)
                    if kind == "float" and not math.isfinite(float(stored)):
                        raise InvalidInput(stored)
                except InvalidInput:
                    self.skip(Message("Case {pid!r}: {value!r} is not a valid {kind} value for {name!r}; skipped",
                                      pid=pid, value=value, kind=TYPE_NAMES.get(kind, kind), name=name))
                    continue
                self.uow.add(m.AttributeValue(participant_id=row.id, attribute_id=attribute_id, value=stored))
                self.counts.values += 1

    def _participant_of(self, source: InSource, name: str) -> int | None:
        if source.participant in self.participants:
            return self.participants[source.participant]
        if source.speakers:  # our own file: it names the interviewee when there is one
            return None
        cases = [c for c in self.inc.cases if source.guid in c.sources]
        if len(cases) > 1:
            named = [c for c in cases if c.pid and c.pid in name]
            if len(named) != 1:
                self.skip(Message("document {name!r}: {n} Cases refer to it and none is named in it; its turns "
                                  "are linked by speaker label only", name=name, n=len(cases)))
                return None
            cases = named
        return self.participants.get(cases[0].guid) if cases else None

    def _speakers(self, source: InSource) -> dict[str, int]:
        """Speaker label → participant: as the file says (our convention line), else a label equal to the ID or
        name of a Case that refers to SOURCE."""
        out = {}
        for case in self.inc.cases:
            if source.guid in case.sources and case.guid in self.participants:
                for label in (case.pid, case.name):
                    if label:
                        out[label] = self.participants[case.guid]
        out.update({label: self.participants[guid] for label, guid in source.speakers.items()
                    if guid in self.participants})
        return out

    def documents_(self) -> None:
        taken = {n.casefold() for n in self.s.scalars(select(m.Document.name))}
        by_text: dict[str, str] = {}
        order = (self.s.scalar(select(m.Document.coding_order).order_by(m.Document.coding_order.desc()).limit(1))
                 or 0) + 1
        total = len(self.inc.sources)
        for i, (source, new) in enumerate(zip(self.inc.sources, self.docs)):
            self.check(i, total, source.name, report=False)  # segmenting them reports progress
            if new.text in by_text:
                first = by_text[new.text]
                self.documents[source.guid] = self.documents[first]
                self.lengths[source.guid] = len(new.text)
                self.skip(Message("source {name!r}: same text as source {first!r}; its codings go to that "
                                  "document", name=source.name, first=self._name(first)))
                continue
            by_text[new.text] = source.guid
            name = _unique(source.name, taken, 300)
            self.note(_renamed(Message("source"), source.name, name, 300, Message("a document has that name")))
            participant = self._participant_of(source, name)
            speakers = self._speakers(source)
            turns = tuple(t if t.is_interviewer else replace(t, participant_id=speakers.get(t.speaker, participant))
                          for t in new.turns)
            doc = insert_document(self.uow, replace(new, name=name, guid=source.guid, participant_id=participant,
                                                    turns=turns, source_name=new.source_name[:500]), order + i)
            if source.user in self.coders:
                doc.created_by = self.coders[source.user]
            if source.created_at is not None:
                doc.imported_at = source.created_at
            self.documents[source.guid] = doc.id
            self.lengths[source.guid] = len(new.text)
            self.counts.documents += 1

    def _name(self, source_guid: str) -> str:
        return next((s.name for s in self.inc.sources if s.guid == source_guid), source_guid)

    def codes_(self) -> None:
        """Store the codes one depth at a time, each depth in one statement: a parent's id is known before its
        children are written, and 100,000 codes side by side are one insert, not 100,000 flushes."""
        levels = derived_levels(self.inc)
        taken: dict[str | None, set[str]] = {}
        positions: Counter[str | None] = Counter()
        colours: dict[str, str] = {}
        depth: dict[str, int] = {}
        by_depth: dict[int, list[tuple]] = {}
        coder, now = self.coder(None), m.utcnow()
        for code in self.inc.codes:
            if code.parent is not None and code.parent not in depth:
                self.skip(Message("code {name!r}: its parent was not imported; skipped", name=code.name))
                continue
            depth[code.guid] = depth[code.parent] + 1 if code.parent is not None else 0
            name = _unique(code.name, taken.setdefault(code.parent, set()), 300)
            self.note(_renamed(Message("code"), code.name, name, 300, Message("a sibling has that name")))
            colour = code.colour or colours.get(code.parent or "", DEFAULT_CODE_COLOUR)
            colours[code.guid] = colour
            by_depth.setdefault(depth[code.guid], []).append(
                (code.guid, name, code.parent, positions[code.parent], levels[code.guid], clean_text(code.definition),
                 colour, code.role, code.in_vivo, coder, now))
            positions[code.parent] += 1
        for d in range(len(by_depth)):
            rows = [(guid, name, self.codes[parent] if parent is not None else None, *rest)
                    for guid, name, parent, *rest in by_depth[d]]
            ids = self.uow.insert_many(m.Code, CODE_KEYS, rows)
            self.codes.update(zip((row[0] for row in rows), ids))
            self.counts.codes += len(rows)
            if d % 500 == 499:
                self.check(0, 1, "codes", report=False)

    def codings_(self) -> None:
        seen: set[tuple] = set()
        guids, rows = [], []
        dropped: Counter[Message] = Counter()
        total = len(self.inc.codings)
        now = m.utcnow()
        for i, c in enumerate(self.inc.codings):
            if i % 2000 == 0:
                self.check(i, total, "codings")
            document = self.documents.get(c.source)
            code = self.codes.get(c.code)
            if document is None or code is None:
                dropped[Message("its document or code was not imported")] += 1
                continue
            if not 0 <= c.start < c.end <= self.lengths[c.source]:
                dropped[Message("its span is not inside its document")] += 1
                continue
            coder = self.coder(c.user)
            key = (code, document, c.start, c.end, coder)
            if key in seen:
                dropped[Message("it repeats another coding (same code, document, span and coder)")] += 1
                continue
            seen.add(key)
            guids.append(c.guid)
            rows.append((c.guid, code, document, c.start, c.end, coder, c.created_at or now, clean_text(c.comment)))
        ids = self.uow.insert_many(m.Coding, CODING_KEYS, rows)
        self.codings = dict(zip(guids, ids))
        self.counts.codings = len(rows)
        for reason, n in dropped.items():
            self.skip(Message("{n} codings skipped: {reason}", n=n, reason=reason))

    def relations_(self) -> None:
        for link in self.inc.links:
            kind = _one_line(link.type, 100)
            if not kind or link.origin not in self.codes or link.target not in self.codes:
                self.skip(Message("link {guid}: no type or a code not imported; skipped", guid=link.guid))
                continue
            row = self.uow.add(m.Relation(
                guid=link.guid, source_id=self.codes[link.origin], target_id=self.codes[link.target], type=kind,
                directed=link.directed, memo=clean_text(link.memo), created_by=self.coder(link.user),
                created_at=link.created_at or m.utcnow()))
            self.relations[link.guid] = row.id
            self.counts.relations += 1

    def memos_(self) -> None:
        targets = {"document": self.documents, "code": self.codes, "coding": self.codings,
                   "relation": self.relations}
        for note in self.inc.notes:
            fields = {}
            title = _one_line(note.title, 300)
            if note.on is not None:
                kind, key = note.on
                found = targets.get(kind, {}).get(key)
                if found is None:
                    what = key if kind == "lost" else Message("its {kind}", kind=noun(kind))
                    self.skip(Message("note {title!r}: {what} was not imported; kept as a project memo",
                                      title=title or note.guid, what=what))
                else:
                    fields[f"{kind}_id"] = found
            created = note.created_at or m.utcnow()
            self.uow.add(m.Memo(guid=note.guid, title=title, text=clean_text(note.text), kind=note.kind,
                                coder_id=self.coder(note.user), created_at=created,
                                updated_at=note.updated_at or created, **fields))
            self.counts.memos += 1

    def run(self) -> None:
        self.users()
        self.attributes_and_cases()
        self.documents_()
        self.codes_()
        self.check(0, 1, "codings")
        self.codings_()
        self.relations_()
        self.memos_()
        project = self.s.scalars(select(m.Project)).first()
        if project is not None and not project.description and self.inc.description:
            self.uow.update(project, description=clean_text(self.inc.description))


def store_incoming(store: ProjectStore, incoming: Incoming, documents: Iterable[NewDocument], *,
                   progress: Progress | None = None, cancelled: Cancelled | None = None) -> v.Outcome[ImportCounts]:
    """Store INCOMING in this project (which must hold no documents and no codes) as one action.

    DOCUMENTS gives each source's segmented document in the order of
    `incoming.sources`; it may be a generator (a pool keeps segmenting while
    the documents already done are stored). Raises ImportCancelled (nothing
    stored) when `cancelled()` turns true.
    """
    with UnitOfWork(store, "project_imported") as uow:
        if not _is_empty(uow):
            raise InvalidInput("this project already has documents or codes: import into it by merging")
        job = _Store(uow, incoming, documents, progress, cancelled)
        job.run()
        job.counts.skipped[:0] = incoming.skipped
        uow.payload = {"origin": incoming.origin, "name": incoming.name,
                       **{k: val for k, val in job.counts.as_dict().items() if k != "skipped"},
                       "skipped": len(job.counts.skipped)}
        return uow.done(job.counts)
