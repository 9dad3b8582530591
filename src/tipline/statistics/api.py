"""The provider's scorecard: /api/v1/scorecard (its own figures only)."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

from fastapi import APIRouter, Query
from pydantic import BaseModel, Field

from tipline.api.deps import ApiKey, AppContext
from tipline.core.clock import utc_now
from tipline.core.errors import FieldError, Unprocessable
from tipline.providers.service import authenticate
from tipline.reports.schemas import Problem
from tipline.statistics import service
from tipline.statistics.schemas import Period

router = APIRouter(prefix="/api/v1/scorecard", tags=["statistics"])

_ERRORS: dict[int | str, dict[str, Any]] = {
    code: {"model": Problem, "description": text, "content": {"application/problem+json": {}}}
    for code, text in {
        401: "Missing or invalid API key (unauthenticated).",
        422: "Invalid period (invalid_period).",
    }.items()
}


class ScorecardRead(BaseModel):
    """How tipline sees a provider's reports over a period (reports received in it)."""

    start: date = Field(description="First day of the period (UTC).")
    end: date = Field(description="The day after the period's last (exclusive).")
    reports: int = Field(description="Reports received in the period.")
    complete_share: float | None = Field(
        description="Share of reports for which no information was requested."
    )
    unfounded_share: float | None = Field(description="Share assessed as manifestly unfounded.")
    information_requests: int = Field(description="Information requests made in the period.")
    answered_share: float | None = Field(
        description="Share of information requests answered by a supplement."
    )
    answer_median_hours: float | None = Field(description="Median time to answer a request, in hours.")
    answer_p90_hours: float | None = Field(description="90th percentile of the time to answer, in hours.")
    referrals: int = Field(description="Referrals of the period's reports to authorities.")
    investigated_share: float | None = Field(
        description="Share of referrals that led to an investigation (new or ongoing) or to a victim "
        "safeguarded."
    )


@router.get("", response_model=ScorecardRead, responses=_ERRORS, summary="Your scorecard")
def get_scorecard(
    ctx: AppContext,
    key: ApiKey,
    start: date | None = Query(None, description="First day (UTC); default: 365 days before end."),
    end: date | None = Query(None, description="Day after the last (UTC); default: tomorrow."),
) -> dict[str, Any]:
    """Completeness, manifestly unfounded, time to answer information requests and what forwarded
    reports led to, for the calling provider only."""
    end = end or (utc_now().date() + timedelta(days=1))
    start = start or (end - timedelta(days=365))
    if end <= start:
        raise Unprocessable(
            "the period ends before it starts",
            code="invalid_period",
            errors=[FieldError("/end", "invalid_period", "must be after start")],
        )
    with ctx.read() as session:
        provider = authenticate(session, key, ctx.keys)
        row, fresh = service.scorecard(session, Period(start, end), provider.id)
    if fresh:
        with ctx.unit() as session:
            service.keep(session, fresh)
    return {"start": start, "end": end, **{k: v for k, v in row.items() if k != "provider"}}
