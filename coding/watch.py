"""Noticing what other processes committed to an open project.

The desktop app keeps a project open for hours while `zhagen import`, a
researcher's script or (on PostgreSQL) another coder writes to it. `Watcher.poll()`
is cheap enough to call every second: on SQLite it asks `PRAGMA data_version`
on one connection it keeps (the number changes only when another connection
committed), and only then reads the event log; elsewhere it reads the newest
event id. Events this process wrote itself (`ProjectStore.own_events`) are not
reported: the app has announced those already.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import func, select
from sqlalchemy.exc import SQLAlchemyError

from coding import models as m
from coding.storage import ProjectStore


@dataclass(frozen=True)
class ForeignEvent:
    id: int
    action: str
    coder_id: int | None


class Watcher:
    def __init__(self, store: ProjectStore):
        self.store = store
        self._raw = store.engine.raw_connection() if store.is_sqlite else None
        self._version = self._data_version()
        with store.session() as session:
            self.last_event = session.scalar(select(func.max(m.Event.id))) or 0

    def _data_version(self) -> int | None:
        if self._raw is None:
            return None
        cursor = self._raw.cursor()
        try:
            cursor.execute("PRAGMA data_version")
            return cursor.fetchone()[0]
        finally:
            cursor.close()

    def poll(self) -> list[ForeignEvent]:
        """The events other processes committed since the last poll, oldest first ([] when none)."""
        if self._raw is not None:
            version = self._data_version()
            if version == self._version:
                return []
            self._version = version
        try:
            with self.store.session() as session:
                rows = session.execute(
                    select(m.Event.id, m.Event.action, m.Event.coder_id)
                    .where(m.Event.id > self.last_event).order_by(m.Event.id)
                ).all()
        except SQLAlchemyError:
            return []  # busy or disconnected for now: the next poll catches up from last_event
        if not rows:
            return []
        self.last_event = rows[-1][0]
        own = self.store.own_events
        return [ForeignEvent(*row) for row in rows if row[0] not in own]

    def close(self) -> None:
        if self._raw is not None:
            self._raw.close()
            self._raw = None
