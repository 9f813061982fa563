"""The code system: create, rename, redefine, recolour, relevel, move, merge, split, delete.

Codes form a tree of any depth. Names need not be unique in the tree (two
"其他" under different parents are normal) but siblings must differ, so a path
such as "社区归属感>家园意识>把社区当成家" names at most one code. Names compare
as stored (NFC, trimmed; otherwise exactly: case and traditional/simplified
spellings count). The check below is backed by unique indexes (migration 0005):
a clash with another writer's code of the same moment is retried
(`retry_on_conflict`), so the check answers it as if that code had come first.
Every call returns an Outcome whose `undo` restores the previous state exactly.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from typing import Sequence

from sqlalchemy import func, or_, select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput, NotFound
from coding.messages import Message
from coding.services._checks import check_colour, check_level, check_role, clean_name, clean_text
from coding.services._rows import delete_coding_rows, delete_relation_rows
from coding.storage import ProjectStore
from coding.uow import UnitOfWork, retry_on_conflict
from coding.vocab import CODE_PALETTE

PATH_SEPARATOR = ">"
CODE_NAME = Message("code name")


# ------------------------------------------------------------------ helpers


def _under(parent_id: int | None):  # noqa: ANN202 - an SQL condition
    return m.Code.parent_id.is_(None) if parent_id is None else m.Code.parent_id == parent_id


def _sibling_clash(uow: UnitOfWork, parent_id: int | None, name: str, exclude: int | None = None) -> bool:
    query = select(m.Code.id).where(m.Code.name == name, _under(parent_id))
    if exclude is not None:
        query = query.where(m.Code.id != exclude)
    return uow.session.scalar(query.limit(1)) is not None


def _child(uow: UnitOfWork, parent_id: int | None, name: str) -> m.Code | None:
    """The code named NAME under PARENT_ID (None: at the top level), if there is one."""
    return uow.session.scalar(select(m.Code).where(_under(parent_id), m.Code.name == name).limit(1))


class CodeExists(InvalidInput):
    """A sibling has that name."""


def _clash(uow: UnitOfWork, parent_id: int | None, name: str) -> CodeExists:
    where = Message("at the top level") if parent_id is None else Message("under {path!r}", path=_path(uow, parent_id))
    return CodeExists("a code named {name!r} already exists {where}", name=name, where=where)


def find_or_create(uow: UnitOfWork, name: str, parent_id: int | None, level: str, **fields: object) -> tuple[m.Code, bool]:
    """The code NAME under PARENT_ID, made (with LEVEL and FIELDS, see new_code) when missing; and whether it was.

    On PostgreSQL another writer may commit that code between the lookup and
    the insert's own check: it is then found, as it would be a moment later.
    """
    code = _child(uow, parent_id, name)
    if code is not None:
        return code, False
    try:
        return new_code(uow, name, parent_id, level, **fields), True
    except CodeExists:
        code = _child(uow, parent_id, name)
        if code is None:
            raise
        return code, False


def _path(uow: UnitOfWork, code_id: int | None) -> str | None:
    """The code's path as it is now ("A>B>C"; None for the top of the tree), for event payloads."""
    names = []
    while code_id is not None:
        code = uow.get(m.Code, code_id, "code")
        names.append(code.name)
        code_id = code.parent_id
    return PATH_SEPARATOR.join(reversed(names)) if names else None


def _next_position(uow: UnitOfWork, parent_id: int | None) -> int:
    current = uow.session.scalar(select(func.max(m.Code.position)).where(_under(parent_id)))
    return 0 if current is None else current + 1


def _children(uow: UnitOfWork, parent_id: int) -> list[m.Code]:
    return list(
        uow.session.scalars(select(m.Code).where(m.Code.parent_id == parent_id).order_by(m.Code.position, m.Code.id))
    )


def _subtree(uow: UnitOfWork, code_id: int) -> list[m.Code]:
    """The code and all its descendants, parents before children."""
    out = [uow.get(m.Code, code_id, "code")]
    i = 0
    while i < len(out):
        out.extend(_children(uow, out[i].id))
        i += 1
    return out


