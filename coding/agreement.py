"""Inter-coder agreement: percent agreement, Cohen's κ and Krippendorff's α, per code and overall.

`agreement(store, …)` loads what the coders are compared on (`load_material`)
and hands plain arrays to the pure `compare`. The rules, as a methods section
states them:

Material
- Documents: by default those any compared coder coded (has at least one
  coding in), as MAXQDA compares them: in a document one coder left uncoded,
  that coder said "absent" everywhere, so the other's codings are
  disagreements. `both_coded=True` keeps only the documents every compared
  coder coded; the report says which rule was used (`both_coded`).
- Codes: those any compared coder applied in these documents, taken as applied:
  a coding of 甲>乙 counts for 甲>乙, not for 甲. Codes nobody applied there
  are left out; they would only add decisions on which everyone says "absent".

Decisions (units "document", "sentence", "turn", "char")
- Each coder says "present" or "absent" for every unit × code:
  document — the unit is the whole document; present = at least one coding of
  the code in it. Per document, not per participant: each interview is coded
  on its own, so a participant with two interviews gives two units.
  sentence — the segmentation units of the import (sentences, or clauses in a
  project imported with --clauses); present = a coding of the code shares at
  least one character with the unit. Text outside every unit is not judged.
  turn — the speaker turns, with the same rule.
  char — every character (code point) of the documents; present = inside a
  coding of the code (NVivo's rule). Worked out on spans, never per character.
- percent: the share (0–100) of decisions on which all coders agree.
- κ: Cohen's, two coders only: p_o = observed agreement, p_e = p_yes·p_yes′ +
  p_no·p_no′ from each coder's own marginals, κ = (p_o − p_e) / (1 − p_e).
  Undefined only where p_e = 1 (both coders constant and equal); a coder who
  never used a code gives κ = 0 (as irr::kappa2 and sklearn), with a note why.
- α: Krippendorff's nominal α, from the `krippendorff` package.
- Holsti's K = 2M / (N1 + N2) per pair of coders: M the decisions both said
  present, N1 and N2 each one's "present" decisions; with n coders K̄ is the
  mean over the pairs, and the composite reliability R = nK̄ / (1 + (n − 1)K̄).
- Brennan & Prediger's κ (free-marginal, Randolph's for m coders): P_o = the
  share of agreeing coder pairs per decision, Σ_k w_k (k(k−1) + (m−k)(m−k−1))
  / (n m (m−1)) where w_k decisions have k coders saying present (for two
  coders P_o = percent / 100); chance 1/q with q = 2 values: κ_BP = 2P_o − 1.
- percent over coded: agreement among the decisions some coder said present,
  w_m / (n − w_0): for characters, over coded characters only (uncoded text,
  on which everyone trivially agrees, inflates the plain percent).
- Fleiss' κ, three or more coders: P̄ = P_o as above, p = Σ_k k w_k / (n m),
  P_e = p² + (1 − p)², κ = (P̄ − P_e) / (1 − P_e); undefined where P_e = 1.
- Overall pools the unit × code decisions of every code into one table (κ from
  the pooled 2×2 table, α from the pooled data); it is not a mean of the codes.

Code frequency (unit "frequency", MAXQDA's "code frequency in the document")
- Beside "document" (MAXQDA's "code existence in the document"): the coders
  agree on a document × code when each applied the code there equally often.
  Judged are the document × code pairs some coder applied; percent = agreeing
  pairs / judged pairs. A disagreement names the coders with the most codings.
  κ and α are not defined for these counts.

Segments (unit "segment", MAXQDA's segment-level agreement)
- A coding agrees when every other coder has a coding of the same code in the
  same document covering at least `overlap` of the span the two cover
  together: |A ∩ B| / |A ∪ B| ≥ overlap (MAXQDA's overlap percentage; 0.9).
- Every coder's codings are judged: percent = agreements / (agreements +
  disagreements), n = the codings judged.
- Holsti's K, two coders: the matched codings of both over all their codings
  (2M / (N1 + N2)), R = 2K / (1 + K).
- κ, two coders, overall only: MAXQDA's Brennan & Prediger κ with chance
  1 / K for the K codes compared. No standard κ exists per code, and α is not
  defined for segment matching (there are no unit × value data to feed it).

A value that cannot be computed is None with the reason, never a stand-in number.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, replace
from typing import Sequence

import krippendorff
import numpy as np

from coding import queries
from coding.errors import InvalidInput
from coding.messages import Message
from coding.storage import ProjectStore

UNITS = ("document", "frequency", "sentence", "turn", "char", "segment")
UNIT_NAMES = {str(name): name for name in (Message("document"), Message("frequency"), Message("sentence"),
                                           Message("turn"), Message("char"), Message("segment"))}  # UNITS, as messages name them
_THIS_CODE, _ANY_CODE = Message("this code"), Message("any code")
_PRESENT, _ABSENT, _PERCENT = Message("present"), Message("absent"), Message("percent")
MAX_CODERS = 62  # who coded a unit is a bit mask in a 64-bit integer


@dataclass(frozen=True)
class Measures:
    """Agreement over a set of decisions; None where undefined, with the reasons in `undefined`."""

    percent: float | None  # 0–100
    kappa: float | None
    alpha: float | None
    n: int  # decisions (unit × code), or codings judged for segments
    undefined: tuple[Message, ...] = ()  # why a measure is None, each "κ: …" (say() gives it in Chinese)
    notes: tuple[Message, ...] = ()  # why a defined value is what it is ("κ: … never applied …, so κ is 0")
    holsti: float | None = None  # Holsti's K = 2M / (N1 + N2), the mean over coder pairs
    composite: float | None = None  # composite reliability R = nK / (1 + (n − 1)K) for n coders
    bp: float | None = None  # Brennan & Prediger's κ (chance 1/2 per decision; segments 1 / codes)
    percent_coded: float | None = None  # percent over the decisions some coder said present (coded characters …)
    fleiss: float | None = None  # Fleiss' κ, three or more coders


@dataclass(frozen=True)
class CodeMeasures:
    """Measures of one code, named by its path ("A>B")."""

    code: str
    percent: float | None
    kappa: float | None
    alpha: float | None
    n: int
    undefined: tuple[Message, ...] = ()  # why a measure is None, each "κ: …" (say() gives it in Chinese)
    notes: tuple[Message, ...] = ()  # why a defined value is what it is ("κ: … never applied …, so κ is 0")
    holsti: float | None = None  # Holsti's K = 2M / (N1 + N2), the mean over coder pairs
    composite: float | None = None  # composite reliability R = nK / (1 + (n − 1)K) for n coders
    bp: float | None = None  # Brennan & Prediger's κ (chance 1/2 per decision; segments 1 / codes)
    percent_coded: float | None = None  # percent over the decisions some coder said present (coded characters …)
    fleiss: float | None = None  # Fleiss' κ, three or more coders


@dataclass(frozen=True)
class Disagreement:
    """A place the coders judged differently: a unit, a character span or a coding (offsets in code points)."""

    document: str
    start: int
    end: int
    code: str
    coded_by: tuple[str, ...]
    not_by: tuple[str, ...]


@dataclass(frozen=True)
class AgreementReport:
    unit: str
    coders: tuple[str, ...]
    documents: tuple[str, ...]
    overall: Measures
    codes: tuple[CodeMeasures, ...]
    disagreements: tuple[Disagreement, ...]
    both_coded: bool = False  # only documents every coder coded (else those any of them coded)


@dataclass(frozen=True)
class Material:
    """What the coders are compared on, as plain arrays (indices into the tuples)."""

    coders: tuple[str, ...]
    documents: tuple[str, ...]  # names, in coding order
    document_ids: tuple[int, ...]
    lengths: np.ndarray  # characters per document
    codes: tuple[str, ...]  # paths, in tree order
    codings: np.ndarray  # (n, 5) int64 rows: code, document, start, end, coder
    both_coded: bool = False  # documents every coder coded, else those any of them coded


# ---------------------------------------------------------------- loading


def agreement(
    store: ProjectStore, *, coders: Sequence[str] | None = None, unit: str = "document", overlap: float = 0.9,
    both_coded: bool = False,
) -> AgreementReport:
    """Agreement of `coders` (default: everyone with codings) on the documents any of them coded,
    or with `both_coded` only on those they all coded."""
    _check_options(unit, overlap)
    material = load_material(store, coders, both_coded=both_coded)
    units = load_units(store, material, unit) if unit in ("sentence", "turn") else None
    return compare(material, unit, units=units, overlap=overlap)


def _check_options(unit: str, overlap: float) -> None:
    if unit not in UNITS:
        raise InvalidInput("unknown agreement unit {unit!r}; use one of {known}", unit=unit, known=", ".join(UNITS))
    if not 0 < overlap <= 1:
        raise InvalidInput("the segment overlap must be above 0 and at most 1, not {overlap}", overlap=overlap)


def load_material(store: ProjectStore, coders: Sequence[str] | None = None, *, both_coded: bool = False) -> Material:
    """The codings of the chosen coders in the documents any of them coded (with `both_coded`: all of them);
    errors name what is missing."""
    known = {c.name: c.id for c in queries.list_coders(store)}
    positions = np.array(queries.coding_positions(store), dtype=np.int64).reshape(-1, 6)
    coder_col = positions[:, 5]
    if coders is None:
        used = set(np.unique(coder_col).tolist())
        names = [name for name, cid in known.items() if cid in used]
    else:
        names = list(dict.fromkeys(name.strip() for name in coders))
        for name in names:
            if name not in known:
                raise InvalidInput("no coder named {name!r}", name=name)
        for name in names:
            if not np.any(coder_col == known[name]):
                raise InvalidInput("coder {name!r} has no codings to compare", name=name)
    if len(names) < 2:
        if coders is not None:
            raise InvalidInput("agreement needs at least two coders, not only {names}",
                               names="、".join(names) or Message("none"))
        if names:
            raise InvalidInput("agreement needs at least two coders with codings; only {name} has codings",
                               name=names[0])
        raise InvalidInput("agreement needs at least two coders with codings; nobody has codings")
    if len(names) > MAX_CODERS:
        raise InvalidInput("agreement compares at most {most} coders at once, not {n}", most=MAX_CODERS, n=len(names))
    ids = np.array([known[name] for name in names])
    common = None
    for cid in ids:
        docs = set(np.unique(positions[coder_col == cid, 2]).tolist())
        common = docs if common is None else common & docs if both_coded else common | docs
    if not common:
        raise InvalidInput("{names} have not coded any document in common", names=", ".join(names))
    documents = [d for d in queries.list_documents(store) if d.id in common]
    doc_index = {d.id: i for i, d in enumerate(documents)}
    rows = positions[np.isin(coder_col, ids) & np.isin(positions[:, 2], list(common))]
    all_codes = queries.list_codes(store)
    paths = queries.code_paths(all_codes)
    used_codes = set(np.unique(rows[:, 1]).tolist())
    codes = [c.id for c in all_codes if c.id in used_codes]
    code_index = {cid: i for i, cid in enumerate(codes)}
    coder_index = {int(cid): i for i, cid in enumerate(ids)}
    codings = np.column_stack([
        _lookup(rows[:, 1], code_index), _lookup(rows[:, 2], doc_index), rows[:, 3], rows[:, 4],
        _lookup(rows[:, 5], coder_index),
    ]).astype(np.int64).reshape(-1, 5)
    return Material(tuple(names), tuple(d.name for d in documents), tuple(d.id for d in documents),
                    np.array([d.length for d in documents], np.int64), tuple(paths[cid] for cid in codes), codings,
                    both_coded)


def _lookup(values: np.ndarray, index: dict[int, int]) -> np.ndarray:
    keys = np.array(sorted(index), dtype=np.int64)
    mapped = np.array([index[k] for k in keys.tolist()], dtype=np.int64)
    return mapped[np.searchsorted(keys, values)]


def load_units(store: ProjectStore, material: Material, unit: str) -> np.ndarray:
    """(n, 3) rows of document index, start, end of the sentence units or the turns, in text order."""
    if unit == "sentence":
        spans = queries.unit_spans(store)
        per_doc = [spans.get(doc_id, []) for doc_id in material.document_ids]
    else:
        per_doc = [sorted((t.start, t.end) for t in queries.list_turns(store, doc_id))
                   for doc_id in material.document_ids]
    rows = [(i, start, end) for i, spans in enumerate(per_doc) for start, end in spans]
    return np.array(rows, dtype=np.int64).reshape(-1, 3)


# -------------------------------------------------------------- computing


def compare(material: Material, unit: str, *, units: np.ndarray | None = None, overlap: float = 0.9) -> AgreementReport:
    """Agreement on loaded material; `units` are the (document index, start, end) spans of sentences or turns."""
    _check_options(unit, overlap)
    if unit == "segment":
        return _segment_report(material, overlap)
    if unit == "frequency":
        return _frequency_report(material)
    code, doc, start, end, mask, weight, per_code = _presence(material, unit, units)
    m, n_codes = len(material.coders), len(material.codes)
    k = _popcount(mask, m)
    w = _bincount2(code, k, weight, n_codes, m + 1)  # w[c, k]: decisions on code c where k coders said present
    w[:, 0] = per_code - w[:, 1:].sum(axis=1)
    yes = np.column_stack([np.bincount(code, weights=weight * ((mask >> i) & 1), minlength=n_codes)
                           for i in range(m)]).round().astype(np.int64)
    no_units = Message("no {unit} units in these documents", unit=UNIT_NAMES.get(unit, unit)) if per_code == 0 else None
    codes = tuple(CodeMeasures(path, **_decision_measures(w[i], yes[i], material.coders, _THIS_CODE, no_units))
                  for i, path in enumerate(material.codes))
    overall = Measures(**_decision_measures(w.sum(axis=0), yes.sum(axis=0), material.coders, _ANY_CODE, no_units))
    pairs = [(i, j) for i in range(m) for j in range(i + 1, m)]
    both = np.column_stack([np.bincount(code, weights=weight * ((mask >> i) & (mask >> j) & 1), minlength=n_codes)
                            for i, j in pairs]).round().astype(np.int64)  # both[c, p]: pair p both said present
    codes = tuple(_with_holsti(c, both[i], yes[i], material.coders, pairs, _THIS_CODE) for i, c in enumerate(codes))
    overall = _with_holsti(overall, both.sum(axis=0), yes.sum(axis=0), material.coders, pairs, _ANY_CODE)
    split = (k > 0) & (k < m)
    disagreements = _disagreements(material, code[split], doc[split], start[split], end[split], mask[split])
    return AgreementReport(unit, material.coders, material.documents, overall, codes, disagreements,
                           material.both_coded)


def _presence(material: Material, unit: str, units: np.ndarray | None) -> tuple:
    """Where some coder said present: code, document, start, end and coder mask of each unit or character span,
    the decisions each stands for (1 per unit, its length per span) and the decisions per code."""
    if unit == "char":
        code, doc, start, end, mask = _char_spans(material)
        return code, doc, start, end, mask, end - start, int(material.lengths.sum())
    if unit == "document":
        n_docs = len(material.documents)
        units = np.column_stack([np.arange(n_docs), np.zeros(n_docs, np.int64), material.lengths])
    elif units is None:
        raise InvalidInput("agreement by {unit} needs the {unit} spans", unit=UNIT_NAMES.get(unit, unit))
    code, unit_index, mask = _unit_presence(material, units)
    doc, start, end = units[unit_index].T
    return code, doc, start, end, mask, np.ones_like(code), len(units)


def _unit_presence(material: Material, units: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Distinct (code, unit) pairs some coder marked present, with the mask of those coders.

    Units of a document must not overlap (sentences and turns tile the text):
    then the units a coding touches are one run, found by binary search."""
    c = material.codings
    stride = int(material.lengths.max()) + 1  # document i's offsets live in [i·stride, (i+1)·stride)
    unit_starts = units[:, 0] * stride + units[:, 1]
    unit_ends = units[:, 0] * stride + units[:, 2]
    first = np.searchsorted(unit_ends, c[:, 1] * stride + c[:, 2], side="right")  # first unit ending after the start
    stop = np.searchsorted(unit_starts, c[:, 1] * stride + c[:, 3], side="left")  # first unit starting at/after the end
    counts = np.maximum(stop - first, 0)
    which = np.repeat(np.arange(len(c)), counts)
    unit_index = np.repeat(first, counts) + np.arange(counts.sum()) - np.repeat(np.cumsum(counts) - counts, counts)
    keys, masks = _combine(c[which, 0] * len(units) + unit_index, c[which, 4], len(material.coders))
    return keys // max(len(units), 1), keys % max(len(units), 1), masks


