"""Forwarding fixtures: a seeded agency registry, reports with an assessment set directly (routing reads
the assessment; how it was reached is the assessment's business), agency credentials."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.forwarding import service
from tipline.jurisdiction.decision import Jurisdiction
from tipline.models import Assessment, Report, ReportEvent
from tipline.providers import service as providers

RANKS = {"P1": 1, "P2": 2, "P3": 3, "INFO": 4}

DE = Jurisdiction(route="member_states", states=("DE",), certainty=0.9)
DE_FR = Jurisdiction(route="member_states", states=("DE", "FR"), certainty=0.8)
UNDETERMINED = Jurisdiction(route="undetermined")
INTERNATIONAL = Jurisdiction(route="international", countries=("US",), certainty=0.7)


def body(rid: str) -> dict[str, Any]:
    return {
        "provider_report_id": rid,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Chat", "type": "messaging"},
        "reported_persons": [{"ref": "u1", "provider_user_id": "acct-1"}],
        "files": [{"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": "a" * 32}}],
    }


@pytest.fixture
def registry(ctx: Context) -> None:
    with ctx.unit() as session:
        service.seed_agencies(session)


Assessed = Callable[..., uuid.UUID]


@pytest.fixture
def assessed(client: TestClient, auth: dict[str, str], ctx: Context, registry: None) -> Assessed:
    """A submitted report with the assessment ``state``/``priority`` given."""
    counter = iter(range(1_000_000))

    def make(state: str = "assessed", priority: str = "P3", report_id: uuid.UUID | None = None) -> uuid.UUID:
        if report_id is None:
            r = client.post("/api/v1/reports", json=body(f"r-{next(counter)}"), headers=auth)
            assert r.status_code == 201, r.text
            report_id = uuid.UUID(r.json()["id"])
        set_assessment(ctx, report_id, state, priority)
        return report_id

    return make


def set_assessment(ctx: Context, report_id: uuid.UUID, state: str, priority: str) -> None:
    with ctx.unit() as session:
        a = session.get(Assessment, report_id)
        if a is None:
            a = Assessment(
                report_id=report_id,
                state=state,
                priority=priority,
                rank=RANKS[priority],
                auto_priority=priority,
                provider_urgent=False,
                reasons=[],
                signal_kinds=[],
                unfounded_reasons=["no_content"] if state == "unfounded" else [],
                missing=["location"] if state == "incomplete" else [],
                signals_sealed=b"",
                received_at=utc_now(),
                provider_id=session.get(Report, report_id).provider_id,  # type: ignore[union-attr]
            )
            session.add(a)
        a.state, a.priority, a.rank = state, priority, RANKS[priority]
        a.unfounded_reasons = ["no_content"] if state == "unfounded" else []
        a.missing = ["location"] if state == "incomplete" else []


def events(ctx: Context, report_id: uuid.UUID, kind: str) -> list[ReportEvent]:
    with ctx.unit() as session:
        return list(
            session.scalars(
                select(ReportEvent)
                .where(ReportEvent.report_id == report_id, ReportEvent.kind == kind)
                .order_by(ReportEvent.seq)
            )
        )


def agency_auth(ctx: Context, code: str) -> dict[str, str]:
    with ctx.unit() as session:
        key = service.issue_agency_key(session, code, "test")
    return {"Authorization": f"Bearer {key}"}


def analyst_auth(ctx: Context, name: str = "Analyst desk") -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, name, ("assess",))
    return {"Authorization": f"Bearer {key}"}
