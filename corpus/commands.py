"""Corpus commands of the `zhagen` CLI: import (and, with the corpus issue, search, autocode, words)."""

from __future__ import annotations

import argparse
import json
import sys
from typing import Callable

from coding.errors import InvalidInput

AddCommand = Callable[..., argparse.ArgumentParser]


def cmd_import(args: argparse.Namespace, open_store: Callable) -> int:
    from exports.interchange import is_interchange_file

    if any(is_interchange_file(f) for f in args.files):
        given = [flag for flag, value in (("--encoding", args.encoding), ("--speaker", args.speaker),
                                          ("--interviewer", args.interviewer), ("--rename", args.rename),
                                          ("--not-speaker", args.not_speaker),
                                          ("--default-participants", args.default_participants),
                                          ("--clauses", args.clauses)) if value]
        if given:
            raise InvalidInput(f"{', '.join(given)} apply to transcripts, not to .qdpx/.qdc/.xlsx files")
        from exports.commands import cmd_import_interchange

        return cmd_import_interchange(args, open_store)
    if args.prefer:
        raise InvalidInput("--prefer applies to .qdpx/.qdc/.xlsx files, not to transcripts")
    from corpus.import_command import cmd_import_transcripts

    return cmd_import_transcripts(args, open_store)


def _kwic(text: str) -> str:
    return text.replace("\n", "⏎")


def cmd_search(args: argparse.Namespace, open_store: Callable) -> int:
    from corpus.search import search

    with open_store(args) as store:
        hits = search(store, args.query, regex=args.regex, whole_word=args.word, fold_variants=not args.exact_variants)
    if args.json:
        print(json.dumps([h.as_dict() for h in hits], ensure_ascii=False, indent=2))
        return 0
    for h in hits:
        print(f"{h.document}\t{h.participant or '-'}\t{h.start}\t{h.end}\t{_kwic(h.left)}【{_kwic(h.match)}】{_kwic(h.right)}")
    print(f"{len(hits)} hits", file=sys.stderr)
    return 0


def cmd_autocode(args: argparse.Namespace, open_store: Callable) -> int:
    from corpus.autocode import autocode

    with open_store(args, write=True) as store:
        outcome = autocode(store, args.query, args.code, unit=args.unit, regex=args.regex, whole_word=args.word,
                           fold_variants=not args.exact_variants)
    print(f"made {outcome.value} codings with {args.code}")
    return 0


def cmd_words(args: argparse.Namespace, open_store: Callable) -> int:
    from coding import queries
    from corpus.words import word_frequencies

    if args.cloud:  # refused before any work when the file cannot be a cloud
        from exports.cloud import check_cloud_file, render_cloud

        check_cloud_file(args.cloud)
    with open_store(args) as store:
        doc_id = queries.find_document(store, args.doc).id if args.doc else None
        code_id = queries.find_code(store, args.code).id if args.code else None
        participant_id = None
        if args.participant:
            participant_id = queries.participant_ids_by_pid(store).get(args.participant)
            if participant_id is None:
                raise InvalidInput(f"no participant {args.participant!r}")
        rows = word_frequencies(store, document_id=doc_id, code_id=code_id, participant_id=participant_id,
                                min_length=args.min_length, top=args.top, use_stop_words=not args.keep_stop_words)
    if args.cloud:
        cloud = render_cloud([(r.word, r.count) for r in rows])
        cloud.write(args.cloud)
        print(f"word cloud of {len(cloud.words)} words in {cloud.font.family or cloud.font.path}: {args.cloud}",
              file=sys.stderr)
    if args.json:
        print(json.dumps([r.__dict__ for r in rows], ensure_ascii=False, indent=2))
        return 0
    for r in rows:
        print(f"{r.word}\t{r.count}\t{r.documents}")
    return 0


def cmd_userdict(args: argparse.Namespace, open_store: Callable) -> int:
    from corpus.settings import set_user_words, user_words

    with open_store(args, write=bool(args.add or args.remove)) as store:
        words = set(user_words(store))
        if args.add or args.remove:
            set_user_words(store, (words | set(args.add)) - set(args.remove))
            words = set(user_words(store))
    print("\n".join(sorted(words)))
    return 0


