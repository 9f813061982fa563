"""Tables of the paper-ready workbook for particular study designs (issue 16, part 3), as plain rows.

coding/tables.py holds the tables every grounded-theory paper prints; this module holds the ones papers
print besides or instead of them: open coding with a few representative quotes per concept and the
concept's count (as most papers print it, besides the sheet of every quote). Each function takes the
project read once by coding/tables.py and returns a `Table`; the rules are stated in its notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from coding.queries import CodingRow

if TYPE_CHECKING:
    from coding.tables import Table, _Project

DEFAULT_QUOTES_PER_CONCEPT = 3

_NOTES = {
    "representative_quotes": (
        "每个初始概念一行，按初始范畴的树顺序、再按初始概念的树顺序排列。代表性语句至多 {n} 句：先按文档编码顺序每个文档取文中最早的一句，"
        "不足时再按编码顺序取其余语句；编码数与文档数为该概念全部的编码（不含下级编码）。全部语句见“开放式编码”表。",
        "One row per concept, by category in tree order, then concept in tree order. At most {n} representative "
        "quotes: first the earliest quote of each document in coding order, then the remaining quotes in coding "
        "order; codings and documents count all of the concept's own codings. Every quote is in the Open coding sheet.",
    ),
}


def representative(rows: list[CodingRow], n: int) -> list[CodingRow]:
    """Up to N of a concept's codings, given in document coding order and text order: the first of each
    document, then the rest, so that the quotes show the concept across as many documents as they can."""
    seen: set[int] = set()
    firsts, rest = [], []
    for row in rows:
        (rest if row.document_id in seen else firsts).append(row)
        seen.add(row.document_id)
    return (firsts + rest)[:n]


def representative_quotes(p: "_Project", n: int = DEFAULT_QUOTES_PER_CONCEPT) -> "Table":
    from coding.tables import Table, _columns

    by_concept: dict[int, list[CodingRow]] = {}
    for row in p.codings:  # document coding order, then text order
        if p.by_id[row.code_id].level == "concept":
            by_concept.setdefault(row.code_id, []).append(row)
    category = {cid: p.ancestor(cid, "category") for cid in by_concept}
    last = len(p.codes)
    concepts = sorted(by_concept, key=lambda cid: (last if category[cid] is None else p.rank[category[cid]], p.rank[cid]))
    cells = []
    for cid in concepts:
        rows = by_concept[cid]
        quotes = "\n".join(p.quote(r.text, r.participant) for r in representative(rows, n))
        cells.append((p.title(category[cid]), p.title(cid), quotes, len(rows), len({r.document_id for r in rows})))
    columns = _columns(("category", "初始范畴", "Initial category", 20, True),
                       ("concept", "初始概念", "Initial concept", 20, True),
                       ("quotes", "代表性原始语句", "Representative statements", 60, True),
                       ("codings", "编码数", "Codings", 8), ("documents", "文档数", "Documents", 8))
    note = _NOTES["representative_quotes"][p.lang == "en"].format(n=n)
    return Table("representative_quotes", "开放式编码（代表性语句）", "Open coding (representative)", columns,
                 tuple(cells), group_column=0, notes=(note,))
