"""Write a project as REFI-QDA 1.5: a whole project (.qdpx) or its codebook (.qdc).

A .qdpx is a zip holding `project.qde` (QDA-XML, namespace
`urn:QDA-XML:project:1.0`, schema Project-mrt2019.xsd) and one
`sources/<GUID>.txt` per document: the document's text exactly as stored
(NFC, `\\n` line ends), UTF-8 without a byte-order mark. A .qdc is the
`CodeBook` element alone (namespace `urn:QDA-XML:codebook:1.0`,
Codebook-mrt2019.xsd). Both are written to a temporary file beside OUT that
replaces OUT only when complete, so a failed export never leaves half a file.

What goes where (project.qde):

- Users: every coder (stored guid, name).
- CodeBook: the code tree in position order; `color` is the code's colour,
  `isCodable="true"`, the definition is the `Description`. Memos on a code are
  `NoteRef`s inside the Code (the .qdc has no notes, so no NoteRefs there).
  Names are ours, so two codes may share one under different parents (其他);
  QualCoder needs unique names and keeps only the first, dropping the other's
  codings. The report lists such names (`zhagen export` prints a warning);
  `unique_names=True` writes "其他 (社区参与)" (the parent's name added) instead,
  without changing the project.
- Variables: the participant attributes, typed Text/Integer/Float/Boolean/Date.
  Cases: one per participant (`name` = the participant ID, e.g. A03), with
  its typed `VariableValue`s and a `SourceRef` to every document that is its
  interview or has a turn spoken by it.
- Sources: one `TextSource` per document, `plainTextPath="internal://<GUID>.txt"`.
  Each coding is its own `PlainTextSelection`: `startPosition` and
  `endPosition` are Unicode code-point offsets into that text, end exclusive
  (our stored offsets, unchanged). It holds one `Coding` (the coding's stored
  guid, `CodeRef`, `creatingUser`, `creationDateTime`); the coding's comment is
  the selection's `Description`; memos on the coding are `NoteRef`s in the
  `Coding`. Memos on a document are `NoteRef`s in its TextSource.
- Notes: every memo as a `Note` (name = title), plus one Note per non-empty
  relation memo (关系结构的内涵). A Note is a TextSource, and programs read its
  text from different places: QualCoder only from `plainTextPath`, others
  from the inline `PlainTextContent`. So each Note carries both: the text
  inline and `plainTextPath="internal://<note GUID>.txt"`, a file beside the
  documents' in `sources/` holding the same text (UTF-8, no BOM). The schema
  allows both (its comment asks for one or the other; no XSD rule enforces
  it), and the two never differ, so whichever a reader takes it gets the memo.
- Links: each relation, `name` = its type key (is_cause_of …), `originGUID` /
  `targetGUID` = the two codes, `direction` OneWay if directed else
  Associative; its memo and memos on it are `NoteRef`s.
- Project: `name`, `origin="Zhagen <version>"`, `creationDateTime`,
  `modifiedDateTime` (the last logged change), the project description as
  `Description`, and memos on the project as top-level `NoteRef`s.

Zhagen's own convention (so grounded-theory data survives a round trip
through us): a Description ends with one line `[zhagen key=value …]`.
Values are bare when they are plain tokens ([A-Za-z0-9_.:-]+) and JSON
strings otherwise. It carries, on a Code: `level` (concept, category, main,
core, none), `role` (paradigm role key, when set) and `in_vivo=true`; on a
TextSource: `participant` (the GUID of the Case interviewed in it) and
`speakers` (a JSON object: speaker label → GUID of the Case who speaks so); on a
Note: `kind` (memo, storyline, code_note, theoretical, operational, or
relation_memo for a relation's own memo); on a Case: `name` (the
participant's name, when set). Other QDA programs show the line as text.

GUIDs: every exported object uses its row's stored guid, so two exports of a
project carry the same GUIDs. Objects without a row of their own get a
uuid5 under the project guid over "<kind>:<owner guid>": a coding's
selection ("selection:<coding guid>") and a relation memo's Note
("relation-memo:<relation guid>"). Nothing is random.

The read (`_read`) runs explicit column selects in one session; writing is
ElementTree over plain tuples. Strings lose the characters XML 1.0 forbids;
the source texts are written untouched so offsets stay exact.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import uuid
import xml.etree.ElementTree as ET
import zipfile
from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal, InvalidOperation
from importlib import metadata
from pathlib import Path
from typing import Any

from sqlalchemy import func, select

from coding import models as m
from coding.errors import InvalidInput
from coding.storage import ProjectStore
from exports.files import write_atomically
from exports.xlsx_rows import ILLEGAL_XML

__all__ = ["CODEBOOK_NS", "ExportReport", "PROJECT_NS", "derived_guid", "duplicate_code_names", "export_qdc",
           "export_qdpx", "parse_zhagen_tag", "unique_code_names", "zhagen_tag"]

PROJECT_NS = "urn:QDA-XML:project:1.0"
CODEBOOK_NS = "urn:QDA-XML:codebook:1.0"
SOURCES_DIR = "sources"
VARIABLE_TYPES = {"text": "Text", "integer": "Integer", "float": "Float", "boolean": "Boolean", "date": "Date"}
VALUE_ELEMENTS = {"text": "TextValue", "integer": "IntegerValue", "float": "FloatValue", "boolean": "BooleanValue",
                  "date": "DateValue"}
_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")
_TOKEN = r"[A-Za-z0-9_.:-]+"  # a value written bare in the `[zhagen …]` line; anything else is a JSON string
_BARE = re.compile(_TOKEN)
_TAG_FIELD = re.compile(r"([A-Za-z_]+)=(\"(?:[^\"\\]|\\.)*\"|" + _TOKEN + r")(?: |$)")
_SURROGATE = re.compile("[\ud800-\udfff]")


@dataclass(frozen=True)
class ExportReport:
    """What one export wrote."""

    path: Path
    kind: str  # "qdpx" or "qdc"
    users: int = 0
    codes: int = 0
    sources: int = 0
    codings: int = 0
    notes: int = 0
    links: int = 0
    cases: int = 0
    variables: int = 0
    duplicate_names: tuple[str, ...] = ()  # code names used by more than one code, as the file has them
    renamed: int = 0  # codes given a unique name in the file (unique_names=True)

    def warning(self) -> str | None:
        """One line for programs that need unique code names (QualCoder), or None when every name is unique."""
        if not self.duplicate_names:
            return None
        shown = ", ".join(self.duplicate_names[:10]) + (" …" if len(self.duplicate_names) > 10 else "")
        return (f"warning: code names used by more than one code ({len(self.duplicate_names)}): {shown}; "
                "QualCoder keeps only the first code of each name and drops the others' codings "
                "(export with --unique-names to add the parent's name)")

    def summary(self) -> str:
        """One line for the command line."""
        if self.kind == "qdc":
            return f"wrote {self.path}: REFI-QDA codebook, {self.codes} codes"
        return (f"wrote {self.path}: REFI-QDA project, {self.codes} codes, {self.sources} sources, "
                f"{self.codings} codings, {self.notes} notes, {self.links} links, {self.cases} cases, "
                f"{self.variables} variables, {self.users} users")


# ------------------------------------------------------------------ helpers


def derived_guid(project_guid: str, kind: str, key: str) -> str:
    """A stable GUID for an exported object that has no stored one: uuid5(project guid, "<kind>:<key>")."""
    return _guid_maker(project_guid)(kind, key)


def _guid_maker(project_guid: str) -> Callable[[str, str], str]:
    """derived_guid for one project, with the namespace parsed once (60,000 selections call it)."""
    namespace = uuid.UUID(project_guid).bytes

    def make(kind: str, key: str) -> str:
        digest = hashlib.sha1(namespace + f"{kind}:{key}".encode()).digest()
        return str(uuid.UUID(bytes=digest[:16], version=5))

    return make


def zhagen_tag(**fields: Any) -> str:
    """The `[zhagen key=value …]` line; None and False values are left out."""
    parts = []
    for key, value in fields.items():
        if value is None or value is False or value == "":
            continue
        value = "true" if value is True else str(value)
        parts.append(f"{key}={value if _BARE.fullmatch(value) else json.dumps(value, ensure_ascii=False)}")
    return "[zhagen " + " ".join(parts) + "]" if parts else ""


def parse_zhagen_tag(description: str) -> tuple[str, dict[str, str]]:
    """Split a Description into its text and the fields of our `[zhagen …]` line (exports/refi.py), which is
    its last line; a line that does not parse as one is left in the text."""
    description = description or ""
    head, newline, last = description.rstrip().rpartition("\n")
    if not (last.startswith("[zhagen ") and last.endswith("]")):
        return description, {}
    body = last[len("[zhagen "):-1]
    fields, at = {}, 0
    for match in _TAG_FIELD.finditer(body):
        if match.start() != at:
            return description, {}
        key, value = match.groups()
        if value.startswith('"'):
            try:
                value = json.loads(value)
            except ValueError:
                return description, {}
            if not isinstance(value, str) or _SURROGATE.search(value):
                return description, {}
        fields[key] = value
        at = match.end()
    if at != len(body) or not fields:
        return description, {}
    return head if newline else "", fields


def _described(text: str, tag: str) -> str:
    """A Description: the text, then the convention line on a line of its own."""
    text = text or ""
    return f"{text}\n{tag}" if text and tag else text or tag


def _clean(text: str | None) -> str:
    return ILLEGAL_XML.sub("", text) if text else ""


def _when(value: datetime | None) -> str | None:
    """xsd:dateTime in UTC with a Z."""
    if value is None:
        return None
    if value.tzinfo is None:
        value = value.replace(tzinfo=timezone.utc)
    return value.astimezone(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


def _value_text(kind: str, stored: str) -> str | None:
    """A stored attribute value as the text of its schema type; None if it has no valid form."""
    if kind == "float":
        try:
            number = Decimal(stored)
        except InvalidOperation:
            return None
        return format(number, "f") if number.is_finite() else None  # xsd:decimal has no exponent
    if kind == "boolean":
        return "true" if stored == "true" else "false"
    return _clean(stored)


def _sub(parent: ET.Element, tag: str, text: str | None = None, **attrs: str | None) -> ET.Element:
    element = ET.SubElement(parent, tag, {k: v for k, v in attrs.items() if v is not None})
    if text is not None:
        element.text = text
    return element


def _escape_text(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    return text


_ATTRIBUTE_ESCAPES = str.maketrans({"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "\r": "&#13;",
                                    "\n": "&#10;", "\t": "&#09;"})


def _serialise(root: ET.Element) -> str:
    """ElementTree's own text for a tree of plain tags (ET.tostring's output, byte for byte), written with a
    stack: ET.tostring recurses once per level and stops at Python's limit on a deep code tree."""
    out: list[str] = []
    stack: list[tuple[ET.Element, bool]] = [(root, False)]
    while stack:
        element, closing = stack.pop()
        if closing:
            out.append(f"</{element.tag}>")
            continue
        attributes = "".join(f' {k}="{v.translate(_ATTRIBUTE_ESCAPES)}"' for k, v in element.items())
        if not element.text and not len(element):
            out.append(f"<{element.tag}{attributes} />")
            continue
        out.append(f"<{element.tag}{attributes}>")
        if element.text:
            out.append(_escape_text(element.text))
        stack.append((element, True))
        stack.extend((child, False) for child in reversed(element))
    return "".join(out)


