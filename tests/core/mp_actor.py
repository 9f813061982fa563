"""A second process for the multi-process tests and bench/crash_bench.py.

    python mp_actor.py app PROJECT CODER     opens PROJECT as the desktop app does (lock file, background
                                             backup), then obeys lines on stdin:
                                               code NAME   create a code; prints "ok code <id>"
                                               codings N   apply N codings; prints "ok coding <id>" after each
                                               close       close the project cleanly; prints "closed"
                                               crash       os._exit(0) without closing (as a killed app would)
    python mp_actor.py writer PROJECT CODER  applies codings forever, printing "ok coding <id>" after each commit
    python mp_actor.py second PROJECT CODER  a second app: opens PROJECT read-only when another app holds it
                                             ("read-only", then follows its changes), else as the app does
                                             and codes like `writer`

Every "ok" line is printed only after the service call returned (committed).
"""

from __future__ import annotations

import os
import sys
import time

from coding import queries
from coding.presence import Holder
from coding.services import codes, coders, codings
from coding.storage import open_project


def _coding_loop(store, count: int | None, pause: float = 0.0) -> None:  # noqa: ANN001
    """Apply codings at spans this coder has not coded yet (each one a new row), printing each commit;
    PAUSE seconds between them leave other processes their turn (SQLite's write lock is not fair)."""
    doc = queries.list_documents(store)[0]
    code = queries.list_codes(store)[0]
    size = len(queries.document_text(store, doc.id))
    n = len(queries.list_codings(store, document_id=doc.id))
    done = 0
    while count is None or done < count:
        start = n % (size - 3)
        length = 2 + n // (size - 3)
        coding = codings.apply_code(store, code.id, doc.id, start, start + length).value
        print(f"ok coding {coding.id}", flush=True)
        n += 1
        done += 1
        if pause:
            time.sleep(pause)


def app(project: str, coder: str) -> None:
    store = open_project(project, background_backup=True, holder=Holder.me(coder))
    coders.use_coder(store, coder)
    print("ready", flush=True)
    for line in sys.stdin:
        word, _, arg = line.strip().partition(" ")
        if word == "code":
            print(f"ok code {codes.create_code(store, arg).value.id}", flush=True)
        elif word == "codings":
            count, _, pause = arg.partition(" ")
            _coding_loop(store, int(count), float(pause or 0))
        elif word == "close":
            store.close()
            print("closed", flush=True)
        elif word == "crash":
            os._exit(0)


def writer(project: str, coder: str) -> None:
    store = open_project(project, backup=False)
    coders.use_coder(store, coder)
    _coding_loop(store, None, float(os.environ.get("ZHAGEN_ACTOR_PAUSE", "0")))


def second(project: str, coder: str) -> None:
    from coding.presence import ProjectInUse
    from coding.watch import Watcher

    try:
        store = open_project(project, background_backup=True, holder=Holder.me(coder))
    except ProjectInUse:
        store = open_project(project, read_only=True)
        print("read-only", flush=True)
        watcher = Watcher(store)
        while True:
            for event in watcher.poll():
                print(f"seen {event.id}", flush=True)
            time.sleep(0.05)
    coders.use_coder(store, coder)
    _coding_loop(store, None, float(os.environ.get("ZHAGEN_ACTOR_PAUSE", "0")))


if __name__ == "__main__":
    {"app": app, "writer": writer, "second": second}[sys.argv[1]](sys.argv[2], sys.argv[3])
