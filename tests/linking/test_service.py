"""Subjects end to end: reports submitted through the API, linked by the jobs, read and corrected by an
analyst. Each hard case of the issue: renamed accounts, changed emails, family devices, CGNAT, emulator
ids, earlier reports cited, bridges between subjects, splits."""

from __future__ import annotations

import uuid
from typing import Any

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.assessment.test_service import Jobs, body, events, submit
from tipline.context import Context
from tipline.linking import evidence, service
from tipline.models import IdentifierUse, Report, Subject, SubjectMember
from tipline.providers import service as providers


@pytest.fixture
def analyst(ctx: Context) -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Analyst desk", ("assess",))
    return {"Authorization": f"Bearer {key}"}


def suspect(
    uid: str,
    *,
    ip: str | None = None,
    port: int | None = None,
    at: str = "2026-01-02T03:00:00Z",
    **extra: Any,
) -> dict[str, Any]:
    person: dict[str, Any] = {"ref": "u1", "provider_user_id": uid, **extra}
    if ip:
        person["ip_events"] = [{"ip": ip, "at": at, "event": "login", **({"port": port} if port else {})}]
    return person


def report(rid: str, person: dict[str, Any], **extra: Any) -> dict[str, Any]:
    return body(rid, md5=f"{abs(hash(rid)) % 16**32:032x}", reported_persons=[person], **extra)


def subject_of(ctx: Context, report_id: str) -> uuid.UUID:
    with ctx.unit() as session:
        member = session.scalars(
            select(SubjectMember).where(
                SubjectMember.report_id == uuid.UUID(report_id), SubjectMember.lead.is_(True)
            )
        ).one()
        return member.subject_id


def other_provider(ctx: Context, name: str) -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, name)
    return {"Authorization": f"Bearer {key}"}


