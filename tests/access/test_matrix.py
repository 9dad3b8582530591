"""Who may call what: one authorization matrix over every route of the app (API, ISPWS and portal) and
every principal, the expectation of each cell derived from the table's rule for the route.

The table (``TABLE``) maps each (method, path template) of the app to a rule and to a request that an
allowed principal can make (a valid body: API routes that authenticate in the handler validate the
body first). The rule says who may call:

- ``public``: anyone.
- ``api(scope)``: a provider key with that scope; another key is 403, no key (an agency key, a portal
  session) is 401.
- ``ispws(scope)``: the same key as HTTP Basic with the provider's name; the protocol answers every
  refusal, a missing scope included, with 401 (responseCode 3000).
- ``agency()``: an agency key (``tla_``); anything else is 401.
- ``portal(permission)``: a portal session of a role that ``access.roles.GRANTS`` gives the permission
  (``None``: any signed-in person); no session is a redirect to the sign-in page for a GET and 401 for
  a POST (API keys count for nothing in the portal), a role without the permission is 403.

``owned``: the target belongs to agency A (or, for provider routes, to the "report" key's provider):
law enforcement of agency B, agency B's key and another provider's report key get 404 (existence is
not disclosed: the portal shows the page of any unknown id), and a 404 for an allowed principal fails
the cell.

Allowed means: not 401/403, no redirect to the sign-in page, no 404 on an owned target, no 422 (the
table's request would be invalid) and no 5xx (503 from /health aside). Every cell is checked; the
mismatches of a route are reported together, as a table.
"""

from __future__ import annotations

import uuid
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from enum import Enum
from typing import Any

import pytest
from fastapi import FastAPI, routing
from httpx import Response

from tests.access.conftest import ISPWS_XML, Caller, World, basic
from tests.conftest import TEST_KEY
from tests.factories.reports import minimal, png
from tests.portal.conftest import AGENCY_A, PASSWORD
from tipline.access.roles import GRANTS, Permission
from tipline.app import create_app
from tipline.config import Settings
from tipline.portal import web
from tipline.portal.text import t

# FastAPI's own pages (the API's description, not the API)
FRAMEWORK = frozenset({"/openapi.json", "/docs", "/docs/oauth2-redirect", "/redoc"})


class Guard(Enum):
    public = "public"
    api = "api"
    ispws = "ispws"
    agency = "agency"
    portal = "portal"


@dataclass(frozen=True)
class Rule:
    guard: Guard
    scope: str | None = None  # api, ispws: the key's scope
    permission: Permission | None = None  # portal: None = any signed-in person
    owned: bool = False  # the target belongs to A (or to the "report" key's provider)

    def __str__(self) -> str:
        what = self.scope or (self.permission.value if self.permission else "")
        return f"{self.guard.value}({what})" + (" owned" if self.owned else "")


def public() -> Rule:
    return Rule(Guard.public)


def api(scope: str, *, owned: bool = False) -> Rule:
    return Rule(Guard.api, scope=scope, owned=owned)


def ispws(scope: str, *, owned: bool = True) -> Rule:
    return Rule(Guard.ispws, scope=scope, owned=owned)


def agency(*, owned: bool = True) -> Rule:
    return Rule(Guard.agency, owned=owned)


def portal(permission: Permission | None = None, *, owned: bool = False) -> Rule:
    return Rule(Guard.portal, permission=permission, owned=owned)


@dataclass(frozen=True)
class Call:
    """The request, before the caller's credential is added."""

    url: str
    json: Any = None
    data: dict[str, Any] | None = None
    files: dict[str, tuple[str, bytes, str]] | None = None
    content: bytes | None = None
    headers: dict[str, str] = field(default_factory=dict)
    cookies: dict[str, str] = field(default_factory=dict)
    spare_session: bool = False  # sign-out: end the caller's second session, not the one the matrix uses


Build = Callable[[World, Caller], Call]


@dataclass(frozen=True)
class Entry:
    rule: Rule
    build: Build


def at(url: Callable[[World], str]) -> Build:
    """No body: the URL is all."""
    return lambda w, c: Call(url(w))


def post_json(url: Callable[[World], str], body: Callable[[World], Any]) -> Build:
    return lambda w, c: Call(url(w), json=body(w))


def form(url: Callable[[World], str], **fields: Any) -> Build:
    return lambda w, c: Call(url(w), data=dict(fields))


