"""The statistics dashboard, its CSV exports, scorecards (portal and API), and the review of imported
narratives, through the portal as its users see it."""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from tests.conftest import TEST_KEY
from tests.portal.conftest import Case, SignIn
from tipline.cli.main import app as cli
from tipline.config import Settings, get_settings
from tipline.context import Context
from tipline.models import AuditRecord, NarrativeCase

MADE_UP = Path(__file__).parent / "data" / "made-up-cases.txt"


def _csv(c: TestClient, url: str) -> list[dict[str, str]]:
    r = c.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/csv")
    assert "attachment" in r.headers["content-disposition"]
    return list(csv.DictReader(io.StringIO(r.text)))


def test_analyst_dashboard_shows_charts_and_tables(sign_in: SignIn, case: Case, ctx: Context) -> None:
    c = sign_in("analyst")
    page = c.get("/portal/statistics")
    assert page.status_code == 200, page.text
    assert "All reports." in page.text
    assert page.text.count('src="data:image/svg+xml;base64,') == 5  # funnel, months, states, delays, victims
    assert 'alt="Outcome funnel' in page.text or "alt=" in page.text
    states = _csv(c, "/portal/statistics/forwarded_by_state.csv")
    assert "FR" in {row["state"] for row in states}
    months = _csv(c, "/portal/statistics/by_month.csv")
    assert sum(int(row["received"]) for row in months) == 1
    with ctx.read() as session:
        actions = set(session.scalars(select(AuditRecord.action)))
    assert {"statistics.viewed", "statistics.exported"} <= actions


def test_law_enforcement_sees_only_its_agency(sign_in: SignIn, case: Case) -> None:
    a = sign_in("officer_a")
    page = a.get("/portal/statistics")
    assert page.status_code == 200
    assert "Reports forwarded to FR only." in page.text
    assert sum(int(r["received"]) for r in _csv(a, "/portal/statistics/by_month.csv")) == 1
    b = sign_in("officer_b")
    assert sum(int(r["received"]) for r in _csv(b, "/portal/statistics/by_month.csv")) == 0
    assert {r["state"] for r in _csv(b, "/portal/statistics/forwarded_by_state.csv")} <= {"NL"}
    assert b.get("/portal/scorecards").status_code == 403  # scorecards are the clearinghouse's


def test_unknown_tables_and_bad_periods_are_refused(sign_in: SignIn) -> None:
    c = sign_in("analyst")
    assert c.get("/portal/statistics/nothing.csv").status_code == 404
    assert c.get("/portal/statistics/provider_scorecards.csv").status_code == 404  # own page and permission
    assert c.get("/portal/statistics?start=2025-02-01&end=2025-01-01").status_code == 422
    assert c.get("/portal/statistics?start=yesterday").status_code == 422


def test_outcomes_recorded_in_the_portal_reach_the_funnel(sign_in: SignIn, case: Case) -> None:
    officer = sign_in("officer_a")
    form = {
        "csrf": officer.csrf,
        "action": "investigation_opened",
        "victims_identified.female.10-13": "2",
        "victims_safeguarded.female.10-13": "1",
        "suspects_identified": "1",
        "suspects_arrested": "1",
        "offenders_prosecuted": "1",
        "offenders_convicted": "1",
    }
    r = officer.post(f"/portal/referrals/{case.referral_a}/outcome", data=form)
    assert r.status_code in (200, 303), r.text
    analyst = sign_in("analyst")
    funnel = {(r["state"], r["source"]): r for r in _csv(analyst, "/portal/statistics/funnel_by_state.csv")}
    fr = funnel[("FR", "recorded")]
    assert (fr["investigated"], fr["victims_identified"], fr["victims_safeguarded"]) == ("1", "2", "1")
    assert (fr["suspects_arrested"], fr["offenders_prosecuted"], fr["offenders_convicted"]) == ("1", "1", "1")
    victims = _csv(analyst, "/portal/statistics/victims.csv")
    assert victims == [{"sex": "female", "age": "10-13", "identified": "2", "safeguarded": "1"}]


