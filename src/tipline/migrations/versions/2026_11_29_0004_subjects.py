"""subjects: clusters of reports believed to be one person, links with evidence, identifier frequencies

Revision ID: 0004_subjects
Revises: 0003_assessment
Create Date: 2026-11-29 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import tipline.core.orm  # noqa: F401

revision: str = "0004_subjects"
down_revision: str | None = "0003_assessment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
