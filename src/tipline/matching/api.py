"""The match API: POST /api/v1/match, for keys with the ``match`` scope."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter

from tipline.api.deps import ApiKey, AppContext
from tipline.api.problems import problems
from tipline.banks.formats import normalize_hash
from tipline.context import Context
from tipline.core.errors import FieldError, Unprocessable
from tipline.matching import service
from tipline.matching.schemas import MatchRequest, MatchResponse
from tipline.providers.service import actor_of, authenticate

router = APIRouter(prefix="/api/v1", tags=["matching"])


def to_queries(request: MatchRequest) -> list[service.Query]:
    queries, errors = [], []
    for i, item in enumerate(request.hashes):
        try:
            hash_type, value = normalize_hash(item.hash_type, item.hash)
        except ValueError as exc:
            errors.append(FieldError(f"/hashes/{i}", "invalid_hash", str(exc)))
            continue
        queries.append(service.Query(hash_type, value, item.quality))
    if errors:
        raise Unprocessable("some hashes are not valid", code="invalid_hash", errors=errors)
    return queries


def _match(ctx: Context, key: str | None, request: MatchRequest) -> dict[str, Any]:
    with ctx.read() as session:
        actor = actor_of(authenticate(session, key, ctx.keys, scope="match"))
        queries = to_queries(request)
        hits = service.lookup(session, ctx.pdq, queries)
        version = ctx.pdq.watermark
    with ctx.unit() as session:
        service.audit_lookup(session, actor, queries, hits)
    results = [
        {
            "hash_type": q.hash_type,
            "hash": q.value,
            "matches": [
                {
                    "bank": h.bank,
                    "purpose": h.purpose,
                    "indicator_id": h.indicator_id,
                    "distance": h.distance,
                    "category": h.category,
                }
                for h in found
            ],
        }
        for q, found in zip(queries, hits, strict=True)
    ]
    return {"results": results, "index_version": version}


@router.post(
    "/match",
    response_model=MatchResponse,
    summary="Look up hashes in the banks",
    responses=problems(
        {
            401: "Missing or invalid API key.",
            403: "The key lacks the match scope (scope_missing).",
            422: "A hash is not valid (invalid_hash), with a pointer per bad hash.",
            503: "The PDQ index is still loading (index_loading).",
        }
    ),
)
def match(ctx: AppContext, key: ApiKey, request: MatchRequest) -> dict[str, Any]:
    """Exact (MD5, SHA-1, SHA-256) and perceptual (PDQ, within each bank's threshold) lookups in every
    enabled bank, against everything committed before the call. Audited (counts only)."""
    return _match(ctx, key, request)
