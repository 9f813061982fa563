"""document tokens

Revision ID: 0002_document_tokens
Revises: 0001_initial
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa


revision = '0002_document_tokens'
down_revision = '0001_initial'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('document_tokens',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('bounds', sa.LargeBinary(), nullable=False),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_document_tokens_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_document_tokens')),
    sa.UniqueConstraint('document_id', name=op.f('uq_document_tokens_document_id')),
    sqlite_autoincrement=True
    )


def downgrade() -> None:
    op.drop_table('document_tokens')
