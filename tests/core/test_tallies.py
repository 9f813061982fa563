"""The live counts behind the workbench's views, and the quick reads they use after a click.

The tally keeps counts up to date from what each call changed; these tests
check that what it holds after many changes equals what counting afresh
gives, and that the shortcuts (row images instead of a read, quotes cut from
a text already loaded) return exactly what the full queries return.
"""

from __future__ import annotations

import random

import pytest

from coding import queries
from coding.errors import NotFound
from coding.services import codes, coders, codings, documents, participants
from coding.tallies import CodingTally
from coding.values import CodingPosition

# Characters outside the BMP (𠮷, 👍) count as one code point each.
TEXT = "访谈者：小区安全吗？\n受访者：挺好的，𠮷野家门口有红袖标👍，晚上也巡逻。大家轮流值守，心里踏实。"


def fresh_coverage(tally: CodingTally, document_id: int, length: int) -> float:
    covered, reach = 0, 0
    for start, end in sorted((r.start, r.end) for r in tally.document_codings(document_id)):
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered / length


def test_coverage_stays_equal_to_counting_afresh_as_codings_come_and_go():
    rng = random.Random(20261123)
    rows = []
    for i in range(60):
        start = rng.randrange(0, 400)
        rows.append(CodingPosition(i, rng.randint(1, 3), rng.randint(1, 2), start, start + rng.randint(1, 50), 1))
    tally = CodingTally(rows)
    assert tally.coverage(1, 500) == pytest.approx(fresh_coverage(tally, 1, 500))
    next_id = 100
    for step in range(400):
        if tally.rows and rng.random() < 0.5:
            tally._remove(tally.rows[rng.choice(sorted(tally.rows))])
        else:
            start = rng.randrange(0, 400)
            tally._add(CodingPosition(next_id, 1, rng.randint(1, 2), start, start + rng.randint(1, 90), 1))
            next_id += 1
        for document_id in (1, 2):
            assert tally.coverage(document_id, 500) == pytest.approx(fresh_coverage(tally, document_id, 500)), step
            assert tally.document_count(document_id) == len(tally.document_codings(document_id))


def test_coverage_after_big_and_code_only_changes_equals_counting_afresh():
    rows = [CodingPosition(i, 1, 1 + i % 2, 3 * i, 3 * i + 7, 1) for i in range(300)]
    tally = CodingTally(rows)
    tally.update(None, frozenset({0}), {0: None})  # a small change: the share follows it
    image = {"id": 1, "code_id": 2, "document_id": 2, "start": 3, "end": 10, "coder_id": 1}
    tally.update(None, frozenset({1}), {1: image})  # another code, same place
    assert tally.rows[1].code_id == 2
    gone = frozenset(range(2, 250))  # a big change (a deleted code): the share is counted afresh
    tally.update(None, gone, dict.fromkeys(gone))
    for document_id in (1, 2):
        assert tally.coverage(document_id, 1000) == pytest.approx(fresh_coverage(tally, document_id, 1000))
    tally.update(None, frozenset({2}), {2: {**image, "id": 2, "start": 0, "end": 900}})
    assert tally.coverage(2, 1000) == pytest.approx(fresh_coverage(tally, 2, 1000))


@pytest.fixture
def doc(store):
    person = participants.add_participant(store, "A01").value
    return documents.add_document(store, "A01 访谈", TEXT, source_name="A01.txt", participant_id=person.id).value


def test_update_from_the_row_images_equals_reading_the_rows_back(store, doc):
    code = codes.create_code(store, "红袖标巡逻").value
    by_images, by_reading = CodingTally.load(store), CodingTally.load(store)
    calls = [lambda: codings.apply_code(store, code.id, doc.id, 0, 3),
             lambda: codings.apply_code(store, code.id, doc.id, 2, 9),
             lambda: codings.resize_coding(store, min(by_reading.rows), 1, 5),
             lambda: codings.remove_coding(store, max(by_reading.rows))]
    for call in calls:
        outcome = call()
        ids = outcome.changes.ids("codings")
        images = {change.id: change.after for change in outcome.undo.rows if change.table == "codings"}
        assert by_images.update(store, ids, images) == by_reading.update(store, ids)
        assert by_images.rows == by_reading.rows == {r.id: r for r in queries.coding_positions(store)}
        assert by_images.coverage(doc.id, doc.length) == pytest.approx(fresh_coverage(by_reading, doc.id, doc.length))


def test_codings_by_id_quotes_from_a_held_text_exactly_as_list_codings_does(store, doc):
    concept = codes.create_code(store, "红袖标巡逻").value
    spans = [(0, 3), (2, 9), (TEXT.index("𠮷"), TEXT.index("👍") + 1), (len(TEXT) - 4, len(TEXT))]
    for start, end in spans:
        codings.apply_code(store, concept.id, doc.id, start, end, comment=f"{start}")
    coders.use_coder(store, "李文")
    other = codings.apply_code(store, concept.id, doc.id, 0, 3).value
    everything = {r.id: r for r in queries.list_codings(store, context=20)}
    ids = set(everything)
    paths = queries.code_paths(queries.list_codes(store))
    held = {r.id: r for r in queries.codings_by_id(store, ids, paths=paths, context=20, texts={doc.id: TEXT})}
    read = {r.id: r for r in queries.codings_by_id(store, ids, paths=paths, context=20)}
    assert held == read == everything
    assert held[other.id].participant == "A01" and held[other.id].coder == "李文"
    mine = queries.codings_by_id(store, ids, paths=paths, context=20, coder_id=other.coder_id, texts={doc.id: TEXT})
    assert [r.id for r in mine] == [other.id]
    assert queries.codings_by_id(store, set(), paths=paths) == ()


def test_apply_code_still_names_what_is_missing(store, doc):
    with pytest.raises(NotFound, match="no code with id 999"):
        codings.apply_code(store, 999, doc.id, 0, 3)
    code = codes.create_code(store, "红袖标巡逻").value
    with pytest.raises(NotFound, match="no document with id 999"):
        codings.apply_code(store, code.id, 999, 0, 3)
