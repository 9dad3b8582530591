"""Statistics against a small world whose every figure is known: reports of two providers in 2025 (and
one on each side of the year's edges), assessments, referrals with set delays, outcomes, files, items,
and one imported narrative case."""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import select

from tipline.context import Context
from tipline.forwarding import service as forwarding
from tipline.models import (
    Agency,
    Assessment,
    Item,
    ItemSighting,
    NarrativeCase,
    NarrativeImport,
    Outcome,
    Referral,
    Report,
    ReportFile,
)
from tipline.outcomes import review
from tipline.providers import service as providers
from tipline.statistics import service
from tipline.statistics.schemas import Period, Statistics

YEAR = Period.year(2025)
T0 = datetime(2025, 3, 10, 12, 0, tzinfo=UTC)


@dataclass
class World:
    big: uuid.UUID
    small: uuid.UUID
    fr: uuid.UUID
    nl: uuid.UUID
    europol: uuid.UUID
    case_id: int


def _report(provider: uuid.UUID, at: datetime, *, service_type: str = "messaging", **kw: Any) -> Report:
    rid = uuid.uuid4()
    return Report(
        id=rid,
        provider_id=provider,
        provider_report_id=f"p-{rid.hex}",
        schema_version="1.0",
        status=kw.pop("status", "assessed"),
        content_digest="0" * 64,
        content_sealed=b"x",
        incident_categories=kw.pop("categories", ["known_material"]),
        incident_time=at,
        service_type=service_type,
        provider_urgent=False,
        received_at=at,
        finished_at=at,
    )


def _assessment(report: Report, priority: str, **kw: Any) -> Assessment:
    return Assessment(
        report_id=report.id,
        provider_id=report.provider_id,
        state=kw.pop("state", "assessed"),
        priority=priority,
        rank={"P1": 1, "P2": 2, "P3": 3}.get(priority, 4),
        auto_priority=priority,
        provider_urgent=False,
        reasons=[],
        signal_kinds=[],
        unfounded_reasons=kw.pop("unfounded", []),
        missing=[],
        signals_sealed=b"x",
        received_at=report.received_at,
        **kw,
    )


def _referral(report: Report, agency: uuid.UUID, priority: str, after: timedelta, **kw: Any) -> Referral:
    return Referral(
        id=uuid.uuid4(),
        report_id=report.id,
        agency_id=agency,
        provider_id=report.provider_id,
        report_received_at=report.received_at,
        status=kw.pop("status", "sent"),
        urgent=False,
        priority=priority,
        rank=1,
        reason="jurisdiction",
        cause="assessed",
        basis={},
        created_by="test",
        sent_at=report.received_at + after,
        **kw,
    )


