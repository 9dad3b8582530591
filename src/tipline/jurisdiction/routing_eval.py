"""Measure the jurisdiction decisions against a synth folder's ground truth (``truth.jsonl``).

The folder must have been submitted already; reports are found by their provider_report_id.
``accuracy``: among reports whose truth can be read off the report (``inferable``), the share decided
with the true route and the same set of states. ``wrong_state``: among all reports, the share whose
decision names a member state the truth does not (the error that sends a report to the wrong police).
``undetermined_when_not_inferable``: among the others, the share left to Europol as undetermined. A
report not yet decided counts in the column ``none`` and as inaccurate.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.models import Report, ReportJurisdiction

ROUTES = ("member_states", "international", "undetermined")
COLUMNS = (*ROUTES, "none")


@dataclass
class RoutingEval:
    matrix: dict[str, dict[str, int]] = field(
        default_factory=lambda: {t: dict.fromkeys(COLUMNS, 0) for t in ROUTES}
    )
    inferable: int = 0
    correct: int = 0
    not_inferable: int = 0
    undetermined_when_not_inferable: int = 0
    wrong_state: int = 0
    missing: int = 0  # truth lines whose report is not in the database

    def add(self, truth: dict[str, Any], route: str | None, states: Sequence[str]) -> None:
        self.matrix[truth["route"]][route or "none"] += 1
        true_states = set(truth["states"])
        if set(states) - true_states:
            self.wrong_state += 1
        if truth["inferable"]:
            self.inferable += 1
            self.correct += route == truth["route"] and set(states) == true_states
        else:
            self.not_inferable += 1
            self.undetermined_when_not_inferable += route == "undetermined"

    @property
    def total(self) -> int:
        return self.inferable + self.not_inferable

    def as_dict(self) -> dict[str, Any]:
        def share(n: int, of: int) -> float:
            return round(n / of, 4) if of else 1.0

        return {
            "reports": self.total,
            "not_found": self.missing,
            "inferable": self.inferable,
            "not_inferable": self.not_inferable,
            "accuracy": share(self.correct, self.inferable),
            "wrong_state": share(self.wrong_state, self.total) if self.total else 0.0,
            "undetermined_when_not_inferable": share(
                self.undetermined_when_not_inferable, self.not_inferable
            ),
            "confusion": self.matrix,
        }


def evaluate(session: Session, truths: Sequence[dict[str, Any]]) -> RoutingEval:
    result = RoutingEval()
    ids = [t["provider_report_id"] for t in truths]
    decided: dict[str, tuple[str | None, list[str]]] = {}
    for chunk in chunks(ids, 1000):
        query = (
            select(Report.provider_report_id, ReportJurisdiction.route, ReportJurisdiction.states)
            .outerjoin(ReportJurisdiction, ReportJurisdiction.report_id == Report.id)
            .where(Report.provider_report_id.in_(chunk))
        )
        decided.update({rid: (route, states or []) for rid, route, states in session.execute(query)})
    for t in truths:
        rid = t["provider_report_id"]
        if rid not in decided:
            result.missing += 1
            continue
        route, states = decided[rid]
        result.add(t["jurisdiction"], route, states)
    return result


def render(result: RoutingEval) -> str:
    d = result.as_dict()
    lines = ["truth \\ decided    " + "".join(f"{c:>15}" for c in COLUMNS)]
    for t in ROUTES:
        lines.append(f"{t:<19}" + "".join(f"{result.matrix[t][c]:>15}" for c in COLUMNS))
    lines.append("")
    lines.append(
        f"reports {d['reports']}  inferable {d['inferable']}  not inferable {d['not_inferable']}"
        + (f"  (not found: {result.missing})" if result.missing else "")
    )
    lines.append(f"accuracy where inferable          {d['accuracy']:.4f}")
    lines.append(f"wrong state (of all reports)      {d['wrong_state']:.4f}")
    lines.append(f"undetermined where not inferable  {d['undetermined_when_not_inferable']:.4f}")
    return "\n".join(lines)
