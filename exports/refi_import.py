"""Read a REFI-QDA project (.qdpx) or codebook (.qdc) into an `Incoming` (coding/interchange.py).

The archive is opened by exports/refi_archive.py (safe zip reading, defusedxml);
this module turns the QDA-XML into plain values in our terms and lists, one
line each, what it left out and why. Nothing is written anywhere.

What comes in:

- Users → coders; CodeBook → codes (nested, `color`, Description →
  definition; our own `[zhagen level=… role=… in_vivo=true]` line, see
  exports/refi.py, gives back level, paradigm role and in-vivo); Variables →
  participant attributes (Text, Integer, Float, Boolean, Date; DateTime
  becomes text); Cases → participants (name = participant ID) with their
  values, and each Case's SourceRefs link documents to it.
- TextSources (and a PDFSource's text Representation) → documents: the text
  file named by `plainTextPath` (with or without `internal://`, in `Sources/`
  or `sources/`), inline `PlainTextContent`, or failing both the text of a
  `.docx` `richTextPath` (then its selections are skipped: their offsets
  count in a text we do not have). Text is NFC with `\\n`; selection offsets
  are mapped onto it (exports/refi_offsets.py: CRLF, BOM, NVivo's UTF-16
  units). A selection whose `name` holds its quote (QualCoder) is read the
  way that gives the quote, per selection: QualCoder mixes code points and
  UTF-16 units in one source. A quote no reading gives is reported (a note
  naming the selection), the selection coded by the source's reading.
- PlainTextSelections → one coding per Coding (CodeRef, creatingUser,
  creationDateTime); the selection's Description is the coding's comment.
  A selection with no Coding (MAXQDA writes them) codes nothing: its notes
  become memos on the document, the selection itself is reported.
- Notes → memos (the text inline in `PlainTextContent`, else the file named
  by `plainTextPath`, as QualCoder and NVivo write it), attached to what
  refers to them (NoteRef in a Code, Source, Coding, selection, Link or the
  Project); a Note nobody refers to is a project memo. Our `relation_memo`
  notes are the relation's own memo.
- Links between two codes → relations (`name` = type; ATLAS.ti's labels
  such as "is cause of" become our keys); Sets, Graphs, picture, audio and
  video sources and links between other objects are reported, not kept.

GUIDs are read in any case, with or without braces; an element with no usable
GUID gets one derived from where it sits (and a report line), so the same
file always gives the same GUIDs. References to GUIDs the file does not hold
are reported and skipped.
"""

from __future__ import annotations

import json
import re
import uuid
import xml.etree.ElementTree as ET
from collections import Counter
from datetime import datetime, timezone
from pathlib import Path
from typing import Iterator

from coding.interchange import (MAX_CODE_DEPTH, InCase, InCode, InCoding, Incoming, InLink, InNote, InSource, InUser,
                                InVariable, canonical_guid)
from coding.messages import Message
from coding.vocab import LEVELS, MEMO_KINDS, PARADIGM_ROLES, RELATION_TYPES
from corpus.decode import DecodeError, decode_raw
from exports.refi_archive import QdpxArchive, RefiFileError, SourceMissing, open_qdpx, read_qdc
from exports.refi import parse_zhagen_tag
from exports.refi_offsets import Reading, SelectionReading, SourceText, choose_units, read_selection

__all__ = ["read_refi", "parse_zhagen_tag"]

_NAMESPACE = uuid.UUID("6f1c9a43-2b7e-5c1d-9a8e-3d0f6b4e2a17")
_COLOUR = re.compile(r"#?([0-9A-Fa-f]{6})")
_VARIABLE_TYPES = {"text": "text", "integer": "integer", "float": "float", "boolean": "boolean", "date": "date",
                   "datetime": "text"}
_RELATION_BY_LABEL = {label.casefold(): key for key, labels in RELATION_TYPES.items() for label in (key, *labels)}
MAX_LISTED = 20  # selections named one by one in a report line; the rest are counted
_IGNORED_SOURCES = {"PictureSource": Message("a picture"), "AudioSource": Message("an audio recording"),
                    "VideoSource": Message("a video recording")}


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _children(element: ET.Element, name: str) -> Iterator[ET.Element]:
    return (child for child in element if _local(child.tag) == name)


def _child(element: ET.Element, name: str) -> ET.Element | None:
    return next(_children(element, name), None)


def _text_of(element: ET.Element | None) -> str:
    return "" if element is None else "".join(element.itertext())


