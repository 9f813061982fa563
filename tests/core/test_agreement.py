"""Inter-coder agreement on real projects: hand-worked examples, the krippendorff package, undefined cases, the CLI.

The two-coder project (`pair`) used by most tests:

    D1 "甲乙丙丁。戊己庚辛。壬癸子丑。"  15 chars; sentences s0 0–5, s1 5–10, s2 10–15; turns 0–10, 10–15
    D2 "寅卯辰巳。午未申酉。"            10 chars; sentences s3 0–5, s4 5–10;          turn  0–10

    张研 (A): X D1 0–5, X D1 10–13, Y D2 0–4
    李文 (B): X D1 1–5, Y D1 5–8,   Y D2 6–9
"""

from __future__ import annotations

import json

import krippendorff
import numpy as np
import pytest

from coding import queries
from coding.agreement import Disagreement, agreement
from coding.cli import main
from coding.errors import InvalidInput
from coding.services import codes, coders, codings, documents
from coding.storage import open_project

D1, D2 = "甲乙丙丁。戊己庚辛。壬癸子丑。", "寅卯辰巳。午未申酉。"
A, B, C = "张研", "李文", "王五"


def add_docs(store):
    d1 = documents.add_document(
        store, "D1", D1, turns=[documents.TurnSpec(0, 10), documents.TurnSpec(10, 15)],
        units=[documents.UnitSpec(0, 5, turn=0), documents.UnitSpec(5, 10, turn=0), documents.UnitSpec(10, 15, turn=1)],
    ).value
    d2 = documents.add_document(
        store, "D2", D2, turns=[documents.TurnSpec(0, 10)],
        units=[documents.UnitSpec(0, 5, turn=0), documents.UnitSpec(5, 10, turn=0)],
    ).value
    return d1.id, d2.id


def code_all(store, rows):
    """rows: (coder name, code id, document id, start, end)."""
    ids = {c.name: c.id for c in queries.list_coders(store)}
    for name, *_ in rows:
        if name not in ids:
            ids[name] = coders.add_coder(store, name).value.id
    specs = [codings.CodingSpec(code, doc, s, e, coder_id=ids[name]) for name, code, doc, s, e in rows]
    codings.apply_codes_bulk(store, specs)


@pytest.fixture
def pair(store):
    d1, d2 = add_docs(store)
    x, y = codes.create_code(store, "X").value.id, codes.create_code(store, "Y").value.id
    code_all(store, [(A, x, d1, 0, 5), (A, x, d1, 10, 13), (A, y, d2, 0, 4),
                     (B, x, d1, 1, 5), (B, y, d1, 5, 8), (B, y, d2, 6, 9)])
    return store, {"d1": d1, "d2": d2, "x": x, "y": y}


def by_code(report):
    return {c.code: c for c in report.codes}


def package_alpha(rows):
    return krippendorff.alpha(reliability_data=np.array(rows, dtype=float), level_of_measurement="nominal")


def test_document_unit_by_hand(pair):
    store, _ = pair
    r = agreement(store, unit="document")
    assert (r.unit, r.coders, r.documents) == ("document", (A, B), ("D1", "D2"))
    # decisions (A, B): D1·X (1,1)  D1·Y (0,1)  D2·X (0,0)  D2·Y (1,1) → 3 of 4 agree
    # p_o = 3/4; p_yes A = 2/4, B = 3/4; p_e = 1/2·3/4 + 1/2·1/4 = 1/2; κ = (3/4 − 1/2) / (1 − 1/2) = 1/2
    assert r.overall.n == 4 and r.overall.percent == 75.0
    assert r.overall.kappa == pytest.approx(0.5, abs=1e-12)
    x, y = by_code(r)["X"], by_code(r)["Y"]
    # X: D1 (1,1), D2 (0,0): p_o = 1, p_e = 1/2·1/2 + 1/2·1/2 = 1/2 → κ = 1
    assert (x.n, x.percent, x.kappa, x.undefined) == (2, 100.0, 1.0, ())
    # Y: D1 (0,1), D2 (1,1): 李文 said present in every document: p_o = 1/2, p_yes A = 1/2, B = 1
    #   p_e = 1/2·1 + 1/2·0 = 1/2 → κ = (1/2 − 1/2) / (1 − 1/2) = 0, with the note why (as irr::kappa2 gives 0)
    assert (y.n, y.percent, y.kappa) == (2, 50.0, 0.0)
    assert y.notes == ("κ: 李文 applied this code to every unit, so κ is 0 whatever the other coder did",)
    assert not any(reason.startswith("κ") for reason in y.undefined)
    # α from the same decisions, rows = coders, columns = (D1·X, D1·Y, D2·X, D2·Y)
    assert r.overall.alpha == pytest.approx(package_alpha([[1, 0, 0, 1], [1, 1, 0, 1]]), abs=1e-9)
    assert y.alpha == pytest.approx(package_alpha([[0, 1], [1, 1]]), abs=1e-9)
    assert r.disagreements == (Disagreement("D1", 0, 15, "Y", (B,), (A,)),)


