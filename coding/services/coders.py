"""Coders: everyone who writes anything is a coder with a name and a colour.

A coder is stored with their first action that needs one (see coding/uow.py):
`use_coder(..., defer=True)` only records the name, so a refused first action
leaves no coder and no "coder_added" event behind, and only coders who did
something appear.
"""

from __future__ import annotations

import uuid

from sqlalchemy import select

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput, NotFound
from coding.messages import Message
from coding.services._checks import check_colour, clean_name
from coding.storage import ProjectStore
from coding.uow import CODER_COLOURS, UnitOfWork, next_coder_colour, retry_on_conflict, want_coder, wanted_coder

CODER_NAME = Message("coder name")
__all__ = ["CODER_COLOURS", "add_coder", "current_coder_name", "find_coder", "next_coder_colour", "update_coder",
           "use_coder"]


@retry_on_conflict
def add_coder(store: ProjectStore, name: str, colour: str | None = None) -> v.Outcome[v.Coder]:
    name = clean_name(name, CODER_NAME)
    with UnitOfWork(store, "coder_added") as uow:
        if uow.session.scalar(select(m.Coder.id).where(m.Coder.name == name)) is not None:
            raise InvalidInput("a coder named {name!r} already exists", name=name)
        if colour is None:
            colour = next_coder_colour(uow.session)
        coder = uow.add(m.Coder(guid=str(uuid.uuid4()), name=name, colour=check_colour(colour), created_at=m.utcnow()))
        uow.payload = {"coder_id": coder.id, "name": name}
        return uow.done(v.from_row(v.Coder, coder))


@retry_on_conflict
def update_coder(
    store: ProjectStore, coder_id: int, *, name: str | None = None, colour: str | None = None
) -> v.Outcome[v.Coder]:
    with UnitOfWork(store, "coder_updated") as uow:
        coder = uow.get(m.Coder, coder_id, "coder")
        old = {"name": coder.name, "colour": coder.colour}
        if name is not None:
            name = clean_name(name, CODER_NAME)
            clash = uow.session.scalar(select(m.Coder.id).where(m.Coder.name == name, m.Coder.id != coder_id))
            if clash is not None:
                raise InvalidInput("a coder named {name!r} already exists", name=name)
            uow.update(coder, name=name)
        if colour is not None:
            uow.update(coder, colour=check_colour(colour))
        uow.payload = {"coder_id": coder_id, "old": old, "new": {"name": coder.name, "colour": coder.colour}}
        return uow.done(v.from_row(v.Coder, coder))


def find_coder(store: ProjectStore, name: str) -> v.Coder | None:
    with store.session() as session:
        row = session.scalar(select(m.Coder).where(m.Coder.name == clean_name(name, CODER_NAME)))
        return v.from_row(v.Coder, row) if row else None


def use_coder(store: ProjectStore, name: str, *, create: bool = True, defer: bool = False,
              colour: str | None = None) -> v.Coder | None:
    """Make `name` the current coder of this store, adding the coder if asked (`create`).

    With `defer`, a coder not in the project yet is only wanted: the store's
    first action that succeeds adds them (with `colour`, else the palette's
    next), in its own transaction, and None is returned until then.
    """
    name = clean_name(name, CODER_NAME)
    coder = find_coder(store, name)
    if coder is None:
        if not create:
            raise NotFound("no coder named {name!r}", name=name)
        if defer:
            want_coder(store, name, None if colour is None else check_colour(colour))
            return None
        coder = add_coder(store, name, colour).value
    want_coder(store, None)
    store.coder_id = coder.id
    return coder


def current_coder_name(store: ProjectStore) -> str | None:
    """The name of the store's coder: the current one, or the one wanted until their first action."""
    wanted = wanted_coder(store)
    if wanted is not None:
        return wanted[0]
    if store.coder_id is None:
        return None
    with store.session() as session:
        return session.scalar(select(m.Coder.name).where(m.Coder.id == store.coder_id))
