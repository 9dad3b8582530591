"""Law enforcement's casework on the referrals of its own agency: holds (Art. 48(6)-(7)), outcomes
(Art. 83(2)), and acknowledging, declining or closing a referral as a signed-in officer.

Callers pass the session (one unit of work at the edge); nothing here commits. Another agency's
referral or hold is "not found" (its existence is not disclosed). Every change is an event on the
report's log, appended under the report's lock (taken before the referral's, as routing does), and an
audit entry. The provider reads the log (kinds, actors and times), so events never name the agency; and
they hold codes, ids, times and counts only: never a hold's reason, a no-action reason or a sentence.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime, timedelta
from typing import Any

from sqlalchemy.orm import Session

from tipline.access.roles import Permission, Principal, require
from tipline.access.scope import own_referral
from tipline.audit import service as audit
from tipline.casework import repository
from tipline.casework.schemas import AgeBand, HoldKind, OutcomeAction, OutcomeIn, Sex, VictimCounts
from tipline.core.clock import utc_now
from tipline.core.errors import Conflict, FieldError, InvalidTransition, NotFound, Unprocessable
from tipline.forwarding import service as forwarding
from tipline.forwarding.workflow import NEW, DeclineReason, ReferralStatus
from tipline.models import Hold, Outcome, Referral
from tipline.reports import repository as reports

HOLD_MAX = timedelta(days=548)  # 18 months (Art. 48(7))
REASON_MAX = 4000


# --- who acts -------------------------------------------------------------------------------------


def _own(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """The principal's agency's referral, with its report locked first and then the referral itself."""
    if principal.role.is_law_enforcement and principal.agency_id is not None:
        repository.lock_report_of_referral(session, referral_id, principal.agency_id)
    return own_referral(session, principal, referral_id)  # NotFound for anyone else's


def _agency(principal: Principal) -> forwarding.AgencyPrincipal:
    if principal.agency_id is None or principal.agency_code is None:
        raise NotFound("no such referral", code="referral_not_found")
    return forwarding.AgencyPrincipal(principal.agency_id, principal.agency_code)


def _text(value: str | None, pointer: str, what: str) -> str:
    text = (value or "").strip()
    if not text:
        raise Unprocessable(
            f"{what} is required", code="reason_required", errors=[FieldError(pointer, "required", what)]
        )
    if len(text) > REASON_MAX:
        raise Unprocessable(
            f"{what} is too long",
            code="reason_too_long",
            errors=[FieldError(pointer, "too_long", f"at most {REASON_MAX} characters")],
        )
    return text


# --- referrals ------------------------------------------------------------------------------------


def acknowledge(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """The officer accepts the referral for the agency; the event names the officer."""
    require(principal, Permission.referral_act)
    _own(session, principal, referral_id)
    return forwarding.acknowledge(session, _agency(principal), referral_id, actor=principal.actor)


def decline(
    session: Session, principal: Principal, referral_id: uuid.UUID, reason: DeclineReason
) -> Referral:
    """The officer refuses the referral for the agency, with a coded reason."""
    require(principal, Permission.referral_act)
    _own(session, principal, referral_id)
    return forwarding.decline(session, _agency(principal), referral_id, reason, actor=principal.actor)


def close(session: Session, principal: Principal, referral_id: uuid.UUID) -> Referral:
    """The agency is done with the referral (an outcome may still be recorded afterwards)."""
    require(principal, Permission.referral_act)
    _own(session, principal, referral_id)
    return forwarding.close(session, _agency(principal), referral_id, actor=principal.actor)


# --- holds ----------------------------------------------------------------------------------------


def request_hold(
    session: Session,
    principal: Principal,
    referral_id: uuid.UUID,
    kind: HoldKind,
    until: datetime,
    reason: str,
) -> Hold:
    """Ask the provider not to inform the user, or not to remove the material, until ``until`` (in the
    future, at most 548 days ahead). A new hold of the same kind by the same agency on the same report
    replaces (lifts) the one in force. A declined referral cannot carry a hold (409)."""
    require(principal, Permission.hold_request)
    kind = HoldKind(kind)
    now = utc_now()
    if until.tzinfo is None:
        raise Unprocessable(
            "until needs a time zone",
            code="invalid_hold_until",
            errors=[FieldError("/until", "naive_datetime", "give a time zone (e.g. Z)")],
        )
    until = until.astimezone(UTC)
    if until <= now:
        raise Unprocessable(
            "a hold must end in the future",
            code="hold_until_past",
            errors=[FieldError("/until", "in_past", "must be in the future")],
        )
    if until > now + HOLD_MAX:
        raise Unprocessable(
            "a hold lasts at most 18 months (548 days)",
            code="hold_too_long",
            errors=[FieldError("/until", "too_far", "at most 548 days from now")],
        )
    reason = _text(reason, "/reason", "a reason")
    referral = _own(session, principal, referral_id)
    if referral.status == ReferralStatus.declined.value:
        raise InvalidTransition("a declined referral cannot carry a hold", code="referral_declined")
    replaced = repository.agency_holds_in_force(
        session, referral.report_id, referral.agency_id, kind.value, now
    )
    for old in replaced:
        old.lifted_at = now
    hold = Hold(
        report_id=referral.report_id,
        referral_id=referral.id,
        agency_id=referral.agency_id,
        kind=kind.value,
        until=until,
        reason=reason,
        requested_by=principal.actor[:128],
        requested_at=now,
    )
    session.add(hold)
    session.flush()
    data: dict[str, Any] = {
        "hold": hold.id,
        "referral": str(referral.id),
        "kind": kind.value,
        "until": until.isoformat(),
        "replaces": [h.id for h in replaced],
    }
    reports.append_event(session, referral.report_id, "report.hold_requested", principal.actor, now, data)
    audit.record(
        session,
        principal.actor,
        "hold.requested",
        str(hold.id),
        purpose=reason,
        agency=principal.agency_code,
        referral=str(referral.id),
        kind=kind.value,
        until=until.isoformat(),
        replaced=len(replaced),
    )
    return hold


def lift_hold(session: Session, principal: Principal, hold_id: int, reason: str) -> Hold:
    """End a hold of the principal's agency now (law-enforcement supervisors). 409 when it was already
    lifted or has expired."""
    require(principal, Permission.hold_lift)
    reason = _text(reason, "/reason", "a reason")
    if principal.agency_id is None:
        raise NotFound("no such hold", code="hold_not_found")
    found = repository.hold_of_agency(session, hold_id, principal.agency_id)
    if found is None:
        raise NotFound("no such hold", code="hold_not_found")
    repository.lock_report(session, found.report_id)  # the log is appended to below
    hold = repository.hold_of_agency(session, hold_id, principal.agency_id, for_update=True)
    assert hold is not None
    now = utc_now()
    if hold.lifted_at is not None:
        raise Conflict("the hold was already lifted", code="hold_lifted")
    if hold.until <= now:
        raise Conflict("the hold has already ended", code="hold_expired")
    hold.lifted_at = now
    session.flush()
    data = {"hold": hold.id, "referral": str(hold.referral_id), "kind": hold.kind}
    reports.append_event(session, hold.report_id, "report.hold_lifted", principal.actor, now, data)
    audit.record(
        session,
        principal.actor,
        "hold.lifted",
        str(hold.id),
        purpose=reason,
        agency=principal.agency_code,
        **data,
    )
    return hold


def active_holds(session: Session, report_id: uuid.UUID, now: datetime) -> list[Hold]:
    """The holds in force on a report at ``now`` (not lifted, ``until`` still ahead), oldest first."""
    return list(repository.active_holds(session, report_id, now))


# --- outcomes -------------------------------------------------------------------------------------


def _victims(counts: VictimCounts) -> dict[str, dict[str, int]]:
    """Canonical form: sexes and age bands in their fixed order, counts of zero left out."""
    out: dict[str, dict[str, int]] = {}
    for sex in Sex:
        bands = counts.get(sex) or {}
        kept = {band.value: int(bands[band]) for band in AgeBand if bands.get(band)}
        if kept:
            out[sex.value] = kept
    return out


def _check(data: OutcomeIn) -> None:
    problems: list[FieldError] = []
    reason = (data.no_action_reason or "").strip()
    if data.action is OutcomeAction.no_action and not reason:
        problems.append(FieldError("/no_action_reason", "required", "no_action needs its reasons"))
    if data.action is not OutcomeAction.no_action and reason:
        problems.append(
            FieldError("/no_action_reason", "only_for_no_action", "give reasons only for no_action")
        )
    if data.offenders_convicted > data.offenders_prosecuted:
        problems.append(
            FieldError("/offenders_convicted", "exceeds_prosecuted", "more convicted than prosecuted")
        )
    if problems:
        raise Unprocessable("the outcome does not add up", code="invalid_outcome", errors=problems)


def record_outcome(
    session: Session, principal: Principal, referral_id: uuid.UUID, data: OutcomeIn
) -> Outcome:
    """Record (or update) the outcome of the agency's referral. A referral still sent or delivered is
    acknowledged first (an outcome means the agency took it up); a declined one has no outcome (409
    ``referral_declined``); a closed one still takes updates (a conviction comes long after). Sending
    the outcome in force again changes nothing; any change is a new version."""
    require(principal, Permission.outcome_record)
    _check(data)
    referral = _own(session, principal, referral_id)
    status = ReferralStatus(referral.status)
    if status is ReferralStatus.declined:
        raise InvalidTransition("a declined referral has no outcome", code="referral_declined")
    if status in NEW:
        forwarding.acknowledge(session, _agency(principal), referral.id, actor=principal.actor)
    values: dict[str, Any] = {
        "action": data.action.value,
        "no_action_reason": (data.no_action_reason or "").strip() or None,
        "victims_identified": _victims(data.victims_identified),
        "victims_safeguarded": _victims(data.victims_safeguarded),
        "suspects_identified": data.suspects_identified,
        "suspects_arrested": data.suspects_arrested,
        "offenders_prosecuted": data.offenders_prosecuted,
        "offenders_convicted": data.offenders_convicted,
        "sentence": (data.sentence or "").strip() or None,
        "closed_pretrial": data.closed_pretrial,
    }
    outcome = repository.outcome_of(session, referral.id)
    if outcome is not None and all(getattr(outcome, k) == v for k, v in values.items()):
        return outcome
    now = utc_now()
    if outcome is None:
        outcome = Outcome(
            referral_id=referral.id,
            report_id=referral.report_id,
            agency_id=referral.agency_id,
            version=0,
            source="recorded",
            updated_by=principal.actor[:128],
            updated_at=now,
            **values,
        )
        session.add(outcome)
    for name, value in values.items():
        setattr(outcome, name, value)
    outcome.version += 1
    outcome.source = "recorded"
    outcome.updated_by, outcome.updated_at = principal.actor[:128], now
    session.flush()
    event = {
        "referral": str(referral.id),
        "version": outcome.version,
        "action": outcome.action,
        "victims_identified": outcome.victims_identified,
        "victims_safeguarded": outcome.victims_safeguarded,
        "suspects_identified": outcome.suspects_identified,
        "suspects_arrested": outcome.suspects_arrested,
        "offenders_prosecuted": outcome.offenders_prosecuted,
        "offenders_convicted": outcome.offenders_convicted,
        "closed_pretrial": outcome.closed_pretrial,
    }
    reports.append_event(session, referral.report_id, "report.outcome_recorded", principal.actor, now, event)
    audit.record(
        session,
        principal.actor,
        "outcome.recorded",
        str(referral.id),
        agency=principal.agency_code,
        version=outcome.version,
        outcome=outcome.action,
    )
    return outcome


def outcome_of(session: Session, referral_id: uuid.UUID) -> Outcome | None:
    """The outcome in force of one referral, if any (callers check who may read it)."""
    return repository.outcome_of(session, referral_id)


def outcomes_of_report(session: Session, report_id: uuid.UUID, agency_id: uuid.UUID | None) -> list[Outcome]:
    """A report's outcomes, oldest first: one agency's (law enforcement), or every agency's (None: the
    clearinghouse)."""
    return list(repository.outcomes_of_report(session, report_id, agency_id))
