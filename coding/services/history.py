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
from coding.messages import Message
from coding.storage import ProjectStore
from coding.uow import Conflict, UnitOfWork, noun, row_image

_CLASHES = {  # what a unique index refused when rows came back
    "code": Message("a code of the same name is now at that place in the tree"),
    "coding": Message("the same coding by the same coder exists again"),
    "coder": Message("a coder of that name exists again"),
}
_UNDO, _REDO = Message("undo"), Message("redo")
# Each action by the name the event log keeps: the English messages show that name, the Chinese what was done.
EVENTS = {str(event): event for event in (
    Message("attribute_added"), Message("attribute_deleted"), Message("attribute_value_set"),
    Message("code_created"), Message("code_deleted"), Message("code_in_vivo_changed"), Message("code_merged"),
    Message("code_moved"), Message("code_recategorised"), Message("code_recoloured"), Message("code_redefined"),
    Message("code_renamed"), Message("code_role_changed"), Message("code_split"), Message("codes_moved"),
    Message("coder_added"), Message("coder_updated"), Message("coding_added"), Message("coding_commented"),
    Message("coding_recoded"), Message("coding_removed"), Message("coding_resized"), Message("codings_added"),
    Message("consensus_decided"),
    Message("document_added"), Message("document_deleted"), Message("document_held_out_set"),
    Message("document_participant_set"), Message("document_renamed"), Message("documents_imported"),
    Message("documents_reordered"), Message("memo_added"), Message("memo_deleted"), Message("memo_edited"),
    Message("participant_added"), Message("participant_deleted"), Message("participant_updated"),
    Message("project_imported"), Message("project_merged"), Message("project_updated"), Message("relation_added"),
    Message("relation_deleted"), Message("relation_updated"), Message("snapshot_deleted"),
    Message("snapshot_renamed"), Message("snapshot_taken"),
    _UNDO, _REDO)}


def revert(store: ProjectStore, undo: v.Undo) -> v.Outcome[None]:
    """Reverse UNDO (see the module docstring). Undoing a coder's first action also removes the coder it
    registered (coding/uow.py); the store wants that coder again until their next action or the redo."""
    action = "redo" if undo.action == "undo" else "undo"
    said = {"action": _REDO if action == "redo" else _UNDO, "event": EVENTS.get(undo.action, undo.action)}
    try:
        return _revert(store, undo, action, said)
    except Conflict as clash:  # rows coming back would duplicate rows made since
        reason = _CLASHES.get(clash.what or "", Message("another writer changed the same rows"))
        raise InvalidInput("cannot {action} {event}: {reason}", **said, reason=reason) from None
    except IntegrityError:  # rows the action made are now used by later work
        raise InvalidInput("cannot {action} {event}: later changes depend on it", **said) from None


def _revert(store: ProjectStore, undo: v.Undo, action: str, said: dict[str, Message]) -> v.Outcome[None]:
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
                raise InvalidInput("cannot {action} {event}: {what} {id} has changed since", **said,
                                   what=noun(step.table), id=step.id)
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
