"""Every table of the paper-ready workbook (issue 6), computed as plain data.

`workbook_tables(store)` reads a project once and returns the tables in
workbook order: open, axial and selective coding (开放式/主轴/选择性编码),
the saturation test, the emergence trail, the code × document, code ×
attribute and co-occurrence matrices, and the codebook. A `Table` carries its
sheet name and headers in Chinese and English; its cells are plain values
(str, int, date, None) with vocabulary labels (GT levels, paradigm roles,
relation types) in the chosen language, and its `notes` state how it counts.
`exports/excel.py` only writes these, so every rule lives here and
tests/core/test_tables.py checks it against hand-worked projects.

Reading is sized for the benchmark project (200 documents, 1,000 codes,
60,000 codings): quotes are cut from each document's text once, the
matrices keep only codes that have codings, and co-occurrence is a sweep
over sorted spans per document rather than a test of every pair.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from dataclasses import dataclass, replace
from datetime import date, datetime
from functools import cached_property
from heapq import heappop, heappush
from typing import Any, Callable, Sequence

from coding import gt, queries
from coding import values as v
from coding.errors import InvalidInput
from coding.exported_codings import compared_coders, exported_codings
from coding.messages import say
from coding.queries import CodingRow
from coding.storage import ProjectStore
from coding.textfold import fold
from coding.vocab import LEVELS, PARADIGM_ROLES, RELATION_TYPES


@dataclass(frozen=True)
class Column:
    key: str  # stable id, e.g. "quote"; never user text
    zh: str  # header in Chinese
    en: str  # header in English
    width: int = 12  # suggested width in Chinese characters
    wrap: bool = False  # long text column


@dataclass(frozen=True)
class ChartSpec:
    zh: str  # chart title
    en: str
    x_column: int  # column index of the category axis
    series_columns: tuple[int, ...]  # numeric columns drawn as lines; rows whose series cells are None are no points


@dataclass(frozen=True)
class Table:
    key: str
    zh: str  # sheet name (≤ 31 characters, none of []:*?/\)
    en: str
    columns: tuple[Column, ...]
    rows: tuple[tuple[Any, ...], ...]  # str, int, float, None, date; never formulas (the writer guards)
    group_column: int | None = None  # consecutive equal values in this column may be merged
    chart: ChartSpec | None = None
    notes: tuple[str, ...] = ()  # lines for the workbook's notes sheet, in the chosen language


TABLE_KEYS = ("open_coding", "representative_quotes", "axial_coding", "paradigm_model", "selective_coding",
              "saturation", "trail",
              "code_document_matrix", "code_attribute_matrix", "cooccurrence_matrix", "codebook", "agreement")
DESIGN_KEYS = ("mechanism", "pathways", "framework", "framework_matrix", "problems")  # after selective coding, only where the project's relations make one (design_tables)
AGREEMENT_UNITS = ("document", "frequency", "sentence", "char")  # the granularities the agreement sheet reports
MAX_RELATION_QUOTES = 3

# words inside cells and notes: (zh, en)
_UNIT_NAMES = {"document": ("文档", "document"), "frequency": ("文档（频次）", "document (frequency)"),
               "sentence": ("句子", "sentence"), "char": ("字符", "character")}
_WORDS = {
    "overall": ("总体", "Overall"),
    "yes": ("是", "yes"),
    "total": ("合计", "Total"),
    "not_given": ("（未填）", "(not given)"),
    "core": ("核心范畴", "Core category"),
    "storyline": ("故事线", "Story line"),
    "top": ("顶层", "the top level"),
    "renamed": ("更名", "renamed"),
    "moved": ("移动", "moved"),
    "merged": ("合并", "merged"),
    "split": ("拆分", "split"),
    "relevelled": ("层级", "level"),
    "passed": ("饱和度检验：通过（留存文档未产生新概念或新范畴）",
               "Saturation test: passed (the held-out documents brought no new concept or category)"),
    "failed": ("饱和度检验：未通过（留存文档产生新概念：{concepts}；新范畴：{categories}）",
               "Saturation test: failed (new in the held-out documents — concepts: {concepts}; "
               "categories: {categories})"),
    "untested": ("饱和度检验：未检验（没有已编码的留存文档）",
                 "Saturation test: not tested (no held-out document has codings)"),
    "waiting": ("饱和度检验：未完成（留存文档尚未编码：{documents}）",
                "Saturation test: not done (held-out documents not coded yet: {documents})"),
    "failed_relations": ("饱和度检验：未通过（留存文档产生新概念：{concepts}；新范畴：{categories}；新关系：{relations}）",
                         "Saturation test: failed (new in the held-out documents — concepts: {concepts}; "
                         "categories: {categories}; relations: {relations})"),
    "none": ("无", "none"),
}

_NOTES = {
    "agreement": (
        "编码一致性：比较任一编码者编码过的文档（与 MAXQDA 相同：某位编码者未编码的文档中，另一位的编码计为不一致）。"
        "文档单位：每个文档×代码判断是否出现（MAXQDA 的“代码是否存在”）；文档（频次）：每个至少一位编码者使用过该代码的文档×代码，"
        "各编码者使用该代码的次数相同即为一致（MAXQDA 的“代码频次”，不计算 κ 与 α）；"
        "句子单位：每个句子×代码判断是否有编码覆盖；字符单位：每个字符×代码判断是否在编码内（与 NVivo 相同）。"
        "一致率 = 全部编码者判断相同的判断数 / 判断数；编码内一致率 = 全部编码者都判为出现的判断数 / 至少一位判为出现的判断数"
        "（不计全部判为未出现的判断；按字符计算时即只计有编码的字符）。"
        "κ：两位编码者为 Cohen's κ = (p_o − p_e) / (1 − p_e)，p_e = p_是·p_是′ + p_否·p_否′；仅当 p_e = 1（两位编码者处处判断相同且不变）时无定义，"
        "某位编码者从未使用某代码时 κ = 0（与 R irr::kappa2、sklearn 相同），并注明原因；"
        "三位及以上编码者为 Fleiss' κ = (P̄ − P_e) / (1 − P_e)，P̄ 为每个判断中判断一致的编码者对的比例之平均，"
        "P_e = p² + (1 − p)²，p 为“出现”判断的比例。α 为 Krippendorff's alpha（名义尺度）。"
        "Brennan–Prediger κ = (P_o − 1/2) / (1 − 1/2) = 2P_o − 1（出现、未出现两种取值，机遇一致率 1/2）。"
        "Holsti 相互同意度 K = 2M / (N1 + N2)，M 为两位编码者都判为出现的判断数，N1、N2 为各自判为出现的判断数，多位编码者取两两的平均 K̄；"
        "综合信度 R = n·K̄ / (1 + (n − 1)·K̄)，n 为编码者人数。"
        "“总体”汇总全部代码的判断，不是各代码的平均。无法计算的值留空并注明原因。",
        "Inter-coder agreement over the documents any of the coders coded (as MAXQDA: in a document one coder left "
        "uncoded, the other's codings are disagreements). Document unit: for each document × code, is the code present "
        "(MAXQDA's code existence); document (frequency): for each document × code some coder applied, did every coder "
        "apply it equally often (MAXQDA's code frequency; no κ or α); sentence unit: for each sentence × code, is it "
        "covered by a coding; character unit: for each character × code, is it inside a coding (as NVivo). Percent = decisions on which all coders "
        "agree / decisions; percent (coded) = decisions all coders said present / decisions some coder said present "
        "(leaving out those all said absent: by character, coded characters only). κ: for two coders Cohen's "
        "κ = (p_o − p_e) / (1 − p_e), p_e = p_yes·p_yes′ + p_no·p_no′, undefined only where p_e = 1 (both coders "
        "constant and equal); a coder who never used a code gives κ = 0 (as R's irr::kappa2 and sklearn), with the "
        "reason; for three or more coders Fleiss' κ = (P̄ − P_e) / (1 − P_e), P̄ the mean share of agreeing coder "
        "pairs per decision, P_e = p² + (1 − p)², p the share of \"present\". α is Krippendorff's alpha (nominal). "
        "Brennan–Prediger κ = (P_o − 1/2) / (1 − 1/2) = 2P_o − 1 (two values, chance 1/2). Holsti's K = 2M / (N1 + N2), "
        "M the decisions both coders said present, N1, N2 each one's \"present\" decisions, K̄ the mean over coder "
        "pairs; composite reliability R = n·K̄ / (1 + (n − 1)·K̄) for n coders. \"Overall\" pools the decisions of "
        "every code; it is not a mean. Values that cannot be computed are empty, with the reason.",
    ),
    "open_coding": (
        "每行是初始概念的一次编码（aa 编号），按初始范畴的树顺序、再按初始概念的树顺序、再按文档编码顺序与文中位置排列；"
        "无上级范畴的概念列在最后。",
        "One row per coding of a concept (aa labels), ordered by category in tree order, then concept in tree order, "
        "then document coding order and text position; concepts under no category come last.",
    ),
    "axial_coding": (
        "每个范畴列在其最近的上级主范畴下；范式角色取范畴自身的，未设时取主范畴的。"
        "没有范畴的主范畴占一行；不属于任何主范畴的范畴列在最后。",
        "Each category sits under its nearest main category above it; the paradigm role is the category's own, else "
        "its main category's. A main category without categories has a row of its own; categories under no main "
        "category come last.",
    ),
    "selective_coding": (
        "代表性语句：每个文档至多一句、至多三句。先取起点编码（含其下级编码）与终点编码（含其下级编码）重叠或同在一个句子单元的文档，"
        "引用其中起点一方最早的编码；不足三句时再取两端都有编码的其他文档中起点一方最早的编码；文档按编码顺序。",
        "Representative quotes: at most one per document, three at most. First documents where a coding of the source "
        "code (or a code below it) overlaps or shares a sentence unit with one of the target code (or below), quoting "
        "the earliest such source coding; then other documents where both ends are coded, quoting the earliest coding "
        "of the source end; documents in coding order.",
    ),
    "saturation": (
        "按编码顺序逐个文档统计首次出现的初始概念与范畴（主范畴也计为范畴；编码下级概念即视为出现了其上级范畴），留存文档放在最后作为检验。"
        "关系在两端（含下级编码）首次同在一个文档中被编码时出现；留存文档产生新关系也算未通过。尚未编码的文档新增数留空（不算“无新增”），"
        "有留存文档未编码时检验未完成。",
        "Documents in coding order, held-out ones last as the test; a concept appears with its first coding, a "
        "category (main categories included) with the first coding of it or of any code below it; a relation in the "
        "first document coded with both its ends (or codes below them), and a new relation in a held-out document "
        "fails the test too. A document not coded yet has empty new counts (not “nothing new”); while a held-out "
        "document is not coded the test is not done.",
    ),
    "trail": (
        "每个初始概念一行；范畴或主范畴有自己的编码或有更名、移动、合并等变化时也占一行。首次引文为创建时间最早的编码；后续变化取自事件日志（已撤销的不计）。",
        "One row per concept, and per category or main category with codings of its own or changes; the first quote "
        "is the earliest coding created; changes come from the event log (undone ones left out).",
    ),
    "code_document_matrix": (
        "计数为编码本身的编码次数，不含下级编码；只列有编码的编码。",
        "Counts are codings of the code itself, not of the codes below it; only codes with codings are listed.",
    ),
    "code_attribute_matrix": (
        "按受访者的文本型属性分列：计数为该编码在该属性取此值的受访者的文档中的编码次数（不含下级编码）；"
        "文档没有受访者或受访者未填此属性时计入“未填”；数值、日期、布尔属性不列。",
        "One column per value of each text attribute of participants: codings of the code itself in documents of "
        "participants with that value; documents without a participant or value count as “not given”; numeric, "
        "date and boolean attributes are left out.",
    ),
    "cooccurrence_matrix": (
        "共现：同一文档中两个编码的两次编码相互重叠，或落在同一句子单元（导入时的句子或小句）中，计一次；按编码对逐对计数，"
        "不同编码者的编码之间也计；同一编码的两次编码不计。对角线为该编码的编码次数；合计不含对角线。只列有编码的编码，不含下级编码。",
        "Co-occurrence: two codings in one document count once when their spans overlap or touch a common sentence "
        "unit (the sentences, or clauses, of the import); counted per pair of codings, across coders too; two codings "
        "of the same code do not count. The diagonal is the code's number of codings; totals leave the diagonal out. "
        "Only codes with codings are listed, without their subcodes.",
    ),
    "codebook": (
        "编码数、文档数、受访者数含下级编码；首次出现为按编码顺序第一个出现该编码（或其下级编码）的文档。",
        "Codings, documents and participants include the codes below; first seen is the first document in coding "
        "order holding a coding of the code or of a code below it.",
    ),
}

_GT_TOP = "the top level"  # how gt.code_histories names the top of the tree in moves
_DOCUMENT_SUFFIX = re.compile(r"\.(txt|docx?|rtf|odt|md|pdf|html?)$", re.IGNORECASE)


def _short_name(document: str) -> str:
    """A document's name without a file extension, as headers and cells show it."""
    return _DOCUMENT_SUFFIX.sub("", document)


