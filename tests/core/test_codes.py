"""Code-system services on SQLite and PostgreSQL: tree edits, merge, split, delete and undo."""

from __future__ import annotations

import pytest

from coding import queries
from coding.errors import InvalidInput, NotFound
from coding.services import codes, codings, coders, documents, history, memos, relations

TEXT = "访谈者：你们小区怎么动员大家？\n受访者：我们有朝阳群众，还有红袖标，晚上在𠮷野家门口巡逻👍。大家把社区当成家。"


@pytest.fixture
def doc(store):
    return documents.add_document(store, "A01 居民访谈", TEXT).value


def span(quote: str) -> tuple[int, int]:
    start = TEXT.index(quote)
    return start, start + len(quote)


def test_same_name_under_different_parents_is_normal(store):
    a = codes.create_code(store, "社区归属感", level="main").value
    b = codes.create_code(store, "警民亲近感", level="main").value
    x = codes.create_code(store, "其他", parent_id=a.id).value
    y = codes.create_code(store, "其他", parent_id=b.id).value
    assert x.id != y.id
    paths = queries.code_paths(queries.list_codes(store))
    assert paths[x.id] == "社区归属感>其他" and paths[y.id] == "警民亲近感>其他"
    with pytest.raises(InvalidInput, match="already exists"):
        codes.create_code(store, "其他", parent_id=a.id)


def test_create_validates_level_role_colour_and_inherits_parent_colour(store):
    parent = codes.create_code(store, "情感能量", level="main", colour="#AA3300", paradigm_role="phenomenon").value
    child = codes.create_code(store, "集体兴奋", parent_id=parent.id, level="category").value
    assert parent.colour == "#aa3300" and child.colour == "#aa3300"
    assert parent.paradigm_role == "phenomenon" and parent.created_by == store.coder_id
    with pytest.raises(InvalidInput, match="GT level"):
        codes.create_code(store, "x", level="theme")
    with pytest.raises(InvalidInput, match="paradigm role"):
        codes.create_code(store, "x", paradigm_role="cause")
    with pytest.raises(InvalidInput, match="#RRGGBB"):
        codes.create_code(store, "x", colour="red")
    with pytest.raises(InvalidInput, match="empty"):
        codes.create_code(store, "   ")
    with pytest.raises(NotFound):
        codes.create_code(store, "x", parent_id=9999)


def test_rename_redefine_recolour_relevel_and_their_events(store):
    code = codes.create_code(store, "邻里节").value
    codes.rename_code(store, code.id, "邻里节活动")
    codes.redefine_code(store, code.id, "社区党组织组织的节庆活动")
    codes.recolour_code(store, code.id, "#123456")
    codes.set_code_level(store, code.id, "category")
    codes.set_paradigm_role(store, code.id, "context")
    (now,) = queries.list_codes(store)
    assert (now.name, now.definition, now.colour, now.level, now.paradigm_role) == (
        "邻里节活动", "社区党组织组织的节庆活动", "#123456", "category", "context")
    events = queries.list_events(store)
    actions = [e.action for e in events]
    assert actions[-6:] == ["code_created", "code_renamed", "code_redefined", "code_recoloured",
                            "code_recategorised", "code_role_changed"]
    renamed = events[-5]
    assert renamed.payload["old"] == "邻里节" and renamed.payload["new"] == "邻里节活动"
    assert all(e.coder_id == store.coder_id for e in events[-6:])


def test_move_reorders_and_refuses_cycles(store):
    a = codes.create_code(store, "A", level="main").value
    b = codes.create_code(store, "B", parent_id=a.id).value
    c = codes.create_code(store, "C", parent_id=b.id).value
    d = codes.create_code(store, "D", parent_id=a.id).value
    with pytest.raises(InvalidInput, match="under itself"):
        codes.move_code(store, a.id, c.id)
    codes.move_code(store, d.id, a.id, index=0)
    tree = [x.name for x in queries.list_codes(store)]
    assert tree == ["A", "D", "B", "C"]
    codes.move_code(store, c.id, None)
    assert [x.name for x in queries.list_codes(store)] == ["A", "D", "B", "C"]
    assert {x.name: x.parent_id for x in queries.list_codes(store)}["C"] is None