def test_scorecards_for_staff_and_for_the_provider_itself(
    sign_in: SignIn, case: Case, client: TestClient, auth: dict[str, str], other_auth: dict[str, str]
) -> None:
    c = sign_in("supervisor")
    page = c.get("/portal/scorecards")
    assert page.status_code == 200
    assert "Example Chat" in page.text
    rows = _csv(c, "/portal/scorecards.csv")
    assert [r["provider"] for r in rows] == ["Example Chat"]
    own = client.get("/api/v1/scorecard", headers=auth)
    assert own.status_code == 200, own.text
    assert own.json()["reports"] == 1
    assert own.json()["referrals"] >= 1
    other = client.get("/api/v1/scorecard", headers=other_auth).json()
    assert other["reports"] == 0  # another provider sees its own (empty) figures, never Example Chat's
    assert client.get("/api/v1/scorecard?start=2025-02-01&end=2025-01-01", headers=auth).status_code == 422
    assert client.get("/api/v1/scorecard").status_code == 401


@pytest.fixture
def same_database(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """Commands run in this test use the test's database."""
    for name in [n for n in os.environ if n.startswith("TIPLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", str(settings.database_url))
    monkeypatch.setenv("TIPLINE_ENCRYPTION_KEY", TEST_KEY)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


def test_imported_narratives_wait_for_review_and_count_once_confirmed(
    sign_in: SignIn, ctx: Context, same_database: None
) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["outcomes", "import", str(MADE_UP)])
    assert first.exit_code == 0, first.output
    assert "2 cases imported" in first.output
    assert "dated 2023-12-31" in first.output
    again = runner.invoke(cli, ["outcomes", "import", str(MADE_UP)])
    assert again.exit_code == 0
    assert "nothing changed" in again.output
    missing = runner.invoke(cli, ["outcomes", "import", "/nonexistent/cases.txt"])
    assert missing.exit_code == 2

    with ctx.read() as session:
        cases = session.scalars(select(NarrativeCase).order_by(NarrativeCase.seq)).all()
        assert [c.state for c in cases] == ["MT", "MT"]
        waiting = {(c.id, name) for c in cases for name, f in c.fields.items() if f["review"]}
        assert waiting  # the parser is unsure of some fields
    analyst = sign_in("analyst")
    page = analyst.get("/portal/narratives")
    assert page.status_code == 200
    assert "Malta" in page.text
    case_id, field = sorted(waiting)[0]
    bad = analyst.post(
        f"/portal/narratives/{case_id}/confirm",
        data={"csrf": analyst.csrf, "field": field, "value": "many"},
    )
    assert bad.status_code == 422
    ok = analyst.post(
        f"/portal/narratives/{case_id}/confirm",
        data={"csrf": analyst.csrf, "field": field, "value": "3"},
    )
    assert ok.status_code == 303, ok.text
    with ctx.read() as session:
        confirmed = session.get(NarrativeCase, case_id)
        assert confirmed is not None
        assert confirmed.confirmed[field]["value"] == 3
        assert confirmed.confirmed[field]["corrected"] is True
        assert confirmed.pending_review == sum(
            1 for n, f in confirmed.fields.items() if f["review"] and n != field
        )
        assert "narratives.confirmed" in set(session.scalars(select(AuditRecord.action)))
    stats = analyst.get("/portal/statistics?start=2023-01-01&end=2023-12-31")
    assert stats.status_code == 200
    assert "imported case narratives" in stats.text
    funnel = _csv(analyst, "/portal/statistics/funnel_by_state.csv?start=2023-01-01&end=2023-12-31")
    assert {(r["state"], r["source"]) for r in funnel} == {("MT", "imported")}


def test_report_prepare_keeps_old_months(sign_in: SignIn, world: object, same_database: None) -> None:
    runner = CliRunner()
    first = runner.invoke(cli, ["report", "prepare", "--since", "2025-01-01"])
    assert first.exit_code == 0, first.output
    assert "already kept" in first.output
    computed = int(first.output.split(" months computed")[0])
    assert computed >= 12  # every whole month of 2025 at least
    again = runner.invoke(cli, ["report", "prepare", "--since", "2025-01-01"])
    assert again.output.startswith("0 months computed and kept")
    assert runner.invoke(cli, ["report", "prepare", "--since", "someday"]).exit_code == 2
