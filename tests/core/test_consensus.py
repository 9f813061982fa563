"""Consensus pass: items from two coders' codings, each decision one undoable action, progress, resuming.

The project (`pair`):

    D1 "甲乙丙丁。戊己庚辛。壬癸子丑。"  D2 "寅卯辰巳。午未申酉。"

    张研 (A): X D1 0–5, X D1 10–13, Y D2 0–4, Y D1 5–8
    李文 (B): X D1 1–5, Y D1 5–8,   Y D2 6–9

Items: X D1 0–5 (A 0–5, B 1–5), Y D1 5–8 (both 5–8: agreed), X D1 10–13 (A only), Y D2 0–4 (A only),
Y D2 6–9 (B only).
"""

from __future__ import annotations

import pytest

from coding import queries
from coding.errors import InvalidInput, NotFound
from coding.services import codes, consensus, history
from coding.services.consensus import CONSENSUS_CODER
from tests.core.test_agreement import A, B, add_docs, code_all


@pytest.fixture
def pair(store):
    d1, d2 = add_docs(store)
    x, y = codes.create_code(store, "X").value.id, codes.create_code(store, "Y").value.id
    code_all(store, [(A, x, d1, 0, 5), (A, x, d1, 10, 13), (A, y, d2, 0, 4), (A, y, d1, 5, 8),
                     (B, x, d1, 1, 5), (B, y, d1, 5, 8), (B, y, d2, 6, 9)])
    return store, {"d1": d1, "d2": d2, "x": x, "y": y}


def consensus_spans(store):
    cid = consensus.consensus_coder_id(store)
    if cid is None:
        return []
    return sorted((r.document, r.code_path, r.start, r.end) for r in queries.list_codings(store, coder_id=cid))


def test_items_group_overlapping_codings_per_document_and_code(pair):
    store, _ = pair
    items = consensus.consensus_items(store, [A, B])
    assert [(it.document, it.code_path, it.start, it.end, it.coders) for it in items] == [
        ("D1", "X", 0, 5, (A, B)), ("D1", "Y", 5, 8, (A, B)), ("D1", "X", 10, 13, (A,)),
        ("D2", "Y", 0, 4, (A,)), ("D2", "Y", 6, 9, (B,))]
    assert [it.agreed([A, B]) for it in items] == [False, True, False, False, False]
    assert items[0].spans_of(B)[0].text == "乙丙丁。"
    assert consensus.progress(store, [A, B]) == consensus.Progress(0, 5, 1, 0)


def test_group_spans_chains_overlaps_and_keeps_touching_spans_apart():
    assert consensus.group_spans([(5, 8), (0, 3), (2, 6), (8, 9)]) == [[1, 2, 0], [3]]


def test_each_decision_is_one_undoable_action_and_originals_stay(pair, state):
    store, _ = pair
    before = queries.coding_counts_by_coder(store)
    items = consensus.consensus_items(store, [A, B])
    first = consensus.decide(store, [A, B], items[0].key, "accept", coder=B)
    assert consensus_spans(store) == [("D1", "X", 1, 5)]
    second = consensus.decide(store, [A, B], items[2].key, "neither")
    third = consensus.decide(store, [A, B], items[3].key, "edit", span=(0, 2))
    assert consensus_spans(store) == [("D1", "X", 1, 5), ("D2", "Y", 0, 2)]
    assert consensus.progress(store, [A, B]).decided == 3
    # resumable: a fresh read knows the decisions, "neither" included
    assert [it.decision for it in consensus.consensus_items(store, [A, B])] == ["accept", None, "neither", "edit", None]
    counts = queries.coding_counts_by_coder(store)
    assert {k: v for k, v in counts.items() if k in before} == before
    history.revert(store, third.undo)
    history.revert(store, second.undo)
    assert consensus.progress(store, [A, B]).decided == 1
    history.revert(store, first.undo)
    assert consensus.consensus_coder_id(store) is None  # added with the first decision, gone with its undo
    assert consensus.progress(store, [A, B]).decided == 0


def test_both_merges_identical_spans_and_deciding_again_replaces(pair):
    store, _ = pair
    items = consensus.consensus_items(store, [A, B])
    consensus.decide(store, [A, B], items[0].key, "both")
    assert consensus_spans(store) == [("D1", "X", 0, 5), ("D1", "X", 1, 5)]
    consensus.decide(store, [A, B], items[0].key, "accept", coder=A)
    assert consensus_spans(store) == [("D1", "X", 0, 5)]
    consensus.decide(store, [A, B], items[1].key, "both")
    assert ("D1", "Y", 5, 8) in consensus_spans(store) and len(consensus_spans(store)) == 2


def test_settle_agreed_takes_identical_codings_in_one_action(pair):
    store, _ = pair
    outcome = consensus.settle_agreed(store, [A, B])
    assert outcome.value == 1
    assert consensus_spans(store) == [("D1", "Y", 5, 8)]
    assert consensus.progress(store, [A, B]) == consensus.Progress(1, 5, 1, 1)
    assert consensus.settle_agreed(store, [A, B]).value == 0
    history.revert(store, outcome.undo)
    assert consensus_spans(store) == []


def test_refusals(pair):
    store, _ = pair
    items = consensus.consensus_items(store, [A, B])
    with pytest.raises(InvalidInput):
        consensus.consensus_items(store, [A])
    with pytest.raises(InvalidInput):
        consensus.consensus_items(store, [A, "nobody"])
    with pytest.raises(InvalidInput):
        consensus.decide(store, [A, B], items[2].key, "accept", coder=B)  # B made nothing there
    with pytest.raises(InvalidInput):
        consensus.decide(store, [A, B], items[2].key, "edit", span=(3, 99))
    with pytest.raises(InvalidInput):
        consensus.decide(store, [A, B], items[2].key, "maybe")
    with pytest.raises(NotFound):
        consensus.decide(store, [A, B], "nope", "neither")
    assert consensus.consensus_coder_id(store) is None
    consensus.decide(store, [A, B], items[2].key, "neither")
    with pytest.raises(InvalidInput):
        consensus.consensus_items(store, [A, CONSENSUS_CODER])
