"""Which job runs which code: the composition of the worker, beside app.py (the edges' level).

``reports.finished`` is what the reports domain emits: matching, then the assessment, each in its own
unit of work. ``reports.changed`` (a supplement, a late match, an analyst's note, a viral bundle that
formed) assesses again. Domains enqueue by name and never import each other's tasks.
"""

from __future__ import annotations

from typing import Any

from tipline.assessment import tasks as assessment
from tipline.banks.service import RETRO_HUNT_JOB
from tipline.context import Context
from tipline.jobs.runner import Handler, Worker
from tipline.matching import tasks as matching
from tipline.reports.service import CHANGED_JOB, FINISHED_JOB


def _report_finished(ctx: Context, payload: dict[str, Any]) -> None:
    matching.match_report(ctx, payload)
    assessment.assess(ctx, payload)


HANDLERS: dict[str, Handler] = {
    FINISHED_JOB: _report_finished,
    CHANGED_JOB: assessment.assess,
    RETRO_HUNT_JOB: matching.retro_hunt,
}


def make_worker(ctx: Context, poll_seconds: float = 1.0) -> Worker:
    worker = Worker(ctx, HANDLERS, poll_seconds=poll_seconds)
    ctx.job_wakeup = worker.wakeup
    return worker
