"""Merge speed on the benchmark project (issue 7: ≤ 30 s).

Two figures: merging a second copy of the benchmark project into the first
(everything matches, nothing is added: the re-merge case) and merging it into
an empty project (everything is added: 200 documents with turns, units and
tokens, 1,000 codes, 60,000 codings).

    python bench/merge_bench.py
"""

from __future__ import annotations

import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_project import bench_project  # noqa: E402
from coding.merge import plan_merge  # noqa: E402
from coding.services.merge import merge_projects  # noqa: E402
from coding.storage import create_project, open_project  # noqa: E402

LIMIT = 30.0


def main() -> int:
    source = Path(bench_project())
    work = Path(tempfile.mkdtemp(prefix="zhagen-merge-"))
    try:
        a, b = work / "a.zhagen", work / "b.zhagen"
        shutil.copy(source, a)
        shutil.copy(source, b)
        create_project(work / "empty.zhagen").close()
        failed = False
        with open_project(a, backup=False) as mine, open_project(b, backup=False) as other:
            t = time.perf_counter()
            plan = plan_merge(mine, other)
            print(f"plan, two copies: {time.perf_counter() - t:.1f} s ({plan.codings})")
            for name, target in (("two copies", mine), ("into an empty project", None)):
                with (open_project(work / "empty.zhagen", backup=False) if target is None else target) as store:
                    t = time.perf_counter()
                    summary = merge_projects(store, other).value
                    took = time.perf_counter() - t
                print(f"merge, {name}: {took:.1f} s (added {dict(summary.added)})")
                failed |= took > LIMIT
        print("FAIL" if failed else f"ok: each merge ≤ {LIMIT:.0f} s")
        return 1 if failed else 0
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
