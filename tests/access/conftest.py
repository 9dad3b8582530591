"""The world the authorization matrix runs in, built once per module (a per-route rebuild would cost
minutes): every principal, and a target for every route.

Principals: nobody; a provider key for each single scope, and one of another provider with the report
scope (the targets' reports are not its own); an agency key of A (FR) and of B (NL); a
signed-in portal user of every role, law enforcement in A and in B (``tests.portal.conftest.PEOPLE``).

Targets: ``report`` went through the pipeline with a benign picture and was forwarded to A only (as
``tests.portal.conftest.case``); ``linked`` is a second report about the same account (so there is a
link and a subject). A route that changes a referral, a hold, a report or a user gets one of its own
(``own[use]``, ``hold``, ``open_reports``, ``ispws``, ``target_user``), so that no route depends
on what an earlier route did, and a principal's session is never ended by a cell (sign-out uses a
second session).
"""

from __future__ import annotations

import base64
import re
import secrets
import uuid
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import timedelta
from pathlib import Path

import pytest
from argon2 import PasswordHasher
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.conftest import TEST_KEY, _empty_tables
from tests.factories.reports import minimal, png, rich, with_upload
from tests.forwarding.conftest import set_assessment
from tests.portal.conftest import AGENCY_A, AGENCY_B, PASSWORD, PEOPLE, Person, csrf_of
from tipline.access.roles import Role
from tipline.app import create_app
from tipline.casework import evidence
from tipline.casework import service as casework
from tipline.casework.schemas import HoldKind
from tipline.config import Settings
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.forwarding import service as forwarding
from tipline.linking import service as linking
from tipline.models import Indicator, NarrativeCase, NarrativeImport, Referral, ReportFile
from tipline.portal import web
from tipline.providers import service as providers
from tipline.users import repository as user_repository
from tipline.users import service as users
from tipline.worker import make_worker

SCOPES = ("report", "match", "curate", "assess")
ISPWS_XML = (Path(__file__).parents[1] / "fixtures" / "ncmec" / "reports" / "v01-minimal.xml").read_bytes()


# the routes that change a report or a referral, each with a report of its own forwarded to A only
OWN_TARGETS = (
    "api-ack",
    "api-decline",
    "api-close",
    "priority",
    "information",
    "unfounded",
    "forward",
    "ack",
    "decline",
    "hold",
    "outcome",
    "lift",
)


@dataclass(frozen=True)
class Target:
    report: uuid.UUID
    referral: uuid.UUID  # its referral to A


@dataclass
class Caller:
    """One principal, with whatever credential it holds."""

    name: str
    kind: str  # anonymous | provider | agency | user
    key: str | None = None  # a provider key (tl_) or an agency key (tla_)
    scope: str | None = None  # a provider key's single scope
    stranger: bool = False  # a provider key of another provider than the one whose reports the targets are
    login: str | None = None  # ISPWS Basic user name: the provider's name (the agency's code for agencies)
    agency: str | None = None  # an agency key's agency, or a law-enforcement user's
    role: Role | None = None
    token: str | None = None  # the portal session cookie
    csrf: str | None = None
    spare_token: str | None = None  # a second session, for signing out
    spare_csrf: str | None = None
    door: Person | None = None  # the account this caller signs in as on POST /portal/login


@dataclass
class World:
    client: TestClient
    ctx: Context
    settings: Settings
    callers: dict[str, Caller]
    report: uuid.UUID  # forwarded to A only, owned by the "report" key's provider
    file: uuid.UUID  # report's picture
    referral: uuid.UUID  # report's referral to A
    linked: uuid.UUID  # another report about the same account (clearinghouse only)
    link: int
    subject: uuid.UUID
    views: dict[str, int]  # a reveal of ``file`` per caseworker who may see it
    bank: str
    indicator: int
    open_reports: dict[str, uuid.UUID]  # open reports of the "report" provider, by use
    ispws: dict[str, int]  # ISPWS report numbers of the "report" provider, by use
    ispws_file: str  # a file uploaded to ispws["fileinfo"]
    own: dict[str, Target]  # reports forwarded to A only, one per route that changes one (OWN_TARGETS)
    hold: int  # a hold of A's, in force
    target_user: str  # the account the user-admin route changes
    narrative: int  # an imported narrative case with a field to review


