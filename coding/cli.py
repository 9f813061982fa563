"""The `zhagen` command line: every headless job, for researchers' scripts, tests and benchmarks.

PROJECT is a `.zhagen` file path or a database URL such as
`postgresql+psycopg://postgres@127.0.0.1:5432/mystudy`. Errors print one line
naming the project or file and exit non-zero; set ZHAGEN_DEBUG=1 for tracebacks.
"""

from __future__ import annotations

import argparse
import getpass
import json
import os
import re
import sys
from dataclasses import asdict
from typing import Any, Callable, Sequence

from sqlalchemy.exc import SQLAlchemyError

from coding import queries
from coding.errors import ZhagenError
from coding.scratch import remove_abandoned as remove_abandoned_scratch
from coding.services import coders as coder_service
from coding.services import codings as coding_service
from coding.storage import ProjectStore, create_project, open_project
from coding.tallies import CodeCatalog, CodingTally, code_counts
from coding.values import Snapshot

EXIT_ERROR = 1


def default_coder() -> str:
    """The coder name used when --coder is not given: $ZHAGEN_CODER, else the login name."""
    name = os.environ.get("ZHAGEN_CODER", "").strip()
    if name:
        return name
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry in some containers
        return "coder"


def _print_json(obj: Any) -> None:
    print(json.dumps(obj, ensure_ascii=False, indent=2, default=str))


def _open(args: argparse.Namespace, *, write: bool = False, store: ProjectStore | None = None) -> ProjectStore:
    """Open PROJECT (or take STORE, a project being built); to write, as --coder (or the default coder), who is
    stored with their first action that succeeds, so a refused command leaves the project byte for byte as it was."""
    store = store or open_project(args.project, backup=write)
    if write:
        try:
            coder_service.use_coder(store, getattr(args, "coder", None) or default_coder(), defer=True)
        except BaseException:
            store.close()
            raise
    return store


# ---------------------------------------------------------------- commands


def cmd_new(args: argparse.Namespace) -> int:
    with create_project(args.project, name=args.name) as store:
        info = queries.project_info(store)
    print(f"created project {info['name']!r} at {args.project}")
    return 0


def cmd_stats(args: argparse.Namespace) -> int:
    with _open(args) as store:
        data = queries.stats(store)
    if args.json:
        _print_json(data)
        return 0
    print(f"project: {data['project']}")
    for key in ("documents", "participants", "turns", "units", "coders", "codes", "codings", "memos", "relations", "events", "snapshots"):
        print(f"{key:>13}: {data[key]}")
    print("   codes by level: " + ", ".join(f"{k} {n}" for k, n in data["codes_by_level"].items()))
    print(" codings by coder: " + ", ".join(f"{k} {n}" for k, n in data["codings_by_coder"].items()))
    print("         speakers: " + "、".join(data["speakers"]))
    return 0


def cmd_demo(args: argparse.Namespace) -> int:
    from coding.demo import build_demo

    summary = build_demo(args.project)
    print(
        f"built the demo project at {args.project}: {summary['documents']} documents, "
        f"{summary['codes']} codes, {summary['codings']} codings by {summary['coders']} coders"
    )
    return 0


def cmd_code(args: argparse.Namespace) -> int:
    with _open(args, write=True) as store:
        doc = queries.find_document(store, args.doc)
        outcome = coding_service.apply_code_path(
            store, args.code, doc.id, args.start, args.end, leaf_level=args.level, comment=args.comment
        )
        text = queries.document_text(store, doc.id)[args.start : args.end]
    coding = outcome.value
    print(f"coded {doc.name} {coding.start}–{coding.end} as {args.code} (coding {coding.id}): {text}")
    return 0


