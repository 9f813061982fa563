"""Several processes on one project file, as users run them: the app, the command line, a second app.

Real processes, not threads: SQLite's locks are per process, and what these
tests guard against (a process losing its locks, a WAL deleted under a writer,
a lock file left by a crash) cannot happen between threads.
"""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from coding import queries
from coding.presence import Holder, ProjectInUse, current_holder, lock_path
from coding.services import codes, coders, documents
from coding.storage import ProjectBusy, ProjectReadOnly, create_project, open_project
from coding.watch import Watcher

ROOT = Path(__file__).resolve().parents[2]
ACTOR = Path(__file__).with_name("mp_actor.py")
ENV = {**os.environ, "PYTHONPATH": str(ROOT), "ZHAGEN_CODER": "命令行"}


def zhagen(*args: str, check: bool = True) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, str(ROOT / "main.py"), *args], capture_output=True, text=True,
                          env=ENV, check=check, timeout=120)


def code_names(path: Path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {row[0] for row in conn.execute("SELECT name FROM codes")}


@pytest.fixture
def project(tmp_path: Path) -> Path:
    path = tmp_path / "社区动员.zhagen"
    with create_project(path) as store:
        coders.use_coder(store, "张研")
        documents.add_document(store, "A01", "受访者：社区民警常来走访，大家都认识他。👍𠮷\n" * 300)
        codes.create_code(store, "民警走访")
    return path


class Actor:
    """A process running tests/core/mp_actor.py in `app` mode, spoken to line by line."""

    def __init__(self, project: Path, coder: str):
        self.proc = subprocess.Popen([sys.executable, str(ACTOR), "app", str(project), coder], stdin=subprocess.PIPE,
                                     stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=ENV)
        assert self.read() == "ready", self.proc.stderr.read()

    def read(self) -> str:
        line = self.proc.stdout.readline().strip()
        if not line:
            raise AssertionError(f"the actor ended: {self.proc.stderr.read()}")
        return line

    def say(self, line: str) -> None:
        self.proc.stdin.write(line + "\n")
        self.proc.stdin.flush()

    def ask(self, line: str) -> str:
        self.say(line)
        return self.read()

    def kill(self) -> None:
        self.proc.kill()
        self.proc.wait(10)

    def end(self, how: str = "crash") -> None:
        self.say(how)
        if how == "close":
            assert self.read() == "closed"
            self.say("crash")
        self.proc.wait(20)


def test_a_command_line_read_while_the_app_writes_loses_nothing(project):
    """The reported loss: the app opens a project, something in the app's process opens the same file again
    (a second window, the merge dialog, a screenshot), `zhagen stats` runs, the app goes on coding and is then
    killed without closing. Every code it created must be in the file."""
    script = f"""
import os, subprocess, sys
from coding.storage import open_project
from coding.services import codes, coders
p = {str(project)!r}
store = open_project(p, background_backup=True)
coders.use_coder(store, "张研")
codes.create_code(store, "一")
open_project(p, backup=True).close()            # the same file opened and closed again in this process
subprocess.run([sys.executable, {str(ROOT / "main.py")!r}, "stats", p], check=True, capture_output=True)
codes.create_code(store, "二")
codes.create_code(store, "三")
os._exit(0)
"""
    subprocess.run([sys.executable, "-c", script], check=True, env=ENV, timeout=120)
    assert {"一", "二", "三"} <= code_names(project)
    with open_project(project, backup=False) as store:
        assert {"一", "二", "三"} <= {c.name for c in queries.list_codes(store)}


def test_one_engine_per_file_per_process(project):
    first = open_project(project, backup=False)
    second = open_project(str(project.parent / "." / project.name), backup=False)  # another spelling
    try:
        assert second.engine is first.engine
        first.close()
        assert not second.closed
        coders.use_coder(second, "李文")
        codes.create_code(second, "第二个窗口的代码")  # the shared engine still works
    finally:
        second.close()
    assert "第二个窗口的代码" in code_names(project)


def test_a_clean_close_leaves_everything_in_the_project_file_alone(project, tmp_path):
    store = open_project(project, background_backup=True, holder=Holder.me("张研"))
    coders.use_coder(store, "张研")
    for n in range(20):
        codes.create_code(store, f"概念{n}")
    assert Path(str(project) + "-wal").exists()
    store.close()
    assert not Path(str(project) + "-wal").exists() and not Path(str(project) + "-shm").exists()
    assert not lock_path(project).exists()
    copy = tmp_path / "copied" / project.name  # people copy just the .zhagen file
    copy.parent.mkdir()
    copy.write_bytes(project.read_bytes())
    assert {f"概念{n}" for n in range(20)} <= code_names(copy)


def test_an_app_process_closing_cleanly_leaves_one_file(project):
    actor = Actor(project, "王芳")
    assert actor.ask("code 关闭前的代码").startswith("ok code")
    assert Path(str(project) + "-wal").exists()
    actor.end("close")
    assert not Path(str(project) + "-wal").exists()
    assert "关闭前的代码" in code_names(project)


def test_a_second_app_is_told_who_has_the_project_and_may_open_it_read_only(project):
    actor = Actor(project, "王芳")
    try:
        holder = current_holder(project)
        assert holder is not None and holder.coder == "王芳" and holder.pid == actor.proc.pid
        with pytest.raises(ProjectInUse) as refused:
            open_project(project, holder=Holder.me("李文"))
        message = str(refused.value)
        assert "王芳" in message and holder.host in message and "read-only" in message
        assert len(message.splitlines()) == 1
        with open_project(project, read_only=True) as viewer:
            before = queries.stats(viewer)
            with pytest.raises(ProjectReadOnly):
                codes.create_code(viewer, "只读时的代码")
            assert queries.stats(viewer) == before
            watcher = Watcher(viewer)
            assert actor.ask("code 王芳的新代码").startswith("ok code")
            events = watcher.poll()  # the read-only window sees the other app's work
            assert [e.action for e in events] == ["code_created"]
            assert "王芳的新代码" in {c.name for c in queries.list_codes(viewer)}
            watcher.close()
        # the command line reads and writes while the app has the project open
        assert "王芳的新代码" in zhagen("codes", str(project)).stdout
        zhagen("code", str(project), "--doc", "A01", "--start", "0", "--end", "3", "--code", "命令行代码")
        assert actor.ask("code 之后的代码").startswith("ok code")
    finally:
        actor.end("crash")  # killed without closing
    assert {"王芳的新代码", "命令行代码", "之后的代码"} <= code_names(project)


def test_a_lock_left_by_a_killed_app_is_taken_over(project):
    actor = Actor(project, "王芳")
    actor.kill()  # kill -9: no chance to remove the lock file
    assert lock_path(project).exists()
    assert current_holder(project) is None  # the kernel dropped the lock with the process
    store = open_project(project, holder=Holder.me("李文"))
    try:
        assert json.loads(lock_path(project).read_text(encoding="utf-8"))["coder"] == "李文"
    finally:
        store.close()


def test_the_watcher_reports_other_processes_changes_only(project):
    with open_project(project, backup=False) as store:
        coders.use_coder(store, "张研")
        watcher = Watcher(store)
        assert watcher.poll() == []
        codes.create_code(store, "自己的代码")
        assert watcher.poll() == []  # our own change was announced by the app already
        zhagen("code", str(project), "--doc", "A01", "--start", "4", "--end", "8", "--code", "别人的代码")
        events = watcher.poll()
        assert "coding_added" in [e.action for e in events] and "code_created" not in [e.action for e in events]
        assert watcher.poll() == []
        watcher.close()


def test_a_writer_waits_for_another_process_and_says_so(project, monkeypatch):
    """Another process holds the write lock for 1.5 s: our write waits, reports the wait, then succeeds."""
    hold = subprocess.Popen([sys.executable, "-c", f"""
import sqlite3, sys, time
conn = sqlite3.connect({str(project)!r}, isolation_level=None)
conn.execute("BEGIN IMMEDIATE")
print("holding", flush=True)
time.sleep(1.5)
conn.execute("COMMIT")
"""], stdout=subprocess.PIPE, text=True)
    try:
        assert hold.stdout.readline().strip() == "holding"
        waits: list[float | None] = []
        from coding import storage

        monkeypatch.setattr(storage, "_wait_hook", waits.append)
        with open_project(project, backup=False) as store:
            coders.use_coder(store, "张研")
            codes.create_code(store, "等待后写入")
        assert waits and waits[-1] is None and len(waits) >= 3
        assert max(w for w in waits if w is not None) > 0.5
    finally:
        hold.wait(10)
    assert "等待后写入" in code_names(project)


def test_a_writer_gives_up_with_one_line_and_changes_nothing(project, monkeypatch):
    from coding import storage

    monkeypatch.setattr(storage, "WRITE_WAIT_S", 0.6)
    with open_project(project, backup=False) as store:
        coders.use_coder(store, "张研")
        before = queries.stats(store)
        conn = sqlite3.connect(project, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            with pytest.raises(ProjectBusy) as refused:
                codes.create_code(store, "放弃的代码")
        finally:
            conn.execute("ROLLBACK")
            conn.close()
        assert len(str(refused.value).splitlines()) == 1
        assert queries.stats(store) == before


def test_a_project_killed_while_being_created_leaves_no_file_under_its_name(tmp_path):
    target = tmp_path / "新项目.zhagen"
    script = f"""
import os, signal
from coding import storage
real = storage._upgrade
def killed(engine):
    real(engine)
    os.kill(os.getpid(), signal.SIGKILL)   # the tables exist, the project row not yet
storage._upgrade = killed
storage.create_project({str(target)!r})
"""
    proc = subprocess.run([sys.executable, "-c", script], env=ENV, timeout=120)
    assert proc.returncode == -signal.SIGKILL
    assert not target.exists()
    leftovers = [p for p in tmp_path.iterdir() if ".creating-" in p.name]
    assert leftovers  # the half-built file lies under a temporary name …
    zhagen("new", str(target))  # … the name is free, and the next create in the folder removes it
    assert target.exists() and not [p for p in tmp_path.iterdir() if ".creating-" in p.name]
    assert "新项目" in zhagen("stats", str(target)).stdout


def test_sigterm_closes_the_app_cleanly(project, tmp_path):
    """The desktop app, killed politely (logout, `kill`): the project is closed and checkpointed."""
    env = {**ENV, "QT_QPA_PLATFORM": "offscreen", "HOME": str(tmp_path), "XDG_CONFIG_HOME": str(tmp_path / "cfg"),
           "ZHAGEN_CODER": "王芳"}
    app = subprocess.Popen([sys.executable, str(ROOT / "main.py"), "open", str(project)], env=env,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 60
        while current_holder(project) is None and time.monotonic() < deadline and app.poll() is None:
            time.sleep(0.1)
        assert current_holder(project) is not None, app.stderr.read() if app.poll() is not None else "no lock"
        zhagen("code", str(project), "--doc", "A01", "--start", "10", "--end", "14", "--code", "应用打开时写入")
        app.send_signal(signal.SIGTERM)
        assert app.wait(30) == 0
    finally:
        if app.poll() is None:
            app.kill()
    assert not lock_path(project).exists()
    assert not Path(str(project) + "-wal").exists()
    assert "应用打开时写入" in code_names(project)


def test_scratch_projects_of_a_killed_import_are_removed_on_the_next_start(project, tmp_path):
    """An import into existing work stages the file in a scratch project in the temp folder; a kill leaves it."""
    temp = tmp_path / "temp"
    temp.mkdir()
    env = {**ENV, "TMPDIR": str(temp)}
    script = """
import os, signal
from coding import scratch
from coding.storage import create_project
folder = scratch.make_folder()
create_project(folder / "incoming.zhagen").close()
os.kill(os.getpid(), signal.SIGKILL)
"""
    assert subprocess.run([sys.executable, "-c", script], env=env, timeout=120).returncode == -signal.SIGKILL
    left = [p for p in temp.iterdir() if p.name.startswith("zhagen-import-")]
    assert len(left) == 1 and (left[0] / "incoming.zhagen").exists()
    mine = subprocess.run([sys.executable, "-c", "from coding import scratch; print(scratch.make_folder())"],
                          env=env, capture_output=True, text=True, check=True).stdout.strip()
    living = subprocess.Popen([sys.executable, "-c", "import time; time.sleep(30)"])
    busy = temp / f"zhagen-import-{living.pid}-abcd"  # a running import's folder stays
    busy.mkdir()
    try:
        subprocess.run([sys.executable, str(ROOT / "main.py"), "stats", str(project)], env=env, check=True,
                       capture_output=True, timeout=120)
        assert not left[0].exists() and not Path(mine).exists()
        assert busy.exists()
    finally:
        living.kill()


def test_random_kills_of_every_kind_of_process_lose_no_acknowledged_action(tmp_path):
    """Three rounds of bench/crash_bench.py: the app, a writer, the command line and a second app on one file,
    each killed with SIGKILL at a random moment; every acknowledged action is in the file, which is intact."""
    sys.path.insert(0, str(ROOT / "bench"))
    import random

    import crash_bench

    project = tmp_path / "crash.zhagen"
    crash_bench.make_project(project)
    rng = random.Random(13)
    acknowledged = 0
    for round_ in range(3):
        result = crash_bench.run_round(project, round_, rng)
        assert result["integrity"] == "ok" and result["lost"] == 0, result
        acknowledged += result["acknowledged"]
    assert acknowledged > 50


def test_an_import_killed_midway_into_a_new_project_leaves_no_project(project, tmp_path):
    """`zhagen import NEW.zhagen x.qdpx` killed while storing: no half-made project blocks the name."""
    qdpx = tmp_path / "study.qdpx"
    zhagen("export", str(project), str(qdpx))
    target = tmp_path / "导入的.zhagen"
    script = f"""
import os, signal, sys
from coding.services import interchange
real = interchange.store_incoming
def killed(*args, **kwargs):
    real(*args, **kwargs)
    os.kill(os.getpid(), signal.SIGKILL)   # stored, not yet in place
interchange.store_incoming = killed
import exports.interchange
exports.interchange.store_incoming = killed
sys.argv = ["zhagen", "import", {str(target)!r}, {str(qdpx)!r}]
from main import main
main()
"""
    proc = subprocess.run([sys.executable, "-c", script], env=ENV, timeout=120, capture_output=True, text=True)
    assert proc.returncode == -signal.SIGKILL, proc.stderr
    assert not target.exists()
    zhagen("import", str(target), str(qdpx))  # the name is free: the import works as if it were the first
    with open_project(target, backup=False) as store:
        assert [d.name for d in queries.list_documents(store)] == ["A01"]
        assert "民警走访" in {c.name for c in queries.list_codes(store)}
    assert not [p for p in tmp_path.iterdir() if ".creating-" in p.name]
