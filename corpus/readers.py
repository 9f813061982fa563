"""Reading transcript files by extension: .txt, .md, .docx, .rtf → normalised text.

Every failure is a ReadError whose message names the problem in one line; the
caller adds the file name. Nothing is written anywhere.
"""

from __future__ import annotations

import io
import re
import zipfile
import zlib
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from coding.messages import Message, MessageError
from corpus.decode import MAX_TEXT_BYTES, DecodeError, decode_bytes, normalise

SUPPORTED = (".txt", ".md", ".docx", ".rtf")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MB = 1024 * 1024
MAX_DOCX_BYTES = 200 * 1024 * 1024
MAX_DOCX_UNPACKED = 512 * 1024 * 1024  # all parts of a .docx, unpacked
MAX_DOCX_RATIO = 200
MAX_TEXT_CHARS = 10_000_000  # characters (not counting line ends) in one transcript (≈ a week of talk): segmenting more takes too long
MAX_TEXT_LINES = 500_000  # lines with text on them (blank lines do not count)
MAX_DOCX_DOCUMENT = 64 * 1024 * 1024  # word/document.xml unpacked: python-docx holds it as an XML tree, ~10× in memory
MAX_REASON = 200  # characters of a refusal taken from the input or from a library's message
_ANSICPG = re.compile(rb"\\ansicpg(\d{1,5})")
_RTF_BIN = re.compile(rb"\\bin(-?\d{0,10}) ?")
_RTF_FIELD = re.compile(rb"\\field\{", re.IGNORECASE)
_RTF_FONTTBL = re.compile(rb"\{\\fonttbl", re.IGNORECASE)
_RTF_FONT = re.compile(rb"\\f(\d{1,10})")
_RTF_CHARSET = re.compile(rb"\\fcharset(\d{1,10})")
_RTF_BAD_UNICODE = re.compile(rb"\\u(-?\d{1,10})")
_RTF_BARE_UC = re.compile(rb"\\uc(?![a-z0-9-])", re.IGNORECASE)
_SURROGATE = re.compile("[\ud800-\udfff]")
_TEXT_LINE = re.compile(r"\S[^\n]*")  # from a line's first non-space character to its end: one match per line with text


class ReadError(MessageError, ValueError):
    """A file that cannot be imported; str() is the one-line reason (a Message: see coding.messages)."""


def short(message: object, limit: int = MAX_REASON) -> str:
    """A message (from the input or a library) as one short line: its first line, cut at `limit` characters."""
    text = str(message).strip()
    line = text.splitlines()[0].strip() if text else ""
    return line if len(line) <= limit and line == text else line[:limit].rstrip() + " …"


def check_size(text: str) -> None:
    """Refuse a text too large to segment in bounded time and memory (raises ReadError)."""
    chars = len(text) - text.count("\n")  # line ends cost next to nothing
    if chars > MAX_TEXT_CHARS:
        raise ReadError("has {chars:,} characters, more than the {most:,} one transcript may have; split it",
                        chars=chars, most=MAX_TEXT_CHARS)
    if text.count("\n") >= MAX_TEXT_LINES:
        lines = sum(1 for _ in _TEXT_LINE.finditer(text))
        if lines > MAX_TEXT_LINES:
            raise ReadError("has {lines:,} lines of text, more than the {most:,} one transcript may have; split it",
                            lines=lines, most=MAX_TEXT_LINES)


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str


