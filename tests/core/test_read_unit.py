"""A read-only unit holds no write lock: a long scan (a retro-hunt) never blocks intake."""

from __future__ import annotations

import threading
import time

from sqlalchemy import func, select

from tipline.context import Context
from tipline.models import Provider
from tipline.providers import service as providers


def test_writers_proceed_while_a_read_unit_is_open(ctx: Context) -> None:
    done = threading.Event()

    def write() -> None:
        with ctx.unit() as session:
            providers.add_provider(session, "Writer")
        done.set()

    with ctx.read() as session:
        session.scalar(select(func.count()).select_from(Provider))  # the read transaction has begun
        thread = threading.Thread(target=write)
        started = time.monotonic()
        thread.start()
        assert done.wait(5), "the writer waited for the reader"
        assert time.monotonic() - started < 5
    thread.join()


def test_a_read_unit_never_commits(ctx: Context) -> None:
    with ctx.read() as session:
        providers.add_provider(session, "Ghost")
    with ctx.unit() as session:
        assert session.scalar(select(func.count()).select_from(Provider)) == 0