def test_move_codes_puts_several_side_by_side_as_one_action(store):
    from coding import gt
    from coding.services import history

    cat = codes.create_code(store, "范畴", level="category").value
    keep = codes.create_code(store, "已有概念", parent_id=cat.id).value
    x = codes.create_code(store, "概念甲").value
    y = codes.create_code(store, "概念乙").value
    y1 = codes.create_code(store, "乙下", parent_id=y.id).value
    z = codes.create_code(store, "概念丙").value
    before = len(queries.list_events(store))
    out = codes.move_codes(store, [z.id, x.id, y.id, y1.id], cat.id, 0)  # y1 travels with y
    assert [c.name for c in out.value] == ["概念丙", "概念甲", "概念乙"]
    paths = queries.code_paths(queries.list_codes(store))
    assert [paths[c.id] for c in queries.list_codes(store)] == [
        "范畴", "范畴>概念丙", "范畴>概念甲", "范畴>概念乙", "范畴>概念乙>乙下", "范畴>已有概念"]
    events = queries.list_events(store)
    assert len(events) == before + 1 and events[-1].action == "codes_moved"
    steps = gt.code_histories(queries.list_codes(store), queries.list_events_of(store, gt.CODE_HISTORY_ACTIONS), {})
    for code in (x, y, z):
        assert [s.detail for s in steps[code.id] if s.action == "moved"] == ["moved from the top level to 范畴"]
    assert not [s for s in steps[y1.id] if s.action == "moved"]  # it moved with its parent, not on its own
    history.revert(store, out.undo)
    assert {c.name: c.parent_id for c in queries.list_codes(store)} == {
        "范畴": None, "已有概念": cat.id, "概念甲": None, "概念乙": None, "乙下": y.id, "概念丙": None}
    with pytest.raises(InvalidInput, match="under itself"):
        codes.move_codes(store, [x.id, cat.id], keep.id)
    codes.create_code(store, "概念甲", parent_id=cat.id)
    with pytest.raises(InvalidInput):
        codes.move_codes(store, [y.id, x.id], cat.id)  # a 概念甲 is there already: nothing moves
    assert {c.name: c.parent_id for c in queries.list_codes(store)}["概念乙"] is None
    twin = codes.create_code(store, "概念乙", parent_id=keep.id).value
    with pytest.raises(InvalidInput, match="two codes named"):
        codes.move_codes(store, [y.id, twin.id], None)


def test_merge_moves_codings_children_relations_memos_and_drops_duplicates(store, doc):
    target = codes.create_code(store, "社区民警入户").value
    source = codes.create_code(store, "民警走访").value
    child = codes.create_code(store, "夜间走访", parent_id=source.id).value
    other = codes.create_code(store, "警民亲近感", level="main").value
    s, e = span("朝阳群众")
    codings.apply_code(store, target.id, doc.id, s, e)
    codings.apply_code(store, source.id, doc.id, s, e)  # duplicate of the target's coding
    s2, e2 = span("红袖标")
    moved = codings.apply_code(store, source.id, doc.id, s2, e2).value
    rel = relations.add_relation(store, source.id, other.id, "is_cause_of", "走访带来亲近").value
    self_rel = relations.add_relation(store, source.id, target.id, "is_associated_with").value
    memo = memos.add_memo(store, "走访备忘", "…", code_id=source.id).value

    out = codes.merge_codes(store, source.id, target.id)

    assert out.value.id == target.id
    rows = queries.list_codings(store)
    assert sorted((r.code_id, r.start) for r in rows) == sorted([(target.id, s), (target.id, s2)])
    assert moved.id in {r.id for r in rows}
    assert {c.id: c.parent_id for c in queries.list_codes(store)}[child.id] == target.id
    rels = {r.id: r for r in queries.list_relations(store)}
    assert rels[rel.id].source_id == target.id and self_rel.id not in rels
    assert {mm.id: mm.code_id for mm in queries.list_memos(store)}[memo.id] == target.id
    assert source.id not in {c.id for c in queries.list_codes(store)}
    event = queries.list_events(store)[-1]
    assert event.action == "code_merged"
    assert event.payload["codings_moved"] == 1 and event.payload["codings_dropped"] == 1