def _next_colour(uow: UnitOfWork) -> str:
    """The palette colour the fewest top-level codes have (the first of those in palette order)."""
    used = dict(uow.session.execute(
        select(func.upper(m.Code.colour), func.count()).where(m.Code.parent_id.is_(None)).group_by(func.upper(m.Code.colour))
    ).all())
    return min(CODE_PALETTE, key=lambda colour: (used.get(colour, 0), CODE_PALETTE.index(colour)))


def new_code(
    uow: UnitOfWork,
    name: str,
    parent_id: int | None,
    level: str,
    definition: str = "",
    colour: str | None = None,
    paradigm_role: str | None = None,
    in_vivo: bool = False,
) -> m.Code:
    name = clean_name(name, CODE_NAME)
    if parent_id is not None:
        parent = uow.get(m.Code, parent_id, "parent code")
        colour = colour or parent.colour
    colour = colour or _next_colour(uow)
    if _sibling_clash(uow, parent_id, name):
        raise _clash(uow, parent_id, name)
    return uow.add(
        m.Code(
            guid=str(uuid.uuid4()),
            name=name,
            parent_id=parent_id,
            position=_next_position(uow, parent_id),
            level=check_level(level),
            definition=clean_text(definition),
            colour=check_colour(colour),
            paradigm_role=check_role(paradigm_role),
            in_vivo=bool(in_vivo),
            created_by=uow.coder_id(),
            created_at=m.utcnow(),
        )
    )


def split_path(path: str) -> list[str]:
    parts = [clean_name(p, CODE_NAME) for p in path.split(PATH_SEPARATOR)]
    if not parts:
        raise InvalidInput("empty code path")
    return parts


def resolve_path(
    uow: UnitOfWork, path: str, *, create: bool = False, leaf_level: str = "concept"
) -> tuple[m.Code, list[m.Code]]:
    """Find the code at `path` ("A>B>C"); with create, add missing codes.

    Returns the code and the list of codes created. Created ancestors get level
    "none" (a grouping) and the created leaf gets `leaf_level`.
    """
    parts = split_path(path)
    parent_id: int | None = None
    created: list[m.Code] = []
    code: m.Code | None = None
    for depth, name in enumerate(parts):
        if create:
            code, made = find_or_create(uow, name, parent_id, leaf_level if depth == len(parts) - 1 else "none")
            if made:
                created.append(code)
        else:
            code = _child(uow, parent_id, name)
            if code is None:
                raise NotFound("no code at path {path!r}", path=PATH_SEPARATOR.join(parts[: depth + 1]))
        parent_id = code.id
    assert code is not None
    return code, created


def _code_event(code: m.Code) -> dict:
    return {"code_id": code.id, "guid": code.guid, "name": code.name, "parent_id": code.parent_id, "level": code.level}


# ------------------------------------------------------------------ services


@retry_on_conflict
def create_code(
    store: ProjectStore,
    name: str,
    *,
    parent_id: int | None = None,
    level: str = "concept",
    definition: str = "",
    colour: str | None = None,
    paradigm_role: str | None = None,
    in_vivo: bool = False,
) -> v.Outcome[v.Code]:
    with UnitOfWork(store, "code_created") as uow:
        code = new_code(uow, name, parent_id, level, definition, colour, paradigm_role, in_vivo)
        uow.payload = _code_event(code) | {"in_vivo": code.in_vivo}
        return uow.done(v.from_row(v.Code, code))


@retry_on_conflict
def ensure_code_path(store: ProjectStore, path: str, *, leaf_level: str = "concept") -> v.Outcome[v.Code]:
    """Find or create the code at `path`; one event lists the codes created."""
    with UnitOfWork(store, "code_created") as uow:
        code, created = resolve_path(uow, path, create=True, leaf_level=leaf_level)
        uow.payload = {"path": path, "created": [_code_event(c) for c in created]}
        return uow.done(v.from_row(v.Code, code))


