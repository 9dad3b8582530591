"""Statistics over millions of synthetic reports: how long ``statistics.service.compute`` takes, and how
the cost grows with the number of reports.

Goal (issue 7): statistics over 10,000,000 reports within 60 s on PostgreSQL and 120 s on SQLite on
this 2-core machine.

The script:

1. creates a fresh database per size and kind (SQLite: ``<work>/stats-<N>.sqlite3``; PostgreSQL: the
   database ``<name>_<N>`` beside the one ``--pg-url`` names, created through the server's maintenance
   database ``postgres``), migrates it with tipline's migrations, registers 40 providers and the agency
   registry with tipline's own code, and fills it in bulk with ``bench/stats_fill.py`` (which describes
   the data: reports, assessments, files, items and sightings, referrals, outcomes), printing rows/s;
   then ANALYZE (SQLite) or VACUUM ANALYZE (PostgreSQL). With ``--reuse`` a database that a previous run
   filled completely with the same size and seed is kept (after checking that its columns are those of a
   fresh migration; an index the migrations now add or no longer make is created or dropped); with
   ``--reuse`` a database that is not reusable is never deleted: the script stops and says why;
2. times ``compute()`` for four scopes: the year 2025, all time (2024-01-01 to 2027-01-01), one month
   (March 2026) and one member state's agency (``--agency``, all time), each ``--runs`` times (rounds
   alternate between the databases, so every size sees the same machine load), each run in a fresh
   engine (``tipline.core.db.make_engine``) and a read-only unit as the app opens it; prints each run's
   per-group ``timings`` and the slowest SQL statements of the slowest run;
3. prints min and median per scope, database and size, the ratio of the largest size to the smallest
   (about 10 for 10x the reports: linear), per scope and per query group, a check that the reports
   ``compute`` counts equal the rows filled for the period, and a verdict against the goal.

    .venv/bin/python bench/stats.py --sizes 100000,1000000             # both databases, a quick look
    .venv/bin/python bench/stats.py --sizes 1000000,10000000 --sqlite-only
    .venv/bin/python bench/stats.py --sizes 1000000,10000000 --pg-only
    .venv/bin/python bench/stats.py --sizes 1000000,10000000 --reuse   # timing only, both databases

Until ``tipline.statistics.service`` exists the script times a placeholder that only counts the reports
of the period (said so in its output).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import threading
import time
import uuid
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from sqlalchemy import Uuid, bindparam, create_engine, event, text  # noqa: E402
from sqlalchemy.engine import Engine, make_url  # noqa: E402
from sqlalchemy.orm import Session  # noqa: E402

import stats_fill as fill  # noqa: E402
from tipline.config import Settings  # noqa: E402
from tipline.context import Context  # noqa: E402
from tipline.core import migrate  # noqa: E402
from tipline.core.db import make_engine, make_sessionmaker, read_only_engine, read_unit  # noqa: E402
from tipline.core.orm import UTCDateTime  # noqa: E402
from tipline.forwarding import service as forwarding  # noqa: E402
from tipline.providers import service as providers  # noqa: E402
from tipline.statistics.schemas import Period  # noqa: E402

GOAL_S = {"sqlite": 120.0, "postgresql": 60.0}
GOAL_SIZE = 10_000_000
PROVIDERS = 40
SCOPES: list[tuple[str, Period, bool]] = [
    ("year 2025", Period.year(2025), False),
    ("all time", Period(date(2024, 1, 1), date(2027, 1, 1)), False),
    ("month 2026-03", Period(date(2026, 3, 1), date(2026, 4, 1)), False),
    ("agency, all time", Period(date(2024, 1, 1), date(2027, 1, 1)), True),
]


def say(msg: str) -> None:
    print(msg, flush=True)


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def human(n: int) -> str:
    return f"{n / 1e6:g}M" if n >= 1_000_000 else f"{n // 1000:g}k" if n >= 1000 else str(n)


# --- the function measured ------------------------------------------------------------------------------


def _placeholder(session: Session, period: Period, *, agency_id: uuid.UUID | None = None) -> Any:
    """Stands in for compute() until it exists: counts the period's reports (in scope)."""
    t = time.perf_counter()
    q = "SELECT count(*) FROM reports r WHERE r.received_at >= :a AND r.received_at < :b"
    params: dict[str, Any] = {"a": period.since, "b": period.until}
    if agency_id is not None:
        q += " AND r.id IN (SELECT f.report_id FROM referrals f WHERE f.agency_id = :g)"
        params["g"] = agency_id
    stmt = text(q).bindparams(bindparam("a", type_=UTCDateTime()), bindparam("b", type_=UTCDateTime()))
    if agency_id is not None:
        stmt = stmt.bindparams(bindparam("g", type_=Uuid()))
    n = session.execute(stmt, params).scalar()
    return _Placeholder({"reports": int(n or 0)}, {"placeholder count": time.perf_counter() - t})


