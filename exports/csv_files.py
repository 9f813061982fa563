"""Write finished tables (coding.tables.Table) as a folder of CSV files, one per sheet.

For the researcher who reads the tables into R, SPSS, NVivo or Excel. Each
file is UTF-8 with a byte-order mark (`utf-8-sig`), so Excel on Windows opens
the Chinese correctly with a double click, and is named after the sheet the
workbook would have (notes go to 说明.csv / Notes.csv).

CSV has no cell types, so the workbook's formula guard cannot be copied: a
text value starting with = + - @ tab or CR gets a leading apostrophe (the
usual CSV-injection defence), which Excel hides and other programs show.
Numbers are never prefixed. Otherwise CSV is lossless: no truncation at
Excel's 32,767-character limit and no characters removed. Dates are ISO 8601.
"""

from __future__ import annotations

import csv
import datetime as dt
import os
import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from coding.tables import Table
from exports.files import write_atomically
from exports.excel import FORMULA_STARTS, NOTES_SHEET, sheet_names

_FILE_NAME_BAD = re.compile(r'[<>:"/\\|?*\x00-\x1f]')


def csv_text(value: Any) -> str:
    """A value as CSV text: empty for None, ISO dates, apostrophe before formula-like text."""
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.isoformat(sep=" ", timespec="seconds")
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    if isinstance(value, str):
        return "'" + value if value.startswith(FORMULA_STARTS) else value
    return str(value)


def _write(path: Path, header: Sequence[str], rows: Sequence[Sequence[Any]]) -> None:
    def write(tmp: Path) -> None:
        with open(tmp, "w", encoding="utf-8-sig", newline="") as f:
            writer = csv.writer(f)
            writer.writerow([csv_text(h) for h in header])
            writer.writerows([csv_text(v) for v in row] for row in rows)

    write_atomically(path, write)


def write_csv_folder(tables: Sequence[Table], folder: str | os.PathLike, *, lang: str = "zh") -> list[Path]:
    """Write each table to FOLDER/<sheet name>.csv, then the tables' notes; return the files written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    names = sheet_names([getattr(t, lang) for t in tables] + [NOTES_SHEET[lang]])
    written = []
    for table, name in zip(tables, names):
        path = folder / (_FILE_NAME_BAD.sub("_", name).rstrip(". ") + ".csv")
        _write(path, [getattr(c, lang) for c in table.columns], table.rows)
        written.append(path)
    notes = [(name, note) for table, name in zip(tables, names) for note in table.notes]
    path = folder / (_FILE_NAME_BAD.sub("_", names[-1]) + ".csv")
    _write(path, ["工作表", "说明"] if lang == "zh" else ["Sheet", "Note"], notes)
    written.append(path)
    return written
