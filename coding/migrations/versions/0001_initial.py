"""initial schema

Revision ID: 0001_initial
Revises: 
Create Date: 2026-11-23
"""

from alembic import op
import sqlalchemy as sa


revision = '0001_initial'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('attributes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('type', sa.String(length=10), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.CheckConstraint("type IN ('text','integer','float','boolean','date')", name=op.f('ck_attributes_type')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attributes')),
    sa.UniqueConstraint('guid', name=op.f('uq_attributes_guid')),
    sa.UniqueConstraint('name', name=op.f('uq_attributes_name')),
    sqlite_autoincrement=True,
    )
    op.create_table('coders',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_coders')),
    sa.UniqueConstraint('guid', name=op.f('uq_coders_guid')),
    sa.UniqueConstraint('name', name=op.f('uq_coders_name')),
    sqlite_autoincrement=True,
    )
    op.create_table('participants',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('pid', sa.String(length=50), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('notes', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_participants')),
    sa.UniqueConstraint('guid', name=op.f('uq_participants_guid')),
    sa.UniqueConstraint('pid', name=op.f('uq_participants_pid')),
    sqlite_autoincrement=True,
    )
    op.create_table('project',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('language', sa.String(length=16), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('settings', sa.JSON(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_project')),
    sa.UniqueConstraint('guid', name=op.f('uq_project_guid')),
    sqlite_autoincrement=True,
    )
    op.create_table('attribute_values',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=False),
    sa.Column('attribute_id', sa.Integer(), nullable=False),
    sa.Column('value', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['attribute_id'], ['attributes.id'], name=op.f('fk_attribute_values_attribute_id_attributes')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_attribute_values_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_attribute_values')),
    sa.UniqueConstraint('participant_id', 'attribute_id', name='participant_attribute'),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('attribute_values', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_attribute_values_attribute_id'), ['attribute_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_attribute_values_participant_id'), ['participant_id'], unique=False)

    op.create_table('codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('parent_id', sa.Integer(), nullable=True),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('level', sa.String(length=10), nullable=False),
    sa.Column('definition', sa.Text(), nullable=False),
    sa.Column('colour', sa.String(length=7), nullable=False),
    sa.Column('paradigm_role', sa.String(length=40), nullable=True),
    sa.Column('in_vivo', sa.Boolean(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("level IN ('concept','category','main','core','none')", name=op.f('ck_codes_level')),
    sa.ForeignKeyConstraint(['created_by'], ['coders.id'], name=op.f('fk_codes_created_by_coders')),
    sa.ForeignKeyConstraint(['parent_id'], ['codes.id'], name=op.f('fk_codes_parent_id_codes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_codes')),
    sa.UniqueConstraint('guid', name=op.f('uq_codes_guid')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('codes', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_codes_parent_id'), ['parent_id'], unique=False)

    op.create_table('documents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('length', sa.Integer(), nullable=False),
    sa.Column('sha256', sa.String(length=64), nullable=False),
    sa.Column('source_name', sa.String(length=500), nullable=False),
    sa.Column('encoding', sa.String(length=40), nullable=False),
    sa.Column('imported_at', sa.DateTime(), nullable=False),
    sa.Column('coding_order', sa.Integer(), nullable=False),
    sa.Column('held_out', sa.Boolean(), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('meta', sa.JSON(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.ForeignKeyConstraint(['created_by'], ['coders.id'], name=op.f('fk_documents_created_by_coders')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_documents_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_documents')),
    sa.UniqueConstraint('guid', name=op.f('uq_documents_guid')),
    sa.UniqueConstraint('name', name=op.f('uq_documents_name')),
    sa.UniqueConstraint('sha256', name=op.f('uq_documents_sha256')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_documents_participant_id'), ['participant_id'], unique=False)

    op.create_table('events',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name=op.f('fk_events_coder_id_coders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_events')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_events_action'), ['action'], unique=False)
        batch_op.create_index(batch_op.f('ix_events_at'), ['at'], unique=False)

    op.create_table('snapshots',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('payload', sa.JSON(), nullable=False),
    sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name=op.f('fk_snapshots_coder_id_coders')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_snapshots')),
    sqlite_autoincrement=True,
    )
    op.create_table('codings',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('code_id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('coder_id', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('comment', sa.Text(), nullable=False),
    sa.CheckConstraint('start_offset >= 0 AND end_offset > start_offset', name=op.f('ck_codings_span')),
    sa.ForeignKeyConstraint(['code_id'], ['codes.id'], name=op.f('fk_codings_code_id_codes')),
    sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name=op.f('fk_codings_coder_id_coders')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_codings_document_id_documents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_codings')),
    sa.UniqueConstraint('guid', name=op.f('uq_codings_guid')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('codings', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_codings_code_id'), ['code_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_codings_coder_id'), ['coder_id'], unique=False)
        batch_op.create_index('ix_codings_document_span', ['document_id', 'start_offset'], unique=False)

    op.create_table('relations',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('source_id', sa.Integer(), nullable=False),
    sa.Column('target_id', sa.Integer(), nullable=False),
    sa.Column('type', sa.String(length=100), nullable=False),
    sa.Column('directed', sa.Boolean(), nullable=False),
    sa.Column('memo', sa.Text(), nullable=False),
    sa.Column('created_by', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.ForeignKeyConstraint(['created_by'], ['coders.id'], name=op.f('fk_relations_created_by_coders')),
    sa.ForeignKeyConstraint(['source_id'], ['codes.id'], name=op.f('fk_relations_source_id_codes')),
    sa.ForeignKeyConstraint(['target_id'], ['codes.id'], name=op.f('fk_relations_target_id_codes')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_relations')),
    sa.UniqueConstraint('guid', name=op.f('uq_relations_guid')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_relations_source_id'), ['source_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_relations_target_id'), ['target_id'], unique=False)

    op.create_table('turns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.Column('speaker', sa.String(length=100), nullable=False),
    sa.Column('participant_id', sa.Integer(), nullable=True),
    sa.Column('is_interviewer', sa.Boolean(), nullable=False),
    sa.Column('timestamp', sa.String(length=40), nullable=True),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_turns_document_id_documents')),
    sa.ForeignKeyConstraint(['participant_id'], ['participants.id'], name=op.f('fk_turns_participant_id_participants')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_turns')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('turns', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_turns_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_turns_participant_id'), ['participant_id'], unique=False)

    op.create_table('memos',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('guid', sa.String(length=36), nullable=False),
    sa.Column('title', sa.String(length=300), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=True),
    sa.Column('code_id', sa.Integer(), nullable=True),
    sa.Column('coding_id', sa.Integer(), nullable=True),
    sa.Column('relation_id', sa.Integer(), nullable=True),
    sa.Column('coder_id', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('updated_at', sa.DateTime(), nullable=False),
    sa.CheckConstraint("kind IN ('memo','storyline')", name=op.f('ck_memos_kind')),
    sa.ForeignKeyConstraint(['code_id'], ['codes.id'], name=op.f('fk_memos_code_id_codes')),
    sa.ForeignKeyConstraint(['coder_id'], ['coders.id'], name=op.f('fk_memos_coder_id_coders')),
    sa.ForeignKeyConstraint(['coding_id'], ['codings.id'], name=op.f('fk_memos_coding_id_codings')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_memos_document_id_documents')),
    sa.ForeignKeyConstraint(['relation_id'], ['relations.id'], name=op.f('fk_memos_relation_id_relations')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_memos')),
    sa.UniqueConstraint('guid', name=op.f('uq_memos_guid')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('memos', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_memos_code_id'), ['code_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memos_coding_id'), ['coding_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memos_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_memos_relation_id'), ['relation_id'], unique=False)

    op.create_table('units',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('document_id', sa.Integer(), nullable=False),
    sa.Column('turn_id', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('start_offset', sa.Integer(), nullable=False),
    sa.Column('end_offset', sa.Integer(), nullable=False),
    sa.CheckConstraint("kind IN ('sentence','clause')", name=op.f('ck_units_kind')),
    sa.ForeignKeyConstraint(['document_id'], ['documents.id'], name=op.f('fk_units_document_id_documents')),
    sa.ForeignKeyConstraint(['turn_id'], ['turns.id'], name=op.f('fk_units_turn_id_turns')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_units')),
    sqlite_autoincrement=True,
    )
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_units_document_id'), ['document_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_units_turn_id'), ['turn_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('units', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_units_turn_id'))
        batch_op.drop_index(batch_op.f('ix_units_document_id'))

    op.drop_table('units')
    with op.batch_alter_table('memos', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_memos_relation_id'))
        batch_op.drop_index(batch_op.f('ix_memos_document_id'))
        batch_op.drop_index(batch_op.f('ix_memos_coding_id'))
        batch_op.drop_index(batch_op.f('ix_memos_code_id'))

    op.drop_table('memos')
    with op.batch_alter_table('turns', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_turns_participant_id'))
        batch_op.drop_index(batch_op.f('ix_turns_document_id'))

    op.drop_table('turns')
    with op.batch_alter_table('relations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_relations_target_id'))
        batch_op.drop_index(batch_op.f('ix_relations_source_id'))

    op.drop_table('relations')
    with op.batch_alter_table('codings', schema=None) as batch_op:
        batch_op.drop_index('ix_codings_document_span')
        batch_op.drop_index(batch_op.f('ix_codings_coder_id'))
        batch_op.drop_index(batch_op.f('ix_codings_code_id'))

    op.drop_table('codings')
    op.drop_table('snapshots')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_events_at'))
        batch_op.drop_index(batch_op.f('ix_events_action'))

    op.drop_table('events')
    with op.batch_alter_table('documents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_documents_participant_id'))

    op.drop_table('documents')
    with op.batch_alter_table('codes', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_codes_parent_id'))

    op.drop_table('codes')
    with op.batch_alter_table('attribute_values', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_attribute_values_participant_id'))
        batch_op.drop_index(batch_op.f('ix_attribute_values_attribute_id'))

    op.drop_table('attribute_values')
    op.drop_table('project')
    op.drop_table('participants')
    op.drop_table('coders')
    op.drop_table('attributes')
