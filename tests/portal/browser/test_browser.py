"""The portal in a real browser (Chromium through Playwright, the app served by uvicorn): the login form
with TOTP, the queue's order and its HTMX filter, the report view, the audited reveal of a blurred
picture, an agency's outcome, another agency's 404, and the audit chain check."""

from __future__ import annotations

import io
import re
import uuid
from datetime import timedelta

import numpy as np
from fastapi.testclient import TestClient
from PIL import Image
from playwright.sync_api import Page, expect
from sqlalchemy import select, update

from tests.forwarding.conftest import body, set_assessment
from tests.portal.browser.conftest import BrowserSignIn, fill_login, screenshot
from tests.portal.conftest import PASSWORD, Case, Person
from tipline.audit import service as audit
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.models import Assessment, AuditRecord, Outcome, User

ROWS = "#queue-rows tr[data-report]"


def _image(page: Page, url: str) -> Image.Image:
    """The picture at ``url`` as this page's browser context fetches it (with its session cookie)."""
    response = page.context.request.get(url)
    assert response.status == 200, (url, response.status)
    return Image.open(io.BytesIO(response.body()))


def _is_grey(image: Image.Image) -> bool:
    rgb = np.asarray(image.convert("RGB"))
    return bool((rgb[..., 0] == rgb[..., 1]).all() and (rgb[..., 1] == rgb[..., 2]).all())


def _wait_loaded(page: Page, selector: str) -> None:
    """Until the image is loaded and decoded (a broken image has no natural width)."""
    page.wait_for_function(
        "sel => { const i = document.querySelector(sel); return !!i && i.complete && i.naturalWidth > 0 }",
        arg=selector,
    )


def _user_id(ctx: Context, username: str) -> uuid.UUID:
    with ctx.read() as session:
        return session.scalars(select(User.id).where(User.username == username)).one()


def test_sign_in_with_totp_through_the_form(page: Page, people: dict[str, Person]) -> None:
    person = people["analyst"]
    page.goto("/portal/login")
    screenshot(page, "login")
    valid = {person.code(k) for k in (-1, 0, 1)}
    wrong = next(c for c in (f"{n:06d}" for n in range(0, 1_000_000, 111_111)) if c not in valid)

    fill_login(page, "analyst", PASSWORD, wrong)
    with page.expect_response(
        lambda r: r.url.endswith("/portal/login") and r.request.method == "POST"
    ) as sent:
        page.click("form[action='/portal/login'] button[type=submit]")
    assert sent.value.status == 401
    expect(page.locator("#login-error")).to_contain_text("The name, password or code is not right")
    assert page.url.endswith("/portal/login")
    assert not [c for c in page.context.cookies() if c["name"] == "tipline_session"]

    fill_login(page, "analyst", PASSWORD, person.code(0))
    with page.expect_navigation():
        page.click("form[action='/portal/login'] button[type=submit]")
    assert page.url.endswith("/portal/queue"), page.url
    expect(page.locator("h1")).to_have_text("Incoming reports")
    expect(page.locator("#login-error")).to_have_count(0)
    session = [c for c in page.context.cookies() if c["name"] == "tipline_session"]
    assert len(session) == 1
    assert session[0]["httpOnly"]
    assert session[0]["sameSite"] == "Strict"


