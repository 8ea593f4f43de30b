"""Report periods: a month, a quarter, a year or a custom range of local dates (office time zone)."""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
import re
from dataclasses import dataclass

from django.utils.translation import gettext as _

ROMAN_QUARTERS = ("I", "II", "III", "IV")
MONTH_NAMES_ID = (
    "Januari", "Februari", "Maret", "April", "Mei", "Juni",
    "Juli", "Agustus", "September", "Oktober", "November", "Desember",
)
# A custom range longer than this is refused (a report, not a history of the office).
MAX_CUSTOM_DAYS = 3 * 366


@dataclass(frozen=True)
class Period:
    kind: str  # "month", "quarter", "year", "custom"
    start: dt.date
    end: dt.date  # inclusive

    @property
    def label(self) -> str:
        if self.kind == "month":
            return f"{MONTH_NAMES_ID[self.start.month - 1]} {self.start.year}"
        if self.kind == "quarter":
            return _("Triwulan %(q)s %(year)s") % {"q": ROMAN_QUARTERS[(self.start.month - 1) // 3], "year": self.start.year}
        if self.kind == "year":
            return _("Tahun %(year)s") % {"year": self.start.year}
        return f"{self.start:%d-%m-%Y} s.d. {self.end:%d-%m-%Y}"

    @property
    def code(self) -> str:
        """The period as the pickers write it (stable in URLs)."""
        if self.kind == "month":
            return f"{self.start:%Y-%m}"
        if self.kind == "quarter":
            return f"{self.start.year}-T{(self.start.month - 1) // 3 + 1}"
        if self.kind == "year":
            return str(self.start.year)
        return f"{self.start.isoformat()}..{self.end.isoformat()}"

    def months(self) -> list[dt.date]:
        """The first day of every month the period touches."""
        result, day = [], self.start.replace(day=1)
        while day <= self.end:
            result.append(day)
            day = (day.replace(day=28) + dt.timedelta(days=4)).replace(day=1)
        return result


def month_period(year: int, month: int) -> Period:
    return Period("month", dt.date(year, month, 1), dt.date(year, month, month_calendar.monthrange(year, month)[1]))


def quarter_period(year: int, quarter: int) -> Period:
    first = 3 * (quarter - 1) + 1
    return Period("quarter", dt.date(year, first, 1), month_period(year, first + 2).end)


def year_period(year: int) -> Period:
    return Period("year", dt.date(year, 1, 1), dt.date(year, 12, 31))


_MONTH = re.compile(r"^(\d{4})-(\d{2})$")
_QUARTER = re.compile(r"^(\d{4})-[TtQq]([1-4])$")
_YEAR = re.compile(r"^(\d{4})$")
_CUSTOM = re.compile(r"^(\d{4}-\d{2}-\d{2})\.\.(\d{4}-\d{2}-\d{2})$")


def period_parse(code: str) -> Period | None:
    """The period a picker's code names (``2026-03``, ``2026-T1``, ``2026``, ``2026-01-05..2026-02-10``), or None."""
    code = (code or "").strip()
    if not code.isascii() or len(code) > 30:
        return None
    try:
        if match := _MONTH.match(code):
            year, month = int(match[1]), int(match[2])
            return month_period(year, month) if 1 <= month <= 12 and 2000 <= year <= 2100 else None
        if match := _QUARTER.match(code):
            year = int(match[1])
            return quarter_period(year, int(match[2])) if 2000 <= year <= 2100 else None
        if match := _YEAR.match(code):
            year = int(match[1])
            return year_period(year) if 2000 <= year <= 2100 else None
        if match := _CUSTOM.match(code):
            start, end = dt.date.fromisoformat(match[1]), dt.date.fromisoformat(match[2])
            if start <= end and (end - start).days <= MAX_CUSTOM_DAYS and start.year >= 2000 and end.year <= 2100:
                return Period("custom", start, end)
    except ValueError:
        return None
    return None
