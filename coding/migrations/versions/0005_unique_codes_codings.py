"""unique sibling codes and codings

Two coders working at the same moment could create the same code twice under
one parent, or the same coding (same coder, code, document and span) twice:
the services checked, then inserted. This revision lets the database refuse
the second one:

- `uq_codes_parent_name`: siblings differ by name (names compare as the
  services compare them: stored NFC and trimmed, otherwise exactly);
  `uq_codes_top_name` does the same for top-level codes, whose NULL parents
  never collide in a plain unique index;
- `uq_codings_document_span` replaces the covering index of 0003 with a unique
  one on the same columns.

A project may already hold such duplicates. Nothing a researcher made is
lost on the way: a duplicate code keeps its codings, children and memos and
is renamed "NAME (2)", "NAME (3)" … (as an import renames a sibling), so it
can be merged by hand; of duplicate codings the oldest is kept, the others'
memos move to it and their comments are appended to its comment. What was
done is listed in one "duplicates_resolved" event.

Also drops the foreign key of events.coder_id: a coder is now registered by
their first action, and undoing that action removes the coder again while the
append-only log keeps the events naming them.

Revision ID: 0005_unique_codes_codings
Revises: 0004_memo_kinds
Create Date: 2026-12-01
"""

from datetime import datetime, timezone

from alembic import op
import sqlalchemy as sa


revision = '0005_unique_codes_codings'
down_revision = '0004_memo_kinds'
branch_labels = None
depends_on = None

NAME_LIMIT = 300  # codes.name is String(300)
TOP_LEVEL = sa.text("parent_id IS NULL")

codes = sa.table("codes", sa.column("id", sa.Integer), sa.column("guid", sa.String), sa.column("name", sa.String),
                 sa.column("parent_id", sa.Integer))
codings = sa.table("codings", sa.column("id", sa.Integer), sa.column("guid", sa.String),
                   sa.column("code_id", sa.Integer), sa.column("document_id", sa.Integer),
                   sa.column("start_offset", sa.Integer), sa.column("end_offset", sa.Integer),
                   sa.column("coder_id", sa.Integer), sa.column("comment", sa.Text))
memos = sa.table("memos", sa.column("id", sa.Integer), sa.column("coding_id", sa.Integer))
events = sa.table("events", sa.column("at", sa.DateTime), sa.column("coder_id", sa.Integer),
                  sa.column("action", sa.String), sa.column("payload", sa.JSON))

CODING_KEY = ("code_id", "document_id", "start_offset", "end_offset", "coder_id")


def _merge_duplicate_codings(conn: sa.Connection) -> list[dict]:
    key = [codings.c[k] for k in CODING_KEY]
    groups = conn.execute(sa.select(*key).group_by(*key).having(sa.func.count() > 1)).all()
    merged = []
    for group in groups:
        rows = conn.execute(sa.select(codings.c.id, codings.c.guid, codings.c.comment)
                            .where(*(c == value for c, value in zip(key, group))).order_by(codings.c.id)).all()
        kept, others = rows[0], rows[1:]
        comments = [kept.comment] if kept.comment else []
        for row in others:
            if row.comment and row.comment not in comments:
                comments.append(row.comment)
        ids = [row.id for row in others]
        conn.execute(sa.update(memos).where(memos.c.coding_id.in_(ids)).values(coding_id=kept.id))
        conn.execute(sa.update(codings).where(codings.c.id == kept.id).values(comment="\n".join(comments)))
        conn.execute(sa.delete(codings).where(codings.c.id.in_(ids)))
        merged.append({"kept": kept.id, "kept_guid": kept.guid, "removed": ids,
                       "removed_guids": [row.guid for row in others], **dict(zip(CODING_KEY, group))})
    return merged


def _rename_duplicate_codes(conn: sa.Connection) -> list[dict]:
    groups = conn.execute(sa.select(codes.c.parent_id, codes.c.name).group_by(codes.c.parent_id, codes.c.name)
                          .having(sa.func.count() > 1)).all()
    renamed = []
    for parent_id, name in groups:
        under = codes.c.parent_id.is_(None) if parent_id is None else codes.c.parent_id == parent_id
        taken = set(conn.scalars(sa.select(codes.c.name).where(under)))
        rows = conn.execute(sa.select(codes.c.id, codes.c.guid).where(under, codes.c.name == name)
                            .order_by(codes.c.id)).all()
        n = 2
        for row in rows[1:]:  # the oldest keeps the name
            while True:
                suffix = f" ({n})"
                candidate = name[: NAME_LIMIT - len(suffix)].rstrip() + suffix
                n += 1
                if candidate not in taken:
                    break
            taken.add(candidate)
            conn.execute(sa.update(codes).where(codes.c.id == row.id).values(name=candidate))
            renamed.append({"code_id": row.id, "guid": row.guid, "parent_id": parent_id, "old": name,
                            "new": candidate})
    return renamed


def upgrade() -> None:
    conn = op.get_bind()
    merged = _merge_duplicate_codings(conn)
    renamed = _rename_duplicate_codes(conn)
    if merged or renamed:
        conn.execute(sa.insert(events).values(
            at=datetime.now(timezone.utc).replace(tzinfo=None), coder_id=None, action="duplicates_resolved",
            payload={"revision": revision, "renamed_codes": renamed, "merged_codings": merged}))

    op.drop_index('ix_codings_document_span', table_name='codings')
    op.create_index('uq_codings_document_span', 'codings',
                    ['document_id', 'start_offset', 'end_offset', 'code_id', 'coder_id'], unique=True)
    op.create_index('uq_codes_parent_name', 'codes', ['parent_id', 'name'], unique=True)
    op.create_index('uq_codes_top_name', 'codes', ['name'], unique=True,
                    sqlite_where=TOP_LEVEL, postgresql_where=TOP_LEVEL)
    with op.batch_alter_table('events', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.drop_constraint('fk_events_coder_id_coders', type_='foreignkey')


def downgrade() -> None:
    # events may name coders an undo removed since; the old foreign key cannot hold them
    conn = op.get_bind()
    conn.execute(sa.update(events).where(events.c.coder_id.not_in(sa.select(sa.column("id")).select_from(
        sa.table("coders")))).values(coder_id=None))
    with op.batch_alter_table('events', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.create_foreign_key('fk_events_coder_id_coders', 'coders', ['coder_id'], ['id'])
    op.drop_index('uq_codes_top_name', table_name='codes')
    op.drop_index('uq_codes_parent_name', table_name='codes')
    op.drop_index('uq_codings_document_span', table_name='codings')
    op.create_index('ix_codings_document_span', 'codings',
                    ['document_id', 'start_offset', 'end_offset', 'code_id', 'coder_id'], unique=False)
