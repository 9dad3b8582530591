"""Enqueue, claim and settle jobs.

A job is a row written in the same unit of work as the change that needs it: a rolled-back request
leaves no job, a committed one never loses its job. Workers claim jobs with a lease (``run_after`` of a
running job is its lease expiry), so a job whose worker died is claimed again once the lease runs out;
jobs are idempotent, so running one twice is harmless.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, func, or_, select, update
from sqlalchemy.orm import Session

from tipline.core.clock import utc_now
from tipline.models import Job

LEASE = timedelta(minutes=10)
MAX_ATTEMPTS = 8
WAKE_FLAG = "tipline.jobs_enqueued"


def job_row(kind: str, payload: dict[str, Any], now: datetime | None = None) -> dict[str, Any]:
    """Column values of a new pending job, for bulk inserts on hot paths."""
    now = now or utc_now()
    return {
        "kind": kind,
        "payload": payload,
        "state": "pending",
        "attempts": 0,
        "run_after": now,
        "locked_by": None,
        "created_at": now,
        "finished_at": None,
        "last_error": None,
    }


def mark_enqueued(session: Session) -> None:
    """Tell the unit of work that jobs were written, so that it wakes this process's worker at commit."""
    session.info[WAKE_FLAG] = True


def enqueue(session: Session, kind: str, payload: dict[str, Any]) -> None:
    session.add(Job(**job_row(kind, payload)))
    mark_enqueued(session)


@dataclass(frozen=True)
class Claimed:
    id: int
    kind: str
    payload: dict[str, Any]
    attempts: int


def claim(session: Session, worker: str, limit: int = 10) -> list[Claimed]:
    """Take up to ``limit`` due jobs (pending, or running with an expired lease), oldest first."""
    now = utc_now()
    query = (
        select(Job)
        .where(or_(Job.state == "pending", Job.state == "running"), Job.run_after <= now)
        .order_by(Job.id)
        .limit(limit)
    )
    if session.get_bind().dialect.name == "postgresql":
        query = query.with_for_update(skip_locked=True)
    jobs = list(session.scalars(query))
    for job in jobs:
        job.state = "running"
        job.attempts += 1
        job.locked_by = worker
        job.run_after = now + LEASE
    session.flush()
    return [Claimed(j.id, j.kind, dict(j.payload), j.attempts) for j in jobs]


def complete(session: Session, job_id: int) -> None:
    session.execute(
        update(Job).where(Job.id == job_id).values(state="done", finished_at=utc_now(), locked_by=None)
    )


def fail(session: Session, job_id: int, attempts: int, error: str) -> bool:
    """Record a failure; retried with exponential backoff until MAX_ATTEMPTS. True if it gave up."""
    gave_up = attempts >= MAX_ATTEMPTS
    delay = timedelta(seconds=min(3600.0, 2.0**attempts) * (0.5 + random.random()))
    values: dict[str, Any] = {"last_error": error[:2000], "locked_by": None}
    if gave_up:
        values |= {"state": "failed", "finished_at": utc_now()}
    else:
        values |= {"state": "pending", "run_after": utc_now() + delay}
    session.execute(update(Job).where(Job.id == job_id).values(**values))
    return gave_up


def purge_done(session: Session, older_than: timedelta = timedelta(days=7)) -> int:
    """Delete finished jobs older than ``older_than`` (their effects are events on the reports);
    failed jobs stay until someone looks at them."""
    result = session.execute(delete(Job).where(Job.state == "done", Job.finished_at < utc_now() - older_than))
    return int(getattr(result, "rowcount", 0) or 0)


def counts(session: Session) -> dict[str, int]:
    rows = session.execute(select(Job.state, func.count()).group_by(Job.state))
    return {state: n for state, n in rows}
