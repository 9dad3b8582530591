"""Law enforcement's casework (holds, outcomes, acknowledging as an officer) and two analyst actions
(information requested, manifestly unfounded by hand), with what the provider is told."""

from __future__ import annotations

import uuid
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Any

import pytest
from fastapi.testclient import TestClient
from pydantic import ValidationError
from sqlalchemy import select

from tests.forwarding.conftest import DE, set_assessment
from tipline.access.roles import Principal, Role
from tipline.assessment import service as assessment
from tipline.assessment.policy import Priority
from tipline.audit import service as audit
from tipline.casework import service
from tipline.casework.schemas import HoldKind, OutcomeIn
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.core.errors import Conflict, Forbidden, InvalidTransition, NotFound, Unprocessable
from tipline.forwarding import service as forwarding
from tipline.forwarding.workflow import DeclineReason
from tipline.models import Hold, Referral, ReportEvent
from tipline.reports import repository as reports
from tipline.reports.schemas.decisions import UNFOUNDED_MESSAGES, MissingInformation, UnfoundedReason

Jobs = Callable[[], int]
SOON = timedelta(days=30)


def report_body(rid: str, **extra: Any) -> dict[str, Any]:
    payload: dict[str, Any] = {
        "provider_report_id": rid,
        "incident": {"categories": ["known_material"], "time": "2026-01-02T03:04:05Z"},
        "service": {"name": "Example Chat", "type": "messaging"},
        "reported_persons": [
            {
                "ref": "u1",
                "provider_user_id": "acct-1",
                "ip_events": [
                    {"ip": "84.128.1.2", "port": 40000, "at": "2026-01-02T03:00:00Z", "event": "login"}
                ],
            }
        ],
        "files": [{"ref": "f1", "media_type": "image/jpeg", "hashes": {"md5": "a" * 32}}],
    }
    payload.update(extra)
    return payload


def submit(client: TestClient, auth: dict[str, str], rid: str = "r1", **extra: Any) -> uuid.UUID:
    r = client.post("/api/v1/reports", json=report_body(rid, **extra), headers=auth)
    assert r.status_code == 201, r.text
    return uuid.UUID(r.json()["id"])


def officer(ctx: Context, code: str, role: Role = Role.le_officer) -> Principal:
    with ctx.unit() as session:
        agency = forwarding.get_agency(session, code)
        return Principal(
            user_id=uuid.uuid4(),
            username=f"{code.lower()}-x",
            role=role,
            agency_id=agency.id,
            agency_code=agency.code,
        )


def log(ctx: Context, report_id: uuid.UUID) -> list[ReportEvent]:
    with ctx.unit() as session:
        return list(
            session.scalars(
                select(ReportEvent).where(ReportEvent.report_id == report_id).order_by(ReportEvent.seq)
            )
        )


def kinds(ctx: Context, report_id: uuid.UUID) -> list[str]:
    return [e.kind for e in log(ctx, report_id)]


@pytest.fixture
def routed(
    client: TestClient, auth: dict[str, str], ctx: Context
) -> Callable[[str], tuple[uuid.UUID, uuid.UUID]]:
    """A submitted report, assessed P2 and routed to DE (and Europol): (report id, DE's referral id)."""
    with ctx.unit() as session:
        forwarding.seed_agencies(session)

    def make(rid: str = "r1") -> tuple[uuid.UUID, uuid.UUID]:
        report_id = submit(client, auth, rid)
        set_assessment(ctx, report_id, "assessed", "P2")
        with ctx.unit() as session:
            made = forwarding.route(session, ctx.keyring, report_id, jurisdiction=DE, actor="system:test")
            de = forwarding.get_agency(session, "DE")
            (referral,) = [r for r in made if r.agency_id == de.id]
            return report_id, referral.id

    return make


def hold(ctx: Context, who: Principal, referral_id: uuid.UUID, **kw: Any) -> Hold:
    args: dict[str, Any] = {
        "kind": HoldKind.do_not_inform,
        "until": utc_now() + SOON,
        "reason": "covert operation",
    }
    args.update(kw)
    with ctx.unit() as session:
        return service.request_hold(session, who, referral_id, args["kind"], args["until"], args["reason"])


