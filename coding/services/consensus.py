"""Consensus: settle one master coding from two (or more) coders' independent codings.

The items to decide are the groups of overlapping codings of the chosen
coders, per document and code: codings of one code in one document that
share at least one character (directly or through a chain) form one item,
spanning from the first start to the last end. An item one coder alone made
is an item too (the other coder left the passage out).

Each decision is one service call (one transaction, one "consensus_decided"
event, one undo record) and is stored as the codings of the consensus coder
(`CONSENSUS_CODER`, a coder of its own, added with the first decision; the
original coders' codings are never touched, so the agreement report stays as
it was) plus a record of the decision in the project settings under
`DECISIONS` (so "neither", which leaves no coding, is remembered, and the pass
can be resumed: `progress` counts the items decided). Deciding an item again
replaces the consensus codings of its code inside its span.

Choices: "accept" one coder's codings of the item (`coder`), "both" (every
coder's spans, identical spans once), "neither", "edit" (one span given by
the caller), and "agreed" (`settle_agreed`: every item on which all the
chosen coders coded exactly the same spans, accepted as one action).
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, replace
from typing import Sequence

from sqlalchemy import select

from coding import models as m
from coding import queries
from coding import values as v
from coding.errors import InvalidInput, NotFound
from coding.messages import Message
from coding.services._checks import check_span
from coding.storage import ProjectStore
from coding.uow import UnitOfWork, next_coder_colour

CONSENSUS_CODER = "共识"
DECISIONS = "consensus_decisions"  # project settings key: {item key: choice}
CHOICES = ("accept", "both", "neither", "edit", "agreed")


@dataclass(frozen=True)
class Span:
    """One coder's coding inside an item."""

    coding_id: int
    coder: str
    start: int
    end: int
    text: str
    comment: str = ""


@dataclass(frozen=True)
class Item:
    """A group of overlapping codings of one code in one document by the chosen coders."""

    key: str
    document_id: int
    document: str
    code_id: int
    code_path: str
    start: int
    end: int
    spans: tuple[Span, ...]
    decision: str | None  # a CHOICES value once decided

    @property
    def coders(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(s.coder for s in self.spans))

    def spans_of(self, coder: str) -> tuple[Span, ...]:
        return tuple(s for s in self.spans if s.coder == coder)

    def agreed(self, coders: Sequence[str]) -> bool:
        """Every one of CODERS coded exactly the same spans here."""
        sets = [frozenset((s.start, s.end) for s in self.spans_of(c)) for c in coders]
        return bool(sets) and bool(sets[0]) and all(s == sets[0] for s in sets)


@dataclass(frozen=True)
class Progress:
    decided: int
    total: int
    agreed: int  # items on which the coders coded the same spans
    consensus_codings: int

    @property
    def remaining(self) -> int:
        return self.total - self.decided


def _check_coders(store: ProjectStore, coders: Sequence[str]) -> tuple[str, ...]:
    names = tuple(dict.fromkeys(name.strip() for name in coders if name.strip()))
    known = {c.name for c in queries.list_coders(store)}
    for name in names:
        if name not in known:
            raise InvalidInput("no coder named {name!r}", name=name)
        if name == CONSENSUS_CODER:
            raise InvalidInput("the consensus coder {name!r} is the result, not one of the coders compared", name=name)
    if len(names) < 2:
        raise InvalidInput("a consensus needs at least two coders, not only {names}",
                           names="、".join(names) or Message("none"))
    return names


def _item_key(coders: Sequence[str], document_id: int, code_id: int, start: int, end: int) -> str:
    return f"{'+'.join(sorted(coders))}|{document_id}|{code_id}|{start}|{end}"


def group_spans(spans: Sequence[tuple[int, int]]) -> list[list[int]]:
    """Indexes of SPANS grouped by overlap (sharing a character, possibly through a chain), in text order."""
    order = sorted(range(len(spans)), key=lambda i: spans[i])
    groups: list[list[int]] = []
    reach = -1
    for i in order:
        start, end = spans[i]
        if groups and start < reach:
            groups[-1].append(i)
            reach = max(reach, end)
        else:
            groups.append([i])
            reach = end
    return groups


def consensus_items(store: ProjectStore, coders: Sequence[str]) -> tuple[Item, ...]:
    """The items to decide for CODERS, in document and text order, with the decisions stored so far."""
    coders = _check_coders(store, coders)
    ids = {c.name: c.id for c in queries.list_coders(store)}
    decisions = queries.project_info(store)["settings"].get(DECISIONS, {})
    rows = [r for name in coders for r in queries.list_codings_with_quotes(store, coder_id=ids[name])]
    by_place: dict[tuple[int, int], list[queries.CodingRow]] = {}
    for row in rows:
        by_place.setdefault((row.document_id, row.code_id), []).append(row)
    rank = {d.id: i for i, d in enumerate(queries.list_documents(store))}
    items = []
    for (document_id, code_id), place in by_place.items():
        for group in group_spans([(r.start, r.end) for r in place]):
            members = sorted((place[i] for i in group), key=lambda r: (coders.index(r.coder), r.start, r.end))
            start, end = min(r.start for r in members), max(r.end for r in members)
            key = _item_key(coders, document_id, code_id, start, end)
            items.append(Item(key, document_id, members[0].document, code_id, members[0].code_path, start, end,
                              tuple(Span(r.id, r.coder, r.start, r.end, r.text, r.comment) for r in members),
                              decisions.get(key)))
    items.sort(key=lambda it: (rank[it.document_id], it.start, it.end, it.code_path))
    return tuple(items)


