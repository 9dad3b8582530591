"""`tipline eval load` and `tipline eval linking` end to end on a small synth folder (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli


def test_load_then_evaluate_linking(cli: Cli, tmp_path: Path) -> None:
    folder = tmp_path / "synth"
    cli("synth", "--out", folder, "--reports", "120", "--seed", "3", "--bytes-share", "0")
    providers = {json.loads(line)["provider"] for line in (folder / "truth.jsonl").read_text().splitlines()}
    assert f"120 reports of {len(providers)} providers submitted" in cli("eval", "load", folder).stderr
    cli("eval", "load", folder)  # again: resubmissions are the same reports
    result = json.loads(cli("eval", "linking", folder, "--json").stdout)
    assert result["reports"] == 120
    assert result["not_found"] == 0
    assert result["not_linked_yet"] == 0  # the pending jobs ran
    assert result["true_pairs"] > 0  # recurring people are in a folder this size
    assert result["precision"] >= 0.9
    assert result["recall"] >= 0.9
    assert "precision" in cli("eval", "linking", folder).stdout
    stats = json.loads(cli("stats", "--json").stdout.strip().splitlines()[-1])
    assert sum(stats["linking"]["subjects"].values()) >= result["subjects"]  # every person, not just leads
    assert sum(stats["forwarding"]["referrals"].values()) > 0  # the reports were routed


def test_load_refuses_what_it_cannot_load(cli: Cli, tmp_path: Path) -> None:
    cli("eval", "load", tmp_path, code=2)
    cli("eval", "linking", tmp_path, code=2)
    folder = tmp_path / "with-bytes"
    cli("synth", "--out", folder, "--reports", "20", "--seed", "3", "--bytes-share", "1")
    assert "bytes-share 0" in cli("eval", "load", folder, code=2).stderr