@dataclass
class _Placeholder:
    headline: dict[str, Any]
    timings: dict[str, float]


def the_compute() -> tuple[Any, bool]:
    try:
        from tipline.statistics.service import compute
    except ImportError as e:
        say(f"tipline.statistics.service not importable ({e}): timing a PLACEHOLDER that counts reports")
        return _placeholder, False
    return compute, True


# --- databases --------------------------------------------------------------------------------------


@dataclass
class Db:
    kind: str  # sqlite | postgresql
    size: int
    url: str
    marker: Path
    agency_id: uuid.UUID | None = None
    counts: dict[str, int] = field(default_factory=dict)  # reports per scope label, counted by SQL

    @property
    def label(self) -> str:
        return f"{'SQLite' if self.kind == 'sqlite' else 'PostgreSQL'} {human(self.size)}"


def _pg_admin(url: str) -> Engine:
    return create_engine(make_url(url).set(database="postgres"), isolation_level="AUTOCOMMIT")


def _pg_recreate(url: str) -> None:
    name = make_url(url).database
    if not name or name in ("test", "postgres", "template0", "template1"):
        raise SystemExit(f"refusing to touch the database {name!r}")
    admin = _pg_admin(url)
    with admin.connect() as conn:
        conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    admin.dispose()


def _pg_exists(url: str) -> bool:
    admin = _pg_admin(url)
    with admin.connect() as conn:
        found = conn.execute(
            text("SELECT 1 FROM pg_database WHERE datname = :n"), {"n": make_url(url).database}
        ).first()
    admin.dispose()
    return found is not None


def _remove_sqlite(url: str) -> None:
    path = make_url(url).database or ""
    for suffix in ("", "-wal", "-shm", "-journal"):
        Path(f"{path}{suffix}").unlink(missing_ok=True)


def reference_schema(kind: str, work: Path, pg_url: str) -> tuple[dict[str, list[str]], dict[str, str]]:
    """Columns and indexes of a freshly migrated, empty database of this kind."""
    if kind == "sqlite":
        url = f"sqlite:///{work / 'schema-reference.sqlite3'}"
        _remove_sqlite(url)
    else:
        url = (
            make_url(pg_url)
            .set(database=f"{make_url(pg_url).database}_schema")
            .render_as_string(hide_password=False)
        )
        _pg_recreate(url)
    engine = make_engine(url)
    migrate.upgrade(engine)
    out = fill.all_columns(engine), fill.all_indexes(engine)
    engine.dispose()
    return out


def settings_for(db: Db, work: Path) -> Settings:
    return Settings(
        data_dir=work / f"data-{db.kind}-{db.size}",
        database_url=db.url,
        encryption_key=os.environ.get("TIPLINE_ENCRYPTION_KEY") or "A" * 43 + "=",
        worker=False,
        index_refresh_seconds=0,
    )


