"""Grounded-theory logic as pure functions over plain values.

Numbering of concepts and categories (a1 / A1 / AA1) and of quotes (aa1),
level warnings, the saturation test, the emergence trail of each category
from the event log, comparing snapshots of the code system, causal chains
for process tracing, and memo filters. Each computation takes values from
`values.py` / `queries.py` and returns frozen dataclasses; the `*_of(store)`
functions only gather the inputs, so the GUI, the CLI and exports share one
answer and tests check it with hand-worked examples.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, fields
from datetime import datetime
from typing import Iterable, Mapping, Sequence

from coding import queries
from coding import values as v
from coding.queries import CodingRow
from coding.services.codes import PATH_SEPARATOR
from coding.storage import ProjectStore
from coding.messages import Message
from coding.vocab import LEVELS

# Levels in their GT order; "none" (a grouping or a deductive framework) has no rank.
LEVEL_RANK = {"concept": 0, "category": 1, "main": 2, "core": 3}
CATEGORY_LEVELS = ("category", "main")


_LEVEL_NAMES = {str(name): name for name in (Message("concept"), Message("category"), Message("main category"),
                                             Message("core category"), Message("none"))}


def _level_name(level: str) -> Message | str:
    """The level as messages name it ("main category"); the GUI says it in Chinese."""
    english = LEVELS[level][1] if level in LEVELS else level
    return _LEVEL_NAMES.get(english, english)


# ------------------------------------------------------------------ numbering


@dataclass(frozen=True)
class LabelPrefixes:
    """The letters before the numbers: quotes aa1, concepts a1, categories A1, main categories AA1."""

    quote: str = "aa"
    concept: str = "a"
    category: str = "A"
    main: str = "AA"


def label_prefixes(store: ProjectStore) -> LabelPrefixes:
    """The project's prefixes: settings["label_prefixes"] may override any of them."""
    given = queries.project_info(store)["settings"].get("label_prefixes")
    if not isinstance(given, Mapping):
        return LabelPrefixes()
    return LabelPrefixes(**{f.name: str(given[f.name]) for f in fields(LabelPrefixes) if given.get(f.name)})


def code_labels(codes: Sequence[v.Code], prefixes: LabelPrefixes = LabelPrefixes()) -> dict[int, str]:
    """code id → label, each level numbered on its own in tree order (a1, a2 …; A1 …; AA1 …).

    `codes` must be in tree order (queries.list_codes), so labels change only
    when the tree order does. Core and "none" codes get no label."""
    prefix = {"concept": prefixes.concept, "category": prefixes.category, "main": prefixes.main}
    counts: Counter[str] = Counter()
    labels = {}
    for code in codes:
        if code.level in prefix:
            counts[code.level] += 1
            labels[code.id] = f"{prefix[code.level]}{counts[code.level]}"
    return labels


def quote_labels(
    codes: Sequence[v.Code], codings: Sequence[CodingRow], prefixes: LabelPrefixes = LabelPrefixes()
) -> dict[int, str]:
    """coding id → aa1, aa2 … for the codings of concepts: by concept in tree order, then as listed.

    `codings` come from queries.list_codings, i.e. in document coding order and
    text order; the sort by concept is stable and keeps that order within a concept."""
    rank = {code.id: i for i, code in enumerate(codes) if code.level == "concept"}
    ordered = sorted((r for r in codings if r.code_id in rank), key=lambda r: rank[r.code_id])
    return {r.id: f"{prefixes.quote}{n}" for n, r in enumerate(ordered, 1)}


@dataclass(frozen=True)
class LevelWarning:
    code_id: int
    message: Message  # English; app.messages.say gives it in the interface language


