"""The benchmark project: 200 interviews of ~20,000 characters, 1,000 codes, 60,000 codings, two coders.

Every speed goal of the issues ("the 200-document, 60,000-coding benchmark
project") is measured on this project. It is built through the real import
pipeline and services, so it has turns, units and word tokens like a real one:

- 200 generated transcripts (interviewer / interviewee turns, some traditional
  passages from seed 002), one participant each (A001…A200) with a 身份 attribute;
- codes: 10 main categories > 90 categories > 900 concepts;
- 60,000 codings: 张研 codes every document (A001 gets exactly 600 codings, the
  transcript the UI bench shows); 李文 codes A002–A041 a second time, mostly
  like 张研 (same concept, a few characters off), sometimes with another concept.

    python bench/bench_project.py [OUT.zhagen] [--force]

Built once and reused (about a minute); `bench_project()` returns its path.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding import queries  # noqa: E402
from coding.services import codes, coders, codings, documents, participants, project  # noqa: E402
from coding.storage import create_project, open_project  # noqa: E402
from corpus.pipeline import ImportOptions, import_files  # noqa: E402

VERSION = 1
DEFAULT = Path(tempfile.gettempdir()) / "zhagen-bench" / "bench-200.zhagen"
SEED_002 = ROOT.parent / "shared" / "seeds" / "002_f435c1b2bad38fb9.txt"
QUESTIONS = ["您在这个社区住了多久？", "平时参加哪些志愿活动？", "社区民警会来走访吗？", "您怎么看“朝阳群众”这个说法？",
             "遇到可疑情况您会怎么做？", "社区党组织组织过什么活动？", "您为什么愿意参与群防群治？"]
ANSWER_PARTS = ["我们小区是老小区，住了二十多年了", "邻里之间都很熟悉", "每周三下午戴着红袖标巡逻", "网格员经常在微信群里通报情况",
                "社区民警老李人特别好，逢年过节都来看我们", "有一次发现有人撬电动车，就赶紧打了电话", "社区书记组织邻里节",
                "大家一起包饺子、看节目", "觉得社区就像自己的家一样", "年轻人上班忙，主要是我们退休的老人在做",
                "其实也没什么报酬，就是觉得心里踏实", "朝阳群众这个名字一出来，大家都挺自豪的", "这是我们应该做的",
                "疫情的时候大家轮流值守卡口", "有的居民一开始不理解，后来慢慢就接受了"]
ROLES = ["居民", "志愿者", "社区干部", "民警", "网格员"]
N_DOCS, N_CODES, N_CODINGS, FIRST_DOC_CODINGS = 200, 1000, 60_000, 600
SECOND_CODER_DOCS, SECOND_CODER_PER_DOC = 40, 300


def peak_rss_mb() -> float:
    """The peak resident memory so far, in MB, of this process or of its largest worker process (the import
    pool), whichever is higher (ru_maxrss is in kB on Linux)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return max(own, children) / 1024


def traditional_sentences() -> list[str]:
    text = SEED_002.read_text(encoding="utf-8") if SEED_002.exists() else ""
    parts = [p + "。" for p in text.replace("\n", "").split("。") if 10 <= len(p) <= 120]
    return parts or ["社區治理共同體的構建需要凝聚公共價值共識。"]


def make_transcript(rng: random.Random, trad: list[str], target: int = 20_000) -> str:
    lines = [f"访谈时间：2023年{rng.randint(1, 12)}月{rng.randint(1, 28)}日", "访谈地点：某社区居委会", ""]
    size = 0
    while size < target:
        q = "访谈者：" + rng.choice(QUESTIONS)
        answer = "，".join(rng.sample(ANSWER_PARTS, rng.randint(2, 6))) + rng.choice(["。", "！", "……", "。"])
        if rng.random() < 0.2:
            answer += rng.choice(trad)
        a = "受访者：" + answer + "嗯，" + "，".join(rng.sample(ANSWER_PARTS, 3)) + "。"
        lines += [q, a]
        size += len(q) + len(a) + 2
    return "\n".join(lines)


