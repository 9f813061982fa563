"""The study commands run as a user would: code-set, relate, participant and held-out, checked in the stored project."""

from __future__ import annotations

import pytest

from coding import queries
from coding.cli import main
from coding.storage import open_project

TEXT = "受访者：居委会组织我们巡逻，大家越来越愿意参加。后来小区里的盗窃少了。"


@pytest.fixture
def project(location, store):
    from coding.services import codes, documents

    documents.add_document(store, "A01 居民访谈", TEXT)
    documents.add_document(store, "A02 居民访谈", TEXT + "再说一遍。")
    for path in ("社区参与>组织动员", "社区参与>参与意愿", "治安效果"):
        codes.ensure_code_path(store, path)
    return location


def test_code_set_level_role_definition(project, capsys):
    assert main(["code-set", project, "社区参与>组织动员", "--level", "category", "--role", "因果条件",
                 "--definition", "居委会把居民组织起来", "--coder", "张研"]) == 0
    assert capsys.readouterr().out.strip() == ("社区参与>组织动员: level category, causal condition; "
                                               "definition: 居委会把居民组织起来")
    with open_project(project, backup=False) as store:
        code = queries.find_code(store, "社区参与>组织动员")
        assert (code.level, code.paradigm_role, code.definition) == ("category", "causal_condition", "居委会把居民组织起来")
        actions = [e.action for e in queries.list_events(store)][-3:]
    assert actions == ["code_recategorised", "code_role_changed", "code_redefined"]
    assert main(["code-set", project, "社区参与>组织动员", "--role", "none"]) == 0
    with open_project(project, backup=False) as store:
        assert queries.find_code(store, "社区参与>组织动员").paradigm_role is None


def test_code_set_refuses_before_changing_anything(project, capsys):
    with open_project(project, backup=False) as store:
        events = len(queries.list_events(store))
    assert main(["code-set", project, "社区参与>组织动员", "--definition", "新定义", "--role", "原因"]) == 1
    assert "unknown paradigm role '原因'" in capsys.readouterr().err
    assert main(["code-set", project, "不存在", "--level", "main"]) == 1
    assert "no code at path '不存在'" in capsys.readouterr().err
    assert main(["code-set", project, "治安效果"]) == 1
    assert capsys.readouterr().err.strip() == "zhagen: give --level, --role or --definition"
    with open_project(project, backup=False) as store:
        assert len(queries.list_events(store)) == events
        assert queries.find_code(store, "社区参与>组织动员").definition == ""


def test_relate_add_again_and_remove(project, capsys):
    assert main(["relate", project, "社区参与>组织动员", "社区参与>参与意愿", "--type", "导致"]) == 0
    assert main(["relate", project, "社区参与>参与意愿", "治安效果", "--type", "addresses", "--memo", "参与带来治安"]) == 0
    assert main(["relate", project, "社区参与>组织动员", "社区参与>参与意愿", "--type", "is cause of"]) == 0
    assert "already related" in capsys.readouterr().out.splitlines()[-1]
    with open_project(project, backup=False) as store:
        paths = {c.id: c.name for c in queries.list_codes(store)}
        rels = [(paths[r.source_id], paths[r.target_id], r.type, r.memo) for r in queries.list_relations(store)]
    assert rels == [("组织动员", "参与意愿", "is_cause_of", ""), ("参与意愿", "治安效果", "addresses", "参与带来治安")]
    assert main(["relate", project, "社区参与>组织动员", "社区参与>参与意愿", "--type", "is_cause_of", "--remove"]) == 0
    assert main(["relate", project, "社区参与>组织动员", "社区参与>参与意愿", "--type", "is_cause_of", "--remove"]) == 1
    assert "no 'is_cause_of' relation" in capsys.readouterr().err
    assert main(["relate", project, "治安效果", "治安效果", "--type", "导致"]) == 1
    assert "two different codes" in capsys.readouterr().err
    with open_project(project, backup=False) as store:
        assert [r.type for r in queries.list_relations(store)] == ["addresses"]


def test_participant_attributes(project, capsys):
    assert main(["participant", project, "A03", "--name", "王秀兰", "--attribute", "年龄", "--type", "integer",
                 "--set", "年龄=45"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "A03 王秀兰: 年龄=45"
    assert main(["participant", project, "A03", "--attribute", "性别", "--set", "性别=女"]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "A03 王秀兰: 年龄=45, 性别=女"
    assert main(["participant", project, "A03", "--set", "年龄=四十五", "--set", "性别=男"]) == 1
    assert "'四十五' is not a valid integer value for '年龄'" in capsys.readouterr().err
    assert main(["participant", project, "A03", "--set", "职业=保安"]) == 1
    assert "no attribute named '职业'" in capsys.readouterr().err
    assert main(["participant", project, "A03", "--attribute", "年龄", "--type", "text"]) == 1
    assert "of type integer, not text" in capsys.readouterr().err
    assert main(["participant", project, "A03", "--set", "年龄="]) == 0
    assert capsys.readouterr().out.splitlines()[-1] == "A03 王秀兰: 性别=女"
    with open_project(project, backup=False) as store:
        (person,) = queries.list_participants(store)
        assert (person.pid, person.name) == ("A03", "王秀兰")
        assert queries.attribute_values(store)[person.id] == {"性别": "女"}
        assert [(a.name, a.type) for a in queries.list_attributes(store)] == [("年龄", "integer"), ("性别", "text")]


def test_held_out_on_and_off(project, capsys):
    assert main(["held-out", project, "A02 居民访谈"]) == 0
    assert capsys.readouterr().out.strip() == "A02 居民访谈: held out for the saturation test"
    with open_project(project, backup=False) as store:
        assert [(d.name, d.held_out) for d in queries.list_documents(store)] == [("A01 居民访谈", False), ("A02 居民访谈", True)]
    assert main(["held-out", project, "A02 居民访谈", "--off"]) == 0
    assert capsys.readouterr().out.strip() == "A02 居民访谈: not held out"
    assert main(["held-out", project, "A09"]) == 1
    assert "no document named 'A09'" in capsys.readouterr().err


def test_memo_on_a_code_feeds_the_paradigm_model_and_is_replaced_when_written_again(project, capsys):
    from coding.tables import workbook_tables

    assert main(["code-set", project, "社区参与", "--level", "main"]) == 0
    assert main(["memo", project, "关系内涵", "--code", "社区参与", "--text", "组织动员带来参与意愿。"]) == 0
    assert "memo '关系内涵' (memo) on 社区参与 added" in capsys.readouterr().out
    assert main(["memo", project, "关系内涵", "--code", "社区参与", "--text", "组织动员提升参与意愿。"]) == 0
    assert "updated" in capsys.readouterr().out
    assert main(["memo", project, "故事线", "--kind", "storyline", "--text", "居民被组织起来。"]) == 0
    assert main(["memo", project, "x", "--code", "社区参与", "--doc", "A01 居民访谈", "--text", "y"]) == 1
    assert "one object at most" in capsys.readouterr().err
    with open_project(project, backup=False) as store:
        memos = [(m.title, m.kind, m.text, m.code_id is not None) for m in queries.list_memos(store)]
        tables = {t.key: t for t in workbook_tables(store)}
    assert memos == [("关系内涵", "memo", "组织动员提升参与意愿。", True), ("故事线", "storyline", "居民被组织起来。", False)]
    assert tables["paradigm_model"].rows == (("AA1 社区参与", "", "", "", "", "", "", "", "组织动员提升参与意愿。"),)
