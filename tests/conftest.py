"""Test database (SQLite by default, PostgreSQL when TIPLINE_TEST_DATABASE_URL is set), built once from
the migrations; every test starts with empty tables."""

from __future__ import annotations

import base64
import os
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from sqlalchemy import text
from sqlalchemy.engine import Engine

from tipline.app import create_app
from tipline.config import Settings
from tipline.context import Context
from tipline.core import migrate
from tipline.core.db import make_engine
from tipline.models import Base
from tipline.providers import service as providers
from tipline.worker import make_worker

TEST_KEY = base64.b64encode(bytes(range(32))).decode()
PG_URL = os.environ.get("TIPLINE_TEST_DATABASE_URL")


def reset_postgres(url: str) -> None:
    engine = make_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP SCHEMA public CASCADE"))
        conn.execute(text("CREATE SCHEMA public"))
    engine.dispose()


@pytest.fixture(scope="session")
def database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    if PG_URL:
        reset_postgres(PG_URL)
        url = PG_URL
    else:
        url = f"sqlite:///{tmp_path_factory.mktemp('db') / 'test.sqlite3'}"
    engine = make_engine(url)
    migrate.upgrade(engine)
    engine.dispose()
    return url


@pytest.fixture
def settings(database_url: str, tmp_path: Path) -> Settings:
    # no background threads in tests: jobs run when a test drains them (``run_jobs``)
    return Settings(
        data_dir=tmp_path / "data",
        database_url=database_url,
        encryption_key=TEST_KEY,
        worker=False,
        index_refresh_seconds=0,
    )


@pytest.fixture
def ctx(settings: Settings) -> Iterator[Context]:
    context = Context.build(settings)
    yield context
    _empty_tables(context.engine)
    context.close()


def _empty_tables(engine: Engine) -> None:
    counters = Base.metadata.tables["counters"]
    with engine.begin() as conn:
        for table in reversed(Base.metadata.sorted_tables):
            if table is not counters:  # seeded by the migration
                conn.execute(table.delete())
        conn.execute(counters.update().where(counters.c.name.in_(["indicators", "audit"])).values(value=0))


@pytest.fixture
def client(settings: Settings, ctx: Context) -> Iterator[TestClient]:
    with TestClient(create_app(settings)) as c:
        yield c


@pytest.fixture
def run_jobs(ctx: Context) -> Callable[[], int]:
    """Run the due jobs now, in this thread; returns how many ran."""
    worker = make_worker(ctx)
    return worker.run_pending


@pytest.fixture
def provider_key(ctx: Context) -> str:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Example Chat")
    return key


@pytest.fixture
def auth(provider_key: str) -> dict[str, str]:
    return {"Authorization": f"Bearer {provider_key}"}


@pytest.fixture
def other_auth(ctx: Context) -> dict[str, str]:
    with ctx.unit() as session:
        _, key = providers.add_provider(session, "Other Cloud")
    return {"Authorization": f"Bearer {key}"}
