"""REFI-QDA export on the benchmark project: the .qdpx project and the .qdc codebook.

Times `export_qdpx` (read the project, build project.qde, zip it with the 200
source texts) and `export_qdc` on the 200-document, 60,000-coding project,
and reports the process's peak resident memory. Prints one JSON object;
goal: the .qdpx in ≤ 10 s.

    python bench/refi_bench.py [--keep OUT.qdpx]
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_project import bench_project  # noqa: E402
from coding.storage import open_project  # noqa: E402
from exports.refi import export_qdc, export_qdpx  # noqa: E402

GOAL_SECONDS = 10.0


def peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kB on Linux


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="OUT.qdpx", help="write the project here and keep it")
    args = parser.parse_args()
    path = bench_project()
    rss_before = peak_rss_mb()
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(args.keep) if args.keep else Path(tmp) / "bench.qdpx"
        with open_project(path, backup=False) as store:
            t0 = time.perf_counter()
            report = export_qdpx(store, out)
            t1 = time.perf_counter()
            book = export_qdc(store, Path(tmp) / "bench.qdc")
            t2 = time.perf_counter()
        with zipfile.ZipFile(out) as z:
            qde_mb = z.getinfo("project.qde").file_size / 1e6
        size = out.stat().st_size
    result = {
        "bench": "refi_export", "project": str(path),
        "qdpx_s": round(t1 - t0, 2), "qdc_s": round(t2 - t1, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_before_mb": round(rss_before, 1),
        "qdpx_mb": round(size / 1e6, 1), "project_qde_mb": round(qde_mb, 1),
        "codes": report.codes, "sources": report.sources, "codings": report.codings, "notes": report.notes,
        "links": report.links, "cases": report.cases, "variables": report.variables, "users": report.users,
        "qdc_codes": book.codes,
        "goal": {"qdpx_s": GOAL_SECONDS}, "ok": t1 - t0 <= GOAL_SECONDS,
        "python": platform.python_version(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
