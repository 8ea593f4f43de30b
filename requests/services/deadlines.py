"""The one writer of a request's deadline columns (receipt_date, notice_due).

The clock starts at receipt_date(completed_at) and never stops (UU KIP has no pause); the notice
is due 10 working days later, 17 when extended (the formulas are ppid.deadlines'). A calendar
change recomputes the requests still awaiting their notice, set-based, and logs each change;
the others keep the dates they had.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction

from ppid import deadlines
from ppid.services import CalendarChange
from ppid.workdays import OfficeCalendar

from ..events import DEADLINE_REASON_CALENDAR, RequestAction
from ..models import InformationRequest, RequestEvent
from .transitions import record_event

DEADLINE_FIELDS = ("receipt_date", "notice_due")
# Rows written per statement by the calendar-change recompute (well under SQLite's parameter limit).
RECOMPUTE_BATCH = 500


def deadlines_for(*, completed_at: dt.datetime | None, extended: bool, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    if completed_at is None:
        return {"receipt_date": None, "notice_due": None}
    receipt = calendar.receipt_date(completed_at)
    return {"receipt_date": receipt, "notice_due": deadlines.request_notice_due(receipt, extended=extended, calendar=calendar)}


def expected_deadlines(request: InformationRequest, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    return deadlines_for(completed_at=request.completed_at, extended=request.extended_at is not None, calendar=calendar)


def _change_data(changed: dict, *, reason: str, calendar_change: dict | None = None) -> dict:
    data = {field: {"from": old.isoformat() if old else None, "to": new.isoformat() if new else None} for field, (old, new) in changed.items()}
    data["reason"] = reason
    if calendar_change:
        data["calendar"] = calendar_change
    return data


def request_deadlines_recompute(
    request: InformationRequest, *, calendar: OfficeCalendar | None = None, actor=None, reason: str = ""
) -> bool:
    """Write the deadline columns of one request the caller holds locked; ``reason`` is a code of requests.events.

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
        record_event(request, action=RequestAction.DEADLINE_CHANGED, actor=actor, data=_change_data(changed, reason=reason))
    return True


def open_requests_recompute(*, actor=None, change: CalendarChange | None = None) -> int:
    """After a calendar change: recompute every request still awaiting its notice, set-based.

    The rows are read once, the new dates computed with one warm calendar, and the changed rows
    written in batches of requests sharing the same old and new dates. Each batch locks exactly the
    rows that still have the dates it read (so an extension committed meanwhile, which changes
    notice_due and extended_at, is left alone and keeps its own recomputed dates) and updates them in
    one statement; the events are written in one insert per batch. Returns the number of requests changed.
    """
    calendar = OfficeCalendar()
    awaiting = InformationRequest.AWAITING_NOTICE_STATUSES
    rows = InformationRequest.objects.filter(status__in=awaiting, completed_at__isnull=False).values_list(
        "pk", "completed_at", "extended_at", "receipt_date", "notice_due"
    )
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, completed_at, extended_at, receipt, due in rows.iterator(chunk_size=2000):
        new = deadlines_for(completed_at=completed_at, extended=extended_at is not None, calendar=calendar)
        if (new["receipt_date"], new["notice_due"]) != (receipt, due):
            groups[(extended_at is not None, receipt, due, new["receipt_date"], new["notice_due"])].append(pk)
    calendar_data = change.as_data() if change else None
    changed = 0
    for (extended, old_receipt, old_due, new_receipt, new_due), pks in groups.items():
        for start in range(0, len(pks), RECOMPUTE_BATCH):
            changed += _recompute_batch(
                pks[start : start + RECOMPUTE_BATCH],
                extended=extended,
                old=(old_receipt, old_due),
                new=(new_receipt, new_due),
                actor=actor,
                calendar_data=calendar_data,
            )
    return changed


@transaction.atomic
def _recompute_batch(pks, *, extended: bool, old: tuple, new: tuple, actor, calendar_data) -> int:
    still = InformationRequest.objects.select_for_update().filter(
        pk__in=pks,
        status__in=InformationRequest.AWAITING_NOTICE_STATUSES,
        extended_at__isnull=not extended,
        receipt_date=old[0],
        notice_due=old[1],
    )
    locked = list(still.values_list("pk", flat=True))
    if not locked:
        return 0
    InformationRequest.objects.filter(pk__in=locked).update(receipt_date=new[0], notice_due=new[1])
    changed = {field: (before, after) for field, before, after in zip(DEADLINE_FIELDS, old, new) if before != after}
    data = _change_data(changed, reason=DEADLINE_REASON_CALENDAR, calendar_change=calendar_data)
    RequestEvent.objects.bulk_create(
        [RequestEvent(request_id=pk, action=RequestAction.DEADLINE_CHANGED, actor=actor, data=data) for pk in locked],
        batch_size=RECOMPUTE_BATCH,
    )
    return len(locked)