def seen(client: TestClient, auth: dict[str, str], report_id: uuid.UUID) -> dict[str, Any]:
    r = client.get(f"/api/v1/reports/{report_id}", headers=auth)
    assert r.status_code == 200, r.text
    return dict(r.json())


# --- holds ----------------------------------------------------------------------------------------


class TestHolds:
    def test_request_is_logged_without_the_agency_and_shown_to_the_provider(
        self, ctx: Context, client: TestClient, auth: dict[str, str], routed: Any
    ) -> None:
        report_id, referral_id = routed()
        de = officer(ctx, "DE")
        until = (utc_now() + timedelta(days=90)).replace(microsecond=0)
        made = hold(ctx, de, referral_id, until=until, reason="Operation Nightjar: suspect must not learn")
        assert (made.kind, made.until, made.lifted_at) == ("do_not_inform", until, None)
        assert made.requested_by == de.actor
        (event,) = [e for e in log(ctx, report_id) if e.kind == "report.hold_requested"]
        assert event.actor == de.actor
        assert event.data == {
            "hold": made.id,
            "referral": str(referral_id),
            "kind": "do_not_inform",
            "until": until.isoformat(),
            "replaces": [],
        }
        assert "DE" not in str(event.data)
        assert str(de.agency_id) not in str(event.data)
        with ctx.unit() as session:
            (entry,) = audit.recent(session, action="hold.requested")
            assert entry.actor == de.actor
            assert entry.target == str(made.id)
            assert entry.data["agency"] == "DE"
        shown = seen(client, auth, report_id)
        assert shown["forwarding"]["holds"] == [
            {"kind": "do_not_inform", "until": until.isoformat().replace("+00:00", "Z")}
        ]
        text = str(shown)
        assert "Nightjar" not in text
        assert str(de.agency_id) not in text
        assert "DE" not in text

    def test_until_must_be_ahead_and_within_18_months(self, ctx: Context, routed: Any) -> None:
        _, referral_id = routed()
        de = officer(ctx, "DE")
        now = utc_now()
        for until, code in [
            (now - timedelta(minutes=1), "hold_until_past"),
            (now + timedelta(days=549), "hold_too_long"),
            (datetime(2099, 1, 1), "invalid_hold_until"),  # naive: no time zone
        ]:
            with pytest.raises(Unprocessable) as e:
                hold(ctx, de, referral_id, until=until)
            assert e.value.code == code
            assert e.value.errors[0].pointer == "/until"
        with pytest.raises(Unprocessable) as e:
            hold(ctx, de, referral_id, reason="   ")
        assert e.value.code == "reason_required"
        assert hold(ctx, de, referral_id, until=now + timedelta(days=547)).id  # within the cap
        report_id = routed_report(ctx, referral_id)
        with ctx.unit() as session:
            assert len(service.active_holds(session, report_id, utc_now())) == 1

    def test_a_new_hold_of_the_same_kind_replaces_the_old(
        self, ctx: Context, client: TestClient, auth: dict[str, str], routed: Any
    ) -> None:
        report_id, referral_id = routed()
        de = officer(ctx, "DE")
        first = hold(ctx, de, referral_id, until=utc_now() + timedelta(days=60))
        other_kind = hold(ctx, de, referral_id, kind=HoldKind.do_not_remove)
        later = (utc_now() + timedelta(days=20)).replace(microsecond=0)
        second = hold(ctx, de, referral_id, until=later)  # shorter: a replacement, not a maximum
        with ctx.unit() as session:
            active = service.active_holds(session, report_id, utc_now())
            assert [h.id for h in active] == [other_kind.id, second.id]
            assert session.get(Hold, first.id).lifted_at is not None  # type: ignore[union-attr]
        replaced = [e for e in log(ctx, report_id) if e.kind == "report.hold_requested"][-1]
        assert replaced.data["replaces"] == [first.id]
        holds = seen(client, auth, report_id)["forwarding"]["holds"]
        assert [h["kind"] for h in holds] == ["do_not_inform", "do_not_remove"]
        assert holds[0]["until"].startswith(later.strftime("%Y-%m-%dT%H:%M:%S"))

    def test_holds_of_several_agencies_show_one_line_per_kind(
        self, ctx: Context, client: TestClient, auth: dict[str, str], routed: Any
    ) -> None:
        report_id, de_referral = routed()
        with ctx.unit() as session:
            europol = forwarding.get_agency(session, "EUROPOL")
            eu_referral = session.scalars(
                select(Referral.id).where(Referral.report_id == report_id, Referral.agency_id == europol.id)
            ).one()
        far = (utc_now() + timedelta(days=200)).replace(microsecond=0)
        hold(ctx, officer(ctx, "DE"), de_referral, until=utc_now() + timedelta(days=10))
        hold(ctx, officer(ctx, "EUROPOL"), eu_referral, until=far)
        holds = seen(client, auth, report_id)["forwarding"]["holds"]
        assert len(holds) == 1
        assert holds[0]["until"].startswith(far.strftime("%Y-%m-%dT%H:%M:%S"))
        with ctx.unit() as session:
            assert len(service.active_holds(session, report_id, utc_now())) == 2

    def test_lift_by_a_supervisor_of_the_agency(
        self, ctx: Context, client: TestClient, auth: dict[str, str], routed: Any
    ) -> None:
        report_id, referral_id = routed()
        de, fr_boss, boss = (
            officer(ctx, "DE"),
            officer(ctx, "FR", Role.le_supervisor),
            officer(ctx, "DE", Role.le_supervisor),
        )
        made = hold(ctx, de, referral_id)
        with ctx.unit() as session, pytest.raises(Forbidden):  # officers ask; supervisors lift
            service.lift_hold(session, de, made.id, "done")
        with ctx.unit() as session, pytest.raises(NotFound) as e:
            service.lift_hold(session, fr_boss, made.id, "done")
        assert e.value.code == "hold_not_found"
        with ctx.unit() as session, pytest.raises(Unprocessable):
            service.lift_hold(session, boss, made.id, " ")
        with ctx.unit() as session:
            lifted = service.lift_hold(session, boss, made.id, "suspect arrested")
            assert lifted.lifted_at is not None
        with ctx.unit() as session, pytest.raises(Conflict) as c:
            service.lift_hold(session, boss, made.id, "again")
        assert c.value.code == "hold_lifted"
        (event,) = [e for e in log(ctx, report_id) if e.kind == "report.hold_lifted"]
        assert event.data == {"hold": made.id, "referral": str(referral_id), "kind": "do_not_inform"}
        assert event.actor == boss.actor
        with ctx.unit() as session:
            assert service.active_holds(session, report_id, utc_now()) == []
            (entry,) = audit.recent(session, action="hold.lifted")
            assert entry.purpose == "suspect arrested"
        assert "holds" not in seen(client, auth, report_id)["forwarding"]

    def test_expired_holds_are_not_in_force(
        self, ctx: Context, client: TestClient, auth: dict[str, str], routed: Any
    ) -> None:
        report_id, referral_id = routed()
        made = hold(ctx, officer(ctx, "DE"), referral_id)
        with ctx.unit() as session:
            row = session.get(Hold, made.id)
            assert row is not None
            row.until = utc_now() - timedelta(seconds=1)
        with ctx.unit() as session:
            assert service.active_holds(session, report_id, utc_now()) == []
        assert "holds" not in seen(client, auth, report_id)["forwarding"]
        boss = officer(ctx, "DE", Role.le_supervisor)
        with ctx.unit() as session, pytest.raises(Conflict) as c:
            service.lift_hold(session, boss, made.id, "late")
        assert c.value.code == "hold_expired"

    def test_other_agencies_and_other_roles(self, ctx: Context, routed: Any) -> None:
        _, referral_id = routed()
        for who in (officer(ctx, "FR"), officer(ctx, "FR", Role.le_supervisor)):
            with pytest.raises(NotFound) as e:
                hold(ctx, who, referral_id)
            assert e.value.code == "referral_not_found"
        with pytest.raises(NotFound):
            hold(ctx, officer(ctx, "DE"), uuid.uuid4())
        analyst = Principal(user_id=uuid.uuid4(), username="a", role=Role.analyst)
        with pytest.raises(Forbidden):
            hold(ctx, analyst, referral_id)
        with ctx.unit() as session:
            assert session.scalars(select(Hold)).all() == []

    def test_a_declined_referral_takes_no_hold(self, ctx: Context, routed: Any) -> None:
        _, referral_id = routed()
        de = officer(ctx, "DE")
        with ctx.unit() as session:
            service.decline(session, de, referral_id, DeclineReason.not_competent)
        with pytest.raises(InvalidTransition) as e:
            hold(ctx, de, referral_id)
        assert e.value.code == "referral_declined"