def progress(store: ProjectStore, coders: Sequence[str]) -> Progress:
    items = consensus_items(store, coders)
    coder = consensus_coder_id(store)
    counts = queries.coding_counts_by_coder(store)
    return Progress(decided=sum(it.decision is not None for it in items), total=len(items),
                    agreed=sum(it.agreed(coders) for it in items),
                    consensus_codings=counts.get(coder, 0) if coder is not None else 0)


def consensus_coder_id(store: ProjectStore) -> int | None:
    """The consensus coder's id, or None before the first decision."""
    return next((c.id for c in queries.list_coders(store) if c.name == CONSENSUS_CODER), None)


# ------------------------------------------------------------------ deciding


def _consensus_coder(uow: UnitOfWork) -> int:
    coder_id = uow.session.scalar(select(m.Coder.id).where(m.Coder.name == CONSENSUS_CODER))
    if coder_id is None:
        coder_id = uow.add(m.Coder(guid=str(uuid.uuid4()), name=CONSENSUS_CODER,
                                   colour=next_coder_colour(uow.session), created_at=m.utcnow())).id
    return coder_id


def _spans_for(item: Item, choice: str, coder: str | None, span: tuple[int, int] | None) -> list[tuple[int, int, str]]:
    if choice == "accept":
        if coder not in item.coders:
            raise InvalidInput("{coder!r} made no coding in this item; choose one of {coders}",
                               coder=coder, coders="、".join(item.coders))
        chosen = item.spans_of(coder)
    elif choice in ("both", "agreed"):
        chosen = item.spans
    elif choice == "neither":
        return []
    elif choice == "edit":
        if span is None:
            raise InvalidInput("an edited decision needs the span")
        return [(span[0], span[1], "")]
    else:
        raise InvalidInput("unknown consensus decision {choice!r}; use one of {known}", choice=choice,
                           known=", ".join(CHOICES))
    out: dict[tuple[int, int], str] = {}
    for s in chosen:
        out.setdefault((s.start, s.end), s.comment)
    return [(start, end, comment) for (start, end), comment in out.items()]


def _apply(uow: UnitOfWork, coder_id: int, item: Item, choice: str, coder: str | None,
           span: tuple[int, int] | None, settings: dict) -> int:
    """Replace the consensus codings of ITEM by those CHOICE makes; returns how many were made."""
    spans = _spans_for(item, choice, coder, span)
    document = uow.get(m.Document, item.document_id, "document")
    for start, end, _ in spans:
        check_span(start, end, document.length, Message("document {name!r}", name=document.name))
    old = uow.session.scalars(select(m.Coding).where(
        m.Coding.coder_id == coder_id, m.Coding.document_id == item.document_id, m.Coding.code_id == item.code_id,
        m.Coding.start < max([item.end] + [e for _, e, _ in spans]),
        m.Coding.end > min([item.start] + [s for s, _, _ in spans]))).all()
    for row in old:
        uow.delete(row)
    now = m.utcnow()
    for start, end, comment in spans:
        uow.add(m.Coding(guid=str(uuid.uuid4()), code_id=item.code_id, document_id=item.document_id, start=start,
                         end=end, coder_id=coder_id, created_at=now, comment=comment))
    settings[item.key] = choice
    return len(spans)


def _settings(uow: UnitOfWork) -> tuple[m.Project, dict, dict]:
    project = uow.session.scalars(select(m.Project)).one()
    settings = dict(project.settings)
    return project, settings, dict(settings.get(DECISIONS, {}))


def decide(store: ProjectStore, coders: Sequence[str], key: str, choice: str, *, coder: str | None = None,
           span: tuple[int, int] | None = None) -> v.Outcome[Item]:
    """Decide the item KEY of CODERS' consensus (see the module docstring) as one undoable action."""
    items = {it.key: it for it in consensus_items(store, coders)}
    item = items.get(key)
    if item is None:
        raise NotFound("no consensus item {key!r} (the codings may have changed since)", key=key)
    with UnitOfWork(store, "consensus_decided") as uow:
        coder_id = _consensus_coder(uow)
        project, settings, decisions = _settings(uow)
        made = _apply(uow, coder_id, item, choice, coder, span, decisions)
        uow.update(project, settings={**settings, DECISIONS: decisions})
        uow.payload = {"key": key, "choice": choice, "coder": coder, "document_id": item.document_id,
                       "code_id": item.code_id, "codings": made}
        return uow.done(replace(item, decision=choice))


def settle_agreed(store: ProjectStore, coders: Sequence[str]) -> v.Outcome[int]:
    """Accept, as one action, every undecided item on which all CODERS coded the same spans; returns how many."""
    coders = _check_coders(store, coders)
    todo = [it for it in consensus_items(store, coders) if it.decision is None and it.agreed(coders)]
    with UnitOfWork(store, "consensus_decided") as uow:
        coder_id = _consensus_coder(uow) if todo else None
        project, settings, decisions = _settings(uow)
        for item in todo:
            _apply(uow, coder_id, item, "agreed", None, None, decisions)
        if todo:
            uow.update(project, settings={**settings, DECISIONS: decisions})
        uow.payload = {"choice": "agreed", "coders": list(coders), "items": len(todo)}
        return uow.done(len(todo))
