"""The unit of work: one service call = one transaction = one Event.

A service opens `UnitOfWork(store, action)`, reads rows with `get`, announces
every row it creates, changes or deletes (`add`, `touch`, `delete`), and ends
with `done(value)`, which appends the Event, commits once and returns an
Outcome carrying the value, the change set and the undo record. Leaving the
block without `done` (an exception) rolls everything back.

The undo record is the before/after image of every touched row, so undo and
redo are generic (see services/history.py) and restore rows exactly: same ids,
offsets, coders and times.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any, Sequence, TypeVar

from sqlalchemy import delete, insert, inspect, select
from sqlalchemy.orm import Session

from coding import models as m
from coding.errors import InvalidInput, NotFound
from coding.storage import ProjectStore
from coding.values import BulkRows, Changes, Outcome, RowChange, Undo

T = TypeVar("T")
BULK_MODELS = (m.Turn, m.Unit)
CODING_KEYS = ("guid", "code_id", "document_id", "start", "end", "coder_id", "created_at", "comment")  # insert_many
R = TypeVar("R", bound=m.Base)


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
        self._bulk: list[BulkRows] = []
        self._deleted: set[tuple[str, int]] = set()
        self._done = False

    def __enter__(self) -> "UnitOfWork":
        self.session.begin()
        return self

    def __exit__(self, exc_type: object, exc: object, tb: object) -> None:
        try:
            if not self._done and self.session.in_transaction():
                self.session.rollback()
        finally:
            self.session.close()

    # ------------------------------------------------------------ reading

    def get(self, model: type[R], id_: int, what: str | None = None) -> R:
        obj = self.session.get(model, id_)
        if obj is None:
            raise NotFound(f"no {what or model.__tablename__.rstrip('s')} with id {id_}")
        return obj

    def coder_id(self) -> int:
        if self.store.coder_id is None:
            raise InvalidInput("no current coder: choose one first (--coder NAME)")
        return self.store.coder_id

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
        self._bulk.append(
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
        self._bulk.append(BulkRows(model.__tablename__, ("id", *keys), tuple((i, *row) for i, row in zip(ids, rows)),
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
                raise InvalidInput(f"{group.table} {row[0]} has changed since")
        for chunk in _chunks(ids):
            self.session.execute(delete(model).where(model.id.in_(chunk)))
        self._bulk.append(replace(group, inserted=False))

    def bulk_restore(self, group: BulkRows) -> None:
        """Insert the rows of a BulkRows again exactly (ids included)."""
        model = m.TABLES_BY_NAME[group.table]
        mapper = inspect(model)
        if any(isinstance(mapper.column_attrs[key].columns[0].type, m.UTCDateTime) for key in group.columns):
            # through SQLAlchemy, so timestamps are stored as their column type stores them
            self.session.execute(insert(model), [dict(zip(group.columns, row)) for row in group.rows])
        else:
            self.session.connection().exec_driver_sql(self._insert_sql(model, group.columns), list(group.rows))
        self._bulk.append(replace(group, inserted=True))

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

    def done(self, value: T) -> Outcome[T]:
        self.session.flush()
        rows: list[RowChange] = []
        for key, before in self._before.items():
            after = None if key in self._deleted else row_image(self._objects[key])
            if before == after:
                continue
            rows.append(RowChange(table=key[0], id=key[1], before=before, after=after))
        event = m.Event(
            at=m.utcnow(),
            coder_id=self.store.coder_id,
            action=self.action,
            payload=self.payload,
        )
        self.session.add(event)
        self.session.flush()
        event_id = event.id
        self.session.commit()
        self._done = True
        undo_rows, bulk = tuple(rows), tuple(self._bulk)
        return Outcome(
            value=value, changes=Changes.from_rows(undo_rows, bulk), undo=Undo(event_id, self.action, undo_rows, bulk)
        )