def _login(w: World, c: Caller) -> Call:
    assert c.door is not None
    nonce = uuid.uuid4().hex  # the double-submit: the same nonce in the form and in the login cookie
    return Call(
        "/portal/login",
        data={"username": c.door.username, "password": PASSWORD, "code": c.door.code(), "nonce": nonce},
        cookies={web.LOGIN_COOKIE: nonce},
    )


def _ispws_upload(w: World, c: Caller) -> Call:
    return Call(
        "/ispws/upload",
        data={"id": str(w.ispws["upload"])},
        files={"file": ("f.png", png(7), "application/octet-stream")},
    )


def _fileinfo(w: World, c: Caller) -> Call:
    xml = f"<fileDetails><reportId>{w.ispws['fileinfo']}</reportId><fileId>{w.ispws_file}</fileId>"
    xml += "<fileName>a.png</fileName></fileDetails>"
    return Call("/ispws/fileinfo", content=xml.encode(), headers={"Content-Type": "text/xml; charset=utf-8"})


def _view(w: World, c: Caller) -> Call:
    # one's own reveal; a caller who has none (another agency, other roles) asks for an analyst's
    return Call(f"/portal/files/{w.file}/view/{w.views.get(c.name, w.views['analyst'])}")


def _in_30_days() -> str:
    return (datetime.now(UTC) + timedelta(days=30)).date().isoformat()


REASON = "the authorization matrix"