def read_file(path: Path, encoding: str | None = None) -> RawText:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError("unsupported file type {suffix}; use {known}", suffix=suffix or Message("(none)"),
                        known=", ".join(SUPPORTED))
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError("is a folder")
        if suffix == ".docx":
            raw = _read_docx(path, size)
            check_size(raw.text)
            return raw
        if size > MAX_TEXT_BYTES:
            raise ReadError("larger than the {mb} MB limit for one transcript; split it", mb=MAX_TEXT_BYTES // MB)
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a folder") from None
    try:
        if suffix == ".rtf":
            raw = _read_rtf(data, encoding)
        else:
            decoded = decode_bytes(data, encoding)
            raw = RawText(decoded.text, decoded.encoding)
    except DecodeError as exc:
        raise ReadError(exc.message) from None
    del data
    check_size(raw.text)
    return raw


def _rtf_prepared(data: bytes) -> bytes:
    """The RTF with what striprtf reads slowly or not at all taken out beforehand, keeping its meaning:
    binary data after \\binN (its own loop copies the file a character at a time), a field group's
    `{\\field{` (its hyperlink pattern backtracks without bound), the font table (its font pattern is
    quadratic in a table without `;`: rebuilt here as one clean entry per font), and \\uN escapes
    outside Unicode (U+FFFD instead), \\uc without its number (1, the default)."""
    if b"\\bin" in data:
        pieces, pos = [], 0
        for m in _RTF_BIN.finditer(data):
            if m.start() < pos:
                continue
            pieces.append(data[pos:m.start()])
            pos = m.end() + max(int(m.group(1) or 0), 0)
        data = b"".join(pieces) + data[pos:]
    data = _RTF_FIELD.sub(b"\\\\field {", data)
    table = _RTF_FONTTBL.search(data)
    if table:
        depth, end = 0, len(data)
        for m in re.finditer(rb"(?<!\\)[{}]", data[table.start():]):
            depth += 1 if m.group() == b"{" else -1
            if depth == 0:
                end = table.start() + m.end()
                break
        fonts = []
        for entry in data[table.end():end].split(b";"):
            font, charset = _RTF_FONT.search(entry), _RTF_CHARSET.search(entry)
            if font and charset:  # a font without a charset reads in the document's code page
                fonts.append(b"{\\f%s\\fcharset%s F;}" % (font.group(1), charset.group(1)))
        data = data[:table.start()] + b"{\\fonttbl" + b"".join(fonts) + b"}" + data[end:]

    def in_range(m: re.Match) -> bytes:
        return m.group() if -32768 <= int(m.group(1)) <= 65535 else b"\\u65533"

    return _RTF_BARE_UC.sub(b"\\\\uc1", _RTF_BAD_UNICODE.sub(in_range, data))


def _read_rtf(data: bytes, encoding: str | None) -> RawText:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError("not an RTF file (no {\\rtf header)")
    if encoding is None:
        match = _ANSICPG.search(data[:4096])
        encoding = f"cp{match.group(1).decode()}" if match else "cp936"
    try:
        text = rtf_to_text(_rtf_prepared(data).decode("latin-1"), encoding=encoding, errors="strict")
    except (LookupError, UnicodeDecodeError) as exc:
        raise ReadError("cannot decode the RTF text as {encoding} ({detail})", encoding=encoding,
                        detail=short(exc, 80)) from None
    except (ValueError, TypeError, IndexError, KeyError, OverflowError, RecursionError) as exc:
        raise ReadError("not a readable RTF file ({detail})", detail=f"{type(exc).__name__}: {short(exc, 80)}") from None
    if _SURROGATE.search(text):  # \\uN pairs for characters outside the BMP join; a lone half becomes U+FFFD
        text = text.encode("utf-16-le", "surrogatepass").decode("utf-16-le", "replace")
    text = normalise(text)
    if not text.strip():
        raise ReadError("empty file (no text in the RTF)")
    return RawText(text, f"rtf/{encoding}")


def check_unpacked(archive: zipfile.ZipFile) -> None:
    """Refuse an Office file (.docx, .xlsx) whose parts unpack to too much, before python-docx or openpyxl read
    parts into memory: first by the sizes the archive declares, then by unpacking every part in 1 MB steps, so a
    part that unpacks to more than it declares fails here (a damaged part) and never holds more than a step."""
    parts = archive.infolist()
    if sum(i.file_size for i in parts) > MAX_DOCX_UNPACKED:
        raise ReadError("unpacks to more than {mb} MB; refused", mb=MAX_DOCX_UNPACKED // MB)
    for i in parts:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1):
            raise ReadError("its part {part} is packed more than {ratio}:1 (a zip bomb?); refused", part=i.filename,
                            ratio=MAX_DOCX_RATIO)
    for i in parts:
        try:
            with archive.open(i) as part:
                while part.read(1024 * 1024):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ReadError("its part {part} is damaged ({detail})", part=i.filename, detail=short(exc, 120)) from None


def read_docx_bytes(data: bytes) -> RawText:
    """The text of a .docx held in memory (a REFI-QDA archive's rich-text source), as read_file reads a file."""
    return _read_docx(io.BytesIO(data), len(data))


def _read_docx(path: Path | io.BytesIO, size: int) -> RawText:
    if size == 0:
        raise ReadError("empty file")
    if isinstance(path, Path):
        with path.open("rb") as fh:
            head = fh.read(8)
    else:
        head = path.getvalue()[:8]
    if head == OLE_MAGIC:
        raise ReadError("password-protected or old-format Word file (.doc inside); save it as an unprotected .docx")
    if not zipfile.is_zipfile(path):
        raise ReadError("not a .docx (not a zip archive)")
    if size > MAX_DOCX_BYTES:
        raise ReadError("larger than the {mb} MB limit for a .docx", mb=MAX_DOCX_BYTES // MB)
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(path) as archive:
            try:
                info = archive.getinfo("word/document.xml")
            except KeyError:
                raise ReadError("not a Word document (no word/document.xml)") from None
            if info.file_size > MAX_DOCX_DOCUMENT:
                raise ReadError("its text part unpacks to more than {mb} MB; split it", mb=MAX_DOCX_DOCUMENT // MB)
            check_unpacked(archive)
        document = docx.Document(str(path) if isinstance(path, Path) else path)
        text = normalise("\n".join(_docx_lines(document)))
    except ReadError:
        raise
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError) as exc:
        raise ReadError("not a readable .docx ({detail})", detail=short(exc, 120)) from None
    except MemoryError:
        raise ReadError("not a readable .docx (too large to read in memory)") from None
    except Exception as exc:  # noqa: BLE001 - e.g. malformed XML inside: one line, never a traceback
        raise ReadError("not a readable .docx ({detail})", detail=f"{type(exc).__name__}: {short(exc, 120)}") from None
    if not text.strip():
        raise ReadError("empty file (no text in the document)")
    return RawText(text, "docx")


def _docx_lines(document) -> Iterator[str]:  # noqa: ANN001 - a python-docx Document
    """Word's paragraphs as lines, and each table row as a line of tab-separated cells, in document order.

    A row's cells are its own `w:tc` elements: a cell spanning columns comes once (python-docx's `row.cells`
    repeats it for every column it spans: 2^31 times for a hostile gridSpan), and a cell merged down from
    the row above is its own (empty) continuation, not a second copy of the text above.

    A transcript kept in a table (说话人 | 内容) has the label in the first cell and the turn in the last:
    the last cell's paragraphs stay lines of their own after the row's first line, so a long answer keeps
    its paragraphs. A row whose earlier cells hold several lines is one line, each cell's lines joined by
    spaces. Tables nested in a cell and content controls (w:sdt) are read, not dropped.
    """
    from docx.text.paragraph import Paragraph

    for kind, element in _docx_blocks(document.element.body):
        if kind == "p":
            yield Paragraph(element, document).text
        else:
            yield from _docx_table_lines(element)


def _docx_blocks(container) -> Iterator[tuple[str, object]]:  # noqa: ANN001 - an lxml element
    """The paragraphs ("p") and tables ("tbl") of a body or cell in order, looking inside content controls."""
    from docx.oxml.ns import qn

    p, tbl, sdt, content = qn("w:p"), qn("w:tbl"), qn("w:sdt"), qn("w:sdtContent")
    stack = [iter(container)]
    while stack:
        element = next(stack[-1], None)
        if element is None:
            stack.pop()
        elif element.tag == p:
            yield "p", element
        elif element.tag == tbl:
            yield "tbl", element
        elif element.tag == sdt:
            inner = element.find(content)
            if inner is not None:
                stack.append(iter(inner))


def _docx_table_lines(tbl) -> Iterator[str]:  # noqa: ANN001 - a w:tbl element
    for tr in tbl.tr_lst:  # the row's own cells, see _docx_lines
        cells = [_docx_cell_lines(tc) for tc in tr.tc_lst]
        if not cells:
            continue
        if all(len(c) <= 1 for c in cells[:-1]):
            head = [c[0] if c else "" for c in cells[:-1]]
            last = cells[-1] or [""]
            yield "\t".join(head + last[:1])
            yield from last[1:]
        else:
            yield "\t".join(" ".join(line.replace("\t", " ") for line in c) for c in cells)


def _docx_cell_lines(tc) -> list[str]:  # noqa: ANN001 - a w:tc element
    """The lines with text in one cell: its paragraphs (a line break inside one makes two) and nested tables' rows."""
    from docx.text.paragraph import Paragraph

    lines: list[str] = []
    for kind, element in _docx_blocks(tc):
        if kind == "p":
            lines.extend(Paragraph(element, None).text.split("\n"))
        else:
            lines.extend(_docx_table_lines(element))
    return [line for line in lines if line.strip()]
