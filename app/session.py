"""The open project as the GUI sees it: the store, the undo stack and the change fan-out.

Widgets never hold a Session or build SQL: they read through `coding.queries`
and write through `run()`, which wraps a service call in an undoable command.
`changed` is the one place where a service's change set reaches every view;
each view refreshes itself for the tables it shows. What other processes commit
to the project (the command line, a script, another coder) is noticed by a
`Watcher` polled every second and announced through `changed` as well.
"""

from __future__ import annotations

from typing import Any, Callable

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtGui import QUndoStack

from coding import queries
from coding.errors import ZhagenError
from coding.presence import Holder
from coding.services import coders
from coding.storage import ProjectStore, is_url, open_project
from coding.values import Changes, Outcome, RowChange
from coding.watch import Watcher

from app.commands import ServiceCommand
from app.messages import say


class ProjectSession(QObject):
    changed = Signal(object)  # Changes
    failed = Signal(str)  # a one-line message for the status bar / a dialog, in the interface language
    external = Signal(list)  # [ForeignEvent]: what another process committed (announced through `changed` too)

    POLL_MS = 1000

    def __init__(self, store: ProjectStore, parent: QObject | None = None):
        super().__init__(parent)
        self.store = store
        self.undo_stack = QUndoStack(self)
        self._announcing: tuple[RowChange, ...] = ()  # the rows of the call `changed` is announcing, when known
        self.watcher = Watcher(store)
        self._poll = QTimer(self)
        self._poll.setInterval(self.POLL_MS)
        self._poll.timeout.connect(self.check_external)
        self._poll.start()

    @classmethod
    def open(cls, location: str, coder: str, parent: QObject | None = None, *,
             read_only: bool = False) -> "ProjectSession":
        """Open LOCATION for CODER. A project file is locked for this window (ProjectInUse says who has it when
        another app does); `read_only` opens it without the lock and refuses every change."""
        holder = None if is_url(location) or read_only else Holder.me(coder)
        # the window appears while the backup is written
        store = open_project(location, background_backup=True, read_only=read_only, holder=holder)
        try:
            if read_only:
                known = coders.find_coder(store, coder)
                store.coder_id = known.id if known else None
            else:  # a coder new to the project is stored with their first action, not by opening it
                coders.use_coder(store, coder, defer=True)
            return cls(store, parent)
        except BaseException:
            store.close()
            raise

    @property
    def read_only(self) -> bool:
        return self.store.read_only

    def check_external(self) -> bool:
        """Announce what other processes committed since the last check; True if anything."""
        if self.store.closed:
            return False
        events = self.watcher.poll()
        if not events:
            return False
        self.external.emit(events)
        self.changed.emit(Changes({}))  # every view reloads what it shows
        return True

    @property
    def location(self) -> str:
        return self.store.location

    def coder_name(self) -> str:
        return coders.current_coder_name(self.store) or ""

    def run(self, text: str, action: Callable[[], Outcome]) -> Outcome | None:
        """Do a service call and push it as an undoable command; a refused call is reported, not raised."""
        try:
            outcome = action()
        except ZhagenError as exc:
            self.failed.emit(say(exc))
            return None
        self._announcing = outcome.undo.rows
        try:
            self.undo_stack.push(ServiceCommand(text, self.store, outcome, self.changed.emit, self.failed.emit))
        finally:
            self._announcing = ()
        return outcome

    def announced_rows(self, table: str) -> dict[int, dict[str, Any] | None] | None:
        """While `changed` announces a call made through run(): each row of `table` it changed, as the service
        left it (None: deleted), from the call's undo record, so views need not read it back. None at other
        times (undo, redo, background jobs): read the rows then."""
        if not self._announcing:
            return None
        return {change.id: change.after for change in self._announcing if change.table == table}

    def run_all(self, text: str, actions: list[Callable[[], Outcome]]) -> bool:
        """Several service calls as one undoable step (a macro); stops at the first refused call."""
        self.undo_stack.beginMacro(text)
        try:
            return all(self.run(text, action) is not None for action in actions)
        finally:
            self.undo_stack.endMacro()

    def push_done(self, text: str, outcome: Outcome) -> None:
        """Put an action that already ran (in a background job) on the undo stack."""
        self.undo_stack.push(ServiceCommand(text, self.store, outcome, self.changed.emit, self.failed.emit))

    def close(self) -> None:
        """Close the project: the file is checkpointed (it alone holds everything) and its lock released."""
        if self.store.closed:
            return
        self._poll.stop()
        self.watcher.close()
        self.undo_stack.clear()
        self.store.close()

    def notify_all(self) -> None:
        self.changed.emit(Changes({}))