@retry_on_conflict
def _edit(store: ProjectStore, action: str, code_id: int, field: str, value: object) -> v.Outcome[v.Code]:
    with UnitOfWork(store, action) as uow:
        code = uow.get(m.Code, code_id, "code")
        old = getattr(code, field)
        uow.update(code, **{field: value})
        uow.payload = {"code_id": code_id, "guid": code.guid, "name": code.name, "old": old, "new": value}
        return uow.done(v.from_row(v.Code, code))


@retry_on_conflict
def rename_code(store: ProjectStore, code_id: int, name: str) -> v.Outcome[v.Code]:
    name = clean_name(name, CODE_NAME)
    with UnitOfWork(store, "code_renamed") as uow:
        code = uow.get(m.Code, code_id, "code")
        if _sibling_clash(uow, code.parent_id, name, exclude=code_id):
            raise _clash(uow, code.parent_id, name)
        old = code.name
        uow.update(code, name=name)
        uow.payload = {"code_id": code_id, "guid": code.guid, "old": old, "new": name}
        return uow.done(v.from_row(v.Code, code))


def redefine_code(store: ProjectStore, code_id: int, definition: str) -> v.Outcome[v.Code]:
    return _edit(store, "code_redefined", code_id, "definition", clean_text(definition))


def recolour_code(store: ProjectStore, code_id: int, colour: str) -> v.Outcome[v.Code]:
    return _edit(store, "code_recoloured", code_id, "colour", check_colour(colour))


def set_code_level(store: ProjectStore, code_id: int, level: str) -> v.Outcome[v.Code]:
    return _edit(store, "code_recategorised", code_id, "level", check_level(level))


def set_paradigm_role(store: ProjectStore, code_id: int, role: str | None) -> v.Outcome[v.Code]:
    return _edit(store, "code_role_changed", code_id, "paradigm_role", check_role(role))


def set_in_vivo(store: ProjectStore, code_id: int, in_vivo: bool) -> v.Outcome[v.Code]:
    return _edit(store, "code_in_vivo_changed", code_id, "in_vivo", bool(in_vivo))


@retry_on_conflict
def move_code(
    store: ProjectStore, code_id: int, parent_id: int | None, index: int | None = None
) -> v.Outcome[v.Code]:
    """Move a code (with its subtree) under another parent, or reorder it (index)."""
    with UnitOfWork(store, "code_moved") as uow:
        moved = _move(uow, [code_id], parent_id, index)
        return uow.done(moved[0])


@retry_on_conflict
def move_codes(
    store: ProjectStore, code_ids: Sequence[int], parent_id: int | None, index: int | None = None
) -> v.Outcome[tuple[v.Code, ...]]:
    """Move several codes (each with its subtree) under one parent as one action: side by side, in the order
    given, before the parent's `index`-th other child (None: after the last). A code below another one moved
    travels with it; a code cannot go under itself or its own subcodes; names must stay unique there."""
    with UnitOfWork(store, "code_moved" if len(set(code_ids)) == 1 else "codes_moved") as uow:
        return uow.done(tuple(_move(uow, code_ids, parent_id, index)))


