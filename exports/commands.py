"""`zhagen import PROJECT FILE.qdpx|FILE.qdc|FILE.xlsx`: another program's project or codebook (exports/interchange.py).

PROJECT is created when it does not exist yet. The report prints what came in,
then one line per thing left out and why; `--dry-run` prints the merge plan
instead and changes nothing.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Callable

from coding.errors import InvalidInput
from coding.merge import MergePlan
from coding.storage import ProjectStore, building_project, is_url
from exports.interchange import ImportResult, import_file, is_interchange_file, read_incoming


def plan_lines(plan: MergePlan) -> list[str]:
    """A merge plan for the terminal: every decision but plain matches, then the counts."""
    lines = []
    for d in plan.decisions:
        if d.kind != "matched":
            extra = "; ".join(x for x in (d.how, d.detail, d.resolution) if x)
            lines.append(f"{d.kind:>8} {d.item}: {d.name}" + (f" ({extra})" if extra else ""))
    for item, kinds in plan.counts.items():
        lines.append(f"{item:>12}: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    return lines


def cmd_import_interchange(args: argparse.Namespace, open_store: Callable) -> int:
    files = [Path(f) for f in args.files]
    others = [f.name for f in files if not is_interchange_file(f)]
    if others:
        raise InvalidInput(f"import REFI-QDA or codebook files on their own, not with transcripts ({', '.join(others)})")
    incoming = [read_incoming(f) for f in files]  # every file is read before anything is created or stored
    reports = []

    def store_all(store: ProjectStore) -> None:
        for f, read in zip(files, incoming):
            result = import_file(store, f, prefer=args.prefer or "mine", dry_run=args.dry_run, incoming=read)
            if args.json:
                reports.append(result.as_dict())
            else:
                _print(result)

    if not is_url(args.project) and not Path(args.project).exists() and not args.dry_run:
        # a new project appears only complete: a refused, failed or killed import leaves no file behind
        with building_project(args.project, name=files[0].stem) as new, open_store(args, write=True, store=new):
            store_all(new)
    else:
        with open_store(args, write=not args.dry_run) as store:
            store_all(store)
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=2, default=str))
    return 0


def _print(result: ImportResult) -> None:
    print(result.summary())
    for line in result.remarks:
        print(f"  note: {line}")
    for line in result.skipped:
        print(f"  skipped: {line}")
    if result.plan is not None:
        for line in plan_lines(result.plan):
            print("  " + line)
    sys.stdout.flush()
