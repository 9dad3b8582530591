"""Small-count suppression: primary, shares and durations, secondary (by subtraction), titles, CSV."""

from __future__ import annotations

import csv
import io
from typing import Any

import pytest

from tests.statistics.samples import C, H, L, S, full, stats, table
from tipline.statistics.publish import Hidden, Published, publish, suppress
from tipline.statistics.schemas import Statistics


def cells(s: Statistics, name: str, column: str) -> list[Any]:
    return s.tables[name].column(column)


def derivable(p: Published) -> list[str]:
    """Every group of the published figures with exactly one withheld member under a published total:
    such a member could be worked out by subtraction."""
    from tipline.statistics.publish import _groups  # the identities the rules protect

    out = []
    for g in _groups(p.stats):
        if g.total in p.hidden:
            continue
        if sum(1 for m in g.members if m in p.hidden) == 1:
            out.append(f"{g.total} <- {g.members}")
    return out


class TestPrimary:
    def test_small_counts_are_withheld_zero_and_large_stay(self) -> None:
        s = stats(
            [table("t", [("what", L), ("n", C)], [["a", 0], ["b", 1], ["c", 9], ["d", 10], ["e", 500]])]
        )
        p = publish(s, 10)
        assert cells(p.stats, "t", "n") == [0, None, None, 10, 500]
        assert [p.text("t", i, "n") for i in range(5)] == ["0", "< 10", "< 10", "10", "500"]
        assert p.why("t", 1, "n") is Hidden.small
        assert cells(s, "t", "n") == [0, 1, 9, 10, 500]  # the input is not changed

    def test_headline_counts_are_withheld(self) -> None:
        p = publish(stats([], {"reports_received": 3, "referrals": 0, "imported_cases": 12}), 5)
        assert p.stats.headline == {"reports_received": None, "referrals": 0, "imported_cases": 12}
        assert p.headline_text("reports_received") == "< 5"
        assert p.headline_text("referrals") == "0"

    def test_the_threshold_is_a_parameter(self) -> None:
        s = stats([table("t", [("what", L), ("n", C)], [["a", 4], ["b", 30]])])
        assert cells(suppress(s, 4), "t", "n") == [4, 30]
        assert cells(suppress(s, 5), "t", "n") == [None, 30]
        assert cells(suppress(s, 50), "t", "n") == [None, None]
        assert cells(suppress(s, 1), "t", "n") == [4, 30]  # 1: nothing withheld
        with pytest.raises(ValueError, match="at least 1"):
            suppress(s, 0)

    def test_labels_are_never_changed(self) -> None:
        s = stats([table("t", [("what", L), ("n", C)], [["Tiny Forum", 2]])])
        assert suppress(s, 10).tables["t"].rows == [["Tiny Forum", None]]


class TestSharesAndDurations:
    def test_follow_the_rows_base(self) -> None:
        s = stats(
            [
                table(
                    "time_to_forward",
                    [("priority", L), ("referrals", C), ("median_hours", H), ("share", S)],
                    [["P1", 3, 0.5, 0.2], ["P2", 40, 2.0, 0.5], ["P3", 0, None, None]],
                    base="referrals",
                )
            ]
        )
        p = publish(s, 10)
        assert p.stats.tables["time_to_forward"].rows == [
            ["P1", None, None, None],
            ["P2", 40, 2.0, 0.5],
            ["P3", 0, None, None],
        ]
        assert p.why("time_to_forward", 0, "median_hours") is Hidden.base
        assert p.text("time_to_forward", 0, "median_hours") == "withheld"
        assert p.why("time_to_forward", 2, "median_hours") is None  # nothing to show anyway
        assert p.text("time_to_forward", 2, "median_hours") == "–"
        assert p.text("time_to_forward", 1, "share") == "50.0 %"

    def test_a_share_with_a_small_denominator_of_its_own(self) -> None:
        p = publish(full(), 10)
        other = p.stats.tables["provider_scorecards"].as_dicts()[1]  # 400 reports, 4 information requests
        assert other["complete_share"] == 0.95
        assert other["answered_share"] is None
        assert other["answer_median_hours"] is None

    def test_without_a_base_the_first_count_decides(self) -> None:
        s = stats([table("x", [("k", L), ("n", C), ("h", H)], [["a", 2, 1.0], ["b", 20, 3.0]])])
        assert suppress(s, 10).tables["x"].rows == [["a", None, None], ["b", 20, 3.0]]


