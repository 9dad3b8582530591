"""Routing reports, re-routing, agencies' status changes, the registry and the policy, and what the
provider is told."""

from __future__ import annotations

import uuid

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.forwarding.conftest import DE, DE_FR, INTERNATIONAL, UNDETERMINED, Assessed, events
from tipline.audit import service as audit
from tipline.context import Context
from tipline.core.errors import Conflict, InvalidTransition, NotFound, Unprocessable
from tipline.forwarding import service
from tipline.forwarding.policy import Hold, PolicyName
from tipline.forwarding.workflow import DeclineReason
from tipline.models import Agency, Referral, WebhookDelivery

SECRET = "s" * 40


def codes(ctx: Context, report_id: uuid.UUID) -> dict[str, str]:
    with ctx.unit() as session:
        return {a.code: r.reason for r, a in _rows(session, report_id)}


def _rows(session, report_id):  # type: ignore[no-untyped-def]
    return session.execute(
        select(Referral, Agency)
        .join(Agency, Agency.id == Referral.agency_id)
        .where(Referral.report_id == report_id)
    ).all()


def route(ctx: Context, report_id: uuid.UUID, j=DE, cause: str = "assessed") -> list[Referral]:  # type: ignore[no-untyped-def]
    with ctx.unit() as session:
        return service.route(
            session, ctx.keyring, report_id, jurisdiction=j, actor="system:test", cause=cause
        )


class TestRegistry:
    def test_seed_is_idempotent_and_keeps_edits(self, ctx: Context) -> None:
        with ctx.unit() as session:
            assert service.seed_agencies(session) == 29
            service.update_agency(session, ctx.keyring, "DE", "user:x", name="Germany — BKA (configured)")
        with ctx.unit() as session:
            assert service.seed_agencies(session) == 0
            assert service.get_agency(session, "de").name == "Germany — BKA (configured)"
            kinds = {a.kind for a in service.list_agencies(session)}
            assert kinds == {"member_state", "europol", "international"}
            assert all(a.webhook_url is None for a in service.list_agencies(session))

    def test_webhook_needs_a_sealed_secret(self, ctx: Context, registry: None) -> None:
        with ctx.unit() as session:
            with pytest.raises(Unprocessable) as e:
                service.update_agency(session, ctx.keyring, "DE", "u", webhook_url="http://127.0.0.1:9/h")
            assert e.value.code == "webhook_secret_missing"
        with ctx.unit() as session:
            with pytest.raises(Unprocessable) as e:
                service.update_agency(
                    session, ctx.keyring, "DE", "u", webhook_url="http://x/h", webhook_secret="short"
                )
            assert e.value.code == "weak_secret"
        with ctx.unit() as session:
            with pytest.raises(Unprocessable) as e:
                service.update_agency(
                    session,
                    ctx.keyring,
                    "DE",
                    "u",
                    webhook_url="http://x/h",
                    webhook_secret=SECRET,
                    production=True,
                )
            assert e.value.code == "insecure_webhook"
        with ctx.unit() as session:
            a = service.update_agency(
                session,
                ctx.keyring,
                "DE",
                "u",
                webhook_url="https://x/h",
                webhook_secret=SECRET,
                production=True,
            )
            assert a.webhook_secret_sealed is not None
            assert SECRET.encode() not in a.webhook_secret_sealed
            assert service.webhook_secret(ctx.keyring, a) == SECRET.encode()
        with ctx.unit() as session:
            changed = audit.recent(session, action="agency.changed")
            assert changed[0].data == {"changed": ["webhook_url", "webhook_secret"]}


