"""Write finished tables (coding.tables.Table) to one .xlsx workbook.

A writer only: the tables come computed; this module decides how they look
in Excel and keeps the file safe to open. Each table is one sheet from A1:
a bold header row with the panes frozen below it, columns as wide as their
text (a Chinese character counts two units; long-text columns take their
width hint and wrap), one CJK font throughout (等线 / DengXian), landscape
printing one page wide with the header repeated. The saturation table's
ChartSpec becomes a native line chart right of the table; a last sheet
(说明 / Notes) lists each table's notes and every cut or cleaned cell.

How it is written: openpyxl in write-only mode builds the package (styles,
header rows, widths, panes, merges, charts, page setup) with no data rows,
into memory; then the package is copied to a temporary file and each sheet's data
rows are streamed into it from exports/xlsx_rows.py, which writes a cell in
about 1 µs where openpyxl's own cell writer takes 25 (see that module; it
also holds the safety rules: no formulas, no illegal XML characters, no
cell over 32,767 characters). Memory stays flat: one row is held at a time.
--merge-cells works because merges are declared on the write-only sheet
before it is saved; openpyxl writes them after the rows.

The temporary file (exports/files.py) replaces OUT only when complete, so a
cancelled or failed export leaves an existing OUT untouched.
"""

from __future__ import annotations

import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell import WriteOnlyCell
from openpyxl.chart import LineChart, Reference
from openpyxl.styles import Alignment, Border, Font, PatternFill, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.indexed_list import IndexedList

from coding.tables import Column, Table  # the data's shape only; every value in it comes computed
from exports.files import write_atomically
from exports.xlsx_rows import (FORMULA_STARTS, ILLEGAL_XML, MAX_CELL_CHARS, RowWriter, Styles, cut, display_width,
                               is_formula_like)

__all__ = ["FORMULA_STARTS", "MAX_CELL_CHARS", "NOTES_SHEET", "Truncation", "WorkbookReport", "is_formula_like",
           "merge_runs", "sheet_names", "write_workbook"]

FONT_NAME = {"zh": "等线", "en": "DengXian"}  # Office's CJK font, by its Chinese and English names
FONT_SIZE = 11
TRUNCATION_MARK = {"zh": "…[已截断]", "en": "…[truncated]"}
NOTES_SHEET = {"zh": "说明", "en": "Notes"}
WIDTH_CAP = 60  # a column that does not wrap grows to fit its longest value, up to this
WRAP_WIDTH_CAP = 100
MEASURED_ROWS = 5_000  # widths are measured on the first rows only: enough to fit, cheap on 60,000
CANCEL_EVERY = 5_000  # rows between cancel checks inside one big sheet
CHUNK_ROWS = 200  # rows joined per write into the zip
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")

Progress = Callable[[int, int, str], None]
Cancelled = Callable[[], bool]


@dataclass(frozen=True)
class Truncation:
    """One cell cut at Excel's limit: where it is and how long the text was."""

    sheet: str
    cell: str  # e.g. "F17"
    column: str
    length: int  # the original length in characters


@dataclass(frozen=True)
class WorkbookReport:
    """What write_workbook wrote: the tables' sheet names with their data-row counts, in order."""

    path: Path
    sheets: tuple[tuple[str, int], ...]
    truncations: tuple[Truncation, ...] = ()
    removed_characters: int = 0  # illegal XML characters dropped, over all sheets
    cancelled: bool = False  # True: nothing was written and an existing file is untouched

    @property
    def rows(self) -> int:
        return sum(n for _, n in self.sheets)


class _Cancelled(Exception):
    pass


# ------------------------------------------------------------------ layout


def sheet_names(names: Sequence[str]) -> list[str]:
    """Valid, distinct Excel sheet names (≤ 31 characters, none of []:*?/\\, unique ignoring case)."""
    out: list[str] = []
    seen: set[str] = set()
    for raw in names:
        base = _SHEET_NAME_BAD.sub("_", raw or "").strip().strip("'")[:31] or "Sheet"
        name, n = base, 1
        while name.casefold() in seen:
            n += 1
            suffix = f" ({n})"
            name = base[: 31 - len(suffix)] + suffix
        seen.add(name.casefold())
        out.append(name)
    return out


