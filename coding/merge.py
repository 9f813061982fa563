"""Merging two coders' projects: the plan, decided before anything changes.

`plan_merge(store, other_store)` reads both projects and lists, for every
coder, participant, attribute value, document, code, memo and relation of
OTHER, what a merge would do with it; `services/merge.py` carries the plan out
as one action. The plan is built by the same code in both cases, so the
dry run shows exactly what the merge does.

Rules (issue 7):

- Coders match by GUID, then by name; participants by GUID, then participant
  ID; attributes by GUID, then name. Anything unmatched is added.
- Documents match by the sha256 of their text. A document with our name but
  other text is a conflict and is never merged: its codings and memos are
  skipped and listed. Documents only in OTHER are added with their turns,
  units and word tokens. Codings are therefore only carried onto identical
  text and keep their exact offsets and quotes.
- Codes match by GUID, then by normalised path (`normalise_name` on each
  level), then by normalised name under the code their parent matched. A
  matched code whose name (GUID matches only), parent, definition, colour,
  level or paradigm role differs is a conflict; so is an unmatched code whose
  normalised name belongs to exactly one of our codes elsewhere in the tree
  (one OTHER does not also hold by GUID). `prefer` decides each code conflict:
  "mine" keeps our code as it is and maps theirs onto it; "theirs" gives our
  code their name, definition, colour, level, role and place (a rename or move
  that would clash with a sibling or put a code under itself is left out);
  "both" keeps ours and adds theirs beside it as "NAME (theirs)" under their
  parent, with a new GUID (a later merge finds that copy again).
- Participants, attribute values, memos and relations that differ are
  conflicts too: "theirs" takes their fields, "mine" and "both" keep ours
  (they cannot exist twice). An attribute of another type is a conflict whose
  values are not carried.
- Codings: one already present (same GUID, or same code, document, span and
  coder) is skipped, so merging the same file twice changes nothing. Codings
  are counted, not listed, except those skipped because of a conflict.
"""

from __future__ import annotations

import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any, Callable, Mapping, Union

from sqlalchemy import inspect, select
from sqlalchemy.orm import Session

from coding import models as m
from coding.errors import InvalidInput
from coding.messages import Message
from coding.storage import ProjectStore
from coding.textfold import converter

PREFERENCES = ("mine", "theirs", "both")
THEIRS_SUFFIX = " (theirs)"
CODE_FIELDS = ("name", "definition", "colour", "level", "paradigm_role")

# The plan's words (kinds, items, what matched, fields) as messages name them: English as the keys, Chinese in the GUI.
WORDS = {str(word): word for word in (
    Message("matched"), Message("new"), Message("conflict"), Message("skipped"),
    Message("coder"), Message("participant"), Message("attribute"), Message("value"), Message("document"),
    Message("code"), Message("coding"), Message("relation"), Message("memo"),
    Message("guid"), Message("name"), Message("pid"), Message("text"), Message("path"), Message("elsewhere"),
    Message("ends"), Message("type"), Message("participant+attribute"),
    Message("notes"), Message("definition"), Message("colour"), Message("level"), Message("paradigm_role"),
    Message("directed"), Message("title"), Message("parent"))}
WORDS["present"] = Message("already present")  # the coding count of codings this project has already


def _word(word: str) -> Message | str:
    return WORDS.get(word, word)


def _joined(parts: list, separator: str = "+") -> Message | str:
    """PARTS (words or messages) joined by "+" or "; ", each said in the GUI's language."""
    out = _word(parts[0])
    for part in parts[1:]:
        out = Message("{a}+{b}", a=out, b=_word(part)) if separator == "+" else Message("{a}; {b}", a=out, b=_word(part))
    return out


def _differs(field: str, ours: object, theirs: object) -> Message:
    return Message("{field}: ours {ours!r}, theirs {theirs!r}", field=_word(field), ours=ours, theirs=theirs)


New = tuple[str, int]  # ("table", other id): a row the merge creates
Target = Union[int, New]

_PUNCTUATION = str.maketrans({
    "、": ",", "。": ".", "“": '"', "”": '"', "‘": "'", "’": "'", "「": '"', "」": '"', "『": '"', "』": '"',
    "【": "[", "】": "]", "〔": "[", "〕": "]", "《": "<", "》": ">", "〈": "<", "〉": ">", "—": "-", "–": "-",
    "·": ".", "・": ".", "〜": "~",
})


