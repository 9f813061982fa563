"""Codings and documents on SQLite and PostgreSQL: offsets in code points, validation, undo."""

from __future__ import annotations

import hashlib
import unicodedata

import pytest

from coding import queries
from coding.errors import InvalidInput, NotFound
from coding.services import codes, coders, codings, documents, history, memos, participants

# Characters outside the BMP (𠮷, 👍) count as one code point each.
TEXT = "访谈者：小区安全吗？\n受访者：挺好的，𠮷野家门口有红袖标👍，晚上也巡逻。"


@pytest.fixture
def doc(store):
    return documents.add_document(store, "A01", TEXT, source_name="A01.txt", encoding="gbk").value


@pytest.fixture
def code(store):
    return codes.create_code(store, "红袖标巡逻").value


def test_offsets_are_code_points_around_astral_characters(store, doc, code):
    start = TEXT.index("红袖标👍")
    coding = codings.apply_code(store, code.id, doc.id, start, start + 4).value
    (row,) = queries.list_codings(store)
    assert row.text == "红袖标👍" and (row.start, row.end) == (coding.start, coding.end)
    s = TEXT.index("𠮷")
    codings.apply_code(store, code.id, doc.id, s, s + 1)
    assert [r.text for r in queries.list_codings(store)] == ["𠮷", "红袖标👍"]
    assert doc.length == len(TEXT) == 36  # UTF-16 would count 38
    assert len(TEXT.encode("utf-16-le")) // 2 == 38


def test_apply_refuses_bad_spans_duplicates_and_missing_objects(store, doc, code):
    for start, end in [(-1, 3), (5, 5), (7, 3), (0, len(TEXT) + 1)]:
        with pytest.raises(InvalidInput, match="not inside"):
            codings.apply_code(store, code.id, doc.id, start, end)
    codings.apply_code(store, code.id, doc.id, 0, 3)
    with pytest.raises(InvalidInput, match="already coded"):
        codings.apply_code(store, code.id, doc.id, 0, 3)
    coders.use_coder(store, "李文")  # another coder may code the same span
    codings.apply_code(store, code.id, doc.id, 0, 3)
    with pytest.raises(NotFound):
        codings.apply_code(store, 999, doc.id, 0, 3)
    with pytest.raises(NotFound):
        codings.apply_code(store, code.id, 999, 0, 3)
    assert len(queries.list_codings(store)) == 2


def test_no_current_coder_is_refused(store, doc, code):
    store.coder_id = None
    with pytest.raises(InvalidInput, match="no current coder"):
        codings.apply_code(store, code.id, doc.id, 0, 3)


def test_remove_resize_recode_comment_each_revert_exactly(store, doc, code, state):
    other = codes.create_code(store, "夜间巡逻").value
    coding = codings.apply_code(store, code.id, doc.id, 0, 3).value
    memos.add_memo(store, "编码备注", "…", coding_id=coding.id)
    for act, check in [
        (lambda: codings.resize_coding(store, coding.id, 1, 5), lambda r: (r.start, r.end) == (1, 5)),
        (lambda: codings.recode_coding(store, coding.id, other.id), lambda r: r.code_id == other.id),
        (lambda: codings.comment_coding(store, coding.id, "典型语句"), lambda r: r.comment == "典型语句"),
    ]:
        before = state(store)
        out = act()
        assert check(queries.list_codings(store)[0])
        history.revert(store, out.undo)
        assert state(store) == before
    before = state(store)
    removed = codings.remove_coding(store, coding.id)
    assert queries.list_codings(store) == () and queries.list_memos(store) == ()
    history.revert(store, removed.undo)
    assert state(store) == before


def test_apply_code_path_creates_missing_codes_in_one_event(store, doc):
    n_events = len(queries.list_events(store))
    out = codings.apply_code_path(store, "社区民警的在场与行动>民警入户>入户走访", doc.id, 0, 3)
    codes_now = queries.list_codes(store)
    assert [c.level for c in codes_now] == ["none", "none", "concept"]
    assert out.value.code_id == codes_now[-1].id
    events = queries.list_events(store)
    assert len(events) == n_events + 1
    assert len(events[-1].payload["created_codes"]) == 3
    codings.apply_code_path(store, "社区民警的在场与行动>民警入户>入户走访", doc.id, 4, 6)
    assert len(queries.list_codes(store)) == 3


def test_document_text_is_nfc_with_lf_and_hashed(store):
    decomposed = unicodedata.normalize("NFD", "居民说：café\r\n很好\r")
    doc = documents.add_document(store, "B", decomposed).value
    text = queries.document_text(store, doc.id)
    assert text == "居民说：café\n很好\n"
    assert doc.sha256 == hashlib.sha256(text.encode("utf-8")).hexdigest()
    assert doc.length == len(text)


def test_duplicate_text_or_name_is_reported(store, doc):
    with pytest.raises(InvalidInput, match="same text as document 'A01'"):
        documents.add_document(store, "A01-copy", TEXT)
    with pytest.raises(InvalidInput, match="already exists"):
        documents.add_document(store, "A01", TEXT + "。")
    with pytest.raises(InvalidInput, match="no text"):
        documents.add_document(store, "empty", " \n ")


