"""The statistics dashboard in a real browser, under the portal's CSP: the charts load and are drawn in
colour (an SVG whose styles were blocked would come out black), the page passes the accessibility
check, and law enforcement sees its own agency's figures."""

from __future__ import annotations

import io

import numpy as np
from PIL import Image
from playwright.sync_api import Page

from tests.portal.browser.conftest import BrowserSignIn, screenshot
from tests.portal.browser.test_accessibility import violations
from tests.portal.conftest import AGENCY_A, Case
from tipline.access.roles import Principal, Role
from tipline.casework import service as casework
from tipline.casework.schemas import OutcomeIn
from tipline.context import Context
from tipline.forwarding import service as forwarding
from tipline.models import User


def _record_outcome(ctx: Context, case: Case) -> None:
    with ctx.unit() as session:
        officer = session.query(User).filter_by(username="officer_a").one()
        agency = forwarding.get_agency(session, AGENCY_A)
        principal = Principal(officer.id, "officer_a", Role.le_officer, agency.id, AGENCY_A)
        outcome = {
            "action": "investigation_opened",
            "victims_identified": {"female": {"10-13": 2}},
            "victims_safeguarded": {"female": {"10-13": 1}},
            "suspects_identified": 1,
            "suspects_arrested": 1,
        }
        casework.record_outcome(session, principal, case.referral_a, OutcomeIn.model_validate(outcome))


def test_dashboard_draws_its_charts_under_the_csp(
    browser_sign_in: BrowserSignIn, case: Case, ctx: Context
) -> None:
    _record_outcome(ctx, case)
    analyst = browser_sign_in("analyst")
    errors: list[str] = []
    analyst.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    analyst.goto("/portal/statistics")
    charts = analyst.locator("figure.chart img")
    assert charts.count() == 5
    for i in range(charts.count()):
        image = charts.nth(i)
        analyst.wait_for_function("i => i.complete && i.naturalWidth > 0", arg=image.element_handle())
        assert image.get_attribute("alt")
        drawn = np.asarray(Image.open(io.BytesIO(image.screenshot())).convert("RGB")).reshape(-1, 3)
        colours = {tuple(int(v) for v in px) for px in drawn[:: max(1, len(drawn) // 20000)]}
        dark = float((drawn.sum(axis=1) < 60).mean())
        assert len(colours) > 8, f"chart {i} is flat"
        assert dark < 0.5, f"chart {i} is mostly black: its styles were not applied"
    assert not [e for e in errors if "Content Security Policy" in e]
    screenshot(analyst, "statistics")
    assert violations(analyst) == []


def test_law_enforcement_dashboard_is_scoped(browser_sign_in: BrowserSignIn, case: Case) -> None:
    officer = browser_sign_in("officer_b")
    officer.goto("/portal/statistics")
    assert "Reports forwarded to NL only." in officer.content()
    received = officer.locator("ul.headline li").first.locator(".figure").inner_text()
    assert received == "0"


def test_narrative_review_page_is_accessible(
    browser_sign_in: BrowserSignIn, page: Page, ctx: Context
) -> None:
    from pathlib import Path

    from tipline.outcomes.importer import import_document

    text = (Path(__file__).parents[2] / "statistics" / "data" / "made-up-cases.txt").read_text()
    with ctx.unit() as session:
        import_document(session, text, "made-up-cases.txt", actor="test")
    analyst = browser_sign_in("analyst")
    analyst.goto("/portal/narratives")
    assert "Malta" in analyst.content()
    screenshot(analyst, "narratives")
    assert violations(analyst) == []