@lru_cache(maxsize=65536)
def normalise_name(name: str) -> str:
    """A name's matching key: NFKC (full-width → half-width), traditional → simplified,
    CJK punctuation → ASCII, no whitespace, case-folded. 社區 and 社区 get the same key."""
    text = converter().convert(unicodedata.normalize("NFKC", name)).translate(_PUNCTUATION)
    return "".join(text.split()).casefold()


# ------------------------------------------------------------------ the plan


@dataclass(frozen=True)
class Decision:
    """What the merge does with one thing of OTHER.

    kind: matched, new, conflict or skipped; item: coder, participant,
    attribute, value, document, code, coding, memo or relation; name: how
    OTHER calls it (a code's path); how: what matched it (guid, path, name,
    pid, text, ends) or what conflicts (fields joined by "+"); resolution:
    what `prefer` made of a conflict.
    """

    kind: str
    item: str
    name: str
    how: str = ""
    detail: str = ""
    resolution: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "item": self.item, "name": self.name, "how": self.how,
                "detail": self.detail, "resolution": self.resolution}


@dataclass(frozen=True)
class MergePlan:
    """Every decision of a merge, in the order it is carried out, and the coding counts."""

    other: str
    prefer: str
    decisions: tuple[Decision, ...]
    codings: Mapping[str, int]  # new, present, skipped

    @property
    def counts(self) -> dict[str, dict[str, int]]:
        """item → kind → how many (codings: new / present / skipped)."""
        out: dict[str, dict[str, int]] = {}
        for d in self.decisions:
            if d.item != "coding":
                kinds = out.setdefault(d.item, {})
                kinds[d.kind] = kinds.get(d.kind, 0) + 1
        out["coding"] = dict(self.codings)
        return out

    @property
    def counts_message(self) -> Message:
        """The counts in one line: "code: matched 117, conflict 1; coding: new 0, already present 318, skipped 0"."""
        items = []
        for item, kinds in self.counts.items():
            said = [Message("{kind} {n}", kind=_word(kind), n=n) for kind, n in kinds.items()]
            joined = said[0]
            for part in said[1:]:
                joined = Message("{a}, {b}", a=joined, b=part)
            items.append(Message("{item}: {kinds}", item=_word(item), kinds=joined))
        return _joined(items, "; ")

    @property
    def conflicts(self) -> tuple[Decision, ...]:
        return tuple(d for d in self.decisions if d.kind == "conflict")

    def as_dict(self) -> dict[str, Any]:
        return {"other": self.other, "prefer": self.prefer, "counts": self.counts,
                "decisions": [d.as_dict() for d in self.decisions]}


@dataclass
class MergeActions:
    """The plan as work for services/merge.py: OTHER ids → our ids or rows to create.

    Row dicts are OTHER's rows (attribute names as keys); the service maps
    their references through the maps, resolving `New` targets as it creates them.
    """

    coders: dict[int, Target] = field(default_factory=dict)
    participants: dict[int, Target] = field(default_factory=dict)
    attributes: dict[int, Target] = field(default_factory=dict)
    documents: dict[int, Target] = field(default_factory=dict)
    codes: dict[int, Target] = field(default_factory=dict)
    codings: dict[int, Target] = field(default_factory=dict)
    relations: dict[int, Target] = field(default_factory=dict)
    new: dict[str, list[dict]] = field(default_factory=lambda: defaultdict(list))  # table → OTHER rows to add
    updates: list[tuple[str, int, dict]] = field(default_factory=list)  # (table, our id, new values)
    code_copies: dict[New, tuple[str, Target]] = field(default_factory=dict)  # "both": copy's name, parent
    moves: dict[int, Target] = field(default_factory=dict)  # our code id → new parent


def load_rows(
    session: Session, model: type[m.Base], *, skip: tuple[str, ...] = (), order: tuple = (), where: Any = None
) -> list[dict]:
    """Rows of a table as plain dicts keyed by attribute name (Core rows: no ORM cost)."""
    keys = [a.key for a in inspect(model).column_attrs if a.key not in skip]
    query = select(*(getattr(model, k).label(k) for k in keys)).order_by(*(order or (model.id,)))
    if where is not None:
        query = query.where(where)
    return [dict(r) for r in session.execute(query).mappings()]


