"""The core's messages in the interface language: the one place where an error or a report line becomes text.

The core refuses actions and reports skipped files in English, as
`coding.messages.Message`s that keep their template and values. Every place
in app/ that shows one (a refused action in the status bar, an import report,
a project that cannot be opened) passes it through `say()`, which gives it in
Chinese when the Chinese interface is installed, with the same names, counts
and file names filled in, and in English otherwise. The Chinese templates are
the core's own (coding/messages_zh.py), so the Excel workbook, written
without Qt, says its notes in the same words.

`app.launcher.set_language` tells this module which language it installed.
"""

from __future__ import annotations

from coding.messages import say as say_in

_language = "en"


def set_interface_language(language: str) -> None:
    """The language the interface now speaks: "zh_CN" or "en" (called by app.launcher.set_language)."""
    global _language
    _language = "zh" if language.startswith("zh") else "en"


def interface_language() -> str:
    """"zh" or "en"."""
    return _language


def say(message: object) -> str:
    """MESSAGE (an exception, a Message, or other text) in the interface language."""
    return say_in(message, _language)
