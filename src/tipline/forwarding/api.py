"""The forwarding API: analysts (keys with the ``assess`` scope) see and add referrals; agencies'
systems pull their referrals with their own credentials (``tla_...``) and report what they did.

Who may call is decided once, in the dependencies ``Analyst`` and ``CurrentAgency``; which referrals an
agency sees is decided once, in the repository's ``readable_by`` (another agency's referral is a 404).
"""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from tipline.api.deps import ApiKey, AppContext
from tipline.api.problems import problems
from tipline.forwarding import service
from tipline.forwarding.schemas import (
    AgencyRead,
    AgencyReferralRead,
    DeclineCreate,
    DeconflictionRead,
    ReferralCreate,
    ReferralDetail,
    ReferralRead,
)
from tipline.forwarding.service import AgencyPrincipal
from tipline.models import Referral
from tipline.providers.service import actor_of, authenticate

router = APIRouter(prefix="/api/v1", tags=["forwarding"])
SCOPE = "assess"


def _analyst(ctx: AppContext, key: ApiKey) -> str:
    with ctx.read() as session:
        return actor_of(authenticate(session, key, ctx.keys, scope=SCOPE))


def _agency(ctx: AppContext, key: ApiKey) -> AgencyPrincipal:
    with ctx.read() as session:
        return service.authenticate_agency(session, key)


Analyst = Annotated[str, Depends(_analyst)]
CurrentAgency = Annotated[AgencyPrincipal, Depends(_agency)]

_ANALYST_PROBLEMS = problems(
    {
        401: "Missing or invalid API key.",
        403: "The key lacks the assess scope (scope_missing).",
        404: "No such report (report_not_found), not assessed (not_assessed), no such agency.",
        409: "Already referred to that agency (already_referred), or the agency is inactive.",
        422: "Invalid input.",
    }
)
_AGENCY_PROBLEMS = problems(
    {
        401: "Missing or invalid agency credential.",
        404: "No such referral for your agency (referral_not_found).",
        409: "The referral's status does not allow this (referral_state).",
        422: "Invalid input.",
    }
)


# --- analysts -------------------------------------------------------------------------------------


@router.get("/agencies", response_model=list[AgencyRead], responses=_ANALYST_PROBLEMS, summary="Agencies")
def list_agencies(ctx: AppContext, actor: Analyst) -> list[dict[str, Any]]:
    """The agency registry (member states' competent authorities, Europol, the international route)."""
    with ctx.read() as session:
        return [
            {
                "code": a.code,
                "name": a.name,
                "country": a.country,
                "kind": a.kind,
                "active": a.active,
                "webhook_configured": bool(a.webhook_url),
            }
            for a in service.list_agencies(session)
        ]


@router.get(
    "/referrals",
    response_model=list[ReferralRead],
    responses=_ANALYST_PROBLEMS,
    summary="A report's referrals",
)
def report_referrals(ctx: AppContext, actor: Analyst, report_id: uuid.UUID) -> list[dict[str, Any]]:
    """Where the report was forwarded, why, how far each agency got, and its webhook deliveries."""
    with ctx.read() as session:
        return service.referrals_of_report(session, report_id)


@router.get(
    "/reports/{report_id}/deconfliction",
    response_model=DeconflictionRead,
    responses=_ANALYST_PROBLEMS,
    summary="Who else has reports about the same people",
)
def report_deconfliction(ctx: AppContext, actor: Analyst, report_id: uuid.UUID) -> dict[str, Any]:
    """The report's subjects, the other reports about them (newest first) with the agencies that received
    each, and which agencies are working the subject now."""
    with ctx.read() as session:
        return service.deconfliction_of(session, report_id)


@router.post(
    "/referrals",
    status_code=201,
    response_model=list[ReferralRead],
    responses=_ANALYST_PROBLEMS,
    summary="Send a report to a further agency",
)
def add_referral(ctx: AppContext, actor: Analyst, body: ReferralCreate) -> list[dict[str, Any]]:
    """Re-routing: the report goes to one more agency (an event on the report); answers every referral
    of the report."""
    with ctx.unit() as session:
        service.add_agency_to_report(session, body.report_id, body.agency, actor=actor)
        return service.referrals_of_report(session, body.report_id)


# --- agencies -------------------------------------------------------------------------------------


@router.get(
    "/agency/referrals",
    response_model=list[AgencyReferralRead],
    responses=_AGENCY_PROBLEMS,
    summary="Your referrals (urgent first)",
)
def inbox(
    ctx: AppContext,
    agency: CurrentAgency,
    status: Annotated[
        str,
        Query(
            pattern="^(new|sent|delivered|acknowledged|declined|closed)$", description="new: not yet acted on"
        ),
    ] = "new",
    limit: Annotated[int, Query(ge=1, le=500)] = 100,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[AgencyReferralRead]:
    """Referrals to your agency, urgent first, oldest first. ``new``: not yet acknowledged, declined
    or closed."""
    with ctx.read() as session:  # read in the unit: its rollback expires the rows
        found = service.inbox(session, agency, status, limit=limit, offset=offset)
        return [AgencyReferralRead.model_validate(r) for r in found]


@router.get(
    "/agency/referrals/{referral_id}",
    response_model=ReferralDetail,
    responses=_AGENCY_PROBLEMS,
    summary="Fetch a referral with its report",
)
def fetch(ctx: AppContext, agency: CurrentAgency, referral_id: uuid.UUID) -> dict[str, Any]:
    """The report as forwarded to you. Fetching marks the referral delivered; every fetch is audited."""
    with ctx.unit() as session:
        return service.fetch(session, ctx.keyring, agency, referral_id)


@router.post(
    "/agency/referrals/{referral_id}/acknowledge",
    response_model=AgencyReferralRead,
    responses=_AGENCY_PROBLEMS,
    summary="Acknowledge",
)
def acknowledge(ctx: AppContext, agency: CurrentAgency, referral_id: uuid.UUID) -> Referral:
    """You accept the referral."""
    with ctx.unit() as session:
        return service.acknowledge(session, agency, referral_id)


@router.post(
    "/agency/referrals/{referral_id}/decline",
    response_model=AgencyReferralRead,
    responses=_AGENCY_PROBLEMS,
    summary="Decline, with a coded reason",
)
def decline(ctx: AppContext, agency: CurrentAgency, referral_id: uuid.UUID, body: DeclineCreate) -> Referral:
    """You refuse the referral (e.g. not_competent: tipline's analysts route it elsewhere)."""
    with ctx.unit() as session:
        return service.decline(session, agency, referral_id, body.reason)


@router.post(
    "/agency/referrals/{referral_id}/close",
    response_model=AgencyReferralRead,
    responses=_AGENCY_PROBLEMS,
    summary="Close",
)
def close(ctx: AppContext, agency: CurrentAgency, referral_id: uuid.UUID) -> Referral:
    """You have finished with the referral."""
    with ctx.unit() as session:
        return service.close(session, agency, referral_id)
