"""Merging another project into this one as ONE action (see coding/merge.py for the rules).

`merge_projects` builds the plan inside its unit of work (so it sees exactly
the rows it changes), then adds what OTHER has and we lack: coders,
participants, attributes and values, documents with their turns, units and
tokens, codes (parents first), codings, relations and memos, and applies the
conflict resolutions `prefer` chose. One transaction, one "project_merged"
Event with the counts, one Undo restoring the exact prior state.

Rows keep OTHER's GUID when ours has no row with it, so a second merge of the
same file matches everything by GUID and adds nothing.

Progress and Cancel follow corpus.pipeline's import: `progress(done, total,
label)` as each step begins (done = steps finished; a last call has done =
total), where a label is a PHASES key, alone or followed by ": " and a detail
(a document's name, "500/4000" codings). `cancelled()` is asked at every step
(so also for every document and every CODINGS_CHUNK codings) and every
Planner.TICK_ROWS codings while planning; once it answers True the merge
raises MergeCancelled inside its unit of work, so the transaction rolls back:
no row changed, no Event logged. Only the commit itself cannot be cancelled.
"""

from __future__ import annotations

import uuid
from array import array
from collections import Counter
from dataclasses import dataclass
from typing import Callable, Mapping

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding import models as m
from coding import values as v
from coding import errors
from coding.errors import InvalidInput
from coding.merge import MergeActions, MergePlan, Planner, Target, describe, load_rows
from coding.services.documents import NewDocument, TurnSpec, UnitSpec, insert_document
from coding.storage import ProjectStore
from coding.uow import CODING_KEYS, UnitOfWork

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]

# what `progress` labels begin with, in order; "planning" has one step per Planner step
PHASES = ("planning", "people", "documents", "codes", "codings", "memos", "saving")
CODINGS_CHUNK = 500  # codings written between two progress reports / cancel checks


class MergeCancelled(errors.Cancelled):
    """The user cancelled the merge; the project is as it was."""


