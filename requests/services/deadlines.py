"""The one service that writes a request's deadline columns (receipt_date, notice_due).

The clock starts at receipt_date(completed_at) and never stops (UU KIP has no pause); the
notice is due 10 working days later, 17 when extended. A calendar change recomputes open
requests and logs each change; closed requests keep the dates they had.
"""

from __future__ import annotations

import datetime as dt

from ppid import law
from ppid.workdays import OfficeCalendar

from ..models import InformationRequest
from .transitions import record_event

DEADLINE_FIELDS = ("receipt_date", "notice_due")


def expected_deadlines(request: InformationRequest, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    if request.completed_at is None:
        return {"receipt_date": None, "notice_due": None}
    received = calendar.receipt_date(request.completed_at)
    due = calendar.add_working_days(received, law.NOTICE_WORKING_DAYS)
    if request.extended_at is not None:
        due = calendar.add_working_days(due, law.EXTENSION_WORKING_DAYS)
    return {"receipt_date": received, "notice_due": due}


def request_deadlines_recompute(
    request: InformationRequest, *, calendar: OfficeCalendar | None = None, actor=None, reason: str = ""
) -> bool:
    """Write the deadline columns from the receipt moment, the extension and the calendar.

    Returns whether anything changed; a change to existing dates is logged as an event.
    """
    calendar = calendar or OfficeCalendar()
    expected = expected_deadlines(request, calendar)
    changed = {field: (getattr(request, field), value) for field, value in expected.items() if getattr(request, field) != value}
    if not changed:
        return False
    for field, (_old, new) in changed.items():
        setattr(request, field, new)
    request.save(update_fields=tuple(changed))
    if any(old is not None for old, _new in changed.values()):
        record_event(
            request,
            action="deadline_changed",
            actor=actor,
            note=reason,
            data={field: {"from": str(old), "to": str(new)} for field, (old, new) in changed.items()},
        )
    return True


def open_requests_recompute(*, actor=None, reason: str = "") -> int:
    """After a calendar change: recompute every request still awaiting its notice; the others keep their dates."""
    calendar = OfficeCalendar()
    changed = 0
    open_requests = InformationRequest.objects.filter(
        status__in=InformationRequest.AWAITING_NOTICE_STATUSES, completed_at__isnull=False
    ).only("id", "completed_at", "extended_at", "receipt_date", "notice_due", "status")
    for request in open_requests.iterator():
        changed += request_deadlines_recompute(request, calendar=calendar, actor=actor, reason=reason)
    return changed
