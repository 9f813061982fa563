"""Crash safety with several processes on one project: nothing acknowledged is ever lost.

Each round starts, on one project file: the desktop app's way of opening it
(lock file, background backup) coding continuously, a second writer process,
`zhagen code` and `zhagen stats` processes from the command line, and a second
app that finds the project held and opens it read-only. At random moments each
is killed with SIGKILL. Then the file must pass `PRAGMA integrity_check` and
hold every coding and code whose commit was acknowledged (a process prints its
"ok" line only after the service call returned).

    python bench/crash_bench.py [--rounds 100] [--seed N] [--json]

Prints rounds, actions acknowledged and actions lost (must be 0).
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import shlex
import signal
import sqlite3
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from coding.services import codes, coders, documents  # noqa: E402
from coding.storage import create_project  # noqa: E402

ACTOR = ROOT / "tests" / "core" / "mp_actor.py"
MAIN = ROOT / "main.py"


def make_project(path: Path) -> None:
    with create_project(path) as store:
        coders.use_coder(store, "张研")
        documents.add_document(store, "A01", "受访者：社区民警常来走访，大家都认识他。👍𠮷\n" * 400)
        codes.create_code(store, "民警走访")


class Proc:
    """A child process whose "ok coding N" / "ok code N" lines are collected as acknowledgements."""

    def __init__(self, name: str, argv: list[str], env: dict, stdin: str | None = None):
        self.name = name
        self.popen = subprocess.Popen(argv, stdin=subprocess.PIPE, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                                      text=True, env=env, start_new_session=True)  # a group: sh and its children
        self.acks: list[tuple[str, int]] = []
        self.lines: list[str] = []
        if stdin:
            self.popen.stdin.write(stdin)
            self.popen.stdin.flush()
        self._reader = threading.Thread(target=self._read, daemon=True)
        self._reader.start()

    def _read(self) -> None:
        for line in self.popen.stdout:
            self.lines.append(line)
            parts = line.split()
            if len(parts) == 3 and parts[0] == "ok":
                self.acks.append((parts[1], int(parts[2])))
            found = re.search(r"\(coding (\d+)\)", line)  # zhagen code's report
            if found:
                self.acks.append(("coding", int(found.group(1))))

    def kill(self) -> None:
        try:
            os.killpg(self.popen.pid, signal.SIGKILL)  # the process and whatever it started
        except ProcessLookupError:
            pass
        self.popen.wait()
        self._reader.join(10)


def cli_loop(project: Path, coder: str, rng: random.Random) -> str:
    """A shell loop of command-line calls: codings, stats and codings listings."""
    calls = []
    for n in range(40):
        if rng.random() < 0.75:
            start = rng.randrange(0, 8000)
            calls.append(shlex.join([sys.executable, str(MAIN), "code", str(project), "--doc", "A01", "--start",
                                     str(start), "--end", str(start + 3), "--code", f"命令行>{coder}{n % 3}",
                                     "--coder", coder]))
        else:
            calls.append(shlex.join([sys.executable, str(MAIN), rng.choice(["stats", "codes", "saturation"]),
                                     str(project)]))
    return "\n".join(calls)


def run_round(project: Path, round_: int, rng: random.Random) -> dict:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "ZHAGEN_ACTOR_PAUSE": "0.01"}
    procs = [
        Proc("app", [sys.executable, str(ACTOR), "app", str(project), f"应用{round_}"], env,
             stdin=f"code 应用代码{round_}\ncodings 100000 0.01\n"),
        Proc("writer", [sys.executable, str(ACTOR), "writer", str(project), f"写入{round_}"], env),
        Proc("cli", ["sh", "-c", cli_loop(project, f"命令行{round_}", rng)], env),
        Proc("second-app", [sys.executable, str(ACTOR), "second", str(project), f"第二{round_}"], env),
    ]
    began = time.monotonic()
    moments = sorted(rng.uniform(1.5, 7.0) for _ in procs)  # after start-up (about a second), at random
    order = procs[:]
    rng.shuffle(order)
    for proc, moment in zip(order, moments):
        time.sleep(max(0.0, began + moment - time.monotonic()))
        proc.kill()
    for proc in procs:
        proc.kill()
    acked = {(kind, ident) for proc in procs for kind, ident in proc.acks}
    with sqlite3.connect(project) as conn:
        integrity = conn.execute("PRAGMA integrity_check").fetchone()[0]
        coding_ids = {row[0] for row in conn.execute("SELECT id FROM codings")}
        code_ids = {row[0] for row in conn.execute("SELECT id FROM codes")}
    conn.close()
    lost = [a for a in acked if a[1] not in (coding_ids if a[0] == "coding" else code_ids)]
    return {"acknowledged": len(acked), "lost": len(lost), "integrity": integrity,
            "by_process": {p.name: len(p.acks) for p in procs}}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=100)
    parser.add_argument("--seed", type=int, default=20261204)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args(argv)
    rng = random.Random(args.seed)
    totals = {"rounds": 0, "acknowledged": 0, "lost": 0, "integrity_failures": 0}
    by_process: dict[str, int] = {}
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="zhagen-crash-") as folder:
        project = Path(folder) / "crash.zhagen"
        make_project(project)
        for round_ in range(args.rounds):
            result = run_round(project, round_, rng)
            totals["rounds"] += 1
            totals["acknowledged"] += result["acknowledged"]
            totals["lost"] += result["lost"]
            totals["integrity_failures"] += result["integrity"] != "ok"
            for name, n in result["by_process"].items():
                by_process[name] = by_process.get(name, 0) + n
            if not args.json:
                print(f"round {round_ + 1:3d}: {result['acknowledged']:4d} acknowledged, {result['lost']} lost, "
                      f"integrity {result['integrity']}", flush=True)
    totals["acknowledged_by_process"] = by_process
    totals["seconds"] = round(time.monotonic() - started, 1)
    if args.json:
        print(json.dumps(totals, ensure_ascii=False))
    else:
        print(f"rounds {totals['rounds']}, actions acknowledged {totals['acknowledged']}, "
              f"actions lost {totals['lost']}, integrity failures {totals['integrity_failures']}, "
              f"{totals['seconds']} s; by process: {by_process}")
    return 0 if totals["lost"] == 0 and totals["integrity_failures"] == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