# ------------------------------------------------------------------ pure functions


def unit_span(starts: Sequence[int], ends: Sequence[int], start: int, end: int) -> tuple[int, int]:
    """A span widened to the units it touches; units are (starts[i], ends[i]), sorted and not overlapping.

    Two spans widened this way overlap exactly when the spans overlap or touch a common unit."""
    first = bisect_right(ends, start)  # the first unit ending after start
    if first < len(starts) and starts[first] < end:
        start = min(start, starts[first])
    last = bisect_left(starts, end) - 1  # the last unit starting before end
    if last >= 0 and ends[last] > start:
        end = max(end, ends[last])
    return start, end


def overlapping_pairs(spans: Sequence[tuple[int, int]]) -> list[tuple[int, int]]:
    """Index pairs (i, j), i listed before j in start order, of the half-open spans that overlap.

    A sweep over the spans sorted by start with a heap of the open ones by end:
    O(n log n + pairs), not a test of every pair."""
    order = sorted(range(len(spans)), key=spans.__getitem__)
    open_spans: list[tuple[int, int]] = []  # (end, index)
    pairs = []
    for i in order:
        start, end = spans[i]
        while open_spans and open_spans[0][0] <= start:
            heappop(open_spans)
        pairs.extend((j, i) for _, j in open_spans)
        heappush(open_spans, (end, i))
    return pairs


