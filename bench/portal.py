"""Portal page latency with 1,000,000 reports stored: the queue and the report page, p50/p95/max.

Goal (the portal issue): p95 < 200 ms for every page with a million reports, on SQLite and PostgreSQL.

The script:

1. generates a pool of synthetic reports (``tipline synth``, hash-only, one seed) and decides each once
   with tipline's own code: its signals (``assessment.signals.collect``, files classified as the
   generator says), its priority, state and reasons (``assessment.policy.decide``), its jurisdiction
   (``jurisdiction.decide``) and where the routing policy in force sends it (``forwarding.policy``);
2. stores ``--reports`` reports in bulk (untimed; Core inserts, 2,000 reports per transaction) by drawing
   pool bodies to a priority mix of P1 1%, P2 10%, P3 70%, INFO 19% (a sixth of the INFO ones are
   duplicates, manifestly unfounded). Each report gets a unique provider report id, its content sealed
   with the keyring as intake seals it (``reports.service.new_report_rows``), its declared files, its
   event log (received, finished, files matched, assessed, jurisdiction decided, forwarded: hash-chained
   with ``reports.repository.event_row``), its assessment (signals sealed), its jurisdiction (reasons
   sealed), the identifiers of its reported persons that search looks up (emails, phones, handles) as
   keyed hashes (``report_identifiers``), and its referrals: to Europol (the default ``commission``
   policy) and to the competent member state(s) or the international route, with the rank of the
   assessment. Unfounded reports and non-P1 incomplete ones wait, as routing has them wait. Referral
   statuses: 10% sent, 55% delivered, 25% acknowledged, 8% closed, 2% declined. Subjects and links are
   not stored (bench/link.py measures them at this size);
3. does the same for a baseline database of ``--baseline`` reports (10,000) in the same run;
4. creates an analyst, a Europol officer and an officer of one member state's agency (``--state``) in
   each database, signs each in through the real login form (password, TOTP, login nonce) with an
   in-process ``TestClient`` of the real app, and times the pages (after a warm-up), alternating
   between the two databases request by request so that both see the same machine load.

Timed (each ``--samples`` times per database): the analyst's queue (first page; pages 2-11 through the
"next" links as HTMX fetches them; a page after a cursor at a random report; filters priority=P2, the
smallest provider, jurisdiction=DE (the largest state) and MT (the smallest), q=a provider report id,
a 7-day received window), Europol's and the member state's queue (first page, pages 2-11, a random
cursor), and the report page of random reports each may see. It prints p50, p95 and max per page and
database, the ratio p95(big)/p95(baseline), the share of the time spent in SQL (statement execution as
the driver reports it: on SQLite a scan that goes on while rows are fetched is partly outside it) and
the slowest statement, and a verdict against the 200 ms goal. A page type stops early (after at least
30 samples) once it has taken ``--page-budget`` seconds, and warms up for at most a quarter of that
(at least 3 requests). With ``--explain`` it prints the plan of the slowest statement of every page
whose p95 is over ``--explain-over`` ms (EXPLAIN QUERY PLAN on SQLite; EXPLAIN (ANALYZE, BUFFERS) on
PostgreSQL). Plans and SQL show table and index names; no report content is printed.

    .venv/bin/python bench/portal.py                        # SQLite, 1M + 10k (about 1 hour the first time)
    .venv/bin/python bench/portal.py --reuse                # the same databases again, timing only
    createdb -h 127.0.0.1 -U postgres bench_portal
    .venv/bin/python bench/portal.py --database-url postgresql+psycopg://postgres@127.0.0.1:5432/bench_portal
    .venv/bin/python bench/portal.py --reports 100000 --samples 100     # a quicker look

SQLite databases live in ``--work`` (default: ``$TMPDIR/tipline-bench-portal``): ``portal-<N>.sqlite3``.
On PostgreSQL the baseline is the database ``<name>_<baseline>`` beside the given one, created (and,
without ``--reuse``, re-created) through its server. Storing is resumable: every transaction holds
whole reports, so ``--reuse`` continues an interrupted fill where it stopped. Without ``--reuse`` a
given database must be empty (the script's own SQLite files and baseline database are re-created).
"""

from __future__ import annotations

import argparse
import html
import os
import random
import re
import statistics
import sys
import tempfile
import threading
import time
import uuid
from collections import Counter
from contextlib import ExitStack
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import quote

import httpx
import orjson

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

import pyotp  # noqa: E402
from fastapi.testclient import TestClient  # noqa: E402
from sqlalchemy import create_engine, event, func, insert, inspect, select, text  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402

from tipline.access.roles import Role  # noqa: E402
from tipline.app import create_app  # noqa: E402
from tipline.assessment import policy as assessment_policy  # noqa: E402
from tipline.assessment.service import _has_identifiers, _has_location  # noqa: E402
from tipline.assessment.signals import FileFacts, collect  # noqa: E402
from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.forwarding import policy as routing  # noqa: E402
from tipline.forwarding import service as forwarding  # noqa: E402
from tipline.jurisdiction import decide as jurisdiction  # noqa: E402
from tipline.linking import identifiers  # noqa: E402
from tipline.models import (  # noqa: E402
    Agency,
    Assessment,
    Provider,
    Referral,
    Report,
    ReportEvent,
    ReportFile,
    ReportIdentifier,
    ReportJurisdiction,
)
from tipline.providers import service as providers  # noqa: E402
from tipline.reports import repository as report_repository  # noqa: E402
from tipline.reports import service as report_service  # noqa: E402
from tipline.reports.schemas import ReportCreate  # noqa: E402
from tipline.synth.generator import generate  # noqa: E402
from tipline.users import service as users  # noqa: E402

