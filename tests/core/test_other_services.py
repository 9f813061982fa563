"""Coders, participants and typed attributes, relations, memos, snapshots, project, event log."""

from __future__ import annotations

from datetime import date, datetime

import pytest

from coding import queries
from coding.errors import InvalidInput, NotFound
from coding.services import codes, coders, codings, documents, history, memos, participants, relations, snapshots
from coding.services.project import update_project


def test_coders_are_unique_and_carried_by_writes(store):
    li = coders.add_coder(store, "李文", "#D62728").value
    assert li.colour == "#d62728"
    with pytest.raises(InvalidInput, match="already exists"):
        coders.add_coder(store, "李文")
    coders.update_coder(store, li.id, name="李文文", colour="#000000")
    assert [c.name for c in queries.list_coders(store)] == ["张研", "李文文"]
    assert coders.use_coder(store, "李文文").id == li.id
    code = codes.create_code(store, "x").value
    assert code.created_by == li.id
    assert queries.list_events(store)[-1].coder_id == li.id
    with pytest.raises(NotFound):
        coders.use_coder(store, "王五", create=False)


def test_participant_attributes_are_typed(store):
    p = participants.add_participant(store, "A03", "王秀兰").value
    role = participants.add_attribute(store, "角色", "text").value
    age = participants.add_attribute(store, "年龄", "integer").value
    share = participants.add_attribute(store, "参与度", "float").value
    member = participants.add_attribute(store, "党员", "boolean").value
    since = participants.add_attribute(store, "入住日期", "date").value
    assert participants.set_attribute_value(store, p.id, role.id, "楼门长").value == "楼门长"
    assert participants.set_attribute_value(store, p.id, age.id, "63").value == 63
    assert participants.set_attribute_value(store, p.id, share.id, 0.5).value == 0.5
    assert participants.set_attribute_value(store, p.id, member.id, "是").value is True
    assert participants.set_attribute_value(store, p.id, since.id, "2002-05-01").value == date(2002, 5, 1)
    for attr, bad in [(age, "六十三"), (age, 6.5), (member, "maybe"), (since, "2002/05/01")]:
        with pytest.raises(InvalidInput, match="not a valid"):
            participants.set_attribute_value(store, p.id, attr.id, bad)
    assert queries.attribute_values(store)[p.id] == {
        "角色": "楼门长", "年龄": 63, "参与度": 0.5, "党员": True, "入住日期": date(2002, 5, 1)}
    participants.set_attribute_value(store, p.id, role.id, None)
    assert "角色" not in queries.attribute_values(store)[p.id]
    with pytest.raises(InvalidInput, match="already exists"):
        participants.add_participant(store, "A03")
    with pytest.raises(InvalidInput, match="unknown attribute type"):
        participants.add_attribute(store, "x", "money")


def test_a_date_attribute_refuses_a_date_and_time_and_keeps_nothing(store, state):
    p = participants.add_participant(store, "A03").value
    since = participants.add_attribute(store, "入住日期", "date").value
    before = state(store)
    for bad in [datetime(2002, 5, 1, 10, 30), "2002-05-01T10:30", "2002-13-01"]:
        with pytest.raises(InvalidInput, match="入住日期") as err:
            participants.set_attribute_value(store, p.id, since.id, bad)
        assert repr(bad) in str(err.value) and "not a valid date value" in str(err.value)
    assert state(store) == before
    assert participants.set_attribute_value(store, p.id, since.id, datetime(2002, 5, 1)).value == date(2002, 5, 1)
    assert queries.attribute_values(store)[p.id] == {"入住日期": date(2002, 5, 1)}


def test_delete_participant_unlinks_documents_and_reverts(store, state):
    p = participants.add_participant(store, "A01").value
    attr = participants.add_attribute(store, "角色").value
    participants.set_attribute_value(store, p.id, attr.id, "居民")
    doc = documents.add_document(store, "A01", "受访者：你好。", participant_id=p.id).value
    before = state(store)
    out = participants.delete_participant(store, p.id)
    assert queries.list_documents(store)[0].participant_id is None
    assert queries.list_participants(store) == ()
    history.revert(store, out.undo)
    assert state(store) == before
    assert queries.list_documents(store)[0].participant_id == p.id == doc.participant_id


