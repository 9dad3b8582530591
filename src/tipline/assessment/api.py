"""The assessment API for analysts' tools (keys with the ``assess`` scope): the queue, a report's
decision with its reasons, overrides, notes, bundles. Every read of a decision is audited (it quotes
the report)."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

from fastapi import APIRouter, Query

from tipline.api.deps import ApiKey, AppContext
from tipline.api.problems import problems
from tipline.assessment import service
from tipline.assessment.policy import Priority
from tipline.assessment.schemas import (
    AssessmentRead,
    BundleRead,
    NoteCreate,
    NoteCreated,
    OverrideCreate,
    QueueEntryRead,
)
from tipline.providers.service import actor_of, authenticate

router = APIRouter(prefix="/api/v1", tags=["assessment"])
SCOPE = "assess"

_PROBLEMS = problems(
    {
        401: "Missing or invalid API key.",
        403: "The key lacks the assess scope (scope_missing).",
        404: "No such report (report_not_found), not assessed yet (not_assessed), no such bundle.",
        422: "Invalid input.",
    }
)


@router.get("/assessments", response_model=list[QueueEntryRead], responses=_PROBLEMS, summary="The queue")
def queue(
    ctx: AppContext,
    key: ApiKey,
    priority: Priority | None = None,
    state: Annotated[list[str] | None, Query(description="assessed, incomplete, unfounded")] = None,
    limit: Annotated[int, Query(ge=1, le=500)] = 50,
    offset: Annotated[int, Query(ge=0)] = 0,
) -> list[dict[str, Any]]:
    """Reports by priority (P1 first), oldest first; a viral bundle's INFO members are one line."""
    with ctx.read() as session:
        authenticate(session, key, ctx.keys, scope=SCOPE)
        entries = service.work_queue(
            session,
            states=tuple(state or ("assessed", "incomplete")),
            priority=priority.value if priority else None,
            limit=limit,
            offset=offset,
        )
        return [
            {
                "report_id": e.assessment.report_id,
                "priority": e.assessment.priority,
                "state": e.assessment.state,
                "received_at": e.assessment.received_at,
                "reasons": e.assessment.reasons,
                "bundle": service.bundle_summary(e.bundle),
            }
            for e in entries
        ]


@router.get(
    "/assessments/{report_id}",
    response_model=AssessmentRead,
    responses=_PROBLEMS,
    summary="A decision, explained",
)
def get_assessment(ctx: AppContext, key: ApiKey, report_id: uuid.UUID) -> dict[str, Any]:
    """The priority, the rules that fired and every signal with its evidence (the words that produced
    it), the provider's own urgency claim, any override, unfounded reasons and information requested."""
    with ctx.unit() as session:
        actor = actor_of(authenticate(session, key, ctx.keys, scope=SCOPE))
        return service.read(session, ctx.keyring, report_id, actor)


@router.post(
    "/assessments/{report_id}/override",
    response_model=AssessmentRead,
    responses=_PROBLEMS,
    summary="Override the priority",
)
def override(ctx: AppContext, key: ApiKey, report_id: uuid.UUID, body: OverrideCreate) -> dict[str, Any]:
    """Set the priority by hand, with a coded reason and a note; logged as an event on the report."""
    with ctx.unit() as session:
        actor = actor_of(authenticate(session, key, ctx.keys, scope=SCOPE))
        service.override(session, ctx.keyring, report_id, body.priority, body.reason, body.note, actor)
        return service.describe(service.explain(session, ctx.keyring, report_id))


@router.post(
    "/assessments/{report_id}/notes",
    status_code=202,
    response_model=NoteCreated,
    responses=_PROBLEMS,
    summary="Add a note",
)
def add_note(ctx: AppContext, key: ApiKey, report_id: uuid.UUID, body: NoteCreate) -> dict[str, Any]:
    """Add an analyst's note. The note is read for text cues and the report is assessed again shortly
    (202: read the assessment back)."""
    with ctx.unit() as session:
        actor = actor_of(authenticate(session, key, ctx.keys, scope=SCOPE))
        note = service.add_note(session, ctx.keyring, report_id, body.text, actor)
        return {"note_id": note.id}


@router.get("/bundles/{bundle_id}", response_model=BundleRead, responses=_PROBLEMS, summary="A viral bundle")
def get_bundle(ctx: AppContext, key: ApiKey, bundle_id: uuid.UUID) -> dict[str, Any]:
    """The bundle's counts and every report in it (each sharer stays traceable)."""
    with ctx.read() as session:
        authenticate(session, key, ctx.keys, scope=SCOPE)
        bundle, members = service.get_bundle(session, bundle_id)
        return {
            **(service.bundle_summary(bundle) or {}),
            "opened_at": bundle.opened_at,
            "members": [
                {
                    "report_id": m.report_id,
                    "priority": m.priority,
                    "state": m.state,
                    "received_at": m.received_at,
                }
                for m in members
            ],
        }
