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
change with the pinned package version). Service hours and overrides are read from the
database by each ``OfficeCalendar``, so a change made in one process is seen at once by all.
"""

from __future__ import annotations

import datetime as dt
import functools
from dataclasses import dataclass
from zoneinfo import ZoneInfo

import holidays
from django.conf import settings
from django.utils.translation import gettext_lazy as _

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
    """A snapshot of the office calendar: holidays, overrides and service hours.

    Build one per unit of work (a request, a recompute sweep); it reads the overrides of
    each year it touches once, and the service hours once.
    """

    def __init__(self, *, cuti_bersama_is_working: bool | None = None, timezone: ZoneInfo | None = None):
        if cuti_bersama_is_working is None:
            cuti_bersama_is_working = settings.PPID_CUTI_BERSAMA_IS_WORKING_DAY
        self.cuti_bersama_is_working = cuti_bersama_is_working
        self.timezone = timezone or office_timezone()
        self._overrides: dict[int, dict[dt.date, object]] = {}
        self._hours = None

    # -- data -------------------------------------------------------------------------
    def _overrides_for(self, year: int):
        if year not in self._overrides:
            from .models import CalendarOverride

            self._overrides[year] = {o.date: o for o in CalendarOverride.objects.filter(date__year=year)}
        return self._overrides[year]

    def service_hours(self):
        """Weekday -> ServiceHours row (missing weekdays are closed)."""
        if self._hours is None:
            from .models import ServiceHours

            self._hours = {h.weekday: h for h in ServiceHours.objects.all()}
        return self._hours

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
        override = self._overrides_for(day.year).get(day)
        if override is not None:
            source = DaySource.OFFICE_WORKING if override.is_working_day else DaySource.OFFICE_CLOSURE
            return DayStatus(day, override.is_working_day, source, override.reason)
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
        return self.status(day).is_working

    def add_working_days(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day after ``day`` (day 0, never moved first)."""
        if n < 0:
            raise ValueError("n must not be negative")
        current, counted = day, 0
        while counted < n:
            current += ONE_DAY
            if self.is_working_day(current):
                counted += 1
        return current

    def subtract_working_days(self, day: dt.date, n: int) -> dt.date:
        """The Nth working day before ``day``: the inverse of add_working_days for a working ``day``."""
        if n < 0:
            raise ValueError("n must not be negative")
        current, counted = day, 0
        while counted < n:
            current -= ONE_DAY
            if self.is_working_day(current):
                counted += 1
        return current

    def next_working_day(self, day: dt.date) -> dt.date:
        return self.add_working_days(day, 1)

    def working_days_between(self, start: dt.date, end: dt.date) -> int:
        """How many working days come after ``start`` up to and including ``end`` (0 if end <= start)."""
        count, current = 0, start
        while current < end:
            current += ONE_DAY
            if self.is_working_day(current):
                count += 1
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
