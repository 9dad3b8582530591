"""Forwarding use cases: the agency registry and its credentials, the routing policy, routing a report
(idempotent), re-routing by an analyst, and what agencies do with their referrals.

Callers pass the session (one unit of work at the edge); nothing here commits. A referral and its
webhook delivery are written in the same unit, so the announcement cannot be lost or sent for a
referral that was rolled back. Every change to a referral is an event on the report's log; events and
audit rows hold codes and ids, never report content.
"""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
import uuid
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime
from typing import Any
from urllib.parse import urlsplit

from sqlalchemy.orm import Session

from tipline.audit import service as audit
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.errors import Conflict, NotFound, Unauthenticated, Unprocessable
from tipline.forwarding import deconfliction, repository
from tipline.forwarding import policy as routing
from tipline.forwarding.policy import AgencyKind, Facts, Hold, Policy, PolicyName, Reason
from tipline.forwarding.workflow import NEW, DeclineReason, ReferralStatus, transition
from tipline.jurisdiction.decision import EU_MEMBER_STATES, Jurisdiction
from tipline.models import Agency, AgencyKey, Referral, Report, RoutingPolicy, WebhookDelivery
from tipline.reports import repository as reports
from tipline.reports import service as report_service

ACTOR = "system:forwarding"
WEBHOOK_EVENT = "referral.created"
EUROPOL = "EUROPOL"
INTERNATIONAL = "INTL"
MIN_SECRET_CHARS = 32

# --- the registry ---------------------------------------------------------------------------------

STATE_NAMES = {
    "AT": "Austria",
    "BE": "Belgium",
    "BG": "Bulgaria",
    "HR": "Croatia",
    "CY": "Cyprus",
    "CZ": "Czechia",
    "DK": "Denmark",
    "EE": "Estonia",
    "FI": "Finland",
    "FR": "France",
    "DE": "Germany",
    "GR": "Greece",
    "HU": "Hungary",
    "IE": "Ireland",
    "IT": "Italy",
    "LV": "Latvia",
    "LT": "Lithuania",
    "LU": "Luxembourg",
    "MT": "Malta",
    "NL": "Netherlands",
    "PL": "Poland",
    "PT": "Portugal",
    "RO": "Romania",
    "SK": "Slovakia",
    "SI": "Slovenia",
    "ES": "Spain",
    "SE": "Sweden",
}
assert set(STATE_NAMES) == EU_MEMBER_STATES


def default_registry() -> list[dict[str, str]]:
    """The seed: one placeholder competent authority per member state (operators name and connect the
    real ones), Europol, and the international route. Names say they are placeholders; no endpoint is
    invented: webhooks are empty until configured."""
    out = [
        {
            "code": code,
            "name": f"{name} — national competent authority (placeholder: configure)",
            "country": code,
            "kind": AgencyKind.member_state.value,
        }
        for code, name in sorted(STATE_NAMES.items())
    ]
    out.append(
        {
            "code": EUROPOL,
            "name": "Europol — European Cybercrime Centre (EC3)",
            "country": "EU",
            "kind": AgencyKind.europol.value,
        }
    )
    out.append(
        {
            "code": INTERNATIONAL,
            "name": "International route (NCMEC/Interpol-style partner; placeholder: configure)",
            "country": "INT",
            "kind": AgencyKind.international.value,
        }
    )
    return out


def seed_agencies(session: Session) -> int:
    """Add the registry entries that are missing (by code); never changes an existing one, so an
    operator's edits survive every re-run. Returns how many were added."""
    have = repository.agency_codes(session)
    added = [Agency(**entry) for entry in default_registry() if entry["code"] not in have]
    session.add_all(added)
    session.flush()
    if added:
        audit.record(session, ACTOR, "agency.seeded", None, count=len(added))
    return len(added)


def list_agencies(session: Session) -> Sequence[Agency]:
    return repository.agencies(session)


def get_agency(session: Session, code: str) -> Agency:
    agency = repository.agency_by_code(session, code.upper())
    if agency is None:
        raise NotFound(f"no agency {code!r}", code="agency_not_found")
    return agency