def build(path: Path, seed: int = 2026) -> None:
    rng = random.Random(seed)
    trad = traditional_sentences()
    path.parent.mkdir(parents=True, exist_ok=True)
    for stale in (path, Path(f"{path}-wal"), Path(f"{path}-shm")):
        stale.unlink(missing_ok=True)
    with tempfile.TemporaryDirectory() as tmp, create_project(path, name="benchmark") as store:
        coders.use_coder(store, "张研")
        files = []
        for i in range(N_DOCS):
            file = Path(tmp) / f"A{i + 1:03d} 访谈.txt"
            file.write_text(make_transcript(rng, trad), encoding="utf-8")
            files.append(str(file))
        report = import_files(store, files, ImportOptions())
        if len(report.imported) != N_DOCS:
            raise SystemExit(f"bench project: import failed: {[f.reason for f in report.files if f.status != 'imported'][:3]}")
        role = participants.add_attribute(store, "身份").value
        docs = queries.list_documents(store)
        for i, doc in enumerate(docs):
            person = participants.add_participant(store, f"A{i + 1:03d}").value
            participants.set_attribute_value(store, person.id, role.id, ROLES[i % len(ROLES)])
            documents.set_document_participant(store, doc.id, person.id)
        mains = [codes.create_code(store, f"主范畴{i}", level="main").value.id for i in range(10)]
        cats = [codes.create_code(store, f"范畴{i}", parent_id=mains[i % 10], level="category").value.id for i in range(90)]
        concepts = [codes.create_code(store, f"概念{i}", parent_id=cats[i % 90]).value.id for i in range(N_CODES - 100)]
        second = coders.add_coder(store, "李文").value.id
        second_total = SECOND_CODER_DOCS * SECOND_CODER_PER_DOC
        each, extra = divmod(N_CODINGS - second_total - FIRST_DOC_CODINGS, N_DOCS - 1)
        first_specs: dict[int, list[codings.CodingSpec]] = {}
        for n, doc in enumerate(docs):
            wanted = FIRST_DOC_CODINGS if n == 0 else each + (1 if n <= extra else 0)
            first_specs[doc.id] = [_random_span(rng, doc.id, doc.length, rng.choice(concepts)) for _ in range(wanted)]
        second_specs = []
        for doc in docs[1 : SECOND_CODER_DOCS + 1]:  # 李文 recodes these: mostly agreeing, a few characters off
            for spec in first_specs[doc.id]:
                shift = rng.randint(-3, 3)
                start, end = max(0, spec.start + shift), min(doc.length, spec.end + shift)
                code = spec.code_id if rng.random() < 0.8 else rng.choice(concepts)
                second_specs.append(codings.CodingSpec(code, doc.id, start, end, coder_id=second))
            while len(second_specs) % SECOND_CODER_PER_DOC:  # and codes some passages 张研 left alone
                second_specs.append(replace(_random_span(rng, doc.id, doc.length, rng.choice(concepts)), coder_id=second))
        specs = [s for group in first_specs.values() for s in group] + second_specs
        assert len(specs) == N_CODINGS, len(specs)
        codings.apply_codes_bulk(store, specs)
        project.update_project(store, settings={"bench_version": VERSION})


def _random_span(rng: random.Random, doc_id: int, length: int, code_id: int) -> codings.CodingSpec:
    start = rng.randrange(0, length - 45)
    return codings.CodingSpec(code_id, doc_id, start, start + rng.randint(5, 40))


def bench_project(path: Path = DEFAULT, *, force: bool = False) -> Path:
    """The benchmark project at `path`, built if missing or from an older version of this script."""
    if path.exists() and not force:
        try:
            with open_project(path, backup=False) as store:
                if queries.project_info(store)["settings"].get("bench_version") == VERSION:
                    return path
        except Exception:  # noqa: BLE001 - anything unreadable is rebuilt
            pass
    build(path)
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", default=str(DEFAULT))
    parser.add_argument("--force", action="store_true", help="rebuild even if it exists")
    args = parser.parse_args()
    t0 = time.perf_counter()
    path = bench_project(Path(args.out), force=args.force)
    with open_project(path, backup=False) as store:
        stats = queries.stats(store)
    print(f"{path}: {stats['documents']} documents, {stats['codes']} codes, {stats['codings']} codings "
          f"{stats['codings_by_coder']} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
