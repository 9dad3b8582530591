"""`tipline eval priority`, `assess`, `override`, `note` on a small synth folder (in-process)."""

from __future__ import annotations

import json
import uuid
from pathlib import Path

from tests.cli.conftest import Cli

from tipline.config import get_settings
from tipline.context import Context
from tipline.models import Provider
from tipline.providers import service as providers
from tipline.reports import service as reports
from tipline.reports.schemas import ReportCreate


def submitted_synth(cli: Cli, tmp_path: Path, n: int = 40) -> tuple[Path, list[uuid.UUID]]:
    folder = tmp_path / "synth"
    cli("synth", "--out", folder, "--reports", str(n), "--seed", "5", "--bytes-share", "0")
    cli("db", "upgrade")
    ctx = Context.build(get_settings())
    try:
        with ctx.unit() as session:
            provider, _ = providers.add_provider(session, "synth")
        ids = []
        with ctx.unit() as session:
            owner = session.get(Provider, provider.id)
            assert owner is not None
            for line in (folder / "reports.jsonl").read_bytes().splitlines():
                ids.append(
                    reports.submit(
                        session, ctx.keyring, owner, ReportCreate.model_validate_json(line)
                    ).report.id
                )
    finally:
        ctx.close()
        get_settings.cache_clear()
    return folder, ids


def test_eval_priority_and_an_analyst_at_work(cli: Cli, tmp_path: Path) -> None:
    folder, ids = submitted_synth(cli, tmp_path)
    result = json.loads(cli("eval", "priority", folder, "--json").stdout)
    assert result["reports"] == 40
    assert result["not_found"] == 0
    assert {"p1_recall", "accuracy", "confusion"} <= set(result)
    assert sum(result["confusion"]["P1"].values()) == 0 or result["p1_recall"] >= 0.9
    assert result["accuracy"] >= 0.75
    assert result["confusion"]["P3"]["none"] == 0  # every report was assessed
    text = cli("eval", "priority", folder).stdout
    assert "intended \\ decided" in text
    assert "accuracy" in text

    rid = str(ids[0])
    explained = cli("assess", rid, "--explain").stdout
    assert explained.startswith(f"report {rid}: ")
    assert "signals:" in explained
    decided = json.loads(cli("assess", rid, "--json").stdout)
    out = json.loads(
        cli("override", rid, "P1", "--reason", "new_information", "--note", "a call from police").stdout
    )
    assert out["priority"] == "P1"
    assert out["auto_priority"] == decided["auto_priority"]
    assert "override: P1" in cli("assess", rid).stdout
    out = json.loads(cli("override", rid, "auto", "--reason", "analyst_judgement", "--note", "undo").stdout)
    assert out["priority"] == decided["auto_priority"]
    assert json.loads(cli("note", rid, "Checked with the provider.").stdout)["note_id"] >= 1
    cli("override", rid, "P9", "--reason", "other", "--note", "x", code=2)


def test_bad_input(cli: Cli, tmp_path: Path) -> None:
    cli("db", "upgrade")
    assert "not a synth folder" in cli("eval", "priority", tmp_path / "nowhere", code=2).stderr
    assert "report_not_found" in cli("assess", str(uuid.uuid4()), code=1).stderr
