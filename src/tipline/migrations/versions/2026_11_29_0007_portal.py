"""portal: users, sessions, evidence views, holds, outcomes; the audit chain; referral rank

Revision ID: 0007_portal
Revises: 0006_forwarding
Create Date: 2026-11-29 21:00:00

Audit rows written before this revision are chained here, in id order, with the same function the
application uses (``tipline.audit.chain.entry_hash``).
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

import tipline.core.orm
from tipline.audit.chain import GENESIS, entry_hash

revision: str = "0007_portal"
down_revision: str | None = "0006_forwarding"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

BigId = sa.BigInteger().with_variant(sa.Integer(), "sqlite")
UTC = tipline.core.orm.UTCDateTime(timezone=True)


def upgrade() -> None:
    op.create_table(
        "users",
        sa.Column("username", sa.String(length=64), nullable=False),
        sa.Column("display_name", sa.String(length=200), nullable=False),
        sa.Column("role", sa.String(length=32), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=True),
        sa.Column("password_hash", sa.String(length=200), nullable=False),
        sa.Column("totp_sealed", sa.LargeBinary(), nullable=False),
        sa.Column("totp_last_step", sa.Integer(), nullable=False),
        sa.Column("failed_logins", sa.Integer(), nullable=False),
        sa.Column("locked_until", UTC, nullable=True),
        sa.Column("active", sa.Boolean(), nullable=False),
        sa.Column("last_login_at", UTC, nullable=True),
        sa.Column("id", sa.Uuid(), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_users_agency_id_agencies")),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_users")),
        sa.UniqueConstraint("username", name=op.f("uq_users_username")),
    )
    with op.batch_alter_table("users", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_users_agency_id"), ["agency_id"], unique=False)

    op.create_table(
        "user_sessions",
        sa.Column("token_hash", sa.String(length=64), nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("csrf", sa.String(length=64), nullable=False),
        sa.Column("created_at", UTC, nullable=False),
        sa.Column("last_seen_at", UTC, nullable=False),
        sa.Column("ended_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_user_sessions_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("token_hash", name=op.f("pk_user_sessions")),
    )
    with op.batch_alter_table("user_sessions", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_user_sessions_user_id"), ["user_id"], unique=False)

    op.create_table(
        "evidence_views",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("user_id", sa.Uuid(), nullable=False),
        sa.Column("file_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("at", UTC, nullable=False),
        sa.Column("provider_viewed", sa.Boolean(), nullable=True),
        sa.Column("reason", sa.Text(), nullable=True),
        sa.ForeignKeyConstraint(
            ["file_id"],
            ["report_files.id"],
            name=op.f("fk_evidence_views_file_id_report_files"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"],
            ["reports.id"],
            name=op.f("fk_evidence_views_report_id_reports"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["user_id"], ["users.id"], name=op.f("fk_evidence_views_user_id_users"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_evidence_views")),
    )
    with op.batch_alter_table("evidence_views", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_evidence_views_file_id"), ["file_id"], unique=False)
        batch_op.create_index("ix_evidence_views_user_at", ["user_id", "at"], unique=False)

    op.create_table(
        "holds",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("kind", sa.String(length=32), nullable=False),
        sa.Column("until", UTC, nullable=False),
        sa.Column("reason", sa.Text(), nullable=False),
        sa.Column("requested_by", sa.String(length=128), nullable=False),
        sa.Column("requested_at", UTC, nullable=False),
        sa.Column("lifted_at", UTC, nullable=True),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_holds_agency_id_agencies")),
        sa.ForeignKeyConstraint(
            ["referral_id"], ["referrals.id"], name=op.f("fk_holds_referral_id_referrals"), ondelete="CASCADE"
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_holds_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_holds")),
    )
    with op.batch_alter_table("holds", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_holds_report_id"), ["report_id"], unique=False)

    op.create_table(
        "outcomes",
        sa.Column("id", BigId, autoincrement=True, nullable=False),
        sa.Column("referral_id", sa.Uuid(), nullable=False),
        sa.Column("report_id", sa.Uuid(), nullable=False),
        sa.Column("agency_id", sa.Uuid(), nullable=False),
        sa.Column("action", sa.String(length=32), nullable=False),
        sa.Column("no_action_reason", sa.Text(), nullable=True),
        sa.Column("victims_identified", sa.JSON(), nullable=False),
        sa.Column("victims_safeguarded", sa.JSON(), nullable=False),
        sa.Column("suspects_identified", sa.Integer(), nullable=False),
        sa.Column("suspects_arrested", sa.Integer(), nullable=False),
        sa.Column("offenders_prosecuted", sa.Integer(), nullable=False),
        sa.Column("offenders_convicted", sa.Integer(), nullable=False),
        sa.Column("sentence", sa.Text(), nullable=True),
        sa.Column("closed_pretrial", sa.Boolean(), nullable=False),
        sa.Column("version", sa.Integer(), nullable=False),
        sa.Column("source", sa.String(length=16), nullable=False),
        sa.Column("updated_by", sa.String(length=128), nullable=False),
        sa.Column("updated_at", UTC, nullable=False),
        sa.ForeignKeyConstraint(["agency_id"], ["agencies.id"], name=op.f("fk_outcomes_agency_id_agencies")),
        sa.ForeignKeyConstraint(
            ["referral_id"],
            ["referrals.id"],
            name=op.f("fk_outcomes_referral_id_referrals"),
            ondelete="CASCADE",
        ),
        sa.ForeignKeyConstraint(
            ["report_id"], ["reports.id"], name=op.f("fk_outcomes_report_id_reports"), ondelete="CASCADE"
        ),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_outcomes")),
        sa.UniqueConstraint("referral_id", name=op.f("uq_outcomes_referral_id")),
    )
    with op.batch_alter_table("outcomes", schema=None) as batch_op:
        batch_op.create_index(batch_op.f("ix_outcomes_agency_id"), ["agency_id"], unique=False)
        batch_op.create_index(batch_op.f("ix_outcomes_report_id"), ["report_id"], unique=False)

    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("analyst_unfounded", sa.Boolean(), nullable=False, server_default=sa.false())
        )
        batch_op.add_column(sa.Column("analyst_requested", sa.JSON(), nullable=True))
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.alter_column("analyst_unfounded", server_default=None)

    # referrals: the report's current priority rank, for the agency's queue
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.add_column(sa.Column("rank", sa.Integer(), nullable=False, server_default="3"))
    op.execute(
        "UPDATE referrals SET rank = CASE priority WHEN 'P1' THEN 1 WHEN 'P2' THEN 2 "
        "WHEN 'P3' THEN 3 ELSE 4 END"
    )
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.alter_column("rank", server_default=None)
        batch_op.create_index("ix_referrals_agency_queue", ["agency_id", "rank", "sent_at"], unique=False)

    # the audit chain
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.add_column(sa.Column("purpose", sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column("seq", sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column("prev_hash", sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column("hash", sa.String(length=64), nullable=True))
    _chain_existing()
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.alter_column("seq", existing_type=sa.BigInteger(), nullable=False)
        batch_op.alter_column("prev_hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column("hash", existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f("uq_audit_log_seq"), ["seq"])
        batch_op.create_index(batch_op.f("ix_audit_log_actor"), ["actor"], unique=False)
        batch_op.create_index(batch_op.f("ix_audit_log_target"), ["target"], unique=False)


def _chain_existing() -> None:
    bind = op.get_bind()
    log = sa.table(
        "audit_log",
        sa.column("id", BigId),
        sa.column("at", UTC),
        sa.column("actor", sa.String),
        sa.column("action", sa.String),
        sa.column("target", sa.String),
        sa.column("purpose", sa.String),
        sa.column("data", sa.JSON),
        sa.column("seq", sa.BigInteger),
        sa.column("prev_hash", sa.String),
        sa.column("hash", sa.String),
    )
    rows = bind.execute(
        sa.select(log.c.id, log.c.at, log.c.actor, log.c.action, log.c.target, log.c.data).order_by(log.c.id)
    ).all()
    prev, seq = GENESIS, 0
    for row in rows:
        seq += 1
        digest = entry_hash(prev, seq, row.at, row.actor, row.action, row.target, None, row.data)
        bind.execute(log.update().where(log.c.id == row.id).values(seq=seq, prev_hash=prev, hash=digest))
        prev = digest
    counters = sa.table("counters", sa.column("name", sa.String), sa.column("value", sa.BigInteger))
    op.bulk_insert(counters, [{"name": "audit", "value": seq}])


def downgrade() -> None:
    op.execute("DELETE FROM counters WHERE name = 'audit'")
    with op.batch_alter_table("audit_log", schema=None) as batch_op:
        batch_op.drop_index(batch_op.f("ix_audit_log_target"))
        batch_op.drop_index(batch_op.f("ix_audit_log_actor"))
        batch_op.drop_constraint(batch_op.f("uq_audit_log_seq"), type_="unique")
        batch_op.drop_column("hash")
        batch_op.drop_column("prev_hash")
        batch_op.drop_column("seq")
        batch_op.drop_column("purpose")
    with op.batch_alter_table("referrals", schema=None) as batch_op:
        batch_op.drop_index("ix_referrals_agency_queue")
        batch_op.drop_column("rank")
    with op.batch_alter_table("assessments", schema=None) as batch_op:
        batch_op.drop_column("analyst_requested")
        batch_op.drop_column("analyst_unfounded")
    op.drop_table("outcomes")
    op.drop_table("holds")
    op.drop_table("evidence_views")
    op.drop_table("user_sessions")
    op.drop_table("users")
