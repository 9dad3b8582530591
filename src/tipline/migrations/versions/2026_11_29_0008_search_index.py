"""reports: an index on the provider's report id, for the portal's search

Revision ID: 0008_search_index
Revises: 0007_portal
Create Date: 2026-11-29 23:10:00
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008_search_index"
down_revision: str | None = "0007_portal"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.create_index("ix_reports_provider_report_id", ["provider_report_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("reports", schema=None) as batch_op:
        batch_op.drop_index("ix_reports_provider_report_id")