def cmd_codings(args: argparse.Namespace) -> int:
    with _open(args) as store:
        code_id = queries.find_code(store, args.code).id if args.code else None
        coder_id = None
        if args.coder:
            coder = coder_service.find_coder(store, args.coder)
            if coder is None:
                raise ZhagenError(f"{args.project}: no coder named {args.coder!r}")
            coder_id = coder.id
        doc_id = queries.find_document(store, args.doc).id if args.doc else None
        rows = queries.list_codings(
            store, code_id=code_id, include_descendants=not args.exact, coder_id=coder_id, document_id=doc_id
        )
    if args.json:
        _print_json(
            [
                {"id": r.id, "code": r.code_path, "document": r.document, "participant": r.participant,
                 "start": r.start, "end": r.end, "coder": r.coder, "created_at": r.created_at,
                 "comment": r.comment, "text": r.text}
                for r in rows
            ]
        )
        return 0
    for r in rows:
        quote = r.text.replace("\n", "⏎")
        print(f"{r.code_path}\t{r.document}\t{r.participant or '-'}\t{r.start}\t{r.end}\t{r.coder}\t{quote}")
    print(f"{len(rows)} codings", file=sys.stderr)
    return 0


def cmd_codes(args: argparse.Namespace) -> int:
    with _open(args) as store:
        catalog = CodeCatalog.load(store)
        counts = code_counts(catalog, CodingTally.load(store))
    codes, paths = list(catalog.codes.values()), catalog.paths
    if args.json:
        _print_json(
            [
                {"id": c.id, "guid": c.guid, "path": paths[c.id], "level": c.level, "definition": c.definition,
                 "colour": c.colour, "paradigm_role": c.paradigm_role, "codings": counts[c.id].own,
                 "codings_with_subcodes": counts[c.id].codings, "documents_with_subcodes": counts[c.id].documents}
                for c in codes
            ]
        )
        return 0
    for c in codes:
        depth, count = paths[c.id].count(">"), counts[c.id]
        total = f", {count.codings} with subcodes" if count.codings != count.own else ""
        print(f"{'  ' * depth}{c.name}  [{c.level}] ({count.own}{total}; {count.documents} documents)")
    return 0


def cmd_saturation(args: argparse.Namespace) -> int:
    from coding.gt import saturation_of

    if args.quote_share is not None:
        return _quote_saturation(args)
    with _open(args) as store:
        result = saturation_of(store)
    if args.json:
        _print_json({
            "rows": [asdict(r) for r in result.rows],
            "held_out": {"new_concepts": list(result.held_out_new_concepts),
                         "new_categories": list(result.held_out_new_categories),
                         "new_relations": list(result.held_out_new_relations),
                         "not_coded": list(result.uncoded_held_out)},
            "tested": result.tested, "saturated": result.saturated,
        })
        return 0
    print("document\theld out\tnew concepts\tnew categories\tconcepts\tcategories\tnew relations")
    for r in result.rows:
        new = (f"{len(r.new_concepts)}\t{len(r.new_categories)}" if r.coded else "not coded\t-")
        print(f"{r.document}\t{'held out' if r.held_out else ''}\t{new}\t{r.total_concepts}\t{r.total_categories}"
              f"\t{len(r.new_relations) if r.coded else '-'}")
    held = "、".join(r.document for r in result.rows if r.held_out)
    if not result.tested:
        waiting = "、".join(result.uncoded_held_out)
        print(f"not tested: held-out documents not coded yet: {waiting}" if waiting else "not tested: no document is held out")
    elif result.saturated:
        print(f"saturated: the held-out documents ({held}) bring no new concept, category or relation")
    else:
        concepts, categories, links = ("、".join(new) or "none" for new in (
            result.held_out_new_concepts, result.held_out_new_categories, result.held_out_new_relations))
        print(f"not saturated: new in the held-out documents ({held}) — concepts: {concepts}; categories: {categories}; "
              f"relations: {links}")
    return 0