def pseudonymiser(participants: Sequence[v.Participant]) -> Callable[[str], str]:
    """A function replacing every participant's name in a text by their ID (王秀兰 → A01); longer names first.

    Names match as search matches (coding/textfold.py): 王秀蘭 and 王秀兰 alike, and with spaces between the
    characters (王 秀兰)."""
    names = {"".join(fold(p.name).split()): p.pid for p in participants if p.name.strip()}
    if not names:
        return lambda text: text
    pattern = re.compile("|".join("[ ]?".join(map(re.escape, name)) for name in sorted(names, key=len, reverse=True)))

    def replace(text: str) -> str:
        if not text:
            return text
        out, at = [], 0
        for found in pattern.finditer(fold(text)):  # fold keeps positions: cut the original text there
            out += [text[at:found.start()], names["".join(found.group().split())]]
            at = found.end()
        return "".join(out) + text[at:] if out else text

    return replace


# ------------------------------------------------------------------ the project, read once


class _Project:
    """The inputs of every table, read once; derived lookups are computed on first use."""

    def __init__(self, store: ProjectStore, lang: str, coder: str | None):
        if lang not in ("zh", "en"):
            raise InvalidInput("unknown language {lang!r}; use zh or en", lang=lang)
        self.lang = lang
        self.coders = {c.id: c.name for c in queries.list_coders(store)}
        self.coder_id = coder_id = None
        if coder is not None:
            coder_id = next((cid for cid, name in self.coders.items() if name == coder), None)
            if coder_id is None:
                raise InvalidInput("no coder named {name!r}", name=coder)
            self.coder_id = coder_id
        self.codes = queries.list_codes(store)
        self.paths = queries.code_paths(self.codes)
        self.prefixes = gt.label_prefixes(store)
        self.labels = gt.code_labels(self.codes, self.prefixes)
        self.documents = queries.list_documents(store)
        self.participants = queries.list_participants(store)
        self.pids = {p.id: p.pid for p in self.participants}
        self.attributes = [a for a in queries.list_attributes(store) if a.type == "text"]
        self.attribute_values = queries.attribute_values(store)
        self.codings, self.source = exported_codings(store, coder_id, codes=self.codes, paths=self.paths)
        self.units = queries.unit_spans(store)
        self.relations = queries.list_relations(store)
        self.storylines = [m.text for m in queries.list_memos(store) if m.kind == "storyline"]
        self.events = queries.list_events_of(store, gt.CODE_HISTORY_ACTIONS)

    # ---------------------------------------------------------- words

    def word(self, key: str) -> str:
        return _WORDS[key][self.lang == "en"]

    def vocab(self, table: dict[str, tuple[str, str]], key: str | None) -> str:
        """A vocabulary label in the chosen language; a user-defined key as it is."""
        return "" if not key else table[key][self.lang == "en"] if key in table else key

    @property
    def separator(self) -> str:
        return "、" if self.lang == "zh" else ", "

    def note(self, key: str) -> tuple[str, ...]:
        return (_NOTES[key][self.lang == "en"],)

    # ---------------------------------------------------------- codes

    @cached_property
    def by_id(self) -> dict[int, v.Code]:
        return {c.id: c for c in self.codes}

    @cached_property
    def rank(self) -> dict[int, int]:
        return {c.id: i for i, c in enumerate(self.codes)}

    @cached_property
    def titles(self) -> dict[int | None, str]:
        """code id → "a3 把社区当成家"; a code without a label (core, none) by its path; None → ""."""
        out: dict[int | None, str] = {None: ""}
        for code in self.codes:
            label = self.labels.get(code.id)
            out[code.id] = f"{label} {code.name}" if label else self.paths[code.id]
        return out

    def title(self, code_id: int | None) -> str:
        return self.titles[code_id]

    def ancestor(self, code_id: int, level: str) -> int | None:
        """The nearest code of this level above the code."""
        parent = self.by_id[code_id].parent_id
        while parent is not None and self.by_id[parent].level != level:
            parent = self.by_id[parent].parent_id
        return parent

    def subtree(self, code_id: int) -> set[int]:
        return queries.descendants(self.codes, code_id)

    # ---------------------------------------------------------- codings

    def quote(self, text: str, pid: str | None) -> str:
        """A quote as papers cite it: "…（A03）"."""
        return f"{text.strip()}（{pid}）" if pid else text.strip()

    @cached_property
    def document_rank(self) -> dict[int, int]:
        return {d.id: i for i, d in enumerate(self.documents)}

    @cached_property
    def by_document(self) -> dict[int, list[CodingRow]]:
        """document id → its codings in text order."""
        out: dict[int, list[CodingRow]] = {}
        for row in self.codings:
            out.setdefault(row.document_id, []).append(row)
        return out

    @cached_property
    def own(self) -> dict[int, Counter[int]]:
        """code id → document id → codings of the code itself."""
        out: dict[int, Counter[int]] = {}
        for row in self.codings:
            if row.code_id not in out:
                out[row.code_id] = Counter()
            out[row.code_id][row.document_id] += 1
        return out

    @cached_property
    def coded(self) -> list[v.Code]:
        """The codes with codings of their own, in tree order: the rows of the matrices."""
        return [c for c in self.codes if c.id in self.own]

    @cached_property
    def pairs(self) -> dict[int, list[tuple[CodingRow, CodingRow]]]:
        """document id → the pairs of its codings that overlap or touch a common unit (see unit_span)."""
        out = {}
        for document_id, rows in self.by_document.items():
            units = self.units.get(document_id, [])
            starts, ends = [u[0] for u in units], [u[1] for u in units]
            spans = [unit_span(starts, ends, r.start, r.end) for r in rows]
            out[document_id] = [(rows[i], rows[j]) for i, j in overlapping_pairs(spans)]
        return out

    @cached_property
    def first_codings(self) -> dict[int, CodingRow]:
        """code id → its earliest coding by creation time (then id), as queries.first_codings for all coders."""
        firsts: dict[int, tuple[datetime, int, CodingRow]] = {}
        for row in self.codings:
            key = (datetime.fromisoformat(row.created_at), row.id, row)
            if row.code_id not in firsts or key[:2] < firsts[row.code_id][:2]:
                firsts[row.code_id] = key
        return {code_id: key[2] for code_id, key in firsts.items()}


