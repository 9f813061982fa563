"""Who has a project file open: a lock file beside the project that a crash cannot leave stale.

The desktop app holds `NAME.zhagen-lock` for as long as a project is open in
one of its windows: an exclusive `flock` on the file, whose text says who holds
it (coder, host, process, since when). The kernel drops the lock when the
holder's process ends, however it ends, so a lock left by a crashed app is seen
as free and taken over. A second app that finds the lock held reads who has it
and may open the project read-only. The command line does not take the lock:
its reads and writes are made safe by SQLite's own locking.

The lock is on a separate file, never on the project file itself: SQLite's
POSIX locks on the project must not be touched by anything but SQLite.
"""

from __future__ import annotations

import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from coding.errors import ProjectOpenError
from coding.messages import Message

try:  # POSIX
    import fcntl
except ImportError:  # pragma: no cover - Windows
    fcntl = None  # type: ignore[assignment]
    import msvcrt


@dataclass(frozen=True)
class Holder:
    """Who has a project open in the desktop app."""

    coder: str
    host: str
    pid: int
    since: str  # ISO time, UTC

    @classmethod
    def me(cls, coder: str) -> "Holder":
        return cls(coder=coder, host=socket.gethostname(), pid=os.getpid(),
                   since=datetime.now(timezone.utc).isoformat(timespec="seconds"))

    def describe(self) -> Message:
        when = self.since
        try:
            when = datetime.fromisoformat(self.since).astimezone().strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
        return Message("{coder} on {host} since {when}", coder=self.coder or "?", host=self.host or "?", when=when)


class ProjectInUse(ProjectOpenError):
    """The project is open in another Zhagen window (another process); `holder` says whose."""

    def __init__(self, path: Path, holder: Holder | None):
        self.path, self.holder = path, holder
        who = holder.describe() if holder else Message("another Zhagen")
        super().__init__(Message("{path}: already open by {who}; open it read-only or close it there first",
                                 path=path, who=who))


def lock_path(project: Path) -> Path:
    return project.with_name(project.name + "-lock")


def _try_lock(fd: int) -> bool:
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        else:  # pragma: no cover - Windows
            msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
        return True
    except OSError:
        return False


def _read_holder(fd: int) -> Holder | None:
    try:
        os.lseek(fd, 0, os.SEEK_SET)
        data = json.loads(os.read(fd, 4096).decode("utf-8"))
        return Holder(str(data["coder"]), str(data["host"]), int(data["pid"]), str(data["since"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None


class ProjectLock:
    """The exclusive lock on one project file, held by this process until `release()`."""

    def __init__(self, project: Path, fd: int, holder: Holder):
        self.project, self.path, self._fd, self.holder = project, lock_path(project), fd, holder

    @classmethod
    def acquire(cls, project: Path, holder: Holder) -> "ProjectLock":
        """Take the lock or raise ProjectInUse naming who holds it."""
        path = lock_path(project)
        for _ in range(20):  # the holder may be removing the lock file just now: try again
            try:
                fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o666)
            except OSError as exc:
                raise ProjectOpenError("{project}: cannot create its lock file {name} ({detail})", project=project,
                                       name=path.name, detail=exc.strerror) from None
            if not _try_lock(fd):
                holder_now = _read_holder(fd)
                os.close(fd)
                raise ProjectInUse(project, holder_now)
            try:
                same = os.fstat(fd).st_ino == os.stat(path).st_ino
            except FileNotFoundError:
                same = False
            if not same:  # locked a file its holder removed meanwhile
                os.close(fd)
                continue
            os.ftruncate(fd, 0)
            os.lseek(fd, 0, os.SEEK_SET)
            os.write(fd, json.dumps(holder.__dict__, ensure_ascii=False).encode("utf-8"))
            return cls(project, fd, holder)
        raise ProjectOpenError("{project}: its lock file {name} keeps changing; try again", project=project,
                               name=path.name)

    def release(self) -> None:
        if self._fd < 0:
            return
        try:
            self.path.unlink(missing_ok=True)  # still locked: nobody can take it between these two steps
        finally:
            os.close(self._fd)
            self._fd = -1


def current_holder(project: Path) -> Holder | None:
    """Who holds the project open in the desktop app now, or None (nobody, or a crashed holder)."""
    path = lock_path(project)
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return None
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_SH | fcntl.LOCK_NB)
                return None  # nobody holds it: a crashed app's leftover
            except OSError:
                return _read_holder(fd)
        return _read_holder(fd)  # pragma: no cover - Windows: the file is removed on release
    finally:
        os.close(fd)