def _quote_saturation(args: argparse.Namespace) -> int:
    from coding.gt import quote_saturation

    with _open(args) as store:
        result = quote_saturation(queries.list_documents(store), queries.list_codes(store),
                                  queries.coding_positions(store), args.quote_share)
    if args.json:
        _print_json(asdict(result))
        return 0
    print(f"quotes held out: {len(result.held_out)} of {result.quotes} (a share of {args.quote_share:g}, "
          "spread over the coding order)")
    if result.saturated is None:
        print("not tested: no quote held out")
    elif result.saturated:
        print("saturated: the held-out quotes show no concept or category the other quotes do not")
    else:
        concepts, categories = ("、".join(new) or "none" for new in (result.new_concepts, result.new_categories))
        print(f"not saturated: only the held-out quotes show — concepts: {concepts}; categories: {categories}")
    return 0


def cmd_trail(args: argparse.Namespace) -> int:
    from coding.gt import code_labels, label_prefixes, trail_of

    with _open(args) as store:
        entries = trail_of(store)
        labels = code_labels(queries.list_codes(store), label_prefixes(store))
    if args.json:
        _print_json([asdict(e) for e in entries])
        return 0

    def show(entry: Any, depth: int) -> None:  # a TrailMain or a TrailNode
        pad = "  " * depth
        if entry.code_id is None:
            print(f"{pad}(under no main category)")
        else:
            label = f"{labels[entry.code_id]} " if entry.code_id in labels else ""
            print(f"{pad}{label}{entry.path.rsplit('>', 1)[-1]}  [{getattr(entry, 'level', 'main')}]")
        quote = entry.first_quote
        if quote is not None:
            text = quote.text.replace("\n", "⏎")
            print(f"{pad}    “{text}” — {quote.participant or '-'}, {quote.document}, {quote.date}, {quote.coder}")
        for step in entry.history:
            print(f"{pad}    · {step.at[:16].replace('T', ' ')} {step.coder or '-'}: {step.detail}")
        for child in entry.children:
            show(child, depth + 1)

    for entry in entries:
        show(entry, 0)
    return 0


def cmd_agreement(args: argparse.Namespace) -> int:
    from coding.agreement import agreement

    coders = [c for c in re.split(r"[,，、]", args.coders) if c.strip()] if args.coders else None
    with _open(args) as store:
        if coders is None:  # everyone with codings, but never the consensus coder
            from coding.exported_codings import default_compared

            coders = default_compared(store)
        report = agreement(store, coders=coders, unit=args.unit, overlap=args.overlap, both_coded=args.both_coded)

    def measures(m: Any) -> dict[str, Any]:
        return {"percent": m.percent, "percent_coded": m.percent_coded, "kappa": m.kappa, "fleiss": m.fleiss,
                "alpha": m.alpha, "bp": m.bp, "holsti": m.holsti, "composite": m.composite, "n": m.n,
                "undefined": list(m.undefined), "notes": list(m.notes)}

    if args.json:
        out = {"unit": report.unit, "coders": list(report.coders), "documents": list(report.documents),
               "both_coded": report.both_coded, "overall": measures(report.overall), "codes": [{"code": c.code, **measures(c)} for c in report.codes]}
        if args.unit == "segment":
            out["overlap"] = args.overlap
        if args.disagreements:
            out["disagreements"] = [asdict(d) for d in report.disagreements]
        _print_json(out)
        return 0

    def num(value: float | None, percent: bool = False) -> str:
        return "—" if value is None else f"{value:.1f}%" if percent else f"{value:.3f}"

    overlap = f", overlap ≥ {args.overlap:g}" if args.unit == "segment" else ""
    rule = "documents all of them coded" if report.both_coded else "documents any of them coded"
    print(f"agreement by {report.unit}{overlap}: {'、'.join(report.coders)} on {len(report.documents)} {rule} "
          f"({'、'.join(report.documents)})")
    three = len(report.coders) >= 3  # Fleiss' κ in place of Cohen's
    print(f"code\tn\tpercent\tpercent_coded\t{'fleiss' if three else 'kappa'}\talpha\tbp\tholsti\tcomposite")
    rows = [("(overall)", report.overall), *((c.code, c) for c in report.codes)]
    for name, m in rows:
        print(f"{name}\t{m.n}\t{num(m.percent, True)}\t{num(m.percent_coded, True)}\t"
              f"{num(m.fleiss if three else m.kappa)}\t{num(m.alpha)}\t{num(m.bp)}\t{num(m.holsti)}\t{num(m.composite)}")
    notes: dict[str, list[str]]
    for title, field in (("undefined", "undefined"), ("notes", "notes")):
        notes = {}  # reason → rows it holds for: many codes share one reason
        for name, m in rows:
            for reason in getattr(m, field):
                notes.setdefault(reason, []).append(name)
        if notes:
            print(f"{title}:")
            for reason, names in notes.items():
                where = "、".join(names) if len(names) <= 3 else f"{'、'.join(names[:3])} and {len(names) - 3} more"
                print(f"  {reason} — {where}")
    if args.disagreements:
        print(f"{len(report.disagreements)} disagreements:")
        for d in report.disagreements:
            print(f"  {d.document}\t{d.start}–{d.end}\t{d.code}\tcoded by {'、'.join(d.coded_by)}"
                  f"\tnot by {'、'.join(d.not_by)}")
    return 0


