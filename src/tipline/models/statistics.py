"""Statistics kept per month of receipt (aggregates only, no personal data, Art. 83(4)).

A month's partial holds the grouped rows of every statistics pass over the reports received in it.
It is valid while the month's generation is the one it was computed at: any change to a report,
assessment, referral, outcome, file or item of that month bumps the generation in the same unit of
work (``statistics.freshness``)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import JSON, BigInteger, String
from sqlalchemy.orm import Mapped, mapped_column

from tipline.core.clock import utc_now
from tipline.core.orm import Base


class StatsGeneration(Base):
    __tablename__ = "stats_generations"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)  # YYYY-MM (UTC)
    generation: Mapped[int] = mapped_column(BigInteger, default=0)


class StatsPartial(Base):
    __tablename__ = "stats_partials"

    month: Mapped[str] = mapped_column(String(7), primary_key=True)
    generation: Mapped[int] = mapped_column(BigInteger)
    version: Mapped[int]  # the shape of the passes (statistics.partials.VERSION)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON)
    computed_at: Mapped[datetime] = mapped_column(default=utc_now)
