"""Engines, sessions and the unit of work.

A request, job or command opens exactly one session with :func:`unit_of_work`; it commits when the block
ends without error and rolls back otherwise. Services and repositories may ``flush()``, never ``commit()``.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import orjson
from sqlalchemy import create_engine, event
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session, sessionmaker


def make_engine(url: str, *, pool_size: int = 10) -> Engine:
    """An engine whose error messages never carry statement parameters (they hold report data)."""
    if url.startswith("sqlite"):
        engine = create_engine(
            url,
            connect_args={"timeout": 30, "check_same_thread": False},
            hide_parameters=True,
            json_serializer=_json_dumps,
            json_deserializer=orjson.loads,
        )
        configure_sqlite(engine)
        return engine
    # As many connections as request threads (see app.py), none opened and closed per request.
    # No pre-ping: a connection broken by a database restart fails one request, is invalidated
    # with the rest of the pool, and the client's retry gets a fresh one.
    # No server-side prepared statements: after five executions PostgreSQL may switch a prepared
    # statement to a generic plan, and for "value IN (5,000 values)" lookups without fresh statistics
    # that plan compares every value against every row (imports of indicators became quadratic).
    return create_engine(
        url,
        connect_args={"prepare_threshold": None},
        pool_size=pool_size,
        max_overflow=0,
        pool_timeout=30,
        pool_recycle=1800,
        hide_parameters=True,
        json_serializer=_json_dumps,
        json_deserializer=orjson.loads,
    )


def _json_dumps(value: Any) -> str:
    return orjson.dumps(value).decode()


def configure_sqlite(engine: Engine) -> None:
    """WAL, foreign keys, and BEGIN IMMEDIATE so concurrent writers queue instead of deadlocking."""

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # we issue BEGIN ourselves
        cur = dbapi_conn.cursor()
        cur.execute("PRAGMA journal_mode=WAL")
        cur.execute("PRAGMA foreign_keys=ON")
        cur.execute("PRAGMA synchronous=NORMAL")
        cur.execute("PRAGMA busy_timeout=30000")
        cur.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        # a read-only unit (``read_only_engine``) takes no write lock: in WAL mode it blocks no writer
        readonly = conn.get_execution_options().get(READ_ONLY, False)
        conn.exec_driver_sql("BEGIN" if readonly else "BEGIN IMMEDIATE")


READ_ONLY = "tipline_read_only"


def read_only_engine(engine: Engine) -> Engine:
    """The same engine (and pool) for units that only read: long scans must not hold SQLite's write lock."""
    return engine.execution_options(**{READ_ONLY: True})


@contextmanager
def read_unit(factory: sessionmaker[Session]) -> Iterator[Session]:
    """A unit of work that only reads: always rolled back, never committed."""
    session = factory()
    try:
        yield session
    finally:
        session.rollback()
        session.close()


def make_sessionmaker(engine: Engine) -> sessionmaker[Session]:
    return sessionmaker(engine, expire_on_commit=False, autoflush=False)


@contextmanager
def unit_of_work(factory: sessionmaker[Session]) -> Iterator[Session]:
    """One transaction: commit at the end of the block, roll back on any exception."""
    session = factory()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()


def insert_ignore(session: Session, model: type[Any], rows: list[dict[str, Any]]) -> list[Any]:
    """INSERT the rows, skipping any that hit a unique constraint (concurrent inserters do not fail).
    Returns the first primary-key column of the rows inserted (RETURNING: drivers report no row count
    for it)."""
    if not rows:
        return []
    dialect = session.get_bind().dialect.name
    insert = postgresql.insert(model) if dialect == "postgresql" else sqlite.insert(model)
    key = next(iter(model.__table__.primary_key.columns))
    stmt = insert.on_conflict_do_nothing().returning(key)
    return list(session.scalars(stmt, rows))
