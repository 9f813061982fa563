"""coding positions index

Widens the codings' document/span index so that it covers everything the
workbench reads at open (code, document, span, coder): SQLite then scans the
small index instead of the table with its GUIDs, comments and times.

Revision ID: 0003_coding_positions_index
Revises: 0002_document_tokens
Create Date: 2026-11-23
"""

from alembic import op


revision = '0003_coding_positions_index'
down_revision = '0002_document_tokens'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.drop_index('ix_codings_document_span', table_name='codings')
    op.create_index('ix_codings_document_span', 'codings',
                    ['document_id', 'start_offset', 'end_offset', 'code_id', 'coder_id'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_codings_document_span', table_name='codings')
    op.create_index('ix_codings_document_span', 'codings', ['document_id', 'start_offset'], unique=False)
