"""`zhagen import` for transcripts: per-file speaker options, the `--dry-run` summary, and the import itself.

`--speaker`, `--interviewer`, `--rename` and `--not-speaker` apply to every
file, or with a `FILE:` prefix (the file's name, with or without its
extension) to that file only. Before anything is stored every file is read
and its speaker labels found, so that an option naming no given file, or a
label that file does not have, is refused in one line with nothing imported.
`--dry-run` prints what each file holds and what would be stored (corpus.turnplan).
"""

from __future__ import annotations

import argparse
import json
import sys
import unicodedata
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Callable, Mapping, Sequence

from coding.errors import InvalidInput
from corpus.pipeline import ImportOptions, import_files, project_options
from corpus.readers import ReadError, read_file, short
from corpus.speakers import segment_turns
from corpus.turnplan import FileSummary, LabelChoice, problems, summarise, with_default_participant

RULE_FLAGS = {  # option → (its dest in argparse, takes =VALUE, example)
    "--rename": ("rename", True, "答=受访者"),
    "--not-speaker": ("not_speaker", False, "比如说"),
    "--interviewer": ("interviewer", False, "研究者"),
    "--speaker": ("speaker", True, "受访者=A03"),
}


@dataclass(frozen=True)
class Rule:
    flag: str  # --speaker | --interviewer | --rename | --not-speaker
    file: str | None  # the FILE: prefix, or None for every file
    label: str
    value: str  # the participant ID or new name; "" for the others
    given: str  # as typed, for messages

    def matches(self, path: str) -> bool:
        return self.file is None or _nfc(self.file) in {_nfc(path), _nfc(Path(path).name), _nfc(Path(path).stem)}


def _nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text).strip()


def parse_rule(flag: str, given: str) -> Rule:
    """`[FILE:]LABEL` or `[FILE:]LABEL=VALUE` (a full-width ： works too); raises InvalidInput."""
    _, with_value, example = RULE_FLAGS[flag]
    target, value = given, ""
    if with_value:
        target, sep, value = given.rpartition("=")
        if not sep or not value.strip():
            raise InvalidInput(f"{flag} wants [FILE:]{'LABEL=ID' if flag == '--speaker' else 'OLD=NEW'} "
                               f"(e.g. {example}), not {given!r}")
    cut = max(target.rfind(":"), target.rfind("："))
    file, label = (target[:cut].strip(), target[cut + 1:]) if cut >= 0 else (None, target)
    if not _nfc(label) or file == "":
        raise InvalidInput(f"{flag} wants [FILE:]LABEL{'=…' if with_value else ''} (e.g. {example}), not {given!r}")
    return Rule(flag, file, _nfc(label), _nfc(value), given)


def parse_rules(args: argparse.Namespace) -> list[Rule]:
    return [parse_rule(flag, given) for flag, (dest, _, _) in RULE_FLAGS.items() for given in getattr(args, dest)]


def plan_choices(summaries: Mapping[str, FileSummary], rules: Sequence[Rule], *,
                 default_participants: bool = False) -> dict[str, dict[str, LabelChoice]]:
    """Each readable file's choices: the labels as recognised (or `default_choices`), then the rules in the
    order rename, not a speaker, interviewer, the default participant (with `default_participants`), speaker.
    A rule's LABEL is a label as found, or (except for
    --rename) a new name given by --rename. Raises InvalidInput for a rule that fits nothing, or choices
    that cannot be stored."""
    for rule in rules:
        if rule.file is not None and not any(rule.matches(path) for path in summaries):
            raise InvalidInput(f"{rule.flag} {rule.given}: no file named {rule.file!r} among the files given")
    out: dict[str, dict[str, LabelChoice]] = {}
    used: set[Rule] = set()
    for path, summary in summaries.items():
        choices = {s.label: LabelChoice(s.label, s.interviewer) for s in summary.labels}
        marked: set[str] = set()  # labels given --interviewer in this file
        for flag in RULE_FLAGS:
            if flag == "--speaker" and default_participants:
                choices = with_default_participant(choices, summary.participant)
            for rule in (r for r in rules if r.flag == flag and r.matches(path)):
                hits = [label for label, c in choices.items()
                        if label == rule.label or (flag != "--rename" and c.name == rule.label)]
                if not hits:
                    if rule.file is not None:
                        have = "、".join(s.label for s in summary.labels) or "none"
                        raise InvalidInput(f"{rule.flag} {rule.given}: {Path(path).name} has no speaker label "
                                           f"{rule.label!r} (its labels: {have})")
                    continue
                used.add(rule)
                for label in hits:
                    if flag == "--speaker" and label in marked:
                        raise InvalidInput(f"{rule.flag} {rule.given}: {label!r} is also given --interviewer in "
                                           f"{Path(path).name}; interviewer turns are linked to no participant")
                    if flag == "--interviewer":
                        marked.add(label)
                    choices[label] = _ruled(choices[label], rule)
        found = problems(choices)
        if found:
            raise InvalidInput(f"{Path(path).name}: {found[0]}; nothing imported")
        out[path] = choices
    for rule in rules:
        if rule.file is None and rule not in used and summaries:
            raise InvalidInput(f"{rule.flag} {rule.given}: no file given has the speaker label {rule.label!r}")
    return out


