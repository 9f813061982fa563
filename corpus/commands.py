"""Corpus commands of the `zhagen` CLI: import (and, with the corpus issue, search, autocode, words)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from coding.errors import InvalidInput
from corpus.pipeline import import_files, project_options

AddCommand = Callable[..., argparse.ArgumentParser]


def _speaker_map(values: list[str]) -> dict[str, str]:
    out = {}
    for item in values:
        label, sep, pid = item.partition("=")
        if not sep or not label.strip() or not pid.strip():
            raise InvalidInput(f"--speaker wants LABEL=ID (e.g. 受访者=A03), not {item!r}")
        out[label.strip()] = pid.strip()
    return out


def cmd_import(args: argparse.Namespace, open_store: Callable) -> int:
    speakers = _speaker_map(args.speaker)
    with open_store(args, write=True) as store:
        options = project_options(store, encoding=args.encoding, unit_mode="clause" if args.clauses else "sentence")
        report = import_files(store, args.files, options, speakers=speakers)
    if args.json:
        print(json.dumps([f.__dict__ for f in report.files], ensure_ascii=False, indent=2, default=list))
    else:
        for f in report.files:
            if f.status == "imported":
                print(f"{f.path}: imported as {f.name!r} — encoding {f.encoding}, {f.turns} turns, "
                      f"speakers {('、'.join(f.speakers)) or '(none)'}, {f.units} units")
            else:
                print(f"{f.path}: {f.status}: {f.reason}", file=sys.stderr)
    return 1 if report.failed else 0


def register(add: AddCommand, project_arg: Callable, coder_arg: Callable, open_store: Callable) -> None:
    p = add("import", lambda args: cmd_import(args, open_store),
            "Import transcripts (.txt .md .docx .rtf): detect the encoding, speaker turns and sentence units.",
            "Example: zhagen import study.zhagen 访谈/*.txt --speaker 受访者=A03 --encoding gbk. "
            "Bad files are reported one line each and the exit status is 1; the good files are still imported.")
    project_arg(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="transcript files")
    p.add_argument("--encoding", metavar="E", help="text encoding of every file (default: detect: UTF-8/16 with or without BOM, GB18030/GBK, Big5)")
    p.add_argument("--speaker", action="append", default=[], metavar="LABEL=ID",
                   help="link a speaker label to a participant ID, e.g. 受访者=A03 (repeatable; participants are created if new)")
    p.add_argument("--clauses", action="store_true", help="units are clauses (also split at ，、：) instead of sentences")
    p.add_argument("--json", action="store_true", help="print the per-file report as JSON")
    coder_arg(p)
