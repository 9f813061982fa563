"""Open REFI-QDA files for import, safely: a project (.qdpx) or a codebook (.qdc).

This module only opens files and hands out bytes and parsed XML; turning the
XML into codes and documents is exports/refi_import.py's job. A file to import
comes from anyone, so it is treated as hostile: nothing is ever extracted or
written to disk, every entry is read into memory under a cap, and every
problem ends as one of two errors:

- RefiFileError: the file cannot be imported at all (not a ZIP, no project
  XML, XML that is malformed or carries a DTD). str() is one line naming the
  file, e.g. "study.qdpx: not a REFI-QDA project: no .qde file in the archive".
- SourceMissing: one source file cannot be had (not in the archive, pointing
  outside it, too big, damaged). The caller reports it and goes on.

The project XML is the one `*.qde` entry at the top of the archive, or, when
there is none there, the one `*.qde` inside a single folder; none or several
is a RefiFileError. Sources are looked up beside it, in `sources/` (any case:
NVivo for Windows writes `Sources/`) and then at the root, matching the file
name case-insensitively; a GUID name matches with or without `{}` braces.
`sources/.root` (NVivo for Mac) and macOS's `__MACOSX/`, `._*` and
`.DS_Store` entries are ignored silently. A `.qdpx` renamed `.zip` is fine.

Entries refused when the archive is opened, each with a line in `skipped`:
names with a `..` component, absolute names (`/x`, `C:\\x`, `\\\\server\\x`),
names containing NUL, and symbolic links. Caps (module constants, so tests
can lower them): the project XML or a .qdc at most 256 MB unpacked, a source
64 MB, 1 GB unpacked in total per archive, a ratio over 200:1 refused for an
entry over 1 MB, at most 100,000 entries (counted from the central directory
itself before zipfile builds its list, and again after). Sizes declared in
the archive are not trusted: entries are read in chunks and the read stops
as soon as a cap is passed. Only stored and deflated entries are read: a
bzip2 or LZMA decompressor in zipfile unpacks a whole chunk at once, so its
output cannot be capped. Entries nobody asks for (videos, PDFs) are never
read, so a 2 GB archive with a small project opens at once.

XML goes through defusedxml with DTDs, entities and external references
forbidden (REFI-QDA files need none of them; they are how XML bombs and
file-stealing entities work). A UTF-8 or UTF-16/32 byte-order mark decides
the encoding whatever the XML declaration says.
"""

from __future__ import annotations

import os
import pathlib
import re
import stat
import unicodedata
import struct
import urllib.parse
import zipfile
import zlib
from xml.etree.ElementTree import Element, ParseError
from xml.parsers.expat import ErrorString

from defusedxml import DefusedXmlException, DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as _defused_fromstring

from coding.errors import InvalidInput
from coding.messages import Message, MessageError

__all__ = ["MAX_ENTRIES", "MAX_RATIO", "MAX_SOURCE_BYTES", "MAX_TOTAL_BYTES", "MAX_XML_BYTES", "QdpxArchive",
           "RefiFileError", "SourceMissing", "open_qdpx", "parse_xml", "read_qdc"]

MB = 1024 ** 2
MAX_XML_BYTES = 256 * MB  # the project XML (.qde) or a codebook (.qdc), unpacked
MAX_SOURCE_BYTES = 64 * MB  # one source file, unpacked
MAX_TOTAL_BYTES = 1024 * MB  # everything read from one archive, unpacked
MAX_RATIO = 200  # unpacked : packed, refused above this ...
RATIO_FLOOR = 1 * MB  # ... for an entry bigger than this (small files may compress well)
MAX_ENTRIES = 100_000
MAX_DIRECTORY_BYTES = 64 * MB  # the central directory itself
CHUNK = 1 * MB  # read size; deflate output per read is bounded by it

