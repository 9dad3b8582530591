"""Curating banks: imports are idempotent, every change is an event with a sequence number, tombstones
withdraw at once, feedback is recorded, access is audited."""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from tests.factories.banks import ACTOR, bank, load, record
from tipline.audit import service as audit
from tipline.banks import service
from tipline.banks.formats import EntryWithdrawn, Feedback, RecordError, Skipped
from tipline.banks.schemas import BankUpdate, IndicatorIn
from tipline.context import Context
from tipline.core.errors import Conflict, NotFound, Unprocessable
from tipline.jobs import queue
from tipline.models import Indicator, IndicatorEvent, Job

MD5 = "a" * 32
PDQ = "f" * 64


def indicators(ctx: Context) -> list[Indicator]:
    with ctx.unit() as session:
        return list(session.scalars(select(Indicator).order_by(Indicator.id)))


class TestImport:
    def test_adds_with_provenance_and_events(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            s = load(session, b, [record("md5", MD5, category="A1", contributor="NCMEC"), record("pdq", PDQ)])
        assert (s.added, s.seq_from, s.seq_to) == (2, 1, 2)
        rows = indicators(ctx)
        assert [(r.hash_type, r.category, r.contributor, r.status) for r in rows] == [
            ("md5", "A1", "NCMEC", "active"),
            ("pdq", None, None, "active"),
        ]
        with ctx.unit() as session:
            kinds = session.scalars(select(IndicatorEvent.kind)).all()
        assert kinds == ["added", "added"]

    def test_same_file_twice_changes_nothing(self, ctx: Context) -> None:
        items = [record("md5", MD5), record("pdq", PDQ)]
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, items)
        with ctx.unit() as session:
            again = load(session, service.get_bank(session, "known-a"), items)
            events = session.scalar(select(func.count()).select_from(IndicatorEvent))
        assert (again.added, again.unchanged, again.seq_from) == (0, 2, None)
        assert again.previously_imported_at is not None
        assert events == 2
        assert len(indicators(ctx)) == 2

    def test_a_retro_hunt_is_enqueued_for_the_new_ones_only(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5)])
        with ctx.unit() as session:
            load(
                session,
                service.get_bank(session, "known-a"),
                [record("md5", MD5), record("pdq", PDQ)],
                "e" * 64,
            )
        with ctx.unit() as session:
            jobs = session.scalars(select(Job).order_by(Job.id)).all()
        assert [(j.kind, j.payload["seq_from"], j.payload["seq_to"]) for j in jobs] == [
            ("matching.retro_hunt", 1, 1),
            ("matching.retro_hunt", 2, 2),
        ]

    def test_tombstones_withdraw_and_reinstate(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5, external_id="e1", contributor="m1"), record("pdq", PDQ)])
            s = load(
                session,
                b,
                [
                    EntryWithdrawn(1, "e1", "m1", "image", "ncmec"),
                    EntryWithdrawn(2, "nope", None, None, None),
                    record("pdq", PDQ, withdrawn=True),
                    record("sha1", "b" * 40, withdrawn=True),
                ],
                "1" * 64,
            )
        assert (s.withdrawn, s.tombstones_unknown) == (2, 2)
        assert {r.status for r in indicators(ctx)} == {"withdrawn"}
        with ctx.unit() as session:
            again = load(session, service.get_bank(session, "known-a"), [record("md5", MD5)], "2" * 64)
        assert again.reinstated == 1
        assert [r.status for r in indicators(ctx)] == ["active", "withdrawn"]

    def test_changed_details_are_an_update(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5, category="A2")])
            s = load(session, b, [record("md5", MD5, category="A1")], "3" * 64)
        assert s.updated == 1
        assert indicators(ctx)[0].category == "A1"

    def test_errors_and_skips_are_counted_not_fatal(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            s = load(
                session, b, [RecordError(1, "bad hex"), Skipped(2, "PDNA"), record("md5", MD5, position=3)]
            )
        assert (s.errors, s.skipped, s.added, s.error_samples) == (1, 1, 1, ["1: bad hex"])

    def test_feedback_is_recorded_once(self, ctx: Context) -> None:
        fb = (Feedback("negative", "not_csam", "m2", None),)
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5, feedback=fb)])
            s = load(session, b, [record("md5", MD5, feedback=fb)], "4" * 64)
        assert s.feedback == 0
        with ctx.unit() as session:
            data = session.scalars(select(IndicatorEvent.data).where(IndicatorEvent.kind == "feedback")).all()
        assert [(d["sentiment"], d["reason"], d["member"]) for d in data] == [("negative", "not_csam", "m2")]

    def test_sequence_numbers_only_grow(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5), record("pdq", PDQ)])
        first = indicators(ctx)[0].id
        with ctx.unit() as session:
            service.set_status(session, first, True, "court decision reversed", ACTOR)
        seqs = {r.id: r.seq for r in indicators(ctx)}
        assert seqs[first] == 3


