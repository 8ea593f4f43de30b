"""The calendar's data (overrides, service hours), cached per process and never stale.

Every process keeps one ``CalendarData`` snapshot tagged with the token of the single
``CalendarStamp`` row. Database triggers give that row a new random token on every write to
the overrides or the service hours, whoever writes (admin, shell, another gunicorn worker on
another host), so comparing tokens tells whether the snapshot still holds.

The token is read at most once per unit of work: a ``calendar_scope()`` (opened per HTTP request
by ``ppid.middleware.CalendarScopeMiddleware`` and per Celery task by ``ppid.celery``) checks it
on the first use of the calendar and trusts the snapshot for the rest of the scope. Outside a
scope (shell, management commands, tests) every new ``OfficeCalendar`` checks it once. A change
made by this process inside a scope (``ppid.services``) also drops the snapshot at once.

The stamp is read before the data: a change committed between the two reads is at worst loaded
under the older token, and reloaded at the next check. Tokens are random, so a rolled-back
change never leaves a snapshot that a later token could match.
"""

from __future__ import annotations

import datetime as dt
from bisect import bisect_left, bisect_right
from contextlib import contextmanager
from contextvars import ContextVar

from django.db import connection

# Vendors whose migration installed the triggers; elsewhere the data is read for every calendar.
CACHE_VENDORS = frozenset({"sqlite", "postgresql"})
SATURDAY = 5
ONE_DAY = dt.timedelta(days=1)  # a calendar step while walking a year, never a deadline

# None: no scope (check every time); False: a scope that has not checked yet; True: checked.
_checked: ContextVar[bool | None] = ContextVar("ppid_calendar_checked", default=None)
_snapshot: CalendarData | None = None


class CalendarData:
    """Overrides and service hours as read once, with the per-year tables derived from them."""

    def __init__(self, token: str | None, overrides: dict, hours: dict):
        self.token = token
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
    from .models import CalendarStamp

    return CalendarStamp.objects.filter(pk=1).values_list("token", flat=True).first()


def load(token: str | None) -> CalendarData:
    from .models import CalendarOverride, ServiceHours

    overrides = {day: (working, reason) for day, working, reason in CalendarOverride.objects.values_list("date", "is_working_day", "reason")}
    hours = {h.weekday: h for h in ServiceHours.objects.all()}
    return CalendarData(token, overrides, hours)


def calendar_data() -> CalendarData:
    """The current snapshot: checked against the stamp once per scope (every time outside one)."""
    global _snapshot
    checked = _checked.get()
    snapshot = _snapshot
    if checked and snapshot is not None:
        return snapshot
    if connection.vendor not in CACHE_VENDORS:
        return load(None)
    token = read_stamp()
    if snapshot is None or token is None or snapshot.token != token:
        snapshot = load(token)
        _snapshot = snapshot if token is not None else None
    if checked is not None:
        _checked.set(True)
    return snapshot


def calendar_invalidate() -> None:
    """Forget the snapshot (this process changed the calendar; others see the new token)."""
    global _snapshot
    _snapshot = None
    if _checked.get() is not None:
        _checked.set(False)


@contextmanager
def calendar_scope():
    """A unit of work (an HTTP request, a task) that checks the stamp at most once."""
    token = _checked.set(False)
    try:
        yield
    finally:
        _checked.reset(token)


def calendar_scope_open() -> None:
    """For code that cannot wrap a block (Celery's task_prerun); closed by calendar_scope_close."""
    _checked.set(False)


def calendar_scope_close() -> None:
    _checked.set(None)
