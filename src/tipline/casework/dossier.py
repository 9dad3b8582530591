"""A report as the portal shows it: what the provider sent, every decision with its reasons, matches,
links and deconfliction, referrals, holds, outcomes, clocks and the event timeline.

Reading it is a view of report content: the caller's unit of work records ``report.viewed`` with the
purpose. Law enforcement reads only a report forwarded to its agency (``access.scope``) and, of its
related reports, only those forwarded to it too; agencies working the same subject are named (that is
what deconfliction is for).
"""

from __future__ import annotations

import uuid
from dataclasses import asdict, dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.access.roles import Principal
from tipline.access.scope import report_visible
from tipline.assessment import service as assessment
from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.forwarding import deconfliction
from tipline.forwarding import service as forwarding
from tipline.jurisdiction import service as jurisdiction
from tipline.linking import service as linking
from tipline.models import Hold, Outcome, Provider, Referral, ReportEvent, ReportFile
from tipline.reports import service as reports

PRESERVATION = timedelta(days=365)  # Art. 22: at most 12 months unless an authority asks for longer
USER_NOTICE = timedelta(days=90)  # Art. 48(6)(a): the provider may inform the user after 3 months


@dataclass
class FileView:
    id: uuid.UUID
    ref: str
    media_type: str | None
    size: int | None
    state: str
    classification: str | None
    md5: str | None
    sha256: str | None
    pdq: str | None
    is_image: bool
    provider_viewed: bool | None
    matches: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class Clock:
    label: str
    at: datetime
    note: str


@dataclass
class Dossier:
    report_id: uuid.UUID
    provider: str
    provider_report_id: str
    status: str
    received_at: datetime
    content: dict[str, Any]
    files: list[FileView]
    decision: dict[str, Any] | None
    jurisdiction: dict[str, Any] | None
    links: list[dict[str, Any]]
    deconfliction: dict[str, Any]
    referrals: list[dict[str, Any]]
    holds: list[Hold]
    outcomes: list[Outcome]
    clocks: list[Clock]
    events: list[ReportEvent]
    my_referral: Referral | None = None  # law enforcement: its own referral of this report


def read(
    session: Session, keyring: Keyring, principal: Principal, report_id: uuid.UUID, purpose: str
) -> Dossier:
    report_visible(session, principal, report_id)
    report = reports.get_any(session, report_id)
    content = reports.current_content(session, keyring, report).data
    provider = session.scalar(select(Provider.name).where(Provider.id == report.provider_id)) or ""
    law = principal.role.is_law_enforcement
    decision = None
    if assessment.get_assessment(session, report_id) is not None:
        decision = assessment.describe(assessment.explain(session, keyring, report_id))
    decided = jurisdiction.get(session, keyring, report_id)
    events = list(
        session.scalars(
            select(ReportEvent).where(ReportEvent.report_id == report_id).order_by(ReportEvent.seq)
        )
    )
    referrals = forwarding.referrals_of_report(session, report_id)
    if law:
        referrals = [r for r in referrals if r["agency"] == principal.agency_code]
    holds = list(session.scalars(select(Hold).where(Hold.report_id == report_id).order_by(Hold.id)))
    outcomes_query = select(Outcome).where(Outcome.report_id == report_id)
    if law:
        outcomes_query = outcomes_query.where(Outcome.agency_id == principal.agency_id)
        holds = [h for h in holds if h.agency_id == principal.agency_id]
    mine = None
    if law:
        mine = session.scalars(
            select(Referral).where(Referral.report_id == report_id, Referral.agency_id == principal.agency_id)
        ).one_or_none()
    dossier = Dossier(
        report_id=report.id,
        provider=provider,
        provider_report_id=report.provider_report_id,
        status=report.status,
        received_at=report.received_at,
        content=content,
        files=_files(session, report_id, content),
        decision=decision,
        jurisdiction=None
        if decided is None
        else {
            "route": decided.route,
            "states": list(decided.states),
            "countries": list(decided.countries),
            "certainty": decided.certainty,
            "reasons": [asdict(r) for r in decided.reasons],
        },
        links=_links(session, principal, report_id),
        deconfliction=_deconfliction(session, principal, report_id),
        referrals=referrals,
        holds=holds,
        outcomes=list(session.scalars(outcomes_query.order_by(Outcome.id))),
        clocks=_clocks(report.received_at, decision, holds),
        events=events,
        my_referral=mine,
    )
    audit.record(session, principal.actor, "report.viewed", str(report_id), purpose=purpose[:200])
    return dossier


