"""Deconfliction: for a report, the other reports about the same people, which agencies already
received them and when, and whether an agency is already working the subject (it acknowledged a
referral and has not declined or closed it). What analysts check before forwarding, and what an agency
sees beside a referral, so that two agencies do not investigate one person unaware of each other."""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy.orm import Session

from tipline.forwarding import repository
from tipline.forwarding.workflow import ReferralStatus
from tipline.linking import service as linking

RELATED_LIMIT = 200  # the newest related reports shown; the subject's size says how many there are


@dataclass(frozen=True)
class Holding:
    """One agency's referrals among the related reports."""

    agency: str
    agency_name: str
    reports: int
    first_sent_at: datetime
    working: bool  # acknowledged a referral it has not declined or closed


@dataclass(frozen=True)
class Related:
    report_id: uuid.UUID
    received_at: datetime
    priority: str | None
    linked_by: list[str]  # identifier kinds of a direct link, or ["subject"] when related through others
    agencies: list[str]


@dataclass
class Deconfliction:
    report_id: uuid.UUID
    subjects: dict[str, uuid.UUID] = field(default_factory=dict)  # person ref -> subject
    subject_reports: int = 0  # other reports about the same people, all of them
    related: list[Related] = field(default_factory=list)  # the newest RELATED_LIMIT of them
    agencies: list[Holding] = field(default_factory=list)  # who holds related reports (or this one)
    working: list[str] = field(default_factory=list)  # agencies working the subject now


def for_report(session: Session, report_id: uuid.UUID) -> Deconfliction:
    result = Deconfliction(report_id, linking.subjects_of_report(session, report_id))
    others: dict[uuid.UUID, None] = {}
    total = 0
    for subject_id in dict.fromkeys(result.subjects.values()):
        view = linking.subject(session, subject_id, limit=RELATED_LIMIT + 1)
        total += view.members
        others.update({r: None for r in view.reports if r != report_id})
    result.subject_reports = max(0, total - len(result.subjects))
    related_ids = list(others)[:RELATED_LIMIT]
    direct: dict[uuid.UUID, set[str]] = {}
    for link in linking.links_of(session, report_id):
        if link.state in ("auto", "confirmed"):
            other = link.other_report_id if link.report_id == report_id else link.report_id
            direct.setdefault(other, set()).update(link.kinds)
    referrals = repository.referrals_for_reports(session, [report_id, *related_ids])
    held: dict[uuid.UUID, list[str]] = {}
    by_agency: dict[str, list[tuple[str, datetime, bool]]] = {}
    for rid, code, name, status, sent_at, acknowledged_at in referrals:
        held.setdefault(rid, []).append(code)
        active = acknowledged_at is not None and status == ReferralStatus.acknowledged.value
        by_agency.setdefault(code, []).append((name, sent_at, active))
    facts = repository.report_facts(session, related_ids)
    for rid in related_ids:
        received_at, priority = facts[rid]
        linked_by = sorted(direct.get(rid, set())) or ["subject"]
        result.related.append(Related(rid, received_at, priority, linked_by, sorted(held.get(rid, []))))
    for code, rows in sorted(by_agency.items()):
        working = any(active for _, _, active in rows)
        result.agencies.append(Holding(code, rows[0][0], len(rows), min(at for _, at, _ in rows), working))
        if working:
            result.working.append(code)
    return result