def _columns(*specs: tuple) -> tuple[Column, ...]:
    return tuple(Column(*spec) for spec in specs)


# ------------------------------------------------------------------ coding tables


def _open_coding(p: _Project) -> Table:
    labels = gt.quote_labels(p.codes, p.codings, p.prefixes)
    rows = [r for r in p.codings if r.id in labels]
    category = {cid: p.ancestor(cid, "category") for cid in {r.code_id for r in rows}}
    last = len(p.codes)

    def order(row: CodingRow) -> tuple[int, int]:
        cat = category[row.code_id]
        return (last if cat is None else p.rank[cat], p.rank[row.code_id])

    rows.sort(key=order)  # stable: coding order within a concept
    pooled = p.source.kind == "pooled" and len(p.source.coders) > 1  # then each row names its coders
    cells = tuple((n, p.quote(r.text, r.participant), labels[r.id], p.title(r.code_id), p.title(category[r.code_id]),
                   *((r.coder,) if pooled else ())) for n, r in enumerate(rows, 1))
    columns = _columns(("no", "编号", "No.", 6), ("quote", "原始语句", "Original statement", 50, True),
                       ("quote_label", "贴标签", "Label", 8), ("concept", "初始概念", "Initial concept", 20, True),
                       ("category", "初始范畴", "Initial category", 20, True),
                       *((("coder", "编码者", "Coder", 10),) if pooled else ()))
    return Table("open_coding", "开放式编码", "Open coding", columns, cells, group_column=4,
                 notes=(*p.note("open_coding"), p.source.note(p.lang)))