def _last_filled(row: Sequence[Any]) -> int:
    for j in range(len(row) - 1, -1, -1):
        if row[j] is not None and row[j] != "":
            return j
    return -1


def column_widths(table: Table, lang: str) -> list[float]:
    """A width per column: wrap columns take their hint, others fit header and values up to a cap.

    Text that ends its row (a caption such as "饱和度检验：通过") spills over the empty cells to
    its right, so it does not widen its column."""
    rows = table.rows[:MEASURED_ROWS]
    last = [_last_filled(row) for row in rows]
    widths = []
    for i, col in enumerate(table.columns):
        header = display_width(getattr(col, lang)) + 3  # bold, and some room
        if col.wrap:
            widths.append(min(max(col.width * 2, header), WRAP_WIDTH_CAP))
            continue
        spills = i < len(table.columns) - 1
        distinct = {row[i] for row, end in zip(rows, last)  # a matrix column is mostly zeros
                    if not (spills and end == i and type(row[i]) is str)}
        content = max(map(display_width, distinct), default=0) + 2
        widths.append(min(max(header, content, 6), WIDTH_CAP))
    return widths


def merge_runs(rows: Sequence[Sequence[Any]], column: int) -> list[tuple[int, int]]:
    """Runs (first, last) of ≥ 2 consecutive rows with the same non-empty value in column (0-based)."""
    runs, start = [], 0
    for i in range(1, len(rows) + 1):
        if i == len(rows) or rows[i][column] != rows[start][column]:
            if i - start > 1 and rows[start][column] not in (None, ""):
                runs.append((start, i - 1))
            start = i
    return runs


def _set_default_font(wb: Workbook, font: Font) -> None:
    # openpyxl has no public setter for the workbook's default font: font 0 and the Normal
    # style are what empty cells and row heights use.
    wb._fonts = IndexedList([font])
    wb._named_styles["Normal"].font = font