TABLE: dict[tuple[str, str], Entry] = {
    # --- public ----------------------------------------------------------------------------------
    ("GET", "/health"): Entry(public(), at(lambda w: "/health")),
    ("GET", "/portal/login"): Entry(public(), at(lambda w: "/portal/login")),
    ("POST", "/portal/login"): Entry(public(), _login),  # each caller signs in an account of its own
    ("GET", "/portal/static/{path}"): Entry(public(), at(lambda w: "/portal/static/portal.css")),
    # --- providers: reports --------------------------------------------------------------------------
    ("POST", "/api/v1/reports"): Entry(
        api("report"), post_json(lambda w: "/api/v1/reports", lambda w: minimal(f"m-{uuid.uuid4().hex}"))
    ),
    ("GET", "/api/v1/scorecard"): Entry(api("report"), at(lambda w: "/api/v1/scorecard")),
    ("GET", "/api/v1/reports/{report_id}"): Entry(
        api("report", owned=True), at(lambda w: f"/api/v1/reports/{w.report}")
    ),
    ("POST", "/api/v1/reports/{report_id}/finish"): Entry(
        api("report", owned=True), at(lambda w: f"/api/v1/reports/{w.report}/finish")
    ),
    ("POST", "/api/v1/reports/{report_id}/supplements"): Entry(
        api("report", owned=True),
        post_json(lambda w: f"/api/v1/reports/{w.report}/supplements", lambda w: {"additional_info": REASON}),
    ),
    ("POST", "/api/v1/reports/{report_id}/files"): Entry(
        api("report", owned=True),
        lambda w, c: Call(
            f"/api/v1/reports/{w.open_reports['upload']}/files",
            data={"ref": "f1"},
            files={"file": ("f1.png", png(9), "image/png")},
        ),
    ),
    # --- providers: the CyberTipline XML protocol -----------------------------------------------------
    ("GET", "/ispws/status"): Entry(ispws("report", owned=False), at(lambda w: "/ispws/status")),
    ("POST", "/ispws/submit"): Entry(
        ispws("report", owned=False),
        lambda w, c: Call(
            "/ispws/submit", content=ISPWS_XML, headers={"Content-Type": "text/xml; charset=utf-8"}
        ),
    ),
    ("POST", "/ispws/upload"): Entry(ispws("report"), _ispws_upload),
    ("POST", "/ispws/fileinfo"): Entry(ispws("report"), _fileinfo),
    ("POST", "/ispws/finish"): Entry(
        ispws("report"), lambda w, c: Call("/ispws/finish", data={"id": str(w.ispws["finish"])})
    ),
    # --- curators and matchers ------------------------------------------------------------------------
    ("GET", "/api/v1/banks"): Entry(api("curate"), at(lambda w: "/api/v1/banks")),
    ("POST", "/api/v1/banks"): Entry(
        api("curate"),
        post_json(lambda w: "/api/v1/banks", lambda w: {"name": f"m-{uuid.uuid4().hex}", "purpose": "known"}),
    ),
    ("PATCH", "/api/v1/banks/{name}"): Entry(
        api("curate"), lambda w, c: Call(f"/api/v1/banks/{w.bank}", json={"enabled": True})
    ),
    ("POST", "/api/v1/banks/{name}/indicators"): Entry(
        api("curate"),
        post_json(
            lambda w: f"/api/v1/banks/{w.bank}/indicators",
            lambda w: {"indicators": [{"hash_type": "md5", "hash": "d" * 32}]},
        ),
    ),
    ("GET", "/api/v1/indicators/{indicator_id}"): Entry(
        api("curate"), at(lambda w: f"/api/v1/indicators/{w.indicator}")
    ),
    ("POST", "/api/v1/indicators/{indicator_id}/withdraw"): Entry(
        api("curate"),
        post_json(lambda w: f"/api/v1/indicators/{w.indicator}/withdraw", lambda w: {"reason": REASON}),
    ),
    ("POST", "/api/v1/indicators/{indicator_id}/reinstate"): Entry(
        api("curate"),
        post_json(lambda w: f"/api/v1/indicators/{w.indicator}/reinstate", lambda w: {"reason": REASON}),
    ),
    ("POST", "/api/v1/indicators/{indicator_id}/feedback"): Entry(
        api("curate"),
        post_json(
            lambda w: f"/api/v1/indicators/{w.indicator}/feedback", lambda w: {"sentiment": "affirmative"}
        ),
    ),
    ("POST", "/api/v1/match"): Entry(
        api("match"),
        post_json(lambda w: "/api/v1/match", lambda w: {"hashes": [{"hash_type": "md5", "hash": "b" * 32}]}),
    ),
    # --- analysts' tools (assess) ---------------------------------------------------------------------
    ("GET", "/api/v1/assessments"): Entry(api("assess"), at(lambda w: "/api/v1/assessments")),
    ("GET", "/api/v1/assessments/{report_id}"): Entry(
        api("assess"), at(lambda w: f"/api/v1/assessments/{w.report}")
    ),
    ("POST", "/api/v1/assessments/{report_id}/override"): Entry(
        api("assess"),
        post_json(
            lambda w: f"/api/v1/assessments/{w.linked}/override",
            lambda w: {"priority": "P2", "reason": "other", "note": REASON},
        ),
    ),
    ("POST", "/api/v1/assessments/{report_id}/notes"): Entry(
        api("assess"),
        post_json(lambda w: f"/api/v1/assessments/{w.linked}/notes", lambda w: {"text": REASON}),
    ),
    # no viral bundle here: the id names none, and an allowed key gets 404 (no owner to hide it from)
    ("GET", "/api/v1/bundles/{bundle_id}"): Entry(
        api("assess"), at(lambda w: f"/api/v1/bundles/{uuid.UUID(int=1)}")
    ),
    ("GET", "/api/v1/agencies"): Entry(api("assess"), at(lambda w: "/api/v1/agencies")),
    ("GET", "/api/v1/referrals"): Entry(
        api("assess"), at(lambda w: f"/api/v1/referrals?report_id={w.report}")
    ),
    ("GET", "/api/v1/reports/{report_id}/deconfliction"): Entry(
        api("assess"), at(lambda w: f"/api/v1/reports/{w.report}/deconfliction")
    ),
    ("POST", "/api/v1/referrals"): Entry(
        api("assess"),
        post_json(lambda w: "/api/v1/referrals", lambda w: {"report_id": str(w.linked), "agency": "AT"}),
    ),
    ("GET", "/api/v1/reports/{report_id}/links"): Entry(
        api("assess"), at(lambda w: f"/api/v1/reports/{w.report}/links")
    ),
    ("GET", "/api/v1/subjects/{subject_id}"): Entry(
        api("assess"), at(lambda w: f"/api/v1/subjects/{w.subject}")
    ),
    ("POST", "/api/v1/links/{link_id}/confirm"): Entry(
        api("assess"), post_json(lambda w: f"/api/v1/links/{w.link}/confirm", lambda w: {"reason": REASON})
    ),
    # --- agencies' systems ----------------------------------------------------------------------------
    ("GET", "/api/v1/agency/referrals"): Entry(agency(owned=False), at(lambda w: "/api/v1/agency/referrals")),
    ("GET", "/api/v1/agency/referrals/{referral_id}"): Entry(
        agency(), at(lambda w: f"/api/v1/agency/referrals/{w.referral}")
    ),
    ("POST", "/api/v1/agency/referrals/{referral_id}/acknowledge"): Entry(
        agency(), lambda w, c: Call(f"/api/v1/agency/referrals/{w.own['api-ack'].referral}/acknowledge")
    ),
    # --- the portal: pages ----------------------------------------------------------------------------
    ("GET", "/portal/"): Entry(portal(), at(lambda w: "/portal/")),
    ("GET", "/portal/queue"): Entry(portal(Permission.queue_read), at(lambda w: "/portal/queue")),
    ("GET", "/portal/reports/{report_id}"): Entry(
        portal(Permission.report_read, owned=True), at(lambda w: f"/portal/reports/{w.report}")
    ),
    ("GET", "/portal/files/{file_id}/preview"): Entry(
        portal(Permission.evidence_view, owned=True), at(lambda w: f"/portal/files/{w.file}/preview")
    ),
    ("POST", "/portal/files/{file_id}/reveal"): Entry(
        portal(Permission.evidence_view, owned=True),
        form(lambda w: f"/portal/files/{w.file}/reveal", reason=REASON),
    ),
    ("GET", "/portal/files/{file_id}/view/{view_id}"): Entry(
        portal(Permission.evidence_view, owned=True), _view
    ),
    ("GET", "/portal/audit"): Entry(portal(Permission.audit_read), at(lambda w: "/portal/audit")),
    ("POST", "/portal/audit/verify"): Entry(
        portal(Permission.audit_read), form(lambda w: "/portal/audit/verify")
    ),
    ("GET", "/portal/users"): Entry(portal(Permission.users_manage), at(lambda w: "/portal/users")),
    ("GET", "/portal/team"): Entry(portal(Permission.team_exposure), at(lambda w: "/portal/team")),
    ("GET", "/portal/banks"): Entry(portal(Permission.banks_read), at(lambda w: "/portal/banks")),
    ("GET", "/portal/statistics"): Entry(
        portal(Permission.statistics_read), at(lambda w: "/portal/statistics")
    ),
    ("GET", "/portal/statistics/{name}.csv"): Entry(
        portal(Permission.statistics_read), at(lambda w: "/portal/statistics/funnel_by_state.csv")
    ),
    ("GET", "/portal/scorecards"): Entry(
        portal(Permission.scorecards_read), at(lambda w: "/portal/scorecards")
    ),
    ("GET", "/portal/scorecards.csv"): Entry(
        portal(Permission.scorecards_read), at(lambda w: "/portal/scorecards.csv")
    ),
    ("GET", "/portal/narratives"): Entry(
        portal(Permission.narratives_review), at(lambda w: "/portal/narratives")
    ),
    ("POST", "/portal/narratives/{case_id}/confirm"): Entry(
        portal(Permission.narratives_review),
        form(lambda w: f"/portal/narratives/{w.narrative}/confirm", field="victims_in_case"),
    ),
    # --- the portal: decisions on a report (each on a report of its own, forwarded to A) ------------------
    ("POST", "/portal/reports/{report_id}/priority"): Entry(
        portal(Permission.priority_override, owned=True),
        lambda w, c: Call(
            f"/portal/reports/{w.own['priority'].report}/priority",
            data={"priority": "P2", "code": "analyst_judgement", "reason": REASON},
        ),
    ),
    ("POST", "/portal/reports/{report_id}/request-information"): Entry(
        portal(Permission.information_request, owned=True),
        lambda w, c: Call(
            f"/portal/reports/{w.own['information'].report}/request-information",
            data={"missing": "location", "reason": REASON},
        ),
    ),
    ("POST", "/portal/reports/{report_id}/unfounded"): Entry(
        portal(Permission.unfounded_mark, owned=True),
        lambda w, c: Call(f"/portal/reports/{w.own['unfounded'].report}/unfounded", data={"reason": REASON}),
    ),
    ("POST", "/portal/reports/{report_id}/forward"): Entry(
        portal(Permission.report_forward, owned=True),
        lambda w, c: Call(
            f"/portal/reports/{w.own['forward'].report}/forward", data={"agency": "BE", "reason": REASON}
        ),
    ),
    ("POST", "/portal/referrals/{referral_id}/acknowledge"): Entry(
        portal(Permission.referral_act, owned=True),
        lambda w, c: Call(f"/portal/referrals/{w.own['ack'].referral}/acknowledge", data={}),
    ),
    ("POST", "/portal/referrals/{referral_id}/holds"): Entry(
        portal(Permission.hold_request, owned=True),
        lambda w, c: Call(
            f"/portal/referrals/{w.own['hold'].referral}/holds",
            data={"kind": "do_not_inform", "until": _in_30_days(), "reason": REASON},
        ),
    ),
    ("POST", "/portal/referrals/{referral_id}/outcome"): Entry(
        portal(Permission.outcome_record, owned=True),
        lambda w, c: Call(
            f"/portal/referrals/{w.own['outcome'].referral}/outcome", data={"action": "investigation_opened"}
        ),
    ),
    # --- last: what ends, refuses, splits or cancels (each on a target of its own all the same) ------------
    ("POST", "/api/v1/links/{link_id}/split"): Entry(
        api("assess"), post_json(lambda w: f"/api/v1/links/{w.link}/split", lambda w: {"reason": REASON})
    ),
    ("POST", "/portal/links/{link_id}/{decision}"): Entry(
        portal(Permission.link_decide),
        lambda w, c: Call(
            f"/portal/links/{w.link}/split", data={"report_id": str(w.linked), "reason": REASON}
        ),
    ),
    ("POST", "/api/v1/agency/referrals/{referral_id}/decline"): Entry(
        agency(),
        lambda w, c: Call(
            f"/api/v1/agency/referrals/{w.own['api-decline'].referral}/decline",
            json={"reason": "not_competent"},
        ),
    ),
    ("POST", "/api/v1/agency/referrals/{referral_id}/close"): Entry(
        agency(), lambda w, c: Call(f"/api/v1/agency/referrals/{w.own['api-close'].referral}/close")
    ),
    ("POST", "/portal/referrals/{referral_id}/decline"): Entry(
        portal(Permission.referral_act, owned=True),
        lambda w, c: Call(
            f"/portal/referrals/{w.own['decline'].referral}/decline", data={"code": "not_competent"}
        ),
    ),
    ("POST", "/portal/holds/{hold_id}/lift"): Entry(
        portal(Permission.hold_lift, owned=True),
        lambda w, c: Call(f"/portal/holds/{w.hold}/lift", data={"reason": REASON}),
    ),
    ("POST", "/portal/users/{username}/{change}"): Entry(
        portal(Permission.users_manage), form(lambda w: f"/portal/users/{w.target_user}/deactivate")
    ),
    ("POST", "/portal/logout"): Entry(
        portal(), lambda w, c: Call("/portal/logout", data={}, spare_session=True)
    ),
    ("POST", "/ispws/retract"): Entry(
        ispws("report"), lambda w, c: Call("/ispws/retract", data={"id": str(w.ispws["retract"])})
    ),
    ("POST", "/api/v1/reports/{report_id}/retract"): Entry(
        api("report", owned=True), lambda w, c: Call(f"/api/v1/reports/{w.open_reports['retract']}/retract")
    ),
}


