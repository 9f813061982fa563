"""The rows of one worksheet as SpreadsheetML text, written fast and made safe.

openpyxl builds a cell object for every value and takes about 25 µs a cell:
38 s for the 1.3 million cells of the benchmark workbook, where the goal is
10 s for everything. So exports/excel.py lets openpyxl build the package
(styles, header rows, widths, panes, merges, charts, page setup) and streams
each sheet's data rows as text from here, about 1 µs a cell. Every workbook
the tests write is re-read with openpyxl, so this serialiser is checked the
way Excel will read it.

Each value becomes one `<c>` element:
- int, float, Decimal: a number (`t="n"`); NaN and infinity are left empty;
- bool: a boolean; date, datetime, time: a date serial with a date style
  (a timezone is dropped, the wall-clock time kept, as Excel has no zones);
- str (and anything else, through str()): an inline string, never a formula.
  Text a spreadsheet could take for a formula or an error value (starting
  with = + - @ tab or CR, or "#N/A" and the like) gets the quote-prefix
  style, so Excel keeps it text even when the cell is edited. Characters XML
  cannot carry are removed and counted; text over Excel's 32,767-character
  limit is cut with a mark and reported.
"""

from __future__ import annotations

import datetime as dt
import math
import re
from collections.abc import Sequence, Set
from dataclasses import dataclass
from decimal import Decimal
from typing import Any

from openpyxl.cell.cell import ERROR_CODES
from openpyxl.utils import get_column_letter
from openpyxl.utils.datetime import to_excel

MAX_CELL_CHARS = 32_767  # Excel's limit, counted in UTF-16 code units
FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
_FORMULA_FIRST = frozenset(FORMULA_STARTS)
_ERRORS = frozenset(ERROR_CODES)
# Characters XML 1.0 cannot carry (openpyxl's ILLEGAL_CHARACTERS_RE and more): C0 controls but
# tab/LF/CR, lone surrogates and the two non-characters U+FFFE/U+FFFF.
ILLEGAL_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
LINE_HEIGHT = 15.0  # points per wrapped line of an 11-point CJK font
MAX_ROW_HEIGHT = 409.0  # Excel's limit, in points


def is_formula_like(text: str) -> bool:
    """True where a spreadsheet could read this text as a formula or an error value."""
    return text[:1] in _FORMULA_FIRST or text in _ERRORS


def utf16_len(text: str) -> int:
    return len(text.encode("utf-16-le")) // 2


def cut(text: str, limit: int) -> str:
    """The longest prefix of text within limit UTF-16 units (never splits a character)."""
    if utf16_len(text) <= limit:
        return text
    kept, used = 0, 0
    for ch in text:
        used += 2 if ord(ch) > 0xFFFF else 1
        if used > limit:
            break
        kept += 1
    return text[:kept]


def display_width(value: Any) -> int:
    """Width in Excel column units: a Chinese (wide) character counts 2, ASCII 1."""
    if value is None:
        return 0
    if isinstance(value, str):
        line = max(value.split("\n"), key=len) if "\n" in value else value
        # 3- and 4-byte UTF-8 characters (CJK, full-width punctuation, emoji) are the wide ones
        return len(line) + (len(line.encode("utf-8")) - len(line)) // 2
    if isinstance(value, dt.datetime):
        return 16
    if isinstance(value, dt.date):
        return 10
    if isinstance(value, float):
        return min(len(f"{value:.10g}"), 12)
    return len(str(value))


def wrapped_lines(value: Any, width: float) -> int:
    """About how many lines value takes in a wrapping column of this width."""
    if type(value) is not str:
        return 1
    usable = max(width - 1.5, 1)  # cell padding
    if 2 * len(value) <= usable and "\n" not in value:  # fits even if every character is wide
        return 1
    return sum(max(1, math.ceil(display_width(line) / usable)) for line in value.split("\n"))