def test_queue_order_and_htmx_filter(
    browser_sign_in: BrowserSignIn, client: TestClient, auth: dict[str, str], ctx: Context
) -> None:
    # (priority, minutes waiting): the queue is P1 before P2 before P3, the longest waiting first
    wanted = [("P2", 60), ("P1", 10), ("P3", 300), ("P1", 120), ("P2", 5)]
    ids: list[uuid.UUID] = []
    for n, (priority, minutes) in enumerate(wanted):
        r = client.post("/api/v1/reports", json=body(f"queue-{n}"), headers=auth)
        assert r.status_code == 201, r.text
        rid = uuid.UUID(r.json()["id"])
        set_assessment(ctx, rid, "assessed", priority)
        with ctx.unit() as session:
            session.execute(
                update(Assessment)
                .where(Assessment.report_id == rid)
                .values(received_at=utc_now() - timedelta(minutes=minutes))
            )
        ids.append(rid)
    expected = [str(ids[i]) for i in (3, 1, 0, 4, 2)]

    page = browser_sign_in("analyst")
    assert page.url.endswith("/portal/queue")
    rows = page.locator(ROWS)
    expect(rows).to_have_count(5)
    assert [rows.nth(i).get_attribute("data-report") for i in range(5)] == expected
    assert page.locator(f"{ROWS} td:first-child").all_inner_texts() == ["P1", "P1", "P2", "P2", "P3"]
    screenshot(page, "queue")

    page.evaluate("window.__notReloaded = 'still here'")
    with page.expect_response(lambda r: "priority=P2" in r.url) as filtered:
        page.select_option("#f-priority", "P2")
    assert filtered.value.request.headers.get("hx-request") == "true"
    expect(rows).to_have_count(2)
    assert [rows.nth(i).get_attribute("data-report") for i in range(2)] == [expected[2], expected[3]]
    # HTMX swapped the rows in place: same document, one table, the filter form still there
    assert page.evaluate("window.__notReloaded") == "still here"
    expect(page.locator("table.queue")).to_have_count(1)
    expect(page.locator("h1")).to_have_count(1)
    assert "priority=P2" in page.url  # hx-push-url
    assert page.locator("#f-priority").input_value() == "P2"


def test_report_view_shows_content_decisions_timeline(browser_sign_in: BrowserSignIn, case: Case) -> None:
    page = browser_sign_in("analyst")
    page.click(f"{ROWS}[data-report='{case.report_id}'] a")  # boosted link
    expect(page.locator("h1")).to_contain_text(str(case.report_id))
    assert page.url.endswith(f"/portal/reports/{case.report_id}")
    expect(page.locator("#priority")).to_have_text(re.compile(r"^(P1|P2|P3|INFO)$"))

    content = page.locator("#content")
    expect(content).to_contain_text("portal-1")
    expect(content).to_contain_text("sunny_day")
    expect(content).to_contain_text("Ich komme am Samstag in deine Stadt.")
    expect(content).to_contain_text("Example Police")

    decisions = page.locator("#decisions")
    expect(decisions.locator("ol.rules > li").first).to_be_visible()
    expect(decisions).to_contain_text("meeting_planned")
    expect(decisions.locator("ul.signals > li").first).to_contain_text("text.planned_meeting")

    kinds = page.locator("#timeline li strong").all_inner_texts()
    for kind in ("report.received", "report.finished", "report.assessed"):
        assert kind in kinds, kinds
    assert kinds.index("report.received") < kinds.index("report.assessed")
    expect(page.locator("#referrals tbody")).to_contain_text("(FR)")
    screenshot(page, "report")


def test_reveal_blurred_picture_with_reason(browser_sign_in: BrowserSignIn, case: Case, ctx: Context) -> None:
    page = browser_sign_in("analyst")
    page.goto(f"/portal/reports/{case.report_id}")
    slot = f"#slot-{case.file_id}"
    blurred = page.locator(f"{slot} img.evidence-blurred")
    expect(blurred).to_have_count(1)
    _wait_loaded(page, f"{slot} img.evidence-blurred")
    style = blurred.evaluate("img => getComputedStyle(img).filter")
    assert "blur(" in style, style
    assert "grayscale(" in style, style
    preview_src = blurred.get_attribute("src")
    assert preview_src
    assert _is_grey(_image(page, preview_src))
    expect(page.locator(f"{slot} img[data-revealed]")).to_have_count(0)

    # not viewed by the provider: the reason is required; the browser refuses the empty form
    reason = page.locator(f"#why-{case.file_id}")
    button = page.locator(f"{slot} form.reveal button[type=submit]")
    button.click()
    assert reason.evaluate("t => t.validity.valueMissing") is True
    expect(page.locator(f"{slot} img[data-revealed]")).to_have_count(0)
    with ctx.read() as session:
        assert not audit.search(session, action="evidence.revealed")

    page.evaluate("window.__notReloaded = 'still here'")
    reason.fill("checking whether the picture shows a child in danger")
    with page.expect_response(lambda r: r.url.endswith(f"/files/{case.file_id}/reveal")) as revealed:
        button.click()
    assert revealed.value.status == 200
    shown = page.locator(f"{slot} img[data-revealed=true]")
    expect(shown).to_have_count(1)
    expect(page.locator(f"{slot} img.evidence-blurred")).to_have_count(0)
    assert page.evaluate("window.__notReloaded") == "still here"  # swapped by HTMX
    _wait_loaded(page, f"{slot} img[data-revealed=true]")
    assert shown.evaluate("img => getComputedStyle(img).filter") == "none"
    full_src = shown.get_attribute("src")
    assert full_src
    picture = _image(page, full_src)
    assert picture.size == (128, 128)
    assert not _is_grey(picture)
    expect(page.locator("#exposure-today")).to_contain_text("Files you revealed today: 1.")  # out of band
    expect(page.locator("#exposure-today")).to_have_count(1)
    screenshot(page, "evidence-revealed")

    with ctx.read() as session:
        rows = [
            (r.actor, r.purpose, r.data)
            for r in audit.search(session, action="evidence.revealed", target=str(case.file_id))
        ]
    assert rows == [
        (
            f"user:{_user_id(ctx, 'analyst')}",
            "checking whether the picture shows a child in danger",
            {"report": str(case.report_id), "provider_viewed": False, "today": 1},
        )
    ]