def test_one_person_across_providers_with_a_changed_email_and_a_renamed_account(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    mail = other_provider(ctx, "Mail")
    a = submit(client, auth, report("a", suspect("1", emails=[{"address": "Sunny.Louis@gmail.com"}])))
    b = submit(
        client,
        mail,
        report(
            "b",
            suspect(
                "x9",
                emails=[{"address": "sunnylouis+chat@googlemail.com"}],
                phones=[{"number": "+33 6 39 98 12 34"}],
            ),
        ),
    )
    # a new email at a third provider, but the same phone written nationally
    c = submit(
        client,
        other_provider(ctx, "Games"),
        report(
            "c",
            suspect(
                "g1",
                emails=[{"address": "new.address@inbox.example"}],
                phones=[{"number": "06 39 98 12 34", "country_calling_code": "+33"}],
            ),
        ),
    )
    run_jobs()
    assert subject_of(ctx, a) == subject_of(ctx, b) == subject_of(ctx, c)
    links = client.get(f"/api/v1/reports/{b}/links", headers=analyst).json()
    assert sorted(tuple(link["kinds"]) for link in links) == [("email",), ("phone",)]
    assert all(link["state"] == "auto" for link in links)
    event = events(ctx, c, "report.linked")[0]
    assert event.data["kinds"] == ["phone"]
    assert event.data["links"] == 1
    assert "new.address" not in str(event.data)  # events name kinds, never identifiers
    seen = client.get(f"/api/v1/subjects/{subject_of(ctx, a)}", headers=analyst).json()
    assert seen["members"] == 3
    assert len(seen["reports"]) == 3


def test_linking_again_changes_nothing(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    a = submit(client, auth, report("a", suspect("1", emails=[{"address": "x@mailbox.example"}])))
    b = submit(client, auth, report("b", suspect("2", emails=[{"address": "x@mailbox.example"}])))
    run_jobs()
    before = [len(events(ctx, r, "report.linked")) for r in (a, b)]
    with ctx.unit() as session:
        for rid in (a, b):
            r = session.get(Report, uuid.UUID(rid))
            assert r is not None
            content = {
                "reported_persons": [
                    suspect("1" if rid == a else "2", emails=[{"address": "x@mailbox.example"}])
                ]
            }
            links = service.record_and_link(session, ctx.keyring, r, content)
            assert not links.recorded_new
    assert [len(events(ctx, r, "report.linked")) for r in (a, b)] == before
    with ctx.unit() as session:
        assert session.scalars(select(Subject).where(Subject.members > 0)).all()[0].members == 2


def test_account_ids_are_scoped_by_provider(
    client: TestClient, auth: dict[str, str], other_auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    a = submit(client, auth, report("a", suspect("12345")))
    b = submit(client, other_auth, report("b", suspect("12345")))
    again = submit(client, auth, report("c", suspect("12345")))
    run_jobs()
    assert subject_of(ctx, a) != subject_of(ctx, b)
    assert subject_of(ctx, a) == subject_of(ctx, again)


def test_a_family_tablet_does_not_make_two_people_one(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    tablet = [{"type": "IMEI", "value": "352099001761481"}]
    home = "84.128.1.2"
    dad = submit(
        client,
        auth,
        report("a", suspect("1", ip=home, device_ids=tablet, emails=[{"address": "dad@mailbox.example"}])),
    )
    son = submit(
        client,
        auth,
        report("b", suspect("2", ip=home, device_ids=tablet, emails=[{"address": "son@mailbox.example"}])),
    )
    run_jobs()
    assert subject_of(ctx, dad) != subject_of(ctx, son)
    (link,) = client.get(f"/api/v1/reports/{son}/links", headers=analyst).json()
    assert link["state"] == "weak"
    assert link["kinds"] == ["device", "ip"]
    assert link["reasons"][-1] == "different email: not merged"


def test_the_same_device_and_connection_without_contradiction_is_one_person(
    client: TestClient, auth: dict[str, str], other_auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    phone = [{"type": "IMEI", "value": "352099001761481"}]
    a = submit(
        client,
        auth,
        report(
            "a", suspect("1", ip="84.128.1.2", device_ids=phone, emails=[{"address": "a@mailbox.example"}])
        ),
    )
    b = submit(
        client,
        other_auth,
        report(
            "b",
            suspect(
                "2",
                ip="84.128.1.2",
                at="2026-01-02T03:50:00Z",
                device_ids=phone,
                phones=[{"number": "+4915123456789"}],
            ),
        ),
    )
    run_jobs()
    assert subject_of(ctx, a) == subject_of(ctx, b)


def test_cgnat_addresses_link_only_with_the_same_port(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    a = submit(client, auth, report("a", suspect("1", ip="100.64.0.0", port=1)))  # shared space: nobody's
    b = submit(client, auth, report("b", suspect("2", ip="84.128.1.2", port=40000)))
    c = submit(client, auth, report("c", suspect("3", ip="84.128.1.2", port=40001)))
    d = submit(
        client, auth, report("d", suspect("4", ip="84.128.1.2", port=40000, at="2026-01-02T05:00:00Z"))
    )
    e = submit(
        client, auth, report("e", suspect("5", ip="84.128.1.2", port=40000, at="2026-01-02T03:30:00Z"))
    )
    run_jobs()
    assert client.get(f"/api/v1/reports/{a}/links", headers=analyst).json() == []
    assert client.get(f"/api/v1/reports/{c}/links", headers=analyst).json() == []  # another subscriber
    assert client.get(f"/api/v1/reports/{d}/links", headers=analyst).json() == []  # two hours later
    (link,) = client.get(f"/api/v1/reports/{e}/links", headers=analyst).json()
    assert link["other_report_id"] == b
    assert link["kinds"] == ["ip"]
    assert link["state"] == "weak"


def test_a_cited_earlier_report_links_even_with_nothing_else_in_common(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs
) -> None:
    first = submit(client, auth, report("2013-77", suspect("old")))
    later = submit(
        client, auth, report("2021-5", suspect("new", prior_reports=[{"system": "tipline", "id": "2013-77"}]))
    )
    by_id = submit(
        client, auth, report("2022-1", suspect("newer", prior_reports=[{"system": "tipline", "id": first}]))
    )
    run_jobs()
    assert subject_of(ctx, first) == subject_of(ctx, later) == subject_of(ctx, by_id)


def test_a_report_bridging_two_subjects_merges_them(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    a = submit(client, auth, report("a", suspect("1", emails=[{"address": "one@mailbox.example"}])))
    b = submit(client, auth, report("b", suspect("2", phones=[{"number": "+4915123456789"}])))
    run_jobs()
    first, second = subject_of(ctx, a), subject_of(ctx, b)
    assert first != second
    c = submit(
        client,
        auth,
        report(
            "c",
            suspect(
                "3", emails=[{"address": "one@mailbox.example"}], phones=[{"number": "+49 151 23456789"}]
            ),
        ),
    )
    run_jobs()
    merged = subject_of(ctx, c)
    assert subject_of(ctx, a) == subject_of(ctx, b) == merged
    absorbed = second if merged == first else first
    seen = client.get(f"/api/v1/subjects/{absorbed}", headers=analyst).json()
    assert seen["id"] == str(merged)
    assert seen["members"] == 3
    assert events(ctx, c, "report.linked")[0].data["subjects_merged"] == 1


def test_an_identifier_used_by_many_accounts_stops_linking_and_its_links_are_withdrawn(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    emulator = [{"type": "IMEI", "value": "358240051111110"}]
    ids = [
        submit(client, auth, report(f"r{i}", suspect(str(i), ip="84.128.1.2", device_ids=emulator)))
        for i in range(2)
    ]
    run_jobs()
    assert subject_of(ctx, ids[0]) == subject_of(ctx, ids[1])  # device and connection: linked for now
    for i in range(2, evidence.COMMON_AT):
        ids.append(
            submit(client, auth, report(f"r{i}", suspect(str(i), device_ids=emulator, ip=f"84.128.2.{i}")))
        )
    run_jobs()
    with ctx.unit() as session:
        assert session.scalars(select(IdentifierUse.common).where(IdentifierUse.kind == "device")).one()
    assert len({subject_of(ctx, r) for r in ids}) == len(ids)  # everyone is on their own again
    links = client.get(f"/api/v1/reports/{ids[1]}/links", headers=analyst).json()
    link = next(link for link in links if ids[0] in (link["report_id"], link["other_report_id"]))
    assert link["state"] == "withdrawn"
    assert "device became too common to identify anyone: withdrawn" in link["reasons"]


def test_an_analyst_splits_and_confirms_links(
    client: TestClient, auth: dict[str, str], ctx: Context, run_jobs: Jobs, analyst: dict[str, str]
) -> None:
    mail = [{"address": "shared@mailbox.example"}]
    a = submit(client, auth, report("a", suspect("1", emails=mail)))
    b = submit(client, auth, report("b", suspect("2", emails=mail)))
    run_jobs()
    (link,) = client.get(f"/api/v1/reports/{b}/links", headers=analyst).json()
    r = client.post(f"/api/v1/links/{link['id']}/split", json={"reason": ""}, headers=analyst)
    assert r.status_code == 422
    r = client.post(
        f"/api/v1/links/{link['id']}/split", json={"reason": "a shared family mailbox"}, headers=analyst
    )
    assert r.status_code == 200
    assert r.json()["state"] == "split"
    assert subject_of(ctx, a) != subject_of(ctx, b)
    c = submit(client, auth, report("c", suspect("3", emails=mail)))
    run_jobs()
    assert subject_of(ctx, a) != subject_of(ctx, b)  # the split holds when a third report links to both
    assert subject_of(ctx, c) in (subject_of(ctx, a), subject_of(ctx, b))
    states = sorted(
        link["state"] for link in client.get(f"/api/v1/reports/{c}/links", headers=analyst).json()
    )
    assert states == ["auto", "held"]
    before = len(events(ctx, c, "report.linked"))
    with ctx.unit() as session:  # linking c again changes nothing (the held link stays held)
        row = session.get(Report, uuid.UUID(c))
        assert row is not None
        service.record_and_link(session, ctx.keyring, row, {"reported_persons": [suspect("3", emails=mail)]})
    assert len(events(ctx, c, "report.linked")) == before
    assert [e.data["reason"] for e in events(ctx, a, "report.link_split")] == ["a shared family mailbox"]
    r = client.post(
        f"/api/v1/links/{link['id']}/confirm", json={"reason": "same person after all"}, headers=analyst
    )
    assert r.json()["state"] == "confirmed"
    assert r.json()["decided_by"]
    assert subject_of(ctx, a) == subject_of(ctx, b)
    assert (
        client.post("/api/v1/links/999999/confirm", json={"reason": "x"}, headers=analyst).status_code == 404
    )


def test_linking_routes_need_the_assess_scope(client: TestClient, auth: dict[str, str]) -> None:
    for method, path in (
        ("get", f"/api/v1/reports/{uuid.uuid4()}/links"),
        ("get", f"/api/v1/subjects/{uuid.uuid4()}"),
        ("post", "/api/v1/links/1/confirm"),
        ("post", "/api/v1/links/1/split"),
    ):
        kwargs: dict[str, Any] = {"json": {"reason": "x"}} if method == "post" else {}
        assert getattr(client, method)(path, headers=auth, **kwargs).status_code == 403
        assert getattr(client, method)(path, **kwargs).status_code == 401