def cmd_merge(args: argparse.Namespace) -> int:
    from coding.merge import plan_merge
    from coding.services.merge import merge_projects

    with open_project(args.other, backup=False) as other, _open(args, write=not args.dry_run) as store:
        if args.dry_run:
            plan, summary = plan_merge(store, other, prefer=args.prefer), None
        else:
            summary = merge_projects(store, other, prefer=args.prefer).value
            plan = summary.plan
    if args.json:
        _print_json({"dry_run": args.dry_run, "plan": plan.as_dict(), "summary": summary and summary.as_dict()})
        return 0
    for d in plan.decisions:
        if d.kind != "matched":
            extra = "; ".join(x for x in (d.how, d.detail, d.resolution) if x)
            print(f"{d.kind:>8} {d.item}: {d.name}" + (f" ({extra})" if extra else ""))
    for item, kinds in plan.counts.items():
        print(f"{item:>12}: " + ", ".join(f"{k} {n}" for k, n in kinds.items()))
    if summary is None:
        print("dry run: nothing changed")
    else:
        added = ", ".join(f"{k} {n}" for k, n in summary.added.items()) or "nothing"
        updated = ", ".join(f"{k} {n}" for k, n in summary.updated.items()) or "nothing"
        print(f"merged {plan.other} (prefer {plan.prefer}): added {added}; updated {updated}")
    return 0


def _find_snapshot(snapshots: Sequence[Snapshot], key: str) -> Snapshot:
    """A snapshot by id, else the latest of that name."""
    if key.isdigit():
        for snap in snapshots:
            if snap.id == int(key):
                return snap
    named = [snap for snap in snapshots if snap.name == key]
    if not named:
        raise ZhagenError(f"no snapshot {key!r}; see zhagen snapshot PROJECT --list")
    return named[-1]


