"""Alembic migrations of the project schema (run through `coding.storage`)."""