def test_sentence_unit_by_hand(pair):
    store, _ = pair
    r = agreement(store, unit="sentence")
    # X over s0…s4: (1,1) (0,0) (1,0) (0,0) (0,0) → 4/5 agree
    #   p_yes A = 2/5, B = 1/5; p_e = 2/5·1/5 + 3/5·4/5 = 14/25; κ = (4/5 − 14/25) / (11/25) = 6/11
    # Y over s0…s4: (0,0) (0,1) (0,0) (1,0) (0,1) → 2/5 agree
    #   p_yes A = 1/5, B = 2/5; p_e = 2/25 + 12/25 = 14/25; κ = (2/5 − 14/25) / (11/25) = −4/11
    # overall, 10 pooled decisions: 6 agree; p_yes A = B = 3/10; p_e = 9/100 + 49/100 = 58/100
    #   κ = (60/100 − 58/100) / (42/100) = 1/21
    x, y = by_code(r)["X"], by_code(r)["Y"]
    assert (x.n, x.percent, x.kappa) == (5, 80.0, pytest.approx(6 / 11, abs=1e-12))
    assert (y.n, y.percent, y.kappa) == (5, 40.0, pytest.approx(-4 / 11, abs=1e-12))
    assert (r.overall.n, r.overall.percent, r.overall.kappa) == (10, 60.0, pytest.approx(1 / 21, abs=1e-12))
    # α: the same reliability data written out independently
    x_rows = [[1, 0, 1, 0, 0], [1, 0, 0, 0, 0]]
    y_rows = [[0, 0, 0, 1, 0], [0, 1, 0, 0, 1]]
    assert x.alpha == pytest.approx(package_alpha(x_rows), abs=1e-9)
    assert y.alpha == pytest.approx(package_alpha(y_rows), abs=1e-9)
    assert r.overall.alpha == pytest.approx(package_alpha(np.hstack([x_rows, y_rows])), abs=1e-9)
    assert r.disagreements == (
        Disagreement("D1", 5, 10, "Y", (B,), (A,)),
        Disagreement("D1", 10, 15, "X", (A,), (B,)),
        Disagreement("D2", 0, 5, "Y", (A,), (B,)),
        Disagreement("D2", 5, 10, "Y", (B,), (A,)),
    )


def test_a_document_one_coder_left_uncoded_is_kept(pair):
    store, ids = pair
    d3 = documents.add_document(store, "D3", "第三份访谈。").value.id
    code_all(store, [(A, ids["x"], d3, 0, 2)])  # only 张研 coded D3
    r = agreement(store, unit="document")
    assert r.documents == ("D1", "D2", "D3") and r.both_coded is False
    # decisions (A, B): D1·X (1,1) D1·Y (0,1) D2·X (0,0) D2·Y (1,1) D3·X (1,0) D3·Y (0,0) → 4 of 6 agree
    # yes A = 3, B = 3; p_e = 1/2·1/2 + 1/2·1/2 = 1/2; κ = (2/3 − 1/2) / (1/2) = 1/3
    assert (r.overall.n, r.overall.percent) == (6, pytest.approx(400 / 6))
    assert r.overall.kappa == pytest.approx(1 / 3, abs=1e-12)
    assert Disagreement("D3", 0, 6, "X", (A,), (B,)) in r.disagreements
    # restricted to the documents both coded: the numbers of test_document_unit_by_hand
    both = agreement(store, unit="document", both_coded=True)
    assert both.documents == ("D1", "D2") and both.both_coded is True
    assert (both.overall.n, both.overall.percent, both.overall.kappa) == (4, 75.0, pytest.approx(0.5, abs=1e-12))


