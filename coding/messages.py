"""Sentences for a user that keep their template and values, so each front end can say them in its language.

The core writes every refusal and report line in English, as a `Message`: a
`str` (the English sentence, so the command line, logs and existing callers
use it as before) that also keeps the template it was made from and the
values filled in. `say(message, "zh")` fills the same values into the
template's Chinese counterpart from `coding.messages_zh`; the GUI calls it
with the interface language, exports with the workbook's.

A template is a `str.format` pattern with named fields when it is given
values (`Message("{name}: no such file", name=path)`) and is taken as it is
when it is given none (braces then need no doubling). A value may itself be a
Message (a reason, "at the top level"): it is said in the same language.
Templates are string literals at the call, never f-strings, so the test suite
can find them all and check each has its Chinese.

This module imports nothing of ours: corpus/ and exports/ use it too.
"""

from __future__ import annotations

from typing import Any

LANGUAGES = ("en", "zh")


class Message(str):
    """An English sentence for a user (the str value) with its `template` and `args` kept for translation."""

    template: str
    args: dict[str, Any]

    def __new__(cls, template: str, /, **args: Any) -> "Message":
        self = super().__new__(cls, template.format(**args) if args else template)
        self.template = template
        self.args = args
        return self

    def __reduce__(self):  # noqa: ANN204 - pickled across worker processes with its template, not just the text
        return _rebuild, (type(self), self.template, self.args)


def _rebuild(cls: type[Message], template: str, args: dict[str, Any]) -> Message:
    return cls(template, **args)


def say(message: object, lang: str = "en") -> str:
    """MESSAGE in LANG ("en" or "zh", also "zh_CN"): an exception, a Message or any other text.

    A Message whose template has no Chinese yet, or anything that is not a
    Message (a library's own error text), is said in English."""
    if isinstance(message, BaseException):
        message = message_of(message)
    if not lang.startswith("zh") or not isinstance(message, Message):
        return str(message)
    from coding.messages_zh import ZH

    template = ZH.get(message.template)
    if template is None:
        return str(message)
    if not message.args:
        return template
    args = {key: say(value, lang) if isinstance(value, Message) else value for key, value in message.args.items()}
    try:
        return template.format(**args)
    except (KeyError, IndexError, ValueError):  # a catalogue slip must not hide the message: say it in English
        return str(message)


def message_of(error: BaseException) -> Message | str:
    """The Message an exception carries (its first argument), else its text."""
    first = error.args[0] if len(error.args) == 1 else None
    return first if isinstance(first, Message) else str(error)


class MessageError(Exception):
    """An error whose one argument is a Message: `SomeError("{name}: no such file", name=path)`.

    str(error) is the English sentence, as before; `message_of(error)` (or
    `say(error, lang)`) gives the template and values. A ready Message is taken
    as it is."""

    def __init__(self, message: str, /, **args: Any):
        super().__init__(message if isinstance(message, Message) and not args else Message(message, **args))

    @property
    def message(self) -> Message:
        found = message_of(self)
        return found if isinstance(found, Message) else Message(found)
