"""Settings: the only reader of the environment.

Every variable is prefixed ``TIPLINE_``. In production mode (``TIPLINE_ENV=production``) secrets have no
defaults: the process refuses to start without them. In development mode a random key is created once in
the data folder (mode 0600) so that ``tipline demo`` works on a fresh machine.
"""

from __future__ import annotations

import base64
import binascii
import os
import secrets
from enum import StrEnum
from functools import lru_cache
from pathlib import Path

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import BaseSettings, SettingsConfigDict

MiB = 1024 * 1024


class Environment(StrEnum):
    development = "development"
    production = "production"


class ConfigurationError(RuntimeError):
    """The settings cannot be used as given."""


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="TIPLINE_", extra="ignore")

    env: Environment = Field(
        Environment.development, description="development or production (no secret defaults)."
    )
    data_dir: Path = Field(
        Path("tipline-data"), description="Folder for the embedded database, evidence and keys."
    )
    database_url: str | None = Field(
        None,
        description="SQLAlchemy URL; default is SQLite in the data folder. "
        "PostgreSQL: postgresql+psycopg://user@host/db",
    )
    encryption_key: SecretStr | None = Field(
        None,
        description="Base64 of 32 random bytes; protects evidence and report content at rest.",
    )
    host: str = Field("127.0.0.1", description="Address the server binds to.")
    port: int = Field(8000, description="Port the server binds to.")
    max_report_bytes: int = Field(5 * MiB, description="Largest accepted JSON report body.")
    max_file_bytes: int = Field(256 * MiB, description="Largest accepted evidence file.")
    max_image_pixels: int = Field(
        64_000_000, description="Images with more pixels are refused as decompression bombs."
    )
    db_pool_size: int = Field(
        16, ge=1, description="Database connections per process; also the number of request threads."
    )
    auth_cache_seconds: float = Field(
        30.0, ge=0, description="How long a verified API key is remembered per process (0: never)."
    )
    ispws_prefix: str = Field(
        "/ispws",
        pattern=r"^/[A-Za-z0-9/_-]*[A-Za-z0-9_-]$",
        description="Path of the CyberTipline XML protocol.",
    )
    ispws_max_xml_bytes: int = Field(
        4 * MiB, ge=1024, description="Largest accepted report or fileDetails XML document."
    )
    ispws_max_xml_depth: int = Field(32, ge=4, description="Deepest accepted XML element nesting.")
    ispws_max_xml_elements: int = Field(200_000, ge=100, description="Most elements in one XML document.")
    worker: bool = Field(
        True, description="Run a background job worker in each serving process (matching, retro-hunts)."
    )
    index_compact_at: int = Field(
        50_000,
        ge=1,
        description="PDQ indicators added since the last build that trigger a background rebuild.",
    )
    index_refresh_seconds: float = Field(
        1.0, ge=0, description="How often each serving process catches its PDQ index up (0: only on use)."
    )
    index_stale_seconds: float = Field(
        10.0, gt=0, description="/health reports the index stale when it is behind for longer than this."
    )
    viral_accounts: int = Field(
        25, ge=2, description="Distinct accounts sharing one item within the window that make it viral."
    )
    viral_window_hours: int = Field(72, ge=1, description="The window for viral bundling, in hours.")
    webhook_timeout_seconds: float = Field(
        10.0, gt=0, description="How long an agency's webhook may take to answer one delivery."
    )
    webhook_backoff_seconds: float = Field(
        2.0, gt=0, description="Delay before the first retry of a failed webhook delivery (then doubling)."
    )
    webhook_max_backoff_seconds: float = Field(
        3600.0, gt=0, description="Longest delay between retries; failing deliveries retry at this interval."
    )
    webhook_failing_after: int = Field(
        8, ge=1, description="Failed attempts after which a delivery is shown as failing (and still retried)."
    )
    webhook_poll_seconds: float = Field(
        1.0, gt=0, description="How often the webhook dispatcher looks for due deliveries."
    )
    webhook_concurrency: int = Field(8, ge=1, description="Webhook deliveries sent at once per process.")

    sla_p1_minutes: float = Field(
        30.0, gt=0, description="P1 reports: minutes from receipt (or from referral, for an agency) to act."
    )
    sla_p2_hours: float = Field(8.0, gt=0, description="P2 reports: hours from receipt (or referral) to act.")
    session_idle_minutes: float = Field(
        30.0, gt=0, description="A portal session ends after this long without a request."
    )
    session_max_hours: float = Field(12.0, gt=0, description="A portal session ends this long after sign-in.")
    login_max_failures: int = Field(
        5, ge=1, description="Failed sign-ins in a row after which an account is locked for a while."
    )
    login_lockout_minutes: float = Field(15.0, gt=0, description="How long a locked account stays locked.")
    exposure_soft_limit: int = Field(
        100,
        ge=1,
        description="Evidence reveals per person per day after which the portal warns (and goes on).",
    )
    unviewed_needs_reason: bool = Field(
        True,
        description="Opening a file no person at the provider viewed requires a stated reason (the rule of "
        "US v. Wilson, 9th Cir. 2021: such a view may be a search needing a warrant).",
    )
    stats_cache_seconds: float = Field(
        300.0,
        ge=0,
        description="How long the portal keeps computed statistics of one period and scope before computing "
        "them again (over millions of reports a computation takes seconds).",
    )
    stats_suppress_below: int = Field(
        10,
        ge=1,
        description="In the annual transparency report, counts from 1 to this number minus one are not "
        "published (small counts can point at a person).",
    )

    @model_validator(mode="after")
    def _production_has_secrets(self) -> Settings:
        if self.env is Environment.production:
            if self.encryption_key is None:
                raise ValueError("TIPLINE_ENCRYPTION_KEY is required in production")
            if self.database_url is None:
                raise ValueError("TIPLINE_DATABASE_URL is required in production")
        if self.encryption_key is not None:
            _decode_key(self.encryption_key.get_secret_value())
        return self

    @property
    def sqlalchemy_url(self) -> str:
        if self.database_url:
            return self.database_url
        return f"sqlite:///{(self.data_dir / 'tipline.sqlite3').resolve()}"

    @property
    def is_sqlite(self) -> bool:
        return self.sqlalchemy_url.startswith("sqlite")

    def ensure_data_dir(self) -> None:
        for sub in ("", "evidence"):
            (self.data_dir / sub).mkdir(parents=True, exist_ok=True)

    def master_key(self) -> bytes:
        """The 32-byte master key; in development it is created on first use in the data folder."""
        if self.encryption_key is not None:
            return _decode_key(self.encryption_key.get_secret_value())
        if self.env is Environment.production:  # pragma: no cover - refused by the validator
            raise ConfigurationError("TIPLINE_ENCRYPTION_KEY is required in production")
        self.ensure_data_dir()
        path = self.data_dir / "development.key"
        if not path.exists():
            fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as f:
                f.write(base64.b64encode(secrets.token_bytes(32)).decode())
        return _decode_key(path.read_text().strip())


def _decode_key(text: str) -> bytes:
    try:
        key = base64.b64decode(text, validate=True)
    except (binascii.Error, ValueError) as exc:
        raise ValueError("the encryption key must be base64") from exc
    if len(key) != 32:
        raise ValueError("the encryption key must be 32 bytes (base64 of 32 random bytes)")
    return key


@lru_cache
def get_settings() -> Settings:
    return Settings()
