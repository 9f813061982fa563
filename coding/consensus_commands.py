"""`zhagen consensus`: the consensus pass from the command line (see coding/services/consensus.py).

`--status` prints the progress; `--auto-agreed` takes, as one undoable action,
every item on which the coders coded exactly the same spans; `--list` prints
the undecided items with their keys; `--decide KEY CHOICE` settles one item
(CHOICE: a coder's name, "both", "neither", or an edited span START-END).
Without an option it prints the status and the undecided items. The command
line prints English.
"""

from __future__ import annotations

import argparse
import json
import re
from typing import Any, Callable

from coding.services import consensus

AddCommand = Callable[..., argparse.ArgumentParser]
_SPAN = re.compile(r"^\s*(\d+)\s*[-–]\s*(\d+)\s*$")


def _coders(args: argparse.Namespace) -> list[str]:
    return [name.strip() for name in args.coders.split(",") if name.strip()]


def _status_line(p: consensus.Progress) -> str:
    return (f"decided {p.decided} of {p.total} items ({p.remaining} to go); {p.agreed} where the coders agree; "
            f"{p.consensus_codings} consensus codings by {consensus.CONSENSUS_CODER}")


def _item_json(item: consensus.Item) -> dict[str, Any]:
    return {"key": item.key, "document": item.document, "code": item.code_path, "start": item.start, "end": item.end,
            "decision": item.decision,
            "codings": [{"coder": s.coder, "start": s.start, "end": s.end, "text": s.text} for s in item.spans]}


def _print_item(item: consensus.Item) -> None:
    print(f"{item.key}\t{item.document}\t{item.code_path}\t{item.start}–{item.end}")
    for s in item.spans:
        print(f"    {s.coder}\t{s.start}–{s.end}\t{s.text}")


def _decide(store: Any, coders: list[str], key: str, choice: str) -> consensus.Item:
    span = _SPAN.match(choice)
    if span:
        return consensus.decide(store, coders, key, "edit", span=(int(span[1]), int(span[2]))).value
    if choice in ("both", "neither"):
        return consensus.decide(store, coders, key, choice).value
    return consensus.decide(store, coders, key, "accept", coder=choice).value


def make_command(open_project: Callable[..., Any]) -> Callable[[argparse.Namespace], int]:
    def cmd_consensus(args: argparse.Namespace) -> int:
        coders = _coders(args)
        writes = bool(args.auto_agreed or args.decide)
        store = open_project(args, write=writes)
        try:
            out: dict[str, Any] = {}
            if args.auto_agreed:
                out["agreed_taken"] = n = consensus.settle_agreed(store, coders).value
                if not args.json:
                    print(f"took {n} items on which {' and '.join(coders)} coded the same spans")
            if args.decide:
                item = _decide(store, coders, args.decide[0], args.decide[1])
                out["decided"] = _item_json(item)
                if not args.json:
                    print(f"decided {item.document} {item.code_path} {item.start}–{item.end}: {item.decision}")
            progress = consensus.progress(store, coders)
            show_items = args.list or not (args.status or writes)
            items = [it for it in consensus.consensus_items(store, coders) if it.decision is None] if show_items else []
            if args.json:
                out["status"] = {"decided": progress.decided, "total": progress.total, "agreed": progress.agreed,
                                 "consensus_codings": progress.consensus_codings,
                                 "consensus_coder": consensus.CONSENSUS_CODER}
                if show_items:
                    out["undecided"] = [_item_json(it) for it in items]
                print(json.dumps(out, ensure_ascii=False, indent=2))
                return 0
            print(_status_line(progress))
            for item in items:
                _print_item(item)
            return 0
        finally:
            store.close()

    return cmd_consensus


def register(add: AddCommand, project_arg: Callable, coder_arg: Callable, open_project: Callable) -> None:
    p = add("consensus", make_command(open_project),
            "Settle one master coding from two coders' codings: the consensus coder's codings, which the exports show.",
            "Items are the coders' overlapping codings of one code in one document. Each decision is one undoable "
            f"action, stored as codings of the coder {consensus.CONSENSUS_CODER}; the coders' own codings stay. "
            "Examples: zhagen consensus study.zhagen --coders 张研,李文 --auto-agreed; "
            "zhagen consensus study.zhagen --coders 张研,李文 --status; "
            "zhagen consensus study.zhagen --coders 张研,李文 --decide KEY 李文 (or both, neither, 120-150).")
    project_arg(p)
    p.add_argument("--coders", required=True, metavar="A,B", help="the coders whose codings are settled, by name")
    p.add_argument("--auto-agreed", action="store_true",
                   help="take every item on which the coders coded exactly the same spans (one undoable action)")
    p.add_argument("--status", action="store_true", help="print how many items are decided, of how many")
    p.add_argument("--list", action="store_true", help="print the undecided items with their keys")
    p.add_argument("--decide", nargs=2, metavar=("KEY", "CHOICE"),
                   help="settle one item: CHOICE is a coder's name, both, neither, or an edited span START-END")
    p.add_argument("--json", action="store_true", help="print one JSON object")
    coder_arg(p)
