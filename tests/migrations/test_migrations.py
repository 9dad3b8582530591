"""The migrations build exactly the models, and go down and up again, on SQLite and PostgreSQL."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import inspect, text
from sqlalchemy.engine import Engine, make_url
from tests.conftest import PG_URL

from tipline.core import migrate
from tipline.core.db import make_engine
from tipline.models import Base


@pytest.fixture
def scratch_engine(tmp_path: Path) -> Iterator[Engine]:
    if not PG_URL:
        engine = make_engine(f"sqlite:///{tmp_path / 'm.sqlite3'}")
        yield engine
        engine.dispose()
        return
    admin = make_engine(PG_URL).execution_options(isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tipline_migration_test"))
        conn.execute(text("CREATE DATABASE tipline_migration_test"))
    engine = make_engine(
        make_url(PG_URL).set(database="tipline_migration_test").render_as_string(hide_password=False)
    )
    yield engine
    engine.dispose()
    with admin.connect() as conn:
        conn.execute(text("DROP DATABASE IF EXISTS tipline_migration_test"))
    admin.dispose()


def test_upgrade_matches_models_and_round_trips(scratch_engine: Engine) -> None:
    migrate.upgrade(scratch_engine)
    with scratch_engine.connect() as conn:
        assert compare_metadata(MigrationContext.configure(conn), Base.metadata) == []
    assert migrate.is_current(scratch_engine)
    migrate.downgrade(scratch_engine, "base")
    assert set(inspect(scratch_engine).get_table_names()) <= {"alembic_version"}
    migrate.upgrade(scratch_engine)
    assert {"reports", "report_files", "report_events"} <= set(inspect(scratch_engine).get_table_names())