def _move(uow: UnitOfWork, code_ids: Sequence[int], parent_id: int | None, index: int | None) -> list[v.Code]:
    ids = list(dict.fromkeys(code_ids))
    if not ids:
        raise InvalidInput("no codes to move")
    codes = [uow.get(m.Code, code_id, "code") for code_id in ids]
    if parent_id is not None:
        uow.get(m.Code, parent_id, "parent code")
    moving = set(ids)

    def carried(code: m.Code) -> bool:  # below another code that moves
        parent = code.parent_id
        while parent is not None:
            if parent in moving:
                return True
            parent = uow.session.get(m.Code, parent).parent_id
        return False

    codes = [code for code in codes if not carried(code)]
    names: dict[str, m.Code] = {}
    for code in codes:
        if parent_id is not None and parent_id in {c.id for c in _subtree(uow, code.id)}:
            raise InvalidInput("cannot move {name!r} under itself or one of its descendants", name=code.name)
        if code.name in names:
            raise InvalidInput("cannot move two codes named {name!r} under one parent", name=code.name)
        names[code.name] = code
        if code.parent_id != parent_id and _sibling_clash(uow, parent_id, code.name, exclude=code.id):
            raise _clash(uow, parent_id, code.name)
    top = {code.id for code in codes}
    others = [c for c in uow.session.scalars(select(m.Code).where(_under(parent_id)).order_by(m.Code.position, m.Code.id))
              if c.id not in top]
    at = len(others) if index is None or index > len(others) else max(index, 0)
    moves = [{"code_id": c.id, "guid": c.guid, "name": c.name, "old_parent": c.parent_id,
              "old_parent_path": _path(uow, c.parent_id)} for c in codes]
    for code in codes:
        uow.update(code, parent_id=parent_id)
    for pos, sibling in enumerate(others[:at] + codes + others[at:]):
        if sibling.position != pos:
            uow.update(sibling, position=pos)
    place = {"new_parent": parent_id, "index": index, "new_parent_path": _path(uow, parent_id)}
    uow.payload = {**moves[0], **place} if len(ids) == 1 else {"moves": moves, **place}
    return [v.from_row(v.Code, code) for code in codes]


def _merge_into(uow: UnitOfWork, source: m.Code, target: m.Code, merged: list[dict]) -> tuple[int, int]:
    """Move source's codings, children, relations and memos to target, then delete source.

    A child whose name the target already has among its own children is merged
    into that child the same way (and listed in `merged`), so no two siblings
    share a name. Returns the codings moved and dropped.
    """
    moved = dropped = 0
    existing = {
        (c.document_id, c.start, c.end, c.coder_id)
        for c in uow.session.scalars(select(m.Coding).where(m.Coding.code_id == target.id))
    }
    for coding in uow.session.scalars(select(m.Coding).where(m.Coding.code_id == source.id)).all():
        key = (coding.document_id, coding.start, coding.end, coding.coder_id)
        if key in existing:
            delete_coding_rows(uow, coding)
            dropped += 1
        else:
            existing.add(key)
            uow.update(coding, code_id=target.id)
            moved += 1
    for child in _children(uow, source.id):
        same = _child(uow, target.id, child.name)
        if same is not None:
            merged.append({"source_id": child.id, "target_id": same.id, "name": child.name,
                           "source_guid": child.guid, "target_guid": same.guid})
            sub_moved, sub_dropped = _merge_into(uow, child, same, merged)
            moved, dropped = moved + sub_moved, dropped + sub_dropped
        else:
            uow.update(child, parent_id=target.id, position=_next_position(uow, target.id))
            uow.session.flush()
    for rel in uow.session.scalars(
        select(m.Relation).where(or_(m.Relation.source_id == source.id, m.Relation.target_id == source.id))
    ).all():
        new_source = target.id if rel.source_id == source.id else rel.source_id
        new_target = target.id if rel.target_id == source.id else rel.target_id
        if new_source == new_target:
            delete_relation_rows(uow, rel)
        else:
            uow.update(rel, source_id=new_source, target_id=new_target)
    for memo in uow.session.scalars(select(m.Memo).where(m.Memo.code_id == source.id)).all():
        uow.update(memo, code_id=target.id)
    uow.session.flush()
    uow.delete(source)
    return moved, dropped