def cmd_snapshot(args: argparse.Namespace) -> int:
    from coding.gt import current_code_system, merges_between, snapshot_diff
    from coding.services.snapshots import take_snapshot

    if sum(bool(x) for x in (args.name, args.list, args.compare)) != 1:
        raise ZhagenError("give a snapshot NAME to take one, or --list, or --compare A [B]")
    if args.compare and len(args.compare) > 2:
        raise ZhagenError("--compare takes one or two snapshots")
    if args.name:
        with _open(args, write=True) as store:
            snap = take_snapshot(store, args.name).value
        print(f"snapshot {snap.id} {snap.name!r}: {len(snap.payload['codes'])} codes")
        return 0
    with _open(args) as store:
        snapshots = queries.list_snapshots(store)
        if args.list:
            listing = [{"id": s.id, "name": s.name, "created_at": s.created_at.isoformat(), "codes": len(s.payload.get("codes", []))}
                       for s in snapshots]
            if args.json:
                _print_json(listing)
            else:
                for item in listing:
                    print(f"{item['id']}\t{item['name']}\t{item['created_at'][:19].replace('T', ' ')}\t{item['codes']} codes")
            return 0
        first = _find_snapshot(snapshots, args.compare[0])
        second = _find_snapshot(snapshots, args.compare[1]) if len(args.compare) == 2 else None
        after = second.payload["codes"] if second else current_code_system(store)
        diff = snapshot_diff(first.payload["codes"], after,
                             merges_between(store, first.created_at, second.created_at if second else None))
    if args.json:
        _print_json({
            "from": first.name, "to": second.name if second else None,
            "added": list(diff.added), "removed": list(diff.removed),
            "renamed": [{"old": a, "new": b} for a, b in diff.renamed],
            "moved": [{"old": a, "new": b} for a, b in diff.moved],
            "merged": [{"source": a, "target": b} for a, b in diff.merged],
        })
        return 0
    print(f"{first.name} → {second.name if second else 'now'}")
    for title, items in (("added", diff.added), ("removed", diff.removed), ("renamed", diff.renamed),
                         ("moved", diff.moved), ("merged", diff.merged)):
        print(f"{title} ({len(items)}):")
        for item in items:
            print("  " + (" → ".join(item) if isinstance(item, tuple) else item))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    from pathlib import Path

    out = Path(args.out)
    suffix = out.suffix.lower()
    if suffix in (".qdpx", ".qdc"):
        return _export_refi(args, out, suffix)
    if suffix != ".xlsx":
        raise ZhagenError(f"{args.out}: cannot export to {suffix or 'a file without an extension'}; use .xlsx")
    if args.unique_names:
        raise ZhagenError("--unique-names applies to .qdpx and .qdc exports only")
    if not out.parent.is_dir():
        raise ZhagenError(f"{out.parent}: no such folder")

    from coding.tables import workbook_tables
    from exports.csv_files import write_csv_folder
    from exports.excel import write_workbook

    with _open(args) as store:
        tables = workbook_tables(store, lang=args.lang, coder=args.coder, pseudonymise=args.pseudonymise,
                                 quotes_per_concept=args.quotes_per_concept)
    report = write_workbook(tables, out, lang=args.lang, merge_cells=args.merge_cells)
    print(f"wrote {out}: {len(report.sheets)} tables, {report.rows} rows, and a notes sheet")
    for name, rows in report.sheets:
        print(f"  {name}: {rows}")
    if report.truncations:
        print(f"  {len(report.truncations)} cells cut at Excel's 32,767-character limit (listed in the notes sheet)")
    if args.csv:
        folder = out.with_name(out.stem + "-csv")
        files = write_csv_folder(tables, folder, lang=args.lang)
        print(f"wrote {len(files)} CSV files to {folder}")
    return 0


def _export_refi(args: argparse.Namespace, out, suffix: str) -> int:
    """`export` to a REFI-QDA project (.qdpx) or codebook (.qdc): the whole project, no table options."""
    given = [flag for flag, on in (("--coder", args.coder), ("--pseudonymise", args.pseudonymise),
                                   ("--merge-cells", args.merge_cells), ("--csv", args.csv)) if on]
    if given:
        raise ZhagenError(f"{', '.join(given)} applies to .xlsx exports only; a {suffix} export holds the whole project")
    if not out.parent.is_dir():
        raise ZhagenError(f"{out.parent}: no such folder")

    from exports.refi import export_qdc, export_qdpx

    with _open(args) as store:
        report = (export_qdpx if suffix == ".qdpx" else export_qdc)(store, out, unique_names=args.unique_names)
    print(report.summary())
    if report.renamed:
        print(f"  codes written with their parent's name added, to keep code names unique: {report.renamed}")
    warning = report.warning()
    if warning:
        print(f"zhagen: {warning}", file=sys.stderr)
    return 0


