"""Validation shared by the services; each failure is an InvalidInput sentence."""

from __future__ import annotations

import re
import unicodedata

from coding.errors import InvalidInput
from coding.messages import Message
from coding.vocab import LEVELS, PARADIGM_ROLES

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def clean_name(name: str, what: Message = Message("name")) -> str:
    """NFC, trimmed, single-line; refuses an empty name. WHAT names the name in messages ("code name")."""
    if not isinstance(name, str):
        raise InvalidInput("{what} must be text", what=what)
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise InvalidInput("{what} must not be empty", what=what)
    if "\n" in cleaned or "\r" in cleaned:
        raise InvalidInput("{what} must be a single line: {name!r}", what=what, name=cleaned)
    return cleaned


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")


def check_colour(colour: str) -> str:
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise InvalidInput("colour must look like #RRGGBB, not {colour!r}", colour=colour)
    return colour.lower()


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise InvalidInput("unknown GT level {level!r}; use one of {known}", level=level, known=", ".join(LEVELS))
    return level


def check_role(role: str | None) -> str | None:
    if role in (None, ""):
        return None
    if role not in PARADIGM_ROLES:
        raise InvalidInput("unknown paradigm role {role!r}; use one of {known}", role=role, known=", ".join(PARADIGM_ROLES))
    return role


def check_span(start: int, end: int, length: int, where: Message) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise InvalidInput("start and end must be whole numbers")
    if start < 0 or end <= start or end > length:
        raise InvalidInput("span {start}–{end} is not inside {where} (0–{length}, end after start)",
                           start=start, end=end, where=where, length=length)
