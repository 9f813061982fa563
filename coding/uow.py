"""The unit of work: one service call = one transaction = one Event.

A service opens `UnitOfWork(store, action)`, reads rows with `get`, announces
every row it creates, changes or deletes (`add`, `touch`, `delete`), and ends
with `done(value)`, which appends the Event, commits once and returns an
Outcome carrying the value, the change set and the undo record. Leaving the
block without `done` (an exception) rolls everything back.

The undo record is the before/after image of every touched row, so undo and
redo are generic (see services/history.py) and restore rows exactly: same ids,
offsets, coders and times.

Coders are registered by their first action: `want_coder` records a name (and
colour) on the store, and the first unit of work that needs the coder
(`coder_id()`) adds the coder row in its own transaction, with a
"coder_added" event beside the action's. A refused action leaves nothing
behind; undoing that first action removes the coder again, redoing restores it.

Two writers at the same moment: unique indexes (migration 0005) refuse a second
code of one name under one parent and a second identical coding. `Conflict` is
what such a refusal becomes; `retry_on_conflict` runs a service call again in a
fresh transaction, where the service's own check sees the other writer's row
and answers as it would have one moment later (found, refused or skipped).
"""

from __future__ import annotations

import copy
import functools
import re
import uuid
from dataclasses import replace
from typing import Any, Callable, Sequence, TypeVar

from sqlalchemy import delete, func, insert, inspect, select
from sqlalchemy.exc import DBAPIError, IntegrityError
from sqlalchemy.orm import Session

from coding import models as m
from coding.errors import InvalidInput, NotFound
from coding.messages import Message
from coding.storage import ProjectStore
from coding.values import BulkRows, Changes, Outcome, RowChange, Undo

T = TypeVar("T")
BULK_MODELS = (m.Turn, m.Unit)
CODING_KEYS = ("guid", "code_id", "document_id", "start", "end", "coder_id", "created_at", "comment")  # insert_many
R = TypeVar("R", bound=m.Base)
F = TypeVar("F", bound=Callable[..., Any])

# A palette with enough contrast between the first few coders of a team.
CODER_COLOURS = ("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf")


def next_coder_colour(session: Session) -> str:
    """The palette colour for the next coder added to the project (pending rows of SESSION count)."""
    session.flush()
    count = session.scalar(select(func.count()).select_from(m.Coder))
    return CODER_COLOURS[count % len(CODER_COLOURS)]


# ------------------------------------------------------------ the wanted coder

_WANTED = "_zhagen_wanted_coder"  # attribute on a ProjectStore: (name, colour or None) of a coder not yet stored


def want_coder(store: ProjectStore, name: str | None, colour: str | None = None) -> None:
    """Make NAME the store's coder from its first action on (None: forget it); the current coder is cleared."""
    setattr(store, _WANTED, None if name is None else (name, colour))
    if name is not None:
        store.coder_id = None


def wanted_coder(store: ProjectStore) -> tuple[str, str | None] | None:
    """The (name, colour) `want_coder` recorded and no action has stored yet, or None."""
    return getattr(store, _WANTED, None) if store.coder_id is None else None


# ------------------------------------------------------------------ conflicts


class Conflict(InvalidInput):
    """Another writer stored the same thing at the same moment (a unique index refused ours); nothing changed.

    `what` names what clashed: "code", "coding", "coder", or None (a deadlock or serialization failure).
    """

    def __init__(self, message: Message, what: str | None = None):
        super().__init__(message)
        self.what = what


NOUNS = {  # what a row of each table is called in messages ("no code with id 7")
    "project": Message("project"), "coders": Message("coder"), "participants": Message("participant"),
    "attributes": Message("attribute"), "attribute_values": Message("attribute value"),
    "documents": Message("document"), "document_tokens": Message("document's words"), "turns": Message("turn"),
    "units": Message("unit"), "codes": Message("code"), "codings": Message("coding"),
    "relations": Message("relation"), "memos": Message("memo"), "events": Message("event"),
    "snapshots": Message("snapshot"), "parent code": Message("parent code"),
}
_NOUN_OF_WORD = {str(noun): noun for noun in NOUNS.values()}


def noun(what: str) -> Message | str:
    """What a row is called in messages: WHAT is a table name or the singular services use ("parent code")."""
    return NOUNS.get(what) or _NOUN_OF_WORD.get(what) or what