def level_warnings(codes: Sequence[v.Code]) -> list[LevelWarning]:
    """Warnings (never refusals) where a code sits below a code of a lower GT level.

    The parent compared is the nearest ancestor with a level other than "none"
    (groupings are transparent). Both codes of such a pair get a warning: the
    lower one for holding it (a concept holding a category), the higher one for
    being under it (a category under a concept). Listed in tree order."""
    by_id = {c.id: c for c in codes}
    warnings = []
    for child in codes:
        if child.level not in LEVEL_RANK:
            continue
        parent = by_id.get(child.parent_id) if child.parent_id is not None else None
        while parent is not None and parent.level not in LEVEL_RANK:
            parent = by_id.get(parent.parent_id) if parent.parent_id is not None else None
        if parent is None or LEVEL_RANK[child.level] <= LEVEL_RANK[parent.level]:
            continue
        low, high = _level_name(parent.level), _level_name(child.level)
        warnings.append(LevelWarning(parent.id, Message("the {low} “{parent}” holds the {high} “{child}”, a higher level",
                                                        low=low, parent=parent.name, high=high, child=child.name)))
        warnings.append(LevelWarning(child.id, Message("the {high} “{child}” is below the {low} “{parent}”, a lower level",
                                                       high=high, child=child.name, low=low, parent=parent.name)))
    return warnings


# ----------------------------------------------------------------- saturation


@dataclass(frozen=True)
class SaturationRow:
    """One document of the saturation test: what it brought that no earlier document had."""

    document_id: int
    document: str
    participant: str | None
    held_out: bool
    new_concepts: tuple[str, ...]  # code paths, tree order
    new_categories: tuple[str, ...]
    total_concepts: int  # seen so far, this document included
    total_categories: int
    coded: bool = True  # False: no codings yet, so "nothing new" means nothing
    new_relations: tuple[str, ...] = ()  # "A>B → C" for relations first evidenced here


@dataclass(frozen=True)
class Saturation:
    rows: tuple[SaturationRow, ...]
    held_out_new_concepts: tuple[str, ...]
    held_out_new_categories: tuple[str, ...]
    tested: bool  # there are held-out documents and every one of them has codings
    saturated: bool | None  # None: not tested
    held_out_new_relations: tuple[str, ...] = ()
    uncoded_held_out: tuple[str, ...] = ()  # held-out documents without codings: the test waits for them


