"""Shared by the command-line tests: `tipline ...` run in this process with its own data folder."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from tests.conftest import TEST_KEY
from typer.testing import CliRunner, Result

from tipline.cli.main import app
from tipline.config import get_settings


class Cli:
    """`tipline ...` in this process; asserts the exit code."""

    def __init__(self) -> None:
        self.runner = CliRunner()

    def __call__(self, *args: str | Path, code: int = 0) -> Result:
        get_settings.cache_clear()  # the settings are read from the environment once per process
        try:
            result = self.runner.invoke(app, [str(a) for a in args])
        finally:
            get_settings.cache_clear()
        assert result.exit_code == code, (result.stdout, result.stderr, result.exception)
        return result

    def summary(self, *args: str | Path, code: int = 0) -> dict[str, Any]:
        """The JSON summary an import prints as its last stdout line."""
        out: dict[str, Any] = json.loads(self(*args, code=code).stdout.strip().splitlines()[-1])
        return out


@pytest.fixture
def database(tmp_path: Path) -> str:
    return f"sqlite:///{tmp_path / 'cli.sqlite3'}"


@pytest.fixture
def cli(tmp_path: Path, database: str, monkeypatch: pytest.MonkeyPatch) -> Iterator[Cli]:
    for name in [n for n in os.environ if n.startswith("TIPLINE_")]:
        monkeypatch.delenv(name)
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("TIPLINE_DATABASE_URL", database)
    monkeypatch.setenv("TIPLINE_ENCRYPTION_KEY", TEST_KEY)
    yield Cli()
    get_settings.cache_clear()