def cmd_speakers(args: argparse.Namespace, open_store: Callable) -> int:
    from dataclasses import replace

    from corpus.settings import set_speaker_patterns, speaker_patterns
    from corpus.speakers import SpeakerPatterns

    changing = bool(args.label or args.interviewer or args.pattern or args.reset or args.no_names)
    with open_store(args, write=changing) as store:
        patterns = SpeakerPatterns() if args.reset else speaker_patterns(store)
        if changing:
            patterns = replace(
                patterns,
                labels=tuple(dict.fromkeys(patterns.labels + tuple(args.label) + tuple(args.interviewer))),
                interviewer_labels=tuple(dict.fromkeys(patterns.interviewer_labels + tuple(args.interviewer))),
                extra=tuple(dict.fromkeys(patterns.extra + tuple(args.pattern))),
                names_with_colon=patterns.names_with_colon and not args.no_names,
            )
            set_speaker_patterns(store, patterns)
    print(json.dumps(patterns.to_settings(), ensure_ascii=False, indent=2))
    return 0


def _search_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("query", metavar="QUERY", help="text to find (simplified finds traditional and back)")
    p.add_argument("--regex", action="store_true", help="QUERY is a Python regular expression (case-insensitive)")
    p.add_argument("--word", action="store_true", help="whole words only (hits must start and end on jieba word boundaries)")
    p.add_argument("--exact-variants", action="store_true", help="do not fold traditional/simplified and full/half-width")