_UNIQUE = {  # index or constraint → what it keeps unique, for messages
    "uq_codes_parent_name": "code", "uq_codes_top_name": "code",
    "uq_codings_document_span": "coding", "uq_coders_name": "coder",
}
_SQLITE_COLUMNS = {  # SQLite names the columns, not the index
    "codes.parent_id, codes.name": "code", "codes.name": "code", "coders.name": "coder",
    "codings.document_id, codings.start_offset, codings.end_offset, codings.code_id, codings.coder_id": "coding",
}
_RETRYABLE_STATES = {"40001", "40P01"}  # PostgreSQL: serialization failure, deadlock detected
_KEY_VALUE = re.compile(r"=\((?:[^,]*, )?(.*)\) already exists")


def conflict_of(exc: BaseException) -> Conflict | None:
    """The Conflict a database error means, or None when it is not a clash between two writers."""
    orig = getattr(exc, "orig", None)
    if not isinstance(exc, DBAPIError) or orig is None:
        return None
    diag = getattr(orig, "diag", None)
    if isinstance(exc, IntegrityError):
        if diag is not None:  # PostgreSQL (psycopg)
            what = _UNIQUE.get(getattr(diag, "constraint_name", None) or "")
            found = _KEY_VALUE.search(getattr(diag, "message_detail", None) or "")
            value = found.group(1) if found and what != "coding" else None
        else:
            message = str(orig)
            what = _SQLITE_COLUMNS.get(message.removeprefix("UNIQUE constraint failed: ").strip())
            value = None
        if what is None:
            return None
        if what == "code":
            message = (Message("a code named {name!r} already exists at that place in the tree (another writer may "
                               "have just added it); nothing was changed", name=value) if value else
                       Message("a code already exists at that place in the tree (another writer may have just added "
                               "it); nothing was changed"))
        elif what == "coder":
            message = (Message("a coder named {name!r} already exists (another writer may have just added them); "
                               "nothing was changed", name=value) if value else
                       Message("a coder already exists (another writer may have just added them); nothing was changed"))
        else:
            message = Message("the same coding (same coder, code and span) already exists (another writer may have "
                              "just added it); nothing was changed")
        return Conflict(message, what)
    if getattr(orig, "sqlstate", None) in _RETRYABLE_STATES:
        return Conflict("another writer changed the same rows at the same moment; nothing was changed")
    return None


RETRIES = 3


def retry_on_conflict(service: F) -> F:
    """Run SERVICE again (a new transaction) when another writer's rows made it clash, up to RETRIES times.

    The service's own checks then see those rows: a path is found instead of
    created, a duplicate coding is refused with the usual sentence, and so on.
    """

    @functools.wraps(service)
    def run(*args: Any, **kwargs: Any) -> Any:
        for attempt in range(RETRIES):
            try:
                return service(*args, **kwargs)
            except Conflict:
                if attempt == RETRIES - 1:
                    raise
        raise AssertionError("unreachable")

    return run  # type: ignore[return-value]