def _xml_bytes(root: ET.Element) -> bytes:
    """The document as UTF-8 with its declaration (serialising to str first is several times faster)."""
    return b'<?xml version="1.0" encoding="utf-8"?>\n' + _serialise(root).encode("utf-8")


def _origin() -> str:
    try:
        return f"Zhagen {metadata.version('zhagen')}"
    except metadata.PackageNotFoundError:
        return "Zhagen"


# ------------------------------------------------------------------ code names


def duplicate_code_names(codes: list[tuple]) -> tuple[str, ...]:
    """The names (as exported) that more than one code has, in code order: the same name under different
    parents is allowed here but not in QualCoder, whose code names are unique."""
    seen: dict[str, int] = {}
    for row in codes:
        name = _clean(row.name)
        seen[name] = seen.get(name, 0) + 1
    return tuple(name for name, n in seen.items() if n > 1)


def unique_code_names(codes: list[tuple]) -> dict[int, str]:
    """code id → a name no other code has, for the codes whose name is shared: "其他 (社区参与)" with the parent's
    name, then " (2)", " (3)" … if that is taken too. The first code of a name in tree order (parents
    first, top level first) keeps it; names are compared exactly, as QualCoder does."""
    by_id = {row.id: row for row in codes}
    shared = set(duplicate_code_names(codes))
    if not shared:
        return {}
    taken = {_clean(row.name) for row in codes}
    order: list[tuple] = []
    children: dict[int | None, list[tuple]] = {}
    for row in codes:
        children.setdefault(row.parent_id, []).append(row)
    stack = list(reversed(children.get(None, ())))
    while stack:  # depth first, without recursion: trees may be deeper than Python recurses
        row = stack.pop()
        order.append(row)
        stack.extend(reversed(children.get(row.id, ())))
    kept: set[str] = set()
    renamed: dict[int, str] = {}
    for row in order:
        name = _clean(row.name)
        if name not in shared or name not in kept:
            kept.add(name)
            continue
        parent = by_id.get(row.parent_id)
        base = f"{name} ({_clean(parent.name)})" if parent is not None else name
        candidate, n = base, 2
        while candidate in taken:
            candidate, n = f"{base} ({n})", n + 1
        taken.add(candidate)
        renamed[row.id] = candidate
    return renamed


