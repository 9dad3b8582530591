"""Measure the priority decisions against a synth folder's ground truth (``truth.jsonl``).

The folder must have been submitted already; reports are found by their provider_report_id. The
confusion matrix has the intended priority in rows and tipline's decision in columns; a report not yet
assessed counts in the column ``none``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.models import Assessment, Report

LEVELS = ("P1", "P2", "P3", "INFO")
COLUMNS = (*LEVELS, "none")


@dataclass
class PriorityEval:
    matrix: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(COLUMNS, 0) for t in LEVELS}
    )
    by_scenario: dict[str, dict[str, int]] = field(default_factory=dict)
    missing: int = 0  # truth lines whose report is not in the database

    def add(self, truth: str, decided: str | None, scenario: str) -> None:
        self.matrix[truth][decided or "none"] += 1
        s = self.by_scenario.setdefault(scenario, {"reports": 0, "correct": 0})
        s["reports"] += 1
        s["correct"] += decided == truth

    @property
    def total(self) -> int:
        return sum(sum(row.values()) for row in self.matrix.values())

    def recall(self, level: str) -> float:
        row = self.matrix[level]
        n = sum(row.values())
        return row[level] / n if n else 1.0

    def precision(self, level: str) -> float:
        n = sum(self.matrix[t][level] for t in LEVELS)
        return self.matrix[level][level] / n if n else 1.0

    @property
    def accuracy(self) -> float:
        return sum(self.matrix[t][t] for t in LEVELS) / self.total if self.total else 0.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.total,
            "not_found": self.missing,
            "accuracy": round(self.accuracy, 4),
            "p1_recall": round(self.recall("P1"), 4),
            "p1_precision": round(self.precision("P1"), 4),
            "recall": {level: round(self.recall(level), 4) for level in LEVELS},
            "precision": {level: round(self.precision(level), 4) for level in LEVELS},
            "confusion": self.matrix,
            "by_scenario": self.by_scenario,
        }


def evaluate(session: Session, truths: Sequence[dict[str, Any]]) -> PriorityEval:
    result = PriorityEval()
    ids = [t["provider_report_id"] for t in truths]
    decided: dict[str, str | None] = {}
    for chunk in chunks(ids, 1000):
        query = (
            select(Report.provider_report_id, Assessment.priority)
            .outerjoin(Assessment, Assessment.report_id == Report.id)
            .where(Report.provider_report_id.in_(chunk))
        )
        decided.update({rid: priority for rid, priority in session.execute(query)})
    for t in truths:
        rid = t["provider_report_id"]
        if rid not in decided:
            result.missing += 1
            continue
        result.add(t["priority"], decided[rid], t.get("scenario", "?"))
    return result


def render(result: PriorityEval) -> str:
    lines = ["intended \\ decided  " + "".join(f"{c:>7}" for c in COLUMNS)]
    for t in LEVELS:
        lines.append(f"{t:<19}" + "".join(f"{result.matrix[t][c]:>7}" for c in COLUMNS))
    lines.append("")
    lines.append(
        f"reports {result.total}  accuracy {result.accuracy:.3f}  P1 recall {result.recall('P1'):.3f}  "
        f"P1 precision {result.precision('P1'):.3f}"
        + (f"  (not found: {result.missing})" if result.missing else "")
    )
    for level in LEVELS[1:]:
        lines.append(f"{level} recall {result.recall(level):.3f}  precision {result.precision(level):.3f}")
    lines.append(
        "by scenario: "
        + ", ".join(f"{name} {s['correct']}/{s['reports']}" for name, s in sorted(result.by_scenario.items()))
    )
    return "\n".join(lines)