# --- the routes of the app ------------------------------------------------------------------------------


def app_routes(app: FastAPI) -> list[tuple[str, str]]:
    """(method, path template) of every route, FastAPI's own pages left out; a mount counts as GET."""
    # FastAPI 0.165 keeps included routers whole (``iter_route_contexts`` flattens them); before, the
    # app's routes were flat already
    flatten: Callable[[list[Any]], Iterable[Any]] = getattr(routing, "iter_route_contexts", iter)
    found: list[tuple[str, str]] = []
    for route in flatten(app.routes):
        path = str(getattr(route, "path_format", None) or getattr(route, "path", ""))
        if path in FRAMEWORK:
            continue
        for method in sorted(getattr(route, "methods", None) or {"GET"}):
            found.append((method, path))
    return found


def _collected() -> list[tuple[str, str]]:
    """The table's routes in its order (destructive last), then any route of the app it lacks."""
    app = create_app(Settings(database_url="sqlite://", encryption_key=TEST_KEY))
    return list(TABLE) + [r for r in app_routes(app) if r not in TABLE]


ROUTES = _collected()


# --- what each principal should get ----------------------------------------------------------------


@dataclass(frozen=True)
class Expect:
    outcome: str  # allow | deny | hide
    status: int | None = None  # deny: 401, 403, or 303 (to the sign-in page)
    why: str = ""

    def __str__(self) -> str:
        if self.outcome == "deny":
            return f"deny {self.status} ({self.why})"
        return f"{self.outcome} ({self.why})" if self.why else self.outcome


