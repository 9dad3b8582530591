"""The annual transparency report: HTML and PDF render, with the figures; and no identifier of any
report, person, account, e-mail address, phone number or IP address is in it (HTML, PDF text, PDF
bytes, CSV tables), from a database filled through the real pipeline."""

from __future__ import annotations

import html
import io
import re
import secrets
from collections.abc import Callable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import phonenumbers
import pypdf
import pytest
import typer
from fastapi.testclient import TestClient
from sqlalchemy import select
from typer.testing import CliRunner

from tests.conftest import TEST_KEY
from tests.factories.reports import rich
from tests.portal.conftest import AGENCY_A, Case, Person
from tests.statistics.samples import full
from tipline.access.roles import Principal, Role
from tipline.casework import service as casework
from tipline.casework.schemas import OutcomeIn
from tipline.cli.report import report_app
from tipline.config import Settings, get_settings
from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.forwarding import service as forwarding
from tipline.models import ApiKey, Provider, Referral, Report, ReportFile, User
from tipline.statistics import annual, service
from tipline.statistics.publish import publish
from tipline.statistics.schemas import ColumnKind, Period, Statistics

WHEN = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
SENTENCE = "zq-sentence: three years for the offender in Lyon"


def pdf_text(data: bytes) -> tuple[int, str]:
    reader = pypdf.PdfReader(io.BytesIO(data))
    return len(reader.pages), "\n".join(page.extract_text() for page in reader.pages)


# --- rendering -----------------------------------------------------------------------------------


class TestRender:
    def test_html_is_standalone_and_has_every_section(self) -> None:
        page = annual.render_html(full(), below=10, generated_at=WHEN, publisher="Example Centre")
        assert page.startswith("<!DOCTYPE html>")
        assert "<title>tipline annual transparency report 2025</title>" in page
        assert "<script" not in page.lower()
        assert not re.search(r"""(src|href)=["']?(https?:|//)""", page)  # no external resource
        assert "@import" not in page
        assert not re.search(r"url\((?!#)", page)  # only references inside the page (SVG clip paths)
        for title in (
            "Reports received",
            "Reports forwarded, by Member State",
            "What the reports concern",
            "Manifestly unfounded reports",
            "Reports assessed by the authorities as not an offence",
            "Items reported more than once",
            "Timeliness",
            "What forwarded reports led to",
            "Victims identified and safeguarded",
            "Methods",
        ):
            assert f">{title}</h2>" in page, title
        assert page.count("<svg") == 6
        assert 'role="img"' in page
        assert "1,746" in page  # the headline: reports received
        assert "&lt; 10" in page  # a small count, withheld
        assert ">withheld<" in page  # a secondary suppression
        assert 'class="imported"' in page  # the imported funnel row is marked
        assert "France (FR)" in page
        assert "Counts below 10" in page or "Any count from 1 to 9" in page

    def test_html_escapes_labels(self) -> None:
        s = full()
        s.tables["received_by_provider"].rows[0][0] = "<b>Evil</b> & Co"
        page = annual.render_html(s, below=10, generated_at=WHEN, publisher="<i>Pub</i>")
        assert "<b>Evil</b>" not in page
        assert "&lt;b&gt;Evil&lt;/b&gt; &amp; Co" in page
        assert "<i>Pub</i>" not in page

    def test_pdf_opens_has_pages_and_the_headline_figures(self) -> None:
        data = annual.render_pdf(full(), below=10, generated_at=WHEN, publisher="Example Centre")
        assert data.startswith(b"%PDF")
        pages, text = pdf_text(data)
        assert pages >= 5
        assert "tipline annual transparency report 2025" in text
        for figure in ("1,746", "954", "114", "43", "35"):
            assert figure in text
        assert "< 10" in text
        assert "Methods" in text
        assert f"page 1 of {pages}" in text

    def test_a_published_copy_with_another_threshold_is_refused(self) -> None:
        with pytest.raises(ValueError, match="another threshold"):
            annual.render_html(publish(full(), 5), below=10, generated_at=WHEN, publisher="x")

    def test_an_empty_year_renders(self) -> None:
        empty = Statistics(Period.year(2024), "all", WHEN, {}, {"reports_received": 0})
        page = annual.render_html(empty, below=10, generated_at=WHEN, publisher="x")
        assert "Methods" in page
        assert annual.render_pdf(empty, below=10, generated_at=WHEN, publisher="x").startswith(b"%PDF")


