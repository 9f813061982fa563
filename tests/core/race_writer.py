"""Helper process for the concurrent-writers test: the same codes and codings as its siblings, at the same moment.

Usage: python race_writer.py PROJECT. Opens PROJECT as the coder 同时 (stored
with the first action that succeeds), prints "ready", waits for a line on
stdin, then for i in 0..19 creates the top-level code 顶层i and applies the
path 主范畴(i % 3)>概念i to the span 2i–2i+2 of the first document. Every
action prints one line: "ok …" or "refused: …" (a ZhagenError's message).
Anything else raises, so the process exits non-zero with a traceback.
"""

import sys

from coding import queries
from coding.errors import ZhagenError
from coding.services import codes, coders, codings
from coding.storage import open_project

ACTIONS = 20


def run(project: str) -> None:
    store = open_project(project, backup=False)
    coders.use_coder(store, "同时", defer=True)
    doc = queries.list_documents(store)[0]
    print("ready", flush=True)
    sys.stdin.readline()
    for i in range(ACTIONS):
        for label, action in (
            ("code", lambda: codes.create_code(store, f"顶层{i}")),
            ("coding", lambda: codings.apply_code_path(store, f"主范畴{i % 3}>概念{i}", doc.id, 2 * i, 2 * i + 2)),
        ):
            try:
                action()
            except ZhagenError as exc:
                print(f"refused {label}: {exc}", flush=True)
            else:
                print(f"ok {label} {i}", flush=True)
    store.close()


if __name__ == "__main__":
    run(sys.argv[1])