def test_turns_and_units_are_stored_and_checked(store):
    p = participants.add_participant(store, "A03").value
    t1, t2 = (4, 10), (15, len(TEXT))
    doc = documents.add_document(
        store, "A03", TEXT, participant_id=p.id,
        turns=[documents.TurnSpec(*t1, "访谈者", is_interviewer=True),
               documents.TurnSpec(*t2, "受访者", participant_id=p.id, timestamp="00:01:02")],
        units=[documents.UnitSpec(4, 10, turn=0), documents.UnitSpec(15, 34, turn=1), documents.UnitSpec(34, len(TEXT), turn=1)],
    ).value
    turns = queries.list_turns(store, doc.id)
    assert [(t.start, t.end, t.speaker, t.is_interviewer, t.participant_id, t.timestamp) for t in turns] == [
        (4, 10, "访谈者", True, None, None), (15, len(TEXT), "受访者", False, p.id, "00:01:02")]
    units = queries.list_units(store, doc.id)
    assert [(u.start, u.end, u.turn_id) for u in units] == [(4, 10, turns[0].id), (15, 34, turns[1].id), (34, len(TEXT), turns[1].id)]
    assert queries.stats(store)["speakers"] == ["受访者", "访谈者"]
    with pytest.raises(InvalidInput, match="crosses"):
        documents.add_document(store, "bad", TEXT + "！", turns=[documents.TurnSpec(0, 5)],
                               units=[documents.UnitSpec(3, 8, turn=0)])
    assert [d.name for d in queries.list_documents(store)] == ["A03"]  # the failed add left nothing


def test_order_hold_out_rename_and_delete_with_undo(store, doc, code, state):
    d2 = documents.add_document(store, "A02", "受访者：第二份。").value
    assert [d.coding_order for d in queries.list_documents(store)] == [0, 1]
    documents.set_coding_order(store, [d2.id, doc.id])
    assert [d.name for d in queries.list_documents(store)] == ["A02", "A01"]
    with pytest.raises(InvalidInput, match="every document"):
        documents.set_coding_order(store, [d2.id])
    documents.set_held_out(store, d2.id, True)
    documents.rename_document(store, d2.id, "A02 留存")
    assert [(d.name, d.held_out) for d in queries.list_documents(store)][0] == ("A02 留存", True)
    codings.apply_code(store, code.id, doc.id, 0, 3)
    memos.add_memo(store, "文档备忘", "…", document_id=doc.id)
    before = state(store)
    out = documents.delete_document(store, doc.id)
    assert [d.name for d in queries.list_documents(store)] == ["A02 留存"]
    assert queries.list_codings(store) == ()
    history.revert(store, out.undo)
    assert state(store) == before


def test_bulk_codings_are_one_action_all_or_nothing(store, doc, code, state):
    li = coders.add_coder(store, "李文").value
    specs = [codings.CodingSpec(code.id, doc.id, i, i + 2) for i in range(0, 20, 2)]
    specs.append(codings.CodingSpec(code.id, doc.id, 0, 2, coder_id=li.id, comment="另一位编码者"))
    n_events = len(queries.list_events(store))
    out = codings.apply_codes_bulk(store, specs)
    assert out.value == 11 and len(queries.list_codings(store)) == 11
    assert len(queries.list_events(store)) == n_events + 1
    before = state(store)
    with pytest.raises(InvalidInput, match="coding 2: the same coder already coded 0–2"):
        codings.apply_codes_bulk(store, [codings.CodingSpec(code.id, doc.id, 30, 32), codings.CodingSpec(code.id, doc.id, 0, 2)])
    with pytest.raises(InvalidInput, match=r"span 30–99 is not inside document \d+ \(coding 1\)"):
        codings.apply_codes_bulk(store, [codings.CodingSpec(code.id, doc.id, 30, 99)])
    assert state(store) == before
    history.revert(store, out.undo)
    assert queries.list_codings(store) == ()


def test_in_vivo_code_is_named_by_the_words_and_reused(store, doc, state):
    s = TEXT.index("红袖标👍")
    out = codings.code_in_vivo(store, doc.id, s, s + 4)
    (code,) = queries.list_codes(store)
    assert code.name == "红袖标👍" and code.in_vivo and code.level == "concept"
    assert out.value.code_id == code.id
    coders.use_coder(store, "李文")
    before = state(store)
    again = codings.code_in_vivo(store, doc.id, s, s + 4)
    assert again.value.code_id == code.id and len(queries.list_codes(store)) == 1
    history.revert(store, again.undo)
    assert state(store) == before
    with pytest.raises(InvalidInput, match="select some words"):
        codings.code_in_vivo(store, doc.id, TEXT.index("\n"), TEXT.index("\n") + 1)


def test_undo_of_an_action_later_work_depends_on_is_refused_cleanly(store, doc, state):
    created = codes.create_code(store, "新概念")
    codings.apply_code(store, created.value.id, doc.id, 0, 3)
    before = state(store)
    with pytest.raises(InvalidInput, match="later changes depend on it"):
        history.revert(store, created.undo)
    assert state(store) == before