# --- the pipeline: a database with identifiers in it -----------------------------------------------


def body(k: int) -> dict[str, Any]:
    """A rich report whose every identifier is distinct (k = 1, 2, 3)."""
    b = rich(provider_report_id=f"zq-prid-{k}-{secrets.token_hex(3)}")
    b["submitted_at"] = utc_now().isoformat()
    b["incident"]["time"] = utc_now().isoformat()
    person = b["reported_persons"][0]
    person.update(
        provider_user_id=f"zq-account-{k}",
        screen_name=f"zq_screen_{k}",
        display_names=[f"Zqadrian Person{k}"],
        emails=[{"address": f"Zq.Person{k}@mail{k}.example", "verified": True}],
        phones=[{"number": f"0151 7{k}4 3210{k}", "country_calling_code": "+49"}],
        ip_events=[
            {
                "ip": f"84.128.{10 + k}.{70 + k}",
                "port": 50000 + k,
                "event": "upload",
                "at": utc_now().isoformat(),
            },
            {"ip": f"2001:db8::{k}a{k}", "event": "login"},
        ],
        device_ids=[{"type": "IMEI", "value": f"49015420323{k}51{k}", "event": "login"}],
        prior_reports=[{"system": "ncmec", "id": f"CT-zq-{k}"}],
        associated_accounts=[{"account_type": "linked", "screen_name": f"zq_linked_{k}"}],
    )
    b["intended_recipients"] = [{"ref": "recipient", "screen_name": f"zq_recipient_{k}"}]
    b["legal_representative"]["name"] = f"Zqrep Legal{k}"
    b["legal_representative"]["email"] = f"zq.rep{k}@rep.example"
    b["reporter"] = {"name": f"Zqreporter Name{k}", "email": f"zq.reporter{k}@provider.example"}
    b["law_enforcement"]["case_number"] = f"ZQ-CASE-{k}"
    b["flags"]["reported_elsewhere"][0]["reference"] = f"CT-ref-zq{k}"
    b["flags"]["urgent_reason"] = f"zq urgent: meeting planned at the Zqplace{k} school"
    b["texts"][0]["content"] = f"Zqtext {k}: user sent images to a minor."
    b["texts"][1]["messages"][0]["text"] = f"Zqchat {k}: Ich komme am Samstag."
    f = b["files"][0]
    f["hashes"] = {
        "md5": secrets.token_hex(16),
        "sha1": secrets.token_hex(20),
        "sha256": secrets.token_hex(32),
        "pdq": secrets.token_hex(32),
        "pdq_quality": 90,
    }
    f["filename"] = f"zq-file-{k}.jpg"
    return b


def identifiers_in(b: dict[str, Any]) -> set[str]:
    """What in a report body identifies a report, a person or an account."""
    out: set[str] = {b["provider_report_id"]}
    for person in b.get("reported_persons", []):
        out |= {
            person.get("provider_user_id", ""),
            person.get("screen_name", ""),
            *person.get("display_names", []),
        }
        for email in person.get("emails", []):
            out |= {email["address"], email["address"].lower()}
        for phone in person.get("phones", []):
            number = phone["number"]
            digits = re.sub(r"\D", "", number)
            e164 = phonenumbers.format_number(
                phonenumbers.parse(phone.get("country_calling_code", "") + digits.lstrip("0")),
                phonenumbers.PhoneNumberFormat.E164,
            )
            out |= {number, digits, e164, e164.lstrip("+")}
        out |= {e["ip"] for e in person.get("ip_events", [])}
        out |= {d["value"] for d in person.get("device_ids", [])}
        out |= {p["id"] for p in person.get("prior_reports", [])}
        out |= {a["screen_name"] for a in person.get("associated_accounts", [])}
    out |= {r["screen_name"] for r in b.get("intended_recipients", [])}
    for who in ("legal_representative", "reporter"):
        if who in b:
            out |= {b[who].get("name", ""), b[who].get("email", "")}
    out.add(b.get("law_enforcement", {}).get("case_number", ""))
    out |= {r["reference"] for r in b.get("flags", {}).get("reported_elsewhere", [])}
    out.add(b.get("flags", {}).get("urgent_reason", ""))
    for text in b.get("texts", []):
        out.add(text.get("content", ""))
        out |= {m["text"] for m in text.get("messages", [])}
    for f in b.get("files", []):
        out |= {v for k, v in f.get("hashes", {}).items() if isinstance(v, str)}
        out.add(f.get("filename", ""))
    return {x for x in out if x}


