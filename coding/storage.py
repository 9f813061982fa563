"""Opening, creating, upgrading and backing up projects.

A project is a SQLite file (`*.zhagen`) or any SQLAlchemy URL, in particular
`postgresql+psycopg://…`. The schema is created and upgraded only by Alembic
migrations. Opening checks a file read-only first, so that a file that is not a
project, a damaged one, or one from a newer Zhagen is refused with its bytes
untouched. An older project is backed up and then upgraded.

A project file is never opened with plain file APIs while SQLite has it open
in this process: SQLite's locks are POSIX record locks, which a process loses
on a file as soon as it closes ANY descriptor of that file, after which another
process may checkpoint and delete the WAL the project is still writing into.
So files are checked through SQLite itself, copied with SQLite's backup API,
and each file has one engine per process, shared by every store that opens it
(see `_OPEN`). Closing the last store of a file checkpoints the WAL into the
file, so that after a clean close the `.zhagen` file alone holds everything.
"""

from __future__ import annotations

import atexit
import os
import sqlite3
import threading
import time
import uuid
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path
from typing import Iterator

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, OperationalError, SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from coding import models as m
from coding.backups import backup_dir, backup_to, rolling_backup, rolling_backup_in_background
from coding.errors import ProjectOpenError, ZhagenError
from coding.messages import Message
from coding.presence import Holder, ProjectLock

MIGRATIONS = Path(__file__).with_name("migrations")


@lru_cache(maxsize=1)
def _alembic_config() -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", str(MIGRATIONS))
    return cfg


def head_revision() -> str:
    return ScriptDirectory.from_config(_alembic_config()).get_current_head()


def known_revisions() -> set[str]:
    script = ScriptDirectory.from_config(_alembic_config())
    return {rev.revision for rev in script.walk_revisions()}


def is_url(location: str) -> bool:
    return "://" in str(location)


WRITE = "zhagen_write"  # execution option of a connection whose transaction will write
READ_ONLY = "zhagen_read_only"  # session info key: this store may not write
WRITE_WAIT_S = 60.0  # how long a write waits for another process's write before it is refused
WAIT_STEP_MS = 250  # a waiting writer reports (set_wait_hook) this often


class ProjectBusy(ZhagenError):
    """Another process kept the project's write lock for longer than a writer waits."""


class ProjectReadOnly(ZhagenError):
    """The project was opened read-only (it is open in another window elsewhere)."""


class ProjectSession(Session):
    """A session in which an explicit `begin()` starts a write transaction.

    A unit of work begins its session explicitly; reads just use a session
    (autobegin). On SQLite the write transaction starts with BEGIN IMMEDIATE.
    A read-only store refuses the write before anything starts.
    """

    def begin(self, nested: bool = False) -> SessionTransaction:
        if self.info.get(READ_ONLY):
            raise ProjectReadOnly("{location}: opened read-only; close it in the other window and open it again to "
                                  "make changes", location=self.info.get("location") or Message("the project"))
        transaction = super().begin(nested=nested)
        if not nested:
            self.connection(execution_options={WRITE: True})
        return transaction


@dataclass
class _OpenFile:
    """One project file open in this process: its one engine and the stores sharing it."""

    key: tuple[int, int]
    engine: Engine
    stores: int = 0
    own_events: set[int] = field(default_factory=set)  # events this process wrote (the rest are others')


_OPEN: dict[tuple[int, int], _OpenFile] = {}  # by the file's (device, inode)
_OPEN_LOCK = threading.RLock()
_STORES: "set[ProjectStore]" = set()  # every open store, closed at exit