def test_holsti_and_composite_reliability_by_hand(pair):
    store, ids = pair
    r = agreement(store, unit="sentence")
    x, y = by_code(r)["X"], by_code(r)["Y"]
    # Holsti K = 2M / (N1 + N2), M = sentences both coded, N1, N2 = sentences each coded; R = 2K / (1 + K)
    # X: A s0 s2, B s0 → M = 1, N1 = 2, N2 = 1 → K = 2/3; R = (4/3) / (5/3) = 4/5
    assert (x.holsti, x.composite) == (pytest.approx(2 / 3, abs=1e-12), pytest.approx(4 / 5, abs=1e-12))
    # Y: A s3, B s1 s4 → M = 0 → K = 0, R = 0
    assert (y.holsti, y.composite) == (0.0, 0.0)
    # overall: M = 1, N1 = 3, N2 = 3 → K = 1/3; R = (2/3) / (4/3) = 1/2
    assert (r.overall.holsti, r.overall.composite) == (pytest.approx(1 / 3, abs=1e-12), pytest.approx(0.5, abs=1e-12))
    # three coders: 王五 codes X s0 and Y s4 (C X 0–5, Y D2 6–9)
    code_all(store, [(C, ids["x"], ids["d1"], 0, 5), (C, ids["y"], ids["d2"], 6, 9)])
    x3 = by_code(agreement(store, unit="sentence"))["X"]
    # X: A s0 s2, B s0, C s0 → K_AB = 2·1/3, K_AC = 2·1/3, K_BC = 2·1/2 = 1; K̄ = (2/3 + 2/3 + 1) / 3 = 7/9
    #   R = 3·7/9 / (1 + 2·7/9) = (7/3) / (23/9) = 21/23
    assert (x3.holsti, x3.composite) == (pytest.approx(7 / 9, abs=1e-12), pytest.approx(21 / 23, abs=1e-12))


def test_holsti_undefined_where_a_pair_never_used_the_code(pair):
    store, ids = pair
    z = codes.create_code(store, "Z").value.id
    code_all(store, [(A, z, ids["d2"], 5, 10), (C, ids["x"], ids["d1"], 0, 5)])
    zm = by_code(agreement(store, unit="sentence"))["Z"]
    # only 张研 applied Z: the pair 李文–王五 has N1 + N2 = 0, so K̄ and R are undefined
    assert (zm.holsti, zm.composite) == (None, None)
    assert "K: 李文 and 王五 never applied this code here (N1 + N2 = 0)" in zm.undefined


def test_brennan_prediger_at_every_unit_by_hand(pair):
    store, ids = pair
    # two values (present, absent), chance 1/2: κ_BP = (p_o − 1/2) / (1 − 1/2) = 2·p_o − 1
    r = agreement(store, unit="sentence")  # X 80 %, Y 40 %, overall 60 % (test_sentence_unit_by_hand)
    x, y = by_code(r)["X"], by_code(r)["Y"]
    assert (x.bp, y.bp, r.overall.bp) == (pytest.approx(0.6), pytest.approx(-0.2), pytest.approx(0.2))
    for unit, percent in (("document", 75.0), ("turn", 400 / 6), ("char", 72.0)):
        m = agreement(store, unit=unit).overall
        assert m.bp == pytest.approx(2 * percent / 100 - 1, abs=1e-12)
    # segments, chance 1 / K codes (MAXQDA), K = 2: at overlap 0.8 only X D1 0–5 / 1–5 match (4/5): 2 of 6 codings
    #   agree → (1/3 − 1/2) / (1 − 1/2) = −1/3; at 0.9 none → (0 − 1/2) / (1/2) = −1
    assert agreement(store, unit="segment", overlap=0.8).overall.bp == pytest.approx(-1 / 3, abs=1e-12)
    assert agreement(store, unit="segment").overall.bp == -1.0


