"""Scratch folders for projects that live only during one job (a file imported into work is staged in one).

A folder is named after the process that made it (`zhagen-import-PID-XXXX` in
the temp folder). A job removes its folder when it ends; a process killed
midway cannot, so every start of the command line or the app removes the
folders whose process is gone (`remove_abandoned`).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

PREFIX = "zhagen-import-"


def make_folder() -> Path:
    """A new scratch folder of this process; the caller removes it (or the next start does, after a kill)."""
    return Path(tempfile.mkdtemp(prefix=f"{PREFIX}{os.getpid()}-"))


@contextmanager
def folder() -> Iterator[Path]:
    path = make_folder()
    try:
        yield path
    finally:
        shutil.rmtree(path, ignore_errors=True)


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except OSError:
        return True  # someone else's process
    return True


def remove_abandoned(where: str | os.PathLike | None = None) -> list[Path]:
    """Remove the scratch folders whose process has ended; returns what was removed."""
    base = Path(where or tempfile.gettempdir())
    removed = []
    try:
        candidates = [p for p in base.glob(f"{PREFIX}*") if p.is_dir()]
    except OSError:
        return removed
    for path in candidates:
        pid_text = path.name[len(PREFIX):].split("-", 1)[0]
        if not pid_text.isdigit() or int(pid_text) == os.getpid() or _alive(int(pid_text)):
            continue
        shutil.rmtree(path, ignore_errors=True)
        if not path.exists():
            removed.append(path)
    return removed