def register(add: AddCommand, project_arg: Callable, coder_arg: Callable, open_store: Callable) -> None:
    p = add("import", lambda args: cmd_import(args, open_store),
            "Import transcripts (.txt .md .docx .rtf): detect the encoding, speaker turns and sentence units; "
            "or another program's project or codebook: REFI-QDA .qdpx / .qdc (NVivo, MAXQDA, ATLAS.ti, QualCoder, "
            "Taguette) or an Excel codebook in MAXQDA's layout (.xlsx).",
            "Examples: zhagen import study.zhagen 访谈/*.txt --dry-run (per file: its speaker labels with their turns "
            "and first line, the interviewer, the metadata and the default participant; nothing is imported); "
            "zhagen import study.zhagen A03.txt A04.txt --speaker A03.txt:受访者=A03 --speaker A04.txt:受访者=A04 "
            "--rename 答=受访者 --not-speaker 比如说 --encoding gbk. Speaker options without FILE: apply to every "
            "file; an option naming no given file or a label that file lacks stops the import (exit 1, nothing "
            "imported). Bad files are reported one line each and the exit status is 1; the good files are still imported. "
            "zhagen import new.zhagen nvivo-export.qdpx (PROJECT is created if missing); "
            "zhagen import study.zhagen codebook.qdc --dry-run (into a project with work in it, the file is merged "
            "by the merge rules: see zhagen merge --help).")
    project_arg(p)
    p.add_argument("files", nargs="+", metavar="FILE", help="transcript files, or .qdpx/.qdc/.xlsx files")
    p.add_argument("--prefer", choices=["mine", "theirs", "both"],
                   help=".qdpx/.qdc/.xlsx into a project with work in it: how to settle conflicts (default mine)")
    p.add_argument("--dry-run", action="store_true",
                   help="transcripts: print each file's speaker labels (turns, first line, interviewer, participant), "
                        "metadata and default participant; .qdpx/.qdc/.xlsx: print the merge plan; change nothing")
    p.add_argument("--encoding", metavar="E", help="text encoding of every file (default: detect: UTF-8/16 with or without BOM, GB18030/GBK, Big5)")
    p.add_argument("--speaker", action="append", default=[], metavar="[FILE:]LABEL=ID",
                   help="link a speaker label to a participant ID in every file (受访者=A03) or in one file "
                        "(A03.txt:受访者=A03; FILE is the file's name, with or without extension); the label is then "
                        "not the interviewer (repeatable; participants are created if new)")
    p.add_argument("--interviewer", action="append", default=[], metavar="[FILE:]LABEL",
                   help="mark a label as the interviewer, in every file or in FILE (repeatable)")
    p.add_argument("--rename", action="append", default=[], metavar="[FILE:]OLD=NEW",
                   help="store a label under another name; two labels renamed alike are one speaker (答=受访者; repeatable)")
    p.add_argument("--not-speaker", action="append", default=[], metavar="[FILE:]LABEL",
                   help="a label that is not a speaker (比如说): its lines join the turn before (repeatable)")
    p.add_argument("--default-participants", action="store_true",
                   help="link each file's one non-interviewer label to the file's default participant ID "
                        "(受访者编号 in its header, else an ID at the start of its name: A03 张某.docx → A03)")
    p.add_argument("--clauses", action="store_true", help="units are clauses (also split at ，、：) instead of sentences")
    p.add_argument("--json", action="store_true", help="print the per-file report (or the dry run) as JSON")
    coder_arg(p)

    p = add("userdict", lambda args: cmd_userdict(args, open_store),
            "Show or change the project's dictionary of domain terms that jieba keeps whole (朝阳群众, 网格员 …).",
            "Example: zhagen userdict study.zhagen --add 红袖标 --add 平安志愿者. Applies to later imports.")
    project_arg(p)
    p.add_argument("--add", action="append", default=[], metavar="WORD", help="add a term (repeatable)")
    p.add_argument("--remove", action="append", default=[], metavar="WORD", help="remove a term (repeatable)")
    coder_arg(p)

    p = add("speakers", lambda args: cmd_speakers(args, open_store),
            "Show or change how speaker labels are recognised in this project's transcripts.",
            "Example: zhagen speakers study.zhagen --interviewer 研究者 --pattern '^(?P<label>研究者|居民)——'")
    project_arg(p)
    p.add_argument("--label", action="append", default=[], metavar="LABEL", help="a speaker label always recognised (repeatable)")
    p.add_argument("--interviewer", action="append", default=[], metavar="LABEL", help="a label that marks the interviewer (repeatable)")
    p.add_argument("--pattern", action="append", default=[], metavar="REGEX",
                   help="a regular expression matched at line start with a (?P<label>…) group (repeatable)")
    p.add_argument("--no-names", action="store_true", help="do not treat 'any name and a colon' as a speaker")
    p.add_argument("--reset", action="store_true", help="back to the default patterns first")
    coder_arg(p)

    p = add("search", lambda args: cmd_search(args, open_store),
            "Search all documents; prints keyword-in-context lines: document, participant, start, end, context.",
            "Example: zhagen search study.zhagen 社区 (also finds 社區); zhagen search study.zhagen '红袖标|巡逻' --regex")
    project_arg(p)
    _search_options(p)
    p.add_argument("--json", action="store_true", help="print hits as JSON")

    p = add("autocode", lambda args: cmd_autocode(args, open_store),
            "Code every search hit (or its sentence or turn) with a code, created if missing.",
            'Example: zhagen autocode study.zhagen 红袖标 --code "品牌认同>身份标识" --unit sentence')
    project_arg(p)
    _search_options(p)
    p.add_argument("--code", required=True, metavar="PATH", help='code path, levels separated by ">"')
    p.add_argument("--unit", choices=["hit", "sentence", "turn"], default="hit", help="what to code around each hit (default hit)")
    coder_arg(p)

    p = add("words", lambda args: cmd_words(args, open_store),
            "Word frequencies on jieba tokens, without stop words: word, count, documents.")
    project_arg(p)
    p.add_argument("--top", type=int, default=50, help="how many words (default 50)")
    p.add_argument("--min-length", type=int, default=2, help="shortest word in characters (default 2)")
    p.add_argument("--doc", metavar="NAME", help="only this document")
    p.add_argument("--code", metavar="PATH", help="only text coded with this code (or codes below it)")
    p.add_argument("--participant", metavar="ID", help="only what this participant said (e.g. A03)")
    p.add_argument("--keep-stop-words", action="store_true", help="count stop words too")
    p.add_argument("--cloud", metavar="FILE", help="also draw these words as a word cloud: FILE.png or FILE.svg")
    p.add_argument("--json", action="store_true", help="print a JSON list")