@dataclass(eq=False)
class ProjectStore:
    """An open project: the engine, a session factory and the current coder.

    Services take a store as their first argument. The store holds no ORM
    objects; sessions live only inside a unit of work. Stores of one file in
    one process share its engine; `close()` disposes it with the last of them.
    """

    location: str
    engine: Engine
    session_factory: sessionmaker[ProjectSession]
    coder_id: int | None = None
    backups: list[Path] = field(default_factory=list)
    pending: list[threading.Thread] = field(default_factory=list)  # backups still being written
    read_only: bool = False
    lock: ProjectLock | None = None  # held by the desktop app while the project is open in a window
    _file: _OpenFile | None = None
    closed: bool = False

    def wait_for_backups(self) -> None:
        for thread in self.pending:
            thread.join()
        self.pending.clear()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    @property
    def own_events(self) -> set[int]:
        """Ids of the events written by this process (a file's stores share them)."""
        return self._file.own_events if self._file is not None else self._own_events_url

    def session(self) -> ProjectSession:
        return self.session_factory()

    def close(self) -> None:
        """Close the project: the last store of a file checkpoints the WAL into it and disposes the engine."""
        if self.closed:
            return
        self.closed = True
        self.wait_for_backups()
        with _OPEN_LOCK:
            _STORES.discard(self)
            shared = self._file
            last = shared is None or shared.stores <= 1
            if shared is not None:
                shared.stores -= 1
                if last:
                    _OPEN.pop(shared.key, None)
            try:
                if last:
                    if self.is_sqlite:
                        checkpoint(self.engine)
                    self.engine.dispose()
            finally:
                if self.lock is not None:
                    self.lock.release()
                    self.lock = None

    def __post_init__(self) -> None:
        self._own_events_url: set[int] = set()
        self.session_factory.kw.setdefault("info", {})
        self.session_factory.kw["info"] = {**self.session_factory.kw["info"], READ_ONLY: self.read_only,
                                           "location": self.location}
        event.listen(self.session_factory, "after_flush", self._note_own_events)

    def _note_own_events(self, session: Session, _context: object) -> None:
        for obj in session.new:
            if isinstance(obj, m.Event):
                self.own_events.add(obj.id)

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def checkpoint(engine: Engine) -> None:
    """Copy the WAL into the project file and empty it (wal_checkpoint TRUNCATE), waiting at most 2 s for
    other processes' readers; harmless when they keep it busy (their last close checkpoints)."""
    try:
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA busy_timeout=2000")
            conn.exec_driver_sql("PRAGMA wal_checkpoint(TRUNCATE)").fetchall()
            conn.exec_driver_sql("PRAGMA busy_timeout=10000")
    except SQLAlchemyError:
        pass


def close_all() -> None:
    """Close every store still open (at exit, on SIGTERM): each file ends checkpointed."""
    with _OPEN_LOCK:
        stores = list(_STORES)
    for store in stores:
        try:
            store.close()
        except Exception:  # noqa: BLE001 - closing the others matters more at exit
            pass


atexit.register(close_all)


# ------------------------------------------------------- SQLite connections


_wait_hook = None  # called with the seconds a writer has waited, then None when it got the lock


def set_wait_hook(hook) -> None:  # noqa: ANN001 - Callable[[float | None], None] | None
    """Let the GUI say "waiting for another program…" while a write waits for another process's write."""
    global _wait_hook
    _wait_hook = hook


def _on_sqlite_connect(dbapi_connection: sqlite3.Connection, _record: object) -> None:
    # Let SQLAlchemy, not the sqlite3 module, decide where transactions begin.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute("PRAGMA journal_mode=WAL")
    # NORMAL in WAL mode survives any process crash; only power loss may drop
    # the last commits, never corrupt the file.
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA busy_timeout=10000")
    cursor.close()


def _on_sqlite_begin(conn) -> None:  # noqa: ANN001 - SQLAlchemy event signature
    # A deferred transaction that reads and then writes fails at once ("database
    # is locked") when another process wrote meanwhile: its snapshot is stale, so
    # busy_timeout cannot help. A writer therefore takes the write lock at BEGIN,
    # waiting for the other writer; reads stay deferred and, with WAL, never wait.
    if not conn.get_execution_options().get(WRITE):
        conn.exec_driver_sql("BEGIN")
        return
    _begin_immediate(conn)


def _begin_immediate(conn) -> None:  # noqa: ANN001 - a SQLAlchemy Connection
    """BEGIN IMMEDIATE, waiting in short steps for another process's write so the wait can be reported."""
    started = time.monotonic()
    waited = False
    conn.exec_driver_sql(f"PRAGMA busy_timeout={WAIT_STEP_MS}")
    try:
        while True:
            try:
                conn.exec_driver_sql("BEGIN IMMEDIATE")
                return
            except OperationalError as exc:
                if "locked" not in str(exc.orig) and "busy" not in str(exc.orig):
                    raise
                elapsed = time.monotonic() - started
                if elapsed >= WRITE_WAIT_S:
                    raise ProjectBusy("another program has been writing to the project for {seconds} s; nothing was "
                                      "changed, try again", seconds=int(elapsed)) from None
                waited = True
                if _wait_hook is not None:
                    _wait_hook(elapsed)
    finally:
        conn.exec_driver_sql("PRAGMA busy_timeout=10000")
        if waited and _wait_hook is not None:
            _wait_hook(None)


