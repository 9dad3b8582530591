"""Which job runs which code: the composition of the worker, beside app.py (the edges' level).

``reports.finished`` is what the reports domain emits: matching, then the assessment (with linking),
then the jurisdiction decision, then routing (referrals to agencies per the policy), each in its own
unit of work, so a P1 report is forwarded as soon as it is decided. ``reports.changed`` (a supplement,
a late match, an analyst's note, a viral bundle that formed, a new link) assesses, decides and routes
again; ``forwarding.route`` routes again alone (a policy change, an analyst's re-routing). Domains enqueue
by name and never import each other's tasks.
"""

from __future__ import annotations

from typing import Any

from tipline.assessment import tasks as assessment
from tipline.banks.service import RETRO_HUNT_JOB
from tipline.context import Context
from tipline.forwarding import tasks as forwarding
from tipline.jobs.runner import Handler, Worker
from tipline.jurisdiction import service as jurisdiction_service
from tipline.jurisdiction import tasks as jurisdiction
from tipline.matching import tasks as matching
from tipline.reports.service import CHANGED_JOB, FINISHED_JOB

_route = forwarding.route_handler(jurisdiction_service.get)


def _report_finished(ctx: Context, payload: dict[str, Any]) -> None:
    matching.match_report(ctx, payload)
    _report_changed(ctx, payload)


def _report_changed(ctx: Context, payload: dict[str, Any]) -> None:
    assessment.assess(ctx, payload)
    jurisdiction.decide(ctx, payload)
    _route(ctx, payload)


HANDLERS: dict[str, Handler] = {
    FINISHED_JOB: _report_finished,
    CHANGED_JOB: _report_changed,
    RETRO_HUNT_JOB: matching.retro_hunt,
    forwarding.ROUTE_JOB: _route,
}


def make_worker(ctx: Context, poll_seconds: float = 1.0) -> Worker:
    worker = Worker(ctx, HANDLERS, poll_seconds=poll_seconds)
    ctx.job_wakeup = worker.wakeup
    return worker