CHUNK = 2000  # reports per bulk transaction
END = datetime(2026, 11, 29, tzinfo=UTC)  # reports are received over the year before this
SPAN = timedelta(days=365)
MIX = (("P1", 0.01), ("P2", 0.10), ("P3", 0.70), ("INFO", 0.19))
DUPLICATE_SHARE_OF_INFO = 0.16  # about 3% of all reports: a provider sent the same report again
REFERRAL_STATUSES = (
    ("sent", 0.10),
    ("delivered", 0.55),
    ("acknowledged", 0.25),
    ("closed", 0.08),
    ("declined", 0.02),
)
RANK = {"P1": 1, "P2": 2, "P3": 3, "INFO": 4}
PASSWORD = "bench portal password 1"
GOAL_MS = 200.0
DEEP_PAGES = 10
MIN_SAMPLES = 30
# the identifier kinds the queue's search looks up (linking.service.search_keys); the others (addresses,
# devices, stems, ...) serve linking, which bench/link.py measures, and would triple the database
SEARCHED = frozenset({"email", "phone", "handle", "handle_words"})


# --- the pool: synthetic reports decided once by tipline's own code -------------------------------------


@dataclass
class Decided:
    state: str
    priority: str
    auto_priority: str
    reasons: list[str]
    signal_kinds: list[str]
    unfounded: list[str]
    missing: list[str]
    sealed_body: bytes  # the assessment's signals and rules, to seal per report
    event_signals: list[list[str]]


@dataclass
class Body:
    model: ReportCreate
    content: dict[str, Any]
    provider: str
    decided: Decided
    duplicate: Decided  # the same body decided as a duplicate of an earlier report
    classified: dict[str, str]  # file ref -> known | unknown
    jurisdiction: Any
    jurisdiction_body: bytes
    reason_kinds: list[str]
    basis: dict[str, Any]


def _decide(content: dict[str, Any], files: list[FileFacts], at: datetime, duplicate: bool) -> Decided:
    signals = collect(content, files, at=at)
    texts = sum(1 for t in content.get("texts", []) if t.get("content") or t.get("messages"))
    categories = set((content.get("incident") or {}).get("categories", []))
    facts = assessment_policy.Facts(
        files=len(files),
        files_allowlisted=0,
        texts_with_content=texts,
        has_identifiers=_has_identifiers(content),
        has_location=_has_location(content),
        content_incident=bool(categories & {"known_material", "new_material"}),
        retracted=False,
        duplicate_of_earlier=duplicate,
    )
    d = assessment_policy.decide(signals, facts)
    state = "unfounded" if d.unfounded else "incomplete" if d.missing else "assessed"
    return Decided(
        state=state,
        priority=d.priority.value,
        auto_priority=d.priority.value,
        reasons=d.reasons,
        signal_kinds=sorted({s.kind for s in signals}),
        unfounded=[r.value for r in d.unfounded],
        missing=[m.value for m in d.missing],
        sealed_body=orjson.dumps(
            {"signals": [s.as_dict() for s in signals], "fired": [f.as_dict() for f in d.fired]}
        ),
        event_signals=[[s.kind, s.source] for s in signals],
    )


def build_pool(size: int, seed: int, folder: Path) -> dict[str, list[Body]]:
    if not (folder / "reports.jsonl").exists():
        generate(size, seed, folder, bytes_share=0.0)
    buckets: dict[str, list[Body]] = {p: [] for p, _ in MIX}
    with (folder / "reports.jsonl").open("rb") as reports, (folder / "truth.jsonl").open("rb") as truths:
        for line, truth_line in zip(reports, truths, strict=True):
            truth = orjson.loads(truth_line)
            model = ReportCreate.model_validate(orjson.loads(line))
            content = model.content()
            known = {f["ref"]: f.get("known", False) for f in truth.get("files", [])}
            classified = {f.ref: "known" if known.get(f.ref) else "unknown" for f in model.files}
            facts = [
                FileFacts(
                    f["ref"],
                    f.get("media_type"),
                    classified[f["ref"]],
                    True,
                    tuple(f.get("annotations", ())),
                )
                for f in content.get("files", [])
                if f.get("relevance") != "supplemental"
            ]
            j = jurisdiction.decide(content)
            reasons = [
                {"kind": r.kind, "role": r.role, "country": r.country, "weight": r.weight, "note": r.note}
                for r in j.reasons
            ]
            body = Body(
                model=model,
                content=content,
                provider=truth["provider"],
                decided=_decide(content, facts, END, duplicate=False),
                duplicate=_decide(content, facts, END, duplicate=True),
                classified=classified,
                jurisdiction=j,
                jurisdiction_body=orjson.dumps(reasons),
                reason_kinds=jurisdiction.reason_kinds(j),
                basis={**forwarding.basis_of(j), "decided": True},
            )
            buckets[body.decided.priority].append(body)
    return buckets


def _pick(rng: random.Random, table: tuple[tuple[str, float], ...]) -> str:
    x = rng.random()
    for value, share in table:
        x -= share
        if x < 0:
            return value
    return table[-1][0]


# --- storing -------------------------------------------------------------------------------------------


@dataclass
class AgencyRef:
    id: uuid.UUID
    code: str
    kind: str
    country: str


def stored(ctx: Context) -> int:
    with ctx.read() as session:
        return int(session.scalar(select(func.count()).select_from(Report)) or 0)


