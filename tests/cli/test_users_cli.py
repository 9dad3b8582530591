"""`tipline user add|list|deactivate|unlock` and `tipline audit verify|search`."""

from __future__ import annotations

import json
import sqlite3

import pytest
from tests.cli.conftest import Cli


def test_user_add_then_audit_verify_detects_tampering(
    cli: Cli, database: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    cli("db", "upgrade")
    monkeypatch.setenv("NEW_PASSWORD", "a long enough password")
    out = cli(
        "user", "add", "erin", "--role", "le_officer", "--agency", "DE", "--password-from-env", "NEW_PASSWORD"
    )
    assert "TOTP secret (shown once)" in out.stdout
    assert "otpauth://totp/tipline:erin" in out.stdout
    assert "a long enough password" not in out.stdout + out.stderr
    cli("user", "add", "erin2", "--role", "le_officer", "--password-from-env", "NEW_PASSWORD", code=1)
    cli("user", "add", "fay", "--role", "auditor", "--password-from-env", "MISSING", code=2)
    rows = json.loads(cli("user", "list", "--json").stdout)
    assert [(r["username"], r["role"], r["agency"]) for r in rows] == [("erin", "le_officer", "DE")]
    cli("user", "deactivate", "erin")
    assert json.loads(cli("user", "list", "--json").stdout)[0]["active"] is False

    verified = json.loads(cli("audit", "verify", "--json").stdout)
    assert verified["ok"] is True
    assert verified["checked"] >= 2  # user.added, user.deactivated (and the agency seeding's entries)
    actions = [
        json.loads(line)["action"] for line in cli("audit", "search", "--action", "user.").stdout.splitlines()
    ]
    assert actions == ["user.deactivated", "user.added"]

    path = database.removeprefix("sqlite:///")
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE audit_log SET actor = 'someone else' WHERE seq = 1")
    broken = cli("audit", "verify", code=1)
    assert "AUDIT CHAIN BROKEN" in broken.stdout
    assert "entry 1 was changed" in broken.stdout
