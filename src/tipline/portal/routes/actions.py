"""What people do to a report, each an event with the actor and a reason: analysts' decisions and
law enforcement's acknowledgement, decline, holds and outcomes. Every form posts here and returns to
the report (HTMX boosts the form: the page is swapped, not reloaded)."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import UTC, date, datetime, time
from typing import Annotated, Any

from fastapi import APIRouter, Form, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import RedirectResponse, Response
from pydantic import ValidationError
from sqlalchemy.orm import Session

from tipline.access.roles import Permission
from tipline.access.scope import own_referral
from tipline.assessment import service as assessment
from tipline.assessment.policy import Priority
from tipline.casework import service as casework
from tipline.casework.schemas import HoldKind, OutcomeIn
from tipline.context import Context
from tipline.core.errors import Unprocessable
from tipline.forwarding import service as forwarding
from tipline.forwarding.workflow import DeclineReason
from tipline.linking import service as linking
from tipline.portal import web
from tipline.reports.schemas.decisions import MissingInformation
from tipline.users.service import Current

router = APIRouter()
Reason = Annotated[str, Form(min_length=1, max_length=2000)]


def _back(report_id: uuid.UUID, anchor: str = "") -> Response:
    return RedirectResponse(
        f"/portal/reports/{report_id}{anchor}", status_code=303, headers=web.SECURITY_HEADERS
    )


def _do(ctx: Context, work: Callable[[Session], Any]) -> Any:
    with ctx.unit() as session:
        return work(session)


async def _run(ctx: Context, work: Callable[[Session], Any]) -> Any:
    return await run_in_threadpool(_do, ctx, work)


def _reason(text: str) -> str:
    text = text.strip()
    if not text:
        raise Unprocessable("a reason is required", code="reason_required")
    return text


# --- clearinghouse analysts ----------------------------------------------------------------------


@router.post("/reports/{report_id}/priority")
async def override_priority(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.priority_override)],
    report_id: uuid.UUID,
    priority: Annotated[str, Form()],
    code: Annotated[str, Form()],
    reason: Reason,
) -> Response:
    try:
        chosen = None if priority == "auto" else Priority(priority)
        why = assessment.OverrideReason(code)
    except ValueError as exc:
        raise Unprocessable("unknown priority or reason", code="invalid_form") from exc
    note = _reason(reason)
    await _run(
        ctx,
        lambda s: assessment.override(s, ctx.keyring, report_id, chosen, why, note, current.principal.actor),
    )
    return _back(report_id, "#decisions")


@router.post("/reports/{report_id}/request-information")
async def request_information(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.information_request)],
    report_id: uuid.UUID,
    reason: Reason,
) -> Response:
    form = await request.form()
    try:
        codes = [MissingInformation(str(c)) for c in form.getlist("missing")]
    except ValueError as exc:
        raise Unprocessable("unknown kind of information", code="invalid_form") from exc
    if not codes:
        raise Unprocessable("choose what information is missing", code="invalid_form")
    note = _reason(reason)
    await _run(
        ctx,
        lambda s: assessment.request_information(
            s, ctx.keyring, report_id, codes, note, current.principal.actor
        ),
    )
    return _back(report_id, "#decisions")


@router.post("/reports/{report_id}/unfounded")
async def mark_unfounded(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.unfounded_mark)],
    report_id: uuid.UUID,
    reason: Reason,
    undo: Annotated[bool, Form()] = False,
) -> Response:
    note = _reason(reason)
    await _run(
        ctx,
        lambda s: assessment.mark_unfounded(
            s, ctx.keyring, report_id, note, current.principal.actor, undo=undo
        ),
    )
    return _back(report_id, "#decisions")


@router.post("/reports/{report_id}/forward")
async def forward(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.report_forward)],
    report_id: uuid.UUID,
    agency: Annotated[str, Form(max_length=32)],
    reason: Reason,
) -> Response:
    note = _reason(reason)

    def work(s: Session) -> None:
        forwarding.add_agency_to_report(s, report_id, agency, actor=current.principal.actor)
        assessment.add_note(
            s, ctx.keyring, report_id, f"Forwarded to {agency}: {note}", current.principal.actor
        )

    await _run(ctx, work)
    return _back(report_id, "#referrals")


@router.post("/links/{link_id}/{decision}")
async def decide_link(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.link_decide)],
    link_id: int,
    decision: str,
    report_id: Annotated[uuid.UUID, Form()],
    reason: Reason,
) -> Response:
    if decision not in ("confirm", "split"):
        raise Unprocessable("confirm or split", code="invalid_form")
    note = _reason(reason)
    await _run(
        ctx,
        lambda s: linking.decide_link(
            s, link_id, confirm=decision == "confirm", actor=current.principal.actor, reason=note
        ),
    )
    return _back(report_id, "#links")


# --- law enforcement -----------------------------------------------------------------------------

Acting = Annotated[Current, web.needs(Permission.referral_act)]


def _referral_report(s: Session, current: Current, referral_id: uuid.UUID) -> uuid.UUID:
    return own_referral(s, current.principal, referral_id).report_id


@router.post("/referrals/{referral_id}/acknowledge")
async def acknowledge(ctx: web.PortalContext, current: Acting, referral_id: uuid.UUID) -> Response:
    def work(s: Session) -> uuid.UUID:
        report_id = _referral_report(s, current, referral_id)
        casework.acknowledge(s, current.principal, referral_id)
        return report_id

    return _back(await _run(ctx, work), "#referrals")


@router.post("/referrals/{referral_id}/decline")
async def decline(
    ctx: web.PortalContext, current: Acting, referral_id: uuid.UUID, code: Annotated[str, Form()]
) -> Response:
    try:
        why = DeclineReason(code)
    except ValueError as exc:
        raise Unprocessable("unknown decline reason", code="invalid_form") from exc

    def work(s: Session) -> uuid.UUID:
        report_id = _referral_report(s, current, referral_id)
        casework.decline(s, current.principal, referral_id, why)
        return report_id

    return _back(await _run(ctx, work), "#referrals")


@router.post("/referrals/{referral_id}/holds")
async def request_hold(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.hold_request)],
    referral_id: uuid.UUID,
    kind: Annotated[str, Form()],
    until: Annotated[str, Form()],
    reason: Reason,
) -> Response:
    try:
        end = datetime.combine(date.fromisoformat(until), time(23, 59, 59), tzinfo=UTC)
        hold_kind = HoldKind(kind)
    except ValueError as exc:
        raise Unprocessable("a kind of hold and a date like 2027-05-31", code="invalid_form") from exc
    note = _reason(reason)

    def work(s: Session) -> uuid.UUID:
        hold = casework.request_hold(s, current.principal, referral_id, hold_kind, end, note)
        return hold.report_id

    return _back(await _run(ctx, work), "#holds")


@router.post("/holds/{hold_id}/lift")
async def lift_hold(
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.hold_lift)],
    hold_id: int,
    reason: Reason,
) -> Response:
    note = _reason(reason)

    def work(s: Session) -> uuid.UUID:
        return casework.lift_hold(s, current.principal, hold_id, note).report_id

    return _back(await _run(ctx, work), "#holds")


@router.post("/referrals/{referral_id}/outcome")
async def record_outcome(
    request: Request,
    ctx: web.PortalContext,
    current: Annotated[Current, web.needs(Permission.outcome_record)],
    referral_id: uuid.UUID,
) -> Response:
    form = await request.form()
    data = outcome_from_form({k: str(v) for k, v in form.items() if k != "csrf"})

    def work(s: Session) -> uuid.UUID:
        return casework.record_outcome(s, current.principal, referral_id, data).report_id

    return _back(await _run(ctx, work), "#outcome")


def outcome_from_form(form: dict[str, str]) -> OutcomeIn:
    """The outcome form's fields (``victims_identified.female.10-13`` = count, ...) as an OutcomeIn;
    empty and zero counts are left out."""
    body: dict[str, Any] = {"victims_identified": {}, "victims_safeguarded": {}}
    for key, value in form.items():
        value = value.strip()
        group, _, rest = key.partition(".")
        if group in ("victims_identified", "victims_safeguarded") and rest:
            sex, _, band = rest.partition(".")
            if value and value != "0":
                body[group].setdefault(sex, {})[band] = value
        elif key == "closed_pretrial":
            body[key] = value in ("true", "on", "1")
        elif value:
            body[key] = value
    try:
        return OutcomeIn.model_validate(body)
    except ValidationError as exc:
        wrong = sorted({".".join(str(p) for p in e["loc"]) for e in exc.errors()})
        raise Unprocessable(f"check these fields: {', '.join(wrong)}", code="invalid_outcome") from exc
