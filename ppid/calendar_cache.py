"""The calendar's data (overrides, service hours), cached per process and never stale.

Every process keeps one ``CalendarData`` snapshot tagged with the token of the calendar's row
of the stamp table (``ppid.stamps``: triggers give it a new random token on every write to the
overrides or the service hours, whoever writes). The token is checked at most once per HTTP
request or Celery task (``stamp_scope``), together with the other stamps in one query; outside
a scope every new ``OfficeCalendar`` checks it once. A change made by this process inside a
scope (``ppid.services``) also drops the snapshot at once.

``CalendarData`` is shared by the whole process: its readers never change it.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right

from .stamps import CALENDAR_STAMP, StampedCache, read_tokens

SATURDAY = 5
ONE_DAY = dt.timedelta(days=1)  # a calendar step while walking a year, never a deadline


class CalendarData:
    """Overrides and service hours as read once, with the per-year tables derived from them."""

    def __init__(self, overrides: dict, hours: dict):
        self.overrides = overrides  # date -> (is_working_day, reason)
        self.hours = hours  # weekday -> ServiceHours
        self._non_working: dict[tuple[int, bool], frozenset[dt.date]] = {}
        self._working: dict[tuple[int, bool], list[int]] = {}

    def non_working(self, year: int, cuti_bersama_is_working: bool) -> frozenset[dt.date]:
        """Every non-working date of a year (weekends included)."""
        key = (year, cuti_bersama_is_working)
        days = self._non_working.get(key)
        if days is None:
            days = self._non_working[key] = frozenset(self._year_non_working(year, cuti_bersama_is_working))
        return days

    def working_ordinals(self, year: int, cuti_bersama_is_working: bool) -> list[int]:
        """The working days of a year as sorted ordinals (for counting by bisection)."""
        key = (year, cuti_bersama_is_working)
        ordinals = self._working.get(key)
        if ordinals is None:
            closed = self.non_working(year, cuti_bersama_is_working)
            day, ordinals = dt.date(year, 1, 1), []
            while day.year == year:
                if day not in closed:
                    ordinals.append(day.toordinal())
                day += ONE_DAY
            self._working[key] = ordinals
        return ordinals

    def _year_non_working(self, year: int, cuti_bersama_is_working: bool):
        from .workdays import DaySource, national_days

        listed = national_days(year)
        day = dt.date(year, 1, 1)
        while day.year == year:
            override = self.overrides.get(day)
            if override is not None:
                working = override[0]
            elif day.weekday() >= SATURDAY:
                working = False
            elif day in listed:
                working = listed[day][0] == DaySource.CUTI_BERSAMA and cuti_bersama_is_working
            else:
                working = True
            if not working:
                yield day
            day += ONE_DAY


def count_up_to(data: CalendarData, cuti: bool, day: dt.date, *, inclusive: bool) -> tuple[list[int], int]:
    """The year's working ordinals and how many of them fall before ``day`` (or on it, if inclusive)."""
    ordinals = data.working_ordinals(day.year, cuti)
    find = bisect_right if inclusive else bisect_left
    return ordinals, find(ordinals, day.toordinal())


def read_stamp() -> str | None:
    """The calendar's token (one query)."""
    return read_tokens().get(CALENDAR_STAMP)


def load() -> CalendarData:
    from .models import CalendarOverride, ServiceHours

    overrides = {day: (working, reason) for day, working, reason in CalendarOverride.objects.values_list("date", "is_working_day", "reason")}
    hours = {h.weekday: h for h in ServiceHours.objects.all()}
    return CalendarData(overrides, hours)


CACHE: StampedCache[CalendarData] = StampedCache(CALENDAR_STAMP, load)


def calendar_data() -> CalendarData:
    """The current snapshot: checked against the stamp once per scope (every time outside one)."""
    return CACHE.get()


def calendar_invalidate() -> None:
    """Forget the snapshot (this process changed the calendar; others see the new token)."""
    CACHE.invalidate()