def test_fleiss_kappa_and_three_coder_brennan_prediger_by_hand(pair):
    store, ids = pair
    code_all(store, [(C, ids["x"], ids["d1"], 0, 5), (C, ids["y"], ids["d2"], 6, 9)])
    r = agreement(store, unit="sentence")
    x = by_code(r)["X"]
    # X over s0…s4, coders saying present: 3, 0, 1 (张研), 0, 0 → w = [w0, w1, w2, w3] = [3, 1, 0, 1], m = 3
    # agreeing pairs per sentence k(k−1) + (m−k)(m−k−1): s0 6, s1 6, s2 0 + 2 = 2, s3 6, s4 6 → 26 of 5·6
    #   P_o = 26/30 = 13/15; Brennan & Prediger (Randolph's free-marginal): 2·13/15 − 1 = 11/15
    assert x.bp == pytest.approx(11 / 15, abs=1e-12)
    # Fleiss: p = (3 + 1) / 15 = 4/15; P_e = (4/15)² + (11/15)² = 137/225
    #   κ = (13/15 − 137/225) / (1 − 137/225) = (195 − 137) / 88 = 29/44
    assert x.fleiss == pytest.approx(29 / 44, abs=1e-12)
    stats = pytest.importorskip("statsmodels.stats.inter_rater")
    # rows = sentences, columns = (absent, present) counts
    assert x.fleiss == pytest.approx(stats.fleiss_kappa([[0, 3], [3, 0], [2, 1], [3, 0], [3, 0]]), abs=1e-12)
    assert stats.fleiss_kappa([[0, 3], [3, 0], [2, 1], [3, 0], [3, 0]], method="randolph") == pytest.approx(11 / 15)
    # two coders: no Fleiss' κ (Cohen's applies); no variance: undefined with the reason
    assert agreement(store, unit="sentence", coders=[A, B]).overall.fleiss is None
    z = codes.create_code(store, "Z").value.id
    code_all(store, [(A, z, ids["d1"], 0, 15), (B, z, ids["d1"], 0, 15), (C, z, ids["d1"], 0, 15),
                     (A, z, ids["d2"], 0, 10), (B, z, ids["d2"], 0, 10), (C, z, ids["d2"], 0, 10)])
    zm = by_code(agreement(store, unit="sentence"))["Z"]
    assert zm.fleiss is None and "Fleiss κ: no variance: every decision is present (p_e = 1)" in zm.undefined


def test_percent_over_coded_characters_by_hand(pair):
    store, _ = pair
    r = agreement(store, unit="char")
    x, y = by_code(r)["X"], by_code(r)["Y"]
    # X: both 4 characters, 张研 only 4, neither 17 → over all 25: 84 %; over the 8 coded: 4/8 = 50 %
    # Y: 张研 only 4, 李文 only 6, both 0 → 0 of 10 coded characters agree
    # overall: 4 of 18 coded characters, where the plain percent is 72 %
    assert (x.percent, x.percent_coded) == (84.0, 50.0)
    assert (y.percent, y.percent_coded) == (60.0, 0.0)
    assert (r.overall.percent, r.overall.percent_coded) == (72.0, pytest.approx(400 / 18))


def test_code_frequency_in_the_document_by_hand(pair):
    store, _ = pair
    r = agreement(store, unit="frequency")
    # codings per document × code (张研, 李文): D1·X (2, 1)  D1·Y (0, 1)  D2·Y (1, 1); D2·X nobody → not judged
    # equal counts: D2·Y only → 1 of 3 = 33.3 %; X 0 of 1; Y 1 of 2 = 50 %
    # (code existence, unit "document", counts D1·X as agreement: both applied X there)
    assert (r.unit, r.overall.n, r.overall.percent) == ("frequency", 3, pytest.approx(100 / 3))
    x, y = by_code(r)["X"], by_code(r)["Y"]
    assert (x.n, x.percent, y.n, y.percent) == (1, 0.0, 2, 50.0)
    assert r.overall.kappa is None and "κ: not defined for code frequencies; see percent" in r.overall.undefined
    # a disagreement names the coders with the most codings of the code there
    assert r.disagreements == (Disagreement("D1", 0, 15, "X", (A,), (B,)), Disagreement("D1", 0, 15, "Y", (B,), (A,)))


def test_turn_unit(pair):
    store, _ = pair
    r = agreement(store, unit="turn")
    # turns t0 D1 0–10, t1 D1 10–15, t2 D2 0–10
    # X: (1,1) (1,0) (0,0) → 2/3;  Y: (0,1) (0,0) (1,1) → 2/3
    assert (r.overall.n, r.overall.percent) == (6, pytest.approx(400 / 6))
    assert r.overall.alpha == pytest.approx(package_alpha([[1, 1, 0, 0, 0, 1], [1, 0, 0, 1, 0, 1]]), abs=1e-9)
    assert [(d.document, d.start, d.end, d.code) for d in r.disagreements] == [("D1", 0, 10, "Y"), ("D1", 10, 15, "X")]