def saturation(
    documents: Sequence[v.Document],
    codes: Sequence[v.Code],
    codings_positions: Iterable[v.CodingPosition],
    participants: Mapping[int, str] | None = None,
    relations: Iterable[v.Relation] = (),
) -> Saturation:
    """The saturation curve and the held-out test (理论饱和度检验).

    Documents are walked in the order given (coding order), all documents
    that are not held out first, then the held-out ones, which are the test.
    A concept (level "concept") is first seen in the first document with a
    coding of it; a category — level "category" or "main", both count as
    categories — in the first document with a coding of it or of any code
    below it. A relation between two codes is first seen in the first document
    holding codings of both ends (each end with the codes below it). Every
    document gets a row, one without codings too (marked not coded: it shows
    nothing new because nothing is coded). The test is done when every
    held-out document has codings, and passes (saturated) when they bring no
    new concept, category or relation. `participants` maps participant id → pid (A03)."""
    participants = participants or {}
    codes = tuple(codes)
    by_id = {c.id: c for c in codes}
    rank = {c.id: i for i, c in enumerate(codes)}
    paths = queries.code_paths(codes)
    reveals: dict[int, frozenset[int]] = {}  # code id → the concepts and categories a coding of it shows

    def revealed(code_id: int) -> frozenset[int]:
        if code_id not in reveals:
            found, code = set(), by_id[code_id]
            if code.level == "concept":
                found.add(code.id)
            while code is not None:
                if code.level in CATEGORY_LEVELS:
                    found.add(code.id)
                code = by_id.get(code.parent_id) if code.parent_id is not None else None
            reveals[code_id] = frozenset(found)
        return reveals[code_id]

    in_document: dict[int, set[int]] = {}
    for position in codings_positions:
        if position.code_id in by_id:
            in_document.setdefault(position.document_id, set()).add(position.code_id)

    children: dict[int | None, list[int]] = {}
    for code in codes:
        children.setdefault(code.parent_id, []).append(code.id)

    def subtree(code_id: int) -> set[int]:
        out, todo = set(), [code_id]
        while todo:
            out.add(todo[-1])
            todo.extend(children.get(todo.pop(), ()))
        return out

    links = {}  # (source, target) → (label, source subtree, target subtree), in relation order
    for rel in relations:
        if rel.source_id in by_id and rel.target_id in by_id and (rel.source_id, rel.target_id) not in links:
            arrow = " → " if rel.directed else " — "
            links[rel.source_id, rel.target_id] = (paths[rel.source_id] + arrow + paths[rel.target_id],
                                                   subtree(rel.source_id), subtree(rel.target_id))
    seen_links: set[tuple[int, int]] = set()
    seen: set[int] = set()
    rows = []
    for doc in [d for d in documents if not d.held_out] + [d for d in documents if d.held_out]:
        here = in_document.get(doc.id, set())
        shown = set().union(*(revealed(c) for c in here))
        new = sorted(shown - seen, key=rank.__getitem__)
        seen |= shown
        new_links = [key for key, (_, a, b) in links.items() if key not in seen_links and here & a and here & b]
        seen_links.update(new_links)
        rows.append(SaturationRow(
            document_id=doc.id, document=doc.name, participant=participants.get(doc.participant_id), held_out=doc.held_out,
            new_concepts=tuple(paths[c] for c in new if by_id[c].level == "concept"),
            new_categories=tuple(paths[c] for c in new if by_id[c].level in CATEGORY_LEVELS),
            total_concepts=sum(1 for c in seen if by_id[c].level == "concept"),
            total_categories=sum(1 for c in seen if by_id[c].level in CATEGORY_LEVELS),
            coded=bool(here), new_relations=tuple(links[key][0] for key in new_links),
        ))
    held = [r for r in rows if r.held_out]
    new_concepts = tuple(p for r in held for p in r.new_concepts)
    new_categories = tuple(p for r in held for p in r.new_categories)
    new_relations = tuple(p for r in held for p in r.new_relations)
    uncoded = tuple(r.document for r in held if not r.coded)
    tested = bool(held) and not uncoded
    return Saturation(
        rows=tuple(rows), held_out_new_concepts=new_concepts, held_out_new_categories=new_categories, tested=tested,
        saturated=(not new_concepts and not new_categories and not new_relations) if tested else None,
        held_out_new_relations=new_relations, uncoded_held_out=uncoded,
    )


@dataclass(frozen=True)
class QuoteSaturation:
    """The saturation test on a share of the quotes instead of whole documents (few or long interviews)."""

    quotes: int  # codings in all
    held_out: tuple[int, ...]  # the coding ids held out: evenly spread over the coding order
    new_concepts: tuple[str, ...]  # code paths, tree order: only the held-out quotes show them
    new_categories: tuple[str, ...]
    saturated: bool | None  # None: no quote held out


def quote_saturation(
    documents: Sequence[v.Document], codes: Sequence[v.Code], codings_positions: Iterable[v.CodingPosition], share: float
) -> QuoteSaturation:
    """Hold out SHARE (0 < share < 1) of the quotes and test whether they show a concept or category the
    others do not. The quotes are taken in coding order (documents as the document test walks them, then
    text position) and every one whose position crosses a multiple of 1/share is held out (share 0.2: the
    5th, 10th …), so the held-out quotes are spread over the documents. Categories count as in `saturation`."""
    if not 0 < share < 1:
        from coding.errors import InvalidInput

        raise InvalidInput("the share of quotes held out must be between 0 and 1, not {share}", share=share)
    codes = tuple(codes)
    by_id = {c.id: c for c in codes}
    rank = {c.id: i for i, c in enumerate(codes)}
    paths = queries.code_paths(codes)
    order = {d.id: i for i, d in enumerate([d for d in documents if not d.held_out] + [d for d in documents if d.held_out])}
    rows = sorted((r for r in codings_positions if r.code_id in by_id and r.document_id in order),
                  key=lambda r: (order[r.document_id], r.start, r.end, r.id))

    def revealed(code_id: int) -> set[int]:
        code, found = by_id[code_id], set()
        if code.level == "concept":
            found.add(code.id)
        while code is not None:
            if code.level in CATEGORY_LEVELS:
                found.add(code.id)
            code = by_id.get(code.parent_id) if code.parent_id is not None else None
        return found

    held = [r for i, r in enumerate(rows) if int((i + 1) * share) > int(i * share)]
    held_ids = {r.id for r in held}
    kept = set().union(*(revealed(r.code_id) for r in rows if r.id not in held_ids))
    new = sorted(set().union(*(revealed(r.code_id) for r in held)) - kept, key=rank.__getitem__)
    concepts = tuple(paths[c] for c in new if by_id[c].level == "concept")
    categories = tuple(paths[c] for c in new if by_id[c].level in CATEGORY_LEVELS)
    return QuoteSaturation(quotes=len(rows), held_out=tuple(r.id for r in held), new_concepts=concepts,
                           new_categories=categories, saturated=(not new) if held else None)


