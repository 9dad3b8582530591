"""Settings refuse unsafe production configurations; development works with nothing set."""

from __future__ import annotations

import base64
import os
import stat
from pathlib import Path

import pytest
from pydantic import ValidationError

from tipline.config import Settings

KEY = base64.b64encode(os.urandom(32)).decode()


def test_production_requires_an_encryption_key(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="TIPLINE_ENCRYPTION_KEY"):
        Settings(env="production", data_dir=tmp_path, database_url="postgresql://x/y")


def test_production_requires_a_database_url(tmp_path: Path) -> None:
    with pytest.raises(ValidationError, match="TIPLINE_DATABASE_URL"):
        Settings(env="production", data_dir=tmp_path, encryption_key=KEY)


@pytest.mark.parametrize("bad", ["not base64!", base64.b64encode(b"short").decode()])
def test_bad_keys_are_refused(tmp_path: Path, bad: str) -> None:
    with pytest.raises(ValidationError):
        Settings(data_dir=tmp_path, encryption_key=bad)


def test_development_key_is_created_once_and_private(tmp_path: Path) -> None:
    settings = Settings(data_dir=tmp_path / "d")
    key = settings.master_key()
    path = tmp_path / "d" / "development.key"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    assert Settings(data_dir=tmp_path / "d").master_key() == key


def test_environment_variables_are_read(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TIPLINE_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("TIPLINE_MAX_FILE_BYTES", "1234")
    settings = Settings()
    assert settings.data_dir == tmp_path
    assert settings.max_file_bytes == 1234
    assert settings.sqlalchemy_url.startswith("sqlite:///")
    assert settings.host == "127.0.0.1"