class TestRoute:
    def test_commission_policy_routes_once(self, ctx: Context, assessed: Assessed) -> None:
        rid = assessed("assessed", "P3")
        made = route(ctx, rid, DE_FR)
        assert len(made) == 3
        assert codes(ctx, rid) == {
            "DE": "competent_state",
            "FR": "competent_state",
            "EUROPOL": "europol_policy",
        }
        assert route(ctx, rid, DE_FR) == []  # idempotent: nothing new, no new event
        (event,) = events(ctx, rid, "report.forwarded")
        assert event.data["agencies"] == ["DE", "FR", "EUROPOL"]
        assert event.data["urgent"] is False
        assert event.actor == "system:test"

    def test_narrow_policy_and_later_jurisdiction_adds_agencies(
        self, ctx: Context, assessed: Assessed
    ) -> None:
        with ctx.unit() as session:
            service.set_policy(session, PolicyName.narrow, disclose_agencies=False, actor="user:admin")
        rid = assessed("assessed", "P2")
        assert [r.reason for r in route(ctx, rid, UNDETERMINED)] == ["undetermined"]
        assert codes(ctx, rid) == {"EUROPOL": "undetermined"}
        route(ctx, rid, DE, cause="jurisdiction")  # the state is found later: its authority is added
        assert codes(ctx, rid) == {"EUROPOL": "undetermined", "DE": "competent_state"}
        assert len(events(ctx, rid, "report.forwarded")) == 2
        with ctx.unit() as session:
            assert audit.recent(session, action="routing.policy_changed")[0].data["policy"] == "narrow"
            assert service.current_policy(session).name is PolicyName.narrow

    def test_international(self, ctx: Context, assessed: Assessed) -> None:
        rid = assessed()
        route(ctx, rid, INTERNATIONAL)
        assert codes(ctx, rid) == {"INTL": "international", "EUROPOL": "europol_policy"}

    def test_never_forwards_unfounded(self, ctx: Context, assessed: Assessed) -> None:
        rid = assessed("unfounded", "INFO")
        with ctx.unit() as session:
            routed = service.route_report(session, ctx.keyring, rid, jurisdiction=DE)
        assert (routed.referrals, routed.hold) == ([], Hold.unfounded)
        assert events(ctx, rid, "report.forwarded") == []

    def test_p1_goes_at_once_even_incomplete_and_urgent(self, ctx: Context, assessed: Assessed) -> None:
        waiting = assessed("incomplete", "P2")
        assert route(ctx, waiting) == []
        rid = assessed("incomplete", "P1")
        made = route(ctx, rid, None)  # no jurisdiction yet: Europol now
        assert [(r.urgent, r.reason) for r in made] == [(True, "undetermined")]
        route(ctx, rid, DE)
        assert set(codes(ctx, rid)) == {"EUROPOL", "DE"}

    def test_state_without_agency_falls_back_to_europol(self, ctx: Context, assessed: Assessed) -> None:
        with ctx.unit() as session:
            service.update_agency(session, ctx.keyring, "DE", "u", active=False)
        rid = assessed()
        route(ctx, rid, DE)
        assert codes(ctx, rid) == {"EUROPOL": "no_agency_for_state"}

    def test_delivery_row_written_with_the_referral(self, ctx: Context, assessed: Assessed) -> None:
        with ctx.unit() as session:
            service.update_agency(
                session, ctx.keyring, "DE", "u", webhook_url="http://127.0.0.1:9/h", webhook_secret=SECRET
            )
        rid = assessed()

        def rolled_back() -> None:
            with ctx.unit() as session:
                service.route(session, ctx.keyring, rid, jurisdiction=DE)
                raise RuntimeError

        with pytest.raises(RuntimeError):  # rolled back: neither referral nor delivery is left
            rolled_back()
        with ctx.unit() as session:
            assert session.scalars(select(WebhookDelivery)).all() == []
        route(ctx, rid, DE)
        with ctx.unit() as session:
            (d,) = session.scalars(select(WebhookDelivery)).all()  # Europol has no webhook
            assert (d.state, d.attempts, len(d.idempotency_key)) == ("pending", 0, 32)

    def test_unknown_report(self, ctx: Context, registry: None) -> None:
        with pytest.raises(NotFound):
            route(ctx, uuid.uuid4())


class TestReroute:
    def test_analyst_adds_an_agency(self, ctx: Context, assessed: Assessed) -> None:
        rid = assessed()
        route(ctx, rid, DE)
        with ctx.unit() as session:
            r = service.add_agency_to_report(session, rid, "at", actor="provider:analyst")
            assert (r.reason, r.status) == ("analyst", "sent")
        (event,) = events(ctx, rid, "report.rerouted")
        assert (event.data["agency"], event.actor) == ("AT", "provider:analyst")
        with ctx.unit() as session, pytest.raises(Conflict):
            service.add_agency_to_report(session, rid, "AT", actor="provider:analyst")
        with ctx.unit() as session:
            summary = service.referrals_for_reports(session, [rid, uuid.uuid4()])
        assert sorted(s.agency_code for s in summary) == ["AT", "DE", "EUROPOL"]
        assert all(s.status == "sent" and s.acknowledged_at is None for s in summary)