def saturation_of(store: ProjectStore) -> Saturation:
    """The saturation test of a project, over every coder's codings."""
    pids = {p.id: p.pid for p in queries.list_participants(store)}
    return saturation(queries.list_documents(store), queries.list_codes(store), queries.coding_positions(store), pids,
                      queries.list_relations(store))


# ------------------------------------------------------------ emergence trail

# the events that tell how a code came to be what it is (undo/redo cancel and restore them)
CODE_HISTORY_ACTIONS = ("code_renamed", "code_moved", "codes_moved", "code_merged", "code_split", "code_recategorised", "undo", "redo")


@dataclass(frozen=True)
class FirstQuote:
    """The earliest coding of a code: where it emerged, from whom."""

    text: str
    document: str
    participant: str | None
    date: str  # ISO date (UTC) of the coding
    coder: str


@dataclass(frozen=True)
class TrailStep:
    """One change to a code: action is created, renamed, moved, merged, split or relevelled."""

    at: str  # ISO datetime
    coder: str | None
    action: str
    detail: Message  # an English sentence for display (app.messages.say gives it in the interface language)
    old: str | None = None  # renamed: names; moved: parent paths; merged: source → target path;
    new: str | None = None  # split: the code's name → the new names; relevelled: levels


@dataclass(frozen=True)
class TrailNode:
    code_id: int
    path: str
    level: str
    first_quote: FirstQuote | None  # None: the code has no codings of its own
    history: tuple[TrailStep, ...]
    children: tuple[TrailNode, ...]


@dataclass(frozen=True)
class TrailMain:
    """A main category with the categories and concepts below it.

    code_id None is the last entry, for the concepts and categories that are
    under no main category (its path is "")."""

    code_id: int | None
    path: str
    first_quote: FirstQuote | None
    history: tuple[TrailStep, ...]
    children: tuple[TrailNode, ...]


def effective_events(events: Iterable[v.Event]) -> list[v.Event]:
    """The events still in effect: without undo/redo events and without the events they undid.

    An undo event names the event it reverses; a redo names that undo, and so on:
    each chain leads back to one original event, cancelled by the last undo."""
    events = list(events)
    root: dict[int, int] = {}
    cancelled: set[int] = set()
    for event in events:
        if event.action in ("undo", "redo"):
            target = event.payload.get("event_id")
            root[event.id] = original = root.get(target, target)
            (cancelled.add if event.action == "undo" else cancelled.discard)(original)
    return [e for e in events if e.action not in ("undo", "redo") and e.id not in cancelled]


_TOP = Message("the top level")


