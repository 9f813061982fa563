"""Excel export on the benchmark project: computing the tables and writing the workbook.

Times `workbook_tables` (one read of the project, every table computed) and
`write_workbook` (streamed, write-only openpyxl) on the 200-document,
60,000-coding project, and the process's peak resident memory. Prints one
JSON object; goals: ≤ 10 s in all and ≤ 500 MB.

    python bench/export_bench.py [--merge-cells] [--lang en] [--keep OUT.xlsx]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_project import bench_project, peak_rss_mb  # noqa: E402
from coding.storage import open_project  # noqa: E402
from coding.tables import workbook_tables  # noqa: E402
from exports.excel import write_workbook  # noqa: E402

GOAL_SECONDS, GOAL_MB = 10.0, 500.0



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lang", choices=["zh", "en"], default="zh")
    parser.add_argument("--merge-cells", action="store_true")
    parser.add_argument("--keep", metavar="OUT.xlsx", help="write the workbook here and keep it")
    args = parser.parse_args()
    path = bench_project()
    rss_before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "bench.xlsx"
        t0 = time.perf_counter()
        with open_project(path, backup=False) as store:
            tables = workbook_tables(store, lang=args.lang)
        t1 = time.perf_counter()
        report = write_workbook(tables, out, lang=args.lang, merge_cells=args.merge_cells)
        t2 = time.perf_counter()
        size = out.stat().st_size
    total = t2 - t0
    peak = peak_rss_mb()
    result = {
        "bench": "export", "project": str(path), "lang": args.lang, "merge_cells": args.merge_cells,
        "tables_s": round(t1 - t0, 2), "write_s": round(t2 - t1, 2), "total_s": round(total, 2),
        "peak_rss_mb": round(peak, 1), "rss_before_mb": round(rss_before, 1),
        "sheets": {name: rows for name, rows in report.sheets}, "rows": report.rows,
        "cells": sum(len(t.rows) * len(t.columns) for t in tables), "truncated_cells": len(report.truncations),
        "xlsx_mb": round(size / 1e6, 1),
        "goal": {"total_s": GOAL_SECONDS, "peak_rss_mb": GOAL_MB},
        "ok": total <= GOAL_SECONDS and peak <= GOAL_MB,
        "python": platform.python_version(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
