"""Coders: everyone who writes anything is a coder with a name and a colour."""

from __future__ import annotations

import uuid

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput, NotFound
from coding.services._checks import check_colour, clean_name
from coding.storage import ProjectStore
from coding.uow import UnitOfWork

# A palette with enough contrast between the first few coders of a team.
CODER_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def next_coder_colour(session: Session) -> str:
    """The palette colour for the next coder added to the project (pending rows of SESSION count)."""
    session.flush()
    count = session.scalar(select(func.count()).select_from(m.Coder))
    return CODER_COLOURS[count % len(CODER_COLOURS)]


def add_coder(store: ProjectStore, name: str, colour: str | None = None) -> v.Outcome[v.Coder]:
    name = clean_name(name, "coder name")
    with UnitOfWork(store, "coder_added") as uow:
        if uow.session.scalar(select(m.Coder.id).where(m.Coder.name == name)) is not None:
            raise InvalidInput(f"a coder named {name!r} already exists")
        if colour is None:
            colour = next_coder_colour(uow.session)
        coder = uow.add(m.Coder(guid=str(uuid.uuid4()), name=name, colour=check_colour(colour), created_at=m.utcnow()))
        uow.payload = {"coder_id": coder.id, "name": name}
        return uow.done(v.from_row(v.Coder, coder))


def update_coder(
    store: ProjectStore, coder_id: int, *, name: str | None = None, colour: str | None = None
) -> v.Outcome[v.Coder]:
    with UnitOfWork(store, "coder_updated") as uow:
        coder = uow.get(m.Coder, coder_id, "coder")
        old = {"name": coder.name, "colour": coder.colour}
        if name is not None:
            name = clean_name(name, "coder name")
            clash = uow.session.scalar(select(m.Coder.id).where(m.Coder.name == name, m.Coder.id != coder_id))
            if clash is not None:
                raise InvalidInput(f"a coder named {name!r} already exists")
            uow.update(coder, name=name)
        if colour is not None:
            uow.update(coder, colour=check_colour(colour))
        uow.payload = {"coder_id": coder_id, "old": old, "new": {"name": coder.name, "colour": coder.colour}}
        return uow.done(v.from_row(v.Coder, coder))


def find_coder(store: ProjectStore, name: str) -> v.Coder | None:
    with store.session() as session:
        row = session.scalar(select(m.Coder).where(m.Coder.name == clean_name(name, "coder name")))
        return v.from_row(v.Coder, row) if row else None


def use_coder(store: ProjectStore, name: str, *, create: bool = True) -> v.Coder:
    """Make `name` the current coder of this store, adding the coder if asked."""
    coder = find_coder(store, name)
    if coder is None:
        if not create:
            raise NotFound(f"no coder named {name!r}")
        coder = add_coder(store, name).value
    store.coder_id = coder.id
    return coder