def _engine_for(location: str) -> Engine:
    if is_url(location):
        try:
            url = make_url(location)
        except ArgumentError as exc:
            raise ProjectOpenError("{location}: not a database URL ({detail})", location=location,
                                   detail=str(exc)) from None
        engine = create_engine(url, pool_pre_ping=True)
        if engine.dialect.name == "sqlite":
            _install_sqlite_hooks(engine)
        return engine
    engine = create_engine(URL.create("sqlite", database=str(location)))
    _install_sqlite_hooks(engine)
    return engine


def _install_sqlite_hooks(engine: Engine) -> None:
    event.listen(engine, "connect", _on_sqlite_connect)
    event.listen(engine, "begin", _on_sqlite_begin)


def _store(location: str, engine: Engine, *, shared: _OpenFile | None = None, read_only: bool = False) -> ProjectStore:
    store = ProjectStore(
        location=str(location),
        engine=engine,
        session_factory=sessionmaker(engine, class_=ProjectSession, expire_on_commit=False, autoflush=False),
        read_only=read_only,
        _file=shared,
    )
    with _OPEN_LOCK:
        if shared is not None:
            shared.stores += 1
        _STORES.add(store)
    return store


def _file_key(path: Path) -> tuple[int, int]:
    st = path.stat()
    return (st.st_dev, st.st_ino)


def _upgrade(engine: Engine) -> None:
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        finally:
            cfg.attributes.pop("connection", None)


def _build(engine: Engine, name: str) -> None:
    _upgrade(engine)
    with Session(engine) as session, session.begin():
        session.add(
            m.Project(
                guid=str(uuid.uuid4()),
                name=name,
                language="zh_CN",
                description="",
                settings={},
                created_at=datetime.now(timezone.utc),
            )
        )


# ---------------------------------------------------------------- creating

CREATING = ".creating-"  # a project file being built: `.NAME.zhagen.creating-PID-XXXX`, moved into place when complete


def create_project(location: str | os.PathLike, name: str | None = None) -> ProjectStore:
    """Create a new, empty project at a file path or database URL.

    A file is built under a temporary name beside it and moved into place only
    when complete, so a kill midway leaves no half-made project under the name.
    """
    location = str(location)
    if is_url(location):
        return _create_database(location, name)
    with building_project(location, name):
        pass
    return open_project(location, backup=False)


@contextmanager
def building_project(location: str | os.PathLike, name: str | None = None) -> Iterator[ProjectStore]:
    """A new project file filled inside the block, appearing at LOCATION only when the block ends normally.

    The project is built under a hidden temporary name beside LOCATION; an error
    or a kill inside the block leaves nothing under LOCATION (the next build in
    the folder removes the leftover). `zhagen import NEW.zhagen x.qdpx` fills
    the project this way, so a cancelled or killed import leaves no project."""
    path = Path(location)
    if path.exists():
        raise ProjectOpenError("{path}: already exists; choose another name or open it", path=path)
    if not path.parent.exists():
        raise ProjectOpenError("{path}: folder {folder} does not exist", path=path, folder=path.parent)
    _remove_abandoned_builds(path.parent)
    temp = path.with_name(f".{path.name}{CREATING}{os.getpid()}-{uuid.uuid4().hex[:8]}")
    engine = _engine_for(str(temp))
    try:
        _build(engine, name or path.stem)
        engine.dispose()
        store = _open_file(temp, backup=False, background_backup=False, read_only=False)
        try:
            yield store
        finally:
            store.close()  # checkpointed: the temporary file alone holds the project
        try:
            os.link(temp, path)  # fails if the name was taken meanwhile, unlike a rename
        except FileExistsError:
            raise ProjectOpenError("{path}: already exists; choose another name or open it", path=path) from None
        except OSError:  # a file system without hard links
            if path.exists():
                raise ProjectOpenError("{path}: already exists; choose another name or open it", path=path) from None
            os.replace(temp, path)
    finally:
        engine.dispose()
        for suffix in ("", "-wal", "-shm", "-journal"):
            Path(str(temp) + suffix).unlink(missing_ok=True)