class TestAgencyStatuses:
    def test_acknowledge_decline_close(self, ctx: Context, assessed: Assessed) -> None:
        rid = assessed()
        route(ctx, rid, DE_FR)
        with ctx.unit() as session:
            de = service.authenticate_agency(session, service.issue_agency_key(session, "DE", "t"))
            fr = service.authenticate_agency(session, service.issue_agency_key(session, "FR", "t"))
        with ctx.unit() as session:
            (mine,) = service.inbox(session, de)
            (theirs,) = service.inbox(session, fr)
            service.acknowledge(session, de, mine.id)
            service.decline(session, fr, theirs.id, DeclineReason.not_competent)
        with ctx.unit() as session, pytest.raises(NotFound):  # not another agency's referral
            service.close(session, de, theirs.id)
        with ctx.unit() as session, pytest.raises(InvalidTransition):
            service.acknowledge(session, fr, theirs.id)
        with ctx.unit() as session:
            service.close(session, de, mine.id)
            assert service.inbox(session, de) == []
            assert [r.status for r in service.inbox(session, de, "closed")] == ["closed"]
        kinds = [e.kind for e in events(ctx, rid, "report.referral_acknowledged")]
        kinds += [e.kind for e in events(ctx, rid, "report.referral_declined")]
        kinds += [e.kind for e in events(ctx, rid, "report.referral_closed")]
        assert kinds == ["report.referral_acknowledged", "report.referral_declined", "report.referral_closed"]
        declined = events(ctx, rid, "report.referral_declined")[0]
        assert declined.data["reason"] == "not_competent"
        assert declined.actor == f"agency:{fr.id}"  # the id, not the code: providers read the log


class TestProviderView:
    def test_forwarded_or_why_not(
        self, client: TestClient, auth: dict[str, str], ctx: Context, assessed: Assessed
    ) -> None:
        def seen(rid: uuid.UUID) -> dict[str, object]:
            r = client.get(f"/api/v1/reports/{rid}", headers=auth)
            assert r.status_code == 200
            return dict(r.json()["forwarding"])

        unfounded, waiting, pending = assessed("unfounded", "INFO"), assessed("incomplete", "P3"), assessed()
        assert seen(unfounded)["reason"] == "unfounded"
        assert seen(waiting)["reason"] == "awaiting_information"
        assert seen(pending) == {"forwarded": False, "at": None, "reason": "pending", "agencies": None}
        route(ctx, pending, DE)
        shown = seen(pending)
        assert shown["forwarded"] is True
        assert shown["agencies"] is None  # not to whom: the default policy does not disclose
        decisions = client.get(f"/api/v1/reports/{pending}", headers=auth).json()["decisions"]
        assert decisions[-1]["kind"] == "forwarding"
        assert "Germany" not in str(decisions)
        with ctx.unit() as session:
            service.set_policy(session, PolicyName.commission, disclose_agencies=True, actor="user:admin")
        assert len(seen(pending)["agencies"]) == 2  # type: ignore[arg-type]


def test_route_job_reads_the_jurisdiction_through_the_callable(ctx: Context, assessed: Assessed) -> None:
    from tipline.forwarding import tasks

    rid = assessed("assessed", "P2")
    seen: list[uuid.UUID] = []

    def jurisdiction_of(session, keyring, report_id):  # type: ignore[no-untyped-def]
        seen.append(report_id)
        return None if len(seen) == 1 else DE

    handler = tasks.route_handler(jurisdiction_of)
    handler(ctx, {"report_id": str(rid), "cause": "assessed"})  # no decision yet: a P2 waits
    assert codes(ctx, rid) == {}
    handler(ctx, {"report_id": str(rid), "cause": "jurisdiction"})
    assert codes(ctx, rid) == {"DE": "competent_state", "EUROPOL": "europol_policy"}