def test_merge_merges_same_named_children_and_undoes_exactly(store, doc, state):
    target = codes.create_code(store, "社区参与", level="category").value
    t_child = codes.create_code(store, "巡逻", parent_id=target.id).value
    t_grand = codes.create_code(store, "夜间", parent_id=t_child.id).value
    codes.create_code(store, "议事", parent_id=target.id)
    source = codes.create_code(store, "群众参与", level="category").value
    s_child = codes.create_code(store, "巡逻", parent_id=source.id).value
    s_grand = codes.create_code(store, "夜间", parent_id=s_child.id).value
    s_leaf = codes.create_code(store, "红袖标", parent_id=s_child.id).value
    s_other = codes.create_code(store, "捐款", parent_id=source.id).value
    codings.apply_code(store, t_child.id, doc.id, *span("巡逻"))
    codings.apply_code(store, s_child.id, doc.id, *span("巡逻"))  # a duplicate of the target child's coding
    kept = codings.apply_code(store, s_child.id, doc.id, *span("朝阳群众")).value
    grand_coding = codings.apply_code(store, s_grand.id, doc.id, *span("晚上")).value
    memo = memos.add_memo(store, "巡逻备忘", "…", code_id=s_child.id).value
    rel = relations.add_relation(store, s_child.id, t_child.id, "is_associated_with").value  # becomes a self-link
    before = state(store)

    out = codes.merge_codes(store, source.id, target.id)

    tree = queries.list_codes(store)
    names = [(c.parent_id, c.name) for c in tree]
    assert len(names) == len(set(names))  # no two siblings share a name
    by_id = {c.id: c for c in tree}
    assert {s_child.id, s_grand.id, source.id} & set(by_id) == set()
    assert by_id[s_leaf.id].parent_id == t_child.id and by_id[s_other.id].parent_id == target.id
    assert sorted(c.name for c in tree if c.parent_id == target.id) == ["巡逻", "捐款", "议事"]
    coded = {c.id: c.code_id for c in queries.list_codings(store)}
    assert coded[kept.id] == t_child.id and coded[grand_coding.id] == t_grand.id and len(coded) == 3
    assert {mm.id: mm.code_id for mm in queries.list_memos(store)}[memo.id] == t_child.id
    assert rel.id not in {r.id for r in queries.list_relations(store)}
    event = queries.list_events(store)[-1]
    assert event.payload["codings_moved"] == 2 and event.payload["codings_dropped"] == 1
    assert [c["name"] for c in event.payload["children_merged"]] == ["巡逻", "夜间"]
    after = state(store)

    undone = history.revert(store, out.undo)
    assert state(store) == before
    history.revert(store, undone.undo)
    assert state(store) == after


def test_merge_refuses_itself_and_descendants(store):
    a = codes.create_code(store, "A").value
    b = codes.create_code(store, "B", parent_id=a.id).value
    with pytest.raises(InvalidInput):
        codes.merge_codes(store, a.id, a.id)
    with pytest.raises(InvalidInput, match="descendant"):
        codes.merge_codes(store, a.id, b.id)


def test_split_gives_listed_codings_to_new_siblings(store, doc):
    parent = codes.create_code(store, "群众参与", level="category").value
    code = codes.create_code(store, "参与巡逻", parent_id=parent.id, paradigm_role="action_strategy").value
    c1 = codings.apply_code(store, code.id, doc.id, *span("红袖标")).value
    c2 = codings.apply_code(store, code.id, doc.id, *span("巡逻")).value
    c3 = codings.apply_code(store, code.id, doc.id, *span("朝阳群众")).value
    out = codes.split_code(store, code.id, [codes.SplitPart("佩戴红袖标", (c1.id,)), codes.SplitPart("夜间巡逻", (c2.id,))])
    new1, new2 = out.value
    assert new1.parent_id == parent.id and new1.paradigm_role == "action_strategy" and new1.level == "concept"
    by_id = {r.id: r.code_id for r in queries.list_codings(store)}
    assert by_id == {c1.id: new1.id, c2.id: new2.id, c3.id: code.id}
    with pytest.raises(InvalidInput, match="not a coding"):
        codes.split_code(store, code.id, [codes.SplitPart("x", (c1.id,))])