def reusable(db: Db, seed: int, reference: tuple[dict[str, list[str]], dict[str, str]]) -> bool:
    """The database was filled completely by this script with this size and seed, and its schema is the
    migrations' (indexes the migrations changed since are brought in line)."""
    if not db.marker.exists():
        return False
    mark = json.loads(db.marker.read_text())
    if mark.get("size") != db.size or mark.get("seed") != seed or mark.get("url") != db.url:
        return False
    if db.kind == "postgresql" and not _pg_exists(db.url):
        return False
    if db.kind == "sqlite" and not Path(make_url(db.url).database or "").exists():
        return False
    engine = make_engine(db.url)
    try:
        migrate.upgrade(engine)
        columns, indexes = fill.all_columns(engine), fill.all_indexes(engine)
        ref_columns, ref_indexes = reference
        if columns != ref_columns:
            changed = sorted(
                t for t in set(columns) | set(ref_columns) if columns.get(t) != ref_columns.get(t)
            )
            # never refill (delete) a database on --reuse: someone may be using it
            raise SystemExit(
                f"{db.label}: columns differ from a fresh migration ({', '.join(changed)}); "
                "run without --reuse to fill it afresh"
            )
        with engine.connect() as conn:
            n = conn.execute(text("SELECT count(*) FROM reports")).scalar()
        if n != db.size:
            raise SystemExit(
                f"{db.label}: holds {n:,} reports, not {db.size:,}; run without --reuse to fill it afresh"
            )
        extra = sorted(set(indexes) - set(ref_indexes))
        missing = sorted(set(ref_indexes) - set(indexes))
        differ = sorted(k for k in set(indexes) & set(ref_indexes) if indexes[k] != ref_indexes[k])
        if extra or missing or differ:
            say(f"  {db.label}: indexes out of date: dropping {extra + differ}, creating {missing + differ}")
            fill.drop_indexes(engine, {k: "" for k in extra + differ})
            fill.create_indexes(
                engine, {k: ref_indexes[k] for k in missing + differ}, lambda m: say(f"  {db.label}: {m}")
            )
            analyze(db)
        return True
    finally:
        engine.dispose()


def exists(db: Db) -> bool:
    if db.kind == "sqlite":
        return Path(make_url(db.url).database or "").exists()
    return _pg_exists(db.url)


def analyze(db: Db) -> None:
    t = time.perf_counter()
    if db.kind == "sqlite":
        engine = create_engine(db.url)
        with engine.connect() as conn:
            conn.exec_driver_sql("PRAGMA analysis_limit = 10000")  # as PRAGMA optimize samples
            conn.exec_driver_sql("ANALYZE")
            conn.commit()
        what = "ANALYZE"
    else:
        engine = create_engine(db.url, isolation_level="AUTOCOMMIT")
        with engine.connect() as conn:
            conn.execute(text("VACUUM ANALYZE"))
        what = "VACUUM ANALYZE"
    engine.dispose()
    say(f"  {db.label}: {what} in {time.perf_counter() - t:.0f} s")


def create_and_fill(db: Db, seed: int, chunk: int, work: Path) -> None:
    if db.kind == "sqlite":
        _remove_sqlite(db.url)
    else:
        _pg_recreate(db.url)
    db.marker.unlink(missing_ok=True)
    settings = settings_for(db, work)
    ctx = Context.build(settings)
    migrate.upgrade(ctx.engine)
    with ctx.unit() as session:
        forwarding.seed_agencies(session)
        provider_ids = [
            providers.ensure_provider(session, f"bench-provider-{i:02d}").id.hex for i in range(PROVIDERS)
        ]
        agencies = {a.code: a.id.hex for a in forwarding.list_agencies(session)}
    ctx.close()
    engine = make_engine(db.url)
    shape = fill.shapes(engine)
    indexes = fill.plain_indexes(engine)
    fill.drop_indexes(engine, indexes)
    engine.dispose()
    world = fill.World.make(
        db.size,
        seed,
        provider_ids,
        {c: agencies[c] for c in fill.STATE_WEIGHTS},
        agencies[forwarding.EUROPOL],
        agencies[forwarding.INTERNATIONAL],
    )
    world.shapes = shape
    say(
        f"  {db.label}: filling {db.size:,} reports (chunks of {chunk:,}; "
        f"{len(indexes)} plain indexes dropped)"
    )
    t = time.perf_counter()
    if db.kind == "sqlite":
        writer: fill.Writer = fill.SqliteWriter(make_url(db.url).database or "", shape)
    else:
        writer = fill.PgWriter(
            make_url(db.url).set(drivername="postgresql").render_as_string(hide_password=False), shape
        )
    rows = fill.fill(writer, world, chunk, lambda m: say(f"  {db.label}: {m}"))
    writer.close()
    inserted = time.perf_counter() - t
    say(f"  {db.label}: rows {rows} in {inserted:.0f} s ({sum(rows.values()) / inserted:,.0f} rows/s)")
    engine = make_engine(db.url)
    t2 = time.perf_counter()
    fill.create_indexes(engine, indexes, lambda m: say(f"  {db.label}: {m}"))
    indexing = time.perf_counter() - t2
    if db.kind == "postgresql":
        with engine.begin() as conn:
            conn.execute(
                text("SELECT setval(pg_get_serial_sequence('items', 'id'), (SELECT max(id) FROM items))")
            )
    engine.dispose()
    t3 = time.perf_counter()
    analyze(db)
    db.marker.write_text(
        json.dumps(
            {
                "size": db.size,
                "seed": seed,
                "url": db.url,
                "rows": rows,
                "insert_seconds": round(inserted, 1),
                "index_seconds": round(indexing, 1),
                "analyze_seconds": round(time.perf_counter() - t3, 1),
                "filled_at": datetime.now(UTC).isoformat(),
            },
            indent=1,
        )
    )
    say(
        f"  {db.label}: filled in {time.perf_counter() - t:.0f} s (insert {inserted:.0f} s, "
        f"indexes {indexing:.0f} s); {size_of(db)}"
    )


