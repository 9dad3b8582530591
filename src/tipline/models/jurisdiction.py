"""The jurisdiction decision per report: route, competent states, certainty (plain, for forwarding and
statistics) and the reasons (sealed: a reason's note may name a network the person used)."""

from __future__ import annotations

import uuid
from datetime import datetime

from sqlalchemy import JSON, Float, ForeignKey, LargeBinary, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base


class ReportJurisdiction(Base):
    """tipline's current jurisdiction decision on one report; each change is also a report event."""

    __tablename__ = "jurisdictions"

    report_id: Mapped[uuid.UUID] = mapped_column(
        ForeignKey("reports.id", ondelete="CASCADE"), primary_key=True
    )
    # member_states | international | undetermined
    route: Mapped[str] = mapped_column(String(16), index=True)
    states: Mapped[list[str]] = mapped_column(JSON)  # competent member states (ISO), strongest first
    countries: Mapped[list[str]] = mapped_column(JSON)  # non-EU countries indicated
    certainty: Mapped[float] = mapped_column(Float)
    reason_kinds: Mapped[list[str]] = mapped_column(JSON)
    reasons_sealed: Mapped[bytes] = mapped_column(LargeBinary)
    version: Mapped[int] = mapped_column(default=1)
    decided_at: Mapped[datetime] = mapped_column(default=utc_now)
