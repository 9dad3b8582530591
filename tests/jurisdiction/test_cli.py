"""`tipline eval routing` end to end on a small synth folder (in-process)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.cli.conftest import Cli, cli, database  # noqa: F401  (the shared command-line fixtures)
from tests.cli.test_assess_cli import submitted_synth


def test_eval_routing(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    folder, _ = submitted_synth(cli, tmp_path, n=60)
    result = json.loads(cli("eval", "routing", folder, "--json").stdout)
    assert result["reports"] == 60
    assert result["not_found"] == 0
    assert result["accuracy"] >= 0.97
    assert result["wrong_state"] == 0.0
    assert result["undetermined_when_not_inferable"] == 1.0
    assert result["confusion"]["member_states"]["none"] == 0  # every report was decided
    text = cli("eval", "routing", folder).stdout
    assert "truth \\ decided" in text
    assert "accuracy where inferable" in text


def test_eval_routing_refuses_a_folder_without_truth(cli: Cli, tmp_path: Path) -> None:  # noqa: F811
    cli("eval", "routing", tmp_path, code=2)
