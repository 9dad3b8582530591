"""statistics kept per month of receipt, with a generation per month

Revision ID: 0010_stats_partials
Revises: 0009_statistics
Create Date: 2026-11-30 01:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tipline.core.orm

revision: str = "0010_stats_partials"
down_revision: str | None = "0009_statistics"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

UTC = tipline.core.orm.UTCDateTime(timezone=True)


def upgrade() -> None:
    # the statistics read a month at a time: by receipt (assessments, files) and first sighting (items)
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index("ix_assessments_received_at", ["received_at"], unique=False)
    with op.batch_alter_table("report_files", schema=None) as batch_op:
        batch_op.create_index("ix_report_files_received_at", ["received_at"], unique=False)
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.create_index("ix_items_first_seen", ["first_seen"], unique=False)
    op.create_table(
        "stats_generations",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_stats_generations")),
    )
    op.create_table(
        "stats_partials",
        sa.Column("month", sa.String(length=7), nullable=False),
        sa.Column("generation", sa.BigInteger(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("payload", sa.JSON(), nullable=False),
        sa.Column("computed_at", UTC, nullable=False),
        sa.PrimaryKeyConstraint("month", name=op.f("pk_stats_partials")),
    )


def downgrade() -> None:
    op.drop_table("stats_partials")
    op.drop_table("stats_generations")
    with op.batch_alter_table("items", schema=None) as batch_op:
        batch_op.drop_index("ix_items_first_seen")
    with op.batch_alter_table("report_files", schema=None) as batch_op:
        batch_op.drop_index("ix_report_files_received_at")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_received_at")