def _escape(text: str) -> str:
    if "&" in text:
        text = text.replace("&", "&amp;")
    if "<" in text:
        text = text.replace("<", "&lt;")
    if ">" in text:
        text = text.replace(">", "&gt;")
    if "\r" in text:  # a bare CR would become LF when the XML is read
        text = text.replace("\r", "&#13;")
    return text


@dataclass(frozen=True)
class Styles:
    """cellXfs ids for one column, registered in the workbook by exports/excel.py."""

    plain: int
    text: int  # quote prefix: formula-like text
    date: int
    datetime: int
    time: int


@dataclass(frozen=True)
class Cut:
    """A text cut at Excel's limit: data row (0-based), column (0-based), original length."""

    row: int
    column: int
    length: int


class RowWriter:
    """Turns the data rows of one table into `<row>` elements, from sheet row 2 on."""

    def __init__(self, styles: Sequence[Styles], widths: Sequence[float], wrap: Sequence[bool], mark: str,
                 group: int | None = None, covered: Set[int] = frozenset()):
        self.styles = styles
        self.letters = [get_column_letter(i + 1) for i in range(len(styles))]
        self.wrapping = [(i, widths[i]) for i, w in enumerate(wrap) if w]
        self.mark = mark
        self.mark_len = utf16_len(mark)
        self.group = group
        self.covered = covered  # data rows whose group cell lies under a merge, left empty
        self.cuts: list[Cut] = []
        self.removed = 0

    def row(self, r: int, values: Sequence[Any]) -> str:
        n = r + 2
        parts = []
        letters, styles = self.letters, self.styles
        skip = self.group if r in self.covered else None
        for c, value in enumerate(values):
            if value is None or c == skip:
                continue
            t = type(value)
            if t is int or t is float:
                if t is float and not math.isfinite(value):
                    continue
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].plain}"><v>{value!r}</v></c>')
            elif t is str:
                parts.append(self._text(value, r, c, n))
            elif t is bool:
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].plain}" t="b"><v>{int(value)}</v></c>')
            elif isinstance(value, dt.datetime):
                value = to_excel(value.replace(tzinfo=None))
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].datetime}"><v>{value!r}</v></c>')
            elif isinstance(value, dt.date):
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].date}"><v>{to_excel(value)!r}</v></c>')
            elif isinstance(value, dt.time):
                value = to_excel(value.replace(tzinfo=None))
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].time}"><v>{value!r}</v></c>')
            elif isinstance(value, int | float | Decimal):  # subclasses: IntEnum, numpy-free Decimal
                if isinstance(value, float | Decimal) and not math.isfinite(value):
                    continue
                parts.append(f'<c r="{letters[c]}{n}" s="{styles[c].plain}"><v>{value}</v></c>')
            else:
                parts.append(self._text(str(value), r, c, n))
        height = ""
        if self.wrapping:
            lines = max(wrapped_lines(values[i], w) for i, w in self.wrapping)
            if lines > 1:
                # Neither Excel nor LibreOffice reliably grows a row to fit wrapped text when
                # opening a file, so a row whose text wraps gets a height from its line count.
                height = f' ht="{min(lines * LINE_HEIGHT + 2, MAX_ROW_HEIGHT)}" customHeight="1"'
        return f'<row r="{n}"{height}>{"".join(parts)}</row>'

    def _text(self, text: str, r: int, c: int, n: int) -> str:
        if ILLEGAL_XML.search(text):
            before = len(text)
            text = ILLEGAL_XML.sub("", text)
            self.removed += before - len(text)
        if len(text) > MAX_CELL_CHARS // 2 and utf16_len(text) > MAX_CELL_CHARS:
            self.cuts.append(Cut(r, c, len(text)))
            text = cut(text, MAX_CELL_CHARS - self.mark_len) + self.mark
        style = self.styles[c].text if is_formula_like(text) else self.styles[c].plain
        return (f'<c r="{self.letters[c]}{n}" s="{style}" t="inlineStr"><is><t xml:space="preserve">'
                f'{_escape(text)}</t></is></c>')
