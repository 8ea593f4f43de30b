"""Rows of the table: the working-day engine as services call it, and the recompute after a calendar change."""

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from ppid.stamps import stamp_scope
from ppid.models import CalendarOverride
from ppid.services import CalendarChange
from ppid.workdays import OfficeCalendar
from requests.models import InformationRequest
from requests.services.deadlines import open_requests_recompute

from .conftest import compare
from .seed import NOW

pytestmark = pytest.mark.django_db
DAYS = [dt.date(2025, 1, 1) + dt.timedelta(days=n) for n in range(1000)]  # 1,000 start days, not deadlines


def frozenset_add(closed, day, n):
    """The floor: a loop over a precomputed set of non-working dates."""
    counted = 0
    while counted < n:
        day += dt.timedelta(days=1)
        if day not in closed:
            counted += 1
    return day


def test_add_working_days_as_services_call_it_against_a_frozenset_loop():
    calendar = OfficeCalendar()
    closed = frozenset(d for year in range(2024, 2029) for d in calendar.data.non_working(year, False))
    for day in DAYS:  # the same answers, or the comparison means nothing
        assert calendar.add_working_days(day, 10) == frozenset_add(closed, day, 10)

    def services():
        with stamp_scope():  # one HTTP request or task: the stamp is checked once
            for day in DAYS:
                OfficeCalendar().add_working_days(day, 10)  # a new calendar per call, as services build them

    def loop():
        for day in DAYS:
            frozenset_add(closed, day, 10)

    compare(
        "add_working_days(day, 10) as services call it vs a frozenset loop (1,000 days)",
        services, loop, rounds=30, goal=2.0, mode="slowdown",
        note="target: OfficeCalendar() per call inside a request scope (one stamp query per scope)",
    )


def test_recompute_of_open_deadlines_after_a_calendar_change(seeded):
    open_count = InformationRequest.objects.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES).count()
    closure = (NOW - dt.timedelta(days=3)).date()
    state = {"closed": False, "queries": []}

    def recompute():
        if state["closed"]:
            CalendarOverride.objects.filter(date=closure).delete()
        else:
            CalendarOverride.objects.create(date=closure, is_working_day=False, reason="Libur daerah (bench)")
        state["closed"] = not state["closed"]
        change = CalendarChange(CalendarChange.OVERRIDE_SET, day=closure.isoformat(), note="bench")
        with CaptureQueriesContext(connection) as captured:
            open_requests_recompute(actor=None, change=change)
        state["queries"].append(len(captured))

    def bare_read():
        list(InformationRequest.objects.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES)
             .values_list("id", "completed_at", "extended_at", "receipt_date", "notice_due"))

    compare(
        "recompute of open deadlines after a calendar change (open_requests_recompute)",
        recompute, bare_read, rounds=2, warmup=0, goal=10, mode="seconds",
        note="baseline: reading the same open requests' columns once",
        extra={"open_requests": open_count, "queries_per_recompute": state["queries"]},
    )
