"""Fuzzing the transcript import: mutated files through the real import path, hangs and blow-ups counted.

Seeds are real transcripts (tests/data, CC0) and generated .txt (UTF-8, GBK,
UTF-16), .rtf and .docx files. Each input is a seed with a few mutations:
byte flips, hostile snippets inserted (line separators, `key：` lines padded
with spaces, RTF escapes out of range, table cells spanning 2^31 columns …),
a slice repeated, truncation, or the text re-encoded. Batches of inputs are
imported one file at a time by a worker process (`import_files` into a fresh
project) whose address space is capped at its size after start-up plus 1 GB
(resource.setrlimit); the parent kills a worker that makes no progress for
30 s and goes on with the next input.

    python bench/fuzz_import.py --count 10000 [--seed 1] [--batch 100] [--cli 500]

prints: inputs, imported, refused, tracebacks (an exception out of the import,
or a refusal that is not one short line naming a problem, or a project changed
by a refusal), over 30 s, over 1 GB; with --cli N, N of the inputs also go
through the real `zhagen import` command (exit 1, one short line on stderr, no
traceback, the project's stats unchanged). The exit status is 1 unless the
failure counts are 0.
"""

from __future__ import annotations

import argparse
import codecs
import io
import json
import queue
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
import warnings
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data"
TIME_LIMIT = 30.0
MEMORY_LIMIT = 1024 * 1024 * 1024
MAX_MESSAGE = 300

HOSTILE = [
    "\u2028", "\u2029", "\x85", "\x0b", "\x0c", "\r", "\r\n", "\n" * 50, "\t", "\u3000", "\ufeff", "\x00", "\x1b",
    "𠮷", "👍", "😀" * 20, "\ud800", "e\u0301", "关键词：" + " " * 3000 + "x", "时间：" + "\t" * 2000,
    "受访者：", "访谈者：", "问：", "Q: ", "【张书记】", "### 问：", "**采访者：**", "[00:00:00.170] ", "说话人 1 00:07\n",
    "00:51\n", "张" + " " * 4000 + "x", "。" * 500, "……" * 200, "”" * 100, "10:30", "1,000", "a：" * 300,
    "{\\rtf1", "\\u99999999?", "\\u-99999?", "\\uc ", "\\uc99999999999 ", "\\u55357?", "\\bin", "\\bin5 ",
    "{\\field{\\*\\fldinst{HYPERLINK \"", "{\\fonttbl\\f0\\fcharset0 ", "\\'zz", "\\'ff", "{" * 200, "}" * 200,
    "\\*", "\\par ", "\\ansicpg99999 ",
]
DOCX_HOSTILE = [
    '<w:gridSpan w:val="2147483648"/>', '<w:vMerge/>', '<w:vMerge w:val="restart"/>', "<w:tr>", "</w:tr>",
    "<w:tc>", "</w:tc>", '<w:p xmlns:w="urn:wrong">', "<!DOCTYPE x [<!ENTITY a 'aaaa'>]>", "&a;", "<w:t>",
    "</w:t>", "<w:tbl>", "\x00", "\ud800",
]
ENCODINGS = ["utf-8", "utf-8-sig", "gb18030", "gbk", "big5", "utf-16", "utf-16-le", "utf-16-be", "utf-32", "latin-1"]


def _docx(paragraphs: list[str], table: list[list[str]] | None = None) -> bytes:
    import docx

    document = docx.Document()
    for p in paragraphs:
        document.add_paragraph(p)
    if table:
        t = document.add_table(rows=len(table), cols=len(table[0]))
        for r, row in enumerate(table):
            for c, value in enumerate(row):
                t.cell(r, c).text = value
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def _rtf(text: str) -> bytes:
    body = "".join(f"\\u{ord(c) - 65536 if ord(c) > 32767 else ord(c)}?" if ord(c) > 127 else c for c in text
                   if ord(c) <= 0xFFFF)
    return ("{\\rtf1\\ansi\\ansicpg936{\\fonttbl{\\f0\\fcharset134 SimSun;}}\\f0 " + body.replace("\n", "\\par\n")
            + "}").encode("ascii")