def _files(session: Session, report_id: uuid.UUID, content: dict[str, Any]) -> list[FileView]:
    declared = {f.get("ref"): f for f in content.get("files", []) if isinstance(f, dict)}
    matches: dict[uuid.UUID, list[dict[str, Any]]] = {}
    for m in assessment.matches_of(session, report_id):
        matches.setdefault(m.file_id, []).append(
            {"bank": m.name, "purpose": m.purpose, "hash": m.hash_type, "distance": m.distance}
        )
    rows = session.scalars(
        select(ReportFile).where(ReportFile.report_id == report_id).order_by(ReportFile.position)
    )
    out = []
    for f in rows:
        d = declared.get(f.ref, {})
        out.append(
            FileView(
                id=f.id,
                ref=f.ref,
                media_type=f.media_type,
                size=f.size,
                state=f.state,
                classification=f.classification,
                md5=f.md5,
                sha256=f.sha256,
                pdq=f.pdq,
                is_image=bool(f.blob_id) and (f.media_type or "").startswith("image/"),
                provider_viewed=d.get("viewed_by_provider"),
                matches=matches.get(f.id, []),
            )
        )
    return out


def provider_viewed(session: Session, keyring: Keyring, file_id: uuid.UUID) -> tuple[ReportFile, bool | None]:
    """A file and whether a person at the provider viewed it (from the sealed report)."""
    f = session.get(ReportFile, file_id)
    assert f is not None  # checked by access.scope.file_visible
    report = reports.get_any(session, f.report_id)
    declared = reports.current_content(session, keyring, report).data.get("files", [])
    for d in declared:
        if isinstance(d, dict) and d.get("ref") == f.ref:
            return f, d.get("viewed_by_provider")
    return f, None


def _links(session: Session, principal: Principal, report_id: uuid.UUID) -> list[dict[str, Any]]:
    out = []
    for link in linking.links_of(session, report_id):
        other = link.other_report_id if link.report_id == report_id else link.report_id
        if principal.role.is_law_enforcement and not _forwarded_to(session, principal, other):
            continue
        out.append({**asdict(link), "other": other})
    return out


def _deconfliction(session: Session, principal: Principal, report_id: uuid.UUID) -> dict[str, Any]:
    found = asdict(deconfliction.for_report(session, report_id))
    if principal.role.is_law_enforcement:
        found["related"] = [r for r in found["related"] if _forwarded_to(session, principal, r["report_id"])]
    return found


def _forwarded_to(session: Session, principal: Principal, report_id: uuid.UUID) -> bool:
    return (
        session.scalar(
            select(Referral.id).where(
                Referral.report_id == report_id, Referral.agency_id == principal.agency_id
            )
        )
        is not None
    )


def _clocks(received: datetime, decision: dict[str, Any] | None, holds: list[Hold]) -> list[Clock]:
    now = utc_now()
    active = [h for h in holds if h.lifted_at is None and h.until > now]
    keep = max([received + PRESERVATION, *(h.until for h in active if h.kind == "do_not_remove")])
    preserve_note = "extended by a hold" if keep > received + PRESERVATION else "12 months after the report"
    notice = received + USER_NOTICE
    note = "3 months after the report"
    if decision is not None and decision["state"] == "unfounded":
        notice, note = received, "the report was found manifestly unfounded"
    held = [h.until for h in active if h.kind == "do_not_inform"]
    if held:
        notice, note = max(held), "held by law enforcement"
    return [Clock("preservation", keep, preserve_note), Clock("user_notice", notice, note)]
