"""Validation shared by the services; each failure is an InvalidInput sentence."""

from __future__ import annotations

import re
import unicodedata

from coding.errors import InvalidInput
from coding.vocab import LEVELS, PARADIGM_ROLES

_COLOUR = re.compile(r"^#[0-9a-fA-F]{6}$")


def clean_name(name: str, what: str = "name") -> str:
    """NFC, trimmed, single-line; refuses an empty name."""
    if not isinstance(name, str):
        raise InvalidInput(f"{what} must be text")
    cleaned = unicodedata.normalize("NFC", name).strip()
    if not cleaned:
        raise InvalidInput(f"{what} must not be empty")
    if "\n" in cleaned or "\r" in cleaned:
        raise InvalidInput(f"{what} must be a single line: {cleaned!r}")
    return cleaned


def clean_text(text: str) -> str:
    return unicodedata.normalize("NFC", text or "").replace("\r\n", "\n").replace("\r", "\n")


def check_colour(colour: str) -> str:
    if not isinstance(colour, str) or not _COLOUR.match(colour):
        raise InvalidInput(f"colour must look like #RRGGBB, not {colour!r}")
    return colour.lower()


def check_level(level: str) -> str:
    if level not in LEVELS:
        raise InvalidInput(f"unknown GT level {level!r}; use one of {', '.join(LEVELS)}")
    return level


def check_role(role: str | None) -> str | None:
    if role in (None, ""):
        return None
    if role not in PARADIGM_ROLES:
        raise InvalidInput(f"unknown paradigm role {role!r}; use one of {', '.join(PARADIGM_ROLES)}")
    return role


def check_span(start: int, end: int, length: int, where: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int)):
        raise InvalidInput("start and end must be whole numbers")
    if start < 0 or end <= start or end > length:
        raise InvalidInput(
            f"span {start}–{end} is not inside {where} (0–{length}, end after start)"
        )
