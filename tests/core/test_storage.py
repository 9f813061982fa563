"""Storage: WAL/foreign keys, rolling backups, migrations, and refusing bad files untouched."""

from __future__ import annotations

import hashlib
import shutil
import sqlite3
import textwrap
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from sqlalchemy import create_engine, inspect, text

from coding import models as m
from coding import queries, storage
from coding.cli import main
from coding.errors import ProjectOpenError
from coding.services import codes, coders, codings, documents
from coding.storage import create_project, open_project


def digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


@pytest.fixture(scope="module")
def filled_template(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("template") / "filled.zhagen"
    with create_project(path) as store:
        coders.use_coder(store, "张研")
        doc = documents.add_document(store, "A01", "受访者：" + "我们社区的朝阳群众很多。" * 400).value
        code = codes.create_code(store, "朝阳群众").value
        for i in range(300):
            codings.apply_code(store, code.id, doc.id, 4 + i * 12, 10 + i * 12)
    return path


@pytest.fixture
def filled(filled_template, tmp_path) -> Path:
    """A closed SQLite project with a few hundred rows (several pages)."""
    path = tmp_path / "filled.zhagen"
    shutil.copy(filled_template, path)
    return path


def test_sqlite_project_uses_wal_and_foreign_keys(tmp_path):
    with create_project(tmp_path / "p.zhagen") as store:
        with store.engine.connect() as conn:
            assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
            assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        coders.use_coder(store, "张研")
        with store.engine.connect() as conn, pytest.raises(Exception, match="FOREIGN KEY"):
            conn.exec_driver_sql(
                "INSERT INTO codings (guid, code_id, document_id, start_offset, end_offset, coder_id, created_at, comment)"
                " VALUES ('g', 42, 42, 0, 1, 1, '2026-01-01', '')"
            )
            conn.commit()


def test_new_refuses_an_existing_file_and_leaves_it(tmp_path):
    path = tmp_path / "notes.zhagen"
    path.write_text("my notes", encoding="utf-8")
    with pytest.raises(ProjectOpenError, match="already exists"):
        create_project(path)
    assert path.read_text(encoding="utf-8") == "my notes"


def test_rolling_backups_keep_the_last_five_opens(filled):
    for _ in range(7):
        open_project(filled).close()
    folder = filled.with_name(filled.name + "-backups")
    backups = sorted(folder.glob("*-open-*.zhagen"))
    assert len(backups) == 5
    with open_project(backups[-1], backup=False) as store:
        assert queries.stats(store)["codings"] == 300


def test_a_background_backup_holds_the_project_as_opened_even_after_writes(filled):
    """The desktop app opens without waiting for the copy; a write made at once must not reach the backup."""
    from coding.services import codings

    store = open_project(filled, background_backup=True)
    target = store.backups[0]
    coders.use_coder(store, "张研")
    first = queries.list_codings(store)[0]
    codings.remove_coding(store, first.id)  # written while the backup may still be copying
    store.close()  # waits for the backup
    assert not store.pending
    with open_project(target, backup=False) as backup:
        assert queries.stats(backup)["codings"] == 300
    with open_project(filled, backup=False) as again:
        assert queries.stats(again)["codings"] == 299


def bad_files(tmp_path: Path, filled: Path) -> dict[str, Path]:
    files = {}
    files["text"] = tmp_path / "text.zhagen"
    files["text"].write_text("访谈者：这不是项目文件。\n", encoding="gbk")
    files["empty"] = tmp_path / "empty.zhagen"
    files["empty"].write_bytes(b"")
    files["random"] = tmp_path / "random.zhagen"
    files["random"].write_bytes(bytes(range(256)) * 40)
    other = tmp_path / "other.zhagen"
    with sqlite3.connect(other) as conn:
        conn.execute("CREATE TABLE notes (x TEXT)")
        conn.execute("INSERT INTO notes VALUES ('hello')")
    conn.close()
    files["other-sqlite"] = other
    data = filled.read_bytes()
    files["truncated"] = tmp_path / "truncated.zhagen"
    files["truncated"].write_bytes(data[: len(data) // 2])
    corrupt = bytearray(data)
    page = 4096
    for p in range(2, len(data) // page):
        corrupt[p * page : p * page + 64] = b"\xde\xad\xbe\xef" * 16
    files["corrupt"] = tmp_path / "corrupt.zhagen"
    files["corrupt"].write_bytes(bytes(corrupt))
    newer = tmp_path / "newer.zhagen"
    shutil.copy(filled, newer)
    with sqlite3.connect(newer) as conn:
        conn.execute("UPDATE alembic_version SET version_num = '9999_from_the_future'")
    conn.close()
    files["newer"] = newer
    files["missing"] = tmp_path / "missing.zhagen"
    files["folder"] = tmp_path / "folder.zhagen"
    files["folder"].mkdir()
    return files


EXPECTED = {
    "text": "not a Zhagen project",
    "empty": "not a Zhagen project",
    "random": "not a Zhagen project",
    "other-sqlite": "not a Zhagen project",
    "truncated": "damaged",
    "corrupt": "damaged",
    "newer": "newer Zhagen",
    "missing": "no such project file",
    "folder": "is a folder",
}


@pytest.mark.parametrize("kind", sorted(EXPECTED))
@pytest.mark.parametrize("command", ["stats", "codings", "code"])
def test_bad_project_files_get_one_line_and_stay_unchanged(kind, command, tmp_path, filled, capsys):
    path = bad_files(tmp_path, filled)[kind]
    before = digest(path) if path.is_file() else None
    argv = [command, str(path)]
    if command == "code":
        argv += ["--doc", "A01", "--start", "0", "--end", "2", "--code", "x", "--coder", "张研"]
    assert main(argv) == 1
    err = capsys.readouterr().err.strip()
    assert len(err.splitlines()) == 1, err
    assert str(path) in err and EXPECTED[kind] in err, err
    if before is not None:
        assert digest(path) == before
    assert not path.with_name(path.name + "-backups").exists()


def test_older_project_is_backed_up_then_upgraded(filled, tmp_path, monkeypatch):
    migrations = tmp_path / "migrations"
    shutil.copytree(storage.MIGRATIONS, migrations, ignore=shutil.ignore_patterns("__pycache__"))
    old_head = storage.head_revision()
    (migrations / "versions" / "9000_test_upgrade.py").write_text(textwrap.dedent(f'''
        from alembic import op
        import sqlalchemy as sa

        revision = "9000_test_upgrade"
        down_revision = "{old_head}"
        branch_labels = None
        depends_on = None

        def upgrade():
            with op.batch_alter_table("codes") as batch:
                batch.add_column(sa.Column("board_x", sa.Float(), nullable=True))

        def downgrade():
            with op.batch_alter_table("codes") as batch:
                batch.drop_column("board_x")
    '''), encoding="utf-8")
    monkeypatch.setattr(storage, "MIGRATIONS", migrations)
    storage._alembic_config.cache_clear()
    try:
        store = open_project(filled)
        with store:
            assert storage.schema_revision(store) == "9000_test_upgrade"
            assert "board_x" in {c["name"] for c in inspect(store.engine).get_columns("codes")}
            assert queries.stats(store)["codings"] == 300
        backup = filled.with_name(filled.name + "-backups") / f"filled-before-upgrade-from-{old_head}.zhagen"
        assert backup in store.backups and backup.exists()
        with sqlite3.connect(backup) as conn:
            assert conn.execute("SELECT version_num FROM alembic_version").fetchone()[0] == old_head
            assert conn.execute("SELECT count(*) FROM codings").fetchone()[0] == 300
        conn.close()
    finally:
        storage._alembic_config.cache_clear()


def test_migrations_match_the_models(location):
    """Every schema change is a migration: the migrated schema equals the models."""
    engine = create_engine(location) if "://" in location else create_engine(f"sqlite:///{location}")
    with engine.connect() as conn:
        diff = compare_metadata(MigrationContext.configure(conn, opts={"compare_type": True}), m.Base.metadata)
    engine.dispose()
    assert diff == []


def test_postgres_refuses_non_projects_and_newer_schemas(pg_databases, capsys):
    empty = pg_databases.create_empty()
    assert main(["stats", empty]) == 1
    assert "not a Zhagen project" in capsys.readouterr().err
    url = pg_databases.url(pg_databases.new_name())
    assert main(["new", url]) == 0
    assert main(["new", url]) == 1
    assert "not empty" in capsys.readouterr().err
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("UPDATE alembic_version SET version_num = '9999_future'"))
    engine.dispose()
    assert main(["stats", url]) == 1
    err = capsys.readouterr().err.strip()
    assert "newer Zhagen" in err and url in err and len(err.splitlines()) == 1


def test_unreachable_database_is_one_line(capsys):
    url = "postgresql+psycopg://postgres@127.0.0.1:1/nowhere"
    assert main(["stats", url]) == 1
    err = capsys.readouterr().err.strip()
    assert url in err and "cannot open" in err and len(err.splitlines()) == 1


def test_project_at_the_first_schema_upgrades_to_head(tmp_path):
    from alembic import command

    path = tmp_path / "old.zhagen"
    engine = create_engine(f"sqlite:///{path}")
    cfg = storage._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0001_initial")
        cfg.attributes.pop("connection")
        conn.execute(text("INSERT INTO project (guid, name, language, description, settings, created_at) "
                          "VALUES ('g', '旧项目', 'zh_CN', '', '{}', '2025-01-01 00:00:00')"))
    engine.dispose()
    with open_project(path) as store:
        assert storage.schema_revision(store) == storage.head_revision() != "0001_initial"
        assert "document_tokens" in inspect(store.engine).get_table_names()
        assert queries.project_info(store)["name"] == "旧项目"
    assert (path.with_name("old.zhagen-backups") / "old-before-upgrade-from-0001_initial.zhagen").exists()


def test_a_second_writer_waits_for_the_first_instead_of_failing(tmp_path):
    """Two stores (as two processes would) on one file: a write that starts while another
    write transaction is open waits for it (busy_timeout) and then succeeds."""
    import threading
    import time

    from coding.uow import UnitOfWork

    path = tmp_path / "shared.zhagen"
    create_project(path).close()
    first, second = open_project(path, backup=False), open_project(path, backup=False)
    coders.use_coder(first, "张研")
    coders.use_coder(second, "李文")
    holding, errors = threading.Event(), []

    def hold_a_write() -> None:
        try:
            with UnitOfWork(first, "code_created") as uow:
                uow.add(codes.new_code(uow, "先写的", None, "concept"))
                holding.set()
                time.sleep(0.3)
                uow.done(None)
        except Exception as exc:  # noqa: BLE001 - reported by the assertion below
            errors.append(exc)
            holding.set()

    writer = threading.Thread(target=hold_a_write)
    try:
        writer.start()
        assert holding.wait(5)
        started = time.monotonic()
        assert queries.list_codes(second) == ()  # a read does not wait for the writer (WAL)
        assert time.monotonic() - started < 0.2
        started = time.monotonic()
        code = codes.create_code(second, "后写的").value
        waited = time.monotonic() - started
        writer.join()
        assert errors == []
        assert waited > 0.05
        assert {c.name for c in queries.list_codes(second)} == {"先写的", "后写的"} and code.name == "后写的"
    finally:
        writer.join()
        first.close()
        second.close()