def size_of(db: Db) -> str:
    if db.kind == "sqlite":
        path = Path(make_url(db.url).database or "")
        return f"file {path.stat().st_size / 1e9:.1f} GB"
    engine = create_engine(db.url)
    with engine.connect() as conn:
        n = conn.execute(text("SELECT pg_database_size(current_database())")).scalar()
    engine.dispose()
    return f"database {int(n or 0) / 1e9:.1f} GB"


def describe(db: Db, agency: str) -> None:
    """The agency measured and the reports each scope holds (counted directly, for the sanity check)."""
    engine = make_engine(db.url)
    with engine.connect() as conn:
        db.agency_id = uuid.UUID(
            str(conn.execute(text("SELECT id FROM agencies WHERE code = :c"), {"c": agency}).scalar())
        )
    sessions = make_sessionmaker(read_only_engine(engine))
    for label, period, scoped in SCOPES:
        with read_unit(sessions) as session:
            db.counts[label] = _placeholder(
                session, period, agency_id=db.agency_id if scoped else None
            ).headline["reports"]
    engine.dispose()


# --- timing -------------------------------------------------------------------------------------------


class SqlTimer:
    """Times every statement an engine runs (statement text kept for the slowest; no parameters printed)."""

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


@dataclass
class Run:
    seconds: float
    timings: dict[str, float]
    headline: dict[str, Any]
    load: str
    sql: list[tuple[float, str, Any]]


def time_once(compute: Any, db: Db, period: Period, scoped: bool) -> Run:
    engine = make_engine(db.url)  # a fresh engine: no connection or statement cache carried over
    timer = SqlTimer(engine)
    sessions = make_sessionmaker(read_only_engine(engine))
    before = load()
    try:
        with read_unit(sessions) as session:
            t = time.perf_counter()
            result = compute(session, period, agency_id=db.agency_id if scoped else None)
            seconds = time.perf_counter() - t
    finally:
        engine.dispose()
    calls = sorted(timer.calls, key=lambda c: -c[0])
    return Run(seconds, dict(result.timings), dict(result.headline), before, calls[:5])


def reported_total(headline: dict[str, Any]) -> int | None:
    for key in ("reports", "reports_received", "received", "total_reports"):
        if isinstance(headline.get(key), int):
            return int(headline[key])
    return None


def fmt_timings(timings: dict[str, float]) -> str:
    return ", ".join(f"{k} {v:.2f}" for k, v in sorted(timings.items(), key=lambda kv: -kv[1]))


