"""Matching against the banks: exact and PDQ lookups with per-bank thresholds, withdrawals effective at
once, quality below 50 never matched, the classification of files, matching after a report is
finished (a job), and retro-hunts of earlier reports when indicators are added."""

from __future__ import annotations

import random
from collections.abc import Callable

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import select

from tests.factories.banks import ACTOR, bank, flip, load, random_pdq, record
from tests.factories.reports import minimal
from tipline.banks import service as banks
from tipline.banks.schemas import BankUpdate
from tipline.context import Context
from tipline.matching import service
from tipline.matching.service import Query
from tipline.models import Indicator, Match, ReportEvent, ReportFile

RNG = random.Random(7)
BASE = random_pdq(RNG)
MD5 = "c" * 32


def lookup(ctx: Context, *queries: Query) -> list[list[service.Hit]]:
    with ctx.unit() as session:
        return service.lookup(session, ctx.pdq, list(queries))


def ids(hits: list[service.Hit]) -> list[tuple[str, int]]:
    return [(h.bank, h.distance) for h in hits]


@pytest.fixture
def two_banks(ctx: Context) -> None:
    with ctx.unit() as session:
        load(session, bank(session, "known-a", "known", 31), [record("pdq", BASE), record("md5", MD5)])
        load(session, bank(session, "strict", "known", 10), [record("pdq", BASE)], "e" * 64)


class TestLookup:
    def test_distances_up_to_each_banks_threshold(self, ctx: Context, two_banks: None) -> None:
        near, mid, far = flip(BASE, 4, RNG), flip(BASE, 20, RNG), flip(BASE, 32, RNG)
        hits = lookup(ctx, Query("pdq", BASE), Query("pdq", near), Query("pdq", mid), Query("pdq", far))
        assert ids(hits[0]) == [("known-a", 0), ("strict", 0)]
        assert ids(hits[1]) == [("known-a", 4), ("strict", 4)]
        assert ids(hits[2]) == [("known-a", 20)]
        assert hits[3] == []

    def test_exact_hashes(self, ctx: Context, two_banks: None) -> None:
        hits = lookup(ctx, Query("md5", MD5), Query("md5", "d" * 32), Query("sha1", MD5 + "cccccccc"))
        assert [ids(h) for h in hits] == [[("known-a", 0)], [], []]

    def test_low_quality_pdq_is_not_matched(self, ctx: Context, two_banks: None) -> None:
        hits = lookup(ctx, Query("pdq", BASE, 49), Query("pdq", BASE, 50))
        assert hits[0] == []
        assert len(hits[1]) == 2

    def test_low_quality_indicator_is_not_matched(self, ctx: Context) -> None:
        with ctx.unit() as session:
            load(session, bank(session), [record("pdq", BASE, quality=30)])
        assert lookup(ctx, Query("pdq", BASE)) == [[]]

    def test_withdrawal_and_disabling_take_effect_at_once(self, ctx: Context, two_banks: None) -> None:
        assert len(lookup(ctx, Query("pdq", BASE))[0]) == 2  # the index is loaded and current
        with ctx.unit() as session:
            indicator = session.scalars(select(Indicator).order_by(Indicator.id.desc())).first()
            assert indicator is not None
            banks.set_status(session, indicator.id, True, "false positive", ACTOR)
        assert ids(lookup(ctx, Query("pdq", BASE))[0]) == [("known-a", 0)]
        with ctx.unit() as session:
            banks.update_bank(session, "known-a", BankUpdate(enabled=False), ACTOR)
        assert lookup(ctx, Query("pdq", BASE), Query("md5", MD5)) == [[], []]

    def test_additions_are_matchable_without_a_rebuild(self, ctx: Context, two_banks: None) -> None:
        lookup(ctx, Query("pdq", BASE))
        new = random_pdq(RNG)
        with ctx.unit() as session:
            load(session, banks.get_bank(session, "known-a"), [record("pdq", new)], "1" * 64)
        assert ids(lookup(ctx, Query("pdq", new))[0]) == [("known-a", 0)]
        assert ctx.pdq._index is not None
        assert ctx.pdq._index.delta_size == 1


