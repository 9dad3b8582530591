"""The linking API for analysts (keys with the ``assess`` scope): a report's links with their evidence,
subjects, and confirming or splitting a link."""

from __future__ import annotations

import uuid
from dataclasses import asdict
from typing import Any

from fastapi import APIRouter

from tipline.api.deps import ApiKey, AppContext
from tipline.api.problems import problems
from tipline.linking import service
from tipline.linking.schemas import LinkDecision, LinkRead, SubjectRead
from tipline.providers.service import actor_of, authenticate

router = APIRouter(prefix="/api/v1", tags=["linking"])
SCOPE = "assess"

_PROBLEMS = problems(
    {
        401: "Missing or invalid API key.",
        403: "The key lacks the assess scope (scope_missing).",
        404: "No such link (link_not_found) or subject (subject_not_found).",
        422: "Invalid input (a reason is required).",
    }
)


@router.get(
    "/reports/{report_id}/links",
    response_model=list[LinkRead],
    responses=_PROBLEMS,
    summary="A report's links",
)
def links(ctx: AppContext, key: ApiKey, report_id: uuid.UUID) -> list[dict[str, Any]]:
    """Every link of the report's reported persons to other reports, merging or not, with evidence."""
    with ctx.read() as session:
        authenticate(session, key, ctx.keys, scope=SCOPE)
        return [asdict(link) for link in service.links_of(session, report_id)]


@router.get("/subjects/{subject_id}", response_model=SubjectRead, responses=_PROBLEMS, summary="A subject")
def subject(ctx: AppContext, key: ApiKey, subject_id: uuid.UUID) -> dict[str, Any]:
    """A subject and its reports (an id merged into another subject answers with that one)."""
    with ctx.read() as session:
        authenticate(session, key, ctx.keys, scope=SCOPE)
        return asdict(service.subject(session, subject_id))


def _decide(
    ctx: AppContext, key: str | None, link_id: int, body: LinkDecision, confirm: bool
) -> dict[str, Any]:
    with ctx.unit() as session:
        actor = actor_of(authenticate(session, key, ctx.keys, scope=SCOPE))
        link = service.decide_link(session, link_id, confirm=confirm, actor=actor, reason=body.reason)
        return next(asdict(v) for v in service.links_of(session, link.report_id) if v.id == link.id)


@router.post(
    "/links/{link_id}/confirm", response_model=LinkRead, responses=_PROBLEMS, summary="Confirm a link"
)
def confirm(ctx: AppContext, key: ApiKey, link_id: int, body: LinkDecision) -> dict[str, Any]:
    """The two persons are one: the link merges whatever tipline later finds. Logged on both reports."""
    return _decide(ctx, key, link_id, body, True)


@router.post("/links/{link_id}/split", response_model=LinkRead, responses=_PROBLEMS, summary="Split a link")
def split(ctx: AppContext, key: ApiKey, link_id: int, body: LinkDecision) -> dict[str, Any]:
    """The two persons are not one: the link never merges again, and the subject is re-clustered from its
    remaining links. Logged on both reports."""
    return _decide(ctx, key, link_id, body, False)
