"""Every table; importing this package registers all mappers (and gives Alembic one import)."""

from tipline.core.orm import Base
from tipline.models.provider import ApiKey, Provider
from tipline.models.report import Report, ReportEvent, ReportFile

__all__ = ["ApiKey", "Base", "Provider", "Report", "ReportEvent", "ReportFile"]
