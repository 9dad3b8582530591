"""Alembic environment: the connection comes from tipline (see tipline.core.migrate); nothing is read here."""

from __future__ import annotations

from alembic import context

from tipline.models import Base

config = context.config
connection = config.attributes.get("connection")
if connection is None:  # pragma: no cover - only reachable through the plain alembic CLI
    raise RuntimeError("run migrations with `tipline db upgrade`")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=connection.dialect.name == "sqlite",
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