def basic(user: str, password: str) -> str:
    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def _sign_in(client: TestClient, person: Person, offset: int) -> tuple[str, str]:
    """Sign in through the login form (password + TOTP, nonce double-submit); (cookie, CSRF token)."""
    nonce = secrets.token_urlsafe(16)
    client.cookies.clear()
    r = client.post(
        "/portal/login",
        data={"username": person.username, "password": PASSWORD, "code": person.code(offset), "nonce": nonce},
        headers={"Cookie": f"{web.LOGIN_COOKIE}={nonce}"},
        follow_redirects=False,
    )
    assert r.status_code == 303, r.text
    token = r.cookies[web.COOKIE]
    cookie = {"Cookie": f"{web.COOKIE}={token}"}
    client.cookies.clear()
    landing = client.get("/portal/", headers=cookie, follow_redirects=False)
    assert landing.status_code == 303, landing.text
    page = client.get(landing.headers["location"], headers=cookie, follow_redirects=False)
    assert page.status_code == 200, page.text
    client.cookies.clear()
    return token, csrf_of(page.text)


def _submit(client: TestClient, headers: dict[str, str], body: dict[str, object]) -> uuid.UUID:
    r = client.post("/api/v1/reports", json=body, headers=headers)
    assert r.status_code == 201, r.text
    return uuid.UUID(r.json()["id"])


def _ispws_open(client: TestClient, authorization: str) -> int:
    r = client.post(
        "/ispws/submit",
        content=ISPWS_XML,
        headers={"Authorization": authorization, "Content-Type": "text/xml; charset=utf-8"},
    )
    assert r.status_code == 200, r.text
    found = re.search(rb"<reportId>(\d+)</reportId>", r.content)
    assert found, r.text
    return int(found.group(1))