def test_delete_then_restore_gives_back_identical_codings(store, doc, state):
    """Undo data: a deleted code with codings comes back with the same offsets, coders and times."""
    main = codes.create_code(store, "社区归属感", level="main").value
    cat = codes.create_code(store, "家园意识", parent_id=main.id, level="category").value
    concept = codes.create_code(store, "把社区当成家", parent_id=cat.id).value
    other = codes.create_code(store, "情感能量", level="main").value
    codings.apply_code(store, concept.id, doc.id, *span("把社区当成家"))
    coders.use_coder(store, "李文")
    c2 = codings.apply_code(store, concept.id, doc.id, *span("大家把社区当成家"), comment="李文的编码").value
    memos.add_memo(store, "编码备注", "注意语气", coding_id=c2.id)
    memos.add_memo(store, "范畴备忘", "家园意识的来源", code_id=cat.id)
    relations.add_relation(store, main.id, other.id, "is_cause_of", "归属感激发情感能量")
    before = state(store)
    before_codings = queries.list_codings(store)

    deleted = codes.delete_code(store, main.id)

    assert {c.name for c in deleted.value} == {"社区归属感", "家园意识", "把社区当成家"}
    assert queries.list_codings(store) == ()
    assert queries.list_relations(store) == () and queries.list_memos(store) == ()
    after_delete = state(store)

    undone = history.revert(store, deleted.undo)
    assert state(store) == before
    assert queries.list_codings(store) == before_codings
    history.revert(store, undone.undo)  # redo
    assert state(store) == after_delete
    assert [e.action for e in queries.list_events(store)[-3:]] == ["code_deleted", "undo", "redo"]


def test_every_code_action_reverts_exactly(store, doc, state):
    a = codes.create_code(store, "A", level="main").value
    b = codes.create_code(store, "B", level="main").value
    c = codes.create_code(store, "C", parent_id=a.id).value
    coding = codings.apply_code(store, c.id, doc.id, *span("红袖标")).value
    actions = [
        lambda: codes.rename_code(store, c.id, "C2"),
        lambda: codes.redefine_code(store, c.id, "定义"),
        lambda: codes.recolour_code(store, c.id, "#00ff00"),
        lambda: codes.set_code_level(store, c.id, "category"),
        lambda: codes.set_paradigm_role(store, c.id, "consequence"),
        lambda: codes.move_code(store, c.id, b.id),
        lambda: codes.merge_codes(store, a.id, b.id),
        lambda: codes.split_code(store, c.id, [codes.SplitPart("C-1", (coding.id,))]),
        lambda: codes.delete_code(store, a.id),
        lambda: codes.create_code(store, "D", parent_id=b.id),
        lambda: codes.ensure_code_path(store, "X>Y>Z"),
    ]
    for act in actions:
        before = state(store)
        outcome = act()
        after = state(store)
        assert after != before
        undone = history.revert(store, outcome.undo)
        assert state(store) == before
        redone = history.revert(store, undone.undo)
        assert state(store) == after
        history.revert(store, redone.undo)  # undo again: each action starts from the same state
        assert state(store) == before


def test_revert_refuses_when_rows_changed_since(store, doc):
    code = codes.create_code(store, "A").value
    renamed = codes.rename_code(store, code.id, "B")
    codes.rename_code(store, code.id, "C")
    with pytest.raises(InvalidInput, match="changed since"):
        history.revert(store, renamed.undo)
    assert queries.list_codes(store)[0].name == "C"