def seeds() -> list[tuple[str, bytes]]:
    """(suffix, bytes) of every seed: real transcripts and generated .txt/.rtf/.docx."""
    real = [p.read_bytes() for p in sorted(DATA.glob("*.md"))]
    simplified = ("关键词：社区安全；群防群治\n时间：2023年5月\n受访者：某区副区长\n\n访谈者：请介绍一下。\n"
                  "受访者：好的，我分管政法工作，“朝阳群众”嘛……大家都认识。𠮷野家门口有红袖标👍。\n访谈者：谢谢！")
    out = [(".md", data) for data in real]
    out += [(".txt", real[0][:6000]), (".txt", simplified.encode("utf-8")), (".txt", simplified.encode("gb18030")),
            (".txt", codecs.BOM_UTF16_LE + simplified.encode("utf-16-le")),
            (".txt", "说话人 1 00:07\n你好，今天聊聊社区。\n说话人 2 00:15\n好的。".encode("utf-8")),
            (".rtf", _rtf(simplified)), (".rtf", _rtf(real[0][:3000].decode("utf-8", "ignore"))),
            (".docx", _docx(simplified.split("\n"), [["受访者", "我是社区民警。"], ["访谈者", "平时怎么联系居民？"]])),
            (".docx", _docx(real[-1][:4000].decode("utf-8", "ignore").split("\n")))]
    return out


def _mutate_bytes(rng: random.Random, data: bytes, snippets: list[str], encoding: str = "utf-8") -> bytes:
    for _ in range(rng.randint(1, 4)):
        op = rng.choices(range(6), weights=[1, 4, 4, 3, 1, 1])[0]  # mostly edits that keep the text decodable
        pos = rng.randint(0, len(data))
        if op == 0 and data:  # byte flips
            buf = bytearray(data)
            for _ in range(rng.randint(1, 8)):
                buf[rng.randrange(len(buf))] ^= 1 << rng.randrange(8)
            data = bytes(buf)
        elif op in (1, 2):  # a hostile snippet, sometimes many times over
            snippet = rng.choice(snippets).encode(encoding, "surrogatepass") * (rng.choice([1, 1, 1, 10, 1000]))
            data = data[:pos] + snippet + data[pos:]
        elif op == 3 and data:  # a slice repeated
            start = rng.randrange(len(data))
            piece = data[start:start + rng.randint(1, 200)]
            data = data[:pos] + piece * rng.choice([2, 50, 5000]) + data[pos:]
        elif op == 4:
            data = data[:pos]
        elif op == 5 and data:  # one byte swapped for a random one
            data = data[:pos] + bytes([rng.randrange(256)]) + data[pos + 1:]
    return data


def mutate(rng: random.Random, suffix: str, data: bytes) -> tuple[str, bytes]:
    """A mutated copy of one seed (the suffix may change to .txt when the text is re-encoded)."""
    if suffix == ".docx" and rng.random() < 0.8:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            parts = {i.filename: z.read(i) for i in z.infolist()}
        xml = parts["word/document.xml"]
        if rng.random() < 0.5:  # a cell that spans, or merges down
            xml = xml.replace(b"<w:tcPr>", b"<w:tcPr>" + rng.choice(DOCX_HOSTILE[:3]).encode(), rng.randint(1, 3))
        parts["word/document.xml"] = _mutate_bytes(rng, xml, DOCX_HOSTILE + HOSTILE[:20])
        out = io.BytesIO()
        with warnings.catch_warnings(), zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
            warnings.simplefilter("ignore")  # the duplicate part is the point
            for name, body in parts.items():
                z.writestr(name, body)
            if rng.random() < 0.1:  # a duplicate part
                z.writestr("word/document.xml", parts["word/document.xml"])
        return suffix, out.getvalue()
    if suffix in (".txt", ".md") and rng.random() < 0.2:  # re-encoded
        text = data.decode("utf-8", "replace")
        encoding = rng.choice(ENCODINGS)
        data = text.encode(encoding, "ignore")
        return ".txt", _mutate_bytes(rng, data, HOSTILE, "utf-8") if rng.random() < 0.5 else data
    return suffix, _mutate_bytes(rng, data, HOSTILE)


def inputs(count: int, seed: int) -> list[tuple[str, bytes]]:
    rng = random.Random(seed)
    pool = seeds()
    return [mutate(rng, *rng.choice(pool)) for _ in range(count)]


# ---------------------------------------------------------------- worker


