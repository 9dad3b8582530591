"""The routing policy as a table: policy x jurisdiction x assessment -> agencies, or why it waits."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from tests.forwarding.conftest import DE, DE_FR, INTERNATIONAL, UNDETERMINED
from tipline.forwarding.policy import (
    AgencyKind,
    Facts,
    Hold,
    Policy,
    PolicyName,
    Reason,
    plan,
    resolve,
)
from tipline.jurisdiction.decision import Jurisdiction

COMMISSION = Policy(PolicyName.commission)
NARROW = Policy(PolicyName.narrow)
READY = Facts("assessed", "P3")


def names(p: Policy, j: Jurisdiction | None, facts: Facts = READY) -> list[tuple[str, str | None, str]]:
    return [(t.kind.value, t.country, t.reason.value) for t in plan(p, j, facts).targets]


@pytest.mark.parametrize(
    ("policy", "jurisdiction", "expected"),
    [
        (COMMISSION, DE, [("member_state", "DE", "competent_state"), ("europol", None, "europol_policy")]),
        (
            COMMISSION,
            DE_FR,
            [
                ("member_state", "DE", "competent_state"),
                ("member_state", "FR", "competent_state"),
                ("europol", None, "europol_policy"),
            ],
        ),
        (COMMISSION, UNDETERMINED, [("europol", None, "undetermined")]),
        (
            COMMISSION,
            INTERNATIONAL,
            [("international", None, "international"), ("europol", None, "europol_policy")],
        ),
        (NARROW, DE, [("member_state", "DE", "competent_state")]),
        (
            NARROW,
            DE_FR,
            [("member_state", "DE", "competent_state"), ("member_state", "FR", "competent_state")],
        ),
        (NARROW, UNDETERMINED, [("europol", None, "undetermined")]),
        (NARROW, INTERNATIONAL, [("international", None, "international")]),
        (NARROW, Jurisdiction(route="member_states"), [("europol", None, "undetermined")]),
    ],
)
def test_where_reports_go(policy: Policy, jurisdiction: Jurisdiction, expected: list[object]) -> None:
    assert names(policy, jurisdiction) == expected


@pytest.mark.parametrize(
    ("facts", "jurisdiction", "hold", "urgent", "targets"),
    [
        (Facts(None, None), DE, Hold.not_assessed, False, 0),
        (Facts("unfounded", "INFO"), DE, Hold.unfounded, False, 0),
        (Facts("unfounded", "P1"), DE, Hold.unfounded, False, 0),  # never forwarded, whatever the priority
        (Facts("incomplete", "P2"), DE, Hold.awaiting_information, False, 0),
        (Facts("incomplete", "P1"), DE, None, True, 2),  # P1 does not wait for the provider
        (Facts("assessed", "P1"), DE, None, True, 2),
        (Facts("assessed", "INFO"), DE, None, False, 2),
        (Facts("assessed", "P2"), None, Hold.awaiting_jurisdiction, False, 0),
        (Facts("assessed", "P1"), None, None, True, 1),  # P1 does not wait for jurisdiction: Europol now
    ],
)
def test_when_reports_go(
    facts: Facts, jurisdiction: Jurisdiction | None, hold: Hold | None, urgent: bool, targets: int
) -> None:
    p = plan(COMMISSION, jurisdiction, facts)
    assert (p.hold, p.urgent, len(p.targets)) == (hold, urgent, targets)


def test_p1_without_jurisdiction_goes_to_europol_as_undetermined() -> None:
    assert names(NARROW, None, Facts("incomplete", "P1")) == [("europol", None, "undetermined")]


@dataclass(frozen=True)
class A:
    code: str
    kind: str
    country: str


def test_resolve_falls_back_to_europol_and_dedupes() -> None:
    agencies = [
        A("DE", "member_state", "DE"),
        A("EUROPOL", "europol", "EU"),
        A("INTL", "international", "INT"),
    ]
    targets = plan(COMMISSION, DE_FR, READY).targets
    picked = [(a.code, r.value) for a, r in resolve(targets, agencies)]
    # FR has no agency: Europol instead; Europol is sent once, with its first reason
    assert picked == [("DE", "competent_state"), ("EUROPOL", "no_agency_for_state")]
    assert resolve(plan(NARROW, DE, READY).targets, []) == []
    assert AgencyKind.europol.value == "europol"
    assert Reason.analyst.value == "analyst"
