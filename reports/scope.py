"""What a report covers: a period of local dates and, optionally, one unit."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from ppid.workdays import office_timezone

from .periods import Period

ONE_DAY = dt.timedelta(days=1)  # the end of a period of local dates, never a deadline


@dataclass(frozen=True)
class Scope:
    period: Period
    unit_id: int | None = None
    tz: ZoneInfo | None = None

    @property
    def timezone(self) -> ZoneInfo:
        return self.tz or office_timezone()

    @property
    def start_moment(self) -> dt.datetime:
        return dt.datetime.combine(self.period.start, dt.time.min, tzinfo=self.timezone)

    @property
    def end_moment(self) -> dt.datetime:
        """The first moment after the period (exclusive bound)."""
        return dt.datetime.combine(self.period.end + ONE_DAY, dt.time.min, tzinfo=self.timezone)
