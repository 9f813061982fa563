"""Helper process for the crash-safety test: applies codings forever, reporting each commit.

Usage: python crash_writer.py PROJECT. Prints "done <coding id> <start>" after
each apply_code has returned (committed), flushing at once.
"""

import sys

from coding import queries
from coding.services import coders, codings
from coding.storage import open_project


def run(project: str) -> None:
    store = open_project(project, backup=False)
    coders.use_coder(store, "崩溃测试")
    doc = queries.list_documents(store)[0]
    code = queries.list_codes(store)[0]
    i = len(queries.list_codings(store))  # continue after earlier runs: every span is new
    while True:
        coding = codings.apply_code(store, code.id, doc.id, i, i + 2).value
        print(f"done {coding.id} {coding.start} {coding.end}", flush=True)
        i += 1


if __name__ == "__main__":
    run(sys.argv[1])