_READABLE_METHODS = frozenset({zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED})
_METHOD_NAMES = {zipfile.ZIP_BZIP2: "bzip2", zipfile.ZIP_LZMA: "LZMA", 9: "Deflate64"}
_END_RECORD = struct.Struct("<4sHHHHIIH")  # end of central directory
_END_LOCATOR_64 = struct.Struct("<4sIQI")
_END_RECORD_64 = struct.Struct("<4sQHHIIQQQQ")
_DIRECTORY_HEADER_SIZE = 46
_DRIVE = re.compile(r"[A-Za-z]:")
_SCHEME = re.compile(r"([A-Za-z][A-Za-z0-9+.-]+)://(.*)", re.DOTALL)
_BRACED_GUID = re.compile(r"\{([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\}(\..*)?")
_ZIP_ERRORS: tuple[type[BaseException], ...] = (zipfile.BadZipFile, zlib.error, EOFError, OSError, ValueError,
                                                struct.error, NotImplementedError, RuntimeError)


class RefiFileError(InvalidInput):
    """A file that cannot be imported at all. str() is one line naming the file and the problem."""


class SourceMissing(MessageError):
    """One source file cannot be read from the archive; str() is one line: the reference and why.

    Not a RefiFileError on purpose: the caller reports it and imports the rest.
    """


class _EntryError(MessageError):
    """An entry could not be read; the archive turns it into RefiFileError or SourceMissing."""


def _size(n: int) -> Message:
    return Message("{mb:,.0f} MB", mb=n / MB) if n >= MB else Message("{n:,} bytes", n=n)


