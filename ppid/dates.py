"""One date style for text: the long Indonesian date ("Senin, 14 Desember 2026"), and a moment with
its time and the office's zone ("Senin, 14 Desember 2026 pukul 10.00 WIB"). Forms use the
browser's date input instead (type="date"). Templates use the filters of ppid_ui."""

from __future__ import annotations

import datetime as dt
from functools import lru_cache

from django.utils import dateformat, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from .workdays import office_timezone

LONG_DATE = "l, j F Y"


def _local(moment: dt.datetime) -> dt.datetime:
    return timezone.localtime(moment, office_timezone()) if timezone.is_aware(moment) else moment


def long_date(value) -> str:
    """A date (or the office-local date of a moment) as "Senin, 14 Desember 2026"."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = _local(value).date()
    return _long_date_text(value, get_language())


@lru_cache(maxsize=4096)
def _long_date_text(day: dt.date, language: str | None) -> str:
    # Per process: a list page writes dozens of dates (the work queue about 60), each ~50 us in dateformat.
    return dateformat.format(day, LONG_DATE)


def clock(value) -> str:
    """A time of day as written in the interface language: "08.00" in Indonesian, "08:00" in English."""
    if not value:
        return ""
    return value.strftime("%H.%M" if (get_language() or "id").startswith("id") else "%H:%M")


def long_datetime(value) -> str:
    """A moment as "Senin, 14 Desember 2026 pukul 10.00 WIB", in the office's time zone."""
    if not value:
        return ""
    local = _local(value)
    return _("%(date)s pukul %(time)s %(zone)s") % {
        "date": dateformat.format(local.date(), LONG_DATE),
        "time": clock(local),
        "zone": local.tzname() or "",
    }


def zone_name(moment: dt.datetime | None = None) -> str:
    """The office's time zone as printed next to a time: WIB, WITA or WIT."""
    return _local(moment or timezone.now()).tzname() or ""
