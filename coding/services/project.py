"""The project's own name, description, language and settings."""

from __future__ import annotations

from typing import Any, Mapping

from sqlalchemy import select

from coding import models as m
from coding.errors import InvalidInput
from coding.messages import Message
from coding.services._checks import clean_name, clean_text
from coding.storage import ProjectStore
from coding.uow import UnitOfWork
from coding.values import Outcome


def update_project(
    store: ProjectStore,
    *,
    name: str | None = None,
    description: str | None = None,
    language: str | None = None,
    settings: Mapping[str, Any] | None = None,
) -> Outcome[dict]:
    """Change project fields; `settings` keys are merged into the stored settings."""
    with UnitOfWork(store, "project_updated") as uow:
        row = uow.session.scalars(select(m.Project)).one()
        old = {"name": row.name, "description": row.description, "language": row.language}
        if name is not None:
            uow.update(row, name=clean_name(name, Message("project name")))
        if description is not None:
            uow.update(row, description=clean_text(description))
        if language is not None:
            if language not in ("zh_CN", "en"):
                raise InvalidInput("unknown language {language!r}; use zh_CN or en", language=language)
            uow.update(row, language=language)
        if settings is not None:
            uow.update(row, settings={**row.settings, **dict(settings)})
        uow.payload = {"old": old, "settings": sorted(settings) if settings else []}
        return uow.done({"name": row.name, "description": row.description, "language": row.language, "settings": dict(row.settings)})
