"""Portal fixtures: the agency registry, one user per role (law enforcement in two agencies), a report
that went through the whole pipeline with a benign generated picture, forwarded to agency A only,
and a browser-like client that signs in with password and TOTP."""

from __future__ import annotations

import re
import uuid
from collections.abc import Callable, Iterator
from dataclasses import dataclass

import pyotp
import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories.reports import png, rich
from tipline.access.roles import Role
from tipline.app import create_app
from tipline.config import Settings
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.forwarding import service as forwarding
from tipline.models import Referral, ReportFile
from tipline.users import service as users

PASSWORD = "correct horse battery staple"
AGENCY_A, AGENCY_B = "FR", "NL"


@dataclass
class Person:
    username: str
    role: Role
    secret: str
    agency: str | None = None

    def code(self, offset: int = 0) -> str:
        totp = pyotp.TOTP(self.secret)
        return totp.at(utc_now().timestamp() + offset * totp.interval)


PEOPLE = {
    "analyst": (Role.analyst, None),
    "supervisor": (Role.supervisor, None),
    "officer_a": (Role.le_officer, AGENCY_A),
    "lesuper_a": (Role.le_supervisor, AGENCY_A),
    "officer_b": (Role.le_officer, AGENCY_B),
    "lesuper_b": (Role.le_supervisor, AGENCY_B),
    "curator": (Role.curator, None),
    "auditor": (Role.auditor, None),
    "admin": (Role.admin, None),
}


@pytest.fixture
def people(ctx: Context) -> dict[str, Person]:
    out = {}
    with ctx.unit() as session:
        forwarding.seed_agencies(session)
        for name, (role, agency) in PEOPLE.items():
            _, secret = users.add_user(session, ctx.keyring, name, role, PASSWORD, agency_code=agency)
            out[name] = Person(name, role, secret, agency)
    return out


@dataclass
class Case:
    report_id: uuid.UUID
    file_id: uuid.UUID
    referral_a: uuid.UUID


@pytest.fixture
def case(
    client: TestClient,
    auth: dict[str, str],
    ctx: Context,
    people: dict[str, Person],
    run_jobs: Callable[[], int],
) -> Case:
    """A report (rich content, one benign picture the provider did not view) run through the pipeline,
    then forwarded by an analyst to agency A; agency B has nothing."""
    body = rich(provider_report_id="portal-1")
    body["files"] = [
        {
            "ref": "f1",
            "filename": "f1.png",
            "media_type": "image/png",
            "bytes_to_follow": True,
            "viewed_by_provider": False,
            "hashes": {},
        }
    ]
    report_id = client.post("/api/v1/reports", json=body, headers=auth).json()["id"]
    r = client.post(
        f"/api/v1/reports/{report_id}/files",
        data={"ref": "f1"},
        files={"file": ("f1.png", png(3), "image/png")},
        headers=auth,
    )
    assert r.status_code in (200, 201), r.text
    assert client.post(f"/api/v1/reports/{report_id}/finish", headers=auth).status_code == 200
    run_jobs()
    rid = uuid.UUID(report_id)
    with ctx.unit() as session:
        a = forwarding.get_agency(session, AGENCY_A)
        existing = session.scalars(
            select(Referral).where(Referral.report_id == rid, Referral.agency_id == a.id)
        ).one_or_none()
        if existing is None:
            existing = forwarding.add_agency_to_report(session, rid, AGENCY_A, actor="test")
        b = forwarding.get_agency(session, AGENCY_B)
        assert (
            session.scalars(
                select(Referral).where(Referral.report_id == rid, Referral.agency_id == b.id)
            ).first()
            is None
        )
        file_id = session.scalars(select(ReportFile.id).where(ReportFile.report_id == rid)).one()
        return Case(rid, file_id, existing.id)


@pytest.fixture
def portal_app(settings: Settings, ctx: Context) -> Iterator[TestClient]:
    with TestClient(create_app(settings), base_url="http://testserver") as c:
        yield c


SignIn = Callable[[str], TestClient]


def csrf_of(html: str) -> str:
    found = re.search(r'name="csrf" value="([^"]+)"', html) or re.search(r'"X-CSRF-Token": "([^"]+)"', html)
    assert found, "no CSRF token on the page"
    return found.group(1)


@pytest.fixture
def sign_in(settings: Settings, ctx: Context, people: dict[str, Person]) -> Iterator[SignIn]:
    """A new browser-like client per person, signed in; ``client.csrf`` holds its CSRF token."""
    clients: list[TestClient] = []
    used: dict[str, int] = {}

    def make(name: str) -> TestClient:
        c = TestClient(create_app(settings), base_url="http://testserver", follow_redirects=False)
        c.__enter__()
        clients.append(c)
        person = people[name]
        page = c.get("/portal/login")
        nonce = re.search(r'name="nonce" value="([^"]+)"', page.text).group(1)  # type: ignore[union-attr]
        # each TOTP step is accepted once per user: a second sign-in of the same person uses the next one
        offset = used.get(name, -1) + 1
        used[name] = offset
        r = c.post(
            "/portal/login",
            data={"username": name, "password": PASSWORD, "code": person.code(offset), "nonce": nonce},
            follow_redirects=False,
        )
        assert r.status_code == 303, r.text
        home = c.get("/portal/", follow_redirects=True)
        c.csrf = csrf_of(home.text)  # type: ignore[attr-defined]
        return c

    yield make
    for c in clients:
        c.__exit__(None, None, None)
