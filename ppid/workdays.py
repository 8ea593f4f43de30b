"""The working-day engine: the one place that knows the office calendar.

Rules (docs/deadlines.md has the long form):
- A working day is Monday to Friday, not a national holiday, not cuti bersama (unless the
  office counts cuti bersama as working), and not closed by an administrator's override; an
  override may also make a listed day working.
- ``receipt_date(moment)``: a moment on a working day before that day's closing time (office
  zone) counts as that day; later, or on a non-working day, as the next working day.
- ``add_working_days(day, n)``: the Nth working day after ``day``; ``day`` itself is day 0
  and is never moved first.

Holiday dates from the ``holidays`` package are cached per process and year (they only
change with the pinned package version). Service hours and overrides are cached per process
by ``ppid.calendar_cache`` and checked against a stamp that database triggers change on every
write, once per HTTP request or task: a change made in one process is seen at once by all.
Counting uses each year's working days as sorted ordinals, so ``add_working_days`` costs a
bisection whatever ``n`` is.
"""

from __future__ import annotations

import datetime as dt
import functools
from bisect import bisect_right
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.translation import gettext_lazy as _

from .calendar_cache import CalendarData, calendar_data, count_up_to

ONE_DAY = dt.timedelta(days=1)  # a calendar step while walking the calendar, never a deadline
SATURDAY = 5
# Used when a day is made working by an override but has no service hours of its own.
FALLBACK_CLOSING_TIME = dt.time(16, 0)


class DaySource:
    """Why a day is or is not a working day."""

    WORKING = "working"
    WEEKEND = "weekend"
    NATIONAL_HOLIDAY = "national_holiday"
    CUTI_BERSAMA = "cuti_bersama"
    OFFICE_CLOSURE = "office_closure"
    OFFICE_WORKING = "office_working"

    LABELS = {
        WORKING: _("hari kerja"),
        WEEKEND: _("akhir pekan"),
        NATIONAL_HOLIDAY: _("libur nasional"),
        CUTI_BERSAMA: _("cuti bersama"),
        OFFICE_CLOSURE: _("koreksi kantor: libur"),
        OFFICE_WORKING: _("koreksi kantor: hari kerja"),
    }


@dataclass(frozen=True)
class DayStatus:
    day: dt.date
    is_working: bool
    source: str
    name: str = ""

    @property
    def source_label(self):
        return DaySource.LABELS[self.source]


@functools.lru_cache(maxsize=64)
def national_days(year: int) -> dict[dt.date, tuple[str, str]]:
    """Date -> (source, Indonesian name) for the national holidays and cuti bersama of a year."""
    result: dict[dt.date, tuple[str, str]] = {}
    government = holidays.country_holidays("ID", years=year, categories=("government",), language="id")
    public = holidays.country_holidays("ID", years=year, categories=("public",), language="id")
    for day, name in government.items():
        result[day] = (DaySource.CUTI_BERSAMA, name)
    for day, name in public.items():  # a national holiday wins over cuti bersama on the same day
        result[day] = (DaySource.NATIONAL_HOLIDAY, name)
    return result


def office_timezone() -> ZoneInfo:
    return ZoneInfo(settings.TIME_ZONE)


