"""The queues as law enforcement sees them: search by identifier and ids within the agency's referrals,
and the order following the report's priority."""

from __future__ import annotations

import uuid

from sqlalchemy import update

from tests.portal.conftest import Case, Person
from tipline.access.roles import Principal, Role
from tipline.casework import queue
from tipline.context import Context
from tipline.forwarding import service as forwarding
from tipline.models import Referral

ANALYST = Principal(uuid.uuid4(), "a", Role.analyst)


def test_search_by_identifier_and_ids_respects_the_agency(
    ctx: Context, case: Case, people: dict[str, Person]
) -> None:
    with ctx.read() as session:
        b = forwarding.get_agency(session, "NL").id
        a = forwarding.get_agency(session, "FR").id
    officer_a = Principal(uuid.uuid4(), "oa", Role.le_officer, a, "FR")
    officer_b = Principal(uuid.uuid4(), "ob", Role.le_officer, b, "NL")
    for q in ("Sunny.Day@Example.com", str(case.report_id), "portal-1"):
        with ctx.read() as session:
            found = [
                r.report_id
                for r in queue.queue(session, ctx.keyring, ANALYST, queue.Filters(q=q), queue.Sla()).rows
            ]
            mine = [
                r.report_id
                for r in queue.queue(session, ctx.keyring, officer_a, queue.Filters(q=q), queue.Sla()).rows
            ]
            theirs = queue.queue(session, ctx.keyring, officer_b, queue.Filters(q=q), queue.Sla()).rows
        assert found == [case.report_id], q
        assert mine == [case.report_id], q
        assert theirs == [], q
    with ctx.read() as session:
        assert (
            queue.queue(
                session, ctx.keyring, ANALYST, queue.Filters(q="nobody@example.org"), queue.Sla()
            ).rows
            == []
        )


def test_agency_queue_follows_the_reports_priority(ctx: Context, case: Case) -> None:
    with ctx.read() as session:
        a = forwarding.get_agency(session, "FR").id
    officer = Principal(uuid.uuid4(), "oa", Role.le_officer, a, "FR")
    with ctx.unit() as session:
        session.execute(
            update(Referral).where(Referral.id == case.referral_a).values(rank=4, priority="INFO")
        )
    with ctx.read() as session:
        (row,) = queue.queue(session, ctx.keyring, officer, queue.Filters(), queue.Sla()).rows
    assert row.referral_id == case.referral_a
    assert row.priority == "INFO"
