"""Commands of the `zhagen` CLI for what the GUI's dialogs set: a code's level, paradigm role and definition,
relations between codes, participants and their attributes, held-out documents, memos.

With them and `import`/`code`, a study can be scripted end to end. Each command names codes by path and
documents by name, as the other commands do, checks every option before it changes anything, and prints
what it set; each change is its own undoable action through the services.
"""

from __future__ import annotations

import argparse
from typing import Callable

from coding import queries
from coding.errors import InvalidInput
from coding.services import codes as code_service
from coding.services import documents as document_service
from coding.services import memos as memo_service
from coding.services import participants as participant_service
from coding.services import relations as relation_service
from coding.services._checks import check_level, check_role
from coding.vocab import ATTRIBUTE_TYPES, LEVELS, MEMO_KINDS, PARADIGM_ROLES, RELATION_TYPES

AddCommand = Callable[..., argparse.ArgumentParser]
_NO_ROLE = ("none", "")


def relation_type(given: str) -> str:
    """The stored key of a relation type given as a key or a label in either language (导致, is cause of);
    any other text is a user-defined type, kept as it is."""
    wanted = given.strip().casefold()
    for key, labels in {**RELATION_TYPES, **PARADIGM_ROLES}.items():
        if wanted in {key, key.replace("_", " "), *(label.casefold() for label in labels)}:
            return key
    return given.strip()


def paradigm_role(given: str) -> str | None:
    """A paradigm role key from a key or label (因果条件, causal condition); "none" clears it."""
    if given.strip().casefold() in _NO_ROLE:
        return None
    wanted = given.strip().casefold()
    for key, labels in PARADIGM_ROLES.items():
        if wanted in {key, *(label.casefold() for label in labels)}:
            return key
    return check_role(given)  # refuses with the list of roles


def cmd_code_set(args: argparse.Namespace, open_store: Callable) -> int:
    if args.level is None and args.role is None and args.definition is None:
        raise InvalidInput("give --level, --role or --definition")
    level = check_level(args.level) if args.level is not None else None
    role = paradigm_role(args.role) if args.role is not None else None
    with open_store(args, write=True) as store:
        code = queries.find_code(store, args.path)
        if level is not None and level != code.level:
            code = code_service.set_code_level(store, code.id, level).value
        if args.role is not None and role != code.paradigm_role:
            code = code_service.set_paradigm_role(store, code.id, role).value
        if args.definition is not None and args.definition != code.definition:
            code = code_service.redefine_code(store, code.id, args.definition).value
    role_label = PARADIGM_ROLES[code.paradigm_role][1] if code.paradigm_role else "no paradigm role"
    print(f"{args.path}: level {code.level}, {role_label}; definition: {code.definition or '(none)'}")
    return 0


def cmd_relate(args: argparse.Namespace, open_store: Callable) -> int:
    kind = relation_type(args.type)
    with open_store(args, write=True) as store:
        source, target = queries.find_code(store, args.source), queries.find_code(store, args.target)
        same = [r for r in queries.list_relations(store)
                if r.source_id == source.id and r.target_id == target.id and r.type == kind]
        if args.remove:
            if not same:
                raise InvalidInput(f"no {kind!r} relation from {args.source!r} to {args.target!r}")
            for relation in same:
                relation_service.delete_relation(store, relation.id)
            print(f"removed {args.source} —{kind}→ {args.target}")
            return 0
        if same:
            relation = same[0]
            if args.memo is not None and args.memo != relation.memo:
                relation_service.update_relation(store, relation.id, memo=args.memo)
            print(f"{args.source} —{kind}→ {args.target} already related (relation {relation.id})")
            return 0
        relation = relation_service.add_relation(
            store, source.id, target.id, kind, memo=args.memo or "", directed=not args.undirected
        ).value
    arrow = "—" if args.undirected else "→"
    print(f"related {args.source} —{kind}{arrow} {args.target} (relation {relation.id})")
    return 0


