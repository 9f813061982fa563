"""Import speed and memory: N generated transcripts of ~20,000 characters, against raw jieba.

Generates N transcripts (default 200, about 4 M characters) from varied
sentences, with traditional passages from seed 002 and a mix of UTF-8 and GBK
files; times a full import (decode, turns, units, tokens, database) and, in
the same run, single-core `jieba.lcut` over the same text; then times a
2-character search over the project (cold: new index; warm: index kept).

    python bench/import_bench.py [--docs N] [--json]

ratio_vs_jieba = jieba_s / import_s; goal ≥ 1.5 on 2 cores, peak RSS ≤ 500 MB,
search ≤ 200 ms.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.services import coders  # noqa: E402
from coding.storage import create_project  # noqa: E402
from corpus.pipeline import ImportOptions, import_files  # noqa: E402
from corpus.search import SearchIndex  # noqa: E402
from bench.bench_project import make_transcript, peak_rss_mb, traditional_sentences  # noqa: E402

def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=200)
    parser.add_argument("--workers", type=int, default=None, help="worker processes (default: all cores)")
    parser.add_argument("--json", action="store_true", help="print only the JSON object")
    args = parser.parse_args()
    rng = random.Random(2026)
    trad = traditional_sentences()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        texts, paths = [], []
        for i in range(args.docs):
            text = make_transcript(rng, trad)
            texts.append(text)
            path = folder / f"T{i:04d}.txt"
            try:
                data = text.encode("gbk") if i % 3 == 0 else text.encode("utf-8")
            except UnicodeEncodeError:
                data = text.encode("utf-8")
            path.write_bytes(data)
            paths.append(path)
        chars = sum(len(t) for t in texts)

        store = create_project(folder / "bench.zhagen")
        coders.use_coder(store, "bench")
        t0 = time.perf_counter()
        report = import_files(store, paths, ImportOptions(), workers=args.workers)
        import_s = time.perf_counter() - t0
        assert len(report.imported) == args.docs, [f.reason for f in report.failed][:3]

        import jieba

        jieba.initialize()
        t0 = time.perf_counter()
        for text in texts:
            jieba.lcut(text)
        jieba_s = time.perf_counter() - t0

        t0 = time.perf_counter()
        index = SearchIndex(store)  # cold: reads and folds every text
        hits = index.search("民警")
        search_cold_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        hits = index.search("民警")  # warm: the index a search panel keeps
        search_warm_ms = (time.perf_counter() - t0) * 1000
        t0 = time.perf_counter()
        frequent = index.search("社区")  # the most frequent 2-character word of the generated text
        search_frequent_ms = (time.perf_counter() - t0) * 1000
        store.close()

    result = {
        "docs": args.docs,
        "chars": chars,
        "import_s": round(import_s, 2),
        "jieba_s": round(jieba_s, 2),
        "ratio_vs_jieba": round(jieba_s / import_s, 2),
        "peak_rss_mb": round(peak_rss_mb(), 1),
        "search_2char_cold_ms": round(search_cold_ms, 1),
        "search_2char_warm_ms": round(search_warm_ms, 1),
        "search_hits": len(hits),
        "search_frequent_warm_ms": round(search_frequent_ms, 1),
        "search_frequent_hits": len(frequent),
        "units": sum(f.units for f in report.imported),
        "turns": sum(f.turns for f in report.imported),
    }
    print(json.dumps(result, ensure_ascii=False, indent=None if args.json else 2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
