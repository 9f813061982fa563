"""The core's messages: every template has its Chinese with the same fields, and Messages behave as text.

The scan reads the core's source: each `Message("…")` and each error of
`coding.messages.MessageError` made with a literal template must have an entry
in `coding.messages_zh.ZH` whose fields are the template's; an f-string there
(a message the GUI could not translate) fails the test. The modules of the
command line alone are left out: it prints English.
"""

from __future__ import annotations

import ast
import importlib
import pickle
import pkgutil
import string
from pathlib import Path

import pytest

import coding
import corpus
import exports
from coding.errors import InvalidInput, NotFound, ZhagenError
from coding.messages import Message, MessageError, message_of, say
from coding.messages_zh import ZH

ROOT = Path(__file__).resolve().parents[2]
CLI_ONLY = {"coding/cli.py", "coding/study_commands.py", "coding/consensus_commands.py", "corpus/commands.py", "corpus/import_command.py", "exports/commands.py"}
LEFT_OUT = CLI_ONLY | {"corpus/speakers.py"}  # speaker recognition raises nothing a user sees
HELPERS = {"skip", "note", "missing"}  # functions that take a ready Message (a report line, a reason)
REPORT_LISTS = {"skipped", "remarks", "reasons"}  # lists of report lines: `x.skipped.append(Message(…))`


def _error_classes() -> set[str]:
    for pkg in (coding, corpus, exports):
        for mod in pkgutil.walk_packages(pkg.__path__, pkg.__name__ + "."):
            if "migrations" not in mod.name:
                importlib.import_module(mod.name)
    found, todo = set(), [MessageError]
    while todo:
        cls = todo.pop()
        found.add(cls.__name__)
        todo.extend(cls.__subclasses__())
    return found


def _name(func: ast.expr) -> str:
    return func.id if isinstance(func, ast.Name) else func.attr if isinstance(func, ast.Attribute) else ""


def _fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name is not None}


def _scan() -> tuple[dict[str, tuple[set[str], str]], list[str]]:
    """Templates found (→ the keywords given with them, where) and the messages made in a way ZH cannot hold."""
    makers = _error_classes() | {"Message"}
    templates: dict[str, tuple[set[str], str]] = {}
    wrong: list[str] = []
    for path in sorted(p for pkg in ("coding", "corpus", "exports") for p in (ROOT / pkg).rglob("*.py")):
        rel = path.relative_to(ROOT).as_posix()
        if rel in LEFT_OUT or "/migrations/" in rel:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, ast.Call):
                continue
            name, where = _name(node.func), f"{rel}:{node.lineno}"
            report_list = (name == "append" and isinstance(node.func, ast.Attribute)
                           and _name(node.func.value) in REPORT_LISTS)
            if name in makers and node.args:
                first = node.args[0]
                if isinstance(first, ast.Constant) and isinstance(first.value, str):
                    given = {k.arg or "**" for k in node.keywords}  # "**": values passed as a mapping
                    if first.value in templates and templates[first.value][0] != given:
                        wrong.append(f"{where}: {first.value!r} given other values than at {templates[first.value][1]}")
                    templates[first.value] = (given, where)
                elif isinstance(first, (ast.JoinedStr, ast.BinOp)) or (
                        isinstance(first, ast.Call) and _name(first.func) in {"format", "join"}):
                    wrong.append(f"{where}: {name}(…) made from a composed string; give a template and values")
            elif (name in HELPERS and _name(getattr(node.func, "value", node.func)) in {"self", "reader", name}) \
                    or report_list:
                for arg in node.args:
                    if isinstance(arg, ast.JoinedStr) or (isinstance(arg, ast.Constant) and isinstance(arg.value, str)):
                        wrong.append(f"{where}: {name}(…) given text; give it a Message(…)")
    return templates, wrong


def test_every_core_message_is_made_from_a_template():
    _, wrong = _scan()
    assert not wrong, "\n".join(wrong)


def test_every_core_template_has_chinese_with_the_same_fields():
    templates, _ = _scan()
    assert len(templates) > 200  # the scan sees the core's messages
    missing = [f"{where}: {t!r}" for t, (_, where) in templates.items() if t not in ZH]
    assert not missing, "no Chinese in coding/messages_zh.py for:\n" + "\n".join(missing)
    unlike = []
    for template, (given, where) in templates.items():
        if given:  # a template given no values is said as it is, braces and all
            if "**" not in given and _fields(template) != given:
                unlike.append(f"{where}: {template!r} has fields {sorted(_fields(template))}, is given {sorted(given)}")
            if _fields(ZH[template]) != _fields(template):
                unlike.append(f"{where}: the Chinese of {template!r} has fields {sorted(_fields(ZH[template]))}")
            ZH[template].format(**{key: 1 for key in _fields(template)})  # a spec such as {n:,} suits a number
    assert not unlike, "\n".join(unlike)


def test_the_catalogue_gives_each_template_once():
    table = next(node for node in ast.walk(ast.parse((ROOT / "coding" / "messages_zh.py").read_text(encoding="utf-8")))
                 if isinstance(node, ast.Dict))
    keys = [key.value for key in table.keys]
    assert len(keys) == len(set(keys)), sorted({k for k in keys if keys.count(k) > 1})  # a later one would win unseen


def test_the_catalogue_holds_only_templates_the_core_uses():
    templates, _ = _scan()
    stale = sorted(set(ZH) - set(templates))
    assert not stale, f"coding/messages_zh.py has entries no core message uses: {stale}"


def test_a_message_is_its_english_sentence_and_says_itself_in_chinese():
    where = Message("under {path!r}", path="社区>警务")
    message = Message("a code named {name!r} already exists {where}", name="邻里", where=where)
    assert message == "a code named '邻里' already exists under '社区>警务'"
    assert isinstance(message, str) and message.template.startswith("a code named")
    assert say(message, "zh") == "“社区>警务”下已有名为“邻里”的代码"
    assert say(message, "zh_CN") == say(message, "zh") and say(message, "en") == message
    assert say("plain text from a library", "zh") == "plain text from a library"
    copy = pickle.loads(pickle.dumps(message))  # reasons cross worker processes
    assert copy == message and copy.args["where"].template == "under {path!r}" and say(copy, "zh") == say(message, "zh")


def test_errors_keep_their_template_and_values():
    error = InvalidInput("coder {name!r} has no codings to compare", name="王五")
    assert str(error) == "coder '王五' has no codings to compare"
    assert message_of(error).args == {"name": "王五"}
    assert say(error, "zh") == "编码者“王五”没有可比较的编码"
    again = pickle.loads(pickle.dumps(error))
    assert type(again) is InvalidInput and say(again, "zh") == say(error, "zh")
    with pytest.raises(ZhagenError, match="no code with id 7"):
        raise NotFound("no {what} with id {id}", what=Message("code"), id=7)
    braces = InvalidInput("a name with {braces} given no values")  # taken as it is
    assert str(braces) == "a name with {braces} given no values"