class EventLog:
    """A report's events, hash-chained as ``append_event`` chains them."""

    def __init__(self, report_id: uuid.UUID) -> None:
        self.report_id = report_id
        self.rows: list[dict[str, Any]] = []

    def __call__(self, kind: str, actor: str, at: datetime, data: dict[str, Any] | None = None) -> None:
        last = (self.rows[-1]["seq"], self.rows[-1]["hash"]) if self.rows else None
        self.rows.append(report_repository.event_row(self.report_id, kind, actor, at, data, last=last))


class Store:
    """Bulk storing of reports as intake, matching, assessment, jurisdiction and routing leave them."""

    def __init__(self, ctx: Context, pool: dict[str, list[Body]], n: int, seed: int) -> None:
        self.ctx, self.pool, self.n, self.seed = ctx, pool, n, seed
        self.providers: dict[str, Provider] = {}
        with ctx.unit() as session:
            forwarding.seed_agencies(session)
            names = sorted({b.provider for bodies in pool.values() for b in bodies})
            for name in names:
                p = providers.ensure_provider(session, name)
                self.providers[name] = Provider(id=p.id, name=p.name)
            self.agencies = [
                AgencyRef(a.id, a.code, a.kind, a.country)
                for a in forwarding.list_agencies(session)
                if a.active
            ]
        self.everything = [b for bodies in pool.values() for b in bodies]
        # the searchable identifiers do not depend on the report (its ids only make other kinds)
        self.searchable: dict[int, list[tuple[str, str, str]]] = {}
        for b in self.everything:
            pid = str(self.providers[b.provider].id)
            found = identifiers.mentions(
                b.content, report_id=str(uuid.UUID(int=0)), provider_id=pid, provider_report_id="-"
            )
            self.searchable[id(b)] = [
                (m.ref, kind, ctx.keyring.mac(f"identifier:{kind}:{value}".encode()))
                for m in found
                for kind, value in sorted(m.stored)
                if kind in SEARCHED
            ]

    def fill(self, label: str) -> int:
        """Store reports until there are ``n``; returns how many were added now."""
        start = stored(self.ctx)
        if start % CHUNK and start < self.n:
            raise SystemExit(f"{label}: {start} reports stored, not a whole number of chunks: start afresh")
        position, t = start, time.perf_counter()
        if position < self.n:
            print(f"  {label}: storing reports {position:,} -> {self.n:,}", flush=True)
        while position < self.n:
            count = min(CHUNK, self.n - position)
            self.add(position // CHUNK, position, count)
            position += count
            if position % 100_000 == 0 or position == self.n:
                rate = (position - start) / (time.perf_counter() - t)
                print(
                    f"  {label}: stored {position:,} ({time.perf_counter() - t:.0f} s, {rate:.0f}/s)",
                    flush=True,
                )
        return position - start

    def add(self, chunk: int, first: int, count: int) -> None:
        rng = random.Random(self.seed * 1_000_003 + chunk)
        keyring = self.ctx.keyring
        reports, files, events, assessments, places, referrals, idents = [], [], [], [], [], [], []
        step = SPAN / self.n
        for k in range(first, first + count):
            priority = _pick(rng, MIX)
            duplicate = priority == "INFO" and rng.random() < DUPLICATE_SHARE_OF_INFO
            body = rng.choice(self.everything if duplicate else self.pool[priority])
            decided = body.duplicate if duplicate else body.decided
            rid = uuid.UUID(int=rng.getrandbits(128), version=4)
            received = END - SPAN + step * k + timedelta(seconds=rng.random() * 30)
            provider = self.providers[body.provider]
            prid = f"{body.model.provider_report_id}-{k:07d}"
            content = {**body.content, "provider_report_id": prid}
            canonical = orjson.dumps(content, option=orjson.OPT_SORT_KEYS)
            digest = keyring.mac(canonical)
            model = body.model.model_copy(update={"provider_report_id": prid})
            rows = report_service.new_report_rows(keyring, provider, model, canonical, digest, received)
            report = rows.report
            report["id"] = rid  # new_report_rows draws its own; ours is reproducible
            report["content_sealed"] = keyring.seal(canonical, associated=rid.bytes)
            report["status"] = decided.state
            reports.append(report)
            for f in rows.files:
                f["report_id"] = rid
                f["classification"] = body.classified.get(f["ref"])
                f["matched_at"] = received + timedelta(seconds=2)
                files.append(f)
            log_event = EventLog(rid)
            actor = providers.actor_of(provider)
            log_event(
                "report.received",
                actor,
                received,
                {"schema_version": model.schema_version, "files": len(model.files), "awaiting_bytes": 0},
            )
            log_event("report.finished", actor, received)
            if body.classified:
                data = {"index_version": 0, "matches": [], "classified": body.classified}
                log_event("report.files_matched", "system:matching", received + timedelta(seconds=2), data)
            assessed_at = received + timedelta(seconds=5)
            log_event(
                "report.assessed",
                "system:assessment",
                assessed_at,
                {
                    "version": 1,
                    "cause": "finished",
                    "state": decided.state,
                    "priority": decided.priority,
                    "auto_priority": decided.auto_priority,
                    "previous_priority": None,
                    "reasons": decided.reasons,
                    "signals": decided.event_signals,
                    "unfounded": decided.unfounded,
                    "missing": decided.missing,
                    "bundle": None,
                },
            )
            assessments.append(
                {
                    "report_id": rid,
                    "provider_id": report["provider_id"],
                    "state": decided.state,
                    "priority": decided.priority,
                    "rank": RANK[decided.priority],
                    "auto_priority": decided.auto_priority,
                    "provider_urgent": report["provider_urgent"],
                    "reasons": decided.reasons,
                    "signal_kinds": decided.signal_kinds,
                    "unfounded_reasons": decided.unfounded,
                    "missing": decided.missing,
                    "analyst_unfounded": False,
                    "analyst_requested": None,
                    "signals_sealed": keyring.seal(decided.sealed_body, associated=rid.bytes),
                    "bundle_id": None,
                    "duplicate_key": None,
                    "received_at": received,
                    "version": 1,
                    "assessed_at": assessed_at,
                }
            )
            j = body.jurisdiction
            decided_at = received + timedelta(seconds=6)
            places.append(
                {
                    "report_id": rid,
                    "route": j.route,
                    "states": list(j.states),
                    "countries": list(j.countries),
                    "certainty": j.certainty,
                    "reason_kinds": body.reason_kinds,
                    "reasons_sealed": keyring.seal(
                        body.jurisdiction_body, associated=rid.bytes + b"jurisdiction"
                    ),
                    "version": 1,
                    "decided_at": decided_at,
                }
            )
            log_event(
                "report.jurisdiction_decided",
                "system:jurisdiction",
                decided_at,
                {
                    "version": 1,
                    "route": j.route,
                    "states": list(j.states),
                    "certainty": j.certainty,
                    "reasons": body.reason_kinds,
                },
            )
            plan = routing.plan(routing.DEFAULT, j, routing.Facts(decided.state, decided.priority))
            picks = routing.resolve(plan.targets, self.agencies) if plan.hold is None else []
            if picks:
                sent = received + timedelta(seconds=7)
                for agency, reason in picks:
                    referrals.append(
                        self.referral(
                            rng, rid, agency, reason.value, decided.priority, plan.urgent, body, sent
                        )
                        | {"provider_id": report["provider_id"], "report_received_at": received}
                    )
                log_event(
                    "report.forwarded",
                    forwarding.ACTOR,
                    sent,
                    {
                        "agencies": [a.code for a, _ in picks],
                        "reasons": {a.code: r.value for a, r in picks},
                        "urgent": plan.urgent,
                        "priority": decided.priority,
                        "route": j.route,
                        "policy": routing.DEFAULT.name.value,
                        "policy_version": None,
                        "cause": "assessed",
                    },
                )
            events.extend(log_event.rows)
            for ref, kind, key in self.searchable[id(body)]:
                idents.append(
                    {
                        "report_id": rid,
                        "provider_id": provider.id,
                        "person_ref": ref,
                        "kind": kind,
                        "key": key,
                    }
                )
        with self.ctx.unit() as session:
            for model, rows in (
                (Report, reports),
                (ReportFile, files),
                (ReportEvent, events),
                (Assessment, assessments),
                (ReportJurisdiction, places),
                (Referral, referrals),
                (ReportIdentifier, idents),
            ):
                if rows:
                    session.execute(insert(model.__table__), rows)

    def referral(
        self,
        rng: random.Random,
        rid: uuid.UUID,
        agency: AgencyRef,
        reason: str,
        priority: str,
        urgent: bool,
        body: Body,
        sent: datetime,
    ) -> dict[str, Any]:
        status = _pick(rng, REFERRAL_STATUSES)
        delivered = sent + timedelta(seconds=3) if status != "sent" else None
        acknowledged = (
            sent + timedelta(hours=rng.uniform(0.1, 48)) if status in ("acknowledged", "closed") else None
        )
        closed = sent + timedelta(days=rng.uniform(1, 60)) if status in ("closed", "declined") else None
        return {
            "id": uuid.UUID(int=rng.getrandbits(128), version=4),
            "report_id": rid,
            "bundle_id": None,
            "agency_id": agency.id,
            "status": status,
            "decline_reason": "not_competent" if status == "declined" else None,
            "urgent": urgent,
            "priority": priority,
            "rank": RANK[priority],
            "reason": reason,
            "cause": "assessed",
            "basis": body.basis,
            "policy_version": None,
            "created_by": forwarding.ACTOR,
            "sent_at": sent,
            "delivered_at": delivered,
            "acknowledged_at": acknowledged,
            "closed_at": closed,
            "updated_at": closed or acknowledged or delivered or sent,
        }


# --- databases -----------------------------------------------------------------------------------------


@dataclass
class Database:
    label: str
    url: str
    reports: int
    settings: Settings
    ctx: Context | None = None

    @property
    def is_sqlite(self) -> bool:
        return self.url.startswith("sqlite")


def _holds_reports(url: str) -> int:
    engine = create_engine(url)
    try:
        if "reports" not in inspect(engine).get_table_names():
            return 0
        with engine.connect() as conn:
            return int(conn.execute(text("SELECT count(*) FROM reports")).scalar() or 0)
    finally:
        engine.dispose()


def prepare(label: str, url: str, n: int, owned: bool, reuse: bool, work: Path, key: str) -> Database:
    """The database at ``url``, fresh unless ``reuse``; ``owned``: the script may delete or re-create it."""
    parsed = make_url(url)
    if parsed.get_backend_name() == "sqlite":
        path = Path(parsed.database or "")
        if not reuse and path.exists():
            if not owned and _holds_reports(url):
                raise SystemExit(f"{path} holds reports: pass --reuse, or delete it")
            for suffix in ("", "-wal", "-shm"):
                Path(f"{path}{suffix}").unlink(missing_ok=True)
        path.parent.mkdir(parents=True, exist_ok=True)
    elif owned:
        admin = create_engine(parsed.set(database="postgres"), isolation_level="AUTOCOMMIT")
        with admin.connect() as conn:
            exists = conn.execute(
                text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": parsed.database}
            ).first()
            if exists and not reuse:
                conn.execute(text(f'DROP DATABASE "{parsed.database}" WITH (FORCE)'))
                exists = None
            if not exists:
                conn.execute(text(f'CREATE DATABASE "{parsed.database}"'))
        admin.dispose()
    elif not reuse and _holds_reports(url):
        raise SystemExit(f"{parsed.render_as_string()} holds reports: pass --reuse, or drop it")
    settings = Settings(
        data_dir=work / f"data-{n}",
        database_url=url,
        encryption_key=key,
        worker=False,
        index_refresh_seconds=0,
    )
    return Database(label, url, n, settings)


def vacuum_analyze(db: Database) -> None:
    if db.is_sqlite:
        return  # tipline never runs ANALYZE on SQLite: measure what it gets
    engine = create_engine(db.url, isolation_level="AUTOCOMMIT")
    with engine.connect() as conn:
        t = time.perf_counter()
        conn.execute(text("VACUUM ANALYZE"))
        print(f"  {db.label}: VACUUM ANALYZE in {time.perf_counter() - t:.0f} s", flush=True)
    engine.dispose()


# --- signing in ----------------------------------------------------------------------------------------


@dataclass
class Person:
    name: str
    role: Role
    agency: str | None
    secret: str = ""
    agency_id: uuid.UUID | None = None


def add_people(ctx: Context, run: str, state: str) -> dict[str, Person]:
    people = {
        "analyst": Person(f"bench-analyst-{run}", Role.analyst, None),
        "europol": Person(f"bench-europol-{run}", Role.le_officer, forwarding.EUROPOL),
        "state": Person(f"bench-{state.lower()}-{run}", Role.le_officer, state),
    }
    with ctx.unit() as session:
        for p in people.values():
            user, p.secret = users.add_user(
                session, ctx.keyring, p.name, p.role, PASSWORD, agency_code=p.agency
            )
            p.agency_id = user.agency_id
    return people


def sign_in(client: TestClient, person: Person) -> None:
    """The real login form: the nonce of GET /portal/login (also its cookie), password and TOTP."""
    for attempt in range(3):
        page = client.get("/portal/login")
        found = re.search(r'name="nonce" value="([^"]+)"', page.text)
        assert found, "no login nonce on the page"
        code = pyotp.TOTP(person.secret).now()
        r = client.post(
            "/portal/login",
            data={"username": person.name, "password": PASSWORD, "code": code, "nonce": found.group(1)},
            follow_redirects=False,
        )
        if r.status_code == 303:
            home = client.get("/portal/queue")
            assert home.status_code == 200, f"signed in, but the queue answered {home.status_code}"
            return
        time.sleep(31 if attempt == 0 else 1)  # a TOTP step is accepted once: wait for the next
    raise SystemExit(f"could not sign {person.role.value} in (HTTP {r.status_code})")


# --- what the SQL costs, per request --------------------------------------------------------------------


class SqlTimer:
    """Times every statement the app's engine runs (statement text and parameters stay in memory; only
    the text is printed, never the parameters)."""

    def __init__(self, engine: Engine) -> None:
        self.calls: list[tuple[float, str, Any]] = []
        self.lock = threading.Lock()
        event.listen(engine, "before_cursor_execute", self._before)
        event.listen(engine, "after_cursor_execute", self._after)

    def _before(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        conn.info.setdefault("bench_t0", []).append(time.perf_counter())

    def _after(
        self, conn: Any, cursor: Any, statement: str, parameters: Any, context: Any, many: bool
    ) -> None:
        started = conn.info["bench_t0"].pop()
        with self.lock:
            self.calls.append((time.perf_counter() - started, statement, parameters))

    def take(self) -> list[tuple[float, str, Any]]:
        with self.lock:
            out, self.calls = self.calls, []
        return out


# --- the pages -----------------------------------------------------------------------------------------


HTMX = {"HX-Request": "true"}


@dataclass
class Sample:
    ms: float
    sql_ms: float
    statements: int
    slowest: tuple[float, str, Any]
    rows: int


@dataclass
class PageRun:
    samples: list[Sample] = field(default_factory=list)

    def ms(self) -> list[float]:
        return sorted(s.ms for s in self.samples)

    def p(self, q: float) -> float:
        xs = self.ms()
        return xs[min(len(xs) - 1, round(q * (len(xs) - 1)))]

    def p50(self) -> float:
        return statistics.median(self.ms())


@dataclass
class Requests:
    """What one page type asks of one database: who asks, the URLs (cycled), and HTMX or not."""

    who: str
    urls: list[str]
    htmx: bool = False
    rows_expected: bool = True


class Site:
    """One database behind the real app, with its three signed-in people."""

    def __init__(self, db: Database, run: str, state: str, stack: ExitStack) -> None:
        self.db = db
        self.ctx = Context.build(db.settings)
        stack.callback(self.ctx.close)
        self.people = add_people(self.ctx, run, state)
        self.app = create_app(db.settings)
        # one client (one app lifespan, one event loop thread); each person has its own cookies
        self.client = TestClient(self.app, base_url="http://testserver")
        stack.enter_context(self.client)
        self.cookies: dict[str, httpx.Cookies] = {}
        for who, person in self.people.items():
            self.client.cookies = httpx.Cookies()
            sign_in(self.client, person)
            self.cookies[who] = httpx.Cookies(self.client.cookies)
        self.sql = SqlTimer(self.app.state.ctx.engine)

    def get(self, who: str, url: str, htmx: bool) -> tuple[Sample, str]:
        client = self.client
        client.cookies = self.cookies[who]
        self.sql.take()
        t = time.perf_counter()
        r = client.get(url, headers=HTMX if htmx else None)
        elapsed = time.perf_counter() - t
        calls = self.sql.take()
        if r.status_code != 200:
            raise SystemExit(f"{self.db.label}: GET {url.split('?')[0]} as {who} answered {r.status_code}")
        slowest = max(calls, key=lambda c: c[0]) if calls else (0.0, "", None)
        rows = r.text.count("data-report=")
        return Sample(1000 * elapsed, 1000 * sum(c[0] for c in calls), len(calls), slowest, rows), r.text

    # --- what to ask ---

    def random_reports(
        self, rng: random.Random, count: int, agency_id: uuid.UUID | None = None
    ) -> list[uuid.UUID]:
        """Random reports (uniform over receipt time), of those forwarded to ``agency_id`` if given."""
        out: list[uuid.UUID] = []
        tries = 0
        with self.ctx.read() as session:
            while len(out) < count and tries < count * 200:
                tries += 1
                at = END - SPAN + SPAN * rng.random()
                rid = session.scalar(
                    select(Report.id).where(Report.received_at >= at).order_by(Report.received_at).limit(1)
                )
                if rid is None or rid in out:
                    continue
                if (
                    agency_id is not None
                    and session.scalar(
                        select(Referral.id).where(Referral.report_id == rid, Referral.agency_id == agency_id)
                    )
                    is None
                ):
                    continue
                out.append(rid)
        return out

    def analyst_cursors(self, ids: list[uuid.UUID]) -> list[str]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(Assessment.rank, Assessment.received_at, Assessment.report_id).where(
                    Assessment.report_id.in_(ids)
                )
            ).all()
        return [f"{r}~{at.isoformat()}~{rid}" for r, at, rid in rows]

    def agency_cursors(self, ids: list[uuid.UUID], agency_id: uuid.UUID | None) -> list[str]:
        with self.ctx.read() as session:
            rows = session.execute(
                select(Referral.rank, Referral.sent_at, Referral.id).where(
                    Referral.report_id.in_(ids), Referral.agency_id == agency_id
                )
            ).all()
        return [f"{r}~{at.isoformat()}~{rid}" for r, at, rid in rows]

    def deep(self, who: str, first: str) -> list[str]:
        """The URLs of pages 2..DEEP_PAGES+1, following each page's "next" link."""
        out = []
        url = first
        for _ in range(DEEP_PAGES):
            _, body = self.get(who, url, htmx=bool(out))
            found = re.search(r'hx-get="(/portal/queue\?[^"]*after=[^"]+)"', body)
            if not found:
                break
            url = html.unescape(found.group(1))
            out.append(url)
        return out

    def smallest_provider(self) -> str:
        with self.ctx.read() as session:
            counts = session.execute(
                select(Provider.name, func.count())
                .join(Report, Report.provider_id == Provider.id)
                .group_by(Provider.name)
            ).all()
        return min(counts, key=lambda c: c[1])[0]

    def counts(self) -> dict[str, int]:
        with self.ctx.read() as session:

            def agency(code: str) -> int:
                return int(
                    session.scalar(
                        select(func.count())
                        .select_from(Referral)
                        .join(Agency, Agency.id == Referral.agency_id)
                        .where(
                            Agency.code == code, Referral.status.in_(("sent", "delivered", "acknowledged"))
                        )
                    )
                    or 0
                )

            queue = int(
                session.scalar(
                    select(func.count())
                    .select_from(Assessment)
                    .where(Assessment.state.in_(("assessed", "incomplete")))
                )
                or 0
            )
            return {
                "analyst": queue,
                "europol": agency(forwarding.EUROPOL),
                "state": agency(self.people["state"].agency or ""),
            }

    def plan(self, rng: random.Random, k: int) -> dict[str, Requests]:
        """Every page type's requests on this database."""
        europol, state = self.people["europol"].agency_id, self.people["state"].agency_id
        ids = self.random_reports(rng, k)
        europol_ids = self.random_reports(rng, k, europol)
        state_ids = self.random_reports(rng, k, state)
        with self.ctx.read() as session:
            prids = list(session.scalars(select(Report.provider_report_id).where(Report.id.in_(ids[:k]))))
        week = (END - SPAN / 2).date()
        window = f"received_from={week.isoformat()}&received_to={(week + timedelta(days=6)).isoformat()}"
        q = "/portal/queue"
        return {
            "analyst queue, first page": Requests("analyst", [q]),
            "analyst queue, pages 2-11": Requests("analyst", self.deep("analyst", q), htmx=True),
            "analyst queue, random cursor": Requests(
                "analyst",
                [f"{q}?after={quote(c)}" for c in self.analyst_cursors(ids)],
                htmx=True,
                rows_expected=False,
            ),
            "analyst queue, priority=P2": Requests("analyst", [f"{q}?priority=P2"]),
            "analyst queue, provider=smallest": Requests(
                "analyst", [f"{q}?provider={quote(self.smallest_provider())}"]
            ),
            "analyst queue, jurisdiction=DE": Requests("analyst", [f"{q}?jurisdiction=DE"]),
            "analyst queue, jurisdiction=MT": Requests("analyst", [f"{q}?jurisdiction=MT"]),
            "analyst queue, q=provider report id": Requests(
                "analyst", [f"{q}?q={quote(p)}" for p in prids], rows_expected=False
            ),
            "analyst queue, 7-day received window": Requests("analyst", [f"{q}?{window}"]),
            "Europol queue, first page": Requests("europol", [q]),
            "Europol queue, pages 2-11": Requests("europol", self.deep("europol", q), htmx=True),
            "Europol queue, random cursor": Requests(
                "europol",
                [f"{q}?after={quote(c)}" for c in self.agency_cursors(europol_ids, europol)],
                htmx=True,
                rows_expected=False,
            ),
            "member state queue, first page": Requests("state", [q]),
            "member state queue, pages 2-11": Requests("state", self.deep("state", q), htmx=True),
            "report page, analyst": Requests(
                "analyst", [f"/portal/reports/{r}" for r in ids], rows_expected=False
            ),
            "report page, Europol officer": Requests(
                "europol", [f"/portal/reports/{r}" for r in europol_ids], rows_expected=False
            ),
            "report page, member state officer": Requests(
                "state", [f"/portal/reports/{r}" for r in state_ids], rows_expected=False
            ),
        }


def measure(
    sites: list[Site], plans: list[dict[str, Requests]], k: int, warmup: int, budget: float
) -> dict[str, list[PageRun]]:
    """``k`` samples per page and database, or fewer (at least MIN_SAMPLES) when a page type has used
    ``budget`` seconds: a page that takes seconds would otherwise hold the run for hours."""
    results: dict[str, list[PageRun]] = {}
    for page in plans[0]:
        runs = [PageRun() for _ in sites]
        started = time.perf_counter()
        warm = warmup
        for i in range(warmup + k):
            elapsed = time.perf_counter() - started
            if i < warm and i >= 3 and elapsed > budget / 4:
                warm = i  # a slow page: enough warming up
            if i >= warm + MIN_SAMPLES and elapsed > budget:
                break
            for s, (site, plan) in enumerate(zip(sites, plans, strict=True)):
                req = plan[page]
                if not req.urls:
                    raise SystemExit(f"{site.db.label}: nothing to ask for {page!r}")
                sample, _ = site.get(req.who, req.urls[i % len(req.urls)], req.htmx)
                if req.rows_expected and sample.rows == 0:
                    raise SystemExit(f"{site.db.label}: {page!r} showed no rows")
                if i >= warm:
                    runs[s].samples.append(sample)
        results[page] = runs
        line = "  ".join(
            f"{site.db.label}: p50 {r.p50():.1f} p95 {r.p(0.95):.1f} max {r.p(1.0):.1f} ms"
            for site, r in zip(sites, runs, strict=True)
        )
        print(f"  {page:<38} {line} (n={len(runs[0].samples)})", flush=True)
    return results


def _short(statement: str) -> str:
    s = " ".join(statement.split())
    return s if len(s) <= 160 else s[:157] + "..."


def explain(site: Site, statement: str, parameters: Any) -> str:
    raw = site.app.state.ctx.engine.raw_connection()
    try:
        cur = raw.cursor()
        if site.db.is_sqlite:
            cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
            return "\n".join(f"    {row[0]:>3} {row[1]:>3} {row[3]}" for row in cur.fetchall())
        cur.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        return "\n".join("    " + row[0] for row in cur.fetchall())
    finally:
        raw.rollback()
        raw.close()


def report(sites: list[Site], results: dict[str, list[PageRun]], explain_over: float | None) -> None:
    big, base = sites
    print()
    print(
        f"| page | n | {big.db.label} p50 | p95 | max | {base.db.label} p50 | p95 | max | ratio p95 "
        f"| SQL share ({big.db.label}) | verdict (p95 < {GOAL_MS:.0f} ms) |"
    )
    print("|---|---|---|---|---|---|---|---|---|---|---|")
    slow: list[tuple[str, PageRun]] = []
    for page, (b, s) in results.items():
        ratio = b.p(0.95) / s.p(0.95)
        share = sum(x.sql_ms for x in b.samples) / sum(x.ms for x in b.samples)
        ok = b.p(0.95) < GOAL_MS
        verdict = "meets" if ok else "**misses**"
        print(
            f"| {page} | {len(b.samples)} | {b.p50():.1f} | {b.p(0.95):.1f} | {b.p(1.0):.1f} | "
            f"{s.p50():.1f} | {s.p(0.95):.1f} | {s.p(1.0):.1f} | {ratio:.2f} | {share:.0%} | {verdict} |"
        )
        if explain_over is not None and b.p(0.95) >= explain_over:
            slow.append((page, b))
    print()
    for page, (b, s) in results.items():
        ok = b.p(0.95) < GOAL_MS
        print(
            f"{'MEETS ' if ok else 'MISSES'} {page}: p95 {b.p(0.95):.1f} ms with {big.db.reports:,} reports "
            f"({'<' if ok else '>='} {GOAL_MS:.0f} ms); {b.p(0.95) / s.p(0.95):.2f}x "
            f"its p95 with {base.db.reports:,}"
        )
    print()
    print(f"Slowest statement per page ({big.db.label}; the one that was slowest in most requests):")
    for page, (b, _) in results.items():
        tally = Counter(_short(x.slowest[1]) for x in b.samples)
        statement, n = tally.most_common(1)[0]
        times = sorted(x.slowest[0] * 1000 for x in b.samples if _short(x.slowest[1]) == statement)
        stmts = statistics.median(x.statements for x in b.samples)
        sql = statistics.median(x.sql_ms for x in b.samples)
        print(
            f"  {page}: {stmts:.0f} statements, SQL p50 {sql:.1f} ms; "
            f"slowest ({n}/{len(b.samples)}, p50 {statistics.median(times):.1f} ms): {statement}"
        )
    for page, b in slow:
        worst = max(b.samples, key=lambda x: x.slowest[0])
        _, statement, parameters = worst.slowest
        print(f"\nPlan of the slowest statement of {page!r} ({worst.slowest[0] * 1000:.1f} ms in the run):")
        print("  " + _short(statement))
        print(explain(big, statement, parameters))


def load_average() -> str:
    try:
        return " ".join(Path("/proc/loadavg").read_text().split()[:3])
    except OSError:
        return "?"


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=1_000_000, help="reports in the database measured")
    parser.add_argument("--baseline", type=int, default=10_000, help="reports in the baseline database")
    parser.add_argument("--database-url", default=None, help="default: a SQLite file in --work")
    parser.add_argument("--samples", type=int, default=300, help="timed requests per page type and database")
    parser.add_argument("--warmup", type=int, default=20, help="untimed requests per page type first")
    parser.add_argument(
        "--page-budget", type=float, default=180.0, help=f"s per page type; at least {MIN_SAMPLES} samples"
    )
    parser.add_argument("--reuse", action="store_true", help="use (and complete) the databases already there")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tipline-bench-portal")
    parser.add_argument("--pool", type=int, default=4000, help="synthetic report bodies drawn from")
    parser.add_argument("--state", default="NL", help="the member state whose officer is measured")
    parser.add_argument("--seed", type=int, default=29)
    parser.add_argument(
        "--explain", action="store_true", help="print the plans of slow pages' slowest statement"
    )
    parser.add_argument("--explain-over", type=float, default=100.0, help="ms: what --explain calls slow")
    parser.add_argument("--fill-only", action="store_true", help="store, then stop")
    args = parser.parse_args()
    key = os.environ.get("TIPLINE_ENCRYPTION_KEY") or "A" * 43 + "="
    args.work.mkdir(parents=True, exist_ok=True)
    if args.database_url:
        url = args.database_url
        main_owned = False
        parsed = make_url(url)
        if parsed.get_backend_name() == "sqlite":
            base_url = parsed.set(
                database=f"{Path(parsed.database or '').with_suffix('')}-{args.baseline}.sqlite3"
            )
        else:
            base_url = parsed.set(database=f"{parsed.database}_{args.baseline}")
        baseline_url = base_url.render_as_string(hide_password=False)
    else:
        url = f"sqlite:///{args.work / f'portal-{args.reports}.sqlite3'}"
        baseline_url = f"sqlite:///{args.work / f'portal-{args.baseline}.sqlite3'}"
        main_owned = True
    label_big, label_base = f"{args.reports // 1000:,}k", f"{args.baseline // 1000:,}k"
    if args.reports >= 1_000_000:
        label_big = f"{args.reports / 1e6:g}M"
    databases = [
        prepare(label_big, url, args.reports, main_owned, args.reuse, args.work, key),
        prepare(label_base, baseline_url, args.baseline, True, args.reuse, args.work, key),
    ]
    print(
        f"work folder {args.work}; databases: {make_url(url).render_as_string()} and "
        f"{make_url(baseline_url).render_as_string()}",
        flush=True,
    )
    pool: dict[str, list[Body]] | None = None
    for db in databases:
        ctx = Context.build(db.settings)
        migrate.upgrade(ctx.engine)
        added = 0
        if stored(ctx) < db.reports:
            if pool is None:
                t = time.perf_counter()
                pool = build_pool(args.pool, args.seed, args.work / f"synth-{args.pool}-{args.seed}")
                print(
                    f"  pool of {sum(map(len, pool.values())):,} bodies ("
                    + ", ".join(f"{p} {len(b)}" for p, b in pool.items())
                    + f") in {time.perf_counter() - t:.0f} s",
                    flush=True,
                )
            added = Store(ctx, pool, db.reports, args.seed + db.reports).fill(db.label)
        ctx.close()
        if added:
            vacuum_analyze(db)
    if args.fill_only:
        return
    run = time.strftime("%H%M%S") + str(os.getpid())
    rng = random.Random(args.seed)
    with ExitStack() as stack:
        print(f"signing in; load average {load_average()}", flush=True)
        sites = [Site(db, run, args.state, stack) for db in databases]
        for site in sites:
            c = site.counts()
            print(
                f"  {site.db.label}: analysts' queue {c['analyst']:,} reports; Europol's open referrals "
                f"{c['europol']:,}; {args.state}'s {c['state']:,}",
                flush=True,
            )
        plans = [site.plan(rng, args.samples) for site in sites]
        print(
            f"timing {args.samples} requests per page and database after {args.warmup} warm-up "
            f"(alternating databases); load average {load_average()}",
            flush=True,
        )
        t = time.perf_counter()
        results = measure(sites, plans, args.samples, args.warmup, args.page_budget)
        print(f"timed in {time.perf_counter() - t:.0f} s; load average {load_average()}", flush=True)
        report(sites, results, args.explain_over if args.explain else None)


if __name__ == "__main__":
    main()