def _assignments(pairs: list[str]) -> list[tuple[str, str]]:
    out = []
    for pair in pairs:
        name, sep, value = pair.partition("=")
        if not sep or not name.strip():
            raise InvalidInput(f"--set takes ATTRIBUTE=VALUE, not {pair!r}")
        out.append((name.strip(), value))
    return out


def cmd_participant(args: argparse.Namespace, open_store: Callable) -> int:
    assignments = _assignments(args.set)
    if args.type and not args.attribute:
        raise InvalidInput("--type goes with --attribute NAME")
    with open_store(args, write=True) as store:
        attributes = {a.name: a for a in queries.list_attributes(store)}
        if args.attribute:
            kind = args.type or "text"
            known = attributes.get(args.attribute.strip())
            if known is None:
                known = participant_service.add_attribute(store, args.attribute, kind).value
                attributes[known.name] = known
                print(f"attribute {known.name} ({kind}) added")
            elif args.type and known.type != args.type:
                raise InvalidInput(f"attribute {known.name!r} is of type {known.type}, not {args.type}")
        missing = [name for name, _ in assignments if name not in attributes]
        if missing:
            raise InvalidInput(f"no attribute named {missing[0]!r}; add it with --attribute {missing[0]} --type TYPE")
        for name, value in assignments:  # refuse a bad value before anything is written
            if value.strip():
                participant_service.canonical_value(attributes[name].type, value, name)
        found = {p.pid: p for p in queries.list_participants(store)}
        person = found.get(args.id.strip())
        if person is None:
            person = participant_service.add_participant(store, args.id, name=args.name or "").value
            print(f"participant {person.pid} added")
        elif args.name is not None and args.name != person.name:
            person = participant_service.update_participant(store, person.id, name=args.name).value
        for name, value in assignments:
            participant_service.set_attribute_value(store, person.id, attributes[name].id, value)
        values = queries.attribute_values(store).get(person.id, {})
    shown = ", ".join(f"{name}={values[name]}" for name in attributes if name in values)
    print(f"{person.pid}{' ' + person.name if person.name else ''}: {shown or 'no attribute values'}")
    return 0


def cmd_held_out(args: argparse.Namespace, open_store: Callable) -> int:
    with open_store(args, write=True) as store:
        doc = queries.find_document(store, args.doc)
        if doc.held_out != (not args.off):
            doc = document_service.set_held_out(store, doc.id, not args.off).value
    state = "held out for the saturation test" if doc.held_out else "not held out"
    print(f"{doc.name}: {state}")
    return 0


def cmd_memo(args: argparse.Namespace, open_store: Callable) -> int:
    if args.code and args.doc:
        raise InvalidInput("a memo is attached to one object at most: give --code or --doc")
    with open_store(args, write=True) as store:
        code_id = queries.find_code(store, args.code).id if args.code else None
        document_id = queries.find_document(store, args.doc).id if args.doc else None
        same = [m for m in queries.list_memos(store) if m.title == args.title.strip() and m.kind == args.kind
                and m.code_id == code_id and m.document_id == document_id and m.coding_id is None and m.relation_id is None]
        if same:
            memo = memo_service.edit_memo(store, same[0].id, text=args.text).value
            verb = "updated"
        else:
            memo = memo_service.add_memo(store, args.title, args.text, kind=args.kind, code_id=code_id,
                                         document_id=document_id).value
            verb = "added"
    where = f" on {args.code}" if args.code else f" on {args.doc}" if args.doc else ""
    print(f"memo {memo.title!r} ({memo.kind}){where} {verb} (memo {memo.id})")
    return 0