def routed_report(ctx: Context, referral_id: uuid.UUID) -> uuid.UUID:
    with ctx.unit() as session:
        referral = session.get(Referral, referral_id)
        assert referral is not None
        return referral.report_id


# --- acknowledging as an officer ------------------------------------------------------------------


def test_officer_acknowledges_and_declines_in_person(ctx: Context, routed: Any) -> None:
    report_id, referral_id = routed()
    de, fr = officer(ctx, "DE"), officer(ctx, "FR")
    with ctx.unit() as session, pytest.raises(NotFound):
        service.acknowledge(session, fr, referral_id)
    with ctx.unit() as session:
        assert service.acknowledge(session, de, referral_id).status == "acknowledged"
    with ctx.unit() as session:
        assert service.decline(session, de, referral_id, DeclineReason.duplicate).status == "declined"
    events = {e.kind: e for e in log(ctx, report_id)}
    assert events["report.referral_acknowledged"].actor == de.actor  # the person, not the agency
    assert events["report.referral_declined"].actor == de.actor
    assert events["report.referral_declined"].data["reason"] == "duplicate"
    with ctx.unit() as session:
        assert audit.recent(session, action="referral.declined")[0].actor == de.actor


# --- outcomes -------------------------------------------------------------------------------------


def outcome(**kw: Any) -> OutcomeIn:
    base: dict[str, Any] = {"action": "investigation_opened"}
    base.update(kw)
    return OutcomeIn.model_validate(base)


