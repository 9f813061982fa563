"""Migration 0005 on a project that already holds the duplicates two writers used to make.

Duplicate sibling codes are renamed "NAME (2)" … (the oldest keeps its name,
every code keeps its codings, children and memos); duplicate codings become
the oldest one, which takes the others' memos and comments. One
"duplicates_resolved" event lists what was done; afterwards the unique
indexes hold, on SQLite and on PostgreSQL.
"""

from __future__ import annotations

import pytest
from alembic import command
from sqlalchemy import create_engine, text

from coding import queries, storage
from coding.errors import InvalidInput
from coding.services import codes, coders, codings

T0 = "2025-01-01 00:00:00"


def _old_project(backend: str, tmp_path, request) -> str:
    """A project at schema 0004 with duplicate codes (top level and under a parent) and duplicate codings."""
    if backend == "sqlite":
        location = str(tmp_path / "old.zhagen")
        url = f"sqlite:///{location}"
    else:
        location = url = request.getfixturevalue("pg_databases").create_empty()
    engine = create_engine(url)
    cfg = storage._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004_memo_kinds")
        cfg.attributes.pop("connection")
        run = lambda sql, **kw: conn.execute(text(sql), kw)  # noqa: E731
        run("INSERT INTO project (guid, name, language, description, settings, created_at) "
            f"VALUES ('p', '旧项目', 'zh_CN', '', '{{}}', '{T0}')")
        run(f"INSERT INTO coders (id, guid, name, colour, created_at) VALUES (1, 'k1', '张研', '#1f77b4', '{T0}')")
        run("INSERT INTO documents (id, guid, name, text, length, sha256, source_name, encoding, imported_at, "
            "coding_order, held_out, meta, created_by) VALUES (1, 'd1', 'A01', '受访者：社区很好。', 9, 'h', '', '', "
            f"'{T0}', 0, false, '{{}}', 1)")
        for id_, name, parent in [(1, "社区", None), (2, "社区", None), (3, "其他", None), (4, "A", 1), (5, "A", 1),
                                  (6, "A (2)", 1), (7, "A", 1), (8, "A", 3)]:
            run("INSERT INTO codes (id, guid, name, parent_id, position, level, definition, colour, in_vivo, "
                f"created_by, created_at) VALUES (:id, :guid, :name, :parent, :id, 'concept', '', '#123456', false, 1, "
                f"'{T0}')", id=id_, guid=f"c{id_}", name=name, parent=parent)
        run("INSERT INTO codes (id, guid, name, parent_id, position, level, definition, colour, in_vivo, created_by, "
            f"created_at) VALUES (9, 'c9', '子', 2, 0, 'concept', '', '#123456', false, 1, '{T0}')")
        for id_, code, start, comment in [(1, 4, 0, ""), (2, 4, 0, "第二"), (3, 4, 0, "第二"), (4, 4, 0, "第三"),
                                          (5, 5, 0, ""), (6, 4, 4, "")]:
            run("INSERT INTO codings (id, guid, code_id, document_id, start_offset, end_offset, coder_id, created_at, "
                f"comment) VALUES (:id, :guid, :code, 1, :start, :start + 2, 1, '{T0}', :comment)",
                id=id_, guid=f"g{id_}", code=code, start=start, comment=comment)
        run("INSERT INTO memos (id, guid, title, text, kind, coding_id, coder_id, created_at, updated_at) "
            f"VALUES (1, 'm1', '备忘', '…', 'memo', 3, 1, '{T0}', '{T0}')")
        if backend == "postgresql":  # rows were given ids: move the sequences past them
            for table in ("coders", "documents", "codes", "codings", "memos"):
                run(f"SELECT setval('{table}_id_seq', (SELECT max(id) FROM {table}))")
    engine.dispose()
    return location


def test_an_old_project_with_duplicates_upgrades_without_losing_work(backend, tmp_path, request):
    location = _old_project(backend, tmp_path, request)
    with storage.open_project(location, backup=False) as store:
        assert storage.schema_revision(store) == storage.head_revision()
        by_id = {c.id: c for c in queries.list_codes(store)}
        assert {i: by_id[i].name for i in range(1, 10)} == {
            1: "社区", 2: "社区 (2)", 3: "其他", 4: "A", 5: "A (3)", 6: "A (2)", 7: "A (4)", 8: "A", 9: "子"}
        assert by_id[9].parent_id == 2  # the renamed code keeps its children …
        rows = {r.id: r for r in queries.list_codings(store)}
        assert sorted(rows) == [1, 5, 6]  # … and codings; of the duplicate codings the oldest is kept
        assert rows[1].comment == "第二\n第三"
        (memo,) = queries.list_memos(store)
        assert memo.coding_id == 1
        (event,) = queries.list_events_of(store, ["duplicates_resolved"])
        assert sorted((r["code_id"], r["old"], r["new"]) for r in event.payload["renamed_codes"]) == [
            (2, "社区", "社区 (2)"), (5, "A", "A (3)"), (7, "A", "A (4)")]
        (merged,) = event.payload["merged_codings"]
        assert merged["kept"] == 1 and merged["removed"] == [2, 3, 4]
        coders.use_coder(store, "张研")
        with pytest.raises(InvalidInput, match="a code named '社区' already exists at the top level"):
            codes.create_code(store, "社区")
        with pytest.raises(InvalidInput, match="already coded"):
            codings.apply_code(store, 4, 1, 0, 2)
        assert codes.create_code(store, "A (5)", parent_id=1).value.name == "A (5)"


def test_a_project_without_duplicates_gets_no_event(backend, tmp_path, request):
    if backend == "sqlite":
        location = str(tmp_path / "clean.zhagen")
        url = f"sqlite:///{location}"
    else:
        location = url = request.getfixturevalue("pg_databases").create_empty()
    engine = create_engine(url)
    cfg = storage._alembic_config()
    with engine.begin() as conn:
        cfg.attributes["connection"] = conn
        command.upgrade(cfg, "0004_memo_kinds")
        cfg.attributes.pop("connection")
        conn.execute(text("INSERT INTO project (guid, name, language, description, settings, created_at) "
                          f"VALUES ('p', '旧项目', 'zh_CN', '', '{{}}', '{T0}')"))
    engine.dispose()
    with storage.open_project(location, backup=False) as store:
        assert storage.schema_revision(store) == storage.head_revision()
        assert queries.list_events(store) == ()