@pytest.fixture
def pipeline(
    case: Case,
    client: TestClient,
    auth: dict[str, str],
    ctx: Context,
    people: dict[str, Person],
    run_jobs: Callable[[], int],
) -> set[str]:
    """The portal's case (forwarded to FR) and three more rich reports through intake, matching,
    assessment, linking, jurisdiction and routing; every referral to FR gets an outcome with victims.
    Returns every identifier the database holds."""
    bodies = [rich(provider_report_id="portal-1")]
    bodies[0]["files"] = []
    for k in (1, 2, 3):
        b = body(k)
        r = client.post("/api/v1/reports", json=b, headers=auth)
        assert r.status_code in (200, 201), r.text
        assert client.post(f"/api/v1/reports/{r.json()['id']}/finish", headers=auth).status_code == 200
        bodies.append(b)
    run_jobs()
    with ctx.unit() as session:
        agency = forwarding.get_agency(session, AGENCY_A)
        for report_id in session.scalars(select(Report.id)).all():
            if (
                session.scalars(
                    select(Referral).where(Referral.report_id == report_id, Referral.agency_id == agency.id)
                ).first()
                is None
            ):
                forwarding.add_agency_to_report(session, report_id, AGENCY_A, actor="test")
    with ctx.unit() as session:
        user = session.scalars(select(User).where(User.username == "officer_a")).one()
        officer = Principal(user.id, user.username, Role.le_officer, agency.id, agency.code)
        referrals = session.scalars(select(Referral.id).where(Referral.agency_id == agency.id)).all()
        for referral_id in referrals:
            casework.record_outcome(
                session,
                officer,
                referral_id,
                OutcomeIn.model_validate(
                    {
                        "action": "investigation_opened",
                        "victims_identified": {"female": {"10-13": 2}},
                        "victims_safeguarded": {"female": {"10-13": 1}},
                        "suspects_arrested": 1,
                        "offenders_prosecuted": 1,
                        "offenders_convicted": 1,
                        "sentence": SENTENCE,
                    }
                ),
            )
    run_jobs()
    found: set[str] = set()
    for b in bodies:
        found |= identifiers_in(b)
    with ctx.read() as session:
        for rid, prid in session.execute(select(Report.id, Report.provider_report_id)):
            found |= {str(rid), rid.hex, prid}
        for row in session.execute(
            select(ReportFile.id, ReportFile.md5, ReportFile.sha1, ReportFile.sha256, ReportFile.pdq)
        ):
            found |= {str(v) for v in row if v is not None}
        for uid, username in session.execute(select(User.id, User.username)):
            found.add(str(uid))
            if username not in {r.value for r in Role} and username != "admin":
                found.add(username)  # a role's name as a username is a word, not an identifier
        found |= set(session.scalars(select(ApiKey.prefix)))
        found |= {str(p) for p in session.scalars(select(Provider.id))}
        found |= {str(r) for r in session.scalars(select(Referral.id))}
    found.add(SENTENCE)
    assert len(found) > 100
    return found


def leaks(identifiers: set[str], text: str) -> list[str]:
    return sorted(i for i in identifiers if i in text or html.escape(i) in text)


def raw_leaks(identifiers: set[str], data: bytes) -> list[str]:
    """Identifiers in a PDF's raw bytes. Compressed streams hold every short byte string somewhere
    (a 3-character case number turns up by chance in one PDF of a few dozen), so raw bytes are
    searched for identifiers of 8 characters or more; the extracted text is searched for all."""
    return leaks({i for i in identifiers if len(i) >= 8}, data.decode("latin-1"))


