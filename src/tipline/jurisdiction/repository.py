"""Jurisdiction rows. Never commits."""

from __future__ import annotations

import uuid

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.models import Report, ReportJurisdiction


def lock_report(session: Session, report_id: uuid.UUID) -> Report | None:
    """The report row, locked: decisions on one report are made one at a time."""
    return session.scalars(select(Report).where(Report.id == report_id).with_for_update()).one_or_none()


def get(session: Session, report_id: uuid.UUID) -> ReportJurisdiction | None:
    return session.get(ReportJurisdiction, report_id)
