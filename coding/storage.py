"""Opening, creating, upgrading and backing up projects.

A project is a SQLite file (`*.zhagen`) or any SQLAlchemy URL, in particular
`postgresql+psycopg://…`. The schema is created and upgraded only by Alembic
migrations. Opening checks a file read-only first, so that a file that is not a
project, a damaged one, or one from a newer Zhagen is refused with its bytes
untouched. An older project is backed up and then upgraded.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import uuid
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

from alembic import command
from alembic.config import Config
from alembic.script import ScriptDirectory
from sqlalchemy import create_engine, event, inspect, select, text
from sqlalchemy.engine import URL, Engine, make_url
from sqlalchemy.exc import ArgumentError, DBAPIError, SQLAlchemyError
from sqlalchemy.orm import Session, SessionTransaction, sessionmaker

from coding import models as m
from coding.errors import ProjectOpenError

SQLITE_MAGIC = b"SQLite format 3\x00"
BACKUPS_KEPT = 5
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


class ProjectSession(Session):
    """A session in which an explicit `begin()` starts a write transaction.

    A unit of work begins its session explicitly; reads just use a session
    (autobegin). On SQLite the write transaction starts with BEGIN IMMEDIATE.
    """

    def begin(self, nested: bool = False) -> SessionTransaction:
        transaction = super().begin(nested=nested)
        if not nested:
            self.connection(execution_options={WRITE: True})
        return transaction


@dataclass
class ProjectStore:
    """An open project: the engine, a session factory and the current coder.

    Services take a store as their first argument. The store holds no ORM
    objects; sessions live only inside a unit of work.
    """

    location: str
    engine: Engine
    session_factory: sessionmaker[ProjectSession]
    coder_id: int | None = None
    backups: list[Path] = field(default_factory=list)
    pending: list[threading.Thread] = field(default_factory=list)  # backups still being written

    def wait_for_backups(self) -> None:
        for thread in self.pending:
            thread.join()
        self.pending.clear()

    @property
    def is_sqlite(self) -> bool:
        return self.engine.dialect.name == "sqlite"

    def session(self) -> ProjectSession:
        return self.session_factory()

    def close(self) -> None:
        self.wait_for_backups()
        self.engine.dispose()

    def __enter__(self) -> "ProjectStore":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


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
    conn.exec_driver_sql("BEGIN IMMEDIATE" if conn.get_execution_options().get(WRITE) else "BEGIN")


def _engine_for(location: str) -> Engine:
    if is_url(location):
        try:
            url = make_url(location)
        except ArgumentError as exc:
            raise ProjectOpenError(f"{location}: not a database URL ({exc})") from None
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


def _store(location: str, engine: Engine) -> ProjectStore:
    return ProjectStore(
        location=str(location),
        engine=engine,
        session_factory=sessionmaker(engine, class_=ProjectSession, expire_on_commit=False, autoflush=False),
    )


def _upgrade(engine: Engine) -> None:
    cfg = _alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        try:
            command.upgrade(cfg, "head")
        finally:
            cfg.attributes.pop("connection", None)


# ---------------------------------------------------------------- creating


def create_project(location: str | os.PathLike, name: str | None = None) -> ProjectStore:
    """Create a new, empty project at a file path or database URL."""
    location = str(location)
    if is_url(location):
        _ensure_database(location)
        engine = _engine_for(location)
        try:
            tables = inspect(engine).get_table_names()
        except SQLAlchemyError as exc:
            engine.dispose()
            raise ProjectOpenError(f"{location}: cannot connect ({_first_line(exc)})") from None
        if tables:
            engine.dispose()
            raise ProjectOpenError(f"{location}: the database is not empty; use a new database")
        default_name = make_url(location).database or "project"
    else:
        path = Path(location)
        if path.exists():
            raise ProjectOpenError(f"{path}: already exists; choose another name or open it")
        if not path.parent.exists():
            raise ProjectOpenError(f"{path}: folder {path.parent} does not exist")
        engine = _engine_for(location)
        default_name = path.stem
    try:
        _upgrade(engine)
        with Session(engine) as session, session.begin():
            session.add(
                m.Project(
                    guid=str(uuid.uuid4()),
                    name=name or default_name,
                    language="zh_CN",
                    description="",
                    settings={},
                    created_at=datetime.now(timezone.utc),
                )
            )
    except BaseException:
        engine.dispose()
        if not is_url(location):
            for suffix in ("", "-wal", "-shm"):
                Path(location + suffix).unlink(missing_ok=True)
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
        raise ProjectOpenError(f"{location}: cannot connect ({_first_line(exc)})") from None
    finally:
        admin.dispose()


# ----------------------------------------------------------------- opening


def open_project(location: str | os.PathLike, *, backup: bool = True, background_backup: bool = False) -> ProjectStore:
    """Open an existing project, refusing anything that is not one.

    For a file: checks it read-only, keeps a rolling backup of the last
    BACKUPS_KEPT opens, and upgrades an older schema after a backup of its own.
    With `background_backup` the rolling backup is written by a thread from a
    snapshot taken before this returns, so it holds the project exactly as
    opened even if the caller writes at once (the desktop app does not wait).
    """
    location = str(location)
    if is_url(location):
        return _open_url(location)
    path = Path(location)
    revision = _inspect_sqlite_file(path)
    backups: list[Path] = []
    pending: list[threading.Thread] = []
    if backup and background_backup and revision == head_revision():
        target, thread = rolling_backup_in_background(path)
        backups.append(target)
        pending.append(thread)
    elif backup:
        backups.append(rolling_backup(path))
    if revision != head_revision():
        backups.append(_backup_to(path, _backup_dir(path) / f"{path.stem}-before-upgrade-from-{revision}{path.suffix}"))
    engine = _engine_for(location)
    if revision != head_revision():
        _upgrade(engine)
    store = _store(location, engine)
    store.backups = backups
    store.pending = pending
    return store


def _first_line(exc: BaseException) -> str:
    msg = str(getattr(exc, "orig", None) or exc)
    return msg.strip().splitlines()[0] if msg.strip() else type(exc).__name__


def _inspect_sqlite_file(path: Path) -> str:
    """Return the file's schema revision, or raise ProjectOpenError. Never writes."""
    if not path.exists():
        raise ProjectOpenError(f"{path}: no such project file")
    if path.is_dir():
        raise ProjectOpenError(f"{path}: is a folder, not a project file")
    try:
        with path.open("rb") as fh:
            header = fh.read(100)
    except OSError as exc:
        raise ProjectOpenError(f"{path}: cannot read ({exc.strerror})") from None
    if not header.startswith(SQLITE_MAGIC):
        raise ProjectOpenError(f"{path}: not a Zhagen project (not an SQLite database file)")
    if len(header) < 100 or path.stat().st_size < 512:
        raise ProjectOpenError(f"{path}: damaged project file (truncated)")
    uri = f"{path.resolve().as_uri()}?mode=ro"
    try:
        conn = sqlite3.connect(uri, uri=True)
    except sqlite3.Error as exc:
        raise ProjectOpenError(f"{path}: cannot open ({exc})") from None
    try:
        check = conn.execute("PRAGMA quick_check").fetchone()
        if not check or check[0] != "ok":
            raise ProjectOpenError(f"{path}: damaged project file (integrity check: {check[0] if check else '?'})")
        tables = {row[0] for row in conn.execute("SELECT name FROM sqlite_master WHERE type='table'")}
        if "alembic_version" not in tables or "project" not in tables:
            raise ProjectOpenError(f"{path}: not a Zhagen project (an SQLite database without a project)")
        row = conn.execute("SELECT version_num FROM alembic_version").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ProjectOpenError(f"{path}: damaged project file ({exc})") from None
    finally:
        conn.close()
    if row is None:
        raise ProjectOpenError(f"{path}: damaged project file (no schema version)")
    revision = row[0]
    if revision not in known_revisions():
        raise ProjectOpenError(
            f"{path}: written by a newer Zhagen (schema {revision}); update Zhagen to open it"
        )
    return revision


