"""assessment: decisions, supplements, notes, items, sightings, bundles, report identifiers

Revision ID: 0003_assessment
Revises: 0002_banks
Create Date: 2026-11-29 15:39:11.847475
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tipline.core.orm

revision: str = "0003_assessment"
down_revision: str | None = "0002_banks"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:

    op.create_table(
        "items",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("key", sa.String(length=80), nullable=False),
        sa.Column("first_seen", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("last_seen", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("occurrences", sa.BigInteger(), nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_items")),
        sa.UniqueConstraint("key", name=op.f("uq_items_key")),
    )
    op.create_table(
        "bundles",
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("opened_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("reason", sa.String(length=32), nullable=False),
        sa.Column("reports", sa.Integer(), nullable=False),
        sa.Column("accounts", sa.Integer(), nullable=False),
        sa.Column("occurrences", sa.BigInteger(), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("updated_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("data", sa.JSON(), nullable=False),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_bundles_item_id_items")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_bundles")),
        sa.UniqueConstraint("item_id", name=op.f("uq_bundles_item_id")),
    )
    op.create_table(
        "assessments",
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("priority", sa.String(length=8), nullable=False),
        sa.Column("rank", sa.Integer(), nullable=False),
        sa.Column("auto_priority", sa.String(length=8), nullable=False),
        sa.Column("override_priority", sa.String(length=8), nullable=True),
        sa.Column("override_reason", sa.String(length=32), nullable=True),
        sa.Column("override_by", sa.String(length=128), nullable=True),
        sa.Column("override_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=True),
        sa.Column("provider_urgent", sa.Boolean(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("signal_kinds", sa.JSON(), nullable=False),
        sa.Column("unfounded_reasons", sa.JSON(), nullable=False),
        sa.Column("missing", sa.JSON(), nullable=False),
        sa.Column("signals_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("bundle_id", sa.Uuid(), nullable=True),
        sa.Column("duplicate_key", sa.String(length=64), nullable=True),
        sa.Column("received_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("assessed_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.ForeignKeyConstraint(["bundle_id"], ["bundles.id"], name=op.f("fk_assessments_bundle_id_bundles")),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_assessments_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("report_id", name=op.f("pk_assessments")),
    )
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_assessments_bundle_id"), ["bundle_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_assessments_duplicate_key"), ["duplicate_key"], unique=False)
        batch_op.create_index("ix_assessments_queue", ["state", "rank", "received_at"], unique=False)

    op.create_table(
        "item_sightings",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("item_id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("seen_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("occurrences", sa.Integer(), nullable=False),
        sa.Column("accounts", sa.JSON(), nullable=False),
        sa.ForeignKeyConstraint(["item_id"], ["items.id"], name=op.f("fk_item_sightings_item_id_items")),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_item_sightings_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_item_sightings")),
        sa.UniqueConstraint("item_id", "report_id", name=op.f("uq_item_sightings_item_id")),
    )
    with op.batch_alter_table("item_sightings", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_item_sightings_report_id"), ["report_id"], unique=False)
        batch_op.create_index("ix_item_sightings_seen", ["item_id", "seen_at"], unique=False)

    op.create_table(
        "report_identifiers",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("provider_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.ForeignKeyConstraint(
            ["provider_id"], ["providers.id"], name=op.f("fk_report_identifiers_provider_id_providers")
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_identifiers_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_identifiers")),
        sa.UniqueConstraint("report_id", "key", name=op.f("uq_report_identifiers_report_id")),
    )
    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_identifiers_key"), ["key"], unique=False)

    op.create_table(
        "report_notes",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("author", sa.String(length=128), nullable=False),
        sa.Column("at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("purpose", sa.String(length=16), nullable=False),
        sa.Column("text_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_report_notes_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_notes")),
    )
    with op.batch_alter_table("report_notes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_report_notes_report_id"), ["report_id"], unique=False)

    op.create_table(
        "report_supplements",
        sa.Column(
            "id", sa.BigInteger().with_variant(sa.Integer(), "sqlite"), autoincrement=True, nullable=False
        ),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("seq", sa.Integer(), nullable=False),
        sa.Column("received_at", tipline.core.orm.UTCDateTime(timezone=True), nullable=False),
        sa.Column("content_sealed", sa.LargeBinary(), nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_report_supplements_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_report_supplements")),
        sa.UniqueConstraint("report_id", "seq", name=op.f("uq_report_supplements_report_id")),
    )


def downgrade() -> None:

    op.drop_table("report_supplements")
    with op.batch_alter_table("report_notes", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_notes_report_id"))

    op.drop_table("report_notes")
    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_report_identifiers_key"))

    op.drop_table("report_identifiers")
    with op.batch_alter_table("item_sightings", schema=None) as batch_op:
        batch_op.drop_index("ix_item_sightings_seen")
        batch_op.drop_index(batch_op.f("ix_item_sightings_report_id"))

    op.drop_table("item_sightings")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_index("ix_assessments_queue")
        batch_op.drop_index(batch_op.f("ix_assessments_duplicate_key"))
        batch_op.drop_index(batch_op.f("ix_assessments_bundle_id"))

    op.drop_table("assessments")
    op.drop_table("bundles")
    op.drop_table("items")