def test_char_unit_by_hand(pair):
    store, _ = pair
    r = agreement(store, unit="char")
    # 25 characters per code. X: A covers D1 0–5 and 10–13 (8), B covers D1 1–5 (4); both 4, A only 4, neither 17
    #   agree 21/25 = 84 %; p_e = (8·4 + 17·21) / 625 = 389/625; κ = (525 − 389) / (625 − 389) = 34/59
    # Y: A covers D2 0–4 (4), B covers D1 5–8 and D2 6–9 (6); both 0, neither 15 → 60 %
    #   p_e = (4·6 + 21·19) / 625 = 423/625; κ = (375 − 423) / (625 − 423) = −24/101
    # overall, 50 decisions: agree 36 → 72 %; yes A 12, B 10; p_e = (120 + 38·40) / 2500 = 1640/2500
    #   κ = (1800 − 1640) / (2500 − 1640) = 8/43
    x, y = by_code(r)["X"], by_code(r)["Y"]
    assert (x.n, x.percent, x.kappa) == (25, 84.0, pytest.approx(34 / 59, abs=1e-12))
    assert (y.n, y.percent, y.kappa) == (25, 60.0, pytest.approx(-24 / 101, abs=1e-12))
    assert (r.overall.n, r.overall.percent, r.overall.kappa) == (50, 72.0, pytest.approx(8 / 43, abs=1e-12))
    # α against per-character reliability data built here one character at a time
    text_len = {"D1": 15, "D2": 10}

    def chars(spans):
        row = []
        for doc in ("D1", "D2"):
            row += [int(any(d == doc and s <= i < e for d, s, e in spans)) for i in range(text_len[doc])]
        return row

    x_rows = [chars([("D1", 0, 5), ("D1", 10, 13)]), chars([("D1", 1, 5)])]
    y_rows = [chars([("D2", 0, 4)]), chars([("D1", 5, 8), ("D2", 6, 9)])]
    assert x.alpha == pytest.approx(package_alpha(x_rows), abs=1e-9)
    assert y.alpha == pytest.approx(package_alpha(y_rows), abs=1e-9)
    assert r.overall.alpha == pytest.approx(package_alpha(np.hstack([x_rows, y_rows])), abs=1e-9)
    assert r.disagreements == (
        Disagreement("D1", 0, 1, "X", (A,), (B,)),
        Disagreement("D1", 5, 8, "Y", (B,), (A,)),
        Disagreement("D1", 10, 13, "X", (A,), (B,)),
        Disagreement("D2", 0, 4, "Y", (A,), (B,)),
        Disagreement("D2", 6, 9, "Y", (B,), (A,)),
    )


def test_char_unit_merges_a_coders_overlapping_codings(pair):
    store, ids = pair
    # A codes X D1 2–8 as well: A's X now covers 0–8 and 10–13 once each, not 2–5 twice
    code_all(store, [(A, ids["x"], ids["d1"], 2, 8)])
    x = by_code(agreement(store, unit="char"))["X"]
    # A covers 11 characters, B 4 (inside A's), neither 14: agree 18/25
    assert x.percent == 72.0


def test_three_coders_have_alpha_and_no_kappa(pair):
    store, ids = pair
    code_all(store, [(C, ids["x"], ids["d1"], 0, 5), (C, ids["y"], ids["d2"], 6, 9)])
    r = agreement(store, unit="sentence")
    assert r.coders == (A, B, C)
    # rows = coders; columns = X s0…s4 then Y s0…s4
    rows = [[1, 0, 1, 0, 0, 0, 0, 0, 1, 0],
            [1, 0, 0, 0, 0, 0, 1, 0, 0, 1],
            [1, 0, 0, 0, 0, 0, 0, 0, 0, 1]]
    assert r.overall.kappa is None and r.overall.alpha == pytest.approx(package_alpha(rows), abs=1e-9)
    assert any("two coders" in reason for reason in r.overall.undefined)
    # unanimous decisions: X s0, s1, s3, s4; Y s0, s2 → 6 of 10
    assert r.overall.percent == 60.0
    x = by_code(r)["X"]
    assert x.kappa is None and x.alpha == pytest.approx(package_alpha([row[:5] for row in rows]), abs=1e-9)
    assert Disagreement("D2", 5, 10, "Y", (B, C), (A,)) in r.disagreements
    # two of the three, by name
    assert agreement(store, unit="sentence", coders=[A, C]).coders == (A, C)


