"""Read a codebook kept in Excel in MAXQDA's layout, as an `Incoming` to merge or store.

MAXQDA's "Import codes and code memos from an Excel table" expects a header
row holding the keywords `Code` and `Memo`; each later row is one code, its
path in the Code column with subcodes after `>` (older versions: a backslash)
and its memo beside it. Researchers who keep their codebook in Excel write
the same table by hand, often with Chinese headers, so this reader accepts:

- the sheet: the first whose name is like "Codebook", "Code System" or 码本
  (see SHEET_NAMES), else the first sheet;
- the header row: the first of the top HEADER_SCAN rows with a Code header
  (Code, 代码, 编码, 代码名称 …); beside it a Memo (Memo, 备忘录, 备注, 定义 …)
  and a Color column (Color, Colour, 颜色) are optional; any other column
  (Code alias, Coded segments, Frequency …) is ignored. Headers compare by
  `coding.merge.normalise_name`: case, width, spaces and 繁/简 do not matter;
- the path: levels split at `>`, `＞`, `\\` or `＼`, each trimmed. Every level
  is a code; a parent with no row of its own is created with an empty
  definition, and takes the memo and colour of a row naming it later. The
  memo is the code's definition;
- the colour: `#RRGGBB`, `RRGGBB`, Excel's `FFRRGGBB` or `rgb(r, g, b)` as text;
  anything else (and a cell's fill) is silently no colour: the code then gets
  its parent's or the default one where it is stored.

What is left out is listed in `Incoming.skipped`, one line per row naming the
sheet and row: an empty level (`A >  > B`), a level longer than a code name
may be, a path deeper than MAX_CODE_DEPTH levels, a row repeating a code
already read (paths compare normalised, so 社區 repeats 社区; the first row
wins), a row with a memo but no code, and a formula whose result Excel never
saved. Blank rows are passed over silently.

GUIDs are uuid5 of the normalised path, so reading the same workbook again,
or a later version of it, gives every code the GUID it had and a merge finds
it by GUID. A file that is not an .xlsx workbook, or has no Code column, is an
InvalidInput naming the file and the problem.
"""

from __future__ import annotations

import hashlib
import os
import re
import unicodedata
import uuid
import zipfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from coding.errors import InvalidInput
from coding.messages import Message
from coding.interchange import MAX_CODE_DEPTH, Incoming, InCode
from coding.merge import normalise_name
from coding.services._checks import clean_text
from corpus.readers import ReadError, check_unpacked

ORIGIN = "Excel codebook (MAXQDA layout)"
GUID_NAMESPACE = uuid.UUID("9e1720ed-fa01-4adb-9a75-7a177e3cbc85")  # fixed forever: GUIDs must not change
HEADER_SCAN = 20  # rows searched for the header row
MAX_NAME = 300  # a code name's stored length
CODE_HEADERS = frozenset({"code", "codes", "codename", "codesystem", "代码", "编码", "代码名称", "编码名称", "代码名"})
MEMO_HEADERS = frozenset({"memo", "codememo", "definition", "description", "备忘录", "备注", "定义", "内涵", "描述",
                          "说明", "代码备忘录", "编码备忘录"})
COLOUR_HEADERS = frozenset({"color", "colour", "codecolor", "codecolour", "颜色", "色彩"})
SHEET_NAMES = frozenset({"codebook", "codesystem", "codes", "码本", "编码本", "代码本", "代码系统", "编码系统", "编码表",
                         "代码表", "编码手册"})

_SEPARATORS = re.compile(r"[>＞\\＼]")
_HEX = re.compile(r"#?(?:[0-9a-fA-F]{2})?([0-9a-fA-F]{6})")
_RGB = re.compile(r"rgb\((\d{1,3}),(\d{1,3}),(\d{1,3})\)")
_OLE2 = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # .xls, or an .xlsx with a password


@dataclass
class _Sheet:
    title: str
    rows: list[list[tuple[Any, bool]]]  # (value, is a formula) per cell


def code_guid(levels: list[str]) -> str:
    """The GUID of the code at this path: the same for every spelling that normalises alike."""
    key = ">".join(normalise_name(level) for level in levels)
    return str(uuid.uuid5(GUID_NAMESPACE, "maxqda-codebook:" + key))


