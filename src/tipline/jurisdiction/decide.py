"""The jurisdiction decision: which member state(s) are likely competent for a report (Art. 48(3)).

Pure: the report's content in, a Jurisdiction out. Each person is placed on their own: the weights of
their reasons are summed per country (evidence.py says what each fact weighs) and the heaviest country
wins if it is clearly ahead and carries enough evidence. The person's certainty is the winner's share
of all the weight, scaled down when the evidence is thin:

    certainty = weight(winner) / weight(all) * min(1, weight(all) / FULL_EVIDENCE)

The competent states are the member states where suspects were placed, then those of victims (the
victim's state is competent even when the suspect is outside the EU or cannot be placed), then a state
whose authority already served legal process. No member state but every suspect placed outside the EU:
the international route (as NCMEC and Interpol would). Anything else is undetermined, for Europol to
analyse.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from typing import Any

from tipline.jurisdiction.decision import EU_MEMBER_STATES, Jurisdiction
from tipline.jurisdiction.evidence import Person, collect

MIN_WEIGHT = 1.5  # at least one solid fact: a login from a home network, a phone, a location estimate
MIN_CERTAINTY = 0.3
MIN_MARGIN = 1.25  # the winner's weight over the runner-up's; closer than that is a coin toss
FULL_EVIDENCE = 4.0  # this much weight in all is enough for full certainty (e.g. two logins)
AUTHORITY_CERTAINTY = 0.5  # a state whose authority served legal process: competent, not certain


@dataclass(frozen=True)
class Placement:
    """Where one person is, if that can be said (``country`` None), and how certain."""

    role: str
    country: str | None
    certainty: float


def place(person: Person) -> Placement:
    """The person's country by weight of evidence, or None when too thin, too close or too uncertain."""
    totals: dict[str, float] = defaultdict(float)
    for r in person.reasons:
        totals[r.country] += r.weight
    if not totals:
        return Placement(person.role, None, 0.0)
    ranked = sorted(totals.items(), key=lambda kv: (-kv[1], kv[0]))
    winner, weight = ranked[0]
    total = sum(totals.values())
    runner_up = ranked[1][1] if len(ranked) > 1 else 0.0
    certainty = round(weight / total * min(1.0, total / FULL_EVIDENCE), 4)
    if weight < MIN_WEIGHT or certainty < MIN_CERTAINTY or weight < MIN_MARGIN * runner_up:
        return Placement(person.role, None, certainty)
    return Placement(person.role, winner, certainty)


def decide(content: dict[str, Any]) -> Jurisdiction:
    people, authority = collect(content)
    placed = [place(p) for p in people]
    reasons = tuple(
        sorted(
            (r for p in people for r in p.reasons),
            key=lambda r: (r.role != "suspect", -r.weight, r.country, r.kind),
        )
    ) + tuple(authority)
    by_state: dict[str, float] = {}
    foreign: list[str] = []
    for role in ("suspect", "victim"):
        ranked = sorted((p for p in placed if p.role == role and p.country), key=lambda p: -p.certainty)
        for p in ranked:
            assert p.country is not None
            if p.country in EU_MEMBER_STATES:
                by_state.setdefault(p.country, p.certainty)
            elif p.country not in foreign:
                foreign.append(p.country)
    for r in authority:
        if r.country in EU_MEMBER_STATES:
            by_state.setdefault(r.country, AUTHORITY_CERTAINTY)
    suspects = [p for p in placed if p.role == "suspect"]
    if by_state:
        return Jurisdiction(
            "member_states",
            tuple(by_state),
            min(by_state.values()),
            reasons,
            tuple(foreign),
        )
    everyone = suspects or placed
    if everyone and all(p.country for p in everyone):
        return Jurisdiction(
            "international",
            (),
            min(p.certainty for p in everyone),
            reasons,
            tuple(foreign),
        )
    best = max((p.certainty for p in placed), default=0.0)
    return Jurisdiction("undetermined", (), best, reasons, tuple(foreign))


def reason_kinds(decision: Jurisdiction) -> list[str]:
    """The kinds of evidence behind a decision (no countries, no identifiers): for events and logs."""
    return sorted({r.kind for r in decision.reasons})