class OfficeCalendar:
    """The office calendar: holidays, overrides and service hours.

    Cheap to build: the data comes from the process's snapshot (ppid.calendar_cache), taken
    on first use and kept by this object, so one object sees one consistent calendar.
    """

    def __init__(self, *, cuti_bersama_is_working: bool | None = None, timezone: ZoneInfo | None = None):
        if cuti_bersama_is_working is None:
            cuti_bersama_is_working = settings.PPID_CUTI_BERSAMA_IS_WORKING_DAY
        self.cuti_bersama_is_working = cuti_bersama_is_working
        self.timezone = timezone or office_timezone()
        self._data: CalendarData | None = None

    # -- data -------------------------------------------------------------------------
    @property
    def data(self) -> CalendarData:
        if self._data is None:
            self._data = calendar_data()
        return self._data

    def service_hours(self):
        """Weekday -> ServiceHours row (missing weekdays are closed)."""
        return self.data.hours

    def closing_time(self, day: dt.date) -> dt.time:
        hours = self.service_hours().get(day.weekday())
        if hours is not None and hours.is_open and hours.closes_at is not None:
            return hours.closes_at
        return FALLBACK_CLOSING_TIME

    def is_open_at(self, moment: dt.datetime) -> bool:
        """Whether the service desk is open at ``moment``: a working day, within its hours, not in the break."""
        local = self.to_local(moment)
        day, time = local.date(), local.time()
        if not self.is_working_day(day):
            return False
        hours = self.service_hours().get(day.weekday())
        if hours is None or not hours.is_open or hours.opens_at is None:
            return time < self.closing_time(day)  # a listed day made working: open until the fallback closing
        if not hours.opens_at <= time < self.closing_time(day):
            return False
        in_break = hours.break_starts_at and hours.break_ends_at and hours.break_starts_at <= time < hours.break_ends_at
        return not in_break

    # -- days -------------------------------------------------------------------------
    def status(self, day: dt.date) -> DayStatus:
        override = self.data.overrides.get(day)
        if override is not None:
            is_working, reason = override
            source = DaySource.OFFICE_WORKING if is_working else DaySource.OFFICE_CLOSURE
            return DayStatus(day, is_working, source, reason)
        if day.weekday() >= SATURDAY:
            return DayStatus(day, False, DaySource.WEEKEND)
        listed = national_days(day.year).get(day)
        if listed is not None:
            source, name = listed
            if source == DaySource.CUTI_BERSAMA and self.cuti_bersama_is_working:
                return DayStatus(day, True, DaySource.WORKING, name)
            return DayStatus(day, False, source, name)
        return DayStatus(day, True, DaySource.WORKING)

    def is_working_day(self, day: dt.date) -> bool:
        return day not in self.data.non_working(day.year, self.cuti_bersama_is_working)

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day after ``day`` (day 0, never moved first)."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return day
        data, cuti, year = self.data, self.cuti_bersama_is_working, day.year
        ordinals, before = count_up_to(data, cuti, day, inclusive=True)
        index = before + n - 1
        while index >= len(ordinals):
            index -= len(ordinals)
            year += 1
            ordinals = data.working_ordinals(year, cuti)
        return dt.date.fromordinal(ordinals[index])

    def subtract_working_days(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day before ``day``: the inverse of add_working_days for a working ``day``."""
        if n < 0:
            raise ValueError("n must not be negative")
        if n == 0:
            return day
        data, cuti, year = self.data, self.cuti_bersama_is_working, day.year
        ordinals, before = count_up_to(data, cuti, day, inclusive=False)
        index = before - n
        while index < 0:
            year -= 1
            ordinals = data.working_ordinals(year, cuti)
            index += len(ordinals)
        return dt.date.fromordinal(ordinals[index])

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days come after ``start`` up to and including ``end`` (0 if end <= start)."""
        if end <= start:
            return 0
        data, cuti, count = self.data, self.cuti_bersama_is_working, 0
        for year in range(start.year, end.year + 1):
            ordinals = data.working_ordinals(year, cuti)
            low = bisect_right(ordinals, start.toordinal()) if year == start.year else 0
            high = bisect_right(ordinals, end.toordinal()) if year == end.year else len(ordinals)
            count += high - low
        return count

    def skipped_days(self, start: dt.date, end: dt.date) -> list[DayStatus]:
        """The non-working days after ``start`` up to ``end``: what a deadline stepped over, and why."""
        skipped, current = [], start
        while current < end:
            current += ONE_DAY
            status = self.status(current)
            if not status.is_working:
                skipped.append(status)
        return skipped

    def non_working_days(self, year: int) -> list[DayStatus]:
        """Every non-working weekday of a year plus the overrides (weekends left out)."""
        day, result = dt.date(year, 1, 1), []
        while day.year == year:
            status = self.status(day)
            if (not status.is_working and status.source != DaySource.WEEKEND) or status.source == DaySource.OFFICE_WORKING:
                result.append(status)
            day += ONE_DAY
        return result

    # -- moments ----------------------------------------------------------------------
    def local_date(self, moment: dt.datetime) -> dt.date:
        return self.to_local(moment).date()

    def to_local(self, moment: dt.datetime) -> dt.datetime:
        if moment.tzinfo is None:
            raise ValueError("an aware datetime is required")
        return moment.astimezone(self.timezone)

    def receipt_date(self, moment: dt.datetime) -> dt.date:
        """The date a request received at ``moment`` counts from (only this ever rolls forward)."""
        local = self.to_local(moment)
        day = local.date()
        if self.is_working_day(day) and local.time() < self.closing_time(day):
            return day
        return self.next_working_day(day)


def is_working_day(day: dt.date) -> bool:
    return OfficeCalendar().is_working_day(day)


def add_working_days(day: dt.date, n: int) -> dt.date:
    return OfficeCalendar().add_working_days(day, n)


def receipt_date(moment: dt.datetime) -> dt.date:
    return OfficeCalendar().receipt_date(moment)