def _ruled(choice: LabelChoice, rule: Rule) -> LabelChoice:
    """One rule on one label's choice. --speaker also says the label is not the interviewer: a 记者 who
    is interviewed, where 记者 is an interviewer's label by default."""
    if rule.flag == "--rename":
        return replace(choice, name=rule.value)
    if rule.flag == "--not-speaker":
        return LabelChoice(choice.name, False, "", True)
    if rule.flag == "--interviewer":
        return replace(choice, interviewer=True, participant="")
    return replace(choice, interviewer=False, participant=rule.value)


def read_summaries(paths: Sequence[str], options: ImportOptions) -> tuple[dict[str, FileSummary], dict[str, str], dict[str, str]]:
    """Every file read and its turns found: summaries and encodings of the readable ones, reasons of the others."""
    summaries, encodings, failed = {}, {}, {}
    for path in paths:
        try:
            raw = read_file(Path(path), options.encoding)
        except ReadError as exc:
            failed[path] = short(exc)
            continue
        summaries[path] = summarise(Path(path).name, raw.text, segment_turns(raw.text, options.patterns))
        encodings[path] = raw.encoding
    return summaries, encodings, failed


def describe(path: str, summary: FileSummary, encoding: str, choices: Mapping[str, LabelChoice]) -> dict:
    """One file of the dry run, as JSON: what was found, and per label what would be stored."""
    labels = []
    for s in summary.labels:
        c = choices.get(s.label) or LabelChoice(s.label, s.interviewer)
        labels.append({"label": s.label, "turns": s.turns, "first_line": s.first_line, "recognised_as_interviewer": s.interviewer,
                       "name": c.name, "interviewer": c.interviewer and not c.not_speaker,
                       "participant": "" if c.interviewer or c.not_speaker else c.participant,
                       "not_speaker": c.not_speaker})
    return {"path": path, "status": "ok", "encoding": encoding, "turns": summary.turns,
            "unlabelled_turns": summary.unlabelled, "metadata": dict(summary.meta),
            "default_participant": summary.participant, "default_participant_from": summary.participant_source or "file name",
            "labels": labels}


def _text(info: dict) -> list[str]:
    meta = "、".join(f"{k}={short(v, 30)}" for k, v in info["metadata"].items() if k != "notes") or "(none)"
    lines = [f"{info['path']}: encoding {info['encoding']}, {info['turns']} turns ({info['unlabelled_turns']} without a label); "
             f"default participant {info['default_participant']} (from {info['default_participant_from']})",
             f"  metadata: {meta}"]
    for item in info["labels"]:
        name = item["label"] if item["name"] == item["label"] else f"{item['label']} → {item['name']}"
        if item["not_speaker"]:
            role = "not a speaker (its lines join the turn before)"
        elif item["interviewer"]:
            role = "interviewer"
        else:
            role = f"participant {item['participant']}" if item["participant"] else "no participant"
        lines.append(f"  {name}: {item['turns']} turn{'s' if item['turns'] != 1 else ''}, {role}: {item['first_line']}")
    if not info["labels"]:
        lines.append("  no speaker labels found: each paragraph is a turn of an unknown speaker")
    return lines


def cmd_import_transcripts(args: argparse.Namespace, open_store: Callable) -> int:
    rules = parse_rules(args)
    unit_mode = "clause" if args.clauses else "sentence"
    choices = None
    with open_store(args, write=not args.dry_run) as store:
        options = project_options(store, encoding=args.encoding, unit_mode=unit_mode)
        if rules or args.dry_run:
            summaries, encodings, failed = read_summaries(args.files, options)
            choices = plan_choices(summaries, rules, default_participants=args.default_participants)
        if args.dry_run:
            return _print_dry_run(args, summaries, encodings, failed, choices)
        options = replace(options, default_participants=args.default_participants)
        report = import_files(store, args.files, options, choices=choices)
    if args.json:
        print(json.dumps([asdict(f) for f in report.files], ensure_ascii=False, indent=2))
    else:
        for f in report.files:
            if f.status == "imported":
                people = f", participant {'、'.join(f.participants)}" if f.participants else ""
                print(f"{f.path}: imported as {f.name!r} — encoding {f.encoding}, {f.turns} turns, "
                      f"speakers {('、'.join(f.speakers)) or '(none)'}, {f.units} units{people}")
            else:
                print(f"{f.path}: {f.status}: {f.reason}", file=sys.stderr)
    return 1 if report.failed else 0


def _print_dry_run(args: argparse.Namespace, summaries: Mapping[str, FileSummary], encodings: Mapping[str, str],
                   failed: Mapping[str, str], choices: Mapping[str, Mapping[str, LabelChoice]]) -> int:
    infos = [describe(path, summaries[path], encodings[path], choices[path]) if path in summaries
             else {"path": path, "status": "failed", "reason": failed[path]} for path in args.files]
    if args.json:
        print(json.dumps(infos, ensure_ascii=False, indent=2))
    else:
        for info in infos:
            if info["status"] == "failed":
                print(f"{info['path']}: failed: {info['reason']}", file=sys.stderr)
            else:
                print("\n".join(_text(info)))
        print("dry run: nothing was imported", file=sys.stderr)
    return 1 if failed else 0
