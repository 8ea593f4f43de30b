"""The one writer of an objection's deadline columns (receipt_date, answer_due, dispute_filing_due, compliance_due).

- the Atasan's clock starts at ``receipt_date(submitted_at)``; the answer is due 30 working days later;
- the dispute may be filed within 14 working days of the day the answer reached the requester, or
  of the Atasan's due date while no answer came;
- an answer ordering the information given sets the PPID's compliance deadline: the Atasan's number
  of working days from the day of the answer.

A calendar change recomputes the objections still running (registered, in review, answered) and logs
each change; closed and withdrawn objections keep the dates they had, and an answered objection keeps
the receipt and answer dates it was judged on.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict

from django.db import transaction

from ppid import deadlines
from ppid.services import CalendarChange
from ppid.workdays import OfficeCalendar

from ..events import DEADLINE_REASON_CALENDAR, ObjectionAction
from ..models import Answer, Objection, ObjectionEvent

DEADLINE_FIELDS = ("receipt_date", "answer_due", "dispute_filing_due", "compliance_due")
RUNNING = (Objection.Status.REGISTERED, Objection.Status.IN_REVIEW, Objection.Status.ANSWERED)
# Rows written per statement by the calendar-change recompute.
RECOMPUTE_BATCH = 500


def _answer_of(objection: Objection) -> Answer | None:
    try:
        return objection.answer
    except Answer.DoesNotExist:
        return None


def deadlines_for(
    *, submitted_at: dt.datetime, stored: tuple, answered_at, answer_received_on, ordered: bool, compliance_days, calendar: OfficeCalendar
) -> dict[str, dt.date | None]:
    """The four dates from the facts; ``stored`` is (receipt_date, answer_due) as kept, used once answered."""
    if answered_at is not None and stored[1] is not None:
        receipt, answer_due = stored  # judged already: kept
    else:
        receipt = calendar.receipt_date(submitted_at)
        answer_due = deadlines.atasan_answer_due(receipt, calendar)
    if answered_at is not None and answer_received_on is not None:
        dispute_due = deadlines.dispute_filing_last_day(answer_received_on, calendar)
    else:
        dispute_due = deadlines.dispute_filing_last_day(answer_due, calendar)
    compliance = None
    if answered_at is not None and ordered and compliance_days:
        compliance = calendar.add_working_days(calendar.local_date(answered_at), compliance_days)
    return {"receipt_date": receipt, "answer_due": answer_due, "dispute_filing_due": dispute_due, "compliance_due": compliance}


def expected_deadlines(objection: Objection, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    answer = _answer_of(objection)
    return deadlines_for(
        submitted_at=objection.submitted_at,
        stored=(objection.receipt_date, objection.answer_due),
        answered_at=answer.answered_at if answer else None,
        answer_received_on=answer.received_by_requester_on if answer else None,
        ordered=bool(answer and answer.ordered_decision),
        compliance_days=answer.compliance_working_days if answer else None,
        calendar=calendar,
    )


def _change_data(changed: dict, *, reason: str, calendar_change: dict | None = None) -> dict:
    data = {f: {"from": old.isoformat() if old else None, "to": new.isoformat() if new else None} for f, (old, new) in changed.items()}
    data["reason"] = reason
    if calendar_change:
        data["calendar"] = calendar_change
    return data


def objection_deadlines_recompute(
    objection: Objection, *, calendar: OfficeCalendar | None = None, actor=None, reason: str = "", calendar_change=None
) -> bool:
    """Write the deadline columns of one objection the caller holds locked; log a change of existing dates."""
    calendar = calendar or OfficeCalendar()
    expected = expected_deadlines(objection, calendar)
    changed = {f: (getattr(objection, f), v) for f, v in expected.items() if getattr(objection, f) != v}
    if not changed:
        return False
    for f, (_old, new) in changed.items():
        setattr(objection, f, new)
    objection.save(update_fields=tuple(changed))
    if any(old is not None for old, _new in changed.values()):
        ObjectionEvent.objects.create(
            objection=objection,
            action=ObjectionAction.DEADLINE_CHANGED,
            actor=actor,
            data=_change_data(changed, reason=reason, calendar_change=calendar_change),
        )
    return True


def open_objections_recompute(*, actor=None, change: CalendarChange | None = None) -> int:
    """The calendar hook (registered in ObjectionsConfig.ready): recompute the running objections, set-based.

    As for requests: the rows are read once (with their answer's facts), the new dates computed with
    one warm calendar, and the changed rows written in batches sharing the same old and new dates;
    each batch locks and updates only the rows that still carry the dates it read, and logs its
    events in one insert. Returns the number of objections changed.
    """
    calendar = OfficeCalendar()
    rows = Objection.objects.filter(status__in=RUNNING).values_list(
        "pk", "submitted_at", *DEADLINE_FIELDS, "answer__answered_at", "answer__received_by_requester_on",
        "answer__ordered_decision", "answer__compliance_working_days",
    )
    groups: dict[tuple, list[int]] = defaultdict(list)
    for pk, submitted_at, receipt, answer_due, dispute_due, compliance, answered_at, received_on, ordered, days in rows.iterator(
        chunk_size=2000
    ):
        old = (receipt, answer_due, dispute_due, compliance)
        new = deadlines_for(
            submitted_at=submitted_at, stored=(receipt, answer_due), answered_at=answered_at, answer_received_on=received_on,
            ordered=bool(ordered), compliance_days=days, calendar=calendar,
        )
        new = tuple(new[f] for f in DEADLINE_FIELDS)
        if new != old:
            groups[(old, new)].append(pk)
    calendar_data = change.as_data() if change else None
    changed = 0
    for (old, new), pks in groups.items():
        for start in range(0, len(pks), RECOMPUTE_BATCH):
            changed += _recompute_batch(pks[start : start + RECOMPUTE_BATCH], old=old, new=new, actor=actor, calendar_data=calendar_data)
    return changed


@transaction.atomic
def _recompute_batch(pks, *, old: tuple, new: tuple, actor, calendar_data) -> int:
    still = Objection.objects.select_for_update().filter(pk__in=pks, status__in=RUNNING, **dict(zip(DEADLINE_FIELDS, old)))
    locked = list(still.values_list("pk", flat=True))
    if not locked:
        return 0
    Objection.objects.filter(pk__in=locked).update(**dict(zip(DEADLINE_FIELDS, new)))
    changed = {f: (before, after) for f, before, after in zip(DEADLINE_FIELDS, old, new) if before != after}
    data = _change_data(changed, reason=DEADLINE_REASON_CALENDAR, calendar_change=calendar_data)
    ObjectionEvent.objects.bulk_create(
        [ObjectionEvent(objection_id=pk, action=ObjectionAction.DEADLINE_CHANGED, actor=actor, data=data) for pk in locked],
        batch_size=RECOMPUTE_BATCH,
    )
    return len(locked)