# ------------------------------------------------------------------ reading


@dataclass(frozen=True)
class _Project:
    """Plain rows of everything the export needs, read in one session."""

    guid: str
    name: str
    description: str
    created_at: datetime
    modified_at: datetime | None
    coders: list[tuple]  # id, guid, name
    codes: list[tuple]  # id, guid, name, parent_id, level, definition, colour, paradigm_role, in_vivo
    attributes: list[tuple]  # id, guid, name, type, description
    participants: list[tuple]  # id, guid, pid, name, notes
    values: list[tuple]  # participant_id, attribute_id, value
    documents: list[tuple]  # id, guid, name, text, imported_at, created_by, participant_id
    speakers: list[tuple]  # participant_id, document_id, speaker label (turns linked to a participant)
    codings: list[tuple]  # id, guid, code_id, document_id, start, end, coder_id, created_at, comment
    relations: list[tuple]  # id, guid, source_id, target_id, type, directed, memo, created_by, created_at
    memos: list[tuple]  # guid, title, text, kind, document_id, code_id, coding_id, relation_id, coder_id, created, updated


def _read(store: ProjectStore, *, codebook_only: bool = False) -> _Project:
    with store.session() as s:
        project = s.execute(select(m.Project.guid, m.Project.name, m.Project.description, m.Project.created_at)).one()
        codes = s.execute(select(m.Code.id, m.Code.guid, m.Code.name, m.Code.parent_id, m.Code.level, m.Code.definition,
                                 m.Code.colour, m.Code.paradigm_role, m.Code.in_vivo)
                          .order_by(m.Code.position, m.Code.id)).all()
        if codebook_only:
            return _Project(*project, modified_at=None, coders=[], codes=codes, attributes=[], participants=[],
                            values=[], documents=[], speakers=[], codings=[], relations=[], memos=[])
        C, D, R, M = m.Coding, m.Document, m.Relation, m.Memo
        return _Project(
            *project,
            modified_at=s.scalar(select(func.max(m.Event.at))),
            coders=s.execute(select(m.Coder.id, m.Coder.guid, m.Coder.name).order_by(m.Coder.id)).all(),
            codes=codes,
            attributes=s.execute(select(m.Attribute.id, m.Attribute.guid, m.Attribute.name, m.Attribute.type,
                                        m.Attribute.description).order_by(m.Attribute.position, m.Attribute.id)).all(),
            participants=s.execute(select(m.Participant.id, m.Participant.guid, m.Participant.pid, m.Participant.name,
                                          m.Participant.notes).order_by(m.Participant.pid)).all(),
            values=s.execute(select(m.AttributeValue.participant_id, m.AttributeValue.attribute_id,
                                    m.AttributeValue.value)).all(),
            documents=s.execute(select(D.id, D.guid, D.name, D.text, D.imported_at, D.created_by, D.participant_id)
                                .order_by(D.coding_order, D.name)).all(),
            speakers=s.execute(select(m.Turn.participant_id, m.Turn.document_id, m.Turn.speaker).distinct()
                               .where(m.Turn.participant_id.is_not(None))).all(),
            codings=s.execute(select(C.id, C.guid, C.code_id, C.document_id, C.start, C.end, C.coder_id,
                                     C.created_at, C.comment).order_by(C.document_id, C.start, C.end, C.id)).all(),
            relations=s.execute(select(R.id, R.guid, R.source_id, R.target_id, R.type, R.directed, R.memo,
                                       R.created_by, R.created_at).order_by(R.id)).all(),
            memos=s.execute(select(M.guid, M.title, M.text, M.kind, M.document_id, M.code_id, M.coding_id,
                                   M.relation_id, M.coder_id, M.created_at, M.updated_at).order_by(M.id)).all(),
        )


