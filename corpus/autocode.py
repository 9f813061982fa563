"""Search → autocode: code every hit, expanded to its sentence or turn if asked."""

from __future__ import annotations

from coding import queries
from coding.services.codings import code_spans
from coding.storage import ProjectStore
from coding.values import Outcome
from corpus.search import Hit, SearchIndex

UNITS = ("hit", "sentence", "turn")


def expand(hits: list[Hit], store: ProjectStore, unit: str) -> list[tuple[int, int, int]]:
    """(document id, start, end) spans: each hit, or the units/turns it overlaps, merged."""
    spans: set[tuple[int, int, int]] = set()
    by_doc: dict[int, list[Hit]] = {}
    for hit in hits:
        by_doc.setdefault(hit.document_id, []).append(hit)
    for doc_id, doc_hits in by_doc.items():
        if unit == "hit":
            spans.update((doc_id, h.start, h.end) for h in doc_hits)
            continue
        pieces = queries.list_units(store, doc_id) if unit == "sentence" else queries.list_turns(store, doc_id)
        for h in doc_hits:
            over = [p for p in pieces if p.start < h.end and h.start < p.end]
            if over:
                spans.add((doc_id, min(p.start for p in over), max(p.end for p in over)))
            else:  # outside every unit (e.g. in a header): code the hit itself
                spans.add((doc_id, h.start, h.end))
    return sorted(spans)


def autocode(
    store: ProjectStore, query: str, code_path: str, *, unit: str = "hit", regex: bool = False,
    whole_word: bool = False, fold_variants: bool = True,
) -> Outcome[int]:
    hits = SearchIndex(store).search(query, regex=regex, whole_word=whole_word, fold_variants=fold_variants)
    return code_spans(store, code_path, expand(hits, store, unit))
