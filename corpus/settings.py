"""Per-project corpus settings: the speaker patterns and the user dictionary, stored in project settings."""

from __future__ import annotations

from typing import Iterable

from coding import queries
from coding.messages import Message
from coding.services._checks import clean_name
from coding.services.project import update_project
from coding.storage import ProjectStore
from coding.values import Outcome
from corpus.speakers import SpeakerPatterns
from corpus.units import DEFAULT_USER_WORDS


def user_words(store: ProjectStore) -> tuple[str, ...]:
    return tuple(queries.project_info(store)["settings"].get("user_words") or DEFAULT_USER_WORDS)


def set_user_words(store: ProjectStore, words: Iterable[str]) -> Outcome[dict]:
    """Replace the project's dictionary of domain terms (used at the next import)."""
    what = Message("dictionary word")
    cleaned = sorted({clean_name(w, what) for w in words})
    return update_project(store, settings={"user_words": cleaned})


def speaker_patterns(store: ProjectStore) -> SpeakerPatterns:
    return SpeakerPatterns.from_settings(queries.project_info(store)["settings"].get("speaker_patterns"))


def set_speaker_patterns(store: ProjectStore, patterns: SpeakerPatterns) -> Outcome[dict]:
    import re

    from coding.errors import InvalidInput

    for rx in patterns.extra:
        try:
            compiled = re.compile(rx)
        except re.error as exc:
            raise InvalidInput("speaker pattern {pattern!r} is not a regular expression: {detail}", pattern=rx,
                               detail=str(exc)) from None
        if "label" not in compiled.groupindex:
            raise InvalidInput("speaker pattern {pattern!r} needs a (?P<label>…) group", pattern=rx)
    return update_project(store, settings={"speaker_patterns": patterns.to_settings()})