def test_agency_a_records_an_outcome(browser_sign_in: BrowserSignIn, case: Case, ctx: Context) -> None:
    page = browser_sign_in("officer_a")
    page.goto(f"/portal/reports/{case.report_id}")
    status = page.locator("#referrals td.status")
    expect(status).to_have_count(1)
    if page.locator("#acknowledge").count():
        page.click("#acknowledge")
        expect(status).to_have_text("acknowledged")
        expect(page.locator("#acknowledge")).to_have_count(0)
    expect(page.locator("#outcome .outcome-recorded")).to_have_count(0)

    page.select_option("#oc-action", "investigation_opened")
    page.locator('[id="victims_identified.female.10-13"]').fill("1")
    page.locator('[id="victims_safeguarded.female.10-13"]').fill("1")
    page.fill("#oc-suspects_identified", "2")
    page.fill("#oc-suspects_arrested", "1")
    page.click("#save-outcome")

    recorded = page.locator("#outcome .outcome-recorded")
    expect(recorded).to_have_count(1)
    expect(recorded).to_contain_text("investigation_opened")
    expect(recorded).to_contain_text("2 identified, 1 arrested")
    expect(recorded).to_contain_text("10-13")
    expect(page.locator('[id="victims_identified.female.10-13"]')).to_have_value("1")
    screenshot(page, "outcome")

    with ctx.read() as session:
        outcome = session.scalars(select(Outcome).where(Outcome.referral_id == case.referral_a)).one()
        assert outcome.action == "investigation_opened"
        assert (outcome.suspects_identified, outcome.suspects_arrested) == (2, 1)
        assert outcome.victims_identified == {"female": {"10-13": 1}}
        assert outcome.updated_by == f"user:{_user_id(ctx, 'officer_a')}"


def test_agency_b_gets_not_found(browser_sign_in: BrowserSignIn, case: Case) -> None:
    page = browser_sign_in("officer_b")
    response = page.goto(f"/portal/reports/{case.report_id}")
    assert response is not None
    assert response.status == 404
    expect(page.locator("p.error")).to_have_text("Not found, or not yours to see.")
    assert "portal-1" not in page.content()
    assert page.context.request.get(f"/portal/files/{case.file_id}/preview").status == 404
    page.goto("/portal/queue")
    expect(page.locator(f"{ROWS}[data-report='{case.report_id}']")).to_have_count(0)


def test_auditor_verifies_the_chain(browser_sign_in: BrowserSignIn, ctx: Context) -> None:
    page = browser_sign_in("auditor")
    assert page.url.endswith("/portal/audit"), page.url
    expect(page.locator("table.audit tbody tr").first).to_be_visible()

    page.evaluate("window.__notReloaded = 'still here'")
    page.click("#verify")
    result = page.locator("#verification #chain-result")
    expect(result).to_have_text(re.compile(r"^The audit chain is intact: \d+ entries checked\.$"))
    checked = int(re.findall(r"\d+", result.inner_text())[0])
    assert checked >= 1
    assert page.evaluate("window.__notReloaded") == "still here"
    screenshot(page, "audit")

    # the same button finds a changed entry
    with ctx.unit() as session:
        session.execute(update(AuditRecord).where(AuditRecord.seq == 1).values(purpose="rewritten"))
    page.click("#verify")
    expect(result).to_contain_text("The audit chain is broken.")
    expect(page.locator("#verification")).to_contain_text("entry 1 was changed after it was written")