class TestSecondary:
    def test_one_small_provider_is_not_the_total_minus_the_others(self) -> None:
        s = stats(
            [
                table(
                    "received_by_provider",
                    [("provider", L), ("reports", C), ("solicitation", C)],
                    [["Big", 500, 40], ["Middle", 120, 12], ["Small", 100, 30], ["Tiny", 4, 0]],
                    base="reports",
                )
            ],
            {"reports_received": 724},
        )
        p = publish(s, 10)
        reports = cells(p.stats, "received_by_provider", "reports")
        assert reports[3] is None
        assert p.why("received_by_provider", 3, "reports") is Hidden.small
        assert reports == [500, 120, None, None]  # the smallest other provider goes too
        assert p.why("received_by_provider", 2, "reports") is Hidden.secondary
        assert p.text("received_by_provider", 2, "reports") == "withheld"
        assert p.stats.headline["reports_received"] == 724
        assert not derivable(p)

    def test_the_total_itself_when_nothing_else_can_go(self) -> None:
        # two partitions: by month all published, by provider one small cell; only zeros to pick from
        s = stats(
            [
                table("by_month", [("month", L), ("received", C)], [["2025-01", 12], ["2025-02", 0]]),
                table("received_by_provider", [("provider", L), ("reports", C)], [["A", 0], ["B", 12]]),
            ],
            {"reports_received": 12},
        )
        p = publish(s, 20)
        assert p.stats.headline["reports_received"] is None  # 12 < 20 anyway
        assert not derivable(p)

    def test_zero_cells_are_picked_last(self) -> None:
        s = stats(
            [
                table(
                    "by_month",
                    [("month", L), ("received", C)],
                    [["01", 0], ["02", 3], ["03", 50], ["04", 40]],
                )
            ],
            {"reports_received": 93},
        )
        p = publish(s, 10)
        assert cells(p.stats, "by_month", "received") == [0, None, 50, None]
        assert not derivable(p)

    def test_a_copy_of_a_withheld_cell_in_another_table_is_withheld(self) -> None:
        p = publish(full(), 10)
        by_provider = p.stats.tables["received_by_provider"].as_dicts()
        cards = p.stats.tables["provider_scorecards"].as_dicts()
        for a, b in zip(by_provider, cards, strict=True):
            assert a["provider"] == b["provider"]
            assert (a["reports"] is None) == (b["reports"] is None)

    def test_the_full_sample_leaves_nothing_derivable(self) -> None:
        for below in (3, 5, 10, 25, 100, 1000):
            assert not derivable(publish(full(), below)), below

    def test_priorities_across_tables(self) -> None:
        s = stats(
            [
                table(
                    "time_to_forward",
                    [("priority", L), ("referrals", C), ("median_hours", H)],
                    [["P1", 150, 1.0]],
                    base="referrals",
                ),
                table(
                    "time_to_acknowledge",
                    [("priority", L), ("acknowledged", C), ("waiting", C), ("median_hours", H)],
                    [["P1", 147, 3, 2.0]],
                    base="acknowledged",
                ),
            ]
        )
        p = publish(s, 10)
        assert p.stats.tables["time_to_acknowledge"].rows == [["P1", None, None, 2.0]]
        assert p.why("time_to_acknowledge", 0, "acknowledged") is Hidden.secondary
        assert not derivable(p)


class TestText:
    def test_a_small_count_in_a_title_is_replaced(self) -> None:
        t = table("unfounded_reasons", [("reason", L), ("reports", C)], [["duplicate", 4]])
        t.title = "Reports assessed as manifestly unfounded (Art. 83(3)(e)): 4, by reason"
        p = publish(stats([t], {"manifestly_unfounded": 4}), 10)
        assert p.stats.tables["unfounded_reasons"].title == (
            "Reports assessed as manifestly unfounded (Art. 83(3)(e)): < 10, by reason"
        )

    def test_a_withheld_headline_figure_in_a_title_is_replaced(self) -> None:
        t = table(
            "unfounded_reasons", [("reason", L), ("reports", C)], [["duplicate", 1200], ["no_content", 3]]
        )
        t.title = "Reports assessed as manifestly unfounded: 1,203, by reason"
        months = table("by_month", [("month", L), ("unfounded", C)], [["01", 1203]])
        p = publish(stats([t, months], {"manifestly_unfounded": 1203}), 10)
        assert p.why("", -1, "manifestly_unfounded") is None
        assert "1,203" in p.stats.tables["unfounded_reasons"].title  # published: stays


class TestCsv:
    def test_withheld_cells_are_blank_and_named(self) -> None:
        p = publish(full(), 10)
        rows = list(csv.DictReader(io.StringIO(p.csv("received_by_provider"))))
        tiny = next(r for r in rows if r["provider"] == "Tiny Forum")
        assert tiny["reports"] == ""
        assert tiny["withheld"] == "reports < 10"
        other = next(r for r in rows if r["provider"] == "Other Cloud")
        assert other["reports"] == ""
        assert other["withheld"] == "reports withheld"
        big = next(r for r in rows if r["provider"] == "Example Chat")
        assert big["withheld"] == "retracted < 10"
        assert big["reports"].isdigit()
        head = {r["figure"]: r for r in csv.DictReader(io.StringIO(p.headline_csv()))}
        assert head["offenders_convicted"]["value"] == ""
        assert head["offenders_convicted"]["withheld"] == "< 10"
        assert head["reports_received"]["withheld"] == ""