class TestNoIdentifier:
    def test_not_in_the_html_pdf_or_csv(self, ctx: Context, pipeline: set[str], tmp_path: Path) -> None:
        year = utc_now().year
        with ctx.read() as session:
            stats = service.compute(session, Period.year(year))
        assert stats.headline["reports_received"] == 4
        assert stats.headline["victims_identified"]
        for below in (1, 10):  # 1: nothing withheld, every figure and label shown
            page = annual.render_html(stats, below=below, generated_at=WHEN, publisher="Example Centre")
            assert leaks(pipeline, page) == []
            assert leaks(pipeline, html.unescape(page)) == []
            data = annual.render_pdf(stats, below=below, generated_at=WHEN, publisher="Example Centre")
            pages, text = pdf_text(data)
            assert pages >= 3
            assert leaks(pipeline, text) == []
            assert raw_leaks(pipeline, data) == []
            p = publish(stats, below)
            for name in p.stats.tables:
                assert leaks(pipeline, p.csv(name)) == [], name
            assert leaks(pipeline, p.headline_csv()) == []
        page = annual.render_html(stats, below=1, generated_at=WHEN, publisher="Example Centre")
        assert ">4</span>Reports received" in page  # the pipeline's figures are in it
        assert "Example Chat" in page  # a provider (an organisation) is named

    def test_no_label_is_an_identifier(self, ctx: Context, pipeline: set[str]) -> None:
        with ctx.read() as session:
            stats = service.compute(session, Period.year(utc_now().year))
            providers = set(session.scalars(select(Provider.name)))
        for t in stats.tables.values():
            for column in t.columns:
                if column.kind is not ColumnKind.label:
                    continue
                for label in t.column(column.name):
                    assert not any(i in str(label) for i in pipeline), (t.name, column.name)
                    if column.name == "provider":
                        assert label in providers or label in ("(removed provider)", "(not stated)")


# --- the command ---------------------------------------------------------------------------------


@pytest.fixture
def env(settings: Settings, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(settings.data_dir))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", settings.database_url)
    monkeypatch.setenv("TIPLINE_ENCRYPTION_KEY", TEST_KEY)
    get_settings.cache_clear()
    yield
    get_settings.cache_clear()


tipline = typer.Typer()  # as cli/main.py mounts it
tipline.add_typer(report_app, name="report")


class TestCommand:
    def test_writes_html_pdf_and_tables(self, env: None, pipeline: set[str], tmp_path: Path) -> None:
        year = utc_now().year
        out = tmp_path / "out" / "annual"
        result = CliRunner().invoke(
            tipline,
            ["report", "annual", "--year", str(year), "--out", str(out), "--publisher", "Example Centre"],
        )
        assert result.exit_code == 0, (result.stdout, result.stderr, result.exception)
        html_path, pdf_path = out / f"tipline-annual-{year}.html", out / f"tipline-annual-{year}.pdf"
        assert str(html_path) in result.stdout
        assert str(pdf_path) in result.stdout
        assert "is not over" in result.stderr
        assert "values withheld" in result.stderr
        page = html_path.read_text(encoding="utf-8")
        assert "Example Centre" in page
        assert "&lt; 10" in page  # the default threshold: 4 reports are fewer than 10
        assert pdf_path.read_bytes().startswith(b"%PDF")
        tables = {p.name for p in (out / "tables").iterdir()}
        assert {"headline.csv", "by_month.csv", "forwarded_by_state.csv", "victims.csv"} <= tables
        head = (out / "tables" / "headline.csv").read_text()
        assert "reports_received,,< 10" in head
        for path in [html_path, *(out / "tables").iterdir()]:
            assert leaks(pipeline, path.read_text(encoding="utf-8")) == []
        assert raw_leaks(pipeline, pdf_path.read_bytes()) == []

    def test_a_future_year_is_refused(self, env: None, tmp_path: Path) -> None:
        out = tmp_path / "never"
        result = CliRunner().invoke(
            tipline, ["report", "annual", "--year", str(utc_now().year + 1), "--out", str(out)]
        )
        assert result.exit_code == 2
        assert "has not begun" in result.stderr
        assert not out.exists()

    def test_the_threshold_option(self, env: None, ctx: Context, tmp_path: Path) -> None:
        result = CliRunner().invoke(
            tipline,
            ["report", "annual", "--year", "2020", "--out", str(tmp_path / "x"), "--suppress-below", "0"],
        )
        assert result.exit_code == 2  # at least 1