def code_histories(
    codes: Sequence[v.Code], events: Iterable[v.Event], coders: Mapping[int, str]
) -> dict[int, tuple[TrailStep, ...]]:
    """code id → its steps, oldest first: created (from the code itself), then the events that changed it.

    Codes merged into a code are steps of that code; moves only within the same
    parent (reordering) are left out. `events` are in log order (undo/redo included)."""
    paths = queries.code_paths(tuple(codes))
    steps: dict[int, list[TrailStep]] = {c.id: [] for c in codes}
    first_name: dict[int, str] = {}
    first_level: dict[int, str] = {}
    split_from: dict[int, str] = {}

    def parent_path(payload: Mapping, key: str, id_key: str) -> str:
        if key in payload:
            return payload[key] or _TOP
        parent = payload.get(id_key)
        return _TOP if parent is None else paths.get(parent) or Message("code #{id}", id=parent)

    def add(code_id: int | None, event: v.Event, action: str, detail: Message, old: str | None, new: str | None) -> None:
        if code_id in steps:
            steps[code_id].append(TrailStep(event.at.isoformat(), coders.get(event.coder_id), action, detail, old, new))

    for event in effective_events(events):
        p = event.payload
        if event.action == "code_renamed":
            first_name.setdefault(p["code_id"], p["old"])
            add(p["code_id"], event, "renamed", Message("renamed from “{old}” to “{new}”", old=p["old"], new=p["new"]),
                p["old"], p["new"])
        elif event.action in ("code_moved", "codes_moved"):
            for move in p.get("moves", [p]):  # codes_moved: several codes to one place
                if move.get("old_parent") != p.get("new_parent"):
                    old, new = parent_path(move, "old_parent_path", "old_parent"), parent_path(p, "new_parent_path", "new_parent")
                    add(move["code_id"], event, "moved", Message("moved from {old} to {new}", old=old, new=new), old, new)
        elif event.action == "code_merged":
            source = p.get("source_path") or p["source_name"]
            target = p.get("target_path") or p["target_name"]
            add(p["target_id"], event, "merged", Message("merged “{source}” into this", source=source), source, target)
            for child in p.get("children_merged", []):
                detail = Message("merged “{name}” (a subcode of “{source}”) into this", name=child["name"], source=source)
                add(child["target_id"], event, "merged", detail, f"{source}{PATH_SEPARATOR}{child['name']}",
                    paths.get(child["target_id"]))
        elif event.action == "code_split":
            names = [part["name"] for part in p["new_codes"]]
            for part in p["new_codes"]:
                split_from[part["code_id"]] = p["name"]
            add(p["code_id"], event, "split", Message("split into {names}", names=", ".join(f"“{n}”" for n in names)),
                p["name"], ", ".join(names))
        elif event.action == "code_recategorised":
            first_level.setdefault(p["code_id"], p["old"])
            add(p["code_id"], event, "relevelled", Message("level changed from {old} to {new}",
                                                           old=_level_name(p["old"]), new=_level_name(p["new"])),
                p["old"], p["new"])

    out = {}
    for code in codes:
        name, level = first_name.get(code.id, code.name), first_level.get(code.id, code.level)
        if code.id in split_from:
            detail = Message("created as {level} “{name}”, split off from “{source}”", level=_level_name(level),
                             name=name, source=split_from[code.id])
        elif code.in_vivo:
            detail = Message("created as {level} “{name}” (in vivo)", level=_level_name(level), name=name)
        else:
            detail = Message("created as {level} “{name}”", level=_level_name(level), name=name)
        created = TrailStep(code.created_at.isoformat(), coders.get(code.created_by), "created", detail, None, name)
        out[code.id] = (created, *steps[code.id])
    return out


def _first_quote(row: CodingRow | None) -> FirstQuote | None:
    if row is None:
        return None
    date = datetime.fromisoformat(row.created_at).date().isoformat()
    return FirstQuote(row.text, row.document, row.participant, date, row.coder)