def _open_url(location: str) -> ProjectStore:
    engine = _engine_for(location)
    try:
        with engine.connect() as conn:
            tables = set(inspect(conn).get_table_names())
            if "alembic_version" not in tables or "project" not in tables:
                raise ProjectOpenError(f"{location}: not a Zhagen project (no project tables)")
            revision = conn.execute(text("SELECT version_num FROM alembic_version")).scalar()
    except ProjectOpenError:
        engine.dispose()
        raise
    except (SQLAlchemyError, DBAPIError) as exc:
        engine.dispose()
        raise ProjectOpenError(f"{location}: cannot open ({_first_line(exc)})") from None
    if revision not in known_revisions():
        engine.dispose()
        raise ProjectOpenError(
            f"{location}: written by a newer Zhagen (schema {revision}); update Zhagen to open it"
        )
    if revision != head_revision():
        _upgrade(engine)
    return _store(location, engine)


# ----------------------------------------------------------------- backups


def _backup_dir(path: Path) -> Path:
    return path.with_name(path.name + "-backups")


def _backup_to(path: Path, target: Path) -> Path:
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
    return _backup_dir(path) / f"{path.stem}-open-{stamp}{path.suffix}"


def _prune(path: Path) -> None:
    rolling = sorted(_backup_dir(path).glob(f"{path.stem}-open-*{path.suffix}"))
    for old in rolling[:-BACKUPS_KEPT]:
        old.unlink(missing_ok=True)


def rolling_backup(path: Path) -> Path:
    """Back up `path` into `<name>-backups/` and keep only the newest BACKUPS_KEPT."""
    target = _backup_to(path, _rolling_target(path))
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


def schema_revision(store: ProjectStore) -> str | None:
    with store.engine.connect() as conn:
        return conn.execute(text("SELECT version_num FROM alembic_version")).scalar()


def project_row_id(session: Session) -> int:
    return session.scalars(select(m.Project.id)).one()
