"""Which reports a person may see. Law enforcement sees a report only when it was forwarded to its own
agency; anything else is "not found" (its existence is not disclosed), in lists, counts, search,
evidence and direct addresses alike. Every portal read of a report goes through ``report_visible`` or
filters with ``visible_reports``."""

from __future__ import annotations

import uuid

from sqlalchemy import ColumnElement, exists, select, true
from sqlalchemy.orm import Session

from tipline.access.roles import Principal
from tipline.core.errors import NotFound
from tipline.models import Referral, ReportFile


def visible_reports(principal: Principal, report_id: ColumnElement[uuid.UUID]) -> ColumnElement[bool]:
    """A WHERE clause over a report id column: true for the reports this person may see."""
    if principal.role.is_clearinghouse:
        return true()
    if principal.role.is_law_enforcement and principal.agency_id is not None:
        return exists().where(Referral.report_id == report_id, Referral.agency_id == principal.agency_id)
    return ~true()


def report_visible(session: Session, principal: Principal, report_id: uuid.UUID) -> None:
    """NotFound unless this person may see the report."""
    if principal.role.is_clearinghouse:
        return
    if principal.role.is_law_enforcement and principal.agency_id is not None:
        found = session.scalar(
            select(Referral.id).where(
                Referral.report_id == report_id, Referral.agency_id == principal.agency_id
            )
        )
        if found is not None:
            return
    raise NotFound("no such report", code="report_not_found")


def file_visible(session: Session, principal: Principal, file_id: uuid.UUID) -> uuid.UUID:
    """The file's report id, after ``report_visible``; NotFound otherwise."""
    report_id = session.scalar(select(ReportFile.report_id).where(ReportFile.id == file_id))
    if report_id is None:
        raise NotFound("no such file", code="file_not_found")
    report_visible(session, principal, report_id)
    return report_id


def own_referral(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """A referral of this person's agency (locked for update); NotFound for any other."""
    if not principal.role.is_law_enforcement or principal.agency_id is None:
        raise NotFound("no such referral", code="referral_not_found")
    referral = session.scalars(
        select(Referral)
        .where(Referral.id == referral_id, Referral.agency_id == principal.agency_id)
        .with_for_update()
    ).one_or_none()
    if referral is None:
        raise NotFound("no such referral", code="referral_not_found")
    return referral