def _axial_coding(p: _Project) -> Table:
    under: dict[int | None, list[v.Code]] = {}
    for code in p.codes:
        if code.level == "category":
            under.setdefault(p.ancestor(code.id, "main"), []).append(code)
    rows = []
    for main in [c for c in p.codes if c.level == "main"] + [None]:
        categories = under.get(main.id if main else None, [])
        main_role = main.paradigm_role if main else None
        if main is not None and not categories:
            rows.append((p.title(main.id), "", main.definition, p.vocab(PARADIGM_ROLES, main_role)))
        rows.extend((p.title(main.id) if main else "", p.title(c.id), c.definition,
                     p.vocab(PARADIGM_ROLES, c.paradigm_role or main_role)) for c in categories)
    columns = _columns(("main_category", "主范畴", "Main category", 20, True),
                       ("category", "对应副范畴", "Subcategory", 20, True),
                       ("definition", "范畴内涵", "Definition", 50, True),
                       ("paradigm_role", "范式角色", "Paradigm role", 14))
    return Table("axial_coding", "主轴编码", "Axial coding", columns, tuple(rows), group_column=0,
                 notes=p.note("axial_coding"))


def _relation_quotes(p: _Project, source_id: int, target_id: int) -> list[CodingRow]:
    """Up to three source-end codings that show the relation (the rule is in the selective coding notes)."""
    sources, targets = p.subtree(source_id), p.subtree(target_id)
    documents = [d.id for d in p.documents if d.id in p.by_document]
    chosen: dict[int, CodingRow] = {}
    for document_id in documents:
        found = [x for a, b in p.pairs[document_id] for x, y in ((a, b), (b, a))
                 if x.code_id in sources and y.code_id in targets]
        if found:
            chosen[document_id] = min(found, key=lambda r: (r.start, r.end, r.id))
            if len(chosen) == MAX_RELATION_QUOTES:
                return list(chosen.values())
    for document_id in documents:
        rows = p.by_document[document_id]
        if document_id not in chosen and any(r.code_id in targets for r in rows):
            first = next((r for r in rows if r.code_id in sources), None)
            if first is not None:
                chosen[document_id] = first
                if len(chosen) == MAX_RELATION_QUOTES:
                    break
    return list(chosen.values())


