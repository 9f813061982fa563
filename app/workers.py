"""Long jobs off the GUI thread: a worker thread, progress, and a Cancel that leaves the project as before.

A job is a function `(progress, cancelled) -> Outcome`; it must do all its
writing in one service call, so that cancelling before that call (or an error
inside it) stores nothing. The outcome comes back to the GUI thread, where it
is pushed on the undo stack like any other action.
"""

from __future__ import annotations

import threading
from typing import Callable

from PySide6.QtCore import QObject, QThread, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from app.messages import say
from coding.errors import ZhagenError

Job = Callable[[Callable[[int, int, str], None], Callable[[], bool]], object]


class _Runner(QObject):
    progress = Signal(int, int, str)
    done = Signal(object)
    failed = Signal(str)

    def __init__(self, job: Job, cancel: threading.Event):
        super().__init__()
        self._job = job
        self._cancel = cancel

    def run(self) -> None:
        try:
            result = self._job(lambda d, t, name: self.progress.emit(d, t, name), self._cancel.is_set)
        except ZhagenError as exc:
            self.failed.emit(say(exc))
            return
        except Exception as exc:  # noqa: BLE001 - shown as one line, never a traceback in the user's face
            self.failed.emit(f"{type(exc).__name__}: {exc}")
            return
        self.done.emit(result)


class BackgroundJob(QObject):
    """Runs a job in a QThread with a progress dialog; emits `finished(result)` or `failed(message)`."""

    finished = Signal(object)
    failed = Signal(str)

    def __init__(self, title: str, job: Job, parent: QWidget | None = None):
        super().__init__(parent)
        self.cancel_event = threading.Event()
        self.dialog = QProgressDialog(title, self.tr("Cancel"), 0, 0, parent)
        self.dialog.setWindowTitle(title)
        self.dialog.setMinimumDuration(300)
        self.dialog.canceled.connect(self.cancel)
        self._thread = QThread(self)
        self._runner = _Runner(job, self.cancel_event)
        self._runner.moveToThread(self._thread)
        self._thread.started.connect(self._runner.run)
        self._runner.progress.connect(self._on_progress)
        self._runner.done.connect(self._on_done)
        self._runner.failed.connect(self._on_failed)

    def start(self) -> None:
        self._thread.start()

    def cancel(self) -> None:
        self.cancel_event.set()

    def wait(self, ms: int = 60_000) -> bool:
        return self._thread.wait(ms)

    def _on_progress(self, done: int, total: int, name: str) -> None:
        self.dialog.setMaximum(total)
        self.dialog.setValue(done)
        self.dialog.setLabelText(name)

    def _finish(self) -> None:
        self._thread.quit()
        self._thread.wait()
        self.dialog.reset()

    def _on_done(self, result: object) -> None:
        self._finish()
        self.finished.emit(result)

    def _on_failed(self, message: str) -> None:
        self._finish()
        self.failed.emit(message)
