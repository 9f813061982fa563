"""Live counts for views: where every coding is, updated from a service's change set.

The workbench shows, for every code, how many codings and documents it has
(with and without its subcodes) and, for every document, its codings and how
much of its text is coded. Recounting 60,000 codings after each click is too
slow for a 20 ms budget, so `CodingTally` keeps each coding's place in memory
and `update()` re-reads only the codings a change touched. `CodeCatalog` is
the code system as plain data (codes by id, paths, children) for the same views.
"""

from __future__ import annotations

from bisect import bisect_left, insort
from collections import Counter
from dataclasses import dataclass, field
from typing import Any, Mapping

from coding import queries
from coding import values as v
from coding.storage import ProjectStore


SMALL_CHANGE = 100  # codings a change may touch for the share coded to follow it coding by coding


@dataclass(frozen=True)
class Touched:
    """What an update changed: codes whose counts moved, documents whose codings moved."""

    codes: frozenset[int] = frozenset()
    documents: frozenset[int] = frozenset()
    moves: tuple[tuple[v.CodingPosition | None, v.CodingPosition | None], ...] = ()  # (before, after) per coding


class CodingTally:
    def __init__(self, positions: list[v.CodingPosition] | None = None):
        positions = positions or []
        self.rows: dict[int, v.CodingPosition] = {row.id: row for row in positions}
        self._code_docs: dict[int, Counter[int]] = {}  # code → document → codings
        self._doc_codings: dict[int, set[int]] = {}  # document → coding ids
        # For the documents being coded, whose share coded is shown again after every click: their codings'
        # (start, end) sorted, the characters inside any of them, and a bound on the longest, so that a coding
        # that comes or goes is measured against its neighbours alone. Kept from a document's first small
        # change on; a big one (a merge, a deleted code) drops them, and the share is counted afresh.
        self._spans: dict[int, list[tuple[int, int]]] = {}
        self._covered: dict[int, int] = {}
        self._longest: dict[int, int] = {}
        code_docs = self._code_docs
        for (code_id, document_id), n in Counter((row.code_id, row.document_id) for row in positions).items():
            if code_id not in code_docs:
                code_docs[code_id] = Counter()
            code_docs[code_id][document_id] = n
        doc_codings = self._doc_codings
        for row in positions:
            if row.document_id not in doc_codings:
                doc_codings[row.document_id] = set()
            doc_codings[row.document_id].add(row.id)

    @classmethod
    def load(cls, store: ProjectStore) -> "CodingTally":
        return cls(queries.coding_positions(store))

    def _add(self, row: v.CodingPosition, *, place: bool = True) -> None:
        """Count a coding in; `place`: and where it lies (else its place is unchanged or not kept)."""
        if place:
            document_id, span = row.document_id, (row.start, row.end)
            spans = self._spans_of(document_id)
            self._covered[document_id] += span[1] - span[0] - self._overlap(spans, document_id, *span)
            insort(spans, span)
            self._longest[document_id] = max(self._longest[document_id], span[1] - span[0])
        self.rows[row.id] = row
        self._code_docs.setdefault(row.code_id, Counter())[row.document_id] += 1
        self._doc_codings.setdefault(row.document_id, set()).add(row.id)

    def _remove(self, row: v.CodingPosition, *, place: bool = True) -> None:
        if place:
            document_id, span = row.document_id, (row.start, row.end)
            spans = self._spans_of(document_id)
            del spans[bisect_left(spans, span)]
            self._covered[document_id] -= span[1] - span[0] - self._overlap(spans, document_id, *span)
        del self.rows[row.id]
        docs = self._code_docs[row.code_id]
        docs[row.document_id] -= 1
        if not docs[row.document_id]:
            del docs[row.document_id]
        self._doc_codings[row.document_id].discard(row.id)

    def _spans_of(self, document_id: int) -> list[tuple[int, int]]:
        spans = self._spans.get(document_id)
        if spans is None:
            spans = self._spans[document_id] = sorted((r.start, r.end) for r in self.document_codings(document_id))
            self._covered[document_id] = _union_length(spans)
            self._longest[document_id] = max((end - start for start, end in spans), default=0)
        return spans

    def _overlap(self, spans: list[tuple[int, int]], document_id: int, start: int, end: int) -> int:
        """Characters of start…end inside any of `spans` (sorted): only spans starting within the longest
        coding's length before `start` can reach into it."""
        first = bisect_left(spans, (start - self._longest[document_id],))
        last = bisect_left(spans, (end,))
        return _union_length([(max(a, start), min(b, end)) for a, b in spans[first:last] if b > start])

    def update(self, store: ProjectStore, coding_ids: frozenset[int],
               images: Mapping[int, Mapping[str, Any] | None] | None = None) -> Touched:
        """Re-read these codings (added, changed or gone) and say what moved.

        `images`: the codings as the service call left them (its undo record's after images, None for a
        deleted one), when the caller has them: then nothing is read."""
        if images is not None and coding_ids <= images.keys():
            fresh = {i: _position(images[i]) for i in coding_ids if images[i] is not None}
        else:
            fresh = {row.id: row for row in queries.coding_positions(store, ids=coding_ids)} if coding_ids else {}
        codes: set[int] = set()
        documents: set[int] = set()
        moves = []
        small = len(coding_ids) <= SMALL_CHANGE
        for coding_id in coding_ids:
            old, new = self.rows.get(coding_id), fresh.get(coding_id)
            if old == new:
                continue
            moves.append((old, new))
            for row in (old, new):
                if row is not None:
                    codes.add(row.code_id)
                    documents.add(row.document_id)
            moved = small and (old is None or new is None or old[2:5] != new[2:5])  # document, start, end
            if old is not None:
                self._remove(old, place=moved)
            if new is not None:
                self._add(new, place=moved)
        if not small:
            for document_id in documents:
                self._spans.pop(document_id, None)
                self._covered.pop(document_id, None)
                self._longest.pop(document_id, None)
        return Touched(frozenset(codes), frozenset(documents), tuple(moves))

    # ------------------------------------------------------------ reading

    def code_documents(self, code_id: int) -> Counter[int]:
        """document → number of codings of this code (the code alone)."""
        return self._code_docs.get(code_id, Counter())

    def document_codings(self, document_id: int) -> list[v.CodingPosition]:
        return [self.rows[i] for i in self._doc_codings.get(document_id, ())]

    def document_count(self, document_id: int) -> int:
        """How many codings the document has."""
        return len(self._doc_codings.get(document_id, ()))

    def coverage(self, document_id: int, length: int) -> float:
        """Share of the document's characters inside at least one coding (0…1)."""
        covered = self._covered.get(document_id)
        if covered is None:
            covered = _union_length(sorted((r.start, r.end) for r in self.document_codings(document_id)))
        return covered / length if length else 0.0

    def __len__(self) -> int:
        return len(self.rows)


