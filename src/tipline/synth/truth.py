"""Reading a synth folder's ground truth (``truth.jsonl``), for the evaluations."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any


def read_truth(folder: Path) -> list[dict[str, Any]]:
    """One dict per report, in the order of ``reports.jsonl``."""
    with (folder / "truth.jsonl").open() as lines:
        return [json.loads(line) for line in lines if line.strip()]
