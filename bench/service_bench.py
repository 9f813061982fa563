"""Service latency on a big project: apply_code and remove_coding with 60,000 codings and 1,000 codes.

Builds the project through the services (bulk import for the 60,000 codings),
then times single calls as the GUI makes them: each one a full transaction
with its event. Prints one JSON object; goals: median ≤ 5 ms, p95 ≤ 20 ms.

    python bench/service_bench.py [--url postgresql+psycopg://postgres@127.0.0.1:5432/zhagen_bench]
"""

from __future__ import annotations

import argparse
import json
import platform
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from coding import queries  # noqa: E402
from coding.services import codes, coders, codings, documents  # noqa: E402
from coding.storage import create_project  # noqa: E402

N_DOCS, N_CODES, N_CODINGS, N_CALLS = 60, 1000, 60_000, 1000


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


def build(location: str, rng: random.Random) -> tuple[object, list[int], list[int], int]:
    store = create_project(location, name="bench")
    coders.use_coder(store, "张研")
    sentence = "我们社区的朝阳群众经常参加巡逻，民警也常来走访，大家心里踏实。"
    doc_ids = [
        documents.add_document(store, f"D{i:03d}", f"受访者{i}：" + sentence * 200).value.id for i in range(N_DOCS)
    ]
    length = queries.list_documents(store)[0].length
    mains = [codes.create_code(store, f"主范畴{i}", level="main").value.id for i in range(10)]
    cats = [codes.create_code(store, f"范畴{i}", parent_id=mains[i % 10], level="category").value.id for i in range(90)]
    concepts = [codes.create_code(store, f"概念{i}", parent_id=cats[i % 90]).value.id for i in range(N_CODES - 100)]
    code_ids = mains + cats + concepts
    specs, seen = [], set()
    while len(specs) < N_CODINGS:
        doc, code = rng.choice(doc_ids), rng.choice(concepts)
        start = rng.randrange(0, length - 40)
        key = (doc, code, start)
        if key in seen:
            continue
        seen.add(key)
        specs.append(codings.CodingSpec(code, doc, start, start + rng.randint(5, 40)))
    codings.apply_codes_bulk(store, specs)
    return store, doc_ids, code_ids, length


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--url", help="a database URL instead of a temporary SQLite file")
    parser.add_argument("--calls", type=int, default=N_CALLS)
    args = parser.parse_args()
    rng = random.Random(7)
    with tempfile.TemporaryDirectory() as tmp:
        location = args.url or str(Path(tmp) / "bench.zhagen")
        t0 = time.perf_counter()
        store, doc_ids, code_ids, length = build(location, rng)
        build_s = time.perf_counter() - t0
        with store:
            apply_ms, added = [], []
            for _ in range(args.calls):
                doc, code, start = rng.choice(doc_ids), rng.choice(code_ids), rng.randrange(0, length - 40)
                t = time.perf_counter()
                try:
                    out = codings.apply_code(store, code, doc, start, start + 17)
                except Exception:  # noqa: BLE001 - a rare duplicate span; not timed
                    continue
                apply_ms.append((time.perf_counter() - t) * 1000)
                added.append(out.value.id)
            existing = [r.id for r in queries.list_codings(store)]
            remove_ms = []
            for coding_id in rng.sample(existing, args.calls):
                t = time.perf_counter()
                codings.remove_coding(store, coding_id)
                remove_ms.append((time.perf_counter() - t) * 1000)
            stats = queries.stats(store)
    result = {
        "backend": "postgresql" if args.url else "sqlite",
        "python": platform.python_version(),
        "codings": stats["codings"] + len(remove_ms),
        "codes": stats["codes"],
        "build_seconds": round(build_s, 2),
        "apply_code_ms": {"median": round(statistics.median(apply_ms), 3), "p95": round(percentile(apply_ms, 0.95), 3), "calls": len(apply_ms)},
        "remove_coding_ms": {"median": round(statistics.median(remove_ms), 3), "p95": round(percentile(remove_ms, 0.95), 3), "calls": len(remove_ms)},
        "goal": {"median_ms": 5, "p95_ms": 20},
    }
    result["meets_goal"] = all(
        result[k]["median"] <= 5 and result[k]["p95"] <= 20 for k in ("apply_code_ms", "remove_coding_ms")
    )
    print(json.dumps(result, ensure_ascii=False, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
