"""Roles and their permissions, as data (pure).

Clearinghouse analysts work every incoming report; supervisors also read the audit trail and their
team's exposure. Law-enforcement officers work what was forwarded to their own agency, and nothing
else; their supervisors also lift holds. Curators manage indicator banks, auditors read and verify the
audit trail, administrators manage users. Nobody holds every permission: an administrator cannot read
reports, an auditor cannot change anything. Statistics are aggregates: caseworkers and auditors see
them (law enforcement only for its own agency's referrals); provider scorecards and the review of
imported case narratives are the clearinghouse's.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass
from enum import StrEnum

from tipline.core.errors import Forbidden


class Role(StrEnum):
    analyst = "analyst"  # clearinghouse analyst
    supervisor = "supervisor"  # clearinghouse supervisor
    le_officer = "le_officer"
    le_supervisor = "le_supervisor"
    curator = "curator"  # indicator curator
    auditor = "auditor"
    admin = "admin"

    @property
    def is_law_enforcement(self) -> bool:
        return self in LAW_ENFORCEMENT

    @property
    def is_clearinghouse(self) -> bool:
        return self in CLEARINGHOUSE


CLEARINGHOUSE = frozenset({Role.analyst, Role.supervisor})
LAW_ENFORCEMENT = frozenset({Role.le_officer, Role.le_supervisor})
CASEWORKERS = CLEARINGHOUSE | LAW_ENFORCEMENT


class Permission(StrEnum):
    queue_read = "queue.read"
    report_read = "report.read"
    evidence_view = "evidence.view"
    priority_override = "report.override_priority"
    information_request = "report.request_information"
    unfounded_mark = "report.mark_unfounded"
    report_forward = "report.forward"
    link_decide = "link.decide"
    referral_act = "referral.act"  # acknowledge, decline
    hold_request = "hold.request"
    hold_lift = "hold.lift"
    outcome_record = "outcome.record"
    team_exposure = "team.exposure"
    audit_read = "audit.read"
    banks_read = "banks.read"
    users_manage = "users.manage"
    statistics_read = "statistics.read"
    scorecards_read = "scorecards.read"
    narratives_review = "narratives.review"


GRANTS: dict[Permission, frozenset[Role]] = {
    Permission.queue_read: CASEWORKERS,
    Permission.report_read: CASEWORKERS,
    Permission.evidence_view: CASEWORKERS,
    Permission.priority_override: CLEARINGHOUSE,
    Permission.information_request: CLEARINGHOUSE,
    Permission.unfounded_mark: CLEARINGHOUSE,
    Permission.report_forward: CLEARINGHOUSE,
    Permission.link_decide: CLEARINGHOUSE,
    Permission.referral_act: LAW_ENFORCEMENT,
    Permission.hold_request: LAW_ENFORCEMENT,
    Permission.hold_lift: frozenset({Role.le_supervisor}),
    Permission.outcome_record: LAW_ENFORCEMENT,
    Permission.team_exposure: frozenset({Role.supervisor, Role.le_supervisor}),
    Permission.audit_read: frozenset({Role.auditor, Role.supervisor}),
    Permission.banks_read: frozenset({Role.curator, Role.supervisor}),
    Permission.users_manage: frozenset({Role.admin}),
    Permission.statistics_read: CASEWORKERS | {Role.auditor},
    Permission.scorecards_read: CLEARINGHOUSE | {Role.auditor},
    Permission.narratives_review: CLEARINGHOUSE,
}


@dataclass(frozen=True)
class Principal:
    """A signed-in person (detached: ids and names only)."""

    user_id: uuid.UUID
    username: str
    role: Role
    agency_id: uuid.UUID | None = None
    agency_code: str | None = None

    @property
    def actor(self) -> str:
        return f"user:{self.user_id}"

    def can(self, permission: Permission) -> bool:
        return self.role in GRANTS[permission]


def require(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise Forbidden("your role does not allow this", code="role_forbidden")
