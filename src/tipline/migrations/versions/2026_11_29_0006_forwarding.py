"""forwarding: agencies, routing policy, referrals, webhook deliveries (outbox)

Revision ID: 0006_forwarding
Revises: 0005_jurisdiction
Create Date: 2026-11-29 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa  # noqa: F401
from alembic import op  # noqa: F401

import tipline.core.orm  # noqa: F401

revision: str = "0006_forwarding"
down_revision: str | None = "0005_jurisdiction"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    pass


def downgrade() -> None:
    pass
