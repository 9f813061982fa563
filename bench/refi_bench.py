"""REFI-QDA on the benchmark project: export (.qdpx and .qdc) and import of that .qdpx.

Times `export_qdpx` (read the project, build project.qde, zip it with the 200
source texts) and `export_qdc` on the 200-document, 60,000-coding project,
then `import_file` of the .qdpx into a new project (read and check the
archive, map offsets, segment the 200 texts into turns, units and words on
every core, store everything as one action), and reports the process's peak
resident memory. Prints one JSON object; goals: export ≤ 10 s, import ≤ 15 s.
With --merge it also times importing the .qdpx into a copy of the benchmark
project itself (every object matched by GUID, nothing added).

    python bench/refi_bench.py [--keep OUT.qdpx] [--merge]
"""

from __future__ import annotations

import argparse
import json
import platform
import sys
import tempfile
import time
import zipfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bench.bench_project import bench_project, peak_rss_mb  # noqa: E402
from coding.services.coders import use_coder  # noqa: E402
from coding.storage import create_project, open_project  # noqa: E402
from exports.interchange import import_file  # noqa: E402
from exports.refi import export_qdc, export_qdpx  # noqa: E402

GOAL_SECONDS = 10.0
IMPORT_GOAL_SECONDS = 15.0



def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", metavar="OUT.qdpx", help="write the project here and keep it")
    parser.add_argument("--merge", action="store_true", help="also import into a copy of the benchmark project")
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
        with create_project(Path(tmp) / "imported.zhagen") as target:
            use_coder(target, "bench")
            t3 = time.perf_counter()
            imported = import_file(target, out)
            t4 = time.perf_counter()
        merge_s = None
        if args.merge:
            copy = Path(tmp) / "copy.zhagen"
            copy.write_bytes(path.read_bytes())
            with open_project(copy, backup=False) as target:
                use_coder(target, "bench")
                t5 = time.perf_counter()
                merged = import_file(target, out)
                merge_s = round(time.perf_counter() - t5, 2)
                assert sum(merged.merge.added.values()) == 0, merged.merge.added
    result = {
        "bench": "refi_export", "project": str(path),
        "qdpx_s": round(t1 - t0, 2), "qdc_s": round(t2 - t1, 3),
        "peak_rss_mb": round(peak_rss_mb(), 1), "rss_before_mb": round(rss_before, 1),
        "qdpx_mb": round(size / 1e6, 1), "project_qde_mb": round(qde_mb, 1),
        "codes": report.codes, "sources": report.sources, "codings": report.codings, "notes": report.notes,
        "links": report.links, "cases": report.cases, "variables": report.variables, "users": report.users,
        "qdc_codes": book.codes,
        "import_s": round(t4 - t3, 2), "imported": {k: v for k, v in imported.stored.as_dict().items() if k != "skipped"},
        "import_skipped": len(imported.skipped), "import_into_itself_s": merge_s,
        "goal": {"qdpx_s": GOAL_SECONDS, "import_s": IMPORT_GOAL_SECONDS},
        "ok": t1 - t0 <= GOAL_SECONDS and t4 - t3 <= IMPORT_GOAL_SECONDS,
        "python": platform.python_version(),
    }
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    raise SystemExit(main())