def cmd_screenshot(args: argparse.Namespace) -> int:
    if args.screenshot_fn is None:
        raise ZhagenError("screenshots need the desktop application; start zhagen from main.py")
    open_project(args.project, backup=False).close()  # a bad project gets its one-line message first
    return args.screenshot_fn(args.project, args.out, args.doc, args.code, args.lang, args.size)


def cmd_open(args: argparse.Namespace) -> int:
    if args.gui is None:
        raise ZhagenError("the desktop application is not available here; start zhagen from main.py")
    return args.gui(args.project)


# ------------------------------------------------------------------ parser


def _project_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("project", metavar="PROJECT", help="a .zhagen file or a database URL (postgresql+psycopg://…)")


def _coder_arg(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--coder", default=None, metavar="NAME",
        help="who is coding (created if new); default $ZHAGEN_CODER or your login name",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="zhagen",
        description="扎根 Zhagen — grounded-theory coding of Chinese interview transcripts. "
        "Without a command, starts the desktop application.",
        epilog="PROJECT is a .zhagen file or a SQLAlchemy database URL. "
        "Run 'zhagen COMMAND --help' for a command's options.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def add(name: str, func: Callable[[argparse.Namespace], int], help_: str, epilog: str | None = None) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_, description=help_, epilog=epilog)
        p.set_defaults(func=func)
        return p

    p = add("new", cmd_new, "Create a new, empty project.",
            "Examples: zhagen new study.zhagen; zhagen new postgresql+psycopg://postgres@127.0.0.1:5432/study")
    _project_arg(p)
    p.add_argument("--name", help="project name (default: the file or database name)")

    p = add("stats", cmd_stats, "Count documents, participants, turns, units, coders, codes, codings, memos, relations and events.")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = add("demo", cmd_demo, "Build the demo project: invented interviews on mass prevention in Chaoyang, coded by two coders.")
    p.add_argument("project", metavar="PROJECT", help="where to create it (a new .zhagen file or database URL)")

    p = add("code", cmd_code, "Apply a code (by path, created when missing) to a span of a document.",
            'Example: zhagen code study.zhagen --doc "A01 居民访谈" --start 120 --end 150 --code "社区归属感>家园意识>把社区当成家"')
    _project_arg(p)
    p.add_argument("--doc", required=True, metavar="NAME", help="document name (or its source file name)")
    p.add_argument("--start", required=True, type=int, help="first character, counted in Unicode code points from 0")
    p.add_argument("--end", required=True, type=int, help="end character (exclusive)")
    p.add_argument("--code", required=True, metavar="PATH", help='code path, levels separated by ">" (e.g. "主范畴>范畴>概念")')
    p.add_argument("--level", default="concept", choices=["concept", "category", "main", "core", "none"],
                   help="GT level of the code if it is created (default concept; created parents get none)")
    p.add_argument("--comment", default="", help="a comment on the coding")
    _coder_arg(p)

    p = add("codings", cmd_codings, "List codings: code path, document, participant, start, end, coder and the quoted text.")
    _project_arg(p)
    p.add_argument("--code", metavar="PATH", help="only this code and the codes below it")
    p.add_argument("--exact", action="store_true", help="with --code: not the codes below it")
    p.add_argument("--coder", metavar="NAME", help="only this coder's codings")
    p.add_argument("--doc", metavar="NAME", help="only this document")
    p.add_argument("--json", action="store_true", help="print a JSON list")

    p = add("codes", cmd_codes, "Print the code tree with levels and coding counts.")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON list in tree order")

    p = add("saturation", cmd_saturation,
            "Theoretical saturation test: new concepts and categories per document in coding order, held-out documents last.",
            "Categories are codes of level category or main; a category is new where it or a code below it is first coded.")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print one JSON object")
    p.add_argument("--quote-share", type=float, metavar="S",
                   help="instead, hold out this share of the quotes (0.2: every 5th in coding order) and test "
                        "whether they show a concept or category the others do not")

    p = add("trail", cmd_trail, "Show how each main category emerged: its categories and concepts, first quotes and history.")
    _project_arg(p)
    p.add_argument("--json", action="store_true", help="print a JSON list, one entry per main category")

    p = add("snapshot", cmd_snapshot, "Take, list or compare snapshots of the code system.",
            'Examples: zhagen snapshot study.zhagen "after round 1"; zhagen snapshot study.zhagen --list; '
            'zhagen snapshot study.zhagen --compare "after round 1" (with now) or --compare 1 2 (ids or names).')
    _project_arg(p)
    p.add_argument("name", nargs="?", metavar="NAME", help="take a snapshot with this name")
    p.add_argument("--list", action="store_true", help="list the snapshots")
    p.add_argument("--compare", nargs="+", metavar="A", help="compare snapshot A with snapshot B, or with now")
    p.add_argument("--json", action="store_true", help="print JSON")
    _coder_arg(p)

    p = add("agreement", cmd_agreement,
            "Inter-coder agreement (percent, Cohen's or Fleiss' κ, Krippendorff's α, Brennan & Prediger's κ, Holsti's K and the "
            "composite reliability R) per code and overall, on the documents the coders coded.",
            "Units: document (code present in the document: MAXQDA's code existence), frequency (the coders applied the "
            "code equally often in the document: MAXQDA's code frequency), sentence or turn (a coding touches the unit), char (every "
            "character, as NVivo), segment (MAXQDA: codings matched when they overlap by --overlap of their union). "
            "Overall pools every unit × code decision. Cohen's κ is for two coders, Fleiss' κ for three or more; "
            "percent_coded leaves out the decisions on which every coder said absent (uncoded text). "
            'Example: zhagen agreement study.zhagen --coders 张研,李文 --unit sentence --json')
    _project_arg(p)
    p.add_argument("--coders", metavar="A,B", help="the coders to compare, by name (default: everyone with codings)")
    p.add_argument("--unit", choices=["document", "frequency", "sentence", "turn", "char", "segment"], default="document",
                   help="what a decision is about (default document)")
    p.add_argument("--overlap", type=float, default=0.9,
                   help="segment unit: the share of the two codings' union they must share to match (default 0.9)")
    p.add_argument("--both-coded", action="store_true",
                   help="only the documents every compared coder coded (default: those any of them coded; in a "
                        "document one coder left uncoded, the other's codings are disagreements, as MAXQDA)")
    p.add_argument("--disagreements", action="store_true", help="also list every disagreement")
    p.add_argument("--json", action="store_true", help="print one JSON object")

    p = add("merge", cmd_merge, "Merge another project's coders, documents, codes, codings, memos and relations into this one.",
            "Documents match by their text; codes by GUID, then normalised path (社區 = 社区), then name under a matched "
            "parent. Conflicts: --prefer mine keeps ours, theirs takes theirs, both keeps ours and adds theirs as "
            "\"NAME (theirs)\". A document with our name but other text is never merged (its codings are listed). "
            "Merging the same file again changes nothing; the merge is one undoable action. "
            "Example: zhagen merge study.zhagen liwen.zhagen --dry-run")
    _project_arg(p)
    p.add_argument("other", metavar="OTHER", help="the project to merge in (.zhagen file or database URL); it is only read")
    p.add_argument("--prefer", choices=["mine", "theirs", "both"], default="mine", help="how to settle conflicts (default mine)")
    p.add_argument("--dry-run", action="store_true", help="print the merge plan and change nothing")
    p.add_argument("--json", action="store_true", help="print the plan (and what was done) as one JSON object")
    _coder_arg(p)

    from corpus.commands import register as register_corpus

    register_corpus(add, _project_arg, _coder_arg, _open)

    from coding.study_commands import register as register_study

    register_study(add, _project_arg, _coder_arg, _open)

    from coding.consensus_commands import register as register_consensus

    register_consensus(add, _project_arg, _coder_arg, _open)

    p = add("export", cmd_export, "Export the project: its tables to an Excel workbook (.xlsx), one sheet per table, "
            "or the whole project (.qdpx) or its codebook (.qdc) as REFI-QDA for NVivo, MAXQDA, ATLAS.ti and QualCoder.",
            "Examples: zhagen export study.zhagen tables.xlsx; zhagen export study.zhagen tables.xlsx --lang en "
            "--pseudonymise --csv (also writes tables-csv/, UTF-8 CSV files Excel opens directly); "
            "zhagen export study.zhagen study.qdpx; zhagen export study.zhagen codebook.qdc.")
    _project_arg(p)
    p.add_argument("out", metavar="OUT", help="the file to write: .xlsx, .qdpx or .qdc (the format follows the extension)")
    p.add_argument("--lang", choices=["zh", "en"], default="zh", help="language of sheet names, headers, labels and notes (default zh)")
    p.add_argument("--coder", metavar="NAME", help="only this coder's codings")
    p.add_argument("--pseudonymise", action="store_true", help="replace participants' names by their IDs (王秀兰 → A01) in every cell")
    p.add_argument("--merge-cells", action="store_true", help="merge runs of equal values in each table's group column")
    p.add_argument("--quotes-per-concept", type=int, default=3, metavar="N",
                   help="representative open coding sheet: quotes per concept, one per document first (default 3)")
    p.add_argument("--csv", action="store_true", help="also write each table as a CSV file into OUT-csv/")
    p.add_argument("--unique-names", action="store_true",
                   help="REFI-QDA: give codes that share a name under different parents a unique one in the file, "
                        "e.g. '其他 (社区参与)' (QualCoder needs unique names); the project is not changed")

    p = add("screenshot", cmd_screenshot, "Render the main window offscreen to a PNG, with a document and a code selected.",
            'Example: zhagen screenshot demo.zhagen shot.png --doc "A01 居民访谈" --code "社区归属感" --lang zh')
    _project_arg(p)
    p.add_argument("out", metavar="OUT.png", help="the PNG to write")
    p.add_argument("--doc", metavar="NAME", help="the document to show (default: the first)")
    p.add_argument("--code", metavar="PATH", help='the code to select, e.g. "A>B"')
    p.add_argument("--lang", choices=["zh", "en"], help="interface language (default: settings, then the system locale)")
    p.add_argument("--size", metavar="WxH", default="1600x1000", help="window size in pixels (default 1600x1000)")

    p = add("open", cmd_open, "Start the desktop application on a project.")
    _project_arg(p)
    return parser


GuiStarter = Callable[[str | None], int]


def main(argv: Sequence[str] | None = None, gui: GuiStarter | None = None, screenshot: Callable[..., int] | None = None) -> int:
    """Run one command. `gui` starts the desktop application (given by main.py,
    so that this Qt-free package never imports app/)."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if not argv:
        if gui is None:
            raise SystemExit("zhagen: no command given; see zhagen --help")
        return gui(None)
    parser = build_parser()
    args = parser.parse_args(argv)
    args.gui = gui
    args.screenshot_fn = screenshot
    if getattr(args, "func", None) is None:
        parser.print_help()
        return 0
    remove_abandoned_scratch()  # what a killed import left in the temp folder
    try:
        return args.func(args)
    except ZhagenError as exc:
        print(f"zhagen: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except SQLAlchemyError as exc:
        if os.environ.get("ZHAGEN_DEBUG"):
            raise
        detail = str(getattr(exc, "orig", None) or exc).strip().splitlines()
        print(f"zhagen: {args.project}: database error: {detail[0] if detail else type(exc).__name__}", file=sys.stderr)
        return EXIT_ERROR
    except OSError as exc:
        if os.environ.get("ZHAGEN_DEBUG"):
            raise
        print(f"zhagen: {exc.filename or args.project}: {exc.strerror or exc}", file=sys.stderr)
        return EXIT_ERROR