def _guid_hash() -> Any:
    """The SHA-1 that uuid5 computes, fed up to the path: the reader continues it level by level."""
    return hashlib.sha1(GUID_NAMESPACE.bytes + b"maxqda-codebook:")


def _guid_of(digest: Any) -> str:
    """code_guid's value from the hash of its whole path (uuid5 is SHA-1 with the version bits set)."""
    return str(uuid.UUID(bytes=digest.digest()[:16], version=5))


def parse_colour(value: Any) -> str | None:
    """'#rrggbb' from a colour written as text; None for anything else."""
    if not isinstance(value, str):
        return None
    text = "".join(unicodedata.normalize("NFKC", value).split()).lower()
    match = _HEX.fullmatch(text)
    if match:
        return "#" + match.group(1)
    match = _RGB.fullmatch(text)
    if match and all(int(part) <= 255 for part in match.groups()):
        return "#" + "".join(f"{int(part):02x}" for part in match.groups())
    return None


def _text(value: Any) -> str:
    """A cell as text: NFC, `\\n` line ends, trimmed; whole-number floats without '.0'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return clean_text(str(value)).strip()


def _cell(row: list[tuple[Any, bool]], column: int | None) -> tuple[Any, bool]:
    if column is None or column >= len(row):
        return None, False
    return row[column]


def _load(path: Path, data_only: bool, title: str | None) -> _Sheet:
    """One sheet's cells (the codebook sheet, or TITLE); raises InvalidInput for what is no workbook."""
    import openpyxl  # a slow import, paid only by who reads a workbook
    from openpyxl.utils.exceptions import InvalidFileException

    name = path.name
    try:
        with open(path, "rb") as handle:
            if handle.read(len(_OLE2)) == _OLE2:
                raise InvalidInput("{name}: an old .xls workbook or a password-protected one; save it in Excel as an "
                                   ".xlsx without a password first", name=name)
            handle.seek(0)
            with zipfile.ZipFile(handle) as archive:
                try:
                    check_unpacked(archive)
                except ReadError as exc:
                    raise InvalidInput("{name}: {reason}", name=name, reason=exc.message) from None
            handle.seek(0)
            book = openpyxl.load_workbook(handle, read_only=True, data_only=data_only)  # by content, not suffix
            try:
                if not book.worksheets:
                    raise InvalidInput("{name}: the workbook has no worksheet", name=name)
                if title is None:
                    wanted = [s for s in book.worksheets if normalise_name(s.title) in SHEET_NAMES]
                    sheet = (wanted or book.worksheets)[0]
                else:
                    sheet = book[title]
                sheet.reset_dimensions()  # some writers store a wrong size; read what is there
                rows = [[(c.value, c.data_type == "f") for c in row] for row in sheet.iter_rows(min_row=1)]
                return _Sheet(sheet.title, rows)
            finally:
                book.close()
    except InvalidInput:
        raise
    except FileNotFoundError:
        raise InvalidInput("{name}: no such file", name=name) from None
    except IsADirectoryError:
        raise InvalidInput("{name}: a folder, not an .xlsx workbook", name=name) from None
    except PermissionError:
        raise InvalidInput("{name}: not allowed to read it", name=name) from None
    except (zipfile.BadZipFile, InvalidFileException):
        raise InvalidInput("{name}: not an Excel .xlsx workbook (it is not a valid .xlsx archive)", name=name) from None
    except Exception as exc:  # noqa: BLE001 - a damaged workbook fails in many ways inside openpyxl
        detail = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
        raise InvalidInput("{name}: cannot read it as an .xlsx workbook ({detail})", name=name, detail=detail) from None


def _header(sheet: _Sheet, name: str) -> tuple[int, int, int | None, int | None]:
    """(header row index, Code column, Memo column or None, Color column or None)."""
    for r, row in enumerate(sheet.rows[:HEADER_SCAN]):
        keys = [normalise_name(v) if isinstance(v, str) else "" for v, _ in row]
        code = next((i for i, k in enumerate(keys) if k in CODE_HEADERS), None)
        if code is not None:
            memo = next((i for i, k in enumerate(keys) if k in MEMO_HEADERS), None)
            colour = next((i for i, k in enumerate(keys) if k in COLOUR_HEADERS), None)
            return r, code, memo, colour
    raise InvalidInput("{name}: no 'Code' column in the header row of sheet {sheet!r} (looked for Code, 代码, 编码 or "
                       "代码名称 in its first {rows} rows)", name=name, sheet=sheet.title, rows=HEADER_SCAN)


