"""The curation API: /api/v1/banks and /api/v1/indicators, for keys with the ``curate`` scope.

Every call is audited by the service it calls (reads too).
"""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tipline.api.deps import ApiKey, AppContext
from tipline.api.problems import problems
from tipline.banks import service
from tipline.banks.schemas import (
    BankCreate,
    BankRead,
    BankUpdate,
    FeedbackIn,
    ImportSummary,
    IndicatorRead,
    IndicatorsAdd,
    Withdrawal,
)
from tipline.providers.service import actor_of, authenticate

router = APIRouter(prefix="/api/v1", tags=["banks"])

_ERRORS = problems(
    {
        401: "Missing or invalid API key.",
        403: "The key lacks the curate scope (scope_missing).",
        404: "No such bank (bank_not_found) or indicator (indicator_not_found).",
        409: "A bank with this name exists (bank_exists).",
        422: "Invalid input (invalid_hash, reason_required, ...).",
    }
)


@router.get("/banks", response_model=list[BankRead], responses=_ERRORS, summary="List the banks")
def list_banks(ctx: AppContext, key: ApiKey) -> Any:
    """Every bank with its active indicators per hash type and its withdrawn count."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        return service.list_banks(session, actor_of(provider))


@router.post("/banks", status_code=201, response_model=BankRead, responses=_ERRORS, summary="Create a bank")
def create_bank(ctx: AppContext, key: ApiKey, data: BankCreate) -> Any:
    """A new, enabled, empty bank."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        return BankRead.model_validate(service.create_bank(session, data, actor_of(provider)))


@router.patch("/banks/{name}", response_model=BankRead, responses=_ERRORS, summary="Change a bank")
def update_bank(ctx: AppContext, key: ApiKey, name: str, data: BankUpdate) -> Any:
    """Enable or disable a bank, or change its PDQ threshold; effective for the next lookup."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        return BankRead.model_validate(service.update_bank(session, name, data, actor_of(provider)))


@router.post(
    "/banks/{name}/indicators", response_model=ImportSummary, responses=_ERRORS, summary="Add indicators"
)
def add_indicators(ctx: AppContext, key: ApiKey, name: str, data: IndicatorsAdd) -> Any:
    """Add up to 10,000 indicators (already present ones are unchanged); they are matchable at once,
    and earlier reports are checked against them (a retro-hunt job)."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        bank = service.get_bank(session, name)
        return service.add_indicators(session, bank, data.indicators, actor_of(provider))


@router.get(
    "/indicators/{indicator_id}", response_model=IndicatorRead, responses=_ERRORS, summary="An indicator"
)
def get_indicator(ctx: AppContext, key: ApiKey, indicator_id: int) -> Any:
    """An indicator with its provenance, status and history."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        return service.get_indicator(session, indicator_id, actor_of(provider))


@router.post(
    "/indicators/{indicator_id}/withdraw", response_model=IndicatorRead, responses=_ERRORS, summary="Withdraw"
)
def withdraw(ctx: AppContext, key: ApiKey, indicator_id: int, data: Withdrawal) -> Any:
    """Withdraw an indicator: it matches nothing from now on (a tombstone; the history stays)."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        service.set_status(session, indicator_id, True, data.reason, actor_of(provider))
        return service.get_indicator(session, indicator_id, actor_of(provider))


@router.post(
    "/indicators/{indicator_id}/reinstate",
    response_model=IndicatorRead,
    responses=_ERRORS,
    summary="Reinstate",
)
def reinstate(ctx: AppContext, key: ApiKey, indicator_id: int, data: Withdrawal) -> Any:
    """Make a withdrawn indicator active again (and check earlier reports against it)."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        service.set_status(session, indicator_id, False, data.reason, actor_of(provider))
        return service.get_indicator(session, indicator_id, actor_of(provider))


@router.post(
    "/indicators/{indicator_id}/feedback", status_code=204, responses=_ERRORS, summary="Give feedback"
)
def feedback(ctx: AppContext, key: ApiKey, indicator_id: int, data: FeedbackIn) -> None:
    """Affirmative or negative feedback (negative needs a coded reason), recorded as an event."""
    with ctx.unit() as session:
        provider = authenticate(session, key, ctx.keys, scope="curate")
        service.add_feedback(
            session, indicator_id, data.sentiment, data.reason, data.note, actor_of(provider)
        )
