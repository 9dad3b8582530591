"""Accessibility of the main pages, checked by axe-core (WCAG 2.0/2.1 A and AA rules) in Chromium:
labels, names, landmarks, contrast, ARIA use. Any violation of serious or critical impact fails."""

from __future__ import annotations

from pathlib import Path

from playwright.sync_api import Page

from tests.portal.browser.conftest import BrowserSignIn
from tests.portal.conftest import Case

AXE = (Path(__file__).parent / "vendor" / "axe.min.js").read_text()
RULES = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]


def violations(page: Page) -> list[dict[str, object]]:
    page.evaluate(AXE + "\n;0")  # evaluated through the debugging protocol: the page's CSP stays on
    found: list[dict[str, object]] = page.evaluate(
        """async (rules) => (await axe.run(document, {runOnly: {type: "tag", values: rules}})).violations
            .filter(v => v.impact === "serious" || v.impact === "critical")
            .map(v => ({id: v.id, impact: v.impact, help: v.help,
                        nodes: v.nodes.slice(0, 3).map(n => n.target)}))""",
        RULES,
    )
    return found


def test_main_pages_have_no_serious_violations(
    page: Page, browser_sign_in: BrowserSignIn, case: Case
) -> None:
    page.goto("/portal/login")
    found = {"login": violations(page)}
    analyst = browser_sign_in("analyst")
    found["queue"] = violations(analyst)
    analyst.goto(f"/portal/reports/{case.report_id}")
    found["report"] = violations(analyst)
    officer = browser_sign_in("officer_a")
    officer.goto(f"/portal/reports/{case.report_id}")
    found["report (officer, outcome form)"] = violations(officer)
    auditor = browser_sign_in("auditor")
    auditor.goto("/portal/audit")
    found["audit"] = violations(auditor)
    assert {page: v for page, v in found.items() if v} == {}


def test_the_check_finds_a_violation(page: Page) -> None:
    """The check itself works: an input without a label on the login page is reported."""
    page.goto("/portal/login")
    page.evaluate(
        "document.querySelector('main').insertAdjacentHTML('beforeend', '<input id=\"unlabelled\">')"
    )
    assert "label" in {v["id"] for v in violations(page)}
