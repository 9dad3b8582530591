"""`tipline agencies`, `tipline routing`, `tipline referrals`, `tipline deliver`."""

from __future__ import annotations

import json
import uuid

import pytest

from tests.cli.conftest import Cli, cli, database  # noqa: F401 (fixtures)


def test_registry_routing_and_delivery_commands(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:  # noqa: F811
    cli("db", "upgrade")
    listed = json.loads(cli("agencies", "list", "--json").stdout)
    assert len(listed) == 29
    assert {a["code"] for a in listed} >= {"DE", "EUROPOL", "INTL"}
    cli("agencies", "set", "DE", "--webhook", "http://127.0.0.1:9/hook", code=1)  # no secret: refused
    cli("agencies", "set", "DE", "--webhook", "http://127.0.0.1:9/h", "--secret-from-env", "NOPE", code=2)
    monkeypatch.setenv("DE_HOOK_SECRET", "x" * 40)
    changed = cli(
        "agencies", "set", "DE", "--webhook", "http://127.0.0.1:9/h", "--secret-from-env", "DE_HOOK_SECRET"
    )
    assert json.loads(changed.stdout) == {"code": "DE", "active": True, "webhook": True}
    assert "x" * 40 not in changed.stdout + changed.stderr
    key = cli("agencies", "key", "de").stdout.strip()
    assert key.startswith("tla_")
    assert json.loads(cli("routing", "show").stdout) == {
        "policy": "commission",
        "disclose_agencies": False,
        "version": None,
    }
    shown = json.loads(cli("routing", "set", "narrow", "--disclose-agencies").stdout)
    assert (shown["policy"], shown["disclose_agencies"]) == ("narrow", True)
    counts = json.loads(cli("deliver").stdout.strip().splitlines()[-1])
    assert counts == {"referrals": {}, "deliveries": {}}
    cli("referrals", str(uuid.uuid4()), code=1)
