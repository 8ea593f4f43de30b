"""Deadline reminders to assignees: a notice due within 2 working days, or overdue.

The sweep is idempotent: each reminder sent is recorded as a ``reminder_sent`` event keyed by
its stage and the due date it was about, and the check and the record happen under the
request's row lock, so a second run (or a second worker) sends nothing.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _

from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import InformationRequest, RequestEvent
from .transitions import day_text, lock_request, record_event

REMINDER_WORKING_DAYS_AHEAD = 2
DUE_SOON = "due_soon"
OVERDUE = "overdue"


def reminder_candidates(*, now: dt.datetime, calendar: OfficeCalendar | None = None) -> list[int]:
    """Ids of assigned requests awaiting their notice that are due within 2 working days or overdue."""
    calendar = calendar or OfficeCalendar()
    horizon = calendar.add_working_days(calendar.local_date(now), REMINDER_WORKING_DAYS_AHEAD)
    return list(
        InformationRequest.objects.filter(
            status__in=InformationRequest.AWAITING_NOTICE_STATUSES,
            notice_due__lte=horizon,
            assignee__isnull=False,
        )
        .order_by("notice_due", "pk")
        .values_list("pk", flat=True)
    )


def reminder_key(*, request: InformationRequest, today: dt.date) -> str:
    stage = OVERDUE if today > request.notice_due else DUE_SOON
    return f"{stage}:{request.notice_due.isoformat()}"


def _reminder_text(request: InformationRequest, *, overdue: bool) -> tuple[str, str]:
    subject = (
        _("TERLAMBAT: pemberitahuan tertulis permohonan %(number)s") if overdue else _("Segera jatuh tempo: permohonan %(number)s")
    ) % {"number": request}
    body = _(
        "Permohonan %(number)s harus dijawab dengan pemberitahuan tertulis paling lambat %(due)s.\n"
        "Informasi yang diminta: %(wanted)s\n\n%(office)s"
    ) % {
        "number": request,
        "due": day_text(request.notice_due),
        "wanted": request.information_wanted[:300],
        "office": settings.PPID_OFFICE_NAME,
    }
    return subject, body


@transaction.atomic
def deadline_reminder_send(*, request_id: int, now: dt.datetime) -> bool:
    """Remind the assignee of one request, unless that reminder was already sent. Returns whether one was sent."""
    calendar = OfficeCalendar()
    request = lock_request(request_id)
    if (
        request.status not in InformationRequest.AWAITING_NOTICE_STATUSES
        or request.assignee_id is None
        or request.notice_due is None
    ):
        return False
    key = reminder_key(request=request, today=calendar.local_date(now))
    done = (RequestAction.REMINDER_SENT, RequestAction.REMINDER_SKIPPED)
    if RequestEvent.objects.filter(request=request, action__in=done, data__key=key).exists():
        return False
    assignee = request.assignee
    if not assignee.email:
        record_event(request, action=RequestAction.REMINDER_SKIPPED, data={"key": key, "to": assignee.pk})
        return False
    with translation.override(DOCUMENT_LANGUAGE):  # office mail is in Indonesian
        subject, body = _reminder_text(request, overdue=key.startswith(OVERDUE))
    send_mail(subject, body, None, [assignee.email])  # a failure raises: nothing is recorded, the next sweep retries
    record_event(request, action=RequestAction.REMINDER_SENT, data={"key": key, "to": assignee.pk})
    return True


def deadline_reminders_sweep(*, now: dt.datetime) -> int:
    """Send every reminder that is due and not yet sent; each request in its own transaction."""
    calendar = OfficeCalendar()
    return sum(deadline_reminder_send(request_id=pk, now=now) for pk in reminder_candidates(now=now, calendar=calendar))
