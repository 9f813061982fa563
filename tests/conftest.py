"""Shared fixtures: a fresh project per test on SQLite and on PostgreSQL.

PostgreSQL runs on 127.0.0.1:5432 (user postgres). Each test run creates its
own database and drops it at the end; tests truncate it between uses. Where
PostgreSQL is absent the PostgreSQL variants skip with the reason, unless
ZHAGEN_REQUIRE_PG=1 (set by .ci/run), which turns the skip into a failure.
"""

from __future__ import annotations

import os
import uuid
from collections.abc import Iterator

import pytest
from sqlalchemy import create_engine, text

from coding import models as m
from coding.services import coders
from coding.storage import ProjectStore, create_project, open_project

PG_SERVER = os.environ.get("ZHAGEN_PG_URL", "postgresql+psycopg://postgres@127.0.0.1:5432")
BACKENDS = ["sqlite", "postgresql"]


def _pg_unavailable_reason() -> str | None:
    engine = create_engine(f"{PG_SERVER}/postgres", connect_args={"connect_timeout": 3})
    try:
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
        return None
    except Exception as exc:  # noqa: BLE001 - any failure means "not available"
        return f"PostgreSQL not reachable at {PG_SERVER}: {str(exc).splitlines()[0]}"
    finally:
        engine.dispose()


@pytest.fixture(scope="session")
def pg_server() -> str:
    """The PostgreSQL server URL (without database), or skip/fail as configured."""
    reason = _pg_unavailable_reason()
    if reason:
        if os.environ.get("ZHAGEN_REQUIRE_PG") == "1":
            pytest.fail(f"ZHAGEN_REQUIRE_PG=1 but {reason}")
        pytest.skip(reason)
    return PG_SERVER


class PgDatabases:
    """Creates uniquely named databases and drops them all at the end of the run."""

    def __init__(self, server: str):
        self.server = server
        self.names: list[str] = []
        self.admin = create_engine(f"{server}/postgres", isolation_level="AUTOCOMMIT")

    def new_name(self) -> str:
        name = f"zhagen_test_{os.getpid()}_{uuid.uuid4().hex[:8]}"
        self.names.append(name)
        return name

    def url(self, name: str) -> str:
        return f"{self.server}/{name}"

    def create_empty(self) -> str:
        name = self.new_name()
        with self.admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        return self.url(name)

    def drop_all(self) -> None:
        with self.admin.connect() as conn:
            for name in self.names:
                conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        self.admin.dispose()


@pytest.fixture(scope="session")
def pg_databases(pg_server: str) -> Iterator[PgDatabases]:
    dbs = PgDatabases(pg_server)
    yield dbs
    dbs.drop_all()


@pytest.fixture(scope="session")
def pg_project_url(pg_databases: PgDatabases) -> str:
    """One migrated project database per run, emptied before each test that uses it."""
    url = pg_databases.url(pg_databases.new_name())
    create_project(url, name="pg-test").close()
    return url


def _empty_pg_project(url: str) -> None:
    tables = [t.name for t in reversed(m.Base.metadata.sorted_tables) if t.name != "project"]
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("TRUNCATE " + ", ".join(f'"{t}"' for t in tables) + " RESTART IDENTITY CASCADE"))
        conn.execute(text("UPDATE project SET name = 'test', description = '', language = 'zh_CN', settings = '{}'"))
    engine.dispose()


@pytest.fixture(params=BACKENDS)
def backend(request: pytest.FixtureRequest) -> str:
    return request.param


@pytest.fixture
def location(backend: str, tmp_path, request: pytest.FixtureRequest) -> str:
    """A fresh project location (file path or URL) on the test's backend, already created."""
    if backend == "sqlite":
        path = tmp_path / "test.zhagen"
        create_project(path, name="test").close()
        return str(path)
    url = request.getfixturevalue("pg_project_url")
    _empty_pg_project(url)
    return url


@pytest.fixture
def store(location: str) -> Iterator[ProjectStore]:
    """An open, empty project with a current coder named 张研."""
    project = open_project(location, backup=False)
    coders.use_coder(project, "张研")
    yield project
    project.close()


def stored_state(project: ProjectStore) -> dict[str, list[dict]]:
    """Every row of every table but the append-only event log, as plain dicts."""
    from sqlalchemy import select

    from coding.uow import row_image

    state = {}
    with project.session() as session:
        for mapper in m.Base.registry.mappers:
            cls = mapper.class_
            if cls is m.Event:
                continue
            state[cls.__tablename__] = [row_image(r) for r in session.scalars(select(cls).order_by(cls.id))]
    return state


@pytest.fixture
def state():
    return stored_state
