"""Working days from the clock's start to the written notice, computed in SQL.

The engine (ppid.workdays) is asked once per report for the calendar of the dates involved:
each day of the span gets its *working-day ordinal* (how many working days there are from the
span's first day up to it), built in Python from the engine's tables. The ordinals go into the
query as a ``VALUES`` table; a request's duration is the ordinal of its notice date minus the
ordinal of its receipt date, which is exactly ``OfficeCalendar.working_days_between``. No query
per request, no loop over rows.

PostgreSQL computes the mean and the percentiles in one statement (``percentile_cont``); SQLite,
which has no percentile function, groups the durations into a histogram with running totals (a
window function) and the percentiles are interpolated from its few rows the same way
``percentile_cont`` does, so both give the same numbers (tests/reports/test_figures.py).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from django.db import connection
from django.db.models import F, Max, Min

from ppid.workdays import OfficeCalendar

from .definitions import decided
from .scope import Scope

ONE_DAY = dt.timedelta(days=1)  # a step along the calendar, never a deadline


@dataclass(frozen=True)
class DurationStats:
    count: int = 0
    mean: float | None = None
    median: float | None = None
    p90: float | None = None
    maximum: int | None = None

    def rounded(self) -> "DurationStats":
        r = lambda value: None if value is None else round(float(value), 2)  # noqa: E731
        return DurationStats(self.count, r(self.mean), r(self.median), r(self.p90), self.maximum)


def working_day_ordinals(start: dt.date, end: dt.date, calendar: OfficeCalendar | None = None) -> list[tuple[dt.date, int]]:
    """(day, working days from ``start`` up to and including that day) for every day from start to end."""
    calendar = calendar or OfficeCalendar()
    result, count, day = [], 0, start
    while day <= end:
        if calendar.is_working_day(day):
            count += 1
        result.append((day, count))
        day += ONE_DAY
    return result


def _calendar_cte(ordinals) -> str:
    """A VALUES table of (day, ordinal); the values are dates and integers made here, never user input."""
    if connection.vendor == "postgresql":
        rows = ",".join(f"(DATE '{day.isoformat()}',{count})" for day, count in ordinals)
    else:
        rows = ",".join(f"('{day.isoformat()}',{count})" for day, count in ordinals)
    return f"cal (day, ord) AS (VALUES {rows})"


def _durations_sql(scope: Scope, calendar: OfficeCalendar) -> tuple[str, list] | None:
    rows = decided(scope).annotate(r_day=F("receipt_date"), n_day=F("decided_on"))
    span = rows.aggregate(r_lo=Min("receipt_date"), r_hi=Max("receipt_date"), n_lo=Min("decided_on"), n_hi=Max("decided_on"))
    days = [_as_date(value) for value in span.values() if value is not None]
    if not days:
        return None
    inner, params = rows.values("r_day", "n_day").query.sql_with_params()
    sql = (
        f"WITH {_calendar_cte(working_day_ordinals(min(days), max(days), calendar))}, "
        f"t AS ({inner}), "
        "d AS (SELECT CASE WHEN n.ord - r.ord < 0 THEN 0 ELSE n.ord - r.ord END AS days "
        "FROM t JOIN cal r ON r.day = t.r_day JOIN cal n ON n.day = t.n_day)"
    )
    return sql, list(params)


def _as_date(value) -> dt.date:
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, str):
        return dt.date.fromisoformat(value[:10])
    return value


def notice_duration_stats(scope: Scope, *, calendar: OfficeCalendar | None = None, method: str = "") -> DurationStats:
    """Mean, median and 90th percentile of working days to the written notice (requests received in the period).

    ``method`` forces "percentile" (PostgreSQL only) or "histogram"; by default the vendor's own.
    """
    calendar = calendar or OfficeCalendar()
    built = _durations_sql(scope, calendar)
    if built is None:
        return DurationStats()
    sql, params = built
    method = method or ("percentile" if connection.vendor == "postgresql" else "histogram")
    with connection.cursor() as cursor:
        if method == "percentile":
            cursor.execute(
                f"{sql} SELECT COUNT(*), AVG(days), percentile_cont(0.5) WITHIN GROUP (ORDER BY days), "
                "percentile_cont(0.9) WITHIN GROUP (ORDER BY days), MAX(days) FROM d",
                params,
            )
            count, mean, median, p90, maximum = cursor.fetchone()
            return DurationStats(count, mean, median, p90, maximum).rounded()
        cursor.execute(
            f"{sql} SELECT days, COUNT(*) AS n, SUM(COUNT(*)) OVER (ORDER BY days) AS running "
            "FROM d GROUP BY days ORDER BY days",
            params,
        )
        histogram = [(int(days), int(n), int(running)) for days, n, running in cursor.fetchall()]
    return histogram_stats(histogram).rounded()


def histogram_stats(histogram: list[tuple[int, int, int]]) -> DurationStats:
    """Stats from (value, count, running count) rows sorted by value, percentiles as percentile_cont interpolates."""
    if not histogram:
        return DurationStats()
    total = histogram[-1][2]

    def at(index: int) -> int:  # the value at a 0-based position of the sorted durations
        for value, _count, running in histogram:
            if index < running:
                return value
        return histogram[-1][0]

    def percentile(fraction: float) -> float:
        position = fraction * (total - 1)
        low, high = math.floor(position), math.ceil(position)
        return at(low) + (at(high) - at(low)) * (position - low)

    mean = sum(value * count for value, count, _running in histogram) / total
    return DurationStats(total, mean, percentile(0.5), percentile(0.9), histogram[-1][0])