def _when(value: str | None) -> datetime | None:
    if not value:
        return None
    try:
        parsed = datetime.fromisoformat(value.strip())
        return parsed.astimezone(timezone.utc) if parsed.tzinfo else parsed.replace(tzinfo=timezone.utc)
    except (ValueError, OverflowError):  # not a date-time, or one that leaves the calendar in UTC
        return None


class _Reader:
    def __init__(self, root: ET.Element, file_name: str, archive: QdpxArchive | None):
        self.root, self.file, self.archive = root, file_name, archive
        self.out = Incoming(origin=root.get("origin", ""), name=root.get("name", "") or Path(file_name).stem)
        self.counts: Counter[Message] = Counter()  # aggregated skip reasons
        self.note_targets: dict[str, tuple[str, str] | None] = {}  # note guid -> what refers to it
        self.seen: dict[str, set[str]] = {}
        self.derived: Counter[str] = Counter()

    # ------------------------------------------------------------ helpers

    def skip(self, line: Message) -> None:
        self.out.skipped.append(line)

    def guid(self, element: ET.Element, kind: str, where: object, attr: str = "guid") -> str | None:
        """The element's GUID in our form; a derived one (reported) when missing or malformed;
        None (reported) when another element of this kind already has it."""
        raw = element.get(attr)
        guid = canonical_guid(raw)
        if guid is None:
            self.derived[kind] += 1  # the n-th such element: distinct, and the same on every read of the file
            guid = str(uuid.uuid5(_NAMESPACE, f"{self.file}:{kind}:{self.derived[kind]}:{where}"))
            self.counts[Message("{kind} without a usable GUID ({raw!r}): given a derived one", kind=kind, raw=raw)] += 1
        taken = self.seen.setdefault(kind, set())
        if guid in taken:
            self.skip(Message("{kind} {where}: GUID {guid} is used twice in the file; the second one is skipped",
                              kind=kind, where=where, guid=guid))
            return None
        taken.add(guid)
        return guid

    def ref(self, element: ET.Element, attr: str = "targetGUID") -> str | None:
        return canonical_guid(element.get(attr))

    def lost_refs(self, element: ET.Element, what: str) -> None:
        """NoteRefs on (or inside) an element that is not imported: their notes stay, as project memos."""
        for ref in element.iter():
            if _local(ref.tag) == "NoteRef":
                guid = self.ref(ref)
                if guid is not None and guid not in self.note_targets:
                    self.note_targets[guid] = ("lost", what)

    def note_refs(self, element: ET.Element, target: tuple[str, str] | None) -> None:
        for ref in _children(element, "NoteRef"):
            guid = self.ref(ref)
            if guid is None:
                self.counts[Message("NoteRef without a usable targetGUID: skipped")] += 1
            elif guid not in self.note_targets or (self.note_targets[guid] or ("",))[0] == "lost":
                self.note_targets[guid] = target

    # ------------------------------------------------------------ parts

    def users(self) -> None:
        for i, element in enumerate(_children(_child(self.root, "Users") or ET.Element("x"), "User")):
            guid = self.guid(element, "User", element.get("name") or f"#{i + 1}")
            if guid:
                self.out.users.append(InUser(guid, (element.get("name") or "").strip() or f"User {i + 1}"))

    def codes(self, parent_element: ET.Element | None) -> None:
        if parent_element is None:
            return
        codes = _child(parent_element, "Codes")
        if codes is None:
            return

        # depth first with an explicit stack: a file may nest codes deeper than Python recurses. A code's
        # place (">A>B>C", for report lines and derived GUIDs) is spelled out only when needed: building it for
        # every code costs the square of the depth.
        stack: list[tuple[ET.Element, str | None, _Place | None, int]] = [(codes, None, None, 0)]
        while stack:
            element, parent, path, depth = stack.pop()
            added: list[tuple[ET.Element, str | None, _Place | None, int]] = []
            for i, code in enumerate(_children(element, "Code")):
                if depth >= MAX_CODE_DEPTH:
                    raise RefiFileError("{name}: codes nested more than {most:,} levels deep; refused (no code system "
                                        "needs that many levels)", name=self.file, most=MAX_CODE_DEPTH)
                name = (code.get("name") or "").strip()
                place = _Place(path, name or f"#{i + 1}")
                guid = self.guid(code, "Code", place)
                if guid is None:
                    below = sum(1 for _ in code.iter()) - 1
                    if below:
                        self.skip(Message("Code {place!r}: its {below} elements below (subcodes, notes) are skipped with "
                                          "it", place=str(place), below=below))
                    continue
                if not name:
                    name = f"Code {len(self.out.codes) + 1}"
                    self.skip(Message("Code {guid}: no name; named {name!r}", guid=guid, name=name))
                text, tag = parse_zhagen_tag(_text_of(_child(code, "Description")))
                colour = _COLOUR.fullmatch((code.get("color") or "").strip())
                level = tag.get("level") if tag.get("level") in LEVELS else None
                role = tag.get("role") if tag.get("role") in PARADIGM_ROLES else None
                self.out.codes.append(InCode(guid, name, parent, f"#{colour.group(1).lower()}" if colour else None,
                                             text, level, role, tag.get("in_vivo") == "true"))
                self.note_refs(code, ("code", guid))
                added.append((code, guid, place, depth + 1))
            stack.extend(reversed(added))

    def variables(self) -> None:
        for i, element in enumerate(_children(_child(self.root, "Variables") or ET.Element("x"), "Variable")):
            name = (element.get("name") or "").strip()
            guid = self.guid(element, "Variable", name or f"#{i + 1}")
            if guid is None:
                continue
            if not name:
                self.skip(Message("Variable {guid}: no name; skipped", guid=guid))
                continue
            kind = _VARIABLE_TYPES.get((element.get("typeOfVariable") or "Text").casefold(), "text")
            self.out.variables.append(InVariable(guid, name, kind, _text_of(_child(element, "Description"))))

    def cases(self) -> None:
        variables = {v.guid for v in self.out.variables}
        for i, element in enumerate(_children(_child(self.root, "Cases") or ET.Element("x"), "Case")):
            pid = (element.get("name") or "").strip()
            guid = self.guid(element, "Case", pid or f"#{i + 1}")
            if guid is None:
                continue
            notes, tag = parse_zhagen_tag(_text_of(_child(element, "Description")))
            case = InCase(guid, pid or f"Case {i + 1}", str(tag.get("name", "")), notes)
            for value in _children(element, "VariableValue"):
                ref = _child(value, "VariableRef")
                target = self.ref(ref) if ref is not None else None
                if target not in variables:
                    self.skip(Message("Case {pid!r}: a value refers to variable {target} the file does not hold; "
                                      "skipped", pid=case.pid, target=target or Message("(none)")))
                    continue
                content = next((child for child in value if _local(child.tag).endswith("Value")), None)
                if content is not None and (content.text or "").strip():
                    case.values[target] = content.text.strip()
            self.lost_refs(element, Message("Case {pid!r}", pid=case.pid))  # participants hold no memos
            for ref in _children(element, "SourceRef"):
                target = self.ref(ref)
                if target:
                    case.sources.append(target)
            self.out.cases.append(case)

    def sources(self) -> None:
        element = _child(self.root, "Sources")
        if element is None:
            return
        for i, source in enumerate(element):
            kind = _local(source.tag)
            label = Message("{kind} {name!r}", kind=kind, name=source.get("name") or source.get("guid") or f"#{i + 1}")
            if kind == "TextSource":
                self.text_source(source, label)
            elif kind == "PDFSource":
                representation = _child(source, "Representation")
                if representation is not None:
                    self.text_source(representation, label, name=source.get("name"), owner=source)
                else:
                    self.skip(Message("{label}: a PDF without a text representation; skipped", label=label))
                regions = sum(1 for _ in _children(source, "PDFSelection"))
                if regions:
                    self.skip(Message("{label}: {n} selections of PDF regions; skipped (only text is imported)",
                                      label=label, n=regions))
            else:
                what = _IGNORED_SOURCES.get(kind) or Message("a {kind}", kind=kind)
                self.skip(Message("{label}: {what}; skipped (only text sources are imported)", label=label, what=what))

    def _source_text(self, source: ET.Element, label: Message) -> tuple[str, str, str, bool] | None:
        """(raw text, file name, encoding, offsets usable) or None (reported)."""
        inline = _child(source, "PlainTextContent")
        reasons = []
        for attr in ("plainTextPath", "richTextPath"):
            reference = source.get(attr)
            if not reference:
                continue
            if self.archive is None:
                reasons.append(Message("{attr} {reference!r} but no archive", attr=attr, reference=reference))
                continue
            try:
                data, entry = self.archive.read_source(reference)
            except SourceMissing as exc:
                reasons.append(Message("{attr} {reference!r}: {why}", attr=attr, reference=reference, why=exc.message))
                continue
            if attr == "plainTextPath":
                try:
                    decoded = decode_raw(data)
                except DecodeError as exc:
                    reasons.append(Message("{entry}: {why}", entry=entry, why=exc.message))
                    continue
                return decoded.text, entry, decoded.encoding, True
            text, reason = _rich_text(data, entry)
            if text:
                return text, entry, "docx", False
            reasons.append(Message("{entry}: {why}", entry=entry, why=reason))
        if inline is not None and _text_of(inline).strip():
            return _text_of(inline), "", "", True
        if not reasons:
            reasons.append(Message("no plainTextPath"))
        why = reasons[0]
        for reason in reasons[1:]:
            why = Message("{reasons}; {reason}", reasons=why, reason=reason)
        self.skip(Message("{label}: no text to import ({why}); skipped with its {n} codings", label=label, why=why,
                          n=_count_codings(source)))
        return None

    def text_source(self, source: ET.Element, label: Message, *, name: str | None = None,
                    owner: ET.Element | None = None) -> None:
        owner = owner if owner is not None else source
        guid = self.guid(owner, "Source", label)
        if guid is None:
            return
        found = self._source_text(source, label)
        if found is None:
            self.lost_refs(owner, label)
            return
        raw, entry, encoding, offsets_usable = found
        mapped = SourceText(raw)
        if not mapped.text.strip():
            self.skip(Message("{label}: its text is empty; skipped", label=label))
            self.lost_refs(owner, label)
            return
        self.out.sources.append(InSource(
            guid, (name or owner.get("name") or "").strip() or Path(entry).stem or f"Source {len(self.out.sources) + 1}",
            mapped.text, entry, encoding, self.ref(owner, "creatingUser"), _when(owner.get("creationDateTime"))))
        self.note_refs(owner, ("document", guid))
        about, tag = parse_zhagen_tag(_text_of(_child(owner, "Description")))
        self.out.sources[-1].participant = canonical_guid(tag.get("participant"))
        self.out.sources[-1].speakers = _speaker_map(tag.get("speakers"))
        if about.strip():  # a document comment (ATLAS.ti): a memo on the document
            note = str(uuid.uuid5(_NAMESPACE, f"description:{guid}"))
            self.out.notes.append(InNote(note, self.out.sources[-1].name, about,
                                         on=("document", guid)))
        selections = list(_children(source, "PlainTextSelection"))
        if not offsets_usable:
            if selections:
                self.skip(Message("{label}: {n} selections count in a plain text the file does not hold; skipped "
                                  "(the text was taken from the .docx)", label=label, n=len(selections)))
                for sel in selections:
                    self.lost_refs(sel, label)
            return
        spans = []
        for sel in selections:
            try:
                spans.append((int(sel.get("startPosition", "")), int(sel.get("endPosition", ""))))
            except ValueError:
                spans.append((-1, -1))
        choice = choose_units(mapped, spans, self.out.origin)
        if mapped.has_astral and selections:
            self.out.remarks.append(Message("{label}: selection offsets read as {units} ({reason})", label=label,
                                            units=choice.units, reason=choice.reason))
        first = Reading(choice.units)
        other: Counter[Reading] = Counter()
        unmatched: list[str] = []
        for sel, (start, end) in zip(selections, spans):
            read = read_selection(mapped, start, end, sel.get("name"), first)
            if read.reading != first:
                other[read.reading] += 1
            if read.quote_matched is False:
                unmatched.append(f"{start}–{end} {_short(sel.get('name') or '')}")
            self.selection(sel, guid, label, mapped, read, start, end)
        for reading, n in other.items():
            self.out.remarks.append(Message("{label}: {n} selections read as {reading}, as their quotes show (the "
                                            "others as {first})", label=label, n=n, reading=reading.message,
                                            first=first.message))
        if unmatched:
            shown = "; ".join(unmatched[:MAX_LISTED])
            if len(unmatched) > MAX_LISTED:
                shown = Message("{listed}; and {n} more", listed=shown, n=len(unmatched) - MAX_LISTED)
            self.out.remarks.append(Message("{label}: {n} selections whose quote (name) is not the text at their "
                                            "offsets in any reading; coded as {first} like the rest of the source, "
                                            "check them: {shown}", label=label, n=len(unmatched), first=first.message,
                                            shown=shown))

    def selection(self, sel: ET.Element, source: str, label: Message, mapped: SourceText, read: SelectionReading,
                  start: int, end: int) -> None:
        where = Message("{label} {start}–{end}", label=label, start=start, end=end)
        codings = list(_children(sel, "Coding"))
        span = read.span
        if span is None:
            units = read.reading.units
            self.skip(Message("{where}: selection {guid} is not inside the text (0–{length} {units}); skipped with "
                              "its {n} codings", where=where, guid=sel.get("guid"), length=mapped.length[units],
                              units=units, n=len(codings)))
            self.lost_refs(sel, where)
            return
        comment = _text_of(_child(sel, "Description"))
        if not codings:
            self.note_refs(sel, ("document", source))
            self.counts[Message("{label}: selections with no Coding: nothing to code, skipped", label=label)] += 1
            return
        last = None
        for coding in codings:
            ref = _child(coding, "CodeRef")
            code = self.ref(ref) if ref is not None else None
            guid = self.guid(coding, "Coding", f"{where} {code}")
            if guid is None:
                continue
            self.out.codings.append(InCoding(guid, source, span[0], span[1], code or "",
                                             self.ref(coding, "creatingUser") or self.ref(sel, "creatingUser"),
                                             _when(coding.get("creationDateTime") or sel.get("creationDateTime")),
                                             comment))
            self.note_refs(coding, ("coding", guid))
            last = guid
        if last is not None:
            self.note_refs(sel, ("coding", last))

    def links(self) -> None:
        codes = {c.guid for c in self.out.codes}
        for i, link in enumerate(_children(_child(self.root, "Links") or ET.Element("x"), "Link")):
            guid = self.guid(link, "Link", link.get("name") or f"#{i + 1}")
            if guid is None:
                continue
            origin, target = self.ref(link, "originGUID"), self.ref(link, "targetGUID")
            label = Message("Link {name!r}", name=link.get("name") or guid)
            if origin not in codes or target not in codes or origin == target:
                self.skip(Message("{label}: links {origin} and {target}, not two different codes of the file; skipped",
                                  label=label, origin=origin, target=target))
                self.lost_refs(link, label)
                continue
            name = (link.get("name") or "").strip()
            direction = (link.get("direction") or "Associative").casefold()
            kind = _RELATION_BY_LABEL.get(name.casefold(), name) or "is_associated_with"
            self.out.links.append(InLink(guid, kind, origin, target, direction == "oneway",
                                         user=self.ref(link, "creatingUser"),
                                         created_at=_when(link.get("creationDateTime"))))
            self.note_refs(link, ("relation", guid))

    def notes(self) -> None:
        links = {link.guid: link for link in self.out.links}
        read = set()
        for i, element in enumerate(_children(_child(self.root, "Notes") or ET.Element("x"), "Note")):
            guid = self.guid(element, "Note", element.get("name") or f"#{i + 1}")
            if guid is None:
                continue
            read.add(guid)
            _, tag = parse_zhagen_tag(_text_of(_child(element, "Description")))
            text = _text_of(_child(element, "PlainTextContent"))
            if not text and element.get("plainTextPath") and self.archive is not None:
                try:
                    data = self.archive.read_source(element.get("plainTextPath"))[0]
                    text = decode_raw(data).text if data else ""  # an empty memo is an empty file
                except (SourceMissing, DecodeError) as exc:
                    self.skip(Message("Note {name!r}: its text file cannot be read ({why})",
                                      name=element.get("name") or guid, why=exc.message))
            target = self.note_targets.get(guid)
            kind = tag.get("kind", "memo")
            if kind == "relation_memo" and target and target[0] == "relation" and target[1] in links:
                links[target[1]].memo = text
                continue
            self.out.notes.append(InNote(guid, (element.get("name") or "").strip(), text,
                                         kind if kind in MEMO_KINDS else "memo", target,
                                         self.ref(element, "creatingUser"), _when(element.get("creationDateTime")),
                                         _when(element.get("modifiedDateTime"))))
        missing = [g for g in self.note_targets if g not in read]
        if missing:
            self.skip(Message("{n} NoteRefs point at notes the file does not hold; skipped", n=len(missing)))

    def check_references(self) -> None:
        codes = {c.guid for c in self.out.codes}
        sources = {s.guid for s in self.out.sources}
        users = {u.guid for u in self.out.users}
        kept = []
        for coding in self.out.codings:
            if coding.code not in codes:
                self.counts[Message("codings whose CodeRef points at a code the file does not hold ({guid})",
                                    guid=coding.code)] += 1
                continue
            if coding.user is not None and coding.user not in users:
                coding.user = None
            kept.append(coding)
        self.out.codings = kept
        for case in self.out.cases:
            missing = [s for s in case.sources if s not in sources]
            if missing:
                case.sources = [s for s in case.sources if s in sources]
                self.skip(Message("Case {pid!r}: {n} SourceRefs to sources not imported; those links skipped",
                                  pid=case.pid, n=len(missing)))
        for item in (*self.out.sources, *self.out.notes, *self.out.links):
            if item.user is not None and item.user not in users:
                item.user = None

    def sets_and_graphs(self) -> None:
        for sets in _children(self.root, "Sets"):
            for s in _children(sets, "Set"):
                members = len(list(s))
                self.skip(Message("Set {name!r} ({n} members): sets are not kept", name=s.get("name") or s.get("guid"),
                                  n=members))
        graphs = _child(self.root, "Graphs")
        if graphs is not None and len(graphs):
            self.skip(Message("{n} Graphs: network views are not kept", n=len(graphs)))

    def finish(self) -> Incoming:
        for line, n in self.counts.items():
            self.skip(Message("{n} × {line}", n=n, line=line))
        return self.out