def _position(image: Mapping[str, Any]) -> v.CodingPosition:
    return v.CodingPosition(image["id"], image["code_id"], image["document_id"], image["start"], image["end"],
                            image["coder_id"])


def _union_length(spans: list[tuple[int, int]]) -> int:
    """Characters inside at least one of the spans, given sorted by start."""
    covered, reach = 0, 0
    for start, end in spans:
        if end > reach:
            covered += end - max(start, reach)
            reach = end
    return covered


@dataclass
class CodeCatalog:
    """The code system as plain data: codes in tree order, paths, children."""

    codes: dict[int, v.Code] = field(default_factory=dict)
    paths: dict[int, str] = field(default_factory=dict)
    children: dict[int | None, list[int]] = field(default_factory=dict)

    @classmethod
    def load(cls, store: ProjectStore) -> "CodeCatalog":
        ordered = queries.list_codes(store)
        children: dict[int | None, list[int]] = {}
        for code in ordered:
            children.setdefault(code.parent_id, []).append(code.id)
        return cls({c.id: c for c in ordered}, queries.code_paths(ordered), children)

    def subtree(self, code_id: int) -> set[int]:
        """The code and every code below it."""
        out, stack = set(), [code_id]
        while stack:
            current = stack.pop()
            out.add(current)
            stack.extend(self.children.get(current, ()))
        return out


@dataclass(frozen=True)
class CodeCount:
    own: int  # codings of the code itself
    codings: int  # with every code below it
    documents: int  # documents holding any of those codings


def code_counts(catalog: CodeCatalog, tally: CodingTally) -> dict[int, CodeCount]:
    """Per code: its own codings, and codings and documents counted with its subcodes."""
    totals: dict[int, Counter[int]] = {cid: Counter(tally.code_documents(cid)) for cid in catalog.codes}
    for code in reversed(list(catalog.codes.values())):  # tree order reversed: children before parents
        if code.parent_id in totals:
            totals[code.parent_id].update(totals[code.id])
    return {
        cid: CodeCount(sum(tally.code_documents(cid).values()), sum(total.values()), len(total))
        for cid, total in totals.items()
    }
