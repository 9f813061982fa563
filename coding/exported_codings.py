"""Whose codings the paper's tables show.

A team codes independently, then settles a consensus (coding/services/consensus.py).
The tables come from one coding: the coder asked for; else the consensus
coder's codings when there are any; else every coder's codings pooled, with
identical passages (same document, code and span) merged into one row that
names every coder who coded it, so a passage both coders coded is quoted once.
The agreement sheet always compares the original coders, never the consensus.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Sequence

from coding import queries
from coding import values as v
from coding.queries import CodingRow
from coding.services.consensus import CONSENSUS_CODER
from coding.storage import ProjectStore

CODER_SEPARATOR = "、"


@dataclass(frozen=True)
class Source:
    """Where the exported codings come from: "coder" (one asked for), "consensus" or "pooled"."""

    kind: str
    coders: tuple[str, ...]  # the coder, the consensus coder, or every pooled coder in coder order

    def note(self, lang: str) -> str:
        """A line for the notes sheet saying whose codings the tables show."""
        names = CODER_SEPARATOR.join(self.coders) if lang == "zh" else ", ".join(self.coders)
        if self.kind == "coder":
            return f"编码表只含编码者 {names} 的编码。" if lang == "zh" else f"The coding tables show only {names}'s codings."
        if self.kind == "consensus":
            return (f"编码表来自共识编码（编码者“{names}”）；一致性表仍比较原编码者。" if lang == "zh" else
                    f"The coding tables show the consensus coding (coder {names}); the agreement sheet still "
                    "compares the original coders.")
        return (f"尚无共识编码：编码表合并了 {names} 的编码，相同语句（同一文档、代码与位置）只列一行，并注明编码者。"
                if lang == "zh" else
                f"No consensus yet: the coding tables pool the codings of {names}; an identical passage (same "
                "document, code and span) is one row naming its coders.")


def merge_identical(rows: Sequence[CodingRow]) -> tuple[CodingRow, ...]:
    """ROWS with identical passages (document, code, start, end) merged into the first, its coder naming all."""
    first: dict[tuple[int, int, int, int], int] = {}
    out: list[CodingRow] = []
    names: list[list[str]] = []
    for row in rows:
        key = (row.document_id, row.code_id, row.start, row.end)
        at = first.get(key)
        if at is None:
            first[key] = len(out)
            out.append(row)
            names.append([row.coder])
        elif row.coder not in names[at]:
            names[at].append(row.coder)
    return tuple(row if len(who) == 1 else replace(row, coder=CODER_SEPARATOR.join(who))
                 for row, who in zip(out, names))


def exported_codings(store: ProjectStore, coder_id: int | None, *, codes: tuple[v.Code, ...],
                     paths: dict[int, str]) -> tuple[tuple[CodingRow, ...], Source]:
    """The codings the tables show (see the module docstring) and where they come from."""
    coders = queries.list_coders(store)
    if coder_id is not None:
        name = next(c.name for c in coders if c.id == coder_id)
        return queries.list_codings_with_quotes(store, coder_id=coder_id, codes=codes, paths=paths), \
            Source("coder", (name,))
    counts = queries.coding_counts_by_coder(store)
    consensus = next((c for c in coders if c.name == CONSENSUS_CODER), None)
    if consensus is not None and counts.get(consensus.id):
        rows = queries.list_codings_with_quotes(store, coder_id=consensus.id, codes=codes, paths=paths)
        return rows, Source("consensus", (consensus.name,))
    rows = queries.list_codings_with_quotes(store, codes=codes, paths=paths)
    if consensus is not None:
        rows = tuple(r for r in rows if r.coder != consensus.name)
    pooled = tuple(c.name for c in coders if counts.get(c.id) and c.name != CONSENSUS_CODER)
    return merge_identical(rows), Source("pooled", pooled)


def default_compared(store: ProjectStore) -> list[str] | None:
    """The coders an agreement of "everyone" compares once a consensus exists (not the consensus coder), or None
    before (then the agreement takes everyone with codings itself, with its own messages)."""
    counts = queries.coding_counts_by_coder(store)
    if not any(c.name == CONSENSUS_CODER and counts.get(c.id) for c in queries.list_coders(store)):
        return None
    return compared_coders(store)


def compared_coders(store: ProjectStore) -> list[str]:
    """The coders the agreement sheet compares: everyone with codings but the consensus coder."""
    counts = queries.coding_counts_by_coder(store)
    return [c.name for c in queries.list_coders(store) if counts.get(c.id) and c.name != CONSENSUS_CODER]
