"""Undo and redo: reverse any service call from the Undo record it returned.

`revert(store, outcome.undo)` writes every row back to its before image in
reverse order (so parents come back before children), refusing if a row has
changed since. It is itself a service call: one transaction, one Event
("undo" or "redo"), and its own Undo, which reverting again redoes.
"""

from __future__ import annotations

from sqlalchemy.exc import IntegrityError

from coding import models as m
from coding import values as v
from coding.errors import InvalidInput
from coding.storage import ProjectStore
from coding.uow import Conflict, UnitOfWork, row_image

_CLASHES = {  # what a unique index refused when rows came back
    "code": "a code of the same name is now at that place in the tree",
    "coding": "the same coding by the same coder exists again",
    "coder": "a coder of that name exists again",
}


def revert(store: ProjectStore, undo: v.Undo) -> v.Outcome[None]:
    """Reverse UNDO (see the module docstring). Undoing a coder's first action also removes the coder it
    registered (coding/uow.py); the store wants that coder again until their next action or the redo."""
    action = "redo" if undo.action == "undo" else "undo"
    try:
        return _revert(store, undo, action)
    except Conflict as clash:  # rows coming back would duplicate rows made since
        reason = _CLASHES.get(clash.what or "", "another writer changed the same rows")
        raise InvalidInput(f"cannot {action} {undo.action}: {reason}") from None
    except IntegrityError:  # rows the action made are now used by later work
        raise InvalidInput(f"cannot {action} {undo.action}: later changes depend on it") from None


def _revert(store: ProjectStore, undo: v.Undo, action: str) -> v.Outcome[None]:
    with UnitOfWork(store, action) as uow:
        # rows inserted in bulk hang on the single rows (turns on documents): remove them first …
        for group in reversed([g for g in undo.bulk if g.inserted]):
            uow.bulk_delete(group)
        for change in reversed(undo.rows):
            model = m.TABLES_BY_NAME[change.table]
            current = uow.session.get(model, change.id)
            now = row_image(current) if current is not None else None
            if now != change.after:
                raise InvalidInput(
                    f"cannot {action} {undo.action}: {change.table} {change.id} has changed since"
                )
            if change.before is None:
                uow.delete(current)
            elif current is None:
                uow.add(model(**change.before))
            else:
                uow.update(current, **change.before)
                uow.session.flush()
        # … and restore rows deleted in bulk after the rows they hang on
        for group in reversed([g for g in undo.bulk if not g.inserted]):
            uow.bulk_restore(group)
        uow.payload = {"event_id": undo.event_id, "action": undo.action}
        return uow.done(None)