def _remove_abandoned_builds(folder: Path) -> None:
    """Remove project files a killed `create_project` left half-built in FOLDER (their process is gone)."""
    try:
        candidates = list(folder.glob(f".*{CREATING}*"))
    except OSError:
        return
    for leftover in candidates:
        pid_text = leftover.name.rsplit(CREATING, 1)[-1].split("-", 1)[0]
        if not pid_text.isdigit() or _process_alive(int(pid_text)):
            continue
        try:
            leftover.unlink()
        except OSError:
            pass


def _process_alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OSError):
        return True
    return True


def _create_database(location: str, name: str | None) -> ProjectStore:
    _ensure_database(location)
    engine = _engine_for(location)
    try:
        tables = inspect(engine).get_table_names()
    except SQLAlchemyError as exc:
        engine.dispose()
        raise ProjectOpenError("{location}: cannot connect ({detail})", location=location,
                               detail=_first_line(exc)) from None
    if tables:
        engine.dispose()
        raise ProjectOpenError("{location}: the database is not empty; use a new database", location=location)
    try:
        _build(engine, name or make_url(location).database or "project")
    except BaseException:
        engine.dispose()
        raise
    return _store(location, engine)


def _ensure_database(location: str) -> None:
    """Create the PostgreSQL database named in the URL when it does not exist."""
    url = make_url(location)
    if not url.get_backend_name().startswith("postgresql") or not url.database:
        return
    admin = create_engine(url.set(database="postgres"), isolation_level="AUTOCOMMIT")
    try:
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": url.database}
            ).scalar()
            if not exists:
                quoted = conn.dialect.identifier_preparer.quote(url.database)
                conn.execute(text(f"CREATE DATABASE {quoted}"))
    except SQLAlchemyError as exc:
        raise ProjectOpenError("{location}: cannot connect ({detail})", location=location,
                               detail=_first_line(exc)) from None
    finally:
        admin.dispose()


# ----------------------------------------------------------------- opening


def open_project(
    location: str | os.PathLike,
    *,
    backup: bool = True,
    background_backup: bool = False,
    read_only: bool = False,
    holder: Holder | None = None,
) -> ProjectStore:
    """Open an existing project, refusing anything that is not one.

    For a file: checks it through SQLite (never with plain file APIs), keeps a
    rolling backup of the last BACKUPS_KEPT opens, and upgrades an older schema
    after a backup of its own. With `background_backup` the rolling backup is
    written by a thread from a snapshot taken before this returns, so it holds
    the project exactly as opened even if the caller writes at once (the
    desktop app does not wait). With `holder` (the desktop app) the project's
    lock file is taken, and ProjectInUse says who has it when another process
    does. A `read_only` store refuses every write (ProjectReadOnly).
    """
    location = str(location)
    if is_url(location):
        return _open_url(location, read_only=read_only)
    path = Path(location)
    lock = None
    if holder is not None and not read_only:
        _check_path(path)
        lock = ProjectLock.acquire(path, holder)
    try:
        store = _open_file(path, backup=backup and not read_only, background_backup=background_backup,
                           read_only=read_only)
    except BaseException:
        if lock is not None:
            lock.release()
        raise
    store.lock = lock
    return store