class _Steps:
    """Counts a merge's steps for `progress` and raises MergeCancelled at the first check after Cancel.

    The total is known only once the plan is made: until then it is an upper
    bound from OTHER's size (every document and coding new), afterwards the
    work the plan actually holds, so the bar may jump forward but never back.
    """

    def __init__(self, progress: Progress | None, cancelled: Cancelled | None, documents: int, codings: int):
        self.progress, self.cancelled = progress, cancelled
        self.done = 0
        self.total = self._total(documents, codings)

    @staticmethod
    def _total(documents: int, codings: int) -> int:
        # planning steps, people, one per document, codes, one per chunk of codings, memos, saving
        return len(Planner.STEPS) + 1 + documents + 1 + -(-codings // CODINGS_CHUNK) + 1 + 1

    def planned(self, actions: MergeActions) -> None:
        self.total = self._total(len(actions.new["documents"]), len(actions.new["codings"]))

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise MergeCancelled("merge cancelled; the project is as it was")

    def step(self, label: str) -> None:
        """Begin the next step: report the steps done so far, then check for Cancel."""
        if self.progress is not None:
            self.progress(self.done, self.total, label)
        self.done += 1
        self.check()

    def tick(self, planning_step: str | None) -> None:
        """The Planner's hook: a planning step begins (a name) or a long one goes on (None)."""
        if planning_step is None:
            self.check()
        else:
            self.step(f"planning: {planning_step}")

    def finished(self) -> None:
        if self.progress is not None:
            self.progress(self.total, self.total, "saving")


@dataclass(frozen=True)
class MergeSummary:
    """What a merge did: rows added and changed per table, conflicts met, codings skipped."""

    plan: MergePlan
    added: Mapping[str, int]
    updated: Mapping[str, int]
    conflicts: int
    skipped_codings: int

    def as_dict(self) -> dict:
        return {"added": dict(self.added), "updated": dict(self.updated), "conflicts": self.conflicts,
                "skipped_codings": self.skipped_codings}


class _Merger:
    def __init__(self, uow: UnitOfWork, other: Session, actions: MergeActions, steps: _Steps):
        self.uow, self.other, self.a, self.steps = uow, other, actions, steps
        self.created: dict[tuple[str, int], int] = {}
        self.added: Counter[str] = Counter()
        self.guids = {model: set(uow.session.scalars(select(model.guid)))
                      for model in (m.Coder, m.Participant, m.Attribute, m.Document, m.Code, m.Coding, m.Relation,
                                    m.Memo)}

    def id(self, target: Target | None) -> int | None:
        if target is None or isinstance(target, int):
            return target
        return self.created[target]

    def ref(self, mapping: dict[int, Target], other_id: int | None) -> int | None:
        return None if other_id is None else self.id(mapping[other_id])

    def guid(self, model: type[m.Base], guid: str) -> str:
        """OTHER's GUID when it is free here (a later merge then matches by it), else a new one."""
        return guid if guid not in self.guids[model] else str(uuid.uuid4())

    def _add(self, table: str, other_id: int, row: m.Base) -> m.Base:
        self.uow.add(row)
        self.created[(table, other_id)] = row.id
        self.added[table] += 1
        return row

    def run(self) -> None:
        new = self.a.new
        self.steps.step("people")
        for c in new["coders"]:
            self._add("coders", c["id"], m.Coder(guid=self.guid(m.Coder, c["guid"]), name=c["name"], colour=c["colour"],
                                                 created_at=c["created_at"]))
        for p in new["participants"]:
            self._add("participants", p["id"], m.Participant(
                guid=self.guid(m.Participant, p["guid"]), pid=p["pid"], name=p["name"], notes=p["notes"],
                created_at=p["created_at"]))
        for a in new["attributes"]:
            self._add("attributes", a["id"], m.Attribute(
                guid=self.guid(m.Attribute, a["guid"]), name=a["name"], type=a["type"], description=a["description"],
                position=a["position"]))
        for r in new["attribute_values"]:
            self._add("attribute_values", r["id"], m.AttributeValue(
                participant_id=self.ref(self.a.participants, r["participant_id"]),
                attribute_id=self.ref(self.a.attributes, r["attribute_id"]), value=r["value"]))
        self._documents(new["documents"])
        self.steps.step("codes")
        self._codes(new["codes"])
        for table, our_id, values in self.a.updates:
            if table == "attribute_values":
                continue
            self.uow.update(self.uow.get(m.TABLES_BY_NAME[table], our_id), **values)
        for table, our_id, values in self.a.updates:  # values are keyed by (participant, attribute), not id
            if table == "attribute_values":
                self.uow.update(self.uow.get(m.AttributeValue, our_id), **values)
        self._codings(new["codings"])
        self.steps.step("memos")
        for r in new["relations"]:
            self._add("relations", r["id"], m.Relation(
                guid=self.guid(m.Relation, r["guid"]), source_id=self.ref(self.a.codes, r["source_id"]),
                target_id=self.ref(self.a.codes, r["target_id"]), type=r["type"], directed=r["directed"],
                memo=r["memo"],
                created_by=self.ref(self.a.coders, r["created_by"]), created_at=r["created_at"]))
        for r in new["memos"]:
            self._add("memos", r["id"], m.Memo(
                guid=self.guid(m.Memo, r["guid"]), title=r["title"], text=r["text"], kind=r["kind"],
                document_id=self.ref(self.a.documents, r["document_id"]), code_id=self.ref(self.a.codes, r["code_id"]),
                coding_id=self.ref(self.a.codings, r["coding_id"]),
                relation_id=self.ref(self.a.relations, r["relation_id"]),
                coder_id=self.ref(self.a.coders, r["coder_id"]), created_at=r["created_at"],
                updated_at=r["updated_at"]))

    def _documents(self, docs: list[dict]) -> None:
        order = self.uow.session.scalar(select(func.max(m.Document.coding_order)))
        order = -1 if order is None else order
        for d in docs:
            self.steps.step(f"documents: {d['name']}")
            text = self.other.scalar(select(m.Document.text).where(m.Document.id == d["id"]))
            turns = load_rows(self.other, m.Turn, order=(m.Turn.seq,), where=m.Turn.document_id == d["id"])
            units = load_rows(self.other, m.Unit, order=(m.Unit.seq,), where=m.Unit.document_id == d["id"])
            bounds = self.other.scalar(select(m.DocumentTokens.bounds).where(m.DocumentTokens.document_id == d["id"]))
            turn_index = {t["id"]: i for i, t in enumerate(turns)}
            order += 1
            row = insert_document(self.uow, NewDocument(
                name=d["name"], text=text, source_name=d["source_name"], encoding=d["encoding"],
                participant_id=self.ref(self.a.participants, d["participant_id"]), held_out=d["held_out"],
                meta=d["meta"],
                turns=[TurnSpec(t["start"], t["end"], t["speaker"], self.ref(self.a.participants, t["participant_id"]),
                                t["is_interviewer"], t["timestamp"]) for t in turns],
                units=[UnitSpec(u["start"], u["end"], u["kind"], turn_index.get(u["turn_id"])) for u in units],
                tokens=tuple(array("I", bounds)) if bounds else (),
            ), order)
            row.guid = self.guid(m.Document, d["guid"])
            row.imported_at = d["imported_at"]
            row.created_by = self.ref(self.a.coders, d["created_by"])
            self.created[("documents", d["id"])] = row.id
            self.added["documents"] += 1

    def _codes(self, codes: list[dict]) -> None:
        """New codes in OTHER's tree order (parents first), then moves of ours that "theirs" asked for."""
        positions = dict(self.uow.session.execute(
            select(m.Code.parent_id, func.max(m.Code.position)).group_by(m.Code.parent_id)).all())

        def place(parent_id: int | None) -> int:
            positions[parent_id] = positions.get(parent_id, -1) + 1
            return positions[parent_id]

        for x in codes:
            target = ("codes", x["id"])
            copy = self.a.code_copies.get(target)
            parent_id = self.id(copy[1]) if copy else self.ref(self.a.codes, x["parent_id"])
            self._add("codes", x["id"], m.Code(
                guid=str(uuid.uuid4()) if copy else self.guid(m.Code, x["guid"]), name=copy[0] if copy else x["name"],
                parent_id=parent_id, position=place(parent_id), level=x["level"], definition=x["definition"],
                colour=x["colour"], paradigm_role=x["paradigm_role"], in_vivo=x["in_vivo"],
                created_by=self.ref(self.a.coders, x["created_by"]), created_at=x["created_at"]))
        for code_id, parent in self.a.moves.items():
            parent_id = self.id(parent)
            self.uow.update(self.uow.get(m.Code, code_id), parent_id=parent_id, position=place(parent_id))

    def _codings(self, codings: list[dict]) -> None:
        """New codings in chunks of CODINGS_CHUNK, one executemany and one progress step each."""
        for first in range(0, len(codings), CODINGS_CHUNK):
            chunk = codings[first:first + CODINGS_CHUNK]
            self.steps.step(f"codings: {first + len(chunk)}/{len(codings)}")
            rows = [(self.guid(m.Coding, c["guid"]), self.ref(self.a.codes, c["code_id"]),
                     self.ref(self.a.documents, c["document_id"]), c["start"], c["end"],
                     self.ref(self.a.coders, c["coder_id"]), c["created_at"], c["comment"]) for c in chunk]
            for c, id_ in zip(chunk, self.uow.insert_many(m.Coding, CODING_KEYS, rows)):
                self.created[("codings", c["id"])] = id_
            self.added["codings"] += len(rows)


def merge_projects(
    store: ProjectStore,
    other_store: ProjectStore,
    *,
    prefer: str = "mine",
    progress: Progress | None = None,
    cancelled: Cancelled | None = None,
) -> v.Outcome[MergeSummary]:
    """Merge OTHER into this project as one action; `prefer` (mine, theirs, both) settles conflicts.

    `progress` and `cancelled` as in the module docstring; a cancelled merge
    raises MergeCancelled and leaves this project exactly as it was.
    """
    if describe(store) == describe(other_store):
        raise InvalidInput("cannot merge a project into itself")
    with other_store.session() as other, UnitOfWork(store, "project_merged") as uow:
        steps = _Steps(progress, cancelled, other.scalar(select(func.count(m.Document.id))) or 0,
                       other.scalar(select(func.count(m.Coding.id))) or 0)
        plan, actions = Planner(uow.session, other, prefer, describe(other_store), tick=steps.tick).run()
        steps.planned(actions)
        merger = _Merger(uow, other, actions, steps)
        merger.run()
        steps.step("saving")
        changed = {(table, id_) for table, id_, _ in actions.updates} | {("codes", id_) for id_ in actions.moves}
        summary = MergeSummary(plan, dict(merger.added), dict(Counter(table for table, _ in changed)),
                               len(plan.conflicts), plan.codings["skipped"])
        uow.payload = {"other": plan.other, "prefer": prefer, **summary.as_dict(),
                       "codings_present": plan.codings["present"]}
        outcome = uow.done(summary)
    steps.finished()
    return outcome