class TestOutcomes:
    def test_create_acknowledges_then_update_is_a_new_version(self, ctx: Context, routed: Any) -> None:
        report_id, referral_id = routed()
        de = officer(ctx, "DE")
        first = outcome(
            victims_identified={"female": {"10-13": 1, "0-2": 0}, "unknown": {"unknown": 2}},
            victims_safeguarded={"female": {"10-13": 1}},
            suspects_identified=1,
        )
        with ctx.unit() as session:
            made = service.record_outcome(session, de, referral_id, first)
            assert made.version == 1
            assert made.updated_by == de.actor
            assert made.victims_identified == {"female": {"10-13": 1}, "unknown": {"unknown": 2}}
            assert session.get(Referral, referral_id).status == "acknowledged"  # type: ignore[union-attr]
        with ctx.unit() as session:  # the same outcome again changes nothing
            assert service.record_outcome(session, de, referral_id, first).version == 1
        later = first.model_copy(
            update={
                "suspects_arrested": 2,  # more arrested than identified: real cases vary
                "offenders_prosecuted": 1,
                "offenders_convicted": 1,
                "sentence": "4 years' imprisonment",
            }
        )
        with ctx.unit() as session:
            updated = service.record_outcome(session, de, referral_id, later)
            assert (updated.version, updated.offenders_convicted) == (2, 1)
        with ctx.unit() as session:
            got = service.outcome_of(session, referral_id)
            assert got is not None
            assert got.version == 2
            assert got.sentence == "4 years' imprisonment"
            assert [o.id for o in service.outcomes_of_report(session, report_id, None)] == [got.id]
            assert [o.id for o in service.outcomes_of_report(session, report_id, de.agency_id)] == [got.id]
            assert service.outcomes_of_report(session, report_id, uuid.uuid4()) == []
            assert [a.target for a in audit.recent(session, action="outcome.recorded")] == [
                str(referral_id)
            ] * 2
        events = log(ctx, report_id)
        names = [e.kind for e in events]
        assert names.index("report.referral_acknowledged") < names.index("report.outcome_recorded")
        recorded = [e for e in events if e.kind == "report.outcome_recorded"]
        assert [e.data["version"] for e in recorded] == [1, 2]
        assert recorded[1].data == {
            "referral": str(referral_id),
            "version": 2,
            "action": "investigation_opened",
            "victims_identified": {"female": {"10-13": 1}, "unknown": {"unknown": 2}},
            "victims_safeguarded": {"female": {"10-13": 1}},
            "suspects_identified": 1,
            "suspects_arrested": 2,
            "offenders_prosecuted": 1,
            "offenders_convicted": 1,
            "closed_pretrial": False,
        }
        assert all(e.actor == de.actor for e in recorded)
        assert "imprisonment" not in str([e.data for e in events])  # counts only, never the sentence
        assert reports.verify_chain(events)

    def test_shape_is_checked_by_the_schema(self) -> None:
        for bad in (
            {"action": "arrested"},
            {"action": "other_action", "victims_identified": {"girl": {"10-13": 1}}},
            {"action": "other_action", "victims_identified": {"female": {"11-12": 1}}},
            {"action": "other_action", "victims_safeguarded": {"male": {"0-2": -1}}},
            {"action": "other_action", "suspects_arrested": -1},
            {"action": "other_action", "offenders_prosecuted": 1.5},
            {"action": "other_action", "surprise": 1},
        ):
            with pytest.raises(ValidationError):
                OutcomeIn.model_validate(bad)

    def test_rules_between_fields(self, ctx: Context, routed: Any) -> None:
        _, referral_id = routed()
        de = officer(ctx, "DE")
        cases = [
            (
                outcome(offenders_prosecuted=1, offenders_convicted=2),
                "/offenders_convicted",
                "exceeds_prosecuted",
            ),
            (outcome(action="no_action"), "/no_action_reason", "required"),
            (outcome(action="no_action", no_action_reason="  "), "/no_action_reason", "required"),
            (outcome(no_action_reason="why not"), "/no_action_reason", "only_for_no_action"),
        ]
        for data, pointer, code in cases:
            with ctx.unit() as session, pytest.raises(Unprocessable) as e:
                service.record_outcome(session, de, referral_id, data)
            assert e.value.code == "invalid_outcome"
            assert [(x.pointer, x.code) for x in e.value.errors] == [(pointer, code)]
        with ctx.unit() as session:
            made = service.record_outcome(
                session,
                de,
                referral_id,
                outcome(action="no_action", no_action_reason=" not an offence here "),
            )
            assert (made.action, made.no_action_reason) == ("no_action", "not an offence here")
            assert session.get(Referral, referral_id).status == "acknowledged"  # type: ignore[union-attr]

    def test_other_agency_declined_and_closed(self, ctx: Context, routed: Any) -> None:
        report_id, referral_id = routed()
        fr = officer(ctx, "FR")
        with ctx.unit() as session, pytest.raises(NotFound):
            service.record_outcome(session, fr, referral_id, outcome())
        analyst = Principal(user_id=uuid.uuid4(), username="a", role=Role.supervisor)
        with ctx.unit() as session, pytest.raises(Forbidden):
            service.record_outcome(session, analyst, referral_id, outcome())
        de = officer(ctx, "DE")
        with ctx.unit() as session:
            service.close(session, de, referral_id)
        with ctx.unit() as session:  # a conviction comes long after the agency closed its referral
            assert service.record_outcome(session, de, referral_id, outcome()).version == 1
        _, other = routed("r2")
        with ctx.unit() as session:
            service.decline(session, de, other, DeclineReason.not_an_offence)
        with ctx.unit() as session, pytest.raises(InvalidTransition) as e:
            service.record_outcome(session, de, other, outcome())
        assert e.value.code == "referral_declined"
        assert reports.verify_chain(log(ctx, report_id))