def _short(quote: str) -> str:
    quote = " ".join(quote.split())
    return repr(quote if len(quote) <= 20 else quote[:20] + "…")


class _Place:
    """Where a code sits (">A>B>C"), kept as a link to its parent's place and spelled out by str()."""

    __slots__ = ("parent", "name")

    def __init__(self, parent: _Place | None, name: str):
        self.parent, self.name = parent, name

    def __str__(self) -> str:
        names, place = [], self
        while place is not None:
            names.append(place.name)
            place = place.parent
        return "".join(">" + name for name in reversed(names))

    def __format__(self, spec: str) -> str:
        return format(str(self), spec)

    def __repr__(self) -> str:
        return repr(str(self))


def _speaker_map(value: str | None) -> dict[str, str]:
    """Our `speakers` field: a JSON object of speaker label → case GUID; anything else gives {}."""
    try:
        data = json.loads(value) if value else {}
    except ValueError:
        return {}
    if not isinstance(data, dict):
        return {}
    return {label: canonical_guid(guid) for label, guid in data.items()
            if isinstance(label, str) and isinstance(guid, str) and canonical_guid(guid)}


def _count_codings(source: ET.Element) -> int:
    return sum(1 for sel in _children(source, "PlainTextSelection") for _ in _children(sel, "Coding"))


