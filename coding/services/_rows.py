"""Deleting a row together with the rows that hang on it, each recorded for undo."""

from __future__ import annotations

from sqlalchemy import select

from coding import models as m
from coding.uow import UnitOfWork


def delete_coding_rows(uow: UnitOfWork, coding: m.Coding) -> None:
    for memo in uow.session.scalars(select(m.Memo).where(m.Memo.coding_id == coding.id)).all():
        uow.delete(memo)
    uow.delete(coding)


def delete_relation_rows(uow: UnitOfWork, relation: m.Relation) -> None:
    for memo in uow.session.scalars(select(m.Memo).where(m.Memo.relation_id == relation.id)).all():
        uow.delete(memo)
    uow.delete(relation)