def _combine(keys: np.ndarray, coder: np.ndarray, m: int) -> tuple[np.ndarray, np.ndarray]:
    """The distinct keys, each with the bit mask of the coders who have it."""
    pairs = np.unique(keys * m + coder)
    keys, coder = np.divmod(pairs, m)
    firsts = np.flatnonzero(np.r_[True, keys[1:] != keys[:-1]]) if len(keys) else np.zeros(0, np.int64)
    masks = np.bitwise_or.reduceat(np.left_shift(np.int64(1), coder), firsts) if len(keys) else keys
    return keys[firsts], masks


def _char_spans(material: Material) -> tuple[np.ndarray, ...]:
    """Code, document, start, end and coder mask of every span some coder covers with a code.

    Each coder's codings are first merged per code and document (overlaps
    count once); then a sweep over all coders' span ends adds and removes each
    coder's bit, so the running sum is the mask of coders covering a span."""
    c = material.codings
    n_docs, stride = len(material.documents), int(material.lengths.max()) + 1
    base = (c[:, 0] * n_docs + c[:, 1]) * stride  # one stretch of the number line per (code, document)
    positions, deltas = [], []
    for i in range(len(material.coders)):
        mine = c[:, 4] == i
        starts, ends = _union(base[mine] + c[mine, 2], base[mine] + c[mine, 3])
        positions += [starts, ends]
        deltas += [np.full(len(starts), 1 << i, np.int64), np.full(len(ends), -(1 << i), np.int64)]
    position = np.concatenate(positions)
    order = np.argsort(position, kind="stable")
    position = position[order]
    mask = np.cumsum(np.concatenate(deltas)[order])[:-1]
    start, end = position[:-1], position[1:]
    keep = (mask != 0) & (end > start)
    start, end, mask = start[keep], end[keep], mask[keep]
    group, offset = np.divmod(start, stride)
    code, doc = np.divmod(group, n_docs)
    return code, doc, offset, offset + (end - start), mask


