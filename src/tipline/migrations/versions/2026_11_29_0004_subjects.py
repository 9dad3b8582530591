"""subjects: clusters of reports believed to be one person, links with evidence, identifier frequencies

Revision ID: 0004_subjects
Revises: 0003_assessment
Create Date: 2026-11-29 18:20:00
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tipline.core.orm

revision: str = "0004_subjects"
down_revision: str | None = "0003_assessment"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    big = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
    when = tipline.core.orm.UTCDateTime(timezone=True)
    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.add_column(sa.Column("person_ref", sa.String(length=64), server_default="", nullable=False))
        batch_op.drop_constraint(batch_op.f("uq_report_identifiers_report_id"), type_="unique")
        batch_op.create_unique_constraint(
            batch_op.f("uq_report_identifiers_report_id"), ["report_id", "person_ref", "key"]
        )
    op.create_table(
        "identifier_uses",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("kind", sa.String(length=16), nullable=False),
        sa.Column("accounts", sa.Integer(), nullable=False),
        sa.Column("common", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("key", name=op.f("pk_identifier_uses")),
    )
    op.create_table(
        "identifier_accounts",
        sa.Column("key", sa.String(length=64), nullable=False),
        sa.Column("account", sa.String(length=64), nullable=False),
        sa.PrimaryKeyConstraint("key", "account", name=op.f("pk_identifier_accounts")),
    )
    op.create_table(
        "subjects",
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("members", sa.Integer(), nullable=False),
        sa.Column("merged_into", sa.Uuid(), nullable=True),
        sa.Column("created_at", when, nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subjects")),
    )
    with op.batch_alter_table("subjects", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subjects_merged_into"), ["merged_into"], unique=False)
    op.create_table(
        "subject_members",
        sa.Column("id", big, autoincrement=True, nullable=False),
        sa.Column("subject_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("person_ref", sa.String(length=64), nullable=False),
        sa.Column("lead", sa.Boolean(), nullable=False),
        sa.Column("joined_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_subject_members_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["subject_id"], ["subjects.id"], name=op.f("fk_subject_members_subject_id_subjects")
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_members")),
        sa.UniqueConstraint("report_id", "person_ref", name=op.f("uq_subject_members_report_id")),
    )
    with op.batch_alter_table("subject_members", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_subject_members_subject_id"), ["subject_id"], unique=False)
    op.create_table(
        "subject_links",
        sa.Column("id", big, autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("person_ref", sa.String(length=64), nullable=False),
        sa.Column("other_report_id", sa.Uuid(), nullable=False),
        sa.Column("other_person_ref", sa.String(length=64), nullable=False),
        sa.Column("strength", sa.Float(), nullable=False),
        sa.Column("kinds", sa.JSON(), nullable=False),
        sa.Column("keys", sa.JSON(), nullable=False),
        sa.Column("reasons", sa.JSON(), nullable=False),
        sa.Column("state", sa.String(length=16), nullable=False),
        sa.Column("decided_by", sa.String(length=128), nullable=True),
        sa.Column("created_at", when, nullable=False),
        sa.Column("updated_at", when, nullable=False),
        sa.ForeignKeyConstraint(
            ["other_report_id"],
            ["reports.id"],
            name=op.f("fk_subject_links_other_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_subject_links_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_subject_links")),
        sa.UniqueConstraint(
            "report_id",
            "person_ref",
            "other_report_id",
            "other_person_ref",
            name=op.f("uq_subject_links_report_id"),
        ),
    )
    with op.batch_alter_table("subject_links", schema=None) as batch_op:
        batch_op.create_index("ix_subject_links_other", ["other_report_id"], unique=False)


def downgrade() -> None:
    op.drop_table("subject_links")
    op.drop_table("subject_members")
    op.drop_table("subjects")
    op.drop_table("identifier_accounts")
    op.drop_table("identifier_uses")
    with op.batch_alter_table("report_identifiers", schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f("uq_report_identifiers_report_id"), type_="unique")
        batch_op.create_unique_constraint(batch_op.f("uq_report_identifiers_report_id"), ["report_id", "key"])
        batch_op.drop_column("person_ref")
