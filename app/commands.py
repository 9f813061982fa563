"""Undo commands over services: the workbench's QUndoStack holds these.

A command is pushed after its service call has succeeded (a refused call
never reaches the stack); its first `redo()`, which QUndoStack.push makes,
only announces the changes. `undo()` reverts with
`coding.services.history.revert`, which returns the record that redoes it.
The stored state after undo equals the state before the action, because
revert writes back the exact row images.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtGui import QUndoCommand

from app.messages import say
from coding.errors import ZhagenError
from coding.services import history
from coding.storage import ProjectStore
from coding.values import Changes, Outcome, Undo


class ServiceCommand(QUndoCommand):
    def __init__(
        self,
        text: str,
        store: ProjectStore,
        outcome: Outcome,
        notify: Callable[[Changes], None],
        report: Callable[[str], None],
    ):
        super().__init__(text)
        self._store = store
        self._notify = notify
        self._report = report
        self.outcome = outcome
        self._undo: Undo | None = outcome.undo  # reverses the last redo
        self._redo: Undo | None = None  # reverses the last undo
        self._first = True

    def redo(self) -> None:
        if self._first:  # the service call itself already ran
            self._first = False
            self._notify(self.outcome.changes)
            return
        self._apply(self._redo, undoing=False)

    def undo(self) -> None:
        self._apply(self._undo, undoing=True)

    def _apply(self, record: Undo | None, *, undoing: bool) -> None:
        # Called from C++: an exception must not escape; a refused revert makes the command obsolete.
        if record is None:
            return
        try:
            out = history.revert(self._store, record)
        except ZhagenError as exc:
            self.setObsolete(True)
            self._report(say(exc))
            return
        if undoing:
            self._redo = out.undo
        else:
            self._undo = out.undo
        self._notify(out.changes)
