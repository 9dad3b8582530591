"""The portal end to end in-process: sign in, queue, report, reveal, actions, audit."""

from __future__ import annotations

from tests.portal.conftest import Case, SignIn


def test_analyst_sees_queue_and_report(sign_in: SignIn, case: Case) -> None:
    c = sign_in("analyst")
    q = c.get("/portal/queue")
    assert q.status_code == 200
    assert str(case.report_id) in q.text
    r = c.get(f"/portal/reports/{case.report_id}")
    assert r.status_code == 200, r.text
    assert "portal-1" in r.text
    assert "evidence-blurred" in r.text


def test_officer_b_cannot_open_report(sign_in: SignIn, case: Case) -> None:
    c = sign_in("officer_b")
    assert c.get(f"/portal/reports/{case.report_id}").status_code == 404
    assert str(case.report_id) not in c.get("/portal/queue").text
    a = sign_in("officer_a")
    assert str(case.report_id) in a.get("/portal/queue").text
    assert a.get(f"/portal/reports/{case.report_id}").status_code == 200


def test_reveal_needs_a_reason_for_a_file_the_provider_did_not_view(sign_in: SignIn, case: Case, ctx) -> None:  # type: ignore[no-untyped-def]
    import io

    from PIL import Image

    from tipline.audit import service as audit

    c = sign_in("analyst")
    preview = c.get(f"/portal/files/{case.file_id}/preview")
    assert preview.status_code == 200
    image = Image.open(io.BytesIO(preview.content)).convert("RGB")
    assert all(r == g == b for r, g, b in image.get_flattened_data())  # greyscale
    refused = c.post(f"/portal/files/{case.file_id}/reveal", data={"csrf": c.csrf, "reason": " "})
    assert refused.status_code == 422
    shown = c.post(f"/portal/files/{case.file_id}/reveal", data={"csrf": c.csrf, "reason": "check the match"})
    assert shown.status_code == 200
    assert 'data-revealed="true"' in shown.text
    src = shown.text.split('src="')[1].split('"')[0]
    full = c.get(src)
    assert full.status_code == 200
    assert full.headers["content-type"] == "image/png"
    assert any(
        len({r, g, b}) > 1
        for r, g, b in Image.open(io.BytesIO(full.content)).convert("RGB").get_flattened_data()
    )
    other = sign_in("supervisor")
    assert other.get(src).status_code == 404  # a reveal is personal
    with ctx.read() as session:
        purposes = [r.purpose for r in audit.search(session, action="evidence.revealed")]
    assert purposes == ["check the match"]


def test_post_without_csrf_is_refused(sign_in: SignIn, case: Case) -> None:
    c = sign_in("analyst")
    r = c.post(f"/portal/files/{case.file_id}/reveal", data={"reason": "x"})
    assert r.status_code == 403


def test_analyst_actions_are_events(sign_in: SignIn, case: Case, ctx) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import select

    from tipline.models import ReportEvent

    c = sign_in("analyst")
    base = f"/portal/reports/{case.report_id}"
    r = c.post(
        f"{base}/priority",
        data={"csrf": c.csrf, "priority": "P1", "code": "new_information", "reason": "call"},
    )
    assert r.status_code == 303
    r = c.post(
        f"{base}/request-information", data={"csrf": c.csrf, "missing": ["location"], "reason": "where?"}
    )
    assert r.status_code == 303
    r = c.post(f"{base}/forward", data={"csrf": c.csrf, "agency": "AT", "reason": "an Austrian suspect"})
    assert r.status_code == 303, r.text
    page = c.get(base)
    assert 'id="priority">P1<' in page.text
    with ctx.read() as session:
        kinds = list(session.scalars(select(ReportEvent.kind).where(ReportEvent.report_id == case.report_id)))
    assert {"report.priority_overridden", "report.information_requested", "report.rerouted"} <= set(kinds)


def test_officer_acknowledges_holds_and_records_outcome(sign_in: SignIn, case: Case, client, auth) -> None:  # type: ignore[no-untyped-def]
    from datetime import timedelta

    from tipline.core.clock import utc_now

    c = sign_in("officer_a")
    r = c.post(f"/portal/referrals/{case.referral_a}/acknowledge", data={"csrf": c.csrf})
    assert r.status_code == 303, r.text
    until = (utc_now() + timedelta(days=200)).date().isoformat()
    too_late = (utc_now() + timedelta(days=600)).date().isoformat()
    bad = c.post(
        f"/portal/referrals/{case.referral_a}/holds",
        data={"csrf": c.csrf, "kind": "do_not_inform", "until": too_late, "reason": "investigation"},
    )
    assert bad.status_code == 422
    r = c.post(
        f"/portal/referrals/{case.referral_a}/holds",
        data={"csrf": c.csrf, "kind": "do_not_inform", "until": until, "reason": "investigation"},
    )
    assert r.status_code == 303, r.text
    status = client.get(f"/api/v1/reports/{case.report_id}", headers=auth).json()
    assert [h["kind"] for h in status["forwarding"]["holds"]] == ["do_not_inform"]
    form = {
        "csrf": c.csrf,
        "action": "investigation_opened",
        "victims_safeguarded.female.10-13": "1",
        "suspects_identified": "1",
        "suspects_arrested": "1",
        "offenders_prosecuted": "0",
        "offenders_convicted": "0",
    }
    r = c.post(f"/portal/referrals/{case.referral_a}/outcome", data=form)
    assert r.status_code == 303, r.text
    form["offenders_prosecuted"], form["offenders_convicted"] = "1", "2"
    assert c.post(f"/portal/referrals/{case.referral_a}/outcome", data=form).status_code == 422
    form["offenders_convicted"] = "1"
    assert c.post(f"/portal/referrals/{case.referral_a}/outcome", data=form).status_code == 303
    page = c.get(f"/portal/reports/{case.report_id}")
    assert "1 prosecuted, 1 convicted" in page.text
    b = sign_in("officer_b")
    assert (
        b.post(f"/portal/referrals/{case.referral_a}/outcome", data={**form, "csrf": b.csrf}).status_code
        == 404
    )


def test_auditor_verifies_the_chain(sign_in: SignIn, case: Case) -> None:
    c = sign_in("auditor")
    assert c.get("/portal/").headers["location"] == "/portal/audit"  # an auditor lands on the audit
    page = c.get("/portal/audit?action=auth.")
    assert page.status_code == 200
    assert "auth.signed_in" in page.text
    r = c.post("/portal/audit/verify", data={"csrf": c.csrf})
    assert "The audit chain is intact" in r.text


def test_signed_out_page_redirects_to_sign_in(portal_app) -> None:  # type: ignore[no-untyped-def]
    r = portal_app.get("/portal/queue", follow_redirects=False)
    assert r.status_code == 303
    assert r.headers["location"].startswith("/portal/login?next=")