def trail(
    codes: Sequence[v.Code],
    events: Iterable[v.Event],
    first_codings: Mapping[int, CodingRow],
    coders: Mapping[int, str],
) -> tuple[TrailMain, ...]:
    """How each main category emerged: its categories and concepts in tree order, each with its
    first quote and its history.

    Codes of level "none" or "core" are transparent (their descendants take
    their place); a main category below another main category is a node of it.
    Concepts and categories under no main category come last, in an entry
    with code_id None. `first_codings` is queries.first_codings."""
    codes = tuple(codes)
    paths = queries.code_paths(codes)
    history = code_histories(codes, events, coders)
    children: dict[int | None, list[v.Code]] = {}
    for code in codes:  # tree order, so siblings stay in order
        children.setdefault(code.parent_id, []).append(code)

    def node(code: v.Code) -> TrailNode:
        return TrailNode(code.id, paths[code.id], code.level, _first_quote(first_codings.get(code.id)), history[code.id],
                         tuple(node(c) for c in below(code.id)))

    def below(parent_id: int | None) -> list[v.Code]:
        """The nearest concepts and categories (main ones included) under a code, through transparent codes."""
        out = []
        for code in children.get(parent_id, []):
            out.extend([code] if code.level in ("concept", "category", "main") else below(code.id))
        return out

    tops = below(None)
    entries = [
        TrailMain(c.id, paths[c.id], _first_quote(first_codings.get(c.id)), history[c.id], tuple(node(x) for x in below(c.id)))
        for c in tops if c.level == "main"
    ]
    orphans = tuple(node(c) for c in tops if c.level != "main")
    if orphans:
        entries.append(TrailMain(None, "", None, (), orphans))
    return tuple(entries)


def trail_of(store: ProjectStore) -> tuple[TrailMain, ...]:
    """The emergence trail of a project (see `trail`)."""
    codes = queries.list_codes(store)
    coders = {c.id: c.name for c in queries.list_coders(store)}
    firsts = queries.first_codings(store, codes=codes, paths=queries.code_paths(codes))
    return trail(codes, queries.list_events_of(store, CODE_HISTORY_ACTIONS), firsts, coders)


# ------------------------------------------------------------------ snapshots


@dataclass(frozen=True)
class SnapshotDiff:
    """What changed between two code systems; codes are named by path (in the older one where they left it)."""

    added: tuple[str, ...]  # path now
    removed: tuple[str, ...]  # path then
    renamed: tuple[tuple[str, str], ...]  # (path then, path now)
    moved: tuple[tuple[str, str], ...]  # (path then, path now)
    merged: tuple[tuple[str, str], ...]  # (source path then, target path now)


def _guid_paths(codes: Sequence[Mapping]) -> dict[str, str]:
    """guid → path of a snapshot's codes, in tree order (siblings by position)."""
    guids = {c["guid"] for c in codes}
    children: dict[str | None, list[Mapping]] = {}
    for code in sorted(codes, key=lambda c: (c.get("position", 0), c.get("id", 0))):
        parent = code.get("parent_guid")
        children.setdefault(parent if parent in guids else None, []).append(code)
    paths: dict[str, str] = {}
    stack = [(c, "") for c in reversed(children.get(None, []))]
    while stack:
        code, prefix = stack.pop()
        path = paths[code["guid"]] = f"{prefix}{PATH_SEPARATOR}{code['name']}" if prefix else code["name"]
        stack.extend((c, path) for c in reversed(children.get(code["guid"], [])))
    return paths


def snapshot_diff(before: Sequence[Mapping], after: Sequence[Mapping], merges: Mapping[str, str] = {}) -> SnapshotDiff:
    """Compare two code systems (snapshot payload["codes"] lists), matching codes by GUID.

    Renamed: same GUID, other name; moved: other parent. A code gone from
    `after` that `merges` (source GUID → target GUID, see merges_between)
    sends into a code still present — through a chain of merges too — is
    listed as merged, not as removed."""
    old, new = {c["guid"]: c for c in before}, {c["guid"]: c for c in after}
    old_paths, new_paths = _guid_paths(before), _guid_paths(after)

    def merged_into(guid: str) -> str | None:
        seen = {guid}
        target = merges.get(guid)
        while target is not None and target not in new and target not in seen:
            seen.add(target)
            target = merges.get(target)
        return target if target in new else None

    removed, merged = [], []
    for guid, path in old_paths.items():
        if guid not in new:
            target = merged_into(guid)
            if target is None:
                removed.append(path)
            else:
                merged.append((path, new_paths[target]))
    kept = [g for g in old_paths if g in new]
    return SnapshotDiff(
        added=tuple(p for g, p in new_paths.items() if g not in old),
        removed=tuple(removed),
        renamed=tuple((old_paths[g], new_paths[g]) for g in kept if old[g]["name"] != new[g]["name"]),
        moved=tuple((old_paths[g], new_paths[g]) for g in kept if old[g].get("parent_guid") != new[g].get("parent_guid")),
        merged=tuple(merged),
    )


