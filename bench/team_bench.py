"""Team work speed: inter-coder agreement at each granularity on the benchmark project.

On `bench/bench_project.py`'s project (200 interviews of ~20,000 characters,
60,000 codings; 李文 recoded 40 of 张研's documents) times
`coding.agreement.agreement` for each unit — loading included, as the CLI
and the workbench call it — and prints one JSON object. Goal: ≤ 2 s each.

    python bench/team_bench.py [--repeat N]
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bench.bench_project import bench_project  # noqa: E402
from coding.agreement import UNITS, agreement  # noqa: E402
from coding.storage import open_project  # noqa: E402

GOAL_S = 2.0


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=3, help="runs per unit; the best is reported (default 3)")
    args = parser.parse_args()
    path = bench_project()
    results = {}
    with open_project(path, backup=False) as store:
        for unit in UNITS:
            times = []
            for _ in range(max(1, args.repeat)):
                t0 = time.perf_counter()
                report = agreement(store, unit=unit)
                times.append(time.perf_counter() - t0)
            o = report.overall
            results[unit] = {
                "best_s": round(min(times), 3), "worst_s": round(max(times), 3), "documents": len(report.documents),
                "codes": len(report.codes), "decisions": o.n, "disagreements": len(report.disagreements),
                "percent": o.percent, "kappa": o.kappa, "alpha": o.alpha,
            }
    print(json.dumps({"project": str(path), "coders": list(report.coders), "goal_s": GOAL_S,
                      "met": all(r["best_s"] <= GOAL_S for r in results.values()), "units": results},
                     ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