def _printable(name: str) -> str:
    """A name fit for one line of a message: control characters (NUL, newline …) escaped."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in name)


def _one_line(text: str) -> str:
    return " ".join(str(text).split())


# ----------------------------------------------------------------------------------------------- XML

_DECLARED = re.compile(rb"<\?xml[^>]*?encoding\s*=\s*[\"']([A-Za-z0-9_.:-]+)[\"']")
_EXPAT_CODECS = {"utf-8", "utf8", "utf-16", "utf16", "iso-8859-1", "latin-1", "latin1", "us-ascii", "ascii"}


def parse_xml(data: bytes, name: str) -> Element:
    """Parse untrusted XML: no DTD, no entities, no external references; errors are RefiFileError naming NAME.

    A byte-order mark decides the encoding (UTF-8, UTF-16, UTF-32) over the XML declaration;
    without one, the declaration (or UTF-8) applies as usual.
    """
    text: bytes | str = data
    for boms, codec in (((b"\xff\xfe\x00\x00", b"\x00\x00\xfe\xff"), "utf-32"),
                        ((b"\xff\xfe", b"\xfe\xff"), "utf-16"), ((b"\xef\xbb\xbf",), "utf-8-sig")):
        if data.startswith(boms):
            try:
                text = data.decode(codec)  # a str makes expat ignore the declared encoding
            except UnicodeDecodeError as exc:
                raise RefiFileError("{name}: not valid {codec} text ({detail} at byte {at:,})", name=name,
                                    codec=codec.removesuffix("-sig").upper(), detail=exc.reason, at=exc.start) from None
            break
    else:
        declared = _DECLARED.match(data)
        codec = declared.group(1).decode("ascii").lower() if declared else "utf-8"
        if codec.replace("_", "-") not in _EXPAT_CODECS:  # GBK, GB18030, Big5 …: expat reads none of them
            try:
                text = data.decode(codec)
            except LookupError:
                raise RefiFileError("{name}: the XML declares an unknown encoding {codec!r}", name=name, codec=codec) from None
            except UnicodeDecodeError as exc:
                raise RefiFileError("{name}: not valid {codec} text ({detail} at byte {at:,})", name=name, codec=codec,
                                    detail=exc.reason, at=exc.start) from None
    try:
        return _defused_fromstring(text, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except DTDForbidden:
        problem = Message("it has a document type declaration (<!DOCTYPE …>), which REFI-QDA files never use")
    except EntitiesForbidden:
        problem = Message("it declares XML entities, which REFI-QDA files never use")
    except ExternalReferenceForbidden:
        problem = Message("it refers to an external resource")
    except DefusedXmlException as exc:
        problem = Message(_one_line(exc))  # defusedxml's own words
    except ParseError as exc:
        line, column = exc.position
        raise RefiFileError("{name}: malformed XML at line {line}, column {column}: {detail}", name=name, line=line,
                            column=column + 1, detail=ErrorString(exc.code)) from None
    except (ValueError, LookupError) as exc:  # an encoding the parser cannot use
        raise RefiFileError("{name}: cannot read the XML ({detail})", name=name, detail=_one_line(exc)) from None
    raise RefiFileError("{name}: refused: {problem}", name=name, problem=problem)


def read_qdc(path: str | os.PathLike) -> Element:
    """The root element of a codebook file (.qdc), read under the XML cap."""
    path = pathlib.Path(path)
    label = _printable(path.name or str(path))
    if path.is_dir():
        raise RefiFileError("{name}: a folder, not a codebook file", name=label)
    try:
        with open(path, "rb") as f:
            data = f.read(MAX_XML_BYTES + 1)  # not the size from stat: the file may be a pipe or growing
    except FileNotFoundError:
        raise RefiFileError("{name}: no such file", name=label) from None
    except OSError as exc:
        raise RefiFileError("{name}: cannot be read ({detail})", name=label,
                            detail=_one_line(exc.strerror or exc)) from None
    if len(data) > MAX_XML_BYTES:
        raise RefiFileError("{name}: too large for a codebook (over {size})", name=label, size=_size(MAX_XML_BYTES))
    if data.startswith(b"PK\x03\x04"):
        raise RefiFileError("{name}: a ZIP archive (a .qdpx project?), not a codebook XML file", name=label)
    return parse_xml(data, label)


# ------------------------------------------------------------------------------------------- names

def _unsafe_reason(raw: str) -> Message | None:
    """Why an entry name may not be used, or None. RAW is the name as stored (NUL and backslashes kept)."""
    if "\x00" in raw:
        return Message("the name contains a NUL character")
    name = raw.replace("\\", "/")
    if name.startswith("/"):
        return Message("an absolute path")
    if _DRIVE.match(name):
        return Message("a path on a drive")
    if ".." in name.split("/"):
        return Message("path leaves the archive")
    return None


def _parts(name: str) -> list[str]:
    return [p for p in name.replace("\\", "/").split("/") if p not in ("", ".")]


def _key(parts: list[str]) -> str:
    """Lookup key of a path: NFC (macOS writes names decomposed), lower case, a `{GUID}` file name without its
    braces."""
    key = [unicodedata.normalize("NFC", p).lower() for p in parts]
    braced = _BRACED_GUID.fullmatch(key[-1]) if key else None
    if braced:
        key[-1] = braced[1] + (braced[2] or "")
    return "/".join(key)


def _ignored(parts: list[str]) -> bool:
    """Entries that are packaging noise, dropped without a word."""
    last = parts[-1].lower()
    return parts[0] == "__MACOSX" or last in (".root", ".ds_store") or last.startswith("._")


def _is_symlink(info: zipfile.ZipInfo) -> bool:
    return stat.S_ISLNK(info.external_attr >> 16)


# ----------------------------------------------------------------------------------------- archive

def _check_entry_count(f, file_size: int, label: str) -> None:
    """Refuse an archive with too many entries before zipfile builds an object for each.

    Reads the end record (ZIP64 too) for the declared count and the directory's size, then walks the
    directory's fixed headers to count what is really there: a forged count cannot slip past.
    """
    tail_size = min(file_size, _END_RECORD.size + 0xFFFF)
    f.seek(file_size - tail_size)
    tail = f.read(tail_size)
    at = tail.rfind(b"PK\x05\x06", 0, max(0, len(tail) - _END_RECORD.size + 4))  # the whole record must fit
    if at < 0:
        raise RefiFileError("{name}: not a ZIP archive", name=label)
    _, _, _, _, count, length, _, _ = _END_RECORD.unpack_from(tail, at)
    end = file_size - tail_size + at
    if end >= _END_LOCATOR_64.size + _END_RECORD_64.size:
        f.seek(end - _END_LOCATOR_64.size - _END_RECORD_64.size)
        record, locator = f.read(_END_RECORD_64.size), f.read(_END_LOCATOR_64.size)
        if (locator.startswith(b"PK\x06\x07") and record.startswith(b"PK\x06\x06")
                and len(record) == _END_RECORD_64.size):
            fields = _END_RECORD_64.unpack(record)
            count, length = fields[7], fields[8]
            end -= _END_LOCATOR_64.size + _END_RECORD_64.size
    too_many = RefiFileError("{name}: too many entries in the archive (over {most:,}); refused", name=label,
                             most=MAX_ENTRIES)
    if count > MAX_ENTRIES:
        raise too_many
    if length > MAX_DIRECTORY_BYTES:
        raise RefiFileError("{name}: the archive's directory is over {size}; refused", name=label,
                            size=_size(MAX_DIRECTORY_BYTES))
    if length > end:
        return  # inconsistent: zipfile reports it
    f.seek(end - length)
    directory = f.read(length)
    pos = found = 0
    while pos + _DIRECTORY_HEADER_SIZE <= len(directory) and directory.startswith(b"PK\x01\x02", pos):
        name_size, extra_size, comment_size = struct.unpack_from("<HHH", directory, pos + 28)
        pos += _DIRECTORY_HEADER_SIZE + name_size + extra_size + comment_size
        found += 1
        if found > MAX_ENTRIES:
            raise too_many


class QdpxArchive:
    """An open .qdpx: the project XML's entry and its sources, read on demand into memory.

    Use as a context manager (`with open_qdpx(path) as arc:`), or call close().
    `skipped` has one line per entry refused when opening; `bytes_read` counts the unpacked bytes read.
    """

    path: pathlib.Path
    qde_name: str
    skipped: list[Message]
    bytes_read: int

    def __init__(self, path: str | os.PathLike):
        self.path = pathlib.Path(path)
        self.skipped = []
        self.bytes_read = 0
        self._label = _printable(self.path.name or str(self.path))
        self._entries: dict[str, list[tuple[str, zipfile.ZipInfo]]] = {}  # key -> [(name, info)]
        self._refused: dict[str, Message] = {}  # key -> why the entry was skipped
        if self.path.is_dir():
            raise RefiFileError("{name}: a folder, not a REFI-QDA project file", name=self._label)
        try:
            self._file = open(self.path, "rb")
        except FileNotFoundError:
            raise RefiFileError("{name}: no such file", name=self._label) from None
        except OSError as exc:
            raise RefiFileError("{name}: cannot be read ({detail})", name=self._label,
                                detail=_one_line(exc.strerror or exc)) from None
        try:
            self._open()
        except BaseException:
            self._file.close()
            raise

    def _open(self) -> None:
        try:
            size = self._file.seek(0, os.SEEK_END)
            _check_entry_count(self._file, size, self._label)
        except OSError as exc:
            raise RefiFileError("{name}: cannot be read ({detail})", name=self._label,
                                detail=_one_line(exc.strerror or exc)) from None
        try:
            self._zip = zipfile.ZipFile(self._file)
            infos = self._zip.infolist()
        except _ZIP_ERRORS as exc:
            raise RefiFileError("{name}: not a ZIP archive, or a damaged one ({detail})", name=self._label,
                                detail=_one_line(exc)) from None
        if len(infos) > MAX_ENTRIES:
            raise RefiFileError("{name}: too many entries in the archive (over {most:,}); refused", name=self._label,
                                most=MAX_ENTRIES)
        qdes: list[tuple[str, list[str], zipfile.ZipInfo]] = []
        refused_qdes: list[tuple[str, Message]] = []
        for info in infos:
            raw = info.orig_filename  # zipfile cuts `filename` at a NUL; the stored name keeps it
            shown = _printable(raw)
            reason = _unsafe_reason(raw)
            if reason is None and _is_symlink(info):
                reason = Message("a symbolic link")
            parts = _parts(raw)
            if reason is not None:
                self.skipped.append(Message("{name}: {reason}; skipped", name=shown, reason=reason))
                if parts:
                    self._refused.setdefault(_key(parts), reason)
                if raw.lower().endswith(".qde"):
                    refused_qdes.append((shown, reason))
                continue
            if not parts or raw.endswith(("/", "\\")) or _ignored(parts):
                continue
            name = "/".join(parts)
            self._entries.setdefault(_key(parts), []).append((name, info))
            if name.lower().endswith(".qde") and len(parts) <= 2:
                qdes.append((name, parts, info))
        chosen = ([q for q in qdes if len(q[1]) == 1] or qdes)
        if len(chosen) > 1:
            listed = ", ".join(_printable(q[0]) for q in chosen)
            raise RefiFileError("{name}: not a REFI-QDA project: several .qde files ({listed}); expected one",
                                name=self._label, listed=listed)
        if not chosen:
            if refused_qdes:
                shown, reason = refused_qdes[0]
                raise RefiFileError("{name}: not a REFI-QDA project: its .qde file {qde} cannot be used ({reason})",
                                    name=self._label, qde=shown, reason=reason)
            raise RefiFileError("{name}: not a REFI-QDA project: no .qde file in the archive", name=self._label)
        self.qde_name, qde_parts, self._qde_info = chosen[0]
        self._base = qde_parts[:-1]  # sources are looked up beside the project XML

    # -- context manager

    def __enter__(self) -> QdpxArchive:
        return self

    def __exit__(self, *exc_info) -> None:
        self.close()

    def close(self) -> None:
        zip_file = getattr(self, "_zip", None)
        if zip_file is not None:
            zip_file.close()
        self._file.close()

    # -- reading

    def project_xml(self) -> Element:
        """The parsed project XML; RefiFileError when it is too big, damaged or not acceptable XML."""
        try:
            data = self._read(self._qde_info, MAX_XML_BYTES)
        except _EntryError as exc:
            raise RefiFileError("{name}: the project XML {qde} cannot be read: {reason}", name=self._label,
                                qde=_printable(self.qde_name), reason=exc.message) from None
        return parse_xml(data, f"{self._label}/{_printable(self.qde_name)}")

    def read_source(self, reference: str) -> tuple[bytes, str]:
        """The bytes of the source REFERENCE points at (plainTextPath / richTextPath), and its entry name.

        SourceMissing when it is not in the archive, points outside it, is over the cap or damaged.
        """
        name, info = self._find(reference)
        try:
            return self._read(info, MAX_SOURCE_BYTES), name
        except _EntryError as exc:
            raise SourceMissing("{reference}: {why}", reference=_printable(reference or ""), why=exc.message) from None

    def resolve(self, reference: str) -> str:
        """The entry name REFERENCE points at, without reading it; SourceMissing as read_source."""
        return self._find(reference)[0]

    def _find(self, reference: str) -> tuple[str, zipfile.ZipInfo]:
        shown = _printable(reference or "")
        path = (reference or "").strip()  # a missing attribute (None) is an empty path

        def missing(why: Message) -> SourceMissing:
            return SourceMissing("{reference}: {why}", reference=shown, why=why)

        if not path:
            raise missing(Message("an empty path"))
        if "\x00" in path:
            raise missing(Message("the path contains a NUL character"))
        if _DRIVE.match(path):
            raise missing(Message("points outside the archive (a path on a drive)"))
        scheme = _SCHEME.fullmatch(path)
        if scheme:
            kind, path = scheme[1].lower(), scheme[2]
            if kind == "file":
                raise missing(Message("points outside the archive (a file:// address)"))
            if kind == "relative":
                raise missing(Message("a file outside the archive (relative to the project's base path)"))
            if kind != "internal":
                raise missing(Message("not a file in the archive (a {kind}:// address)", kind=kind))
            path = path.lstrip("/\\")  # internal:///x.txt still means the archive's x.txt
            if _DRIVE.match(path):
                raise missing(Message("points outside the archive (a path on a drive)"))
        elif path.startswith(("/", "\\")):
            raise missing(Message("points outside the archive (an absolute path)"))
        parts = _parts(path)
        if ".." in parts:
            raise missing(Message("path leaves the archive"))
        if not parts:
            raise missing(Message("an empty path"))
        candidates = [parts]
        if "%" in path:  # a tool may have percent-encoded the name
            candidates.append(_parts(urllib.parse.unquote(path)))
            if ".." in candidates[-1]:
                raise missing(Message("path leaves the archive"))
        keys: list[str] = []
        for p in candidates:
            if len(p) > 1:
                keys += [_key(self._base + p), _key(p)]
            keys += [_key(self._base + ["sources", p[-1]]), _key(self._base + [p[-1]])]
        exact_names = {"/".join(self._base + p) for p in candidates} | {"/".join(p) for p in candidates}
        for key in dict.fromkeys(keys):
            hits = self._entries.get(key)
            if not hits:
                continue
            exact = [h for h in hits if h[0] in exact_names]
            if len(exact) == 1 or len(hits) == 1:
                return (exact or hits)[0]
            raise missing(Message("matches several entries ({names})", names=", ".join(_printable(n) for n, _ in hits)))
        for key in keys:
            if key in self._refused:
                raise missing(self._refused[key])
        raise missing(Message("not in the archive"))

    def _read(self, info: zipfile.ZipInfo, cap: int) -> bytes:
        """An entry's bytes, read in chunks under CAP, the archive's total budget and the ratio limit."""
        limit = min(cap, MAX_TOTAL_BYTES - self.bytes_read)
        problem = _declared_problem(info, cap, limit)
        if problem:
            raise _EntryError(problem)
        chunks: list[bytes] = []
        got = 0
        try:
            with self._zip.open(info) as stream:
                while True:
                    chunk = stream.read(max(1, min(CHUNK, limit - got + 1)))  # a byte past the limit proves it passed
                    if not chunk:
                        break
                    got += len(chunk)
                    self.bytes_read += len(chunk)
                    if got > limit:
                        raise _EntryError(_over_problem(cap, limit))
                    if _ratio_too_high(got, info.compress_size):
                        raise _EntryError(_ratio_problem())
                    chunks.append(chunk)
        except _ZIP_ERRORS as exc:
            raise _EntryError("damaged in the archive ({detail})", detail=_one_line(exc)) from None
        return b"".join(chunks)


def _ratio_too_high(unpacked: int, packed: int) -> bool:
    return unpacked > RATIO_FLOOR and unpacked > MAX_RATIO * max(packed, 1)


def _ratio_problem() -> Message:
    return Message("compressed more than {ratio}:1, far beyond any text (a zip bomb?); refused", ratio=MAX_RATIO)


def _over_problem(cap: int, limit: int) -> Message:
    if limit == cap:
        return Message("larger than {size} unpacked; refused", size=_size(cap))
    return Message("the archive's reading budget of {size} unpacked is used up", size=_size(MAX_TOTAL_BYTES))


def _declared_problem(info: zipfile.ZipInfo, cap: int, limit: int) -> Message | None:
    """What the entry's header already rules out: encryption, an unreadable method, its size, a bomb's ratio.

    The header may lie about sizes; _read checks again on the bytes it really gets.
    """
    if info.flag_bits & 0x1:
        return Message("encrypted; Zhagen cannot read it")
    if info.compress_type not in _READABLE_METHODS:
        method = _METHOD_NAMES.get(info.compress_type) or Message("method {n}", n=info.compress_type)
        return Message("compressed with {method}, which Zhagen does not read (only stored or deflated entries)",
                       method=method)
    if info.file_size > limit:
        return _over_problem(cap, limit)
    if _ratio_too_high(info.file_size, info.compress_size):
        return _ratio_problem()
    return None


def open_qdpx(path: str | os.PathLike) -> QdpxArchive:
    """Open a REFI-QDA project archive (.qdpx, or one renamed .zip); RefiFileError if it cannot be imported."""
    return QdpxArchive(path)
