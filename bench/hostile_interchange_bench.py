"""Hostile interchange files: time and peak memory of importing huge code systems.

Three files a collaborator (or an attacker) might hand over, each imported
into a new project with `exports.interchange.import_file`, the way
`zhagen import` does it:

- flat:  a .qdpx with N codes side by side under the CodeBook (and one source
         with a coding of the last code);
- deep:  a .qdpx with N codes nested in one chain, each the child of the one
         before: refused in one line above MAX_CODE_DEPTH (5,000) levels;
- limit: the same chain MAX_CODE_DEPTH deep, which imports (deeper than
         Python recurses: every step must be iterative);
- xlsx:  an Excel codebook in MAXQDA's layout with N rows (`Parent>Code`
         paths under N/100 parents, a memo each).

Each case runs in its own process, so its peak resident memory (ru_maxrss of
that process) is its own. Goal for N = 100,000: each imports, or is refused
with a one-line reason, within 30 s and under 1 GB. Prints one JSON object.

    python bench/hostile_interchange_bench.py [--codes N] [--case flat|deep|xlsx]...
"""

from __future__ import annotations

import argparse
import json
import platform
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

GOAL_SECONDS = 30.0
GOAL_MB = 1024.0
CASES = ("flat", "deep", "limit", "xlsx")
NS = 'xmlns="urn:QDA-XML:project:1.0"'
SOURCE = "b0000000-0000-0000-0000-000000000001"
TEXT = "受访者：我们都挺自豪的，社区治理大家都参与。"


def _guid(kind: int, n: int) -> str:
    return f"{kind:08x}-0000-4000-8000-{n:012x}"


def write_qdpx(path: Path, n: int, deep: bool) -> None:
    import zipfile

    parts = [f'<?xml version="1.0" encoding="utf-8"?><Project {NS} name="hostile" origin="bench">',
             f'<Users><User guid="{_guid(1, 1)}" name="bench"/></Users><CodeBook><Codes>']
    for i in range(n):
        parts.append(f'<Code guid="{_guid(2, i)}" name="代码{i}" isCodable="true"' + (">" if deep else "/>"))
    if deep:
        parts.append("</Code>" * n)
    last = _guid(2, n - 1)
    parts.append(f'</Codes></CodeBook><Sources><TextSource guid="{SOURCE}" name="A01" '
                 f'plainTextPath="internal://{SOURCE}.txt"><PlainTextSelection guid="{_guid(3, 1)}" startPosition="4" '
                 f'endPosition="10"><Coding guid="{_guid(4, 1)}"><CodeRef targetGUID="{last}"/></Coding>'
                 "</PlainTextSelection></TextSource></Sources></Project>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("project.qde", "".join(parts).encode("utf-8"))
        z.writestr(f"sources/{SOURCE}.txt", TEXT.encode("utf-8"))


def write_xlsx(path: Path, n: int) -> None:
    from openpyxl import Workbook

    wb = Workbook(write_only=True)
    ws = wb.create_sheet("Codebook")
    ws.append(["Code", "Memo"])
    for i in range(n):
        ws.append([f"范畴{i // 100}>概念{i}", f"定义 {i}"])
    wb.save(path)


def run_one(case: str, n: int) -> dict:
    """Build the file, import it into a new project; time the import alone."""
    from coding.errors import ZhagenError
    from coding.services.coders import use_coder
    from coding.storage import create_project
    from exports.interchange import import_file

    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / ("in.xlsx" if case == "xlsx" else "in.qdpx")
        if case == "limit":
            from coding.interchange import MAX_CODE_DEPTH

            n = min(n, MAX_CODE_DEPTH)
        (write_xlsx(path, n) if case == "xlsx" else write_qdpx(path, n, case in ("deep", "limit")))
        size_mb = path.stat().st_size / 1e6
        with create_project(Path(tmp) / "p.zhagen") as store:
            use_coder(store, "bench")
            t0 = time.perf_counter()
            try:
                result = import_file(store, path, workers=1)
                outcome = {"codes": result.stored.codes, "codings": result.stored.codings,
                           "skipped": len(result.skipped)}
            except (ZhagenError, RecursionError) as exc:
                outcome = {"refused": f"{type(exc).__name__}: {exc}"}
            seconds = time.perf_counter() - t0
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return {"case": case, "codes_in_file": n, "file_mb": round(size_mb, 2), "import_s": round(seconds, 2),
            "peak_rss_mb": round(peak, 1), **outcome}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--codes", type=int, default=100_000, help="codes (or rows) in each file (default 100,000)")
    parser.add_argument("--case", action="append", choices=CASES, help="run only this case (repeatable)")
    parser.add_argument("--timeout", type=float, default=300.0, help="seconds before a case is stopped")
    parser.add_argument("--one", choices=CASES, help=argparse.SUPPRESS)  # the child process's case
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(args.one, args.codes), ensure_ascii=False))
        return 0
    results = []
    for case in args.case or CASES:
        t0 = time.perf_counter()
        try:
            child = subprocess.run([sys.executable, __file__, "--one", case, "--codes", str(args.codes)],
                                   capture_output=True, text=True, timeout=args.timeout)
            if child.returncode == 0:
                results.append(json.loads(child.stdout.strip().splitlines()[-1]))
            else:
                tail = (child.stderr.strip().splitlines() or ["?"])[-1]
                results.append({"case": case, "failed": tail, "wall_s": round(time.perf_counter() - t0, 1)})
        except subprocess.TimeoutExpired:
            results.append({"case": case, "failed": f"stopped after {args.timeout:.0f} s"})
    ok = all("failed" not in r and r["import_s"] <= GOAL_SECONDS and r["peak_rss_mb"] <= GOAL_MB for r in results)
    print(json.dumps({"machine": f"{platform.machine()}, {platform.python_version()}", "cases": results,
                      "goal": {"import_s": GOAL_SECONDS, "peak_rss_mb": GOAL_MB}, "ok": ok},
                     ensure_ascii=False, indent=2))
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
