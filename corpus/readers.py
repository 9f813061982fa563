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

from corpus.decode import MAX_TEXT_BYTES, DecodeError, decode_bytes, normalise

SUPPORTED = (".txt", ".md", ".docx", ".rtf")
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
MAX_DOCX_BYTES = 200 * 1024 * 1024
MAX_DOCX_UNPACKED = 512 * 1024 * 1024  # all parts of a .docx, unpacked
MAX_DOCX_RATIO = 200
_ANSICPG = re.compile(rb"\\ansicpg(\d+)")


class ReadError(ValueError):
    """A file that cannot be imported; str() is the one-line reason."""


@dataclass(frozen=True)
class RawText:
    text: str
    encoding: str


def read_file(path: Path, encoding: str | None = None) -> RawText:
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED:
        raise ReadError(f"unsupported file type {suffix or '(none)'}; use {', '.join(SUPPORTED)}")
    try:
        size = path.stat().st_size
        if path.is_dir():
            raise ReadError("is a folder")
        if suffix == ".docx":
            return _read_docx(path, size)
        if size > MAX_TEXT_BYTES:
            raise ReadError(f"larger than the {MAX_TEXT_BYTES // (1024 * 1024)} MB limit for one transcript; split it")
        data = path.read_bytes()
    except FileNotFoundError:
        raise ReadError("no such file") from None
    except PermissionError:
        raise ReadError("permission denied") from None
    except IsADirectoryError:
        raise ReadError("is a folder") from None
    try:
        if suffix == ".rtf":
            return _read_rtf(data, encoding)
        decoded = decode_bytes(data, encoding)
    except DecodeError as exc:
        raise ReadError(str(exc)) from None
    return RawText(decoded.text, decoded.encoding)


def _read_rtf(data: bytes, encoding: str | None) -> RawText:
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise ReadError("not an RTF file (no {\\rtf header)")
    if encoding is None:
        match = _ANSICPG.search(data[:4096])
        encoding = f"cp{match.group(1).decode()}" if match else "cp936"
    try:
        text = rtf_to_text(data.decode("latin-1"), encoding=encoding, errors="strict")
    except (LookupError, UnicodeDecodeError) as exc:
        raise ReadError(f"cannot decode the RTF text as {encoding} ({exc})") from None
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
        raise ReadError(f"unpacks to more than {MAX_DOCX_UNPACKED // (1024 * 1024)} MB; refused")
    for i in parts:
        if i.file_size > 1024 * 1024 and i.file_size > MAX_DOCX_RATIO * max(i.compress_size, 1):
            raise ReadError(f"its part {i.filename} is packed more than {MAX_DOCX_RATIO}:1 (a zip bomb?); refused")
    for i in parts:
        try:
            with archive.open(i) as part:
                while part.read(1024 * 1024):
                    pass
        except (zipfile.BadZipFile, zlib.error, EOFError, NotImplementedError, RuntimeError) as exc:
            raise ReadError(f"its part {i.filename} is damaged ({exc})") from None


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
        raise ReadError(f"larger than the {MAX_DOCX_BYTES // (1024 * 1024)} MB limit for a .docx")
    import docx  # python-docx
    from docx.opc.exceptions import PackageNotFoundError
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    try:
        with zipfile.ZipFile(path) as archive:
            info = archive.getinfo("word/document.xml")
            if info.file_size > MAX_TEXT_BYTES * 4:
                raise ReadError("the document part is too large")
            check_unpacked(archive)
        document = docx.Document(str(path) if isinstance(path, Path) else path)
    except ReadError:
        raise
    except KeyError:
        raise ReadError("not a Word document (no word/document.xml)") from None
    except (PackageNotFoundError, zipfile.BadZipFile, ValueError) as exc:
        raise ReadError(f"not a readable .docx ({exc})") from None
    except Exception as exc:  # noqa: BLE001 - e.g. malformed XML inside: one line, never a traceback
        raise ReadError(f"not a readable .docx ({type(exc).__name__}: {str(exc).splitlines()[0] if str(exc) else ''})") from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                cells: list[str] = []
                for cell in row.cells:  # merged cells repeat: keep each once
                    if not cells or cell.text != cells[-1]:
                        cells.append(cell.text)
                lines.append("\t".join(c.replace("\n", " ") for c in cells))
    text = normalise("\n".join(lines))
    if not text.strip():
        raise ReadError("empty file (no text in the document)")
    return RawText(text, "docx")