class TestBanks:
    def test_duplicate_name_is_a_conflict(self, ctx: Context) -> None:
        with ctx.unit() as session:
            bank(session)
        with pytest.raises(Conflict), ctx.unit() as session:
            bank(session)

    def test_unknown_bank(self, ctx: Context) -> None:
        with pytest.raises(NotFound), ctx.unit() as session:
            service.get_bank(session, "nope")

    def test_list_counts_and_update(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5), record("pdq", PDQ), record("pdq", "e" * 64)])
            service.update_bank(session, "known-a", BankUpdate(enabled=False, pdq_threshold=20), ACTOR)
            listed = service.list_banks(session, ACTOR)
        assert listed[0].active == {"md5": 1, "pdq": 2}
        assert (listed[0].enabled, listed[0].pdq_threshold) == (False, 20)

    def test_every_access_is_audited(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            load(session, b, [record("md5", MD5)])
            service.list_banks(session, "someone")
        with ctx.unit() as session:
            actions = [(r.action, r.actor) for r in reversed(audit.recent(session))]
        assert actions == [("bank.create", ACTOR), ("bank.import", ACTOR), ("bank.list", "someone")]


class TestSingleIndicators:
    def test_api_add_normalises_and_rejects_bad_hashes(self, ctx: Context) -> None:
        with ctx.unit() as session:
            b = bank(session)
            s = service.add_indicators(session, b, [IndicatorIn(hash_type="MD5", hash=MD5.upper())], ACTOR)
        assert s.added == 1
        assert indicators(ctx)[0].value == MD5
        with pytest.raises(Unprocessable), ctx.unit() as session:
            service.add_indicators(session, b, [IndicatorIn(hash_type="md5", hash="xyz")], ACTOR)

    def test_withdraw_reinstate_and_history(self, ctx: Context) -> None:
        with ctx.unit() as session:
            load(session, bank(session), [record("pdq", PDQ)])
        ind = indicators(ctx)[0]
        with ctx.unit() as session:
            service.set_status(session, ind.id, True, "false positive", ACTOR)
            service.set_status(session, ind.id, True, "again", ACTOR)  # no-op
            service.set_status(session, ind.id, False, "restored", ACTOR)
            read = service.get_indicator(session, ind.id, ACTOR)
        with ctx.unit() as session:
            jobs = queue.counts(session)
        assert [e.kind for e in read.events] == ["added", "withdrawn", "reinstated"]
        assert read.events[1].data == {"reason": "false positive"}
        assert jobs == {"pending": 2}  # the import's retro-hunt and the reinstatement's

    def test_negative_feedback_needs_a_reason(self, ctx: Context) -> None:
        with ctx.unit() as session:
            load(session, bank(session), [record("md5", MD5)])
        ind = indicators(ctx)[0]
        with pytest.raises(Unprocessable), ctx.unit() as session:
            service.add_feedback(session, ind.id, "negative", None, None, ACTOR)
        with ctx.unit() as session:
            service.add_feedback(session, ind.id, "affirmative", None, "confirmed", ACTOR)
            kinds = [e.kind for e in service.get_indicator(session, ind.id, ACTOR).events]
        assert kinds == ["added", "feedback"]


def test_concurrent_imports_of_the_same_records_do_not_collide(ctx: Context) -> None:
    """Two imports deciding at once that the same indicators are new: the second waits for the first
    (the counter's row lock) and then finds them present."""
    with ctx.unit() as session:
        bank(session)
    items = [record("md5", f"{i:032x}") for i in range(1, 200)]
    results: list[object] = []

    def run(sha: str) -> None:
        try:
            with ctx.unit() as session:
                results.append(load(session, service.get_bank(session, "known-a"), items, sha))
        except Exception as exc:  # reported by the assertion below
            results.append(exc)

    threads = [threading.Thread(target=run, args=(c * 64,)) for c in "ab"]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    added = sorted(getattr(r, "added", -1) for r in results)
    assert added == [0, 199], results
    assert len(indicators(ctx)) == 199