def _selective_coding(p: _Project) -> Table:
    rows = []
    for rel in p.relations:
        arrow = " → " if rel.directed else " — "
        quotes = "\n".join(p.quote(r.text, r.participant) for r in _relation_quotes(p, rel.source_id, rel.target_id))
        rows.append((p.by_id[rel.source_id].name + arrow + p.by_id[rel.target_id].name,
                     p.vocab(RELATION_TYPES | PARADIGM_ROLES, rel.type), rel.memo, quotes))
    cores = p.separator.join(c.name for c in p.codes if c.level == "core")
    rows.append((p.word("core"), "", cores, ""))
    rows.append((p.word("storyline"), "", "\n\n".join(p.storylines), ""))
    columns = _columns(("structure", "典型关系结构", "Relation structure", 24, True),
                       ("relation_type", "关系类型", "Relation type", 12),
                       ("meaning", "关系结构的内涵", "Meaning of the relation", 50, True),
                       ("quotes", "代表性语句", "Representative quotes", 50, True))
    return Table("selective_coding", "选择性编码", "Selective coding", columns, tuple(rows),
                 notes=p.note("selective_coding"))


# ------------------------------------------------------------------ saturation and trail


def _saturation(p: _Project) -> Table:
    result = gt.saturation(p.documents, p.codes, p.codings, p.pids, p.relations)
    by_path = {path: cid for cid, path in p.paths.items()}
    rows: list[tuple] = [
        (n, _short_name(r.document), r.participant or "", p.word("yes") if r.held_out else "",
         len(r.new_concepts) if r.coded else None, len(r.new_categories) if r.coded else None,
         r.total_concepts, r.total_categories,
         p.separator.join(p.title(by_path[path]) for path in r.new_concepts))
        for n, r in enumerate(result.rows, 1)
    ]
    if result.uncoded_held_out:
        verdict = p.word("waiting").format(documents=p.separator.join(map(_short_name, result.uncoded_held_out)))
    elif result.saturated is None:
        verdict = p.word("untested")
    elif result.saturated:
        verdict = p.word("passed")
    else:
        names = [p.separator.join(p.title(by_path[x]) for x in paths) or p.word("none")
                 for paths in (result.held_out_new_concepts, result.held_out_new_categories)]
        links = p.separator.join(result.held_out_new_relations)
        verdict = (p.word("failed_relations").format(concepts=names[0], categories=names[1], relations=links)
                   if links else p.word("failed").format(concepts=names[0], categories=names[1]))
    rows.append((verdict,) + (None,) * 8)
    columns = _columns(("no", "序号", "No.", 6), ("document", "文档", "Document", 20),
                       ("participant", "受访者", "Participant", 8), ("held_out", "留存检验", "Held out", 8),
                       ("new_concepts", "新增概念", "New concepts", 8),
                       ("new_categories", "新增范畴", "New categories", 8),
                       ("total_concepts", "累计概念", "Concepts so far", 8),
                       ("total_categories", "累计范畴", "Categories so far", 8),
                       ("new_concept_names", "新增概念名称", "Names of the new concepts", 40, True))
    chart = ChartSpec("理论饱和度曲线", "Saturation curve", x_column=1, series_columns=(6, 7))
    return Table("saturation", "理论饱和度", "Saturation", columns, tuple(rows), chart=chart,
                 notes=p.note("saturation") + (verdict,))