def register(add: AddCommand, project_arg: Callable, coder_arg: Callable, open_store: Callable) -> None:
    p = add("code-set", lambda args: cmd_code_set(args, open_store),
            "Set a code's GT level, paradigm role or definition.",
            'Example: zhagen code-set study.zhagen "社区归属感>家园意识" --level category --role 因果条件 '
            '--definition "居民把社区看作自己的家"; --role none clears the role.')
    project_arg(p)
    p.add_argument("path", metavar="PATH", help='the code, by path ("主范畴>范畴>概念")')
    p.add_argument("--level", choices=list(LEVELS), help="GT level")
    p.add_argument("--role", metavar="ROLE",
                   help="paradigm role: " + ", ".join(PARADIGM_ROLES) + " (or its label, 因果条件 …); none clears it")
    p.add_argument("--definition", metavar="TEXT", help="the code's definition (\"\" clears it)")
    coder_arg(p)

    p = add("relate", lambda args: cmd_relate(args, open_store),
            "Relate two codes (A is cause of B …), or with --remove take the relation away.",
            'Example: zhagen relate study.zhagen "组织动员" "参与意愿" --type is_cause_of; types: '
            + ", ".join(RELATION_TYPES) + ", a paradigm role, their labels (导致 …) or any other name "
            "(addresses). Relating again changes nothing.")
    project_arg(p)
    p.add_argument("source", metavar="A", help="the code the relation starts from, by path")
    p.add_argument("target", metavar="B", help="the code it goes to, by path")
    p.add_argument("--type", required=True, metavar="T", help="relation type (key, label or your own name)")
    p.add_argument("--memo", metavar="TEXT", help="a memo on the relation")
    p.add_argument("--undirected", action="store_true", help="the relation has no direction")
    p.add_argument("--remove", action="store_true", help="remove the relation of this type from A to B")
    coder_arg(p)

    p = add("participant", lambda args: cmd_participant(args, open_store),
            "Add a participant (受访者, cited by ID) or set their name and attribute values; define attributes.",
            "Example: zhagen participant study.zhagen A03 --name 王秀兰 --attribute 年龄 --type integer "
            "--set 年龄=45 --set 性别=女 (an attribute must exist before a value is set; an empty VALUE clears it).")
    project_arg(p)
    p.add_argument("id", metavar="ID", help="participant ID (A03); created if new")
    p.add_argument("--name", help="the participant's name (exports can replace it by the ID)")
    p.add_argument("--attribute", metavar="NAME", help="define an attribute of participants (if not defined yet)")
    p.add_argument("--type", choices=list(ATTRIBUTE_TYPES), help="with --attribute: its type (default text)")
    p.add_argument("--set", action="append", default=[], metavar="ATTR=VALUE",
                   help="set an attribute value (repeatable; typed values are checked: 45, true/是, 2024-05-01)")
    coder_arg(p)

    p = add("held-out", lambda args: cmd_held_out(args, open_store),
            "Hold a document out of the coding, for the theoretical saturation test, or with --off take it back.",
            'Example: zhagen held-out study.zhagen "A12 居民访谈"; zhagen saturation then counts it last.')
    project_arg(p)
    p.add_argument("doc", metavar="DOC", help="document name (or its source file name)")
    p.add_argument("--off", action="store_true", help="no longer held out")
    coder_arg(p)

    p = add("memo", lambda args: cmd_memo(args, open_store),
            "Write a memo: on the project, a code (--code) or a document (--doc); again with the same title, kind and "
            "place, its text is replaced.",
            'Example: zhagen memo study.zhagen 关系内涵 --code "组织化参与" --text "治安隐患促使居民在骨干带动下参与巡逻" '
            "(the paradigm model sheet's 关系内涵 are the memos on each main category); "
            'zhagen memo study.zhagen 故事线 --kind storyline --text "…".')
    project_arg(p)
    p.add_argument("title", metavar="TITLE", help="the memo's title")
    p.add_argument("--text", required=True, help="the memo's text")
    p.add_argument("--code", metavar="PATH", help="attach it to this code")
    p.add_argument("--doc", metavar="NAME", help="attach it to this document")
    p.add_argument("--kind", choices=list(MEMO_KINDS), default="memo", help="memo kind (default memo)")
    coder_arg(p)