# ------------------------------------------------------------------ building


def _code_tree(parent: ET.Element, codes: list[tuple], notes_by_code: dict[int, list[str]] | None,
               names: dict[int, str] | None = None) -> int:
    """Append the nested Codes under `parent` (NAMES: code id → the name to write instead of its own);
    return how many were written."""
    children: dict[int | None, list[tuple]] = {}
    for row in codes:
        children.setdefault(row.parent_id, []).append(row)
    names = names or {}

    def add(into: ET.Element, row: tuple) -> ET.Element:
        colour = row.colour if row.colour and _COLOUR.fullmatch(row.colour) else None
        element = _sub(into, "Code", guid=row.guid, name=_clean(names.get(row.id, row.name)), isCodable="true",
                       color=colour.upper() if colour else None)
        tag = zhagen_tag(level=row.level, role=row.paradigm_role, in_vivo=bool(row.in_vivo))
        _sub(element, "Description", _clean(_described(row.definition, tag)))
        for note in (notes_by_code or {}).get(row.id, ()):
            _sub(element, "NoteRef", targetGUID=note)
        return element

    codes_element = _sub(parent, "Codes")
    written = 0
    # depth first with an explicit stack: a code tree may nest deeper than Python recurses
    stack = [(codes_element, row) for row in reversed(children.get(None, ()))]
    while stack:
        into, row = stack.pop()
        element = add(into, row)
        written += 1
        stack.extend((element, child) for child in reversed(children.get(row.id, ())))
    return written


