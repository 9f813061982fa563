"""memo kinds

Adds the grounded-theory memo types (code_note, theoretical, operational) to
the memo kinds and widens the column for their names.

Revision ID: 0004_memo_kinds
Revises: 0003_coding_positions_index
Create Date: 2026-11-24
"""

from alembic import op
import sqlalchemy as sa


revision = '0004_memo_kinds'
down_revision = '0003_coding_positions_index'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('memos', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.drop_constraint(op.f('ck_memos_kind'), type_='check')
        batch.alter_column('kind', existing_type=sa.String(length=10), type_=sa.String(length=20), existing_nullable=False)
        batch.create_check_constraint(
            op.f('ck_memos_kind'), "kind IN ('memo','storyline','code_note','theoretical','operational')")


def downgrade() -> None:
    with op.batch_alter_table('memos', table_kwargs={'sqlite_autoincrement': True}) as batch:
        batch.drop_constraint(op.f('ck_memos_kind'), type_='check')
        batch.alter_column('kind', existing_type=sa.String(length=20), type_=sa.String(length=10), existing_nullable=False)
        batch.create_check_constraint(op.f('ck_memos_kind'), "kind IN ('memo','storyline')")
