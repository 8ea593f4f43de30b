"""The one writer of a dispute's deadline columns, and the 14-working-day filing window.

Filing window (UU KIP pasal 37 ayat (2); ``ppid.deadlines.dispute_filing_last_day``): 14 working
days from the day the requester received the Atasan PPID's answer, or from the Atasan's due date
when no answer came. The day the answer reached the requester is ``Answer.received_by_requester_on``
when the desk recorded it (post, pick-up); when it is not recorded, the local date of
``Answer.answered_at`` (the answer sent by email or downloaded reaches the requester the day it is
issued, as for the PPID's notices). The window is judged on the local date of the filing.

Perki 1/2013 periods: mediation 14 working days from its first day, extended once by 7
(``mediation_due``); the Komisi Informasi settles within 100 working days of registration
(``settlement_due``). A calendar change recomputes the disputes still open; closed ones keep
the dates they had.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db import transaction

from ppid import deadlines
from ppid.services import CalendarChange
from ppid.workdays import OfficeCalendar

from ..dispute_events import DEADLINE_REASON_CALENDAR, DisputeAction
from ..models import Dispute, Objection, ObjectionEvent

DEADLINE_FIELDS = ("mediation_due", "settlement_due")


@dataclass(frozen=True)
class FilingWindow:
    basis: str  # a Dispute.WindowBasis value
    start: dt.date
    last_day: dt.date

    @property
    def basis_label(self) -> str:
        return str(Dispute.WindowBasis(self.basis).label)


def objection_answer(objection: Objection):
    """The Atasan's answer, or None (the OneToOne reverse accessor raises when there is none)."""
    try:
        return objection.answer
    except Objection.answer.RelatedObjectDoesNotExist:
        return None


def dispute_window(objection: Objection, calendar: OfficeCalendar | None = None) -> FilingWindow | None:
    """The filing window of an objection: from the answer's receipt, or from the Atasan's due date; None
    when there is neither an answer nor a due date yet."""
    calendar = calendar or OfficeCalendar()
    answer = objection_answer(objection)
    if answer is not None:
        if answer.received_by_requester_on is not None:
            basis, start = Dispute.WindowBasis.ANSWER_RECEIVED, answer.received_by_requester_on
        else:
            basis, start = Dispute.WindowBasis.ANSWER_ISSUED, calendar.local_date(answer.answered_at)
    elif objection.answer_due is not None:
        basis, start = Dispute.WindowBasis.ANSWER_DUE, objection.answer_due
    else:
        return None
    return FilingWindow(basis, start, deadlines.dispute_filing_last_day(start, calendar))


def expected_deadlines(dispute: Dispute, calendar: OfficeCalendar) -> dict[str, dt.date | None]:
    mediation = None
    if dispute.mediation_started_on is not None:
        mediation = deadlines.mediation_due(
            dispute.mediation_started_on, extended=dispute.mediation_extended_on is not None, calendar=calendar
        )
    settlement = deadlines.dispute_settlement_due(dispute.registered_on, calendar) if dispute.registered_on else None
    return {"mediation_due": mediation, "settlement_due": settlement}


def _change_data(changed: dict, *, reason: str, dispute: Dispute, calendar_change: dict | None = None) -> dict:
    data = {name: {"from": old.isoformat() if old else None, "to": new.isoformat() if new else None} for name, (old, new) in changed.items()}
    data.update(reason=reason, dispute=dispute.pk)
    if calendar_change:
        data["calendar"] = calendar_change
    return data


def dispute_deadlines_recompute(
    dispute: Dispute, *, calendar: OfficeCalendar | None = None, actor=None, reason: str = "", calendar_change: dict | None = None
) -> bool:
    """Write the deadline columns of one dispute the caller holds locked; a change to a date already set is an event."""
    calendar = calendar or OfficeCalendar()
    expected = expected_deadlines(dispute, calendar)
    changed = {name: (getattr(dispute, name), value) for name, value in expected.items() if getattr(dispute, name) != value}
    if not changed:
        return False
    for name, (_old, new) in changed.items():
        setattr(dispute, name, new)
    dispute.save(update_fields=tuple(changed))
    if any(old is not None for old, _new in changed.values()):
        ObjectionEvent.objects.create(
            objection_id=dispute.objection_id,
            action=DisputeAction.DEADLINE_CHANGED,
            actor=actor,
            data=_change_data(changed, reason=reason, dispute=dispute, calendar_change=calendar_change),
        )
    return True


def open_disputes_recompute(*, actor=None, change: CalendarChange | None = None) -> int:
    """The calendar hook: recompute the disputes still before the Komisi Informasi (few rows; one lock each)."""
    calendar = OfficeCalendar()
    calendar_data = change.as_data() if change else None
    changed = 0
    pks = list(Dispute.objects.filter(stage__in=Dispute.OPEN_STAGES).values_list("pk", flat=True))
    for pk in pks:
        with transaction.atomic():
            dispute = Dispute.objects.select_for_update().filter(pk=pk, stage__in=Dispute.OPEN_STAGES).first()
            if dispute is not None and dispute_deadlines_recompute(
                dispute, calendar=calendar, actor=actor, reason=DEADLINE_REASON_CALENDAR, calendar_change=calendar_data
            ):
                changed += 1
    return changed
