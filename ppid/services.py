"""Writes to the office core. A calendar change runs every registered recompute hook in the
same transaction, so no due date is ever stale, and each app logs what changed."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.db import transaction

from .models import CalendarOverride, ServiceHours

# Filled by the apps above ppid in their AppConfig.ready (ppid never imports them).
_calendar_change_hooks: list[Callable[..., int]] = []


def register_calendar_change_hook(hook: Callable[..., int]) -> None:
    """hook(*, actor, reason) -> number of records whose dates changed."""
    if hook not in _calendar_change_hooks:
        _calendar_change_hooks.append(hook)


def calendar_changed(*, actor=None, reason: str = "") -> int:
    return sum(hook(actor=actor, reason=reason) for hook in _calendar_change_hooks)


@transaction.atomic
def calendar_override_set(*, day: dt.date, is_working_day: bool, reason: str, actor=None) -> tuple[CalendarOverride, int]:
    override, created = CalendarOverride.objects.update_or_create(
        date=day, defaults={"is_working_day": is_working_day, "reason": reason}
    )
    if created and actor is not None:
        override.created_by = actor
        override.save(update_fields=["created_by"])
    return override, calendar_changed(actor=actor, reason=f"{day:%Y-%m-%d}: {reason}")


@transaction.atomic
def calendar_override_remove(*, override: CalendarOverride, actor=None) -> int:
    reason = f"{override.date:%Y-%m-%d}: {override.reason} (dihapus)"
    override.delete()
    return calendar_changed(actor=actor, reason=reason)


@transaction.atomic
def service_hours_save(*, hours: ServiceHours, actor=None) -> int:
    """Save a weekday's service hours; closing times decide receipt dates, so recompute and log."""
    hours.save()
    return calendar_changed(actor=actor, reason=f"Jam layanan {hours.get_weekday_display()} diubah")
