"""Reads of objections: the Atasan PPID's queue (due soon, overdue, by ground) and what a request's
pages show of its objections."""

from __future__ import annotations

import datetime as dt

from django.db.models import Prefetch

from ppid.law import ObjectionGround
from ppid.workdays import OfficeCalendar

from .models import Objection, ObjectionGroundClaim
from .services.access import objections_visible_to_staff

DUE_SOON_WORKING_DAYS = 5


def atasan_queue(*, user, now: dt.datetime, ground: str = "") -> dict:
    """Open objections in three lists: overdue, due within DUE_SOON_WORKING_DAYS working days, the others."""
    calendar = OfficeCalendar()
    today = calendar.local_date(now)
    soon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    rows = (
        objections_visible_to_staff(user=user)
        .filter(status__in=Objection.OPEN_STATUSES)
        .select_related("request", "requester")
        .prefetch_related(Prefetch("grounds", queryset=ObjectionGroundClaim.objects.order_by("ground")))
        .order_by("answer_due", "submitted_at", "pk")
    )
    if ground in ObjectionGround.values:
        rows = rows.filter(grounds__ground=ground).distinct()
    overdue, due_soon, later = [], [], []
    for objection in rows:
        if objection.answer_due and objection.answer_due < today:
            overdue.append(objection)
        elif objection.answer_due and objection.answer_due <= soon:
            due_soon.append(objection)
        else:
            later.append(objection)
    return {
        "overdue": overdue,
        "due_soon": due_soon,
        "later": later,
        "ground": ground,
        "grounds": ObjectionGround.choices,
        "today": today,
        "due_soon_days": DUE_SOON_WORKING_DAYS,
    }
