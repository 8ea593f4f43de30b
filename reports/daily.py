"""The daily report of one desk officer (seed 004): what they logged, what they handed over, what is due."""

from __future__ import annotations

import datetime as dt

from django.contrib.auth import get_user_model
from django.db.models import QuerySet

from ppid.roles import DESK_OFFICER
from ppid.workdays import OfficeCalendar
from requests.models import Delivery, InformationRequest
from requests.services.access import staff_scope

from .models import SatisfactionSurvey

ONE_DAY = dt.timedelta(days=1)  # the end of a local day, never a deadline
DAILY_MAX_ROWS = 200


def officers_visible_to(user) -> QuerySet:
    """Officers whose daily report the user may read: any desk officer of their scope for the PPID, else only themselves."""
    users = get_user_model().objects.filter(is_active=True)
    if not user.has_perm("reports.view_reports"):
        return users.filter(pk=user.pk)
    scope = staff_scope(user)
    officers = users.filter(groups__name=DESK_OFFICER)
    if scope.unit is not None:
        officers = officers.filter(unit=scope.unit)
    elif not scope.everything:
        officers = officers.none()
    return (officers | users.filter(pk=user.pk)).distinct().order_by("first_name", "username")


def daily_report(*, officer, day: dt.date, calendar: OfficeCalendar | None = None) -> dict:
    calendar = calendar or OfficeCalendar()
    start = dt.datetime.combine(day, dt.time.min, tzinfo=calendar.timezone)
    end = start + ONE_DAY
    fields = ("pk", "register_number", "tracking_code", "received_at", "requester__full_name", "information_wanted", "status", "notice_due")
    logged = list(
        InformationRequest.objects.filter(received_by=officer, received_at__gte=start, received_at__lt=end)
        .order_by("received_at").values(*fields)[:DAILY_MAX_ROWS]
    )
    handed = list(
        Delivery.objects.filter(recorded_by=officer, delivered_at__gte=start, delivered_at__lt=end, failed=False)
        .order_by("delivered_at").values("request_id", "request__register_number", "method", "delivered_at", "recipient_name")[:DAILY_MAX_ROWS]
    )
    due = list(
        InformationRequest.objects.filter(
            assignee=officer, status__in=InformationRequest.AWAITING_NOTICE_STATUSES, notice_due__lte=day
        ).order_by("notice_due", "received_at").values(*fields)[:DAILY_MAX_ROWS]
    )
    surveys = SatisfactionSurvey.objects.filter(recorded_by=officer, answered_at__gte=start, answered_at__lt=end).count()
    return {"logged": logged, "handed": handed, "due": due, "surveys": surveys, "max_rows": DAILY_MAX_ROWS}