def test_no_variance_is_undefined(store):
    d1, d2 = add_docs(store)
    x = codes.create_code(store, "X").value.id
    code_all(store, [(A, x, d1, 0, 3), (A, x, d2, 0, 3), (B, x, d1, 4, 6), (B, x, d2, 1, 2)])
    r = agreement(store, unit="document")
    # both coders said "present" for X in both documents: p_e = 1, one value only
    x = by_code(r)["X"]
    assert (x.percent, x.kappa, x.alpha, x.n) == (100.0, None, None, 2)
    assert any(reason.startswith("κ: no variance") and "p_e = 1" in reason for reason in x.undefined)
    assert any(reason.startswith("α: no variance") for reason in x.undefined)
    assert r.disagreements == ()


def test_a_coder_who_never_used_a_code(pair):
    store, ids = pair
    z = codes.create_code(store, "Z").value.id
    code_all(store, [(A, z, ids["d2"], 5, 10)])
    z = by_code(agreement(store, unit="sentence"))["Z"]
    # Z: only A, in s4 → p_o = 4/5; p_yes A = 1/5, B = 0; p_e = 1/5·0 + 4/5·1 = 4/5
    #   κ = (4/5 − 4/5) / (1 − 4/5) = 0 — defined (p_e < 1), 0 with the reason beside it; α is defined
    assert (z.percent, z.kappa) == (80.0, 0.0)
    assert z.notes == ("κ: 李文 never applied this code here, so κ is 0 whatever the other coder did",)
    assert not any(reason.startswith("κ") for reason in z.undefined)
    assert z.alpha == pytest.approx(package_alpha([[0, 0, 0, 0, 1], [0, 0, 0, 0, 0]]), abs=1e-9)


def test_kappa_is_undefined_only_where_chance_agreement_is_1():
    from coding.agreement import cohen_kappa

    # n = 4, both coders "absent" everywhere: p_e = 1·1 = 1 → undefined
    assert cohen_kappa(4, 0, 0, 0)[0] is None
    # both "present" everywhere: p_e = 1 → undefined
    assert cohen_kappa(4, 4, 4, 4)[0] is None
    # opposite constants: A never, B always: p_o = 0, p_e = 0·1 + 1·0 = 0 → κ = 0, with the note
    kappa, note = cohen_kappa(4, 0, 0, 4)
    assert kappa == 0.0 and note.startswith("A never applied")
    # A never, B in 1 of 4: p_o = 3/4, p_e = 0·1/4 + 1·3/4 = 3/4 → κ = 0
    assert cohen_kappa(4, 0, 0, 1)[0] == 0.0
    sklearn = pytest.importorskip("sklearn.metrics")
    assert sklearn.cohen_kappa_score([0, 0, 0, 0], [0, 0, 0, 1]) == 0.0
    # A 111000, B 110001: n = 6, both present 2, yes A = B = 3; agree 4 → p_o = 2/3
    #   p_e = 1/2·1/2 + 1/2·1/2 = 1/2; κ = (2/3 − 1/2) / (1/2) = 1/3, as sklearn says
    a, b = [1, 1, 1, 0, 0, 0], [1, 1, 0, 0, 0, 1]
    assert cohen_kappa(6, 2, 3, 3) == (pytest.approx(1 / 3, abs=1e-14), "")
    assert sklearn.cohen_kappa_score(a, b) == pytest.approx(1 / 3, abs=1e-14)


def test_no_units_of_a_kind_is_undefined(store):
    d = documents.add_document(store, "plain", "没有分句的文本").value.id
    x = codes.create_code(store, "X").value.id
    code_all(store, [(A, x, d, 0, 2), (B, x, d, 1, 3)])
    r = agreement(store, unit="sentence")
    assert (r.overall.n, r.overall.percent, r.overall.kappa, r.overall.alpha) == (0, None, None, None)
    assert "percent: no sentence units in these documents" in r.overall.undefined


