"""The counting tables of the workbook: code × document, code × attribute, co-occurrence, and the codebook.

Each function takes the project read once by coding/tables.py (`_Project`) and returns a `Table`; coding/tables.py
imports this module when it builds the workbook.
"""

from __future__ import annotations

from collections import Counter
from typing import Callable, Sequence

from coding import values as v
from coding.tables import _WORDS, Column, Table, _columns, _Project, _short_name
from coding.vocab import LEVELS

_CODE_COLUMNS = (("code", "编码", "Code", 30, True), ("label", "标签", "Label", 6))


def _matrix(p: _Project, key: str, zh: str, en: str, heads: Sequence[Column],
            counts: Callable[[v.Code], list[int]], total: Callable[[v.Code], int], diagonal: bool = True) -> Table:
    """Codes with codings as rows (path, label), a count per column, a row total and a total row.

    diagonal=False: the columns are the same codes as the rows and column totals leave the diagonal out."""
    rows = [(p.paths[c.id], p.labels.get(c.id, ""), *counts(c), total(c)) for c in p.coded]
    sums = [sum(column) for column in zip(*(r[2:] for r in rows))] or [0] * (len(heads) + 1)
    if not diagonal:
        for i, row in enumerate(rows):
            sums[i] -= row[2 + i]
    rows.append((p.word("total"), "", *sums))
    columns = _columns(*_CODE_COLUMNS) + tuple(heads) + _columns(("total", "合计", "Total", 8))
    return Table(key, zh, en, columns, tuple(rows), notes=p.note(key))


def code_document(p: _Project) -> Table:
    heads = [Column(f"document_{d.id}", _short_name(d.name), _short_name(d.name), 8) for d in p.documents]

    def counts(code: v.Code) -> list[int]:
        cells = [0] * len(heads)
        for document_id, n in p.own[code.id].items():
            cells[p.document_rank[document_id]] = n
        return cells

    return _matrix(p, "code_document_matrix", "编码矩阵", "Code x document", heads, counts,
                   lambda c: sum(p.own[c.id].values()))


def code_attribute(p: _Project) -> Table:
    heads: list[Column] = []
    doc_columns: dict[int, list[int]] = {d.id: [] for d in p.documents}  # document → its column per attribute
    for a in p.attributes:
        value_of = {d.id: p.attribute_values.get(d.participant_id, {}).get(a.name) for d in p.documents}
        values = [x for x in dict.fromkeys(p.attribute_values.get(x.id, {}).get(a.name) for x in p.participants)
                  if x is not None]
        column = {x: len(heads) + i for i, x in enumerate(values)}
        heads += [Column(f"attribute_{a.id}_{i}", f"{a.name}：{x}", f"{a.name}: {x}", 8) for i, x in enumerate(values)]
        if any(value_of[d] is None for d in p.by_document):
            column[None] = len(heads)
            heads.append(Column(f"attribute_{a.id}_none", f"{a.name}：{p.word('not_given')}",
                                f"{a.name}: {_WORDS['not_given'][1]}", 8))
        for document_id, value in value_of.items():
            if value in column:
                doc_columns[document_id].append(column[value])

    def counts(code: v.Code) -> list[int]:
        cells = [0] * len(heads)
        for document_id, n in p.own[code.id].items():
            for column in doc_columns[document_id]:
                cells[column] += n
        return cells

    return _matrix(p, "code_attribute_matrix", "编码×属性", "Code x attribute", heads, counts,
                   lambda c: sum(p.own[c.id].values()))


def cooccurrence(p: _Project) -> Table:
    together: dict[int, Counter[int]] = {c.id: Counter() for c in p.coded}
    for pairs in p.pairs.values():
        for a, b in pairs:
            if a.code_id != b.code_id:
                together[a.code_id][b.code_id] += 1
                together[b.code_id][a.code_id] += 1
    column = {c.id: i for i, c in enumerate(p.coded)}
    heads = [Column(f"code_{c.id}", p.title(c.id), p.title(c.id), 8) for c in p.coded]

    def counts(code: v.Code) -> list[int]:
        cells = [0] * len(column)  # sparse: most codes never meet
        for other, n in together[code.id].items():
            cells[column[other]] = n
        cells[column[code.id]] = sum(p.own[code.id].values())
        return cells

    return _matrix(p, "cooccurrence_matrix", "共现矩阵", "Co-occurrence", heads, counts,
                   lambda c: sum(together[c.id].values()), diagonal=False)


def codebook(p: _Project) -> Table:
    codings = {c.id: sum(p.own.get(c.id, Counter()).values()) for c in p.codes}
    documents = {c.id: set(p.own.get(c.id, ())) for c in p.codes}
    for code in reversed(p.codes):  # children before their parents
        if code.parent_id is not None:
            codings[code.parent_id] += codings[code.id]
            documents[code.parent_id] |= documents[code.id]
    docs = {d.id: d for d in p.documents}
    rows = []
    for c in p.codes:
        held = documents[c.id]
        first = min(held, key=p.document_rank.__getitem__) if held else None
        people = {docs[d].participant_id for d in held} - {None}
        rows.append((p.paths[c.id], p.labels.get(c.id, ""), p.vocab(LEVELS, c.level), c.definition, c.colour.upper(),
                     codings[c.id], len(held), len(people), _short_name(docs[first].name) if first else "",
                     p.coders.get(c.created_by, "")))
    columns = _columns(("path", "路径", "Path", 30, True), ("label", "标签", "Label", 6), ("level", "层级", "Level", 8),
                       ("definition", "定义", "Definition", 40, True), ("colour", "颜色", "Colour", 9),
                       ("codings", "编码数", "Codings", 7), ("documents", "文档数", "Documents", 7),
                       ("participants", "受访者数", "Participants", 7), ("first_seen", "首次出现", "First seen", 16),
                       ("created_by", "创建者", "Created by", 8))
    return Table("codebook", "码本", "Codebook", columns, tuple(rows), notes=p.note("codebook"))
