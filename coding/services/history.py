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
        for step in _backwards(undo):
            if isinstance(step, v.BulkRows):
                uow.session.flush()  # the rows reverted so far go first: bulk statements bypass the session
                if step.inserted:
                    uow.bulk_delete(step)
                else:
                    uow.bulk_restore(step)
                continue
            model = m.TABLES_BY_NAME[step.table]
            current = uow.session.get(model, step.id)
            now = row_image(current) if current is not None else None
            if now != step.after:
                raise InvalidInput(f"cannot {action} {undo.action}: {step.table} {step.id} has changed since")
            if step.before is None:
                uow.delete(current)
            elif current is None:
                uow.add(model(**step.before))
            else:
                uow.update(current, **step.before)
                uow.session.flush()
        uow.payload = {"event_id": undo.event_id, "action": undo.action}
        return uow.done(None)


def _backwards(undo: v.Undo) -> list[v.RowChange | v.BulkRows]:
    """The call's single-row changes and bulk groups in the reverse of the order it made them, so rows made
    later (a memo on an imported code, codes one depth below another) go before the rows they hang on."""
    order: list[tuple[tuple[int, int, int], v.RowChange | v.BulkRows]] = [
        ((i, 1, 0), change) for i, change in enumerate(undo.rows)
    ]
    order += [((group.after, 0, k), group) for k, group in enumerate(undo.bulk)]
    order.sort(key=lambda item: item[0], reverse=True)
    return [step for _, step in order]
