"""The report schema (version 1.0) and API response models."""

from tipline.reports.schemas.common import Annotation, Hashes, IncidentCategory, NcmecIncidentType
from tipline.reports.schemas.files import FileDeclaration
from tipline.reports.schemas.persons import Person
from tipline.reports.schemas.read import (
    FileRead,
    FileState,
    Health,
    IndexHealth,
    Problem,
    ReportRead,
    ReportReceipt,
    ReportStatus,
)
from tipline.reports.schemas.report import SCHEMA_VERSION, ReportCreate

__all__ = [
    "SCHEMA_VERSION",
    "Annotation",
    "FileDeclaration",
    "FileRead",
    "FileState",
    "Hashes",
    "Health",
    "IndexHealth",
    "IncidentCategory",
    "NcmecIncidentType",
    "Person",
    "Problem",
    "ReportCreate",
    "ReportRead",
    "ReportReceipt",
    "ReportStatus",
]