_CODE_RE = re.compile(r"^[A-Z0-9][A-Z0-9_-]{1,31}$")


def add_agency(session: Session, code: str, name: str, country: str, kind: AgencyKind, actor: str) -> Agency:
    """A further agency (e.g. a second competent authority of a state)."""
    code, country = code.upper(), country.upper()
    if not _CODE_RE.match(code):
        raise Unprocessable("agency code: 2-32 capitals, digits, dashes", code="invalid_agency_code")
    if kind is AgencyKind.member_state and country not in EU_MEMBER_STATES:
        raise Unprocessable("a member-state agency needs a member state's ISO code", code="invalid_country")
    if repository.agency_by_code(session, code) is not None:
        raise Conflict(f"agency {code!r} exists", code="agency_exists")
    agency = Agency(code=code, name=name.strip()[:200], country=country, kind=kind.value)
    session.add(agency)
    session.flush()
    audit.record(session, actor, "agency.added", code, kind=kind.value)
    return agency


def update_agency(
    session: Session,
    keyring: Keyring,
    code: str,
    actor: str,
    *,
    name: str | None = None,
    webhook_url: str | None = None,
    webhook_secret: str | None = None,
    remove_webhook: bool = False,
    active: bool | None = None,
    production: bool = False,
) -> Agency:
    """Change an agency. A webhook needs its own secret (at least 32 characters, sealed at rest): there
    is no default, in any mode. In production a webhook must be https."""
    agency = get_agency(session, code)
    changed: list[str] = []
    if name is not None:
        agency.name, changed = name.strip()[:200], [*changed, "name"]
    if remove_webhook:
        agency.webhook_url, agency.webhook_secret_sealed = None, None
        changed.append("webhook_removed")
    if webhook_url is not None:
        parts = urlsplit(webhook_url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise Unprocessable("the webhook must be an http(s) URL", code="invalid_webhook")
        if production and parts.scheme != "https":
            raise Unprocessable("in production the webhook must be https", code="insecure_webhook")
        agency.webhook_url = webhook_url
        changed.append("webhook_url")
    if webhook_secret is not None:
        if len(webhook_secret) < MIN_SECRET_CHARS:
            raise Unprocessable(
                f"the webhook secret needs at least {MIN_SECRET_CHARS} characters", code="weak_secret"
            )
        agency.webhook_secret_sealed = keyring.seal(webhook_secret.encode(), associated=_secret_ad(agency))
        changed.append("webhook_secret")
    if agency.webhook_url and agency.webhook_secret_sealed is None:
        raise Unprocessable("a webhook needs a secret (--secret-from-env)", code="webhook_secret_missing")
    if active is not None:
        agency.active = active
        changed.append("active" if active else "inactive")
    agency.updated_at = utc_now()
    session.flush()
    audit.record(session, actor, "agency.changed", agency.code, changed=changed)  # never the URL or secret
    return agency


def _secret_ad(agency: Agency) -> bytes:
    return b"agency-webhook:" + agency.code.encode()


def webhook_secret(keyring: Keyring, agency: Agency) -> bytes | None:
    if agency.webhook_secret_sealed is None:
        return None
    return keyring.open(agency.webhook_secret_sealed, associated=_secret_ad(agency))


# --- agency credentials ---------------------------------------------------------------------------

_KEY_RE = re.compile(r"^tla_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$")


def _hash(key: str) -> str:
    return hashlib.sha256(key.encode()).hexdigest()


def issue_agency_key(session: Session, code: str, actor: str) -> str:
    """A credential for the agency's system (pull API), shown once; only its SHA-256 is kept. Agency
    keys have their own prefix (``tla_``) and table: they open no provider or analyst route, and
    provider keys open no agency route."""
    agency = get_agency(session, code)
    prefix = secrets.token_hex(8)
    key = f"tla_{prefix}_{secrets.token_urlsafe(32)}"
    session.add(AgencyKey(agency_id=agency.id, prefix=prefix, key_hash=_hash(key)))
    session.flush()
    audit.record(session, actor, "agency.key_issued", agency.code)
    return key


@dataclass(frozen=True)
class AgencyPrincipal:
    """The agency a request acts for (detached: id and code only)."""

    id: uuid.UUID
    code: str

    @property
    def actor(self) -> str:
        # the agency's id, not its code: the report's log is shown to the provider, who is not told
        # which agency holds its report unless the policy allows
        return f"agency:{self.id}"


def authenticate_agency(session: Session, key: str | None) -> AgencyPrincipal:
    """The agency a key belongs to; Unauthenticated for anything else (a provider key included)."""
    match = _KEY_RE.match(key or "")
    if match is None:
        raise Unauthenticated("missing or invalid agency credential")
    found = repository.key_by_prefix(session, match.group(1))
    if found is None or not hmac.compare_digest(found[0].key_hash, _hash(key or "")):
        raise Unauthenticated("missing or invalid agency credential")
    agency = found[1]
    if not agency.active:
        raise Unauthenticated("the agency is inactive")
    return AgencyPrincipal(agency.id, agency.code)


# --- the routing policy ---------------------------------------------------------------------------


def current_policy(session: Session) -> Policy:
    row = repository.current_policy(session)
    if row is None:
        return routing.DEFAULT
    return Policy(PolicyName(row.name), row.disclose_agencies, row.id)


def set_policy(session: Session, name: PolicyName, *, disclose_agencies: bool, actor: str) -> Policy:
    """A new version of the policy (the old ones stay, for the referrals that name them); audited."""
    before = current_policy(session)
    row = RoutingPolicy(name=name.value, disclose_agencies=disclose_agencies, set_by=actor, set_at=utc_now())
    session.add(row)
    session.flush()
    audit.record(
        session,
        actor,
        "routing.policy_changed",
        str(row.id),
        policy=name.value,
        disclose_agencies=disclose_agencies,
        previous=before.name.value,
        previous_version=before.version,
    )
    return Policy(name, disclose_agencies, row.id)


# --- routing --------------------------------------------------------------------------------------


def basis_of(j: Jurisdiction) -> dict[str, Any]:
    """The jurisdiction as a referral records it: countries, certainty and kinds of evidence."""
    return {
        "route": j.route,
        "states": list(j.states),
        "countries": list(j.countries),
        "certainty": round(j.certainty, 3),
        "reasons": [
            {"kind": r.kind, "role": r.role, "country": r.country, "weight": r.weight, "note": r.note}
            for r in j.reasons
        ],
    }


@dataclass(frozen=True)
class Routed:
    """What ``route`` did: the referrals it created (none when the report waits, or all its agencies
    already have it) and, when nothing may be sent yet, why."""

    referrals: list[Referral]
    hold: Hold | None
    unroutable: bool = False  # a target had no active agency and no Europol to fall back on


def route(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    *,
    jurisdiction: Jurisdiction | None,
    actor: str = ACTOR,
    cause: str = "assessed",
) -> list[Referral]:
    """Forward the report per the policy in force to every agency that does not have it yet.

    Idempotent: run again with the same inputs it creates nothing and logs nothing; run after the
    jurisdiction or the priority changed it adds the agencies now called for (it never withdraws a
    referral). ``keyring`` is taken for symmetry with the other use cases (referral notes, if sealed,
    would need it)."""
    return route_report(
        session, keyring, report_id, jurisdiction=jurisdiction, actor=actor, cause=cause
    ).referrals


def route_report(
    session: Session,
    keyring: Keyring,
    report_id: uuid.UUID,
    *,
    jurisdiction: Jurisdiction | None,
    actor: str = ACTOR,
    cause: str = "assessed",
) -> Routed:
    """``route`` with the reason when nothing was sent."""
    report = repository.lock_report(session, report_id)
    if report is None:
        raise NotFound("no such report", code="report_not_found")
    assessment = repository.assessment_of(session, report_id)
    facts = Facts(assessment.state if assessment else None, assessment.priority if assessment else None)
    existing = [r for r, _ in repository.referrals_of_report(session, report_id)]
    if assessment is not None:
        _keep_in_step(existing, assessment.priority)
    pol = current_policy(session)
    plan = routing.plan(pol, jurisdiction, facts)
    if plan.hold is not None or assessment is None:
        return Routed([], plan.hold or Hold.not_assessed)
    picks = routing.resolve(plan.targets, repository.agencies(session, active_only=True))
    have = {r.agency_id for r in existing}
    new = [(a, reason) for a, reason in picks if a.id not in have]
    unroutable = not picks and not have
    if not new:
        return Routed([], None, unroutable)
    decided = jurisdiction or routing.UNDETERMINED
    referrals = _refer(
        session,
        report,
        new,
        priority=assessment.priority,
        urgent=plan.urgent,
        bundle_id=assessment.bundle_id,
        basis={**basis_of(decided), "decided": jurisdiction is not None},
        policy_version=pol.version,
        actor=actor,
        cause=cause,
    )
    reports.append_event(
        session,
        report.id,
        "report.forwarded",
        actor,
        referrals[0].sent_at,
        {
            "agencies": [a.code for a, _ in new],
            "reasons": {a.code: reason.value for a, reason in new},
            "urgent": plan.urgent,
            "priority": assessment.priority,
            "route": decided.route,
            "policy": pol.name.value,
            "policy_version": pol.version,
            "cause": cause,
        },
    )
    session.flush()
    return Routed(referrals, None)


_RANK = {"P1": 1, "P2": 2, "P3": 3, "INFO": 4}


def _keep_in_step(referrals: Sequence[Referral], priority: str) -> None:
    """An agency's queue orders by the report's priority now, not the one it was sent with."""
    for referral in referrals:
        if referral.priority != priority:
            referral.priority, referral.rank = priority, _RANK.get(priority, 3)
            referral.updated_at = utc_now()


def _refer(
    session: Session,
    report: Report,
    picks: Sequence[tuple[Agency, Reason]],
    *,
    priority: str,
    urgent: bool,
    bundle_id: uuid.UUID | None,
    basis: dict[str, Any],
    policy_version: int | None,
    actor: str,
    cause: str,
) -> list[Referral]:
    """Referral rows, and in the same unit the outbox rows announcing them to webhooks."""
    now = utc_now()
    out: list[Referral] = []
    for agency, reason in picks:
        referral = Referral(
            id=uuid.uuid4(),
            report_id=report.id,
            bundle_id=bundle_id,
            agency_id=agency.id,
            provider_id=report.provider_id,
            report_received_at=report.received_at,
            status=ReferralStatus.sent.value,
            urgent=urgent,
            priority=priority,
            rank=_RANK.get(priority, 3),
            reason=reason.value,
            cause=cause[:32],
            basis=basis,
            policy_version=policy_version,
            created_by=actor[:128],
            sent_at=now,
            updated_at=now,
        )
        session.add(referral)
        out.append(referral)
    session.flush()  # referrals before the deliveries that point at them
    for referral, (agency, _) in zip(out, picks, strict=True):
        if agency.webhook_url:
            session.add(
                WebhookDelivery(
                    referral_id=referral.id,
                    idempotency_key=uuid.uuid4().hex,
                    event=WEBHOOK_EVENT,
                    state="pending",
                    attempts=0,
                    next_attempt_at=now,
                    created_at=now,
                )
            )
    return out


def add_agency_to_report(
    session: Session, report_id: uuid.UUID, agency_code: str, *, actor: str, cause: str = "analyst"
) -> Referral:
    """Re-routing: an analyst sends the report to a further agency (an event on the report). An
    analyst may forward what routing held back; the event names who did it."""
    report = repository.lock_report(session, report_id)
    if report is None:
        raise NotFound("no such report", code="report_not_found")
    assessment = repository.assessment_of(session, report_id)
    if assessment is None:
        raise NotFound("the report has not been assessed yet", code="not_assessed")
    agency = get_agency(session, agency_code)
    if not agency.active:
        raise Conflict(f"agency {agency.code!r} is inactive", code="agency_inactive")
    existing = repository.referrals_of_report(session, report_id)
    if any(r.agency_id == agency.id for r, _ in existing):
        raise Conflict(f"the report is already referred to {agency.code}", code="already_referred")
    basis = existing[0][0].basis if existing else {"route": "analyst"}
    (referral,) = _refer(
        session,
        report,
        [(agency, Reason.analyst)],
        priority=assessment.priority,
        urgent=assessment.priority == "P1",
        bundle_id=assessment.bundle_id,
        basis=basis,
        policy_version=None,
        actor=actor,
        cause=cause,
    )
    reports.append_event(
        session,
        report.id,
        "report.rerouted",
        actor,
        referral.sent_at,
        {"agency": agency.code, "reason": Reason.analyst.value, "state": assessment.state},
    )
    audit.record(session, actor, "referral.added", str(referral.id), agency=agency.code)
    session.flush()
    return referral


# --- reading referrals ----------------------------------------------------------------------------


@dataclass(frozen=True)
class ReferralSummary:
    """One referral, for the deconfliction view: who has the report, and how far they got."""

    report_id: uuid.UUID
    agency_code: str
    agency_name: str
    status: str
    sent_at: datetime
    acknowledged_at: datetime | None


def referrals_for_reports(session: Session, report_ids: Sequence[uuid.UUID]) -> list[ReferralSummary]:
    return [ReferralSummary(*row) for row in repository.referrals_for_reports(session, report_ids)]


def deconfliction_of(session: Session, report_id: uuid.UUID) -> dict[str, Any]:
    """For analysts: the report's subjects, related reports, who holds them and who works them."""
    if repository.get_report(session, report_id) is None:
        raise NotFound("no such report", code="report_not_found")
    return asdict(deconfliction.for_report(session, report_id))


def referrals_of_report(session: Session, report_id: uuid.UUID) -> list[dict[str, Any]]:
    """For analysts: each referral with its agency and the state of its webhook announcement."""
    if repository.get_report(session, report_id) is None:
        raise NotFound("no such report", code="report_not_found")
    deliveries = {d.referral_id: d for d in repository.deliveries_of_report(session, report_id)}
    out = []
    for r, a in repository.referrals_of_report(session, report_id):
        d = deliveries.get(r.id)
        out.append(
            {
                **describe(r, a),
                "delivery": None
                if d is None
                else {
                    "state": d.state,
                    "attempts": d.attempts,
                    "next_attempt_at": d.next_attempt_at,
                    "last_error": d.last_error,
                    "delivered_at": d.delivered_at,
                },
            }
        )
    return out


def describe(r: Referral, a: Agency) -> dict[str, Any]:
    return {
        "id": r.id,
        "report_id": r.report_id,
        "bundle_id": r.bundle_id,
        "agency": a.code,
        "agency_name": a.name,
        "status": r.status,
        "decline_reason": r.decline_reason,
        "urgent": r.urgent,
        "priority": r.priority,
        "reason": r.reason,
        "cause": r.cause,
        "jurisdiction": r.basis,
        "policy_version": r.policy_version,
        "sent_at": r.sent_at,
        "delivered_at": r.delivered_at,
        "acknowledged_at": r.acknowledged_at,
        "closed_at": r.closed_at,
    }


# --- the agency's side ----------------------------------------------------------------------------


def inbox(
    session: Session,
    agency: AgencyPrincipal,
    status: str = "new",
    *,
    limit: int = 50,
    offset: int = 0,
) -> list[Referral]:
    """The agency's referrals, urgent first, oldest first. ``new``: sent or delivered, not yet
    acknowledged, declined or closed."""
    statuses = [s.value for s in NEW] if status == "new" else [ReferralStatus(status).value]
    return list(repository.inbox(session, agency.id, statuses, limit, offset))


def _own(session: Session, agency: AgencyPrincipal, referral_id: uuid.UUID) -> Referral:
    # another agency's referral is "not found", never "forbidden": its existence is not disclosed
    referral = repository.agency_referral(session, agency.id, referral_id, for_update=True)
    if referral is None:
        raise NotFound("no such referral", code="referral_not_found")
    return referral


def fetch(
    session: Session, keyring: Keyring, agency: AgencyPrincipal, referral_id: uuid.UUID
) -> dict[str, Any]:
    """The referral with the report as the agency may see it (content with supplements merged, file
    hashes, priority, reasons, jurisdiction, urgency). A fetch delivers the referral and is audited."""
    referral = _own(session, agency, referral_id)
    report = report_service.get_any(session, referral.report_id)
    content = report_service.current_content(session, keyring, report)
    assessment = repository.assessment_of(session, report.id)
    now = utc_now()
    if referral.status == ReferralStatus.sent.value:
        repository.mark_referral_delivered(session, referral.id, now)
        session.refresh(referral)
    audit.record(session, agency.actor, "referral.fetched", str(referral.id), agency=agency.code)
    return {
        "deconfliction": asdict(deconfliction.for_report(session, report.id)),
        "referral": {
            "id": referral.id,
            "status": referral.status,
            "urgent": referral.urgent,
            "priority": referral.priority,
            "reason": referral.reason,
            "bundle_id": referral.bundle_id,
            "sent_at": referral.sent_at,
        },
        "report_id": report.id,
        "received_at": report.received_at,
        "provider_urgent": report.provider_urgent,
        "priority": assessment.priority if assessment else referral.priority,
        "reasons": assessment.reasons if assessment else [],
        "jurisdiction": referral.basis,
        "content": content.data,
        "files": [
            {
                "ref": f.ref,
                "media_type": f.media_type,
                "md5": f.md5,
                "sha1": f.sha1,
                "sha256": f.sha256,
                "pdq": f.pdq,
                "classification": f.classification,
            }
            for f in report.files
        ],
    }


def _change(
    session: Session,
    agency: AgencyPrincipal,
    referral_id: uuid.UUID,
    to: ReferralStatus,
    *,
    reason: DeclineReason | None = None,
    actor: str | None = None,
) -> Referral:
    """``actor``: who acted for the agency (a signed-in officer, ``user:<id>``); the agency's system
    (``agency:<id>``) when not given."""
    actor = actor or agency.actor
    referral = _own(session, agency, referral_id)
    repository.lock_report(session, referral.report_id)  # the log is appended to below
    referral.status = transition(ReferralStatus(referral.status), to).value
    now = utc_now()
    if to is ReferralStatus.acknowledged:
        referral.acknowledged_at = now
    elif to in (ReferralStatus.declined, ReferralStatus.closed):
        referral.closed_at = now
        referral.decline_reason = reason.value if reason is not None else None
    referral.updated_at = now
    data: dict[str, Any] = {"agency": agency.code, "referral": str(referral.id)}
    if reason is not None:
        data["reason"] = reason.value
    reports.append_event(session, referral.report_id, f"report.referral_{to.value}", actor, now, data)
    audit.record(session, actor, f"referral.{to.value}", str(referral.id), **data)
    session.flush()
    return referral


def acknowledge(
    session: Session, agency: AgencyPrincipal, referral_id: uuid.UUID, *, actor: str | None = None
) -> Referral:
    return _change(session, agency, referral_id, ReferralStatus.acknowledged, actor=actor)


def decline(
    session: Session,
    agency: AgencyPrincipal,
    referral_id: uuid.UUID,
    reason: DeclineReason,
    *,
    actor: str | None = None,
) -> Referral:
    return _change(session, agency, referral_id, ReferralStatus.declined, reason=reason, actor=actor)


def close(
    session: Session, agency: AgencyPrincipal, referral_id: uuid.UUID, *, actor: str | None = None
) -> Referral:
    return _change(session, agency, referral_id, ReferralStatus.closed, actor=actor)


def counts(session: Session) -> dict[str, dict[str, int]]:
    return {
        "referrals": repository.referral_counts(session),
        "deliveries": repository.delivery_counts(session),
    }