# --- analysts: information requested, manifestly unfounded ----------------------------------------


@pytest.fixture
def assessed_report(client: TestClient, auth: dict[str, str], run_jobs: Jobs, ctx: Context) -> uuid.UUID:
    report_id = submit(client, auth)
    run_jobs()
    with ctx.unit() as session:
        a = assessment.get_assessment(session, report_id)
        assert a is not None
        assert (a.state, a.missing) == ("assessed", [])
    return report_id


def reassess(ctx: Context, report_id: uuid.UUID, cause: str = "note") -> None:
    with ctx.unit() as session:
        assessment.assess(session, ctx.keyring, report_id, cause=cause)


def current(ctx: Context, report_id: uuid.UUID) -> Any:
    with ctx.unit() as session:
        return assessment.get_assessment(session, report_id)


class TestInformationRequest:
    def test_request_survives_reassessment_until_a_supplement(
        self,
        ctx: Context,
        client: TestClient,
        auth: dict[str, str],
        run_jobs: Jobs,
        assessed_report: uuid.UUID,
    ) -> None:
        rid = assessed_report
        with ctx.unit() as session:
            a = assessment.request_information(
                session,
                ctx.keyring,
                rid,
                [MissingInformation.content],
                "which file is the abuse?",
                "user:analyst",
            )
            assert (a.state, a.missing, a.analyst_requested) == ("incomplete", ["content"], ["content"])
        shown = seen(client, auth, rid)
        assert shown["status"] == "incomplete"
        assert [x["code"] for x in shown["information_requested"]] == ["content"]
        assert "which file" not in str(shown)  # the note is the clearinghouse's
        (event,) = [e for e in log(ctx, rid) if e.kind == "report.information_requested"]
        assert event.data["codes"] == ["content"]
        assert event.actor == "user:analyst"
        reassess(ctx, rid)  # a note, a late match...: the request stays
        reassess(ctx, rid, "supplement")  # a supplement's job, but no supplement after the request: stays
        a = current(ctx, rid)
        assert (a.state, a.missing) == ("incomplete", ["content"])
        sup = {
            "answers": ["content"],
            "texts": [{"kind": "description", "content": "the file f1 is the one"}],
        }
        r = client.post(f"/api/v1/reports/{rid}/supplements", json=sup, headers=auth)
        assert r.status_code == 200, r.text
        run_jobs()
        a = current(ctx, rid)
        assert (a.state, a.missing, a.analyst_requested) == ("assessed", [], None)
        assert seen(client, auth, rid)["information_requested"] == []
        assert reports.verify_chain(log(ctx, rid))

    def test_merged_with_what_tipline_finds_missing(
        self, ctx: Context, client: TestClient, auth: dict[str, str], run_jobs: Jobs
    ) -> None:
        rid = submit(client, auth, reported_persons=[{"ref": "u1", "screen_name": "x"}])
        run_jobs()
        assert current(ctx, rid).missing == ["location"]
        with ctx.unit() as session:
            a = assessment.request_information(
                session,
                ctx.keyring,
                rid,
                [MissingInformation.identifiers, MissingInformation.location],
                "need the account id",
                "user:analyst",
            )
            assert a.missing == ["location", "identifiers"]
        with ctx.unit() as session, pytest.raises(Unprocessable) as e:
            assessment.request_information(session, ctx.keyring, rid, [], "x", "user:analyst")
        assert e.value.code == "no_information_requested"

    def test_not_for_an_unfounded_report(self, ctx: Context, assessed_report: uuid.UUID) -> None:
        with ctx.unit() as session:
            assessment.mark_unfounded(session, ctx.keyring, assessed_report, "a meme", "user:analyst")
        with ctx.unit() as session, pytest.raises(Conflict) as e:
            assessment.request_information(
                session, ctx.keyring, assessed_report, [MissingInformation.location], "x", "user:analyst"
            )
        assert e.value.code == "report_unfounded"


