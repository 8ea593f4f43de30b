"""Reads for the back office: which requests a staff member may see, and the work queues."""

from __future__ import annotations

import datetime as dt

from django.shortcuts import get_object_or_404

from ppid.workdays import OfficeCalendar

from .events import action_label, event_detail
from .models import Forwarding, InformationRequest, Material
from .services.access import requests_visible_to_staff, user_unit_scope

Status = InformationRequest.Status
DUE_SOON_WORKING_DAYS = 2
QUEUE_LIMIT = 50
# What the requester may download: never the unit's working material or internal minutes.
REQUESTER_MATERIAL_KINDS = (Material.Kind.INFORMATION,)


def _queue_rows(queryset):
    return queryset.select_related("requester", "unit", "assignee").order_by("notice_due", "received_at")[:QUEUE_LIMIT]


def work_queues(*, user, now: dt.datetime, calendar: OfficeCalendar | None = None) -> dict:
    """The queues a user sees, each a short list (a few queries whatever the number of rows)."""
    calendar = calendar or OfficeCalendar()
    today = calendar.local_date(now)
    visible = requests_visible_to_staff(user=user)
    awaiting = visible.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES)
    queues = {}
    if user.has_perm("requests.review_request") or user.has_perm("requests.decide_request"):
        queues["to_review"] = _queue_rows(awaiting.filter(status=Status.REGISTERED))
    unit = user_unit_scope(user)
    if unit is not None and user.has_perm("requests.supply_information"):
        queues["forwarded"] = (
            Forwarding.objects.filter(unit=unit, returned_at__isnull=True)
            .exclude(request__status__in=(Status.CLOSED, Status.WITHDRAWN))
            .select_related("request__requester", "request__unit", "unit")
            .order_by("request__notice_due", "forwarded_at")[:QUEUE_LIMIT]
        )
    horizon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    queues["due_soon"] = _queue_rows(awaiting.filter(notice_due__gte=today, notice_due__lte=horizon))
    queues["overdue"] = _queue_rows(awaiting.filter(notice_due__lt=today))
    queues["to_deliver"] = _queue_rows(visible.filter(status=Status.DECIDED))
    queues["assigned"] = _queue_rows(visible.filter(assignee=user).exclude(status__in=(Status.CLOSED, Status.WITHDRAWN)))
    return {"today": today, "horizon": horizon, "awaiting": InformationRequest.AWAITING_NOTICE_STATUSES, **queues}


def request_events(*, request: InformationRequest) -> list:
    """The event log with labels and details in the reader's language."""
    events = list(request.events.select_related("actor"))
    for event in events:
        event.label = action_label(event.action)
        event.detail = event_detail(event.action, event.data)
        event.from_label = Status(event.from_status).label if event.from_status in Status.values else event.from_status
        event.to_label = Status(event.to_status).label if event.to_status in Status.values else event.to_status
    return events


def staff_request_detail(*, user, pk: int) -> InformationRequest:
    """One request for the staff page (404 outside the user's scope)."""
    return get_object_or_404(
        requests_visible_to_staff(user=user).select_related("requester", "unit", "assignee", "dip_item"), pk=pk
    )


def request_processing_records(*, request: InformationRequest, for_requester: bool) -> dict:
    """Notices, deliveries and files of a request; the requester sees only what was given to them."""
    notices = list(request.notices.select_related("issued_by").order_by("issued_at", "pk"))
    deliveries = list(request.deliveries.select_related("recorded_by").order_by("delivered_at", "pk"))
    materials = request.materials.select_related("uploaded_by").order_by("uploaded_at", "pk")
    if for_requester:
        materials = materials.filter(kind__in=REQUESTER_MATERIAL_KINDS)
    return {"notices": notices, "deliveries": deliveries, "materials": list(materials)}
