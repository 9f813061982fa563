"""Alembic environment: always run online on a connection handed in by storage."""

from alembic import context

from coding.models import Base

connection = context.config.attributes.get("connection")
if connection is None:  # pragma: no cover - only alembic's own CLI would do this
    raise RuntimeError("run migrations through coding.storage, which supplies a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite needs batch mode to alter tables
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