class _Frame:
    """One sheet as openpyxl declares it: header row, widths, panes, merges, chart; no data rows."""

    def __init__(self, wb: Workbook, name: str, table: Table, lang: str, font: Font, merge: bool):
        self.table, self.lang, self.name = table, lang, name
        self.ws = ws = wb.create_sheet(name)
        self.widths = column_widths(table, lang)
        for i, width in enumerate(self.widths, 1):
            ws.column_dimensions[get_column_letter(i)].width = width
        ws.freeze_panes = "A2"
        # printing: landscape, all columns on one page width, the header repeated on every page
        ws.page_setup.orientation = "landscape"
        ws.page_setup.paperSize = "9"  # A4
        ws.sheet_properties.pageSetUpPr.fitToPage = True
        ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
        ws.print_title_rows = "1:1"
        ws.append([self._header(getattr(c, lang), font) for c in table.columns])
        self.group = table.group_column if merge else None
        self.covered: set[int] = set()
        if self.group is not None:
            letter = get_column_letter(self.group + 1)
            for first, last in merge_runs(table.rows, self.group):
                self.covered.update(range(first + 1, last + 1))
                ws.merged_cells.add(f"{letter}{first + 2}:{letter}{last + 2}")
        if table.chart is not None and table.rows:
            ws.add_chart(self._chart(), f"{get_column_letter(len(table.columns) + 2)}2")
        self.styles = [self._styles(font, c.wrap) for c in table.columns]

    def _header(self, text: str, font: Font) -> WriteOnlyCell:
        # Matrix headers are code, document and attribute names: user text, guarded like body cells.
        text = cut(ILLEGAL_XML.sub("", text), MAX_CELL_CHARS)
        cell = WriteOnlyCell(self.ws, value=text)
        cell.data_type = "s"
        if is_formula_like(text):
            cell.quotePrefix = True  # Excel keeps it text even when the header cell is edited
        cell.font = Font(name=font.name, size=font.size, bold=True)
        cell.fill = PatternFill("solid", fgColor="F2F2F2")
        cell.border = Border(bottom=Side(style="thin", color="808080"))
        cell.alignment = Alignment(vertical="center", wrap_text=True)
        return cell

    def _styles(self, font: Font, wrap: bool) -> Styles:
        def style_id(number_format: str = "General", quote: bool = False) -> int:
            cell = WriteOnlyCell(self.ws)
            cell.font = font
            cell.alignment = Alignment(vertical="top", wrap_text=wrap or None)
            cell.number_format = number_format
            if quote:
                cell.quotePrefix = True
            return cell.style_id  # registers the style in the workbook's stylesheet

        return Styles(plain=style_id(), text=style_id(quote=True), date=style_id("yyyy-mm-dd"),
                      datetime=style_id("yyyy-mm-dd hh:mm"), time=style_id("hh:mm:ss"))

    def _chart(self) -> LineChart:
        spec, n = self.table.chart, len(self.table.rows)
        chart = LineChart()
        chart.title = getattr(spec, self.lang)
        chart.height, chart.width = 10, 20  # cm
        chart.x_axis.title = getattr(self.table.columns[spec.x_column], self.lang)
        chart.x_axis.delete = False  # openpyxl ≥ 3.1 hides axes unless told otherwise
        chart.y_axis.delete = False
        for col in spec.series_columns:
            chart.add_data(Reference(self.ws, min_col=col + 1, min_row=1, max_row=n + 1), titles_from_data=True)
        chart.set_categories(Reference(self.ws, min_col=spec.x_column + 1, min_row=2, max_row=n + 1))
        for series in chart.series:  # straight segments with markers: a smoothed curve would invent values
            series.smooth = False
            series.marker.symbol = "circle"
            series.marker.size = 5
        chart.legend.position = "b"
        return chart

    def rows(self, writer: RowWriter, cancelled: Cancelled | None) -> Iterator[str]:
        """The sheet's data rows as XML, a chunk at a time."""
        chunk: list[str] = []
        for r, values in enumerate(self.table.rows):
            chunk.append(writer.row(r, values))
            if len(chunk) == CHUNK_ROWS:
                yield "".join(chunk)
                chunk.clear()
            if r % CANCEL_EVERY == CANCEL_EVERY - 1 and cancelled is not None and cancelled():
                raise _Cancelled
        if chunk:
            yield "".join(chunk)


# ------------------------------------------------------------------ notes


def _notes_rows(tables: Sequence[Table], names: Sequence[str], truncations: Sequence[Truncation],
                removed: dict[str, int], lang: str) -> list[tuple[str, str, str, str]]:
    zh = lang == "zh"
    rows = []
    for table, name in zip(tables, names):
        rows.extend((name, "", "", note) for note in table.notes)
    for t in truncations:
        note = (f"原文 {t.length:,} 字，超过 Excel 单元格上限（{MAX_CELL_CHARS:,} 个 UTF-16 单位，𠮷 等扩展区汉字"
                f"计 2 个），已截断并标记“{TRUNCATION_MARK['zh']}”"
                if zh else
                f"{t.length:,} characters, over Excel's limit of {MAX_CELL_CHARS:,} UTF-16 units per cell (a "
                f"character outside the BMP such as 𠮷 counts twice): cut and marked “{TRUNCATION_MARK['en']}”")
        rows.append((t.sheet, t.cell, t.column, note))
    for name, count in removed.items():
        if count:
            rows.append((name, "", "", f"删除了 {count} 个 Excel 无法保存的控制字符" if zh else
                         f"{count} control characters that Excel cannot store were removed"))
    if not rows:
        rows.append(("", "", "", "无" if zh else "none"))
    return rows