def expected(rule: Rule, caller: Caller, method: str) -> Expect:
    if rule.guard is Guard.public:
        return Expect("allow", why="public")
    if rule.guard is Guard.portal:
        if caller.kind != "user":
            return Expect("deny", 303 if method == "GET" else 401, "no session")
        assert caller.role is not None
        if rule.permission is not None and caller.role not in GRANTS[rule.permission]:
            return Expect("deny", 403, f"no {rule.permission.value}")
        if rule.owned and caller.role.is_law_enforcement and caller.agency != AGENCY_A:
            return Expect("hide", 404, "another agency's")
        return Expect("allow")
    if rule.guard is Guard.agency:
        if caller.kind != "agency":
            return Expect("deny", 401, "no agency key")
        if rule.owned and caller.agency != AGENCY_A:
            return Expect("hide", 404, "another agency's")
        return Expect("allow")
    if rule.guard is Guard.ispws:
        if caller.kind != "provider" or caller.scope != rule.scope:
            return Expect("deny", 401, "no key" if caller.kind != "provider" else f"no {rule.scope} scope")
    elif caller.kind != "provider":
        return Expect("deny", 401, "no provider key")
    elif caller.scope != rule.scope:
        return Expect("deny", 403, f"no {rule.scope} scope")
    if rule.owned and caller.stranger:
        return Expect("hide", 404, "another provider's")
    return Expect("allow")