class TestMarkedUnfounded:
    def test_mark_survives_reassessment_and_undo_returns_to_tiplines_own(
        self, ctx: Context, client: TestClient, auth: dict[str, str], assessed_report: uuid.UUID
    ) -> None:
        rid = assessed_report
        own = current(ctx, rid).priority
        assert own != "INFO"
        with ctx.unit() as session:
            a = assessment.mark_unfounded(
                session, ctx.keyring, rid, "adult performer, age verified", "user:analyst"
            )
            assert (a.state, a.priority, a.rank, a.auto_priority) == ("unfounded", "INFO", 4, own)
            assert a.unfounded_reasons == ["analyst_assessed"]
            assert a.analyst_unfounded
            assert (a.override_priority, a.override_by) == ("INFO", "user:analyst")
        shown = seen(client, auth, rid)
        assert shown["status"] == "unfounded"
        assert shown["decisions"][0]["reasons"] == [UNFOUNDED_MESSAGES[UnfoundedReason.analyst_assessed]]
        assert shown["forwarding"]["reason"] == "unfounded"
        assert "performer" not in str(shown)
        reassess(ctx, rid)
        reassess(ctx, rid, "supplement")
        a = current(ctx, rid)
        assert (a.state, a.priority, a.unfounded_reasons) == ("unfounded", "INFO", ["analyst_assessed"])
        with ctx.unit() as session, pytest.raises(Conflict) as e:
            assessment.override(
                session, ctx.keyring, rid, Priority.P1, assessment.OverrideReason.other, "x", "user:analyst"
            )
        assert e.value.code == "marked_unfounded"
        with ctx.unit() as session, pytest.raises(Conflict) as e:
            assessment.mark_unfounded(session, ctx.keyring, rid, "again", "user:analyst")
        assert e.value.code == "already_marked_unfounded"
        with ctx.unit() as session:
            a = assessment.mark_unfounded(session, ctx.keyring, rid, "it was not", "user:lead", undo=True)
            assert (a.state, a.priority, a.unfounded_reasons, a.analyst_unfounded) == (
                "assessed",
                own,
                [],
                False,
            )
            assert a.override_priority is None
        with ctx.unit() as session, pytest.raises(Conflict) as e:
            assessment.mark_unfounded(session, ctx.keyring, rid, "x", "user:lead", undo=True)
        assert e.value.code == "not_marked_unfounded"
        assert seen(client, auth, rid)["status"] == "assessed"
        names = kinds(ctx, rid)
        assert names.count("report.marked_unfounded") == 1
        assert names.count("report.unfounded_undone") == 1
        causes = [e.data["cause"] for e in log(ctx, rid) if e.kind == "report.assessed"]
        assert causes == ["finished", "marked_unfounded", "unfounded_undone"]
        assert reports.verify_chain(log(ctx, rid))

    def test_marked_report_waits_with_request_kept_for_after_undo(
        self, ctx: Context, assessed_report: uuid.UUID
    ) -> None:
        rid = assessed_report
        with ctx.unit() as session:
            assessment.request_information(
                session, ctx.keyring, rid, [MissingInformation.location], "where?", "user:analyst"
            )
            a = assessment.mark_unfounded(session, ctx.keyring, rid, "on reflection, nothing", "user:analyst")
            assert (a.state, a.missing) == ("unfounded", [])  # nothing is asked of an unfounded report
        with ctx.unit() as session:
            a = assessment.mark_unfounded(session, ctx.keyring, rid, "mistake", "user:analyst", undo=True)
            assert (a.state, a.missing) == ("incomplete", ["location"])


def test_unfounded_message_for_every_reason() -> None:
    assert set(UNFOUNDED_MESSAGES) == set(UnfoundedReason)


def test_hold_kinds_are_the_providers_codes() -> None:
    assert [k.value for k in HoldKind] == ["do_not_inform", "do_not_remove"]
