"""Measure subjects against a synth folder's ground truth (``truth.jsonl``): pairwise precision and
recall over reports.

Two reports form a *true pair* when their lead reported persons are the same true person
(``subject_id``), and a *linked pair* when tipline put their lead persons in one subject. Precision is
the share of linked pairs that are true, recall the share of true pairs that are linked. Counted from
the contingency table of (true person, subject), so a million reports cost no pair enumeration.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from tipline.core.chunks import chunks
from tipline.models import Report, SubjectMember


def _pairs(n: int) -> int:
    return n * (n - 1) // 2


@dataclass
class LinkingEval:
    reports: int = 0
    missing: int = 0  # truth lines whose report is not in the database
    unlinked: int = 0  # reports found but with no subject for the lead (not assessed yet)
    true_pairs: int = 0
    linked_pairs: int = 0
    correct_pairs: int = 0
    subjects: int = 0
    true_people: int = 0
    by_scenario: dict[str, dict[str, int]] = field(default_factory=dict)

    @property
    def precision(self) -> float:
        return self.correct_pairs / self.linked_pairs if self.linked_pairs else 1.0

    @property
    def recall(self) -> float:
        return self.correct_pairs / self.true_pairs if self.true_pairs else 1.0

    def as_dict(self) -> dict[str, Any]:
        return {
            "reports": self.reports,
            "not_found": self.missing,
            "not_linked_yet": self.unlinked,
            "precision": round(self.precision, 4),
            "recall": round(self.recall, 4),
            "true_pairs": self.true_pairs,
            "linked_pairs": self.linked_pairs,
            "correct_pairs": self.correct_pairs,
            "subjects": self.subjects,
            "true_people": self.true_people,
        }


def evaluate(session: Session, truths: Sequence[dict[str, Any]]) -> LinkingEval:
    result = LinkingEval()
    ids = [t["provider_report_id"] for t in truths]
    subject_of: dict[str, Any] = {}
    found: set[str] = set()
    for chunk in chunks(ids, 1000):
        query = (
            select(Report.provider_report_id, SubjectMember.subject_id)
            .outerjoin(SubjectMember, (SubjectMember.report_id == Report.id) & SubjectMember.lead.is_(True))
            .where(Report.provider_report_id.in_(chunk))
        )
        for rid, subject_id in session.execute(query):
            found.add(rid)
            if subject_id is not None:
                subject_of[rid] = subject_id
    truth_sizes: Counter[str] = Counter()
    pred_sizes: Counter[Any] = Counter()
    both: Counter[tuple[str, Any]] = Counter()
    for t in truths:
        rid = t["provider_report_id"]
        if rid not in found:
            result.missing += 1
            continue
        result.reports += 1
        person = t["subject_id"]
        subject = subject_of.get(rid)
        if subject is None:
            result.unlinked += 1
            subject = ("unlinked", rid)  # a report without a subject links to nothing
        truth_sizes[person] += 1
        pred_sizes[subject] += 1
        both[(person, subject)] += 1
    result.true_pairs = sum(_pairs(n) for n in truth_sizes.values())
    result.linked_pairs = sum(_pairs(n) for n in pred_sizes.values())
    result.correct_pairs = sum(_pairs(n) for n in both.values())
    result.subjects = len(pred_sizes)
    result.true_people = len(truth_sizes)
    return result


def render(result: LinkingEval) -> str:
    lines = [
        f"reports {result.reports}  true people {result.true_people}  subjects {result.subjects}",
        f"pairs: true {result.true_pairs}  linked {result.linked_pairs}  correct {result.correct_pairs}",
        f"precision {result.precision:.4f}  recall {result.recall:.4f}",
    ]
    if result.missing:
        lines.append(f"not found: {result.missing} (submit the folder first)")
    if result.unlinked:
        lines.append(f"not linked yet: {result.unlinked} (run the worker)")
    return "\n".join(lines)