def _build(ctx: Context, client: TestClient, settings: Settings) -> World:
    callers: dict[str, Caller] = {"anonymous": Caller("anonymous", "anonymous")}
    with ctx.unit() as session:
        forwarding.seed_agencies(session)
        for scope in SCOPES:
            name = f"Key {scope}"
            _, key = providers.add_provider(session, name, (scope,))
            callers[f"key:{scope}"] = Caller(f"key:{scope}", "provider", key=key, scope=scope, login=name)
        # a second provider with the report scope: the reports of the first are not its own
        _, key = providers.add_provider(session, "Other provider", ("report",))
        callers["key:report@other"] = Caller(
            "key:report@other", "provider", key=key, scope="report", login="Other provider", stranger=True
        )
        for code in (AGENCY_A, AGENCY_B):
            key = forwarding.issue_agency_key(session, code, "test")
            callers[f"agency:{code}"] = Caller(f"agency:{code}", "agency", key=key, login=code, agency=code)
        people: dict[str, Person] = {}
        for name, (role, agency) in PEOPLE.items():
            _, secret = users.add_user(session, ctx.keyring, name, role, PASSWORD, agency_code=agency)
            people[name] = Person(name, role, secret, agency)
        users.add_user(session, ctx.keyring, "target", Role.analyst, PASSWORD)
        doors = []
        for i in range(len(callers) + len(PEOPLE)):
            _, secret = users.add_user(session, ctx.keyring, f"door{i}", Role.auditor, PASSWORD)
            doors.append(Person(f"door{i}", Role.auditor, secret))
    for name, person in people.items():
        token, csrf = _sign_in(client, person, 0)
        spare_token, spare_csrf = _sign_in(client, person, 1)  # each TOTP step is accepted once
        callers[name] = Caller(
            name,
            "user",
            role=person.role,
            agency=person.agency,
            token=token,
            csrf=csrf,
            spare_token=spare_token,
            spare_csrf=spare_csrf,
        )
    for caller, door in zip(callers.values(), doors, strict=False):
        caller.door = door

    reporter = {"Authorization": f"Bearer {callers['key:report'].key}"}
    curator = {"Authorization": f"Bearer {callers['key:curate'].key}"}

    # the case of tests.portal.conftest.case, submitted by the "report" key's provider
    case = rich(provider_report_id="matrix-1")
    case["files"] = [
        {
            "ref": "f1",
            "filename": "f1.png",
            "media_type": "image/png",
            "bytes_to_follow": True,
            "viewed_by_provider": False,
            "hashes": {},
        }
    ]
    report = _submit(client, reporter, case)
    r = client.post(
        f"/api/v1/reports/{report}/files",
        data={"ref": "f1"},
        files={"file": ("f1.png", png(3), "image/png")},
        headers=reporter,
    )
    assert r.status_code == 201, r.text
    assert client.post(f"/api/v1/reports/{report}/finish", headers=reporter).status_code == 200
    linked = _submit(client, reporter, rich(provider_report_id="matrix-2"))  # the same account: a link
    make_worker(ctx).run_pending()

    def to_a(report_id: uuid.UUID) -> uuid.UUID:
        with ctx.unit() as session:
            a = forwarding.get_agency(session, AGENCY_A)
            found = session.scalars(
                select(Referral.id).where(Referral.report_id == report_id, Referral.agency_id == a.id)
            ).one_or_none()
            return found or forwarding.add_agency_to_report(session, report_id, AGENCY_A, actor="test").id

    referral = to_a(report)
    own: dict[str, Target] = {}
    for use in OWN_TARGETS:
        rid = _submit(client, reporter, minimal(f"matrix-{use}"))
        set_assessment(ctx, rid, "assessed", "P3")
        own[use] = Target(rid, to_a(rid))
    open_reports = {
        use: _submit(client, reporter, with_upload(f"matrix-{use}")) for use in ("upload", "retract")
    }

    with ctx.unit() as session:
        file = session.scalars(select(ReportFile.id).where(ReportFile.report_id == report)).one()
        b = forwarding.get_agency(session, AGENCY_B)
        for rid in (report, linked, *open_reports.values()):
            assert (
                session.scalars(
                    select(Referral).where(Referral.report_id == rid, Referral.agency_id == b.id)
                ).first()
                is None
            ), "B must have nothing"
        (link, *_) = linking.links_of(session, linked)
        subject = next(iter(linking.subjects_of_report(session, report).values()))
        views = {}
        for name in ("analyst", "supervisor", "officer_a", "lesuper_a"):
            user = user_repository.by_username(session, name)
            assert user is not None
            views[name] = evidence.reveal(
                session,
                ctx.keyring,
                users.principal_of(session, user),
                file,
                "the authorization matrix",
                soft_limit=settings.exposure_soft_limit,
                unviewed_needs_reason=settings.unviewed_needs_reason,
            ).view_id
        officer = user_repository.by_username(session, "officer_a")
        assert officer is not None
        hold = casework.request_hold(
            session,
            users.principal_of(session, officer),
            own["lift"].referral,
            HoldKind.do_not_inform,
            utc_now() + timedelta(days=30),
            "the authorization matrix",
        ).id

    r = client.post("/api/v1/banks", json={"name": "matrix", "purpose": "known"}, headers=curator)
    assert r.status_code == 201, r.text
    r = client.post(
        "/api/v1/banks/matrix/indicators",
        json={"indicators": [{"hash_type": "md5", "hash": "c" * 32}]},
        headers=curator,
    )
    assert r.status_code == 200, r.text
    with ctx.unit() as session:
        indicator = session.scalars(select(Indicator.id)).one()

    authorization = basic(callers["key:report"].login or "", callers["key:report"].key or "")
    numbers = {use: _ispws_open(client, authorization) for use in ("upload", "fileinfo", "finish", "retract")}
    r = client.post(
        "/ispws/upload",
        data={"id": str(numbers["fileinfo"])},
        files={"file": ("f.png", png(5), "application/octet-stream")},
        headers={"Authorization": authorization},
    )
    found = re.search(r"<fileId>([^<]+)</fileId>", r.text)
    assert r.status_code == 200, r.text
    assert found, r.text
    with ctx.unit() as session:
        imported = NarrativeImport(
            name="cases.txt", sha256="0" * 64, dated=utc_now(), imported_by="t", cases=1
        )
        session.add(imported)
        session.flush()
        narrative = NarrativeCase(
            import_id=imported.id,
            seq=1,
            part="table",
            country="France",
            state="FR",
            dated=utc_now(),
            first_line="A made-up case.",
            fields={"victims_in_case": {"value": 2, "confidence": 0.5, "review": True, "quote": "two"}},
            confirmed={},
            pending_review=1,
        )
        session.add(narrative)
        session.flush()
        narrative_id = narrative.id
    client.cookies.clear()
    return World(
        client=client,
        ctx=ctx,
        settings=settings,
        callers=callers,
        report=report,
        file=file,
        referral=referral,
        linked=linked,
        link=link.id,
        subject=subject,
        views=views,
        bank="matrix",
        indicator=indicator,
        open_reports=open_reports,
        ispws=numbers,
        ispws_file=found.group(1),
        own=own,
        hold=hold,
        target_user="target",
        narrative=narrative_id,
    )


@pytest.fixture(scope="module")
def world(database_url: str, tmp_path_factory: pytest.TempPathFactory) -> Iterator[World]:
    settings = Settings(
        data_dir=tmp_path_factory.mktemp("access") / "data",
        database_url=database_url,
        encryption_key=TEST_KEY,
        worker=False,
        index_refresh_seconds=0,
    )
    with pytest.MonkeyPatch.context() as patch:
        # argon2's cheapest parameters: some forty accounts are made and signed in; the matrix is about
        # who may do what, not about how passwords are stored
        patch.setattr(users, "_hasher", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))
        ctx = Context.build(settings)
        try:
            with TestClient(create_app(settings), base_url="http://testserver") as client:
                yield _build(ctx, client, settings)
        finally:
            _empty_tables(ctx.engine)
            ctx.close()