def _rich_text(data: bytes, entry: str) -> tuple[str | None, Message | str]:
    """The text of a .docx source, or None and the reason it has none."""
    if not entry.lower().endswith(".docx"):
        suffix = Path(entry).suffix
        if suffix:
            return None, Message("{suffix} files are not read for text", suffix=suffix)
        return None, Message("files without an extension are not read for text")
    from corpus.readers import ReadError, read_docx_bytes

    try:
        return read_docx_bytes(data).text, ""
    except ReadError as exc:
        return None, exc.message


def read_refi(path: str | Path) -> Incoming:
    """Read a .qdpx (or a .qdpx renamed .zip) or a .qdc; raises RefiFileError naming the file and the problem."""
    path = Path(path)
    if path.suffix.lower() == ".qdc":
        root = read_qdc(path)
        if _local(root.tag) != "CodeBook":
            raise RefiFileError("{name}: not a REFI-QDA codebook (the root element is {root}, not CodeBook)",
                                name=path.name, root=_local(root.tag))
        reader = _Reader(root, path.name, None)
        reader.out.name = path.stem
        reader.codes(root)
        reader.sets_and_graphs()
        return reader.finish()
    with open_qdpx(path) as archive:
        root = archive.project_xml()
        if _local(root.tag) != "Project":
            raise RefiFileError("{name}: not a REFI-QDA project (the root element of {qde} is {root}, not Project)",
                                name=path.name, qde=archive.qde_name, root=_local(root.tag))
        reader = _Reader(root, path.name, archive)
        reader.out.description = _text_of(_child(root, "Description"))
        reader.users()
        reader.codes(_child(root, "CodeBook"))
        reader.variables()
        reader.cases()
        reader.sources()
        reader.links()
        reader.note_refs(root, None)
        reader.notes()
        reader.check_references()
        reader.sets_and_graphs()
        reader.out.skipped[:0] = archive.skipped
        return reader.finish()
