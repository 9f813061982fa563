"""Crash safety: SIGKILL a process in the middle of applying codings, 20 times.

Every coding the process reported as done must be there after reopening, and
SQLite's integrity check must pass.
"""

from __future__ import annotations

import os
import random
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coding import queries
from coding.services import codes, coders, documents
from coding.storage import create_project, open_project

WRITER = Path(__file__).with_name("crash_writer.py")
ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.slow
def test_sigkill_loses_no_reported_coding(tmp_path):
    project = tmp_path / "crash.zhagen"
    with create_project(project) as store:
        coders.use_coder(store, "张研")
        documents.add_document(store, "A01", "受访者：" + "社区民警常来走访，大家都认识他。" * 1500)
        codes.create_code(store, "民警走访")
    rng = random.Random(20261123)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    reported: dict[int, tuple[int, int]] = {}
    for round_ in range(20):
        proc = subprocess.Popen(
            [sys.executable, str(WRITER), str(project)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env, text=True
        )
        wanted = rng.randint(1, 60)
        seen = 0
        deadline = time.monotonic() + 60
        while seen < wanted and time.monotonic() < deadline:
            line = proc.stdout.readline()
            if not line:
                break
            _, cid, start, end = line.split()
            reported[int(cid)] = (int(start), int(end))
            seen += 1
        time.sleep(rng.random() * 0.02)  # kill at a random moment, often mid-transaction
        os.kill(proc.pid, signal.SIGKILL)
        rest, err = proc.communicate()
        for line in rest.splitlines():  # lines written before the kill also count
            _, cid, start, end = line.split()
            reported[int(cid)] = (int(start), int(end))
        assert seen > 0, f"round {round_}: the writer reported nothing: {err}"

        with sqlite3.connect(project) as conn:
            assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        conn.close()
        with open_project(project, backup=False) as store:
            stored = {r.id: (r.start, r.end) for r in queries.list_codings(store)}
        missing = {cid for cid in reported if stored.get(cid) != reported[cid]}
        assert not missing, f"round {round_}: reported codings lost after SIGKILL: {sorted(missing)[:10]}"
    assert len(reported) >= 20
