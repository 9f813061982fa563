"""Tables of the paper-ready workbook for particular study designs (issue 16, part 3), as plain rows.

coding/tables.py holds the tables every grounded-theory paper prints; this module holds the ones papers
print besides or instead of them: open coding with a few representative quotes per concept and the
concept's count (as most papers print it, besides the sheet of every quote); the paradigm model of each
main category with what its memos say of how its categories make it up (关系内涵); problems with their
causes and countermeasures (a policy study's 问题—原因—对策, from "is cause of" and "addresses"
relations). Each function takes the project read once by coding/tables.py and returns a `Table`; the
rules are stated in its notes.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Sequence

from coding import values as v
from coding.queries import CodingRow
from coding.vocab import PARADIGM_ROLES

if TYPE_CHECKING:
    from coding.tables import Table, _Project

DEFAULT_QUOTES_PER_CONCEPT = 3
ADDRESSES = frozenset({"addresses", "针对", "解决"})  # relation types read as "countermeasure addresses problem"

_NOTES = {
    "representative_quotes": (
        "每个初始概念一行，按初始范畴的树顺序、再按初始概念的树顺序排列。代表性语句至多 {n} 句：先按文档编码顺序每个文档取文中最早的一句，"
        "不足时再按编码顺序取其余语句；编码数与文档数为该概念全部的编码（不含下级编码）。全部语句见“开放式编码”表。",
        "One row per concept, by category in tree order, then concept in tree order. At most {n} representative "
        "quotes: first the earliest quote of each document in coding order, then the remaining quotes in coding "
        "order; codings and documents count all of the concept's own codings. Every quote is in the Open coding sheet.",
    ),
    "paradigm_model": (
        "每个主范畴一行：其下（最近的上级主范畴为它的）范畴按各自的范式角色列入因果条件、现象、情境、中介条件、行动/互动策略、结果各列，"
        "同列多个按树顺序；未设范式角色的范畴列在“未定角色”。关系内涵为附在该主范畴上的备忘录（按创建顺序），写明各范畴如何构成该主范畴。",
        "One row per main category: the categories under it (whose nearest main category above is it), each in the "
        "column of its own paradigm role (causal condition, phenomenon, context, intervening condition, action/"
        "interaction strategy, consequence), several in tree order; categories without a role under “No role”. The "
        "relation meaning is the memos attached to the main category (in the order written): how its categories make it up.",
    ),
    "mechanism": (
        "因果机制：沿“导致”关系从不被其他编码导致的编码走到不再导致新编码的编码，每条链逐环一行；分支各成一链（共同的前段在各链中重复），"
        "被更长的链包含的捷径不列。回路保留：链上某编码又导致链上在它之前（或它自身所在）的编码时，在该链末尾加“回路”一行。"
        "证据语句的取法与选择性编码表的代表性语句相同。",
        "Causal mechanism: along “is cause of” relations from a code nothing causes to a code that causes nothing "
        "new, one row per link; each branch is a chain of its own (a shared start repeats), and a shortcut a longer "
        "chain holds is left out. Loops are kept: where a code on the chain causes one earlier on it, a “loop” row "
        "ends the chain. Evidence quotes are chosen as the selective coding sheet's representative quotes.",
    ),
    "pathways": (
        "路径：主范畴之间的“导致”关系（范畴之间的关系计入其所属的主范畴）连成的因果链，每条从不被其他主范畴导致的主范畴（驱动因素）开始，"
        "依次列出其后的主范畴，直到不再导致新的主范畴；以起点命名。",
        "Pathways: the causal chains of “is cause of” relations between main categories (a relation between "
        "categories counts for the main categories they belong to), each from a main category no other causes "
        "(the driver) through the main categories that follow, in order; named after the driver.",
    ),
    "framework": (
        "演绎框架编码：每行是未设扎根层级（层级为“无”）的代码的一次编码，按代码的树顺序、再按文档编码顺序与文中位置排列；框架维度为该代码的顶层代码。",
        "Deductive framework coding: one row per coding of a code with no GT level (level none), by code in tree "
        "order, then document coding order and text position; the dimension is the code's top-level code.",
    ),
    "framework_matrix": (
        "框架矩阵：行是有编码的框架代码及其上级框架代码（树顺序），每格列出该代码及其全部下级代码在该文档中的原始语句（下级汇总到上级），"
        "合计为这些编码的次数；只列有框架编码的文档。",
        "Framework matrix: rows are the framework codes with codings and the framework codes above them (tree "
        "order); each cell lists the statements of the code and every code below it in that document (subcodes "
        "summed into their parent), and the total counts those codings; only documents with framework codings are columns.",
    ),
    "problems": (
        "问题：被“针对”（addresses）或“导致”关系指向、自身不导致其他编码的编码。原因：以“导致”关系直接指向该问题的编码。"
        "对策：以“针对”关系指向该问题或其某个原因的编码，针对原因的注明该原因。每个编码附一句代表性语句：按编码顺序第一个有该编码（含下级编码）的文档中最早的一句。",
        "Problems: codes an “addresses” or “is cause of” relation points to that cause nothing themselves. "
        "Causes: codes with an “is cause of” relation straight to the problem. Countermeasures: "
        "codes with an “addresses” relation to the problem or to one of its causes (those to a cause name it). Each "
        "code has one quote: the earliest in the first document, in coding order, holding a coding of it or below it.",
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


# ------------------------------------------------------------------ axial coding: the paradigm model


def paradigm_model(p: "_Project", memos: Sequence[v.Memo]) -> "Table":
    from coding.tables import Table, _columns

    roles = list(PARADIGM_ROLES)
    notes_of: dict[int, list[str]] = {}
    for memo in memos:
        if memo.code_id is not None and memo.kind != "storyline" and memo.text.strip():
            notes_of.setdefault(memo.code_id, []).append(memo.text.strip())
    mains = [c for c in p.codes if c.level == "main"]
    cells: dict[int, dict[str | None, list[str]]] = {main.id: {} for main in mains}
    for code in p.codes:
        if code.level == "category":
            main_id = p.ancestor(code.id, "main")
            if main_id is not None:
                cells[main_id].setdefault(code.paradigm_role, []).append(p.title(code.id))
    rows = []
    for main in mains:
        by_role = cells[main.id]
        rows.append((p.title(main.id), *(p.separator.join(by_role.get(role, ())) for role in roles),
                     p.separator.join(by_role.get(None, ())), "\n\n".join(notes_of.get(main.id, ()))))
    columns = _columns(("main_category", "主范畴", "Main category", 18, True),
                       *((role, zh, en[0].upper() + en[1:], 16, True) for role, (zh, en) in PARADIGM_ROLES.items()),
                       ("no_role", "未定角色", "No role", 14, True),
                       ("relation_meaning", "关系内涵", "Relation meaning", 50, True))
    return Table("paradigm_model", "范式模型", "Paradigm model", columns, tuple(rows),
                 notes=(_NOTES["paradigm_model"][p.lang == "en"],))


# ------------------------------------------------------------------ problem → cause → countermeasure


def first_quote(p: "_Project", code_id: int) -> CodingRow | None:
    """The earliest coding of the code or a code below it in the first document, in coding order, holding one."""
    below = p.subtree(code_id)
    for document in p.documents:
        for row in p.by_document.get(document.id, ()):
            if row.code_id in below:
                return row
    return None


def problems(p: "_Project") -> "Table":
    from coding.tables import Table, _columns

    causes: dict[int, list[int]] = {}
    remedies: dict[int, list[int]] = {}
    causing: set[int] = set()
    for rel in p.relations:
        if rel.source_id == rel.target_id:
            continue
        if rel.type == "is_cause_of":
            causes.setdefault(rel.target_id, []).append(rel.source_id)
            causing.add(rel.source_id)
        elif rel.type.casefold() in ADDRESSES:
            remedies.setdefault(rel.target_id, []).append(rel.source_id)
    found = {target for target in (*remedies, *causes) if target not in causing}  # a cause is no problem of its own
    by_tree = sorted(found, key=p.rank.__getitem__)

    def quote(code_id: int) -> str:
        row = first_quote(p, code_id)
        return p.quote(row.text, row.participant) if row else ""

    def name(code_id: int) -> str:
        return p.by_id[code_id].name

    rows = []
    for problem in by_tree:
        its_causes = sorted(set(causes.get(problem, ())), key=p.rank.__getitem__)
        answers = [(c, None) for c in sorted(set(remedies.get(problem, ())), key=p.rank.__getitem__)]
        for cause in its_causes:
            answers += [(c, cause) for c in sorted(set(remedies.get(cause, ())), key=p.rank.__getitem__)]
        aimed = "（针对{}）" if p.lang == "zh" else " (addresses {})"
        rows.append((
            name(problem), quote(problem),
            "\n".join(name(c) for c in its_causes), "\n".join(quote(c) for c in its_causes),
            "\n".join(name(c) + (aimed.format(name(at)) if at is not None else "") for c, at in answers),
            "\n".join(quote(c) for c, _ in answers),
        ))
    columns = _columns(("problem", "问题", "Problem", 18, True), ("problem_quote", "问题的原始语句", "Problem: statement", 36, True),
                       ("cause", "原因", "Cause", 18, True), ("cause_quote", "原因的原始语句", "Cause: statements", 36, True),
                       ("countermeasure", "对策", "Countermeasure", 22, True),
                       ("countermeasure_quote", "对策的原始语句", "Countermeasure: statements", 36, True))
    return Table("problems", "问题—原因—对策", "Problem-cause-measure", columns, tuple(rows),
                 notes=(_NOTES["problems"][p.lang == "en"],))


def design_tables(p: "_Project") -> list["Table"]:
    """The sheets of particular designs the project's relations call for (keys as tables.DESIGN_KEYS): the
    causal mechanism where codes cause one another; pathways between main categories; a deductive framework's
    quotes and matrix where codes with no GT level are coded; problems with causes and countermeasures where a
    relation says a code addresses another."""
    out = []
    if any(rel.type == "is_cause_of" and rel.source_id != rel.target_id for rel in p.relations):
        out.append(mechanism(p))
    if _main_links(p):
        out.append(pathways(p))
    if any(p.by_id[row.code_id].level == "none" for row in p.codings):
        out += [framework(p), framework_matrix(p)]
    if any(rel.type.casefold() in ADDRESSES for rel in p.relations):
        out.append(problems(p))
    return out


# ------------------------------------------------------------------ pathways between main categories (seed 001)


def _main_of(p: "_Project", code_id: int) -> int | None:
    return code_id if p.by_id[code_id].level in ("main", "core") else p.ancestor(code_id, "main")


def _main_links(p: "_Project") -> list[v.Relation]:
    """The is_cause_of relations lifted to main categories: one per pair of different main categories."""
    links: dict[tuple[int, int], v.Relation] = {}
    for rel in p.relations:
        if rel.type == "is_cause_of":
            a, b = _main_of(p, rel.source_id), _main_of(p, rel.target_id)
            if a is not None and b is not None and a != b:
                links.setdefault((a, b), v.Relation(rel.id, rel.guid, a, b, rel.type, True, rel.memo,
                                                    rel.created_by, rel.created_at))
    return list(links.values())


def pathways(p: "_Project") -> "Table":
    from coding import gt
    from coding.tables import Table, _columns

    chains = gt.causal_chains(p.codes, _main_links(p))
    named = "{}驱动" if p.lang == "zh" else "{}-driven"
    rows = tuple((n, named.format(p.by_id[chain[0]].name), " → ".join(p.title(c) for c in chain), len(chain))
                 for n, chain in enumerate(chains, 1))
    columns = _columns(("pathway", "路径", "Pathway", 6), ("name", "路径名称", "Name", 24, True),
                       ("main_categories", "路径上的主范畴（依次）", "Main categories in order", 70, True),
                       ("count", "主范畴数", "Main categories", 8))
    return Table("pathways", "作用路径", "Pathways", columns, rows, notes=(_NOTES["pathways"][p.lang == "en"],))


# ------------------------------------------------------------------ causal mechanism (process tracing)


def mechanism(p: "_Project") -> "Table":
    from coding import gt
    from coding.tables import Table, _columns, _relation_quotes

    causal = {}
    for rel in p.relations:
        if rel.type == "is_cause_of" and rel.source_id != rel.target_id:
            causal.setdefault((rel.source_id, rel.target_id), rel)
    loop_word = "回路" if p.lang == "zh" else "loop"

    def row(chain_no: int, step: int | str, source: int, target: int) -> tuple:
        quotes = "\n".join(p.quote(r.text, r.participant) for r in _relation_quotes(p, source, target))
        return (chain_no, step, p.title(source), p.title(target), causal[source, target].memo, quotes)

    rows = []
    for n, chain in enumerate(gt.causal_chains(p.codes, causal.values()), 1):
        rows.extend(row(n, k, a, b) for k, (a, b) in enumerate(zip(chain, chain[1:]), 1))
        at = {code: i for i, code in enumerate(chain)}
        rows.extend(row(n, loop_word, a, b) for a in chain for b in chain
                    if (a, b) in causal and at[b] <= at[a])
    columns = _columns(("chain", "机制链", "Chain", 6), ("step", "环节", "Link", 6),
                       ("cause", "原因", "Cause", 20, True), ("effect", "结果", "Effect", 20, True),
                       ("memo", "机制说明", "How", 36, True), ("quotes", "证据语句", "Evidence", 50, True))
    return Table("mechanism", "因果机制", "Causal mechanism", columns, tuple(rows), group_column=0,
                 notes=(_NOTES["mechanism"][p.lang == "en"],))


# ------------------------------------------------------------------ deductive frameworks (seed 003)


def _top(p: "_Project", code_id: int) -> int:
    while p.by_id[code_id].parent_id is not None:
        code_id = p.by_id[code_id].parent_id
    return code_id


def framework(p: "_Project") -> "Table":
    from coding.tables import Table, _columns

    rows = sorted((r for r in p.codings if p.by_id[r.code_id].level == "none"), key=lambda r: p.rank[r.code_id])
    cells = tuple((n, p.quote(r.text, r.participant), p.paths[r.code_id], p.by_id[_top(p, r.code_id)].name)
                  for n, r in enumerate(rows, 1))
    columns = _columns(("no", "编号", "No.", 6), ("quote", "原始语句", "Statement", 50, True),
                       ("code", "代码", "Code", 30, True), ("dimension", "框架维度", "Dimension", 16, True))
    return Table("framework", "框架编码", "Framework coding", columns, cells, group_column=3,
                 notes=(_NOTES["framework"][p.lang == "en"],))


def framework_matrix(p: "_Project") -> "Table":
    from coding.tables import Table, _columns, _short_name

    coded = {r.code_id for r in p.codings if p.by_id[r.code_id].level == "none"}
    shown = set()
    for code_id in coded:
        at: int | None = code_id
        while at is not None and p.by_id[at].level == "none":
            shown.add(at)
            at = p.by_id[at].parent_id
    framework_codes = [c for c in p.codes if c.id in shown]
    documents = [d for d in p.documents if any(r.code_id in coded for r in p.by_document.get(d.id, ()))]
    rows = []
    for code in framework_codes:
        below = p.subtree(code.id)
        quotes, total = [], 0
        for document in documents:
            found = [r for r in p.by_document.get(document.id, ()) if r.code_id in below]
            total += len(found)
            quotes.append("\n".join(p.quote(r.text, r.participant) for r in found))
        rows.append((p.paths[code.id], total, *quotes))
    columns = _columns(("code", "代码", "Code", 30, True), ("total", "合计", "Total", 8),
                       *((f"document_{d.id}", _short_name(d.name), _short_name(d.name), 30, True) for d in documents))
    return Table("framework_matrix", "框架矩阵", "Framework matrix", columns, tuple(rows), group_column=None,
                 notes=(_NOTES["framework_matrix"][p.lang == "en"],))