def test_errors_name_the_problem(pair):
    store, ids = pair
    with pytest.raises(InvalidInput, match="no coder named '王五'"):
        agreement(store, coders=[A, C])
    coders.add_coder(store, C)
    with pytest.raises(InvalidInput, match="'王五' has no codings"):
        agreement(store, coders=[A, C])
    with pytest.raises(InvalidInput, match="at least two coders, not only 张研"):
        agreement(store, coders=[A, A])
    with pytest.raises(InvalidInput, match="unknown agreement unit"):
        agreement(store, unit="paragraph")
    with pytest.raises(InvalidInput, match="overlap"):
        agreement(store, unit="segment", overlap=0)
    d3 = documents.add_document(store, "D3", "第三份访谈。").value.id
    code_all(store, [(C, ids["x"], d3, 0, 2)])
    with pytest.raises(InvalidInput, match="张研, 王五 have not coded any document in common"):
        agreement(store, coders=[A, C], both_coded=True)
    assert agreement(store, coders=[A, C]).documents == ("D1", "D2", "D3")  # by default: any of them coded


def test_only_one_coder_is_an_error(store):
    d1, _ = add_docs(store)
    x = codes.create_code(store, "X").value.id
    code_all(store, [(A, x, d1, 0, 3)])
    with pytest.raises(InvalidInput, match="at least two coders with codings; only 张研 has codings"):
        agreement(store)


def test_segment_matching(store):
    text = "受访者：" + "社区民警常来走访。" * 50  # 454 characters
    d = documents.add_document(store, "S", text).value.id
    x, y = codes.create_code(store, "X").value.id, codes.create_code(store, "Y").value.id
    # X: A 0–100 vs B 0–95 overlap 95/100 = 0.95 ≥ 0.9 → both agree;
    #    A 200–300 vs B 250–300 overlap 50/100 = 0.5 → both disagree
    # Y: A 400–420 = B 400–420 → both agree
    code_all(store, [(A, x, d, 0, 100), (A, x, d, 200, 300), (A, y, d, 400, 420),
                     (B, x, d, 0, 95), (B, x, d, 250, 300), (B, y, d, 400, 420)])
    r = agreement(store, unit="segment")
    xm, ym = by_code(r)["X"], by_code(r)["Y"]
    assert (xm.n, xm.percent, xm.kappa, xm.alpha) == (4, 50.0, None, None)
    assert (ym.n, ym.percent) == (2, 100.0)
    # overall: 4 agreements of 6 codings; Brennan & Prediger with K = 2 codes: (4/6 − 1/2) / (1 − 1/2) = 1/3
    assert (r.overall.n, r.overall.percent) == (6, pytest.approx(400 / 6))
    assert r.overall.kappa == pytest.approx(1 / 3, abs=1e-12) and r.overall.alpha is None
    # Holsti: 2M = 4 matched codings of N1 + N2 = 6 → K = 2/3; R = (4/3) / (5/3) = 4/5
    assert (r.overall.holsti, r.overall.composite) == (pytest.approx(2 / 3), pytest.approx(4 / 5))
    assert "α: not defined for segment matching" in r.overall.undefined
    assert r.disagreements == (Disagreement("S", 200, 300, "X", (A,), (B,)),
                               Disagreement("S", 250, 300, "X", (B,), (A,)))
    assert agreement(store, unit="segment", overlap=0.5).overall.percent == 100.0  # 50/100 reaches 0.5
    assert agreement(store, unit="segment", overlap=0.96).overall.percent == pytest.approx(200 / 6)  # 0.95 no longer


def test_demo_project_runs_every_unit(tmp_path):
    path = tmp_path / "demo.zhagen"
    assert main(["demo", str(path)]) == 0
    with open_project(path, backup=False) as store:
        for unit in ("document", "frequency", "sentence", "turn", "char", "segment"):
            # 李文 double-coded 4 of the 10 documents: by default all 10 are compared, with --both-coded the 4
            assert len(agreement(store, unit=unit, both_coded=True).documents) == 4
            r = agreement(store, unit=unit)
            assert r.coders == (A, B) and len(r.documents) == 10
            assert r.overall.n > 0 and 0 <= r.overall.percent <= 100
            assert (r.overall.kappa is not None) == (unit != "frequency")
            assert r.codes and r.disagreements
            assert all(d.document in r.documents and d.start < d.end for d in r.disagreements)


