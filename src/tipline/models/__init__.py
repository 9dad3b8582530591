"""Every table; importing this package registers all mappers (and gives Alembic one import)."""

from tipline.core.orm import Base
from tipline.models.assessment import (
    Assessment,
    Bundle,
    Item,
    ItemSighting,
    ReportNote,
    ReportSupplement,
)
from tipline.models.audit import AuditRecord
from tipline.models.bank import Bank, BankImport, Counter, Indicator, IndicatorEvent, Match
from tipline.models.casework import Hold, NarrativeCase, NarrativeImport, Outcome
from tipline.models.forwarding import Agency, AgencyKey, Referral, RoutingPolicy, WebhookDelivery
from tipline.models.job import Job
from tipline.models.jurisdiction import ReportJurisdiction
from tipline.models.linking import (
    IdentifierAccount,
    IdentifierUse,
    ReportIdentifier,
    Subject,
    SubjectLink,
    SubjectMember,
)
from tipline.models.provider import ApiKey, Provider
from tipline.models.report import Report, ReportEvent, ReportFile
from tipline.models.statistics import StatsGeneration, StatsPartial
from tipline.models.user import EvidenceView, User, UserSession

__all__ = [
    "EvidenceView",
    "Hold",
    "NarrativeCase",
    "NarrativeImport",
    "Outcome",
    "User",
    "UserSession",
    "Agency",
    "AgencyKey",
    "Referral",
    "RoutingPolicy",
    "WebhookDelivery",
    "ApiKey",
    "Assessment",
    "Bundle",
    "Item",
    "ItemSighting",
    "ReportNote",
    "ReportSupplement",
    "AuditRecord",
    "Bank",
    "BankImport",
    "Base",
    "Counter",
    "Indicator",
    "IndicatorEvent",
    "Job",
    "ReportJurisdiction",
    "Match",
    "Provider",
    "Report",
    "ReportEvent",
    "ReportFile",
    "StatsGeneration",
    "StatsPartial",
    "ReportIdentifier",
    "IdentifierAccount",
    "IdentifierUse",
    "Subject",
    "SubjectLink",
    "SubjectMember",
]
