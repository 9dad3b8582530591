"""Holds and outcomes rows. Never commits."""

from __future__ import annotations

import uuid
from collections.abc import Sequence
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.models import Hold, Outcome, Referral, Report


def lock_report_of_referral(session: Session, referral_id: uuid.UUID, agency_id: uuid.UUID) -> Report | None:
    """The report of an agency's referral, locked until commit (its log is appended to). Taken before
    the referral's own lock: the report first, then its referrals, as routing does."""
    of_referral = (
        select(Referral.report_id)
        .where(Referral.id == referral_id, Referral.agency_id == agency_id)
        .scalar_subquery()
    )
    return session.scalars(select(Report).where(Report.id == of_referral).with_for_update()).one_or_none()


def lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    return session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one_or_none()


def active_holds(session: Session, report_id: uuid.UUID, now: datetime) -> Sequence[Hold]:
    """Holds in force on a report (not lifted, not expired), oldest first (index ``ix_holds_report_id``)."""
    return session.scalars(
        select(Hold)
        .where(Hold.report_id == report_id, Hold.lifted_at.is_(None), Hold.until > now)
        .order_by(Hold.id)
    ).all()


def agency_holds_in_force(
    session: Session, report_id: uuid.UUID, agency_id: uuid.UUID, kind: str, now: datetime
) -> Sequence[Hold]:
    """An agency's holds of one kind in force on a report, locked (a new one replaces them)."""
    return session.scalars(
        select(Hold)
        .where(
            Hold.report_id == report_id,
            Hold.agency_id == agency_id,
            Hold.kind == kind,
            Hold.lifted_at.is_(None),
            Hold.until > now,
        )
        .order_by(Hold.id)
        .with_for_update()
    ).all()


def hold_of_agency(
    session: Session, hold_id: int, agency_id: uuid.UUID, *, for_update: bool = False
) -> Hold | None:
    """One of the agency's holds; None for another agency's (or none)."""
    query = select(Hold).where(Hold.id == hold_id, Hold.agency_id == agency_id)
    if for_update:
        query = query.with_for_update()
    return session.scalars(query).one_or_none()


def outcome_of(session: Session, referral_id: uuid.UUID) -> Outcome | None:
    return session.scalars(select(Outcome).where(Outcome.referral_id == referral_id)).one_or_none()


def outcomes_of_report(
    session: Session, report_id: uuid.UUID, agency_id: uuid.UUID | None
) -> Sequence[Outcome]:
    query = select(Outcome).where(Outcome.report_id == report_id)
    if agency_id is not None:
        query = query.where(Outcome.agency_id == agency_id)
    return session.scalars(query.order_by(Outcome.id)).all()
