"""Routing policy: which agencies a report goes to, and when. Pure functions over already-loaded data.

Art. 48(3) of the Commission's proposal: every report that is not manifestly unfounded goes to Europol
and to the competent authority of each member state concerned; when no member state can be determined,
to Europol alone. Some member states argue for a narrower rule: Europol only when the state is
undetermined. Both are named policies here, chosen by configuration (``tipline routing set``); the
choice is versioned and audited, and each referral names the version that produced it.

When: a P1 report (imminent risk, Art. 48(4)) is forwarded at once, even while tipline still waits for
information from the provider; other reports when assessed complete. A manifestly unfounded report is
never forwarded.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum
from typing import Protocol, TypeVar

from tipline.jurisdiction.decision import Jurisdiction


class PolicyName(StrEnum):
    commission = "commission"  # member state(s) and Europol, always
    narrow = "narrow"  # member state(s); Europol only when undetermined


class AgencyKind(StrEnum):
    member_state = "member_state"
    europol = "europol"
    international = "international"


class Reason(StrEnum):
    """Why an agency received a report."""

    competent_state = "competent_state"  # the jurisdiction named its member state
    europol_policy = "europol_policy"  # the policy sends every report to Europol
    undetermined = "undetermined"  # no member state determined: Europol analyses it (Art. 48(3))
    international = "international"  # the evidence points outside the EU
    no_agency_for_state = "no_agency_for_state"  # the state has no active agency: Europol instead
    analyst = "analyst"  # added by an analyst (re-routing)


class Hold(StrEnum):
    """Why a report is not forwarded (yet)."""

    not_assessed = "not_assessed"
    awaiting_jurisdiction = "awaiting_jurisdiction"  # no jurisdiction decision yet (P1 does not wait)
    unfounded = "unfounded"
    awaiting_information = "awaiting_information"


@dataclass(frozen=True)
class Policy:
    name: PolicyName = PolicyName.commission
    disclose_agencies: bool = False  # may the provider see which agencies received its report
    version: int | None = None  # the routing_policies row; None: the built-in default


DEFAULT = Policy()


@dataclass(frozen=True)
class Facts:
    """What routing reads of the assessment."""

    state: str | None  # assessed | incomplete | unfounded; None when not assessed yet
    priority: str | None  # P1 | P2 | P3 | INFO


@dataclass(frozen=True)
class Target:
    kind: AgencyKind
    country: str | None  # a member state for member_state targets
    reason: Reason


@dataclass(frozen=True)
class Plan:
    targets: tuple[Target, ...]
    hold: Hold | None  # set when nothing is to be sent now
    urgent: bool


def plan(policy: Policy, jurisdiction: Jurisdiction | None, facts: Facts) -> Plan:
    """Where the report goes under ``policy``, or why it waits. ``jurisdiction`` None: not decided yet;
    a P1 report does not wait for it and goes to Europol as undetermined (the competent state's
    authority is added when the decision arrives and routing runs again)."""
    urgent = facts.priority == "P1"
    if facts.state is None:
        return Plan((), Hold.not_assessed, urgent)
    if facts.state == "unfounded":
        return Plan((), Hold.unfounded, False)
    if facts.state == "incomplete" and not urgent:
        return Plan((), Hold.awaiting_information, urgent)
    if jurisdiction is None:
        if not urgent:
            return Plan((), Hold.awaiting_jurisdiction, urgent)
        jurisdiction = UNDETERMINED
    return Plan(_targets(policy, jurisdiction), None, urgent)


UNDETERMINED = Jurisdiction(route="undetermined")


def _targets(policy: Policy, j: Jurisdiction) -> tuple[Target, ...]:
    if j.route == "member_states" and j.states:
        out = [Target(AgencyKind.member_state, s, Reason.competent_state) for s in dict.fromkeys(j.states)]
        if policy.name is PolicyName.commission:
            out.append(Target(AgencyKind.europol, None, Reason.europol_policy))
        return tuple(out)
    if j.route == "international":
        out = [Target(AgencyKind.international, None, Reason.international)]
        if policy.name is PolicyName.commission:
            out.append(Target(AgencyKind.europol, None, Reason.europol_policy))
        return tuple(out)
    return (Target(AgencyKind.europol, None, Reason.undetermined),)


class AgencyLike(Protocol):
    @property
    def code(self) -> str: ...
    @property
    def kind(self) -> str: ...
    @property
    def country(self) -> str: ...


A = TypeVar("A", bound=AgencyLike)


def resolve(targets: Sequence[Target], agencies: Sequence[A]) -> list[tuple[A, Reason]]:
    """The active agencies for ``targets``, each once (its first reason). A member state without an
    active agency falls back to Europol, so that no report is dropped for want of a registry entry;
    with no Europol either, the result is empty for that target and the caller must say so."""
    by_kind: dict[tuple[str, str | None], list[A]] = {}
    for a in agencies:
        key = (a.kind, a.country if a.kind == AgencyKind.member_state else None)
        by_kind.setdefault(key, []).append(a)
    chosen: dict[str, tuple[A, Reason]] = {}
    for t in targets:
        found = by_kind.get((t.kind.value, t.country), [])
        reason = t.reason
        if not found and t.kind is AgencyKind.member_state:
            found, reason = by_kind.get((AgencyKind.europol.value, None), []), Reason.no_agency_for_state
        for a in found:
            chosen.setdefault(a.code, (a, reason))
    return list(chosen.values())