def _notes_table() -> Table:
    """The notes sheet's shape; its rows are filled in last."""
    return Table("notes", NOTES_SHEET["zh"], NOTES_SHEET["en"],
                 (Column("sheet", "工作表", "Sheet"), Column("cell", "单元格", "Cell", 5),
                  Column("column", "列", "Column", 10), Column("note", "说明", "Note", 50, wrap=True)), ())


# ------------------------------------------------------------------ writing


def write_workbook(tables: Sequence[Table], path: str | os.PathLike, *, lang: str = "zh", merge_cells: bool = False,
                   progress: Progress | None = None, cancelled: Cancelled | None = None) -> WorkbookReport:
    """Write each table to a sheet, in order, then a notes sheet; report what was written.

    progress(done, total, sheet_name) is called after each sheet (total counts the notes
    sheet); cancelled() is checked before each sheet and every few thousand rows. A
    cancelled export deletes its temporary file and returns a report with cancelled=True.
    """
    if lang not in FONT_NAME:
        raise ValueError(f"lang must be zh or en, not {lang!r}")
    path = Path(path)
    names = sheet_names([getattr(t, lang) for t in tables] + [NOTES_SHEET[lang]])
    notes = _notes_table()
    font = Font(name=FONT_NAME[lang], size=FONT_SIZE)
    wb = Workbook(write_only=True)
    _set_default_font(wb, font)
    frames = [_Frame(wb, name, table, lang, font, merge_cells) for table, name in zip([*tables, notes], names)]
    package = io.BytesIO()
    wb.save(package)  # also closes the sheets, so ws.path names each sheet's part
    parts = {f.ws.path.lstrip("/"): i for i, f in enumerate(frames)}

    sheets: list[tuple[str, int]] = []
    truncations: list[Truncation] = []
    removed: dict[str, int] = {}

    def write(tmp: Path) -> None:
        with zipfile.ZipFile(package) as src, zipfile.ZipFile(tmp, "w", zipfile.ZIP_DEFLATED) as out:
            for info in src.infolist():
                i = parts.get(info.filename)
                if i is None:
                    out.writestr(info, src.read(info))
                    continue
                if cancelled is not None and cancelled():
                    raise _Cancelled
                frame = frames[i]
                if i == len(tables):  # the notes sheet, last: everything it lists is known now
                    frame.table = replace(notes, rows=tuple(_notes_rows(tables, names, truncations, removed, lang)))
                writer = RowWriter(frame.styles, frame.widths, [c.wrap for c in frame.table.columns],
                                   TRUNCATION_MARK[lang], frame.group, frame.covered)
                _splice(src.read(info).decode("utf-8"), frame.rows(writer, cancelled), out, info.filename)
                if i < len(tables):
                    sheets.append((frame.name, len(frame.table.rows)))
                    removed[frame.name] = writer.removed
                    columns = frame.table.columns
                    truncations.extend(Truncation(frame.name, f"{get_column_letter(c.column + 1)}{c.row + 2}",
                                                  getattr(columns[c.column], lang), c.length) for c in writer.cuts)
                if progress is not None:
                    progress(i + 1, len(frames), frame.name)

    try:
        write_atomically(path, write)
    except _Cancelled:
        return WorkbookReport(path, tuple(sheets), tuple(truncations), sum(removed.values()), cancelled=True)
    return WorkbookReport(path, tuple(sheets), tuple(truncations), sum(removed.values()))


def _splice(xml: str, rows: Iterator[str], out: zipfile.ZipFile, name: str) -> None:
    """Write the sheet part `name` with the data rows inserted after openpyxl's header row."""
    end = xml.find("</sheetData>")
    if end < 0:  # a sheet with no header row
        end = xml.index("<sheetData/>")
        head, tail = xml[:end] + "<sheetData>", "</sheetData>" + xml[end + len("<sheetData/>"):]
    else:
        head, tail = xml[:end], xml[end:]
    with out.open(name, "w") as part:  # no Zip64: some Excel versions warn; parts stay far below 2 GiB
        part.write(head.encode("utf-8"))
        for chunk in rows:
            part.write(chunk.encode("utf-8"))
        part.write(tail.encode("utf-8"))