def _union(starts: np.ndarray, ends: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Merge overlapping or touching spans into disjoint ones."""
    if not len(starts):
        return starts, ends
    order = np.argsort(starts, kind="stable")
    starts, reach = starts[order], np.maximum.accumulate(ends[order])
    new = np.r_[True, starts[1:] > reach[:-1]]
    firsts = np.flatnonzero(new)
    return starts[firsts], reach[np.r_[firsts[1:] - 1, len(starts) - 1]]


def _popcount(mask: np.ndarray, m: int) -> np.ndarray:
    return sum(((mask >> i) & 1 for i in range(m)), np.zeros_like(mask))


def _bincount2(row: np.ndarray, col: np.ndarray, weight: np.ndarray, rows: int, cols: int) -> np.ndarray:
    counts = np.bincount(row * cols + col, weights=weight, minlength=rows * cols)
    return counts.round().astype(np.int64).reshape(rows, cols)


def _decision_measures(
    w: np.ndarray, yes: np.ndarray, coders: tuple[str, ...], what: Message, no_units: Message | None
) -> dict:
    """The measures (as Measures' fields) from w[k] = decisions on which k coders said present and each coder's
    yes count."""
    m, n = len(coders), int(w.sum())
    if n == 0:
        reason = no_units or Message("no decisions to compare")
        return {"percent": None, "kappa": None, "alpha": None, "n": 0,
                "undefined": tuple(_why(name, reason) for name in (_PERCENT, "κ", "α"))}
    reasons, notes = [], []
    percent = 100.0 * int(w[0] + w[m]) / n
    kappa = None
    if m == 2:
        kappa, why = cohen_kappa(n, int(w[2]), int(yes[0]), int(yes[1]), coders, what)
        if why:
            (reasons if kappa is None else notes).append(_why("κ", why))
    else:
        reasons.append(_why("κ", Message("Cohen's κ compares two coders, not {m}; see α", m=m)))
    alpha, why = krippendorff_alpha(w)
    if why:
        reasons.append(_why("α", why))
    observed = _pairwise_agreement(w)
    bp = 2 * observed - 1  # (P_o − 1/2) / (1 − 1/2): two categories, present and absent
    coded = n - int(w[0])
    percent_coded = 100.0 * int(w[m]) / coded if coded else None
    if not coded:
        reasons.append(_why(Message("percent (coded)"), Message("no coder applied {what} here", what=what)))
    fleiss = None  # two coders: Cohen's κ; the reports show Fleiss' κ only for three or more
    if m >= 3:
        fleiss, why = fleiss_kappa(w)
        if why:
            reasons.append(_why("Fleiss κ", why))
    return {"percent": percent, "kappa": kappa, "alpha": alpha, "n": n, "undefined": tuple(reasons),
            "notes": tuple(notes), "bp": bp, "percent_coded": percent_coded, "fleiss": fleiss}


def _pairwise_agreement(w: np.ndarray) -> float:
    """P_o, the share of agreeing coder pairs per decision, averaged: Σ_k w[k]·(k(k−1) + (m−k)(m−k−1)) / (n·m(m−1)).

    For two coders it is the percent agreement / 100."""
    m, n = len(w) - 1, int(w.sum())
    pairs = sum(int(w[k]) * (k * (k - 1) + (m - k) * (m - k - 1)) for k in range(m + 1))
    return pairs / (n * m * (m - 1))


def fleiss_kappa(w: np.ndarray) -> tuple[float | None, Message | str]:
    """Fleiss' κ of m coders' yes/no decisions, w[k] = decisions on which k of them said present.

    P̄ = the pairwise agreement P_o; p = Σ k·w[k] / (n·m) the share of "present";
    P_e = p² + (1 − p)²; κ = (P̄ − P_e) / (1 − P_e), undefined where P_e = 1."""
    m, n = len(w) - 1, int(w.sum())
    present = sum(k * int(w[k]) for k in range(m + 1))
    if present in (0, n * m):
        return None, Message("no variance: every decision is {label} (p_e = 1)", label=_ABSENT if not present else _PRESENT)
    p = present / (n * m)
    chance = p * p + (1 - p) * (1 - p)
    return (_pairwise_agreement(w) - chance) / (1 - chance), ""


def _with_holsti(measures, both, yes, coders, pairs, what):  # noqa: ANN001, ANN202 - Measures or CodeMeasures
    if measures.n == 0:  # no decisions: every measure already says so
        return measures
    holsti, composite, reasons = _holsti(both, yes, coders, pairs, what)
    return replace(measures, holsti=holsti, composite=composite, undefined=measures.undefined + reasons)


def _holsti(both: np.ndarray, yes: np.ndarray, coders: tuple[str, ...], pairs: list[tuple[int, int]],
            what: Message) -> tuple[float | None, float | None, tuple[Message, ...]]:
    """Holsti's K and the composite reliability R, with the reason where they are undefined.

    Per pair of coders K = 2M / (N1 + N2): M the decisions both said present,
    N1 and N2 each coder's "present" decisions (the codes each assigned, as
    Chinese GT papers count them); K̄ is the mean over the pairs and
    R = nK̄ / (1 + (n − 1)K̄) for n coders (for two coders R = 2K / (1 + K))."""
    ks = []
    for p, (i, j) in enumerate(pairs):
        total = int(yes[i]) + int(yes[j])
        if total == 0:
            reason = Message("{a} and {b} never applied {what} here (N1 + N2 = 0)", a=coders[i], b=coders[j], what=what)
            return None, None, (_why("K", reason), _why("R", reason))
        ks.append(2 * int(both[p]) / total)
    k, m = sum(ks) / len(ks), len(coders)
    return k, m * k / (1 + (m - 1) * k), ()


def _why(measure: str, reason: Message) -> Message:
    """A reason a measure is undefined, as the reports list it: "κ: no variance: …"."""
    return Message("{measure}: {reason}", measure=measure, reason=reason)


def cohen_kappa(n: int, both: int, yes_a: int, yes_b: int, coders: Sequence[str] = ("A", "B"),
                what: Message | None = None) -> tuple[float | None, Message | str]:
    """Cohen's κ of two coders over n yes/no decisions (exact integer arithmetic) and a note, or None and the reason.

    κ is undefined only where chance agreement p_e is 1: both coders constant
    and equal. A coder who never used the code (or used it everywhere) gives
    κ = 0 exactly, as R's irr::kappa2 and sklearn's cohen_kappa_score do; the
    note says why, since a reader would otherwise take 0 for chance-level work."""
    what = what or _THIS_CODE
    if yes_a == yes_b and yes_a in (0, n):
        return None, Message("no variance: both coders said {said} everywhere (p_e = 1)",
                             said=_PRESENT if yes_a else _ABSENT)
    agree = n - yes_a - yes_b + 2 * both  # both present + both absent
    chance = yes_a * yes_b + (n - yes_a) * (n - yes_b)  # p_e · n²
    kappa = (n * agree - chance) / (n * n - chance)
    for name, yes in zip(coders, (yes_a, yes_b)):
        if yes == 0:
            return kappa, Message("{name} never applied {what} here, so κ is 0 whatever the other coder did",
                                  name=name, what=what)
        if yes == n:
            return kappa, Message("{name} applied {what} to every unit, so κ is 0 whatever the other coder did",
                                  name=name, what=what)
    return kappa, ""


def krippendorff_alpha(w: np.ndarray) -> tuple[float | None, str]:
    """Nominal α of binary decisions, w[k] = decisions on which k of the len(w) - 1 coders said present.

    The package gets one unit per split decision, and all unanimous "absent"
    decisions as a single unit (likewise "present"): a unanimous unit of m
    values adds m to its value's coincidence, and so does a pooled unit of M
    values (M(M − 1)/(M − 1)), so α is unchanged while millions of characters
    become one row."""
    m, n = len(w) - 1, int(w.sum())
    for value, label in ((0, _ABSENT), (m, _PRESENT)):
        if int(w[value]) == n:
            return None, Message("no variance: every decision is {label} (α needs both values)", label=label)
    rows = [np.repeat([[m - k, k]], int(w[k]), axis=0) for k in range(1, m)]
    rows += [[[m * int(w[0]), 0]], [[0, m * int(w[m])]]]
    value_counts = np.concatenate(rows).astype(np.float64)
    return float(krippendorff.alpha(value_counts=value_counts, level_of_measurement="nominal")), ""


def _disagreements(material: Material, code, doc, start, end, mask) -> tuple[Disagreement, ...]:
    order = np.lexsort((code, end, start, doc))
    return tuple(
        Disagreement(material.documents[d], s, e, material.codes[c], *_split(material.coders, mk))
        for c, d, s, e, mk in zip(*(a[order].tolist() for a in (code, doc, start, end, mask)))
    )


def _split(coders: tuple[str, ...], mask: int) -> tuple[tuple[str, ...], tuple[str, ...]]:
    return (tuple(n for i, n in enumerate(coders) if mask >> i & 1),
            tuple(n for i, n in enumerate(coders) if not mask >> i & 1))


# ------------------------------------------------------- code frequency


def _frequency_report(material: Material) -> AgreementReport:
    """MAXQDA's "code frequency in the document": the coders agree on a document × code when each applied the
    code there equally often. Judged are the pairs some coder applied."""
    m, n_codes, n_docs = len(material.coders), len(material.codes), len(material.documents)
    c = material.codings
    counts = np.bincount((c[:, 0] * n_docs + c[:, 1]) * m + c[:, 4], minlength=n_codes * n_docs * m)
    counts = counts.reshape(n_codes, n_docs, m)
    judged = counts.sum(axis=2) > 0
    equal = judged & (counts.max(axis=2) == counts.min(axis=2))
    agree, n = equal.sum(axis=1), judged.sum(axis=1)
    codes = tuple(CodeMeasures(path, **_frequency_measures(int(agree[i]), int(n[i])))
                  for i, path in enumerate(material.codes))
    overall = Measures(**_frequency_measures(int(agree.sum()), int(n.sum())))
    found = []
    for code, doc in zip(*np.nonzero(judged & ~equal)):
        most = counts[code, doc].max()
        mask = sum(1 << i for i in range(m) if counts[code, doc, i] == most)
        found.append((code, doc, 0, int(material.lengths[doc]), mask))
    code, doc, start, end, mask = (np.array(col, dtype=np.int64) for col in (zip(*found) if found else [()] * 5))
    return AgreementReport("frequency", material.coders, material.documents, overall, codes,
                           _disagreements(material, code, doc, start, end, mask), material.both_coded)


def _frequency_measures(agree: int, n: int) -> dict:
    """Percent (= percent over coded: only pairs some coder applied are judged); no chance-corrected measure."""
    why = Message("not defined for code frequencies; see percent")
    if n == 0:
        nothing = Message("no codings to compare")
        return {"percent": None, "kappa": None, "alpha": None, "n": 0,
                "undefined": (_why(_PERCENT, nothing), _why("κ", why), _why("α", why))}
    return {"percent": 100.0 * agree / n, "kappa": None, "alpha": None, "n": n,
            "undefined": (_why("κ", why), _why("α", why)), "percent_coded": 100.0 * agree / n}


# ---------------------------------------------------------------- segments


def _segment_report(material: Material, overlap: float) -> AgreementReport:
    """MAXQDA's segment matching: each coding agrees when every other coder has a matching one."""
    m, n_codes = len(material.coders), len(material.codes)
    groups: dict[tuple[int, int], list[list[tuple[int, int]]]] = {}
    for code, doc, start, end, coder in sorted(material.codings.tolist()):
        groups.setdefault((code, doc), [[] for _ in range(m)])[coder].append((start, end))
    agree, disagree = np.zeros(n_codes, np.int64), np.zeros(n_codes, np.int64)
    found = []
    for (code, doc), spans in groups.items():
        starts = [[s for s, _ in mine] for mine in spans]
        for i, mine in enumerate(spans):
            for start, end in mine:
                mask = 1 << i
                for j in range(m):
                    if j != i and _matches(start, end, spans[j], starts[j], overlap):
                        mask |= 1 << j
                if mask == (1 << m) - 1:
                    agree[code] += 1
                else:
                    disagree[code] += 1
                    found.append((code, doc, start, end, mask))
    codes = tuple(_segment_rest(_segment_holsti(
        CodeMeasures(path, *_segment_measures(int(agree[i]), int(disagree[i]), m, None)), int(agree[i]), m), m)
        for i, path in enumerate(material.codes))
    overall = _segment_rest(_segment_holsti(
        Measures(*_segment_measures(int(agree.sum()), int(disagree.sum()), m, n_codes)), int(agree.sum()), m), m)
    code, doc, start, end, mask = (np.array(col, dtype=np.int64) for col in (zip(*found) if found else [()] * 5))
    return AgreementReport("segment", material.coders, material.documents, overall, codes,
                           _disagreements(material, code, doc, start, end, mask), material.both_coded)


def _segment_holsti(measures, agree: int, m: int):  # noqa: ANN001, ANN202 - Measures or CodeMeasures
    """Holsti's K for two coders' segments: the matched codings of both (2M) over all their codings (N1 + N2)."""
    if measures.n == 0:
        return measures
    if m != 2:
        reason = Message("segment matching judges each coding against all other coders, not pairs; see percent")
        return replace(measures, undefined=measures.undefined + (_why("K", reason), _why("R", reason)))
    k = agree / measures.n
    return replace(measures, holsti=k, composite=2 * k / (1 + k))


def _segment_rest(measures, m: int):  # noqa: ANN001, ANN202 - Measures or CodeMeasures
    """Segments: every judged coding is coded, so percent over coded = percent; the κ is Brennan & Prediger's."""
    if measures.n == 0:
        return measures
    why = (_why("Fleiss κ", Message("not defined for segment matching")),) if m >= 3 else ()
    return replace(measures, bp=measures.kappa, percent_coded=measures.percent, undefined=measures.undefined + why)


def _matches(start: int, end: int, others: list[tuple[int, int]], other_starts: list[int], overlap: float) -> bool:
    """Whether a span in `others` (sorted) covers at least `overlap` of its union with start–end."""
    for other_start, other_end in others[: bisect_left(other_starts, end)]:
        shared = min(end, other_end) - max(start, other_start)
        if shared > 0 and shared / (max(end, other_end) - min(start, other_start)) >= overlap:
            return True
    return False


def _segment_measures(
    agree: int, disagree: int, m: int, n_codes: int | None
) -> tuple[float | None, float | None, float | None, int, tuple[str, ...]]:
    """Percent and, overall for two coders, Brennan & Prediger's κ (chance 1 / number of codes)."""
    n = agree + disagree
    alpha_why = _why("α", Message("not defined for segment matching"))
    if n == 0:
        nothing = Message("no codings to compare")
        return None, None, None, 0, (_why(_PERCENT, nothing), _why("κ", nothing), alpha_why)
    percent = 100.0 * agree / n
    kappa, reasons = None, []
    if m != 2:
        reasons.append(_why("κ", Message("segment κ compares two coders, not {m}", m=m)))
    elif n_codes is None:
        reasons.append(_why("κ", Message("not defined per code for segment matching; see the overall Brennan & "
                                         "Prediger κ")))
    elif n_codes < 2:
        reasons.append(_why("κ", Message("one code only, so chance agreement 1 / codes is 1")))
    else:
        chance = 1 / n_codes
        kappa = (agree / n - chance) / (1 - chance)
    return percent, kappa, None, n, (*reasons, alpha_why)