def _vm_size() -> int:
    with open("/proc/self/status") as fh:
        for line in fh:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def worker(folder: str, memory_limit: int) -> None:
    """Import every file listed in folder/files.json into a fresh project, one line of JSON per file on stdout."""
    sys.path.insert(0, str(ROOT))
    from coding import queries
    from coding.services import coders
    from coding.storage import create_project
    from corpus.pipeline import INTERNAL_ERROR, import_files, pipeline

    pipeline()  # loaded before the limit: the limit is on what an input makes us use
    files = json.loads(Path(folder, "files.json").read_text())
    store = create_project(Path(folder, "fuzz.zhagen"), name="fuzz")
    coders.use_coder(store, "fuzz")
    resource.setrlimit(resource.RLIMIT_AS, (_vm_size() + memory_limit, resource.RLIM_INFINITY))
    for path in files:
        print(json.dumps({"start": path}), flush=True)
        before = queries.stats(store)
        started = time.monotonic()
        try:
            report = import_files(store, [path], workers=1)
            f = report.files[0]
            status, reason, problem = f.status, f.reason, ""
            if f.status == "failed":
                if "\n" in reason or len(f"{path}: failed: {reason}") > MAX_MESSAGE or not reason:
                    problem = "refusal is not one short line"
                elif reason.startswith(INTERNAL_ERROR):
                    problem = "internal error"
                elif queries.stats(store) != before:
                    problem = "project changed by a refusal"
                elif "in memory" in reason:
                    status = "memory"
        except MemoryError:
            status, reason, problem = "memory", "MemoryError", ""
        except BaseException as exc:  # noqa: BLE001 - the point is to count them
            import traceback

            status, reason, problem = "traceback", "".join(traceback.format_exception(exc))[-2000:], "traceback"
        seconds = time.monotonic() - started
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
        print(json.dumps({"done": path, "status": status, "reason": reason, "problem": problem,
                          "seconds": round(seconds, 3), "rss": rss}), flush=True)
    store.close()


# ---------------------------------------------------------------- parent


def _run_batch(folder: Path, files: list[str], results: dict[str, dict]) -> None:
    """Run workers over the files until every one has a result (a file a worker dies or hangs on gets one)."""
    remaining = list(files)
    while remaining:
        (folder / "files.json").write_text(json.dumps(remaining))
        project = folder / "fuzz.zhagen"
        for p in folder.glob("fuzz.zhagen*"):
            p.unlink() if p.is_file() else None
        proc = subprocess.Popen([sys.executable, __file__, "--worker", str(folder), "--memory", str(MEMORY_LIMIT)],
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, cwd=ROOT)
        lines: queue.Queue = queue.Queue()
        reader = threading.Thread(target=lambda: [lines.put(line) for line in proc.stdout] and None, daemon=True)
        reader.start()
        current, last = None, time.monotonic()
        while True:
            try:
                event = json.loads(lines.get(timeout=0.05))
            except queue.Empty:
                if proc.poll() is not None and not reader.is_alive() and lines.empty():
                    break
                if current is not None and time.monotonic() - last > TIME_LIMIT:
                    proc.kill()
                    proc.wait()
                    results[current] = {"status": "timeout", "reason": f"no result after {TIME_LIMIT:.0f} s",
                                        "problem": ""}
                    remaining.remove(current)
                    current = None
                    break
                continue
            if "start" in event:
                current, last = event["start"], time.monotonic()
            else:
                results[event["done"]] = event
                remaining.remove(event["done"])
                current = None
        reader.join(5)
        proc.stdout.close()
        err = proc.stderr.read()
        proc.stderr.close()
        proc.wait()
        if proc.returncode not in (0, -9) and current is not None and current in remaining:
            status = "memory" if "MemoryError" in err else "traceback"
            results[current] = {"status": status, "reason": err[-2000:], "problem": status}
            remaining.remove(current)
        del project


