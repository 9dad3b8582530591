"""statistics: information-request times on assessments; narrative outcome imports

Revision ID: 0009_statistics
Revises: 0008_search_index
Create Date: 2026-11-30 01:00:00

Reports that are incomplete when this revision runs get ``information_requested_at`` = their last
assessment time (the request's own time is in their event log; an approximation for the scorecards
of reports already waiting).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tipline.core.orm

revision: str = "0009_statistics"
down_revision: str | None = "0008_search_index"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = tipline.core.orm.UTCDateTime(timezone=True)


def upgrade() -> None:
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(sa.Column("information_requested_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("information_answered_at", UTC, nullable=True))
        batch_op.add_column(sa.Column("provider_id", sa.Uuid(), nullable=True))
    op.execute("UPDATE assessments SET information_requested_at = assessed_at WHERE state = 'incomplete'")
    op.execute(
        "UPDATE assessments SET "
        "provider_id = (SELECT provider_id FROM reports WHERE reports.id = assessments.report_id)"
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.alter_column("provider_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_assessments_provider_id_providers"), "providers", ["provider_id"], ["id"]
        )
        batch_op.create_index(
            "ix_assessments_information_requested_at", ["information_requested_at"], unique=False
        )

    # referrals carry the report's provider and time of receipt (statistics read one table)
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("provider_id", sa.Uuid(), nullable=True))
        batch_op.add_column(sa.Column("report_received_at", UTC, nullable=True))
    op.execute(
        "UPDATE referrals SET "
        "provider_id = (SELECT provider_id FROM reports WHERE reports.id = referrals.report_id), "
        "report_received_at = (SELECT received_at FROM reports WHERE reports.id = referrals.report_id)"
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.alter_column("provider_id", existing_type=sa.Uuid(), nullable=False)
        batch_op.alter_column("report_received_at", existing_type=UTC, nullable=False)
        batch_op.create_foreign_key(
            batch_op.f("fk_referrals_provider_id_providers"), "providers", ["provider_id"], ["id"]
        )
        batch_op.create_index(
            batch_op.f("ix_referrals_report_received_at"), ["report_received_at"], unique=False
        )

    op.create_table(
        "narrative_imports",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("name", sa.String(length=255), nullable=False),
        sa.Column("sha256", sa.String(length=64), nullable=False),
        sa.Column("dated", UTC, nullable=False),
        sa.Column("imported_by", sa.String(length=128), nullable=False),
        sa.Column("imported_at", UTC, nullable=False),
        sa.Column("cases", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_imports")),
        sa.UniqueConstraint("sha256", name=op.f("uq_narrative_imports_sha256")),
    )
    op.create_table(
        "narrative_cases",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("import_id", BigId, nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("part", sa.String(length=32), nullable=False),
        sa.Column("country", sa.String(length=64), nullable=False),
        sa.Column("state", sa.String(length=2), nullable=True),
        sa.Column("dated", UTC, nullable=False),
        sa.Column("first_line", sa.Text(), nullable=False),
        sa.Column("fields", sa.JSON(), nullable=False),
        sa.Column("confirmed", sa.JSON(), nullable=False),
        sa.Column("pending_review", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(
            ["import_id"],
            ["narrative_imports.id"],
            name=op.f("fk_narrative_cases_import_id_narrative_imports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_narrative_cases")),
        sa.UniqueConstraint("import_id", "seq", name=op.f("uq_narrative_cases_import_id")),
    )
    with op.batch_alter_table("narrative_cases", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_narrative_cases_import_id"), ["import_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_narrative_cases_state"), ["state"], unique=False)
        batch_op.create_index(batch_op.f("ix_narrative_cases_dated"), ["dated"], unique=False)


def downgrade() -> None:
    op.drop_table("narrative_cases")
    op.drop_table("narrative_imports")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_referrals_report_received_at"))
        batch_op.drop_constraint(batch_op.f("fk_referrals_provider_id_providers"), type_="foreignkey")
        batch_op.drop_column("report_received_at")
        batch_op.drop_column("provider_id")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_information_requested_at")
        batch_op.drop_constraint(batch_op.f("fk_assessments_provider_id_providers"), type_="foreignkey")
        batch_op.drop_column("provider_id")
        batch_op.drop_column("information_answered_at")
        batch_op.drop_column("information_requested_at")
