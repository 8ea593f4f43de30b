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

from django.db import transaction

from ppid import deadlines
from ppid.services import CalendarChange
from ppid.workdays import OfficeCalendar

from ..events import DEADLINE_REASON_CALENDAR, ObjectionAction
from ..models import Answer, Objection, ObjectionEvent

DEADLINE_FIELDS = ("receipt_date", "answer_due", "dispute_filing_due", "compliance_due")
RUNNING = (Objection.Status.REGISTERED, Objection.Status.IN_REVIEW, Objection.Status.ANSWERED)


def _answer_of(objection: Objection) -> Answer | None:
    try:
        return objection.answer
    except Answer.DoesNotExist:
        return None


def expected_deadlines(objection: Objection, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    answer = _answer_of(objection)
    if answer is not None and objection.answer_due is not None:
        receipt, answer_due = objection.receipt_date, objection.answer_due  # judged already: kept
    else:
        receipt = calendar.receipt_date(objection.submitted_at)
        answer_due = deadlines.atasan_answer_due(receipt, calendar)
    if answer is not None and answer.received_by_requester_on is not None:
        dispute_due = deadlines.dispute_filing_last_day(answer.received_by_requester_on, calendar)
    else:
        dispute_due = deadlines.dispute_filing_last_day(answer_due, calendar)
    compliance = None
    if answer is not None and answer.ordered_decision and answer.compliance_working_days:
        compliance = calendar.add_working_days(calendar.local_date(answer.answered_at), answer.compliance_working_days)
    return {"receipt_date": receipt, "answer_due": answer_due, "dispute_filing_due": dispute_due, "compliance_due": compliance}


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
    """The calendar hook (registered in ObjectionsConfig.ready): recompute the running objections."""
    calendar = OfficeCalendar()
    pks = list(Objection.objects.filter(status__in=RUNNING).values_list("pk", flat=True))
    data = change.as_data() if change else None
    changed = 0
    for start in range(0, len(pks), 500):
        with transaction.atomic():
            rows = (
                Objection.objects.select_for_update(of=("self",))
                .select_related("answer")
                .filter(pk__in=pks[start : start + 500], status__in=RUNNING)
            )
            for objection in rows:
                changed += objection_deadlines_recompute(
                    objection, calendar=calendar, actor=actor, reason=DEADLINE_REASON_CALENDAR, calendar_change=data
                )
    return changed