def _note(parent: ET.Element, guid: str, name: str, text: str, tag: str, user: str | None,
          created: datetime | None, modified: datetime | None, files: dict[str, str]) -> None:
    """A Note with its text both inline and in `sources/<guid>.txt` (added to FILES: entry → text)."""
    text = _clean(text)
    note = _sub(parent, "Note", guid=guid, name=_clean(name) or None, plainTextPath=f"internal://{guid}.txt",
                creatingUser=user, creationDateTime=_when(created), modifiedDateTime=_when(modified))
    _sub(note, "Description", tag)
    _sub(note, "PlainTextContent", text)
    files[f"{SOURCES_DIR}/{guid}.txt"] = text


def _project_xml(p: _Project, names: dict[int, str] | None = None) -> tuple[bytes, dict[str, int], dict[str, str]]:
    """The project.qde bytes, the counts of what it holds, and the notes' text files (entry → text)."""
    user = {row.id: row.guid for row in p.coders}
    code_guid = {row.id: row.guid for row in p.codes}
    coding_guid = {row.id: row.guid for row in p.codings}
    relation_guid = {row.id: row.guid for row in p.relations}

    # where each memo is referenced from: its most specific target, or the project
    on_code: dict[int, list[str]] = {}
    on_doc: dict[int, list[str]] = {}
    on_coding: dict[int, list[str]] = {}
    on_relation: dict[int, list[str]] = {}
    on_project: list[str] = []
    for memo in p.memos:
        if memo.coding_id in coding_guid:
            on_coding.setdefault(memo.coding_id, []).append(memo.guid)
        elif memo.relation_id in relation_guid:
            on_relation.setdefault(memo.relation_id, []).append(memo.guid)
        elif memo.code_id in code_guid:
            on_code.setdefault(memo.code_id, []).append(memo.guid)
        elif memo.document_id is not None:
            on_doc.setdefault(memo.document_id, []).append(memo.guid)
        else:
            on_project.append(memo.guid)
    derive = _guid_maker(p.guid)
    relation_note = {row.id: derive("relation-memo", row.guid) for row in p.relations if row.memo.strip()}

    root = ET.Element("Project", {"xmlns": PROJECT_NS, "name": _clean(p.name) or "Zhagen", "origin": _origin()})
    root.set("creationDateTime", _when(p.created_at))
    if p.modified_at is not None:
        root.set("modifiedDateTime", _when(p.modified_at))

    if p.coders:
        users = _sub(root, "Users")
        for row in p.coders:
            _sub(users, "User", guid=row.guid, name=_clean(row.name))

    n_codes = _code_tree(_sub(root, "CodeBook"), p.codes, on_code, names) if p.codes else 0

    attribute = {row.id: row for row in p.attributes}
    attribute_rank = {row.id: i for i, row in enumerate(p.attributes)}
    if p.attributes:
        variables = _sub(root, "Variables")
        for row in p.attributes:
            variable = _sub(variables, "Variable", guid=row.guid, name=_clean(row.name),
                            typeOfVariable=VARIABLE_TYPES[row.type])
            if row.description:
                _sub(variable, "Description", _clean(row.description))

    doc_guid = {row.id: row.guid for row in p.documents}
    case_guid = {row.id: row.guid for row in p.participants}
    spoken: dict[int, dict[str, str]] = {}  # document -> speaker label -> case guid
    for participant_id, document_id, label in p.speakers:
        if label and participant_id in case_guid:
            spoken.setdefault(document_id, {})[label] = case_guid[participant_id]
    if p.participants:
        values: dict[int, list[tuple]] = {}
        for row in p.values:
            values.setdefault(row.participant_id, []).append(row)
        sources: dict[int, set[int]] = {}
        for row in p.documents:
            if row.participant_id is not None:
                sources.setdefault(row.participant_id, set()).add(row.id)
        for participant_id, document_id, _ in p.speakers:
            sources.setdefault(participant_id, set()).add(document_id)
        doc_rank = {row.id: i for i, row in enumerate(p.documents)}
        cases = _sub(root, "Cases")
        for row in p.participants:
            case = _sub(cases, "Case", guid=row.guid, name=_clean(row.pid))
            description = _clean(_described(row.notes, zhagen_tag(name=row.name)))
            if description:
                _sub(case, "Description", description)
            for value in sorted(values.get(row.id, ()), key=lambda v: attribute_rank[v.attribute_id]):
                kind = attribute[value.attribute_id].type
                text = _value_text(kind, value.value)
                if text is None:
                    continue
                element = _sub(case, "VariableValue")
                _sub(element, "VariableRef", targetGUID=attribute[value.attribute_id].guid)
                _sub(element, VALUE_ELEMENTS[kind], text)
            for document_id in sorted(sources.get(row.id, ()), key=lambda d: doc_rank.get(d, -1)):
                if document_id in doc_guid:
                    _sub(case, "SourceRef", targetGUID=doc_guid[document_id])

    if p.documents:
        by_doc: dict[int, list[tuple]] = {}
        for row in p.codings:
            by_doc.setdefault(row.document_id, []).append(row)
        sources_element = _sub(root, "Sources")
        for doc in p.documents:
            source = _sub(sources_element, "TextSource", guid=doc.guid, name=_clean(doc.name),
                          plainTextPath=f"internal://{doc.guid}.txt", creatingUser=user.get(doc.created_by),
                          creationDateTime=_when(doc.imported_at))
            tag = zhagen_tag(participant=case_guid.get(doc.participant_id),
                             speakers=json.dumps(spoken[doc.id], ensure_ascii=False) if doc.id in spoken else None)
            if tag:
                _sub(source, "Description", tag)
            for c in by_doc.get(doc.id, ()):
                who, when = user.get(c.coder_id), _when(c.created_at)
                selection = _sub(source, "PlainTextSelection", guid=derive("selection", c.guid),
                                 startPosition=str(c.start), endPosition=str(c.end), creatingUser=who,
                                 creationDateTime=when)
                if c.comment:
                    _sub(selection, "Description", _clean(c.comment))
                coding = _sub(selection, "Coding", guid=c.guid, creatingUser=who, creationDateTime=when)
                _sub(coding, "CodeRef", targetGUID=code_guid[c.code_id])
                for note in on_coding.get(c.id, ()):
                    _sub(coding, "NoteRef", targetGUID=note)
            for note in on_doc.get(doc.id, ()):
                _sub(source, "NoteRef", targetGUID=note)

    n_notes = len(p.memos) + len(relation_note)
    note_files: dict[str, str] = {}
    if n_notes:
        notes = _sub(root, "Notes")
        for memo in p.memos:
            _note(notes, memo.guid, memo.title, memo.text, zhagen_tag(kind=memo.kind), user.get(memo.coder_id),
                  memo.created_at, memo.updated_at, note_files)
        for row in p.relations:
            if row.id in relation_note:
                _note(notes, relation_note[row.id], row.type, row.memo, zhagen_tag(kind="relation_memo"),
                      user.get(row.created_by), row.created_at, None, note_files)

    if p.relations:
        links = _sub(root, "Links")
        for row in p.relations:
            link = _sub(links, "Link", guid=row.guid, name=_clean(row.type),
                        direction="OneWay" if row.directed else "Associative",
                        originGUID=code_guid[row.source_id], targetGUID=code_guid[row.target_id])
            for note in ([relation_note[row.id]] if row.id in relation_note else []) + on_relation.get(row.id, []):
                _sub(link, "NoteRef", targetGUID=note)

    if p.description:
        _sub(root, "Description", _clean(p.description))
    for note in on_project:
        _sub(root, "NoteRef", targetGUID=note)

    counts = {"users": len(p.coders), "codes": n_codes, "sources": len(p.documents), "codings": len(p.codings),
              "notes": n_notes, "links": len(p.relations), "cases": len(p.participants),
              "variables": len(p.attributes)}
    return _xml_bytes(root), counts, note_files