def judge(expect: Expect, rule: Rule, r: Response) -> str | None:
    """What is wrong with the answer (None: as expected)."""
    s = r.status_code
    # the portal sends a caller without a session to sign in, naming the page to come back to (signing
    # out also ends on the sign-in page, without ``next``)
    to_sign_in = s == 303 and r.headers.get("location", "").startswith("/portal/login?next=")
    if s >= 500 and not (s == 503 and rule.guard is Guard.public):
        return "server error"
    if expect.outcome == "allow":
        if s in (401, 403) or to_sign_in:
            return "refused"
        if s == 404 and rule.owned:
            return "hidden from its owner"
        if s == 422:
            return "the table's request is invalid"
        return None
    if expect.outcome == "hide":
        if s != 404:
            return "refused" if s in (401, 403) else "disclosed"
        if rule.guard is Guard.portal and t("not_found") not in r.text:
            return "404, not the page of any unknown id"
        return None
    if expect.status == 303:
        return None if to_sign_in else "not sent to sign in"
    if s != expect.status:
        return "allowed" if s not in (401, 403) and not to_sign_in else "refused otherwise"
    if s == 403:  # refused for the reason the rule gives, not another
        if rule.guard is Guard.api and _code(r) != "scope_missing":
            return f"403 {_code(r)}"
        if rule.guard is Guard.portal and t("forbidden") not in r.text:
            return "403, not for the role"
    return None


def _code(r: Response) -> str:
    try:
        body = r.json()
    except ValueError:
        return ""
    return str(body.get("code", "")) if isinstance(body, dict) else ""


def describe(r: Response) -> str:
    s = r.status_code
    if s in (301, 302, 303, 307):
        return f"{s} -> {r.headers.get('location', '')[:40]}"
    code = _code(r)
    return f"{s} {code}".strip()


def send(w: World, method: str, call: Call, caller: Caller) -> Response:
    """The request with the caller's credential as that kind of caller presents it: a bearer key (HTTP
    Basic with its name on ISPWS), or the session cookie (with the CSRF token: a form field on portal
    POSTs, a header elsewhere)."""
    headers = dict(call.headers)
    cookies = dict(call.cookies)
    data = None if call.data is None else dict(call.data)
    portal_path = call.url.startswith("/portal")
    if caller.kind == "user":
        token, csrf = (
            (caller.spare_token, caller.spare_csrf) if call.spare_session else (caller.token, caller.csrf)
        )
        assert token is not None
        assert csrf is not None
        cookies[web.COOKIE] = token
        if portal_path and method != "GET" and data is not None:
            data["csrf"] = csrf
        else:
            headers["X-CSRF-Token"] = csrf
    elif caller.key is not None:
        on_ispws = call.url.startswith("/ispws")
        headers["Authorization"] = (
            basic(caller.login or "", caller.key) if on_ispws else f"Bearer {caller.key}"
        )
    if cookies:
        headers["Cookie"] = "; ".join(f"{k}={v}" for k, v in cookies.items())
    w.client.cookies.clear()  # only the credential given here: nothing a previous answer set
    r: Response = w.client.request(
        method,
        call.url,
        headers=headers,
        json=call.json,
        data=data,
        files=call.files,
        content=call.content,
        follow_redirects=False,
    )
    return r