@pytest.fixture
def world(ctx: Context) -> World:
    with ctx.unit() as session:
        forwarding.seed_agencies(session)
        big, _ = providers.add_provider(session, "Big Chat")
        small, _ = providers.add_provider(session, "Small Photos")
        codes = {a.code: a.id for a in session.scalars(select(Agency))}
        fr, nl, europol = codes["FR"], codes["NL"], codes[forwarding.EUROPOL]
        rows: list[Any] = []
        # Big Chat: 6 reports in 2025. r0..r3 forwarded (P1 x2, P2, P3), r4 unfounded, r5 incomplete
        # and answered 30 hours later.
        r = [_report(big.id, T0 + timedelta(days=i)) for i in range(6)]
        r[1].incident_categories = ["solicitation"]
        s0 = _report(small.id, T0, service_type="hosting")
        before = _report(small.id, datetime(2024, 12, 31, 23, 59, tzinfo=UTC))
        after = _report(small.id, datetime(2026, 1, 1, tzinfo=UTC))
        session.add_all([*r, s0, before, after])
        session.flush()  # reports before what points at them
        rows += [
            _assessment(r[0], "P1"),
            _assessment(r[1], "P1"),
            _assessment(r[2], "P2"),
            _assessment(r[3], "P3"),
            _assessment(r[4], "INFO", state="unfounded", unfounded=["duplicate", "no_content"]),
            _assessment(
                r[5],
                "P3",
                state="incomplete",
                information_requested_at=r[5].received_at,
                information_answered_at=r[5].received_at + timedelta(hours=30),
            ),
        ]
        # delays to forwarding: P1 10 and 20 minutes; P2 3 hours; P3 2 days
        ack = timedelta(hours=2)
        f0 = _referral(r[0], fr, "P1", timedelta(minutes=10), status="acknowledged")
        f0.acknowledged_at = f0.sent_at + ack
        f1 = _referral(r[1], fr, "P1", timedelta(minutes=20), status="acknowledged")
        f1.acknowledged_at = f1.sent_at + ack
        f2 = _referral(r[2], nl, "P2", timedelta(hours=3), status="declined", decline_reason="not_an_offence")
        f3 = _referral(r[3], europol, "P3", timedelta(days=2))
        rows += [f0, f1, f2, f3]
        # Small Photos: one hosting report forwarded to FR, one report in 2024 and one at 2026-01-01
        rows += [_assessment(s0, "P2"), _assessment(before, "P2"), _assessment(after, "P2")]
        g0 = _referral(s0, fr, "P2", timedelta(hours=1), status="acknowledged")
        g0.acknowledged_at = g0.sent_at + timedelta(hours=10)
        rows += [
            g0,
            _referral(before, fr, "P2", timedelta(hours=1)),
            _referral(after, fr, "P2", timedelta(hours=1)),
        ]
        session.add_all([x for x in rows if isinstance(x, Assessment)])
        session.add_all([x for x in rows if isinstance(x, Referral)])
        session.flush()
        # outcomes: f0 an investigation with two girls of 10-13 identified, one safeguarded, one
        # arrest, one prosecution and conviction; g0 no action
        session.add_all(
            [
                Outcome(
                    referral_id=f0.id,
                    report_id=r[0].id,
                    agency_id=fr,
                    action="investigation_opened",
                    victims_identified={"female": {"10-13": 2}},
                    victims_safeguarded={"female": {"10-13": 1}},
                    suspects_identified=1,
                    suspects_arrested=1,
                    offenders_prosecuted=1,
                    offenders_convicted=1,
                    updated_by="test",
                ),
                Outcome(
                    referral_id=g0.id,
                    report_id=s0.id,
                    agency_id=fr,
                    action="no_action",
                    no_action_reason="x",
                    updated_by="test",
                ),
            ]
        )
        # files: r0 one known + one unknown file, s0 one allowlisted; an item reported in r0 (3 times)
        # and r1 (once), another only in r2
        files = [("known", r[0]), ("unknown", r[0]), ("allowlisted", s0)]
        for n, (cls, rep) in enumerate(files):
            session.add(
                ReportFile(
                    report_id=rep.id,
                    position=n,
                    ref=f"f{n}",
                    state="received",
                    classification=cls,
                    received_at=rep.received_at,
                )
            )
        i1 = Item(key="i1", first_seen=T0, last_seen=T0, reports=2, occurrences=4)
        i2 = Item(key="i2", first_seen=T0, last_seen=T0, reports=1, occurrences=1)
        session.add_all([i1, i2])
        session.flush()
        session.add_all(
            [
                ItemSighting(item_id=i1.id, report_id=r[0].id, seen_at=T0, occurrences=3, accounts=[]),
                ItemSighting(item_id=i1.id, report_id=r[1].id, seen_at=T0, occurrences=1, accounts=[]),
                ItemSighting(item_id=i2.id, report_id=r[2].id, seen_at=T0, occurrences=1, accounts=[]),
            ]
        )
        # one imported narrative case in France: victims 3 (sure), safeguarded 2 (unsure: needs review)
        imp = NarrativeImport(name="cases.txt", sha256="a" * 64, dated=T0, imported_by="test", cases=1)
        session.add(imp)
        session.flush()
        case = NarrativeCase(
            import_id=imp.id,
            seq=1,
            part="table",
            country="France",
            state="FR",
            dated=T0,
            first_line="Law enforcement of France received ...",
            fields={
                "providers": {"value": ["Big Chat"], "confidence": 1.0, "review": False},
                "report_count": {"value": 1, "confidence": 0.9, "review": False},
                "victims_in_case": {"value": 3, "confidence": 0.9, "review": False},
                "victims_safeguarded": {"value": 2, "confidence": 0.5, "review": True},
                "offenders_prosecuted": {"value": 1, "confidence": 0.9, "review": False},
                "convicted": {"value": True, "confidence": 0.9, "review": False},
            },
            confirmed={},
            pending_review=1,
        )
        session.add(case)
        session.flush()
        return World(big.id, small.id, fr, nl, europol, case.id)