def _open_file(path: Path, *, backup: bool, background_backup: bool, read_only: bool) -> ProjectStore:
    with _OPEN_LOCK:
        _check_path(path)
        shared = _OPEN.get(_file_key(path))
        if shared is not None:  # open in this process already: share its engine, touch nothing
            revision = _revision_of(path, shared.engine)
            engine = shared.engine
        else:
            revision = _inspect_sqlite_file(path)
            engine = None
        if read_only and revision != head_revision():
            raise ProjectOpenError("{path}: needs an upgrade to this Zhagen's schema; it cannot be opened read-only",
                                   path=path)
        backups: list[Path] = []
        pending: list[threading.Thread] = []
        if backup and background_backup and revision == head_revision():
            target, thread = rolling_backup_in_background(path)
            backups.append(target)
            pending.append(thread)
        elif backup:
            backups.append(rolling_backup(path))
        if revision != head_revision():
            backups.append(backup_to(path, backup_dir(path) / f"{path.stem}-before-upgrade-from-{revision}{path.suffix}"))
        if shared is None:
            engine = _engine_for(str(path))
            shared = _OPEN[_file_key(path)] = _OpenFile(_file_key(path), engine)
        try:
            if revision != head_revision():
                _upgrade(engine)
        except BaseException:
            if shared.stores == 0:
                _OPEN.pop(shared.key, None)
                engine.dispose()
            raise
        store = _store(str(path), engine, shared=shared, read_only=read_only)
    store.backups = backups
    store.pending = pending
    return store


def _first_line(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", None) or exc)
    return msg.strip().splitlines()[0] if msg.strip() else type(exc).__name__


def _check_path(path: Path) -> None:
    if not path.exists():
        raise ProjectOpenError("{path}: no such project file", path=path)
    if path.is_dir():
        raise ProjectOpenError("{path}: is a folder, not a project file", path=path)


def _revision_of(path: Path, engine: Engine) -> str:
    try:
        with engine.connect() as conn:
            return conn.execute(text("SELECT version_num FROM alembic_version")).scalar_one()
    except SQLAlchemyError as exc:
        raise ProjectOpenError("{location}: cannot open ({detail})", location=path, detail=_first_line(exc)) from None


def _inspect_sqlite_file(path: Path) -> str:
    """Return the file's schema revision, or raise ProjectOpenError. Never writes.

    The file is read only through SQLite (a read-only connection), never with
    plain file APIs: see the module's docstring."""
    _check_path(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise ProjectOpenError("{path}: cannot read ({detail})", path=path, detail=exc.strerror) from None
    if size == 0:
        raise ProjectOpenError("{path}: not a Zhagen project (an empty file)", path=path)
    if not os.access(path, os.R_OK):
        raise ProjectOpenError("{path}: cannot read (permission denied)", path=path)
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectOpenError("{location}: cannot open ({detail})", location=path, detail=str(exc)) from None
    try:
        try:
            tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        except sqlite3.DatabaseError as exc:
            if "not a database" in str(exc):
                raise ProjectOpenError("{path}: not a Zhagen project (not an SQLite database file)", path=path) from None
            raise
        if size < 512:
            raise ProjectOpenError("{path}: damaged project file (truncated)", path=path)
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise ProjectOpenError("{path}: damaged project file (integrity check: {detail})", path=path,
                                   detail=check[0] if check else "?")
        if "alembic_version" not in tables or "project" not in tables:
            raise ProjectOpenError("{path}: not a Zhagen project (an SQLite database without a project)", path=path)
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ProjectOpenError("{path}: damaged project file ({detail})", path=path, detail=str(exc)[:200]) from None
    finally:
        conn.close()
    if row is None:
        raise ProjectOpenError("{path}: damaged project file (no schema version)", path=path)
    revision = row[0]
    if revision not in known_revisions():
        raise ProjectOpenError("{location}: written by a newer Zhagen (schema {revision}); update Zhagen to open it",
                               location=path, revision=revision)
    return revision


def _open_url(location: str, *, read_only: bool = False) -> ProjectStore:
    engine = _engine_for(location)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" not in tables or "project" not in tables:
                raise ProjectOpenError("{location}: not a Zhagen project (no project tables)", location=location)
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProjectOpenError:
        engine.dispose()
        raise
    except (SQLAlchemyError, DBAPIError) as exc:
        engine.dispose()
        raise ProjectOpenError("{location}: cannot open ({detail})", location=location, detail=_first_line(exc)) from None
    if revision not in known_revisions():
        engine.dispose()
        raise ProjectOpenError("{location}: written by a newer Zhagen (schema {revision}); update Zhagen to open it",
                               location=location, revision=revision)
    if revision != head_revision():
        _upgrade(engine)
    return _store(location, engine, read_only=read_only)


def schema_revision(store: ProjectStore) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def project_row_id(session: Session) -> int:
    return session.scalars(select(m.Project.id)).one()