def run(count: int, seed: int, batch: int, keep: str | None = None, reasons: bool = False,
        cli: int = 0) -> dict[str, int]:
    items = inputs(count, seed)
    results: dict[str, dict] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zhagen-fuzz-") as tmp:
        folder = Path(keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        paths = []
        for i, (suffix, data) in enumerate(items):
            path = folder / f"in{i:05d}{suffix}"
            path.write_bytes(data)
            paths.append(str(path))
        for start in range(0, len(paths), batch):
            _run_batch(folder, paths[start:start + batch], results)
            done = min(start + batch, len(paths))
            print(f"  {done}/{len(paths)} inputs, {time.monotonic() - started:.0f} s", file=sys.stderr, flush=True)
        cli_figures = _run_cli(folder, paths, cli) if cli else {}
    figures = {"inputs": len(items), "imported": 0, "refused": 0, "tracebacks": 0, "over 30 s": 0, "over 1 GB": 0}
    slowest, rss = 0.0, 0
    for path, r in sorted(results.items()):
        slowest = max(slowest, r.get("seconds", 0.0))
        rss = max(rss, r.get("rss", 0))
        if r["status"] == "timeout" or r.get("seconds", 0) > TIME_LIMIT:
            figures["over 30 s"] += 1
        elif r["status"] == "memory":
            figures["over 1 GB"] += 1
        elif r["problem"]:
            figures["tracebacks"] += 1
            print(f"{path}: {r['problem']}: {r['reason']}", file=sys.stderr)
        elif r["status"] == "failed":
            figures["refused"] += 1
        else:
            figures["imported"] += 1  # imported, or skipped as the same text as an earlier input
    if reasons:
        from collections import Counter

        common = Counter(r["reason"][:60] for r in results.values() if r["status"] == "failed")
        for reason, n in common.most_common(25):
            print(f"{n:6d}  {reason}", file=sys.stderr)
    figures["slowest input s"] = round(slowest, 2)
    figures["peak worker RSS MB"] = rss // (1024 * 1024)
    figures["total s"] = round(time.monotonic() - started)
    figures.update(cli_figures)
    return figures


def _limit_memory() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT + 1024 * 1024 * 1024,) * 2)  # Python + jieba + 1 GB


def _run_cli(folder: Path, paths: list[str], count: int) -> dict[str, int]:
    """COUNT of the inputs (spread over them) through the real command, `python main.py import P FILE`:
    a refusal must be exit status 1 with one short line on stderr and the project's stats unchanged."""
    project = folder / "cli.zhagen"
    main = [sys.executable, str(ROOT / "main.py")]
    subprocess.run([*main, "new", str(project)], check=True, capture_output=True)
    stats = [*main, "stats", str(project), "--json"]
    figures = {"cli inputs": 0, "cli imported": 0, "cli refused": 0, "cli tracebacks": 0, "cli over 30 s": 0}
    step = max(1, len(paths) // max(1, count))
    for path in paths[::step][:count]:
        before = subprocess.run(stats, capture_output=True, text=True).stdout
        figures["cli inputs"] += 1
        try:
            proc = subprocess.run([*main, "import", str(project), path], capture_output=True, text=True,
                                  timeout=TIME_LIMIT + 10, preexec_fn=_limit_memory, env={
                                      **__import__("os").environ, "ZHAGEN_CODER": "fuzz"})
        except subprocess.TimeoutExpired:
            figures["cli over 30 s"] += 1
            continue
        err = proc.stderr.strip()
        if proc.returncode == 0:
            figures["cli imported"] += 1
        elif (proc.returncode == 1 and "Traceback" not in err and len(err.splitlines()) == 1
              and len(err) <= MAX_MESSAGE + len(path) and
              subprocess.run(stats, capture_output=True, text=True).stdout == before):
            figures["cli refused"] += 1
        else:
            figures["cli tracebacks"] += 1
            print(f"{path}: zhagen import exit {proc.returncode}: {err[-1500:]}", file=sys.stderr)
    return figures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--count", type=int, default=2000, help="how many mutated inputs (default 2000)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    parser.add_argument("--batch", type=int, default=100, help="inputs per worker process (default 100)")
    parser.add_argument("--keep", metavar="DIR", help="write the inputs here and keep them")
    parser.add_argument("--reasons", action="store_true", help="print the most common refusals")
    parser.add_argument("--cli", type=int, default=0, metavar="N",
                        help="also run N of the inputs through the real `zhagen import` command")
    parser.add_argument("--worker", metavar="DIR", help=argparse.SUPPRESS)
    parser.add_argument("--memory", type=int, default=MEMORY_LIMIT, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        worker(args.worker, args.memory)
        return 0
    figures = run(args.count, args.seed, args.batch, args.keep, args.reasons, args.cli)
    print(", ".join(f"{k}: {v}" for k, v in figures.items()))
    bad = figures["tracebacks"] + figures["over 30 s"] + figures["over 1 GB"]
    bad += figures.get("cli tracebacks", 0) + figures.get("cli over 30 s", 0)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