@retry_on_conflict
def merge_codes(store: ProjectStore, source_id: int, target_id: int) -> v.Outcome[v.Code]:
    """Merge `source` into `target`: its codings, children, relations and memos move; source goes.

    A coding that would duplicate one the target already has (same document,
    span and coder) is dropped; a relation that would link the target to itself
    is dropped. A child of the source named like a child of the target is
    merged into that child (recursively). Returns the target.
    """
    if source_id == target_id:
        raise InvalidInput("cannot merge a code into itself")
    with UnitOfWork(store, "code_merged") as uow:
        source = uow.get(m.Code, source_id, "code")
        target = uow.get(m.Code, target_id, "code")
        if target_id in {c.id for c in _subtree(uow, source_id)}:
            raise InvalidInput("cannot merge {source!r} into its own descendant {target!r}", source=source.name,
                               target=target.name)
        uow.payload = {
            "source_id": source_id,
            "source_guid": source.guid,
            "source_name": source.name,
            "source_parent": source.parent_id,
            "target_id": target_id,
            "target_guid": target.guid,
            "target_name": target.name,
            "source_path": _path(uow, source_id),
            "target_path": _path(uow, target_id),
        }
        merged: list[dict] = []
        moved, dropped = _merge_into(uow, source, target, merged)
        uow.payload |= {"codings_moved": moved, "codings_dropped": dropped, "children_merged": merged}
        return uow.done(v.from_row(v.Code, target))


@dataclass(frozen=True)
class SplitPart:
    """One new code of a split: its name and the codings (of the original) it takes."""

    name: str
    coding_ids: tuple[int, ...]
    definition: str = ""


@retry_on_conflict
def split_code(store: ProjectStore, code_id: int, parts: Sequence[SplitPart]) -> v.Outcome[tuple[v.Code, ...]]:
    """Split a code: new sibling codes (same level, colour, role) take the listed codings.

    The original code keeps every coding not listed.
    """
    if not parts:
        raise InvalidInput("a split needs at least one new code")
    with UnitOfWork(store, "code_split") as uow:
        code = uow.get(m.Code, code_id, "code")
        own = {c.id: c for c in uow.session.scalars(select(m.Coding).where(m.Coding.code_id == code_id))}
        claimed: set[int] = set()
        created: list[m.Code] = []
        record = []
        for part in parts:
            for cid in part.coding_ids:
                if cid not in own:
                    raise InvalidInput("coding {id} is not a coding of {name!r}", id=cid, name=code.name)
                if cid in claimed:
                    raise InvalidInput("coding {id} is given to two new codes", id=cid)
                claimed.add(cid)
            new = new_code(uow, part.name, code.parent_id, code.level, part.definition or "", code.colour, code.paradigm_role)
            for cid in part.coding_ids:
                uow.update(own[cid], code_id=new.id)
            created.append(new)
            record.append({"code_id": new.id, "guid": new.guid, "name": new.name, "codings": list(part.coding_ids)})
        uow.session.flush()
        uow.payload = {"code_id": code_id, "guid": code.guid, "name": code.name, "new_codes": record}
        return uow.done(tuple(v.from_row(v.Code, c) for c in created))


@retry_on_conflict
def delete_code(store: ProjectStore, code_id: int) -> v.Outcome[tuple[v.Code, ...]]:
    """Delete a code, its descendants, their codings, relations and memos.

    The returned Outcome's `undo` holds every removed row; history.revert
    restores them with the same ids, offsets, coders and times.
    """
    with UnitOfWork(store, "code_deleted") as uow:
        subtree = _subtree(uow, code_id)
        ids = [c.id for c in subtree]
        removed = tuple(v.from_row(v.Code, c) for c in subtree)
        n_codings = 0
        for code in reversed(subtree):  # children before parents
            for coding in uow.session.scalars(select(m.Coding).where(m.Coding.code_id == code.id)).all():
                delete_coding_rows(uow, coding)
                n_codings += 1
            for rel in uow.session.scalars(
                select(m.Relation).where(or_(m.Relation.source_id == code.id, m.Relation.target_id == code.id))
            ).all():
                delete_relation_rows(uow, rel)
            for memo in uow.session.scalars(select(m.Memo).where(m.Memo.code_id == code.id)).all():
                uow.delete(memo)
            uow.delete(code)
        top = subtree[0]
        uow.payload = {"code_id": code_id, "guid": top.guid, "name": top.name, "parent_id": top.parent_id, "codes": ids, "codings": n_codings}
        return uow.done(removed)
