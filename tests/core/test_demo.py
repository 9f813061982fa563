"""The demo project: what `make demo` opens and what tests, screenshots and benchmarks use."""

from __future__ import annotations

import json
from collections import defaultdict

import pytest

from coding import queries
from coding.cli import main
from coding.demo import demo_text, load_demo_data
from coding.storage import open_project

SEED_MAIN_CATEGORIES = {
    "社区党组织设置的互动情境", "社区民警的在场与行动", "“朝阳群众”品牌传播", "社区归属感",
    "警民亲近感", "品牌认同", "情感能量", "责任感",
}


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    path = tmp_path_factory.mktemp("demo") / "demo.zhagen"
    assert main(["demo", str(path)]) == 0
    store = open_project(path, backup=False)
    yield store
    store.close()


def _normalise_quotes(name: str) -> str:
    return name.replace('"', "“", 1).replace('"', "”", 1)


def test_demo_counts(demo):
    stats = queries.stats(demo)
    data = load_demo_data()
    assert stats["documents"] == len(data["documents"]) >= 10
    assert stats["participants"] == 10 and stats["coders"] == 2
    assert stats["codes_by_level"]["main"] == 8 and stats["codes_by_level"]["core"] == 1
    assert stats["codes_by_level"]["none"] == 3  # the three pathways
    assert stats["codes_by_level"]["category"] >= 20 and stats["codes_by_level"]["concept"] >= 60
    assert stats["codings"] == len(data["codings"]) >= 250
    assert set(stats["codings_by_coder"]) == {"张研", "李文"} and all(stats["codings_by_coder"].values())
    assert stats["relations"] >= 15 and stats["memos"] >= 4
    assert stats["speakers"] == ["受访者", "访谈者"]
    assert stats["turns"] >= 10 * stats["documents"] and stats["units"] > stats["turns"]


def test_demo_main_categories_follow_seed_001(demo):
    codes = queries.list_codes(demo)
    mains = {_normalise_quotes(c.name) for c in codes if c.level == "main"}
    assert mains == SEED_MAIN_CATEGORIES
    assert all(c.parent_id is None and c.definition and c.paradigm_role for c in codes if c.level == "main")
    (core,) = [c for c in codes if c.level == "core"]
    pathways = [c for c in codes if c.level == "none"]
    assert {p.parent_id for p in pathways} == {core.id}
    names = {c.name for c in codes}
    assert sum(1 for c in codes if c.name == "其他") == 2 and "其他" in names


def test_demo_documents_are_marked_invented_with_participants(demo):
    docs = queries.list_documents(demo)
    people = {p.id: p.pid for p in queries.list_participants(demo)}
    assert [d.held_out for d in docs].count(True) == 2
    assert all(d.held_out for d in docs[-2:])  # held out last in coding order
    for doc in docs:
        text = queries.document_text(demo, doc.id)
        assert "示例数据" in text[:200] and "虚构" in text[:200]
        assert doc.meta["受访者编号"] == people[doc.participant_id]
        turns = queries.list_turns(demo, doc.id)
        assert {t.speaker for t in turns} == {"访谈者", "受访者"}
        assert all(t.participant_id == doc.participant_id for t in turns if not t.is_interviewer)


def test_every_demo_coding_quotes_its_source(demo):
    data = load_demo_data()
    by_doc = {d["file"]: d["name"] for d in data["documents"]}
    expected = sorted((by_doc[c["document"]], c["coder"], c["code"], c["quote"]) for c in data["codings"])
    rows = queries.list_codings(demo)
    assert sorted((r.document, r.coder, r.code_path, r.text) for r in rows) == expected
    for file in by_doc:
        assert "\r" not in demo_text(file)


def test_two_coders_overlap_but_differ(demo):
    spans = defaultdict(set)
    docs = defaultdict(set)
    for r in queries.list_codings(demo):
        spans[r.coder].add((r.document, r.start, r.end, r.code_path))
        docs[r.coder].add(r.document)
    assert docs["李文"] < docs["张研"] and len(docs["李文"]) == 4
    shared = spans["张研"] & spans["李文"]
    assert shared and spans["李文"] - spans["张研"]


def test_held_out_documents_bring_no_new_concepts(demo):
    docs = queries.list_documents(demo)
    held = {d.name for d in docs if d.held_out}
    first_seen = {}
    for r in queries.list_codings(demo):  # in coding order
        first_seen.setdefault(r.code_id, r.document)
    assert not held & set(first_seen.values())


def test_demo_is_saturated_on_the_held_out_documents(demo):
    from coding.gt import saturation_of

    result = saturation_of(demo)
    assert [r.document[:3] for r in result.rows if r.held_out] == ["A09", "A10"]
    assert result.tested and result.saturated is True
    assert all(not r.new_concepts and not r.new_categories for r in result.rows if r.held_out)
    assert result.rows[0].new_concepts and result.rows[-1].total_concepts == sum(len(r.new_concepts) for r in result.rows)


def test_demo_refuses_an_existing_project_and_leaves_it(tmp_path, capsys):
    path = tmp_path / "mine.zhagen"
    assert main(["new", str(path)]) == 0
    before = path.read_bytes()
    assert main(["demo", str(path)]) == 1
    assert "already exists" in capsys.readouterr().err
    assert path.read_bytes() == before


def test_demo_on_postgresql_matches_sqlite(demo, pg_databases, capsys):
    url = pg_databases.url(pg_databases.new_name())
    assert main(["demo", url]) == 0
    capsys.readouterr()
    assert main(["stats", url, "--json"]) == 0
    pg = json.loads(capsys.readouterr().out)
    lite = queries.stats(demo)
    for key in ("documents", "participants", "turns", "units", "coders", "codes", "codes_by_level", "codings",
                "codings_by_coder", "memos", "relations", "events", "speakers"):
        assert pg[key] == lite[key], key