def current_code_system(store: ProjectStore) -> list[dict]:
    """The code system now, in the shape of a snapshot's payload["codes"]."""
    return queries.code_system(store)


def merges_between(store: ProjectStore, since: datetime | None, until: datetime | None = None) -> dict[str, str]:
    """source GUID → target GUID of the merges (subcodes merged along included) after `since`, up to `until`.

    Undo and redo up to `until` are honoured: an undone merge is not listed."""
    events = [e for e in queries.list_events_of(store, ("code_merged", "undo", "redo")) if until is None or e.at <= until]
    merges = {}
    for event in effective_events(events):
        if event.action != "code_merged" or (since is not None and event.at <= since):
            continue
        p = event.payload
        merges[p["source_guid"]] = p["target_guid"]
        merges.update({c["source_guid"]: c["target_guid"] for c in p.get("children_merged", []) if "source_guid" in c})
    return merges


# ------------------------------------------------------------ process tracing


def causal_chains(codes: Sequence[v.Code], relations: Iterable[v.Relation]) -> list[list[int]]:
    """Chains of codes linked by "is_cause_of" relations (source causes target), each in causal order.

    A chain runs from a code no is_cause_of points to, along the relations, to
    a code that causes nothing further (or whose effects are already on the
    chain: a cycle ends there). A chain that is part of a longer one (a
    shortcut A → C beside A → B → C) is left out; branches give one chain
    each. Codes caught only in cycles start from their first code in tree
    order. Chains are listed by their first code, then by tree order of the
    branches: ex-ante → in-process → post-event for a mechanism."""
    rank = {c.id: i for i, c in enumerate(codes)}
    effects: dict[int, set[int]] = {}
    causes: dict[int, set[int]] = {}
    for rel in relations:
        if rel.type == "is_cause_of" and rel.source_id in rank and rel.target_id in rank and rel.source_id != rel.target_id:
            effects.setdefault(rel.source_id, set()).add(rel.target_id)
            causes.setdefault(rel.target_id, set()).add(rel.source_id)
    nodes = sorted(set(effects) | set(causes), key=rank.__getitem__)

    def walk(path: list[int]) -> list[list[int]]:
        nxt = sorted((e for e in effects.get(path[-1], ()) if e not in path), key=rank.__getitem__)
        return [chain for e in nxt for chain in walk(path + [e])] if nxt else [path]

    chains: list[list[int]] = []
    covered: set[int] = set()
    starts = [n for n in nodes if n not in causes]
    while True:
        for start in starts:
            for chain in walk([start]):
                chains.append(chain)
                covered.update(chain)
        rest = [n for n in nodes if n not in covered]
        if not rest:
            break
        starts = rest[:1]  # a cycle with no way in: enter at its first code
    return [c for c in chains if not any(len(o) > len(c) and _is_subsequence(c, o) for o in chains)]


def _is_subsequence(short: list[int], long: list[int]) -> bool:
    it = iter(long)
    return all(x in it for x in short)


# ----------------------------------------------------------------------- memos


def filter_memos(
    memos: Iterable[v.Memo],
    *,
    kind: str | None = None,
    code_id: int | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> list[v.Memo]:
    """The memos of one kind, on one code, written (created) since ≤ time < until; None: any."""
    return [
        memo for memo in memos
        if (kind is None or memo.kind == kind)
        and (code_id is None or memo.code_id == code_id)
        and (since is None or memo.created_at >= since)
        and (until is None or memo.created_at < until)
    ]