def test_cli_json_shape(pair, location, capsys):
    store, ids = pair
    assert main(["agreement", location, "--unit", "sentence", "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out) == {"unit", "coders", "documents", "both_coded", "overall", "codes"}
    assert out["both_coded"] is False
    assert out["unit"] == "sentence" and out["coders"] == [A, B] and out["documents"] == ["D1", "D2"]
    fields = {"percent", "percent_coded", "kappa", "fleiss", "alpha", "bp", "holsti", "composite", "n", "undefined",
              "notes"}
    assert set(out["overall"]) == fields
    assert out["overall"]["n"] == 10 and out["overall"]["percent"] == 60.0
    assert [c["code"] for c in out["codes"]] == ["X", "Y"]
    assert set(out["codes"][0]) == {"code", *fields}
    assert out["overall"]["holsti"] == pytest.approx(1 / 3) and out["overall"]["bp"] == pytest.approx(0.2)

    code_all(store, [(C, ids["x"], ids["d1"], 0, 5), (C, ids["y"], ids["d2"], 6, 9)])
    assert main(["agreement", location, "--coders", f"{A},{B},{C}", "--unit", "char", "--json", "--disagreements"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["overall"]["kappa"] is None and isinstance(out["overall"]["alpha"], float)
    assert isinstance(out["overall"]["fleiss"], float)
    assert out["disagreements"][0] == {"document": "D1", "start": 0, "end": 1, "code": "X",
                                       "coded_by": [A, C], "not_by": [B]}

    assert main(["agreement", location, "--unit", "segment", "--overlap", "0.5"]) == 0
    text = capsys.readouterr().out
    assert "agreement by segment, overlap ≥ 0.5" in text and "(overall)\t" in text
    assert "documents any of them coded" in text
    assert "code\tn\tpercent\tpercent_coded\tfleiss\talpha\tbp\tholsti\tcomposite" in text  # three coders now
    assert main(["agreement", location, "--both-coded", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["both_coded"] is True
    assert main(["agreement", location, "--coders", "张研,无名"]) == 1
    assert capsys.readouterr().err.strip() == "zhagen: no coder named '无名'"


@pytest.mark.parametrize("seed", range(12))
def test_random_material_against_sklearn_and_statsmodels(seed):
    """Per-code Cohen's κ, Fleiss' κ and Brennan–Prediger on random sentence units, against the libraries fed
    presence tables built here unit by unit (no sharing of code with coding.agreement)."""
    from coding.agreement import Material, compare

    metrics = pytest.importorskip("sklearn.metrics")
    inter_rater = pytest.importorskip("statsmodels.stats.inter_rater")
    rng = np.random.default_rng(seed)
    m = 2 + seed % 3  # 2, 3 or 4 coders
    lengths = rng.integers(20, 60, size=3)
    units = []
    for d, length in enumerate(lengths.tolist()):
        cuts = sorted(set(rng.integers(1, length, size=4).tolist()))
        bounds = [0, *cuts, length]
        units += [(d, s, e) for s, e in zip(bounds, bounds[1:])]
    rows = []
    for _ in range(rng.integers(5, 25)):
        d = int(rng.integers(0, 3))
        s = int(rng.integers(0, lengths[d] - 1))
        rows.append((int(rng.integers(0, 3)), d, s, int(rng.integers(s + 1, lengths[d] + 1)), int(rng.integers(0, m))))
    for i in range(m):  # every coder has a coding
        rows.append((0, 0, 0, 3, i))
    material = Material(tuple(f"c{i}" for i in range(m)), ("d0", "d1", "d2"), (1, 2, 3), lengths.astype(np.int64),
                        ("X", "Y", "Z"), np.array(rows, dtype=np.int64))
    report = compare(material, "sentence", units=np.array(units, dtype=np.int64))
    for c, measures in enumerate(report.codes):
        table = [[int(any(code == c and doc == d and cd == i and s < e_ and e > s_ for code, doc, s, e, cd in rows))
                  for i in range(m)] for d, s_, e_ in units]
        counts = [[m - sum(r), sum(r)] for r in table]
        assert measures.bp == pytest.approx(inter_rater.fleiss_kappa(counts, method="randolph"), abs=1e-12)
        columns = list(zip(*table))
        constant_equal = all(len(set(col)) == 1 for col in columns) and len({col[0] for col in columns}) == 1
        if m == 2:
            if constant_equal:
                assert measures.kappa is None
            else:
                assert measures.kappa == pytest.approx(metrics.cohen_kappa_score(*columns), abs=1e-12)
        else:
            total = sum(sum(r) for r in table)
            if total in (0, len(units) * m):
                assert measures.fleiss is None
            else:
                assert measures.fleiss == pytest.approx(inter_rater.fleiss_kappa(counts), abs=1e-12)
