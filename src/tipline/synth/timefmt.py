"""Integer epoch seconds to ISO 8601 with an offset (Z for UTC), fast."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

MINUTE = 60
HOUR = 3600
DAY = 86_400
YEAR = 31_557_600  # 365.25 days

_EPOCH = datetime(1970, 1, 1, tzinfo=UTC)
_DATES: dict[int, str] = {}


def _suffix(offset_hours: int) -> str:
    if offset_hours == 0:
        return "Z"
    sign = "+" if offset_hours > 0 else "-"
    return f"{sign}{abs(offset_hours):02d}:00"


_SUFFIXES = {h: _suffix(h) for h in range(-12, 15)}


def iso(ts: int, offset_hours: int) -> str:
    """``ts`` (seconds since 1970, UTC) written in the given UTC offset, e.g. 2025-03-01T10:00:00+01:00."""
    day, sec = divmod(int(ts) + offset_hours * HOUR, DAY)
    date = _DATES.get(day)
    if date is None:
        date = _DATES[day] = (_EPOCH + timedelta(days=day)).date().isoformat()
    hours, rest = divmod(sec, HOUR)
    minutes, seconds = divmod(rest, MINUTE)
    return f"{date}T{hours:02d}:{minutes:02d}:{seconds:02d}{_SUFFIXES[offset_hours]}"


def epoch(year: int, month: int = 1, day: int = 1) -> int:
    return int(datetime(year, month, day, tzinfo=UTC).timestamp())
