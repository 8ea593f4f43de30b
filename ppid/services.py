"""Writes to the office core. A calendar change runs every registered recompute hook in the
same transaction, so no due date is ever stale, and each app logs what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import asdict, dataclass

from django.db import transaction
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from .calendar_cache import calendar_invalidate
from .models import CalendarOverride, ServiceHours

# Filled by the apps above ppid in their AppConfig.ready (ppid never imports them).
_calendar_change_hooks: list[Callable[..., int]] = []


@dataclass(frozen=True)
class CalendarChange:
    """What changed in the calendar, kept as codes and parameters in each event and put into words when shown."""

    OVERRIDE_SET = "override_set"
    OVERRIDE_REMOVED = "override_removed"
    SERVICE_HOURS = "service_hours"

    kind: str
    day: str = ""  # ISO date of the override
    note: str = ""  # the administrator's own words (the override's reason)
    weekday: int | None = None

    def as_data(self) -> dict:
        return {key: value for key, value in asdict(self).items() if value not in ("", None)}

    @staticmethod
    def describe(data: dict) -> str:
        """The change in the reader's language, from the stored parameters."""
        kind = (data or {}).get("kind")
        if kind == CalendarChange.SERVICE_HOURS and data.get("weekday") is not None:
            return _("jam layanan hari %(day)s diubah") % {"day": ServiceHours.Weekday(data["weekday"]).label}
        if kind in (CalendarChange.OVERRIDE_SET, CalendarChange.OVERRIDE_REMOVED) and data.get("day"):
            day = date_format(dt.date.fromisoformat(data["day"]), "j F Y")
            text = _("koreksi kalender %(day)s dihapus") if kind == CalendarChange.OVERRIDE_REMOVED else _("koreksi kalender %(day)s")
            text = text % {"day": day}
            return f"{text}: {data['note']}" if data.get("note") else text
        return ""


def register_calendar_change_hook(hook: Callable[..., int]) -> None:
    """hook(*, actor, change: CalendarChange) -> number of records whose dates changed."""
    if hook not in _calendar_change_hooks:
        _calendar_change_hooks.append(hook)


def calendar_recompute(*, change: CalendarChange, actor=None, skip=()) -> int:
    """Run the recompute hooks again (from a task after the change committed); each is idempotent."""
    calendar_invalidate()
    return sum(hook(actor=actor, change=change) for hook in _calendar_change_hooks if hook not in skip)


def calendar_changed(*, change: CalendarChange, actor=None) -> int:
    # The triggers gave the stamp a new token; this process also drops its snapshot at once,
    # so the hooks below (in this request's scope) count with the new calendar.
    calendar_invalidate()
    return sum(hook(actor=actor, change=change) for hook in _calendar_change_hooks)


@transaction.atomic
def calendar_override_set(*, day: dt.date, is_working_day: bool, reason: str, actor=None) -> tuple[CalendarOverride, int]:
    override, created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"is_working_day": is_working_day, "reason": reason}
    )
    if created and actor is not None:
        override.created_by = actor
        override.save(update_fields=["created_by"])
    change = CalendarChange(CalendarChange.OVERRIDE_SET, day=day.isoformat(), note=reason)
    return override, calendar_changed(actor=actor, change=change)


@transaction.atomic
def calendar_override_remove(*, override: CalendarOverride, actor=None) -> int:
    change = CalendarChange(CalendarChange.OVERRIDE_REMOVED, day=override.date.isoformat(), note=override.reason)
    override.delete()
    return calendar_changed(actor=actor, change=change)


@transaction.atomic
def service_hours_save(*, hours: ServiceHours, actor=None) -> int:
    """Save a weekday's service hours; closing times decide receipt dates, so recompute and log."""
    hours.save()
    return calendar_changed(actor=actor, change=CalendarChange(CalendarChange.SERVICE_HOURS, weekday=hours.weekday))