class TestClassify:
    @pytest.mark.parametrize(
        ("matches", "expected"),
        [
            ([], "unknown"),
            ([("pdq", 10, "known")], "known"),
            ([("pdq", 10, "known"), ("pdq", 12, "allowlist")], "allowlisted"),
            ([("md5", 0, "known"), ("pdq", 0, "allowlist")], "known"),
            ([("md5", 0, "allowlist"), ("pdq", 3, "known")], "allowlisted"),
            ([("pdq", 3, "other")], "unknown"),
        ],
    )
    def test_precedence(self, matches: list[tuple[str, int, str]], expected: str) -> None:
        assert service.classify(matches)[0] == expected


def submit(client: TestClient, auth: dict[str, str], report_id: str, files: list[dict[str, object]]) -> str:
    r = client.post("/api/v1/reports", json=minimal(report_id, files=files), headers=auth)
    assert r.status_code == 201, r.text
    return str(r.json()["id"])


class TestReports:
    def test_a_finished_report_is_matched_by_a_job(
        self,
        ctx: Context,
        client: TestClient,
        auth: dict[str, str],
        two_banks: None,
        run_jobs: Callable[[], int],
    ) -> None:
        files = [
            {"ref": "a", "hashes": {"pdq": flip(BASE, 5, RNG), "pdq_quality": 90}},
            {"ref": "b", "hashes": {"md5": MD5}},
            {"ref": "c", "hashes": {"md5": "e" * 32}},
        ]
        assert run_jobs() == 2  # the banks' retro-hunts, with no reports yet
        report_id = submit(client, auth, "r1", files)
        assert run_jobs() == 1
        with ctx.unit() as session:
            by_ref = {f.ref: f.classification for f in session.scalars(select(ReportFile))}
            matches = session.scalars(select(Match)).all()
            events = session.scalars(
                select(ReportEvent).where(ReportEvent.kind == "report.files_matched")
            ).all()
        assert by_ref == {"a": "known", "b": "known", "c": "unknown"}
        assert sorted((m.hash_type, m.distance, m.via) for m in matches) == [
            ("md5", 0, "intake"),
            ("pdq", 5, "intake"),
            ("pdq", 5, "intake"),
        ]
        assert len(events) == 1
        assert str(events[0].report_id) == report_id
        assert {m["file"] for m in events[0].data["matches"]} == {"a", "b"}
        # the job is idempotent: running the matching again records nothing new
        with ctx.unit() as session:
            outcome = service.match_report(session, ctx.pdq, matches[0].report_id)
        assert outcome is not None
        assert outcome.new == []
        assert outcome.classified == {}

    def test_retro_hunt_finds_earlier_reports(
        self, ctx: Context, client: TestClient, auth: dict[str, str], run_jobs: Callable[[], int]
    ) -> None:
        with ctx.unit() as session:
            bank(session)
        later = random_pdq(RNG)
        submit(client, auth, "old", [{"ref": "x", "hashes": {"pdq": flip(later, 7, RNG)}}])
        submit(client, auth, "old2", [{"ref": "y", "hashes": {"sha1": "b" * 40}}])
        submit(client, auth, "unrelated", [{"ref": "z", "hashes": {"pdq": random_pdq(RNG)}}])
        run_jobs()
        with ctx.unit() as session:
            assert {f.classification for f in session.scalars(select(ReportFile))} == {"unknown"}
            load(
                session, banks.get_bank(session, "known-a"), [record("pdq", later), record("sha1", "b" * 40)]
            )
        assert run_jobs() == 3  # the retro-hunt, then the two reports it changed are assessed again
        with ctx.unit() as session:
            by_ref = {f.ref: f.classification for f in session.scalars(select(ReportFile))}
            late = session.scalars(select(ReportEvent).where(ReportEvent.kind == "report.late_match")).all()
            vias = {m.via for m in session.scalars(select(Match))}
        assert by_ref == {"x": "known", "y": "known", "z": "unknown"}
        assert len(late) == 2
        assert vias == {"retro_hunt"}
