"""Hand-made statistics in the shape ``service.compute`` gives (for suppression and chart tests)."""

from __future__ import annotations

from datetime import UTC, datetime

from tipline.statistics.schemas import Cell, Column, ColumnKind, Period, Statistics, Table

L, C, S, H = ColumnKind.label, ColumnKind.counted, ColumnKind.share, ColumnKind.hours
PRIORITIES = ("P1", "P2", "P3", "INFO")
FUNNEL = (
    ("forwarded", "Reports forwarded"),
    ("investigated", "Investigation opened or contributed"),
    ("victims_identified", "Victims identified"),
    ("victims_safeguarded", "Victims safeguarded"),
    ("suspects_arrested", "Suspects arrested"),
    ("offenders_prosecuted", "Offenders prosecuted"),
    ("offenders_convicted", "Offenders convicted"),
)


def table(name: str, columns: list[tuple[str, ColumnKind]], rows: list[list[Cell]], **kw: str) -> Table:
    return Table(
        name, name.replace("_", " ").capitalize(), [Column(n, n.title(), k) for n, k in columns], rows, **kw
    )


def stats(
    tables: list[Table], headline: dict[str, int | float | None] | None = None, year: int = 2025
) -> Statistics:
    return Statistics(
        Period.year(year),
        "all",
        datetime(year + 1, 1, 2, tzinfo=UTC),
        {t.name: t for t in tables},
        dict(headline or {}),
    )


def full(year: int = 2025) -> Statistics:
    """Every table the service computes, with plausible figures (some small, some zero)."""
    months = [[f"{year}-{m:02d}", 100 + m * 7, 3 + m, 60 + m * 3] for m in range(1, 13)]
    received = sum(int(r[1]) for r in months)  # type: ignore[misc, arg-type]
    unfounded = sum(int(r[2]) for r in months)  # type: ignore[misc, arg-type]
    referrals = sum(int(r[3]) for r in months)  # type: ignore[misc, arg-type]
    providers = [
        ["Example Chat", received - 400 - 7, 40, 2],
        ["Other Cloud", 400, 12, 0],
        ["Tiny Forum", 7, 0, 0],
    ]
    states = [
        ["FR", "member_state", referrals - 300 - 120 - 4, 400, 10, 3],
        ["DE", "member_state", 300, 280, 20, 12],
        ["NL", "member_state", 120, 100, 0, 0],
        ["MT", "member_state", 4, 4, 0, 0],
    ]
    p1, p2, p3 = 150, referrals - 150 - 300, 300
    funnel_rows: list[list[Cell]] = [
        ["FR", "recorded", 500, 80, 25, 20, 9, 6, 4],
        ["DE", "recorded", 300, 40, 12, 10, 4, 3, 2],
        ["NL", "recorded", 120, 9, 0, 0, 0, 0, 0],
        ["FR", "imported", 15, 15, 6, 5, 0, 2, 1],
    ]
    victims_rows: list[list[Cell]] = [
        ["female", "10-13", 14, 12],
        ["female", "14-17", 11, 9],
        ["male", "6-9", 6, 5],
        ["unknown", "unknown", 6, 4],
    ]
    tables = [
        table("by_month", [("month", L), ("received", C), ("unfounded", C), ("referrals", C)], months),  # type: ignore[arg-type]
        table(
            "received_by_provider",
            [("provider", L), ("reports", C), ("solicitation", C), ("retracted", C)],
            providers,  # type: ignore[arg-type]
            base="reports",
        ),
        table(
            "received_by_service",
            [("service_type", L), ("reports", C), ("solicitation", C)],
            [["messaging", received - 400, 40], ["cloud_storage", 400, 12]],
            base="reports",
        ),
        table(
            "forwarded_by_state",
            [
                ("state", L),
                ("kind", L),
                ("referrals", C),
                ("acknowledged", C),
                ("declined", C),
                ("not_abuse", C),
            ],
            states,  # type: ignore[arg-type]
            base="referrals",
        ),
        table(
            "content",
            [("what", L), ("count", C)],
            [
                ["Items of potential known material (matched a known-material indicator)", 900],
                ["Items of potential new material (matched no indicator)", 300],
                ["Items matched to an allowlist (not abuse material)", 5],
                ["Items not yet matched", 0],
                ["Reports concerning solicitation of children", 52],
            ],
        ),
        table(
            "unfounded_reasons",
            [("reason", L), ("reports", C)],
            [["duplicate", unfounded - 3], ["no_content", 3]],
            base="reports",
        ),
        table(
            "occurrences",
            [("times", L), ("items", C), ("occurrences", C)],
            [["once", 800, 800], ["2-4 times", 90, 250], ["100-999 times", 2, 450]],
            base="items",
        ),
        table(
            "time_to_forward",
            [("priority", L), ("referrals", C), ("median_hours", H), ("p90_hours", H)],
            [["P1", p1, 0.5, 2.0], ["P2", p2, 3.0, 20.0], ["P3", p3, 30.0, 90.0]],
            base="referrals",
        ),
        table(
            "time_to_acknowledge",
            [("priority", L), ("acknowledged", C), ("waiting", C), ("median_hours", H), ("p90_hours", H)],
            [["P1", p1 - 2, 2, 1.0, 4.0], ["P2", p2 - 40, 40, 8.0, 48.0], ["P3", p3 - 100, 100, 50.0, 200.0]],
            base="acknowledged",
        ),
        table(
            "time_to_forward_distribution",
            [("bucket", L), *[(p, C) for p in PRIORITIES]],
            [
                ["< 5 min", 100, 10, 0, 0],
                ["5-30 min", 40, 100, 0, 0],
                ["30 min-2 h", 10, p2 - 10 - 100 - 50, 50, 0],
                ["2-8 h", 0, 50, 150, 0],
                ["8-24 h", 0, 0, 100, 0],
                ["1-7 days", 0, 0, 0, 0],
                ["> 7 days", 0, 0, 0, 0],
            ],
        ),
        table(
            "outcome_actions",
            [("action", L), ("referrals", C)],
            [
                ["investigation_opened", 100],
                ["contributed_existing", 29],
                ["other_action", 8],
                ["no_action", 300],
            ],
        ),
        table(
            "funnel_by_state",
            [("state", L), ("source", L), *[(k, C) for k, _ in FUNNEL]],
            funnel_rows,
            base="forwarded",
        ),
        table("victims", [("sex", L), ("age", L), ("identified", C), ("safeguarded", C)], victims_rows),
        table(
            "provider_scorecards",
            [
                ("provider", L),
                ("reports", C),
                ("complete_share", S),
                ("unfounded_share", S),
                ("information_requests", C),
                ("answered_share", S),
                ("answer_median_hours", H),
                ("answer_p90_hours", H),
                ("referrals", C),
                ("investigated_share", S),
            ],
            [
                ["Example Chat", received - 407, 0.9, 0.05, 120, 0.8, 20.0, 70.0, 600, 0.2],
                ["Other Cloud", 400, 0.95, 0.02, 4, 0.75, 5.0, 9.0, 340, 0.1],
                ["Tiny Forum", 7, 0.5, 0.0, 1, 1.0, 2.0, 2.0, 4, 0.25],
            ],
            base="reports",
        ),
    ]
    headline: dict[str, int | float | None] = {
        "reports_received": received,
        "referrals": referrals,
        "manifestly_unfounded": unfounded,
        "victims_identified": 43,
        "victims_safeguarded": 35,
        "offenders_convicted": 7,
        "imported_cases": 1,
    }
    return stats(tables, headline, year)
