"""Reads for the back office: which requests a staff member may see, and the work queues."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from html import escape

from django.shortcuts import get_object_or_404
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from ppid.dates import long_date
from ppid.workdays import OfficeCalendar

from .events import action_label, event_detail
from .models import Forwarding, InformationRequest, Material
from .services.access import requests_visible_to_staff, user_unit_scope

Status = InformationRequest.Status
DUE_SOON_WORKING_DAYS = 2
# Each queue shows its most urgent lines and says when it holds more; where the register has the
# same filter, a link opens them all there.
QUEUE_LIMIT = 20
# What the requester may download: never the unit's working material or internal minutes.
REQUESTER_MATERIAL_KINDS = (Material.Kind.INFORMATION,)


_QUEUE_FIELDS = (
    "id", "register_number", "tracking_code", "requester__kind", "requester__full_name", "requester__entity_name",
    "information_wanted", "status", "notice_due", "assignee__first_name", "assignee__last_name", "assignee__username",
)
WANTED_CHARS = 80


@dataclass(frozen=True, slots=True)
class QueueRow:
    """A queue line as the page shows it: plain values read as a tuple, formatted once.

    It renders as one row of cells (``{{ row }}`` in the template), every value escaped
    here: one template node per row instead of one per cell.
    """

    pk: int
    url: str
    label: str
    requester: str
    wanted: str
    status: str
    due: str
    overdue: bool
    assignee: str
    badge: str = ""
    labels: tuple = ()  # the column headings, escaped: each cell names its column on phones (data-label)

    def __str__(self):  # the template language turns a value into str before escaping it
        return mark_safe(self.__html__())

    def __html__(self):
        person, wanted, status, due, officer = self.labels
        return (
            f'<th scope="row"><a href="{self.url}">{escape(self.label)}</a></th>'
            f'<td data-label="{person}">{escape(self.requester)}</td><td data-label="{wanted}">{escape(self.wanted)}</td>'
            f'<td data-label="{status}">{escape(self.status)}</td><td data-label="{due}">{escape(self.due)}{self.badge}</td>'
            f'<td data-label="{officer}">{escape(self.assignee)}</td>'
        )


class _QueueFormat:
    """Labels and date texts resolved once per page (dates repeat across rows)."""

    def __init__(self, today: dt.date):
        self.today = today
        self.detail_url = reverse("requests:processing-detail", args=[0])[:-2]  # rows append "<pk>/"
        self.badge = f' <span class="badge text-bg-danger">{escape(str(_("terlambat")))}</span>'
        self.status = {key: str(label) for key, label in Status.choices}
        self.labels = tuple(
            escape(str(label), quote=True)
            for label in (_("Pemohon"), _("Informasi yang diminta"), _("Status"), _("Batas pemberitahuan"), _("Petugas"))
        )
        self.dates: dict[dt.date, str] = {}

    def date(self, day: dt.date | None) -> str:
        if day is None:
            return "-"
        if day not in self.dates:
            self.dates[day] = long_date(day)
        return self.dates[day]


class Queue(list):
    """A queue's most urgent lines (at most QUEUE_LIMIT), whether it holds more, and where to see them all."""

    def __init__(self, lines=(), *, more: bool = False, register_query: str = ""):
        super().__init__(lines)
        self.more = more
        self.register_query = register_query  # the register's filter showing the same requests, if it has one


def _queue_rows(queryset, fmt: _QueueFormat, *, register_query: str = "") -> Queue:
    # One line more than shown tells whether there are more: an exact count of a long queue cost
    # up to 4 ms of database time a queue (the register counts them, up to 1,000).
    rows = list(queryset.order_by("notice_due", "received_at").values_list(*_QUEUE_FIELDS)[: QUEUE_LIMIT + 1])
    awaiting = InformationRequest.AWAITING_NOTICE_STATUSES
    lines = []
    for pk, number, code, kind, full_name, entity, wanted, status, due, first, last, username in rows[:QUEUE_LIMIT]:
        name = f"{entity} ({full_name})" if kind != "person" and entity else full_name
        if len(wanted) > WANTED_CHARS:
            wanted = wanted[: WANTED_CHARS - 1] + "…"
        assignee = f"{first or ''} {last or ''}".strip() or username or "-"
        overdue = due is not None and due < fmt.today and status in awaiting
        lines.append(
            QueueRow(pk, f"{fmt.detail_url}{pk}/", number or code, name, wanted, fmt.status.get(status, status),
                     fmt.date(due), overdue, assignee, fmt.badge if overdue else "", fmt.labels)
        )
    return Queue(lines, more=len(rows) > QUEUE_LIMIT, register_query=register_query)


def work_queues(*, user, now: dt.datetime, calendar: OfficeCalendar | None = None) -> dict:
    """The queues a user sees, each a short list (a few queries whatever the number of rows)."""
    calendar = calendar or OfficeCalendar()
    today = calendar.local_date(now)
    fmt = _QueueFormat(today)
    visible = requests_visible_to_staff(user=user)
    awaiting = visible.filter(status__in=InformationRequest.AWAITING_NOTICE_STATUSES)
    queues = {}
    if user.has_perm("requests.review_request") or user.has_perm("requests.decide_request"):
        queues["to_review"] = _queue_rows(  # one status: its index gives the order
            visible.filter(status=Status.REGISTERED), fmt, register_query=f"status={Status.REGISTERED}"
        )
    unit = user_unit_scope(user)
    if unit is not None and user.has_perm("requests.supply_information"):
        queues["forwarded"] = (
            Forwarding.objects.filter(unit=unit, returned_at__isnull=True)
            .exclude(request__status__in=(Status.CLOSED, Status.WITHDRAWN))
            .select_related("request__requester", "request__unit", "unit")
            .order_by("request__notice_due", "forwarded_at")[:QUEUE_LIMIT]
        )
    horizon = calendar.add_working_days(today, DUE_SOON_WORKING_DAYS)
    queues["due_soon"] = _queue_rows(awaiting.filter(notice_due__gte=today, notice_due__lte=horizon), fmt)
    queues["overdue"] = _queue_rows(awaiting.filter(notice_due__lt=today), fmt, register_query="overdue=on")
    queues["to_deliver"] = _queue_rows(visible.filter(status=Status.DECIDED), fmt, register_query=f"status={Status.DECIDED}")
    queues["assigned"] = _queue_rows(visible.filter(assignee=user).exclude(status__in=(Status.CLOSED, Status.WITHDRAWN)), fmt)
    return {"today": today, "horizon": horizon, **queues}


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