def _change(p: _Project, step: gt.TrailStep) -> str:
    """One later change of a code: "2024-05-01 更名：旧 → 新" (English: the trail's own sentence)."""
    if p.lang == "en":
        return f"{step.at[:10]} {step.detail}"
    old, new = step.old or "", step.new or ""
    if step.action == "relevelled":
        old, new = p.vocab(LEVELS, old), p.vocab(LEVELS, new)
    old, new = (p.word("top") if x == _GT_TOP else x for x in (old, new))
    return f"{step.at[:10]} {p.word(step.action) if step.action in _WORDS else step.action}：{old} → {new}"


def _trail(p: _Project) -> Table:
    rows = []

    def add(main: str, category: str, concept: str, quote: gt.FirstQuote | None,
            history: Sequence[gt.TrailStep]) -> None:
        changes = ("；" if p.lang == "zh" else "; ").join(_change(p, s) for s in history[1:])  # [0] is "created"
        where: tuple = ("", "", "", None, "")
        if quote is not None:
            where = (quote.text.strip(), _short_name(quote.document), quote.participant or "",
                     date.fromisoformat(quote.date), quote.coder)
        rows.append((main, category, concept, *where, changes))

    def walk(main: str, node: gt.TrailNode, category: str) -> None:
        if node.level == "concept":
            add(main, category, p.title(node.code_id), node.first_quote, node.history)
        else:
            category = p.title(node.code_id)
            if node.first_quote is not None or len(node.history) > 1:
                add(main, category, "", node.first_quote, node.history)
        for child in node.children:
            walk(main, child, category)

    for entry in gt.trail(p.codes, p.events, p.first_codings, p.coders):
        main = p.title(entry.code_id)
        if entry.code_id is not None and (entry.first_quote is not None or len(entry.history) > 1):
            add(main, "", "", entry.first_quote, entry.history)
        for node in entry.children:
            walk(main, node, "")
    columns = _columns(("main_category", "主范畴", "Main category", 18, True), ("category", "范畴", "Category", 18, True),
                       ("concept", "初始概念", "Initial concept", 18, True),
                       ("first_quote", "首次引文", "First quote", 40, True), ("document", "文档", "Document", 16),
                       ("participant", "受访者", "Participant", 8), ("date", "日期", "Date", 11),
                       ("coder", "编码者", "Coder", 8), ("changes", "后续变化", "Later changes", 40, True))
    return Table("trail", "涌现轨迹", "Emergence trail", columns, tuple(rows), group_column=0, notes=p.note("trail"))