def _chunks(ids: Sequence[int], size: int = 500) -> list[Sequence[int]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def row_image(obj: m.Base) -> dict[str, Any]:
    """All column attributes of an ORM row, deep-copied (JSON values are mutable)."""
    mapper = inspect(type(obj))
    return {attr.key: copy.deepcopy(getattr(obj, attr.key)) for attr in mapper.column_attrs}


class UnitOfWork:
    def __init__(self, store: ProjectStore, action: str):
        self.store = store
        self.action = action
        self.session: Session = store.session()
        self.payload: dict[str, Any] = {}
        self._before: dict[tuple[str, int], dict[str, Any] | None] = {}
        self._objects: dict[tuple[str, int], m.Base] = {}
        self._bulk: list[tuple[int, BulkRows]] = []  # each with the number of rows first changed before it
        self._deleted: set[tuple[str, int]] = set()
        self._done = False
        self._coder_id: int | None = None  # the coder this transaction acts as, once asked for
        self._coder_added: m.Coder | None = None  # the wanted coder's row, when this transaction adds it

    def __enter__(self) -> "UnitOfWork":
        self.session.begin()
        return self

    def __exit__(self, exc_type: object, exc: BaseException | None, tb: object) -> None:
        try:
            if not self._done and self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()
        if exc is not None and not self._done:
            conflict = conflict_of(exc)
            if conflict is not None:
                raise conflict from exc

    # ------------------------------------------------------------ reading

    def get(self, model: type[R], id_: int, what: str | None = None) -> R:
        obj = self.session.get(model, id_)
        if obj is None:
            raise NotFound("no {what} with id {id}", what=noun(what or model.__tablename__), id=id_)
        return obj

    def coder_id(self) -> int:
        """The current coder's id; the wanted coder (see `want_coder`) is looked up or added here."""
        if self._coder_id is not None:
            return self._coder_id
        if self.store.coder_id is not None:
            return self.store.coder_id
        wanted = wanted_coder(self.store)
        if wanted is None:
            raise InvalidInput("no current coder: choose one first (--coder NAME)")
        name, colour = wanted
        coder_id = self.session.scalar(select(m.Coder.id).where(m.Coder.name == name))
        if coder_id is None:  # added meanwhile by another process, or not yet
            self._coder_added = self.add(m.Coder(guid=str(uuid.uuid4()), name=name,
                                                 colour=colour or next_coder_colour(self.session),
                                                 created_at=m.utcnow()))
            coder_id = self._coder_added.id
        self._coder_id = coder_id
        return coder_id

    # ----------------------------------------------------------- writing

    @staticmethod
    def _key(obj: m.Base) -> tuple[str, int]:
        return (obj.__tablename__, obj.id)

    def add(self, obj: R) -> R:
        """Insert a new row (flushed at once so its id is known)."""
        self.session.add(obj)
        self.session.flush()
        key = self._key(obj)
        self._before.setdefault(key, None)
        self._objects[key] = obj
        self._deleted.discard(key)
        return obj

    def add_all(self, objs: list[R]) -> list[R]:
        """Insert many new rows with one flush (bulk turns and units)."""
        self.session.add_all(objs)
        self.session.flush()
        for obj in objs:
            key = self._key(obj)
            self._before.setdefault(key, None)
            self._objects[key] = obj
        return objs

    def _insert_sql(self, model: type[m.Base], keys: Sequence[str]) -> str:
        mapper = inspect(model)
        names = [mapper.column_attrs[k].columns[0].name for k in keys]
        mark = "?" if self.session.get_bind().dialect.paramstyle == "qmark" else "%s"
        quoted = ", ".join(f'"{n}"' for n in names)
        return f'INSERT INTO "{model.__tablename__}" ({quoted}) VALUES ({", ".join([mark] * len(names))})'

    def bulk_insert(
        self, model: type[m.Base], keys: tuple[str, ...], rows: list[tuple], document_id: int
    ) -> list[int]:
        """Insert many `seq`-numbered rows of one new document (turns, units) in one executemany.

        `keys` names the attributes each row tuple gives (all but `id`; plain
        integer, text and boolean columns only). Returns the new ids in `seq`
        order; the rows are recorded for undo as one BulkRows.
        """
        if model not in BULK_MODELS:
            raise ValueError(f"bulk insert is for {', '.join(t.__tablename__ for t in BULK_MODELS)}")
        if not rows:
            return []
        # the driver's own executemany: per-row ORM or Core bookkeeping dominates a big import otherwise
        self.session.connection().exec_driver_sql(self._insert_sql(model, keys), rows)
        ids = list(self.session.scalars(select(model.id).where(model.document_id == document_id).order_by(model.seq)))
        if len(ids) != len(rows):
            raise RuntimeError(f"bulk insert into {model.__tablename__}: {len(rows)} rows written, {len(ids)} found")
        self._record_bulk(
            BulkRows(model.__tablename__, ("id", *keys), tuple((id_, *row) for id_, row in zip(ids, rows)), inserted=True)
        )
        return ids

    def insert_many(self, model: type[m.Base], keys: tuple[str, ...], rows: list[tuple]) -> list[int]:
        """Insert many new rows of a table with a `guid` column in one executemany (an import's codings).

        `keys` names the attributes each row tuple gives (all but `id`, with
        "guid"). Returns the new ids in row order (found again by guid); the
        rows are recorded for undo as one BulkRows instead of one image per row.
        """
        if not rows:
            return []
        columns = [inspect(model).column_attrs[key].columns[0].name for key in keys]
        self.session.connection().execute(insert(model.__table__), [dict(zip(columns, row)) for row in rows])
        at = keys.index("guid")
        guids = [row[at] for row in rows]
        found: dict[str, int] = {}
        for chunk in _chunks(guids):
            found.update(self.session.execute(select(model.guid, model.id).where(model.guid.in_(chunk))).all())
        ids = [found[guid] for guid in guids]
        self._record_bulk(BulkRows(model.__tablename__, ("id", *keys), tuple((i, *row) for i, row in zip(ids, rows)),
                                   inserted=True))
        return ids

    def bulk_delete(self, group: BulkRows) -> None:
        """Delete the rows of a BulkRows (each checked unchanged) in batched statements."""
        model = m.TABLES_BY_NAME[group.table]
        columns = [getattr(model, key) for key in group.columns]
        ids = [row[0] for row in group.rows]
        current = {}
        for chunk in _chunks(ids):
            for row in self.session.execute(select(*columns).where(model.id.in_(chunk))):
                current[row[0]] = tuple(row)
        for row in group.rows:
            if current.get(row[0]) != row:
                raise InvalidInput("{what} {id} has changed since", what=noun(group.table), id=row[0])
        for chunk in _chunks(ids):
            self.session.execute(delete(model).where(model.id.in_(chunk)))
        self._record_bulk(replace(group, inserted=False))

    def bulk_restore(self, group: BulkRows) -> None:
        """Insert the rows of a BulkRows again exactly (ids included)."""
        model = m.TABLES_BY_NAME[group.table]
        mapper = inspect(model)
        if any(isinstance(mapper.column_attrs[key].columns[0].type, m.UTCDateTime) for key in group.columns):
            # through SQLAlchemy, so timestamps are stored as their column type stores them
            self.session.execute(insert(model), [dict(zip(group.columns, row)) for row in group.rows])
        else:
            self.session.connection().exec_driver_sql(self._insert_sql(model, group.columns), list(group.rows))
        self._record_bulk(replace(group, inserted=True))

    def _record_bulk(self, group: BulkRows) -> None:
        self._bulk.append((len(self._before), group))

    def touch(self, obj: R) -> R:
        """Announce that `obj` is about to change; call before assigning to it."""
        key = self._key(obj)
        if key not in self._before:
            self._before[key] = row_image(obj)
            self._objects[key] = obj
        return obj

    def update(self, obj: R, **values: Any) -> R:
        self.touch(obj)
        for name, value in values.items():
            setattr(obj, name, value)
        return obj

    def delete(self, obj: m.Base) -> None:
        self.touch(obj)
        self.session.delete(obj)
        self.session.flush()
        self._deleted.add(self._key(obj))

    # ------------------------------------------------------------- commit

    def _next_coder(self, rows: list[RowChange]) -> tuple[int | None, tuple[str, str | None] | None]:
        """The store's coder id and wanted coder once this transaction is committed.

        The wanted coder's row added (first action, or its redo) makes it the
        current coder; the current coder's row deleted (undoing that first
        action) makes it wanted again.
        """
        coder_id, wanted = self.store.coder_id, wanted_coder(self.store)
        if self._coder_id is not None:
            coder_id, wanted = self._coder_id, None
        for row in rows:
            if row.table != "coders":
                continue
            if row.before is None and wanted is not None and row.after["name"] == wanted[0]:
                coder_id, wanted = row.id, None
            elif row.after is None and row.id == coder_id:
                coder_id, wanted = None, (row.before["name"], row.before["colour"])
        return coder_id, wanted

    def done(self, value: T) -> Outcome[T]:
        self.session.flush()
        rows: list[RowChange] = []
        kept_before: list[int] = []  # kept_before[k]: how many of the first k touched rows changed
        for key, before in self._before.items():
            kept_before.append(len(rows))
            after = None if key in self._deleted else row_image(self._objects[key])
            if before == after:
                continue
            rows.append(RowChange(table=key[0], id=key[1], before=before, after=after))
        kept_before.append(len(rows))
        coder_id, wanted = self._next_coder(rows)
        at = m.utcnow()
        if self._coder_added is not None:
            added = self._coder_added
            self.session.add(m.Event(at=at, coder_id=added.id, action="coder_added",
                                     payload={"coder_id": added.id, "name": added.name}))
        event = m.Event(
            at=at,
            coder_id=self.store.coder_id if self.store.coder_id is not None else coder_id,
            action=self.action,
            payload=self.payload,
        )
        self.session.add(event)
        self.session.flush()
        event_id = event.id
        self.session.commit()
        self._done = True
        self.store.coder_id = coder_id
        setattr(self.store, _WANTED, wanted)
        undo_rows = tuple(rows)
        bulk = tuple(replace(group, after=kept_before[at]) for at, group in self._bulk)
        return Outcome(
            value=value, changes=Changes.from_rows(undo_rows, bulk), undo=Undo(event_id, self.action, undo_rows, bulk)
        )