# ------------------------------------------------------------------ writing


def _names(codes: list[tuple], unique_names: bool) -> tuple[dict[int, str], dict[str, Any]]:
    """(code id → name to write, the report's fields about shared names)."""
    names = unique_code_names(codes) if unique_names else {}
    return names, {"duplicate_names": () if unique_names else duplicate_code_names(codes), "renamed": len(names)}


def export_qdpx(store: ProjectStore, path: str | os.PathLike, *, unique_names: bool = False) -> ExportReport:
    """Write the whole project to PATH as a REFI-QDA project (.qdpx).

    Codes that share a name (under different parents) are reported in `duplicate_names`; with
    unique_names=True they are written as "其他 (社区参与)" (see `unique_code_names`), the project unchanged."""
    path = Path(path)
    project = _read(store)
    names, about_names = _names(project.codes, unique_names)
    xml, counts, note_files = _project_xml(project, names)

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(tmp, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=1) as z:
            z.writestr("project.qde", xml)
            for doc in project.documents:
                z.writestr(f"{SOURCES_DIR}/{doc.guid}.txt", doc.text.encode("utf-8"))
            for entry, text in note_files.items():
                z.writestr(entry, text.encode("utf-8"))

    write_atomically(path, write)
    return ExportReport(path, "qdpx", **counts, **about_names)


def export_qdc(store: ProjectStore, path: str | os.PathLike, *, unique_names: bool = False) -> ExportReport:
    """Write the code system to PATH as a REFI-QDA codebook (.qdc); shared names as in export_qdpx."""
    path = Path(path)
    project = _read(store, codebook_only=True)
    if not project.codes:
        raise InvalidInput("the project has no codes: a REFI-QDA codebook needs at least one")
    names, about_names = _names(project.codes, unique_names)
    root = ET.Element("CodeBook", {"xmlns": CODEBOOK_NS, "origin": _origin()})
    n_codes = _code_tree(root, project.codes, None, names)
    xml = _xml_bytes(root)
    write_atomically(path, lambda tmp: tmp.write_bytes(xml))
    return ExportReport(path, "qdc", codes=n_codes, **about_names)