def _agreement(p: _Project, store: ProjectStore) -> Table | None:
    """Table 8, only when at least two coders coded the same documents (and no single coder was asked for)."""
    from coding.agreement import agreement  # numpy and krippendorff load only for this sheet

    compared = compared_coders(store)  # never the consensus coder
    if p.coder_id is not None or len(compared) < 2:
        return None
    rows = []
    for unit in AGREEMENT_UNITS:
        try:
            report = agreement(store, unit=unit, coders=compared)
        except InvalidInput:
            return None
        name = p.vocab(_UNIT_NAMES, unit)
        three = len(report.coders) >= 3  # the κ column: Cohen's for two coders, Fleiss' for three or more

        def value(x: float | None, digits: int = 4) -> float | None:
            return None if x is None else round(x, digits)

        for code, m in ((p.word("overall"), report.overall), *((c.code, c) for c in report.codes)):
            rows.append((name, code, value(m.percent, 2), value(m.percent_coded, 2), value(m.fleiss if three else m.kappa),
                         value(m.alpha), value(m.bp), value(m.holsti), value(m.composite), m.n,
                         ("；" if p.lang == "zh" else "; ").join(say(reason, p.lang) for reason in (*m.undefined, *m.notes))))
    columns = _columns(("unit", "单位", "Unit", 6), ("code", "代码", "Code", 30, True), ("percent", "一致率（%）", "Agreement (%)", 9),
                       ("percent_coded", "编码内一致率（%）", "Agreement, coded (%)", 9),
                       ("kappa", "κ", "κ", 7), ("alpha", "α", "α", 7), ("bp", "Brennan–Prediger κ", "Brennan–Prediger κ", 9),
                       ("holsti", "Holsti K", "Holsti K", 7), ("composite", "综合信度 R", "Composite R", 8),
                       ("n", "判断数", "Decisions", 8), ("undefined", "说明", "Notes", 30, True))
    return Table("agreement", "编码一致性", "Agreement", columns, tuple(rows), group_column=0, notes=p.note("agreement"))


# ------------------------------------------------------------------ the workbook


def _pseudonymised(table: Table, replace_names: Callable[[str], str]) -> Table:
    """The table with participant names replaced in every text cell, header and note."""
    def cell(value: Any) -> Any:
        return replace_names(value) if isinstance(value, str) else value

    return replace(
        table,
        columns=tuple(replace(c, zh=replace_names(c.zh), en=replace_names(c.en)) for c in table.columns),
        rows=tuple(tuple(map(cell, row)) for row in table.rows),
        notes=tuple(map(replace_names, table.notes)),
    )


def workbook_tables(store: ProjectStore, *, lang: str = "zh", coder: str | None = None,
                    pseudonymise: bool = False, quotes_per_concept: int = 3) -> list[Table]:
    """The tables of the paper-ready workbook, in sheet order (keys as TABLE_KEYS).

    `lang` ("zh" or "en") chooses the vocabulary labels and words inside cells;
    `coder` keeps one coder's codings (an unknown name is InvalidInput);
    `pseudonymise` replaces participants' names by their IDs in every text cell;
    `quotes_per_concept` is how many quotes the representative open coding sheet shows per concept."""
    from coding import design_tables as design
    from coding import matrix_tables as matrices

    if quotes_per_concept < 1:
        raise InvalidInput("quotes per concept must be at least 1, not {n}", n=quotes_per_concept)
    p = _Project(store, lang, coder)
    tables = [_open_coding(p), design.representative_quotes(p, quotes_per_concept), _axial_coding(p),
              design.paradigm_model(p, queries.list_memos(store)), _selective_coding(p),
              *design.design_tables(p), _saturation(p), _trail(p),
              matrices.code_document(p), matrices.code_attribute(p), matrices.cooccurrence(p), matrices.codebook(p)]
    agreement_table = _agreement(p, store)
    if agreement_table is not None:
        tables.append(agreement_table)
    if pseudonymise:
        replace_names = pseudonymiser(p.participants)
        tables = [_pseudonymised(t, replace_names) for t in tables]
    return tables