def test_relations_and_memos(store, state):
    a = codes.create_code(store, "社区党组织设置的互动情境", level="main").value
    b = codes.create_code(store, "社区归属感", level="main").value
    with pytest.raises(InvalidInput, match="two different"):
        relations.add_relation(store, a.id, a.id, "is_cause_of")
    rel = relations.add_relation(store, a.id, b.id, "is_cause_of", "互动情境增强归属感").value
    relations.update_relation(store, rel.id, type="我的类型", memo="用户自定义")
    assert queries.list_relations(store)[0].type == "我的类型"
    note = memos.add_memo(store, "关系备忘", "…", relation_id=rel.id).value
    story = memos.add_memo(store, "故事线", "居民在互动中…", kind="storyline").value
    assert story.document_id is story.code_id is None and story.kind == "storyline"
    with pytest.raises(InvalidInput, match="one object"):
        memos.add_memo(store, "x", code_id=a.id, relation_id=rel.id)
    with pytest.raises(InvalidInput, match="memo kind"):
        memos.add_memo(store, "x", kind="diary")
    edited = memos.edit_memo(store, story.id, text="修改后的故事线").value
    assert edited.text == "修改后的故事线" and edited.updated_at >= story.updated_at
    before = state(store)
    out = relations.delete_relation(store, rel.id)
    assert note.id not in {mm.id for mm in queries.list_memos(store)}
    history.revert(store, out.undo)
    assert state(store) == before


def test_snapshot_freezes_the_code_system(store):
    doc = documents.add_document(store, "A01", "受访者：红袖标。").value
    main = codes.create_code(store, "品牌认同", level="main").value
    concept = codes.create_code(store, "佩戴红袖标", parent_id=main.id).value
    codings.apply_code(store, concept.id, doc.id, 4, 7)
    snap = snapshots.take_snapshot(store, "第一轮之后").value
    codes.rename_code(store, concept.id, "改名了")
    frozen = {c["name"]: c for c in queries.list_snapshots(store)[0].payload["codes"]}
    assert set(frozen) == {"品牌认同", "佩戴红袖标"}
    assert frozen["佩戴红袖标"]["parent_guid"] == main.guid and frozen["佩戴红袖标"]["codings"] == 1
    snapshots.rename_snapshot(store, snap.id, "round 1")
    snapshots.delete_snapshot(store, snap.id)
    assert queries.list_snapshots(store) == ()


def test_project_settings_merge(store):
    update_project(store, name="朝阳研究", settings={"label_prefixes": {"concept": "a"}})
    update_project(store, language="en", settings={"theme": "dark"})
    info = queries.project_info(store)
    assert info["name"] == "朝阳研究" and info["language"] == "en"
    assert info["settings"] == {"label_prefixes": {"concept": "a"}, "theme": "dark"}
    with pytest.raises(InvalidInput):
        update_project(store, language="fr")


def test_one_event_per_call_and_failed_calls_write_nothing(store, state):
    doc = documents.add_document(store, "A01", "受访者：你好。").value
    code = codes.create_code(store, "x").value
    n = len(queries.list_events(store))
    codings.apply_code(store, code.id, doc.id, 0, 3)
    events = queries.list_events(store)
    assert len(events) == n + 1
    last = events[-1]
    assert last.action == "coding_added" and last.coder_id == store.coder_id and last.at.tzinfo is not None
    assert last.payload == {"coding_id": 1, "code_id": code.id, "document_id": doc.id, "start": 0, "end": 3}
    before = state(store)
    with pytest.raises(InvalidInput):
        codings.apply_code(store, code.id, doc.id, 0, 99)
    assert state(store) == before and len(queries.list_events(store)) == n + 1
