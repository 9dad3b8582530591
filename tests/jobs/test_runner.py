"""The job queue: jobs exist only if their unit of work committed, run after it, are retried with
backoff when they fail, and are claimed again when their worker's lease runs out."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from sqlalchemy import select, update

from tipline.context import Context
from tipline.core.clock import utc_now
from tipline.jobs import queue
from tipline.jobs.runner import Worker
from tipline.models import Job


def jobs(ctx: Context) -> list[Job]:
    with ctx.unit() as session:
        return list(session.scalars(select(Job).order_by(Job.id)))


def test_a_rolled_back_unit_leaves_no_job(ctx: Context) -> None:
    def enqueue_then_fail() -> None:
        with ctx.unit() as session:
            queue.enqueue(session, "x.y", {})
            raise RuntimeError

    with pytest.raises(RuntimeError):
        enqueue_then_fail()
    assert jobs(ctx) == []


def test_commit_wakes_the_worker(ctx: Context) -> None:
    worker = Worker(ctx, {})
    ctx.job_wakeup = worker.wakeup
    with ctx.unit() as session:
        pass
    assert not worker.wakeup.is_set()
    with ctx.unit() as session:
        queue.enqueue(session, "x.y", {})
    assert worker.wakeup.is_set()


def test_jobs_run_once_in_order(ctx: Context) -> None:
    seen: list[Any] = []
    with ctx.unit() as session:
        for i in range(3):
            queue.enqueue(session, "x.y", {"i": i})
    worker = Worker(ctx, {"x.y": lambda _ctx, payload: seen.append(payload["i"])})
    assert worker.run_pending() == 3
    assert worker.run_pending() == 0
    assert seen == [0, 1, 2]
    assert {j.state for j in jobs(ctx)} == {"done"}


def test_failures_are_retried_with_backoff_then_given_up(ctx: Context) -> None:
    def boom(_ctx: object, _payload: object) -> None:
        raise ValueError("no")

    with ctx.unit() as session:
        queue.enqueue(session, "x.fail", {})
    worker = Worker(ctx, {"x.fail": boom})
    assert worker.run_pending() == 1
    job = jobs(ctx)[0]
    assert (job.state, job.attempts, job.last_error) == ("pending", 1, "ValueError: no")
    assert job.run_after > utc_now()  # not due again yet
    assert worker.run_pending() == 0
    for _ in range(queue.MAX_ATTEMPTS - 1):
        with ctx.unit() as session:
            session.execute(update(Job).values(run_after=utc_now() - timedelta(seconds=1)))
        worker.run_pending()
    job = jobs(ctx)[0]
    assert (job.state, job.attempts) == ("failed", queue.MAX_ATTEMPTS)


def test_unknown_kind_is_a_failure_not_a_crash(ctx: Context) -> None:
    with ctx.unit() as session:
        queue.enqueue(session, "nobody.handles", {})
    assert Worker(ctx, {}).run_pending() == 1
    assert "no handler" in (jobs(ctx)[0].last_error or "")


def test_an_expired_lease_is_claimed_again(ctx: Context) -> None:
    with ctx.unit() as session:
        queue.enqueue(session, "x.y", {})
    with ctx.unit() as session:
        claimed = queue.claim(session, "dead-worker")
    assert len(claimed) == 1
    with ctx.unit() as session:
        assert queue.claim(session, "other") == []  # leased
        session.execute(update(Job).values(run_after=utc_now() - timedelta(seconds=1)))
    ran: list[int] = []
    Worker(ctx, {"x.y": lambda _c, _p: ran.append(1)}).run_pending()
    assert ran == [1]
    assert jobs(ctx)[0].attempts == 2


def test_old_finished_jobs_are_purged_failed_ones_kept(ctx: Context) -> None:
    with ctx.unit() as session:
        for _ in range(3):
            queue.enqueue(session, "x.y", {})
    Worker(ctx, {"x.y": lambda _c, _p: None}).run_pending()
    with ctx.unit() as session:
        first, second, third = (j.id for j in session.scalars(select(Job).order_by(Job.id)))
        session.execute(update(Job).where(Job.id == first).values(finished_at=utc_now() - timedelta(days=8)))
        session.execute(
            update(Job)
            .where(Job.id == second)
            .values(state="failed", finished_at=utc_now() - timedelta(days=8))
        )
    with ctx.unit() as session:
        assert queue.purge_done(session) == 1
    assert [j.id for j in jobs(ctx)] == [second, third]