# --- the tests -------------------------------------------------------------------------------------


def test_the_table_has_exactly_the_routes_of_the_app(world: World) -> None:
    app = world.client.app
    assert isinstance(app, FastAPI)
    routes = app_routes(app)
    assert len(routes) == len(set(routes))
    missing = sorted(set(routes) - set(TABLE))
    stale = sorted(set(TABLE) - set(routes))
    assert not missing, f"routes without an entry in the authorization matrix: {missing}"
    assert not stale, f"entries of the authorization matrix without a route: {stale}"


@pytest.mark.parametrize("route", ROUTES, ids=[f"{m} {p}" for m, p in ROUTES])
def test_matrix(world: World, route: tuple[str, str]) -> None:
    method, template = route
    entry = TABLE.get(route)
    if entry is None:
        pytest.fail(
            f"{method} {template} has no entry in the authorization matrix (tests/access/test_matrix.py)"
        )
    rows = []
    for caller in world.callers.values():
        expect = expected(entry.rule, caller, method)
        call = entry.build(world, caller)
        r = send(world, method, call, caller)
        wrong = judge(expect, entry.rule, r)
        if wrong is not None:
            rows.append((caller.name, str(expect), describe(r), wrong))
    assert not rows, _table(f"{method} {template}  [{entry.rule}]", rows)


def _table(title: str, rows: list[tuple[str, str, str, str]]) -> str:
    head = ("principal", "expected", "got", "what")
    widths = [max(len(str(x[i])) for x in [head, *rows]) for i in range(4)]
    lines = [" | ".join(str(x[i]).ljust(widths[i]) for i in range(4)) for x in [head, *rows]]
    lines.insert(1, "-+-".join("-" * w for w in widths))
    return f"{len(rows)} mismatch(es) on {title}\n" + "\n".join(lines)


PORTAL_POSTS = [r for r in TABLE if r[0] == "POST" and TABLE[r].rule.guard is Guard.portal]


@pytest.mark.parametrize("route", PORTAL_POSTS, ids=[f"{m} {p}" for m, p in PORTAL_POSTS])
def test_portal_posts_need_the_csrf_token(world: World, route: tuple[str, str]) -> None:
    """A valid session of a role that may, without the session's CSRF token (none, or another
    session's): 403, the CSRF check coming before the route does anything."""
    method, _ = route
    entry = TABLE[route]
    caller = next(
        c
        for c in world.callers.values()
        if c.kind == "user" and expected(entry.rule, c, method).outcome == "allow"
    )
    other = next(c for c in world.callers.values() if c.kind == "user" and c is not caller)
    call = entry.build(world, caller)
    cookie = {"Cookie": f"{web.COOKIE}={caller.token}"}  # refused before anything is done: sign-out too
    for csrf in (None, other.csrf):
        data = dict(call.data or {})
        if csrf is not None:
            data["csrf"] = csrf
        world.client.cookies.clear()
        r = world.client.request(method, call.url, headers=cookie, data=data, follow_redirects=False)
        assert r.status_code == 403, (caller.name, csrf is not None, describe(r))
        assert t("csrf") in r.text


def test_sign_in_needs_the_login_nonce(world: World) -> None:
    """Signing in is open to anyone, but only from the sign-in form: the nonce of the form must be the
    one of the login cookie (403 otherwise, before the account is looked at)."""
    door = world.callers["anonymous"].door
    assert door is not None
    fields = {"username": door.username, "password": PASSWORD, "code": "000000", "nonce": "n" * 20}
    for cookie in ({}, {"Cookie": f"{web.LOGIN_COOKIE}={'m' * 20}"}):
        world.client.cookies.clear()
        r = world.client.post("/portal/login", data=fields, headers=cookie, follow_redirects=False)
        assert r.status_code == 403, describe(r)
        assert web.COOKIE not in r.cookies