def explain(db: Db, statement: str, parameters: Any, analyze: bool) -> list[str]:
    engine = make_engine(db.url)
    try:
        with engine.connect() as conn:
            raw = conn.connection.dbapi_connection
            cur = raw.cursor()  # type: ignore[union-attr]
            if db.kind == "sqlite":
                cur.execute("EXPLAIN QUERY PLAN " + statement, parameters)
                return [f"{r[0]} {r[1]} {r[3]}" for r in cur.fetchall()]
            cur.execute(
                "EXPLAIN (ANALYZE, BUFFERS) " + statement if analyze else "EXPLAIN " + statement, parameters
            )
            return [r[0] for r in cur.fetchall()]
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000000,10000000", help="reports per database, comma-separated")
    parser.add_argument("--sqlite-only", action="store_true")
    parser.add_argument("--pg-only", action="store_true")
    parser.add_argument("--pg-url", default="postgresql+psycopg://postgres@127.0.0.1:5432/statsbench")
    parser.add_argument("--work", type=Path, default=Path(tempfile.gettempdir()) / "tipline-stats-bench")
    parser.add_argument(
        "--reuse", action="store_true", help="keep databases a previous run filled completely"
    )
    parser.add_argument("--runs", type=int, default=3, help="timed runs per scope and database")
    parser.add_argument(
        "--budget", type=float, default=600.0, help="s per scope and database: no further run once spent"
    )
    parser.add_argument("--agency", default="AT", help="the member state whose agency scope is timed")
    parser.add_argument("--chunk", type=int, default=100_000, help="reports per generated chunk")
    parser.add_argument("--seed", type=int, default=11)
    parser.add_argument("--fill-only", action="store_true")
    parser.add_argument(
        "--explain", action="store_true", help="plan of the slowest statement of the slowest run"
    )
    args = parser.parse_args()
    sizes = sorted(int(s) for s in args.sizes.split(","))
    kinds = ["sqlite", "postgresql"]
    if args.sqlite_only:
        kinds = ["sqlite"]
    if args.pg_only:
        kinds = ["postgresql"]
    args.work.mkdir(parents=True, exist_ok=True)
    base = make_url(args.pg_url).database
    if base in (None, "test", "postgres"):
        raise SystemExit("--pg-url must name a database of its own (not test or postgres)")
    say(f"bench/stats.py sizes {sizes} on {', '.join(kinds)}; work folder {args.work}; load {load()}")

    dbs: list[Db] = []
    for kind in kinds:
        reference = reference_schema(kind, args.work, args.pg_url) if args.reuse else None
        for size in sizes:
            if kind == "sqlite":
                url = f"sqlite:///{args.work / f'stats-{size}.sqlite3'}"
            else:
                url = (
                    make_url(args.pg_url).set(database=f"{base}_{size}").render_as_string(hide_password=False)
                )
            db = Db(kind, size, url, args.work / f"{kind}-{size}.json")
            if args.reuse and reference is not None and reusable(db, args.seed, reference):
                say(f"  {db.label}: reused ({size_of(db)})")
            elif args.reuse and exists(db):
                raise SystemExit(
                    f"{db.label}: exists but was not filled completely by this script with seed {args.seed} "
                    "(no marker, or another size or seed); run without --reuse to fill it afresh"
                )
            else:
                create_and_fill(db, args.seed, args.chunk, args.work)
            dbs.append(db)
    if args.fill_only:
        return
    for db in dbs:
        describe(db, args.agency)
        say(f"  {db.label}: reports per scope " + ", ".join(f"{k} {v:,}" for k, v in db.counts.items()))

    compute, real = the_compute()
    what = "compute()" if real else "PLACEHOLDER count"
    say(f"\ntiming {what}: {args.runs} rounds x {len(SCOPES)} scopes x {len(dbs)} databases; load {load()}")
    runs: dict[tuple[str, int, str], list[Run]] = {}
    for r in range(args.runs):
        for label, period, scoped in SCOPES:
            for db in dbs:
                done = runs.get((db.kind, db.size, label), [])
                if done and sum(x.seconds for x in done) >= args.budget:
                    continue  # this scope has had its time: fewer runs (said in the summary)
                run = time_once(compute, db, period, scoped)
                runs.setdefault((db.kind, db.size, label), []).append(run)
                say(
                    f"  round {r + 1} {db.label:16} {label:17} {run.seconds:7.2f} s  (load {run.load})  "
                    f"[{fmt_timings(run.timings)}]"
                )

    # --- summary ---
    say(f"\n{what}: seconds per scope (min / median of the runs; first run)")
    say(f"{'database':18} {'scope':18} {'runs':>4} {'min':>8} {'median':>8} {'first':>8}")
    for db in dbs:
        for label, _, _ in SCOPES:
            xs = [x.seconds for x in runs[(db.kind, db.size, label)]]
            say(
                f"{db.label:18} {label:18} {len(xs):4} {min(xs):8.2f} "
                f"{statistics.median(xs):8.2f} {xs[0]:8.2f}"
            )

    say("\nsanity: reports counted by compute vs rows filled for the period (SQL count over received_at)")
    for db in dbs:
        for label, _, _ in SCOPES:
            head = runs[(db.kind, db.size, label)][-1].headline
            got = reported_total(head)
            want = db.counts[label]
            verdict = "ok" if got == want else ("MISMATCH" if got is not None else "no total in headline")
            say(
                f"  {db.label:18} {label:18} compute {got if got is not None else '-'} "
                f"vs filled {want:,}: {verdict}"
            )
            if got is None:
                say(f"    headline keys: {sorted(head)}")

    if len(sizes) > 1:
        small, big = sizes[0], sizes[-1]
        say(f"\ngrowth: time({human(big)}) / time({human(small)}) (min of each; {big / small:g} = linear)")
        for kind in kinds:
            for label, _, _ in SCOPES:
                a, b = runs[(kind, small, label)], runs[(kind, big, label)]
                ratio = min(x.seconds for x in b) / max(1e-9, min(x.seconds for x in a))
                say(f"  {kind:10} {label:18} total {ratio:6.1f}")
                groups = sorted(set(a[0].timings) | set(b[0].timings))
                for g in groups:
                    ta = min(x.timings.get(g, float("nan")) for x in a)
                    tb = min(x.timings.get(g, float("nan")) for x in b)
                    say(
                        f"  {'':10} {'':18}   {g:28} {ta:8.3f} -> {tb:8.3f} s  "
                        f"ratio {tb / ta if ta > 0 else float('nan'):6.1f}"
                    )

    say("\nslowest run per database, its groups and its slowest statements")
    for db in dbs:
        scope_runs = [(label, x) for label, _, _ in SCOPES for x in runs[(db.kind, db.size, label)]]
        label, worst = max(scope_runs, key=lambda lx: lx[1].seconds)
        say(f"  {db.label}: {label} {worst.seconds:.2f} s: {fmt_timings(worst.timings)}")
        for s, statement, _ in worst.sql[:3]:
            say(f"    {s:7.2f} s  {' '.join(statement.split())[:400]}")
        if args.explain and worst.sql:
            took, statement, params = worst.sql[0]
            for line in explain(db, statement, params, analyze=took < 60):
                say(f"      {line}")

    say("\nverdict")
    for db in dbs:
        if db.size != max(sizes):
            continue
        goal = GOAL_S[db.kind]
        worst_label, slowest = max(
            (
                (label, statistics.median(x.seconds for x in runs[(db.kind, db.size, label)]))
                for label, _, _ in SCOPES
            ),
            key=lambda lx: lx[1],
        )
        if db.size == GOAL_SIZE:
            verdict = "met" if slowest <= goal else "MISSED"
        else:
            projected = slowest * GOAL_SIZE / db.size
            verdict = (
                f"not measured at {human(GOAL_SIZE)}; {projected:.0f} s if linear "
                f"({'would meet' if projected <= goal else 'would miss'})"
            )
        say(
            f"  {db.label}: slowest scope {worst_label}, median {slowest:.1f} s; goal {goal:.0f} s at "
            f"{human(GOAL_SIZE)}: {verdict}" + ("" if real else " -- PLACEHOLDER, not compute()")
        )
    say(f"load at the end {load()}")


if __name__ == "__main__":
    main()