def _compute(ctx: Context, **kw: Any) -> Statistics:
    with ctx.read() as session:
        return service.compute(session, YEAR, **kw)


def rows(stats: Statistics, name: str) -> list[dict[str, Any]]:
    return stats.tables[name].as_dicts()


def by(stats: Statistics, name: str, key: str) -> dict[Any, dict[str, Any]]:
    return {(r[key], r.get("source")) if "source" in r else r[key]: r for r in rows(stats, name)}


def test_reports_are_counted_in_the_period_of_receipt(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    assert stats.headline["reports_received"] == 7  # the 2024 and 2026 reports are outside
    providers_ = by(stats, "received_by_provider", "provider")
    assert providers_["Big Chat"]["reports"] == 6
    assert providers_["Big Chat"]["solicitation"] == 1
    assert providers_["Small Photos"]["reports"] == 1
    assert by(stats, "received_by_service", "service_type")["hosting"]["reports"] == 1
    months = by(stats, "by_month", "month")
    assert months["2025-03"]["received"] == 7
    assert months["2025-03"]["unfounded"] == 1
    assert months["2025-03"]["referrals"] == 5


def test_forwarded_by_state_and_feedback(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    states = {(r["state"], r["kind"]): r for r in rows(stats, "forwarded_by_state")}
    assert states[("FR", "member_state")]["referrals"] == 3
    assert states[("FR", "member_state")]["acknowledged"] == 3
    assert states[("NL", "member_state")]["declined"] == 1
    assert states[("NL", "member_state")]["not_abuse"] == 1
    assert sum(r["referrals"] for r in states.values()) == 5


def test_content_unfounded_and_occurrences(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    content = {r["what"].split(" (")[0]: r["count"] for r in rows(stats, "content")}
    assert content["Items of potential known material"] == 1
    assert content["Items of potential new material"] == 1
    assert content["Items matched to an allowlist"] == 1
    assert content["Reports concerning solicitation of children"] == 1
    assert {r["reason"]: r["reports"] for r in rows(stats, "unfounded_reasons")} == {
        "duplicate": 1,
        "no_content": 1,
    }
    assert stats.headline["manifestly_unfounded"] == 1  # reports: the one report has two reasons
    occ = {r["times"]: (r["items"], r["occurrences"]) for r in rows(stats, "occurrences")}
    assert occ == {"once": (1, 1), "2-4 times": (1, 4)}


def test_time_to_forward_and_acknowledge_by_priority(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    fwd = by(stats, "time_to_forward", "priority")
    assert fwd["P1"]["referrals"] == 2
    assert fwd["P1"]["median_hours"] == round(10 / 60, 2)  # lower of the two (nearest rank)
    assert fwd["P1"]["p90_hours"] == round(20 / 60, 2)
    assert fwd["P2"]["referrals"] == 2
    assert fwd["P2"]["median_hours"] == 1.0
    assert fwd["P2"]["p90_hours"] == 3.0
    assert fwd["P3"]["median_hours"] == 48.0
    ack = by(stats, "time_to_acknowledge", "priority")
    assert ack["P1"]["acknowledged"] == 2
    assert ack["P1"]["median_hours"] == 2.0
    assert ack["P2"]["acknowledged"] == 1
    assert ack["P2"]["waiting"] == 1
    assert ack["P2"]["median_hours"] == 10.0
    dist = by(stats, "time_to_forward_distribution", "bucket")
    assert dist["5-30 min"]["P1"] == 2
    assert dist["30 min-2 h"]["P2"] == 1
    assert dist["2-8 h"]["P2"] == 1
    assert dist["1-7 days"]["P3"] == 1


def test_outcome_funnel_victims_and_imported_cases(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    funnel = by(stats, "funnel_by_state", "state")
    fr = funnel[("FR", "recorded")]
    assert (fr["forwarded"], fr["investigated"], fr["victims_identified"], fr["victims_safeguarded"]) == (
        3,
        1,
        2,
        1,
    )
    assert (fr["suspects_arrested"], fr["offenders_prosecuted"], fr["offenders_convicted"]) == (1, 1, 1)
    imported = funnel[("FR", "imported")]
    assert imported["victims_identified"] == 3
    assert imported["victims_safeguarded"] is None  # below the review threshold, not confirmed: not known
    assert imported["offenders_convicted"] == 1
    assert by(stats, "funnel_by_provider", "provider")[("Big Chat", "imported")]["victims_identified"] == 3
    victims = {(r["sex"], r["age"]): (r["identified"], r["safeguarded"]) for r in rows(stats, "victims")}
    assert victims == {("female", "10-13"): (2, 1)}
    actions = {r["action"]: r["referrals"] for r in rows(stats, "outcome_actions")}
    assert actions["investigation_opened"] == 1
    assert actions["no_action"] == 1

    with ctx.unit() as session:  # a person confirms the unsure field: now it counts
        review.confirm(session, world.case_id, "victims_safeguarded", None, actor="user:test")
    again = _compute(ctx)
    assert by(again, "funnel_by_state", "state")[("FR", "imported")]["victims_safeguarded"] == 2


def test_agency_scope_sees_only_its_referrals(ctx: Context, world: World) -> None:
    stats = _compute(ctx, agency_id=world.nl)
    assert stats.scope == "agency:NL"
    assert stats.headline["reports_received"] == 1
    assert [r["state"] for r in rows(stats, "forwarded_by_state")] == ["NL"]
    assert stats.headline["imported_cases"] == 0  # the imported case is French
    fr = _compute(ctx, agency_id=world.fr)
    assert fr.headline["reports_received"] == 3
    assert fr.headline["imported_cases"] == 1


def test_scorecards(ctx: Context, world: World) -> None:
    stats = _compute(ctx)
    card = by(stats, "provider_scorecards", "provider")["Big Chat"]
    assert card["reports"] == 6
    assert card["complete_share"] == round(5 / 6, 4)
    assert card["unfounded_share"] == round(1 / 6, 4)
    assert card["information_requests"] == 1
    assert card["answered_share"] == 1.0
    assert card["answer_median_hours"] == 30.0
    assert card["referrals"] == 4
    assert card["investigated_share"] == 0.25
    with ctx.read() as session:
        own, _ = service.scorecard(session, YEAR, world.big)
    assert {k: own[k] for k in card if k != "provider"} == {k: card[k] for k in card if k != "provider"}


def test_a_period_must_end_after_it_starts() -> None:
    with pytest.raises(ValueError, match="ends after it starts"):
        Period(date(2025, 1, 2), date(2025, 1, 1))


def test_csv_export_guards_against_formulas() -> None:
    from tipline.statistics.schemas import Column, ColumnKind, Table

    table = Table(
        "t", "T", [Column("provider", "Provider", ColumnKind.label), Column("n", "N")], [["=cmd()", 1]]
    )
    assert table.to_csv() == "provider,n\n'=cmd(),1\n"


def test_indicators_per_bank(ctx: Context, world: World) -> None:
    from tipline.models import Bank, Indicator

    with ctx.unit() as session:
        bank = Bank(name="known-x", purpose="known")
        session.add(bank)
        session.flush()
        session.add_all(
            [
                Indicator(bank_id=bank.id, hash_type="md5", value="a" * 32, seq=1, created_at=T0),
                Indicator(
                    bank_id=bank.id,
                    hash_type="md5",
                    value="b" * 32,
                    seq=2,
                    created_at=datetime(2024, 6, 1, tzinfo=UTC),
                    status="withdrawn",
                    withdrawn_at=T0,
                ),
                Indicator(
                    bank_id=bank.id,
                    hash_type="md5",
                    value="c" * 32,
                    seq=3,
                    created_at=datetime(2026, 2, 1, tzinfo=UTC),
                ),
            ]
        )
    row = by(_compute(ctx), "indicators", "bank")["known-x"]
    assert (row["active"], row["added"], row["withdrawn"]) == (1, 1, 1)