class _Reader:
    """Turns the rows under the header into codes, parents first, remembering each path's code.

    A code is found by its parent and its normalised name, and its GUID's hash continues its parent's, so a
    row costs what its path holds: a path is never copied or hashed again for each of its levels."""

    def __init__(self, sheet: _Sheet, incoming: Incoming):
        self.sheet, self.incoming = sheet, incoming
        self.codes: dict[tuple[str | None, str], InCode] = {}  # (parent guid, normalised name) → code
        self.hashes: dict[str | None, Any] = {None: _guid_hash()}  # code guid → the hash of its path so far
        self.rows: dict[str, int] = {}  # code guid → the row that named it

    def skip(self, number: int, why: Message) -> None:
        self.incoming.skipped.append(Message("sheet {sheet!r} row {row}: {why}", sheet=self.sheet.title, row=number,
                                             why=why))

    def row(self, number: int, path: str, memo: str, colour: str | None) -> None:
        levels = [level.strip() for level in _SEPARATORS.split(path)]
        if any(not level for level in levels):
            self.skip(number, Message("empty level in code path {path!r}", path=path[:40]))
            return
        if len(levels) > MAX_CODE_DEPTH:
            self.skip(number, Message("code path of {levels:,} levels, more than {most:,}: {path!r}…", levels=len(levels),
                                      most=MAX_CODE_DEPTH, path=path[:40]))
            return
        levels = [" ".join(level.split()) if "\n" in level else level for level in levels]  # names are one line
        long = next((level for level in levels if len(level) > MAX_NAME), None)
        if long is not None:
            self.skip(number, Message("code name longer than {most} characters: {name!r}…", most=MAX_NAME, name=long[:20]))
            return
        parent: str | None = None
        new = False
        for depth, level in enumerate(levels):
            key = normalise_name(level)
            code = self.codes.get((parent, key))
            if code is None:
                digest = self.hashes[parent].copy()
                digest.update(((">" if depth else "") + key).encode("utf-8"))
                code = InCode(guid=_guid_of(digest), name=level, parent=parent)
                self.codes[(parent, key)] = code
                self.hashes[code.guid] = digest
                self.incoming.codes.append(code)
                new = True
            parent = code.guid
        if not new and code.guid in self.rows:
            self.skip(number, Message("code {path!r} repeats row {row}; the first is kept", path=path[:200],
                                      row=self.rows[code.guid]))
            return
        self.rows[code.guid] = number
        code.definition, code.colour = memo, colour


def read_codebook_xlsx(path: str | os.PathLike) -> Incoming:
    """The codes of an Excel codebook in MAXQDA's layout (see the module docstring for the rules)."""
    path = Path(path)
    sheet = _load(path, False, None)
    head, code_col, memo_col, colour_col = _header(sheet, path.name)
    columns = (code_col, memo_col, colour_col)
    cached: _Sheet | None = None  # the same sheet with the results Excel saved, read at the first formula
    incoming = Incoming(origin=ORIGIN, name=path.stem)
    reader = _Reader(sheet, incoming)
    for index in range(head + 1, len(sheet.rows)):
        number = index + 1  # Excel's row number
        values = []
        formula_without_value = None
        for c in columns:
            value, is_formula = _cell(sheet.rows[index], c)
            if is_formula:
                cached = cached or _load(path, True, sheet.title)
                value = _cell(cached.rows[index] if index < len(cached.rows) else [], c)[0]
                if value is None and formula_without_value is None:
                    formula_without_value = sheet.rows[head][c][0]
            values.append(value)
        code, memo, colour = _text(values[0]), _text(values[1]), values[2]
        if formula_without_value is not None:
            reader.skip(number, Message("the formula in column {column!r} has no saved result (open the file in Excel "
                                        "and save it)", column=formula_without_value))
        elif code:
            reader.row(number, code, memo, parse_colour(colour))
        elif memo or _text(colour):
            reader.skip(number, Message("no code name in the Code column"))
    return incoming
