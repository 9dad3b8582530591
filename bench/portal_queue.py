"""The analysts' queue query alone (casework.queue.queue, in-process, no HTTP), p50/p95 of 20 runs per
filter, against a database bench/portal.py filled: a quick check of the queue's SQL after a change.

    .venv/bin/python bench/portal_queue.py sqlite:////tmp/tipline-bench-portal/portal-1000000.sqlite3

It creates the search index of migration 0008 if the database predates it.
"""

import statistics
import sys
import time
import uuid
from datetime import timedelta

from sqlalchemy import text

from tipline.access.roles import Principal, Role
from tipline.casework import queue
from tipline.core.clock import utc_now
from tipline.core.crypto import Keyring
from tipline.core.db import make_engine, make_sessionmaker

url = sys.argv[1]
engine = make_engine(url)
with engine.begin() as c:
    c.execute(
        text("CREATE INDEX IF NOT EXISTS ix_reports_provider_report_id ON reports (provider_report_id)")
    )
    rid = c.execute(text("SELECT provider_report_id FROM reports LIMIT 1 OFFSET 500")).scalar()
S = make_sessionmaker(engine)
k = Keyring(bytes(32))
P = Principal(uuid.uuid4(), "a", Role.analyst)
sla = queue.Sla()


def t(f, n=20):
    out = []
    for _ in range(n):
        s = S()
        t0 = time.perf_counter()
        page = queue.queue(s, k, P, f, sla)
        out.append((time.perf_counter() - t0) * 1000)
        s.close()
    out.sort()
    return statistics.median(out), out[int(len(out) * 0.95) - 1], len(page.rows), page.next_cursor


s = S()
first = queue.queue(s, k, P, queue.Filters(), sla)
s.close()
cases = {
    "first page": queue.Filters(),
    "next page": queue.Filters(after=first.next_cursor),
    "priority=P2": queue.Filters(priority="P2"),
    "jurisdiction=DE": queue.Filters(jurisdiction="DE"),
    "7-day window": queue.Filters(received_from=utc_now() - timedelta(days=7)),
    "q=provider report id": queue.Filters(q=rid),
}
for name, f in cases.items():
    p50, p95, n, _ = t(f)
    print(f"{name:24} p50 {p50:8.1f} ms  p95 {p95:8.1f} ms  rows {n}")
