"""Backups of a project file, copied with SQLite's backup API (never a file copy of a live database): the
rolling backups of the last BACKUPS_KEPT opens in `NAME-backups/`, and one before a schema upgrade."""

from __future__ import annotations

import sqlite3
import threading
from datetime import datetime
from pathlib import Path

BACKUPS_KEPT = 5


def backup_dir(path: Path) -> Path:
    return path.with_name(path.name + "-backups")


def backup_to(path: Path, target: Path) -> Path:
    """Consistent copy through SQLite's backup API (includes committed WAL pages)."""
    _copy(_pinned_source(path), target)
    return target


def _copy(src: sqlite3.Connection, target: Path) -> None:
    """Copy what `src` sees into a new file at `target`, then close `src`."""
    dst = None
    try:
        target.parent.mkdir(exist_ok=True)
        dst = sqlite3.connect(target, check_same_thread=False)
        src.backup(dst)
    finally:
        if dst is not None:
            dst.close()
        src.close()


def _pinned_source(path: Path) -> sqlite3.Connection:
    """A read-only connection holding a read transaction: it sees the project as it is now, whatever
    is written later (WAL keeps the snapshot for it)."""
    src = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False)
    src.execute("BEGIN")
    src.execute("SELECT count(*) FROM sqlite_master").fetchone()
    return src


def _rolling_target(path: Path) -> Path:
    stamp = datetime.now().strftime("%Y%m%d-%H%M%S-%f")
    return backup_dir(path) / f"{path.stem}-open-{stamp}{path.suffix}"


def _prune(path: Path) -> None:
    rolling = sorted(backup_dir(path).glob(f"{path.stem}-open-*{path.suffix}"))
    for old in rolling[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def rolling_backup(path: Path) -> Path:
    """Back up `path` into `<name>-backups/` and keep only the newest BACKUPS_KEPT."""
    target = backup_to(path, _rolling_target(path))
    _prune(path)
    return target


def rolling_backup_in_background(path: Path) -> tuple[Path, threading.Thread]:
    """Pin the project's current state now; copy it to the rolling backup in a thread."""
    src, target = _pinned_source(path), _rolling_target(path)

    def copy() -> None:
        _copy(src, target)
        _prune(path)

    thread = threading.Thread(target=copy, name="zhagen-backup", daemon=False)
    thread.start()
    return target, thread