def _code_paths(codes: list[dict]) -> tuple[list[dict], dict[int, tuple[str, ...]], dict[int, str]]:
    """Codes in tree order (parents first, siblings by position) with normalised and shown paths."""
    children: dict[int | None, list[dict]] = defaultdict(list)
    for c in sorted(codes, key=lambda c: (c["position"], c["id"])):
        children[c["parent_id"]].append(c)
    order: list[dict] = []
    keys: dict[int, tuple[str, ...]] = {}
    shown: dict[int, str] = {}
    stack = list(reversed(children[None]))
    while stack:
        c = stack.pop()
        parent = c["parent_id"]
        keys[c["id"]] = (keys[parent] if parent is not None else ()) + (normalise_name(c["name"]),)
        shown[c["id"]] = f"{shown[parent]}>{c['name']}" if parent is not None else c["name"]
        order.append(c)
        stack.extend(reversed(children[c["id"]]))
    return order, keys, shown


class Planner:
    """Builds the plan from our session and OTHER's session; reads only.

    `tick`, when given, is called with a step's name as each of STEPS begins,
    and with None every TICK_ROWS codings inside the longest one; the merge
    service reports progress and checks for Cancel there (it may raise).
    """

    STEPS = ("coders", "participants", "attributes", "documents", "codes", "codings", "relations", "memos")
    TICK_ROWS = 500

    def __init__(self, ours: Session, other: Session, prefer: str, other_name: str,
                 tick: Callable[[str | None], None] | None = None):
        if prefer not in PREFERENCES:
            raise InvalidInput("unknown preference {prefer!r}; use one of {known}", prefer=prefer,
                               known=", ".join(PREFERENCES))
        self.ours, self.other, self.prefer, self.other_name = ours, other, prefer, other_name
        self.tick = tick or (lambda step: None)
        self.decisions: list[Decision] = []
        self.actions = MergeActions()
        self.coding_counts = Counter({"new": 0, "present": 0, "skipped": 0})

    def run(self) -> tuple[MergePlan, MergeActions]:
        for step in self.STEPS:
            self.tick(step)
            getattr(self, f"_{step}")()
        plan = MergePlan(self.other_name, self.prefer, tuple(self.decisions), dict(self.coding_counts))
        return plan, self.actions

    def _decide(self, kind: str, item: str, name: str, how: str = "", detail: str = "", resolution: str = "") -> None:
        self.decisions.append(Decision(_word(kind), _word(item), name, _word(how) if how else how, detail, resolution))

    def _differs(self, ours: dict, theirs: dict, fields: tuple[str, ...]) -> list[str]:
        return [f for f in fields if ours[f] != theirs[f]]

    def _resolve_fields(
        self, table: str, item: str, name: str, how: str, ours: dict, theirs: dict, fields: tuple[str, ...]
    ) -> None:
        """Matched rows: equal → matched; else a conflict that "theirs" settles by taking their fields."""
        diffs = self._differs(ours, theirs, fields)
        if not diffs:
            self._decide("matched", item, name, how)
            return
        detail = _joined([_differs(f, ours[f], theirs[f]) for f in diffs], "; ")
        if self.prefer == "theirs":
            self.actions.updates.append((table, ours["id"], {f: theirs[f] for f in diffs}))
            self._decide("conflict", item, name, _joined(diffs), detail, Message("took theirs"))
        else:
            self._decide("conflict", item, name, _joined(diffs), detail, Message("kept ours"))

    # ---------------------------------------------------------- people

    def _coders(self) -> None:
        ours = load_rows(self.ours, m.Coder)
        by_guid = {c["guid"]: c["id"] for c in ours}
        by_name = {c["name"]: c["id"] for c in ours}
        for c in load_rows(self.other, m.Coder):
            if c["guid"] in by_guid:
                self.actions.coders[c["id"]] = by_guid[c["guid"]]
                self._decide("matched", "coder", c["name"], "guid")
            elif c["name"] in by_name:
                self.actions.coders[c["id"]] = by_name[c["name"]]
                self._decide("matched", "coder", c["name"], "name")
            else:
                self.actions.coders[c["id"]] = ("coders", c["id"])
                self.actions.new["coders"].append(c)
                self._decide("new", "coder", c["name"])

    def _participants(self) -> None:
        ours = load_rows(self.ours, m.Participant)
        by_guid = {p["guid"]: p for p in ours}
        by_pid = {p["pid"]: p for p in ours}
        theirs = load_rows(self.other, m.Participant)
        self.pids = {p["id"]: p["pid"] for p in theirs}
        for p in theirs:
            match, how = (by_guid.get(p["guid"]), "guid") if p["guid"] in by_guid else (by_pid.get(p["pid"]), "pid")
            if match is None:
                self.actions.participants[p["id"]] = ("participants", p["id"])
                self.actions.new["participants"].append(p)
                self._decide("new", "participant", p["pid"])
            else:
                self.actions.participants[p["id"]] = match["id"]
                self._resolve_fields("participants", "participant", p["pid"], how, match, p, ("name", "notes"))

    def _attributes(self) -> None:
        ours = load_rows(self.ours, m.Attribute)
        by_guid = {a["guid"]: a for a in ours}
        by_name = {a["name"]: a for a in ours}
        position = max((a["position"] for a in ours), default=-1)
        names = {}
        for a in load_rows(self.other, m.Attribute, order=(m.Attribute.position, m.Attribute.id)):
            names[a["id"]] = a["name"]
            match, how = (by_guid[a["guid"]], "guid") if a["guid"] in by_guid else (by_name.get(a["name"]), "name")
            if match is None:
                position += 1
                self.actions.attributes[a["id"]] = ("attributes", a["id"])
                self.actions.new["attributes"].append(a | {"position": position})
                self._decide("new", "attribute", a["name"])
            elif match["type"] != a["type"]:
                self._decide("conflict", "attribute", a["name"], "type",
                             Message("{field}: ours {ours}, theirs {theirs}", field=_word("type"), ours=match["type"],
                                     theirs=a["type"]), Message("kept ours; their values not carried"))
            else:
                self.actions.attributes[a["id"]] = match["id"]
                self._decide("matched", "attribute", a["name"], how)
        ours_values = {(r["participant_id"], r["attribute_id"]): r for r in load_rows(self.ours, m.AttributeValue)}
        for r in load_rows(self.other, m.AttributeValue):
            attribute = self.actions.attributes.get(r["attribute_id"])
            if attribute is None:
                continue
            participant = self.actions.participants[r["participant_id"]]
            name = f"{self.pids[r['participant_id']]} {names[r['attribute_id']]}"
            mine = ours_values.get((participant, attribute))
            if mine is None:
                self.actions.new["attribute_values"].append(r)
                self._decide("new", "value", name, detail=r["value"])
            else:
                self._resolve_fields("attribute_values", "value", name, "participant+attribute", mine, r, ("value",))

    # ------------------------------------------------------- documents

    def _documents(self) -> None:
        ours = load_rows(self.ours, m.Document, skip=("text",))
        by_sha = {d["sha256"]: d for d in ours}
        by_name = {d["name"]: d for d in ours}
        self.doc_names: dict[int, str] = {}
        self.conflicted_docs: set[int] = set()
        for d in load_rows(self.other, m.Document, skip=("text",), order=(m.Document.coding_order, m.Document.id)):
            self.doc_names[d["id"]] = d["name"]
            match = by_sha.get(d["sha256"])
            if match is not None:
                self.actions.documents[d["id"]] = match["id"]
                detail = "" if match["name"] == d["name"] else Message("ours is named {name!r}", name=match["name"])
                self._decide("matched", "document", d["name"], "text", detail)
            elif d["name"] in by_name:
                self.conflicted_docs.add(d["id"])
                self._decide("conflict", "document", d["name"], "text",
                             Message("same name, different text"),
                             Message("not merged; its codings and memos are skipped"))
            else:
                self.actions.documents[d["id"]] = ("documents", d["id"])
                self.actions.new["documents"].append(d)
                self._decide("new", "document", d["name"], detail=Message("{n} characters", n=d["length"]))

    # ----------------------------------------------------------- codes

    def _codes(self) -> None:
        ours_order, ours_keys, self.our_paths = _code_paths(load_rows(self.ours, m.Code))
        ours = {c["id"]: c for c in ours_order}
        other_order, other_keys, self.code_names = _code_paths(load_rows(self.other, m.Code))
        by_guid = {c["guid"]: c for c in ours_order}
        by_path: dict[tuple[str, ...], int] = {}
        for c in ours_order:
            by_path.setdefault(ours_keys[c["id"]], c["id"])
        named = Counter(k[-1] for k in ours_keys.values())
        by_name = {k[-1]: i for i, k in ours_keys.items() if named[k[-1]] == 1}
        claimed = {by_guid[c["guid"]]["id"] for c in other_order if c["guid"] in by_guid}  # theirs hold these by GUID
        self.children: dict[tuple[Target | None, str], Target] = {}
        for c in ours_order:
            self.children.setdefault((c["parent_id"], normalise_name(c["name"])), c["id"])
        self.parent_of: dict[Target, Target | None] = {c["id"]: c["parent_id"] for c in ours_order}
        for x in other_order:
            parent = None if x["parent_id"] is None else self.actions.codes[x["parent_id"]]
            key = normalise_name(x["name"])
            name = self.code_names[x["id"]]
            match, how = by_guid.get(x["guid"]), "guid"
            if match is None and other_keys[x["id"]] in by_path:
                match, how = ours[by_path[other_keys[x["id"]]]], "path"
            sibling = self.children.get((parent, key))
            if match is None and sibling is not None and not isinstance(sibling, int):  # one we are adding
                self.actions.codes[x["id"]] = sibling
                self._decide("matched", "code", name, "name", Message("another of their codes matched here too"))
                continue
            if match is None and sibling is not None:
                match, how = ours[sibling], "name"
            if match is None and key in by_name and by_name[key] not in claimed:
                match, how = ours[by_name[key]], "elsewhere"
            if match is None:
                self._new_code(x, parent, key)
                self._decide("new", "code", name)
                continue
            fields = CODE_FIELDS if how == "guid" else CODE_FIELDS[1:]
            diffs = self._differs(match, x, fields)
            if self.parent_of[match["id"]] != parent:
                diffs.insert(0, "parent")
            spelled = "" if match["name"] == x["name"] else Message("ours is spelled {name!r}", name=match["name"])
            if not diffs:
                self.actions.codes[x["id"]] = match["id"]
                self._decide("matched", "code", name, how, spelled)
                continue
            details = [_differs(f, match[f], x[f]) for f in diffs if f != "parent"]
            if "parent" in diffs:
                details.insert(0, Message("ours is at {path!r}", path=self.our_paths[match["id"]]))
            how = _joined(diffs) if how == "guid" else Message("{how}: {fields}", how=_word(how), fields=_joined(diffs))
            resolution = self._settle_code(x, match, parent, key, diffs)
            self._decide("conflict", "code", name, how, _joined(details, "; "), resolution)

    def _new_code(self, x: dict, parent: Target | None, key: str) -> New:
        target: New = ("codes", x["id"])
        self.actions.codes[x["id"]] = target
        self.actions.new["codes"].append(x)
        self.children[(parent, key)] = target
        self.parent_of[target] = parent
        return target

    def _under_itself(self, code_id: int, parent: Target | None) -> bool:
        while parent is not None:
            if parent == code_id:
                return True
            parent = self.parent_of[parent]
        return False

    def _settle_code(self, x: dict, match: dict, parent: Target | None, key: str, diffs: list[str]) -> Message:
        """Apply `prefer` to one code conflict; returns the resolution shown in the plan."""
        ours_id = match["id"]
        if self.prefer == "mine":
            self.actions.codes[x["id"]] = ours_id
            return Message("kept ours")
        if self.prefer == "both":
            copy_name = x["name"] + THEIRS_SUFFIX
            existing = self.children.get((parent, normalise_name(copy_name)))
            if existing is not None:
                self.actions.codes[x["id"]] = existing
                return Message("theirs is already beside ours as {name!r}", name=copy_name)
            target = self._new_code(x, parent, normalise_name(copy_name))
            self.actions.code_copies[target] = (copy_name, parent)
            return Message("kept ours; added theirs as {name!r}", name=copy_name)
        self.actions.codes[x["id"]] = ours_id
        notes = []
        values = {f: x[f] for f in diffs if f not in ("parent", "name")}
        place = self.parent_of[ours_id]
        if "parent" in diffs:
            if self._under_itself(ours_id, parent):
                notes.append(Message("not moved: it would be under itself"))
            elif (parent, normalise_name(match["name"] if "name" not in diffs else x["name"])) in self.children:
                notes.append(Message("not moved: a sibling there has that name"))
            else:
                self.actions.moves[ours_id] = parent
                self.parent_of[ours_id] = place = parent
                self.children[(parent, normalise_name(match["name"]))] = ours_id
        if "name" in diffs:
            if (place, key) in self.children and self.children[(place, key)] != ours_id:
                notes.append(Message("not renamed: a sibling has that name"))
            else:
                values["name"] = x["name"]
                self.children[(place, key)] = ours_id
        if values:
            self.actions.updates.append(("codes", ours_id, values))
        return _joined([Message("took theirs"), *notes], "; ")

    # -------------------------------------------------- codings and the rest

    def _codings(self) -> None:
        ours = self.ours.execute(select(m.Coding.id, m.Coding.guid, m.Coding.code_id, m.Coding.document_id,
                                        m.Coding.start, m.Coding.end, m.Coding.coder_id)).all()
        by_guid = {r.guid: r.id for r in ours}
        by_key: dict[tuple, Target] = {(r.code_id, r.document_id, r.start, r.end, r.coder_id): r.id for r in ours}
        coder_names = {c["id"]: c["name"] for c in load_rows(self.other, m.Coder)}
        order = (m.Coding.document_id, m.Coding.start, m.Coding.end, m.Coding.id)
        for i, c in enumerate(load_rows(self.other, m.Coding, order=order)):
            if i and i % self.TICK_ROWS == 0:
                self.tick(None)
            if c["document_id"] in self.conflicted_docs:
                self.coding_counts["skipped"] += 1
                self._decide("skipped", "coding", f"{self.doc_names[c['document_id']]} {c['start']}–{c['end']}",
                             detail=Message("{code} by {coder}", code=self.code_names[c["code_id"]],
                                            coder=coder_names[c["coder_id"]]),
                             resolution=Message("the document's text differs"))
                continue
            key = (self.actions.codes[c["code_id"]], self.actions.documents[c["document_id"]], c["start"], c["end"],
                   self.actions.coders[c["coder_id"]])
            present = by_guid.get(c["guid"], by_key.get(key))
            if present is not None:
                self.actions.codings[c["id"]] = present
                self.coding_counts["present"] += 1
            else:
                self.actions.codings[c["id"]] = by_key[key] = ("codings", c["id"])
                self.actions.new["codings"].append(c)
                self.coding_counts["new"] += 1

    def _relations(self) -> None:
        ours = load_rows(self.ours, m.Relation)
        by_guid = {r["guid"]: r for r in ours}
        by_ends: dict[tuple, Target] = {(r["source_id"], r["target_id"], r["type"]): r["id"] for r in ours}
        for r in load_rows(self.other, m.Relation):
            name = f"{self.code_names[r['source_id']]} —{r['type']}→ {self.code_names[r['target_id']]}"
            ends = (self.actions.codes[r["source_id"]], self.actions.codes[r["target_id"]], r["type"])
            if r["guid"] in by_guid:
                self.actions.relations[r["id"]] = by_guid[r["guid"]]["id"]
                self._resolve_fields("relations", "relation", name, "guid", by_guid[r["guid"]], r, ("memo", "directed"))
            elif ends in by_ends:
                self.actions.relations[r["id"]] = by_ends[ends]
                self._decide("matched", "relation", name, "ends")
            elif ends[0] == ends[1]:
                self._decide("skipped", "relation", name, resolution=Message("both ends are the same code here"))
            else:
                self.actions.relations[r["id"]] = by_ends[ends] = ("relations", r["id"])
                self.actions.new["relations"].append(r)
                self._decide("new", "relation", name)

    def _memos(self) -> None:
        by_guid = {r["guid"]: r for r in load_rows(self.ours, m.Memo)}
        targets = {"document_id": self.actions.documents, "code_id": self.actions.codes,
                   "coding_id": self.actions.codings, "relation_id": self.actions.relations}
        for r in load_rows(self.other, m.Memo):
            name = r["title"] or r["text"][:20]
            if r["guid"] in by_guid:
                self._resolve_fields("memos", "memo", name, "guid", by_guid[r["guid"]], r, ("title", "text"))
                continue
            lost = [k for k, table in targets.items() if r[k] is not None and r[k] not in table]
            if lost:
                self._decide("skipped", "memo", name, resolution=Message("its {what} is not merged",
                                                                         what=_word(lost[0].removesuffix("_id"))))
            else:
                self.actions.new["memos"].append(r)
                self._decide("new", "memo", name)


def describe(store: ProjectStore) -> str:
    """A project's location for plans and events, without a password."""
    from sqlalchemy.engine import make_url

    try:
        return make_url(store.location).render_as_string(hide_password=True)
    except Exception:  # noqa: BLE001 - a file path is not a URL
        return str(store.location)


def plan_merge(store: ProjectStore, other_store: ProjectStore, *, prefer: str = "mine") -> MergePlan:
    """What merging OTHER into this project would do; reads both, changes nothing."""
    with store.session() as ours, other_store.session() as other:
        return Planner(ours, other, prefer, describe(other_store)).run()[0]
