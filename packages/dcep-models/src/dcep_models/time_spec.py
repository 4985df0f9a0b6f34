"""The study horizon: start, length and interval."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError, available_timezones

from pydantic import Field, field_validator

from dcep_models.base import StrictModel
from dcep_models.suggest import did_you_mean


class TimeSpec(StrictModel):
    """When the study starts, how long it runs and how finely it is cut.

    ``start`` may carry an offset or be naive; a naive start is read in ``timezone``.
    ``horizon_hours`` is elapsed time, so a horizon across a daylight-saving change
    still holds ``horizon_hours * 60 / interval_minutes`` intervals.
    """

    start: datetime = Field(description="First interval start (ISO 8601, offset or naive local time)")
    timezone: str = Field("America/Chicago", description="IANA zone for market days and naive starts")
    horizon_hours: float = Field(gt=0, le=24 * 366, description="Study length in hours")
    interval_minutes: int = Field(gt=0, le=1440, description="Dispatch interval length in minutes")

    @field_validator("timezone")
    @classmethod
    def _known_zone(cls, value: str) -> str:
        try:
            ZoneInfo(value)
        except (ZoneInfoNotFoundError, ValueError) as exc:
            hint = did_you_mean(value, available_timezones())
            raise ValueError(f"unknown IANA time zone {value!r}{hint}") from exc
        return value

    @property
    def interval_hours(self) -> float:
        """Interval length in hours."""
        return self.interval_minutes / 60.0

    @property
    def n_intervals(self) -> int:
        """Number of dispatch intervals (validated to divide exactly)."""
        return round(self.horizon_hours * 60 / self.interval_minutes)

    @property
    def start_aware(self) -> datetime:
        """The start as a time-zone-aware datetime in ``timezone``."""
        zone = ZoneInfo(self.timezone)
        if self.start.tzinfo is None:
            return self.start.replace(tzinfo=zone)
        return self.start.astimezone(zone)

    def interval_starts(self) -> list[datetime]:
        """Aware start time of every interval, in ``timezone`` (elapsed-time steps)."""
        start_utc = self.start_aware.astimezone(ZoneInfo("UTC"))
        zone = ZoneInfo(self.timezone)
        step = timedelta(minutes=self.interval_minutes)
        return [(start_utc + k * step).astimezone(zone) for k in range(self.n_intervals)]
