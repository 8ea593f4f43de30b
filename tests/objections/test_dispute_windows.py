"""The dispute's 14-working-day filing window (UU KIP pasal 37 ayat (2)), edges through the engine."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from objections.models import Dispute
from objections.services import disputes as services
from ppid import deadlines
from ppid.rules import ActionNotPermitted, TransitionRefused
from ppid.workdays import OfficeCalendar
from tests.objections.dispute_factories import WIB, make_answer, make_objection
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db

SUBMITTED = dt.datetime(2026, 6, 15, 10, tzinfo=WIB)
# The answer reached the requester on Monday 10 August 2026; 17 August and 25 August are holidays.
RECEIVED_ON = dt.date(2026, 8, 10)


def at(day: dt.date, hour: int = 10) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, tzinfo=WIB)


@pytest.fixture
def objection(office, make_user):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 5, 4, 10, tzinfo=WIB), unit=office["main"])
    return make_objection(request, submitted_at=SUBMITTED)


@pytest.fixture
def atasan(office, make_user):
    return make_user("atasan_ppid", unit=office["main"])


def test_window_from_the_day_the_answer_was_received(objection, atasan):
    make_answer(objection, answered_at=at(dt.date(2026, 8, 5)), answered_by=atasan, received_on=RECEIVED_ON)
    calendar = OfficeCalendar()
    last = deadlines.dispute_filing_last_day(RECEIVED_ON, calendar)
    assert last == dt.date(2026, 9, 1)  # 14 working days: 17 August and 25 August (Maulid Nabi) skipped
    requester = objection.requester.user
    # 20:00 on the last day is in time (the local date decides).
    assert services.escalate_guard(requester, objection, at(last, 20)).allowed
    refused = services.escalate_guard(requester, objection, at(calendar.next_working_day(last), 8))
    assert not refused.allowed and not refused.forbidden
    assert "1 September 2026" in str(refused.reason)
    dispute = services.dispute_escalate(objection_id=objection.pk, actor=requester, now=at(last, 20))
    assert (dispute.stage, dispute.filed_on, dispute.filing_last_day) == (Dispute.Stage.FILED, last, last)
    assert dispute.window_basis == Dispute.WindowBasis.ANSWER_RECEIVED
    assert objection.events.filter(action="dispute_escalated").count() == 1


def test_window_from_the_issue_day_when_receipt_is_not_recorded(objection, atasan):
    """Documented choice: an answer without a recorded receipt counts from its local issue date (as notices by email)."""
    issued = dt.datetime(2026, 8, 9, 23, 30, tzinfo=dt.timezone.utc)  # Monday 10 August 06:30 WIB
    make_answer(objection, answered_at=issued, answered_by=atasan)
    window = services.dispute_window(objection)
    assert (window.basis, window.start, window.last_day) == (Dispute.WindowBasis.ANSWER_ISSUED, RECEIVED_ON, dt.date(2026, 9, 1))


def test_window_from_the_atasan_due_date_when_no_answer_came(objection):
    calendar = OfficeCalendar()
    due = objection.answer_due
    assert due == deadlines.atasan_answer_due(calendar.receipt_date(SUBMITTED), calendar)
    last = deadlines.dispute_filing_last_day(due, calendar)
    requester = objection.requester.user
    waiting = services.escalate_guard(requester, objection, at(due, 15))
    assert not waiting.allowed and "masih dapat menanggapi" in str(waiting.reason)
    assert services.escalate_guard(requester, objection, at(calendar.next_working_day(due))).allowed
    assert services.escalate_guard(requester, objection, at(last, 23)).allowed
    first_refused = calendar.next_working_day(last)
    assert not services.escalate_guard(requester, objection, at(first_refused, 7)).allowed
    with pytest.raises(TransitionRefused):
        services.dispute_escalate(objection_id=objection.pk, actor=requester, now=at(first_refused, 7))


def test_another_requester_and_staff_without_the_role_are_forbidden(objection, make_user):
    from tests.registry.factories import RequesterFactory

    other = RequesterFactory().user
    assert services.escalate_guard(other, objection, at(objection.answer_due, 10)).forbidden
    ppid = make_user("ppid")
    assert services.open_guard(ppid, objection, at(objection.answer_due, 10)).forbidden
    with pytest.raises(ActionNotPermitted):
        services.dispute_open(objection_id=objection.pk, filed_on=objection.answer_due, actor=ppid, now=at(objection.answer_due))


def test_the_desk_records_a_filing_judged_on_its_filing_date(objection, atasan, make_user):
    make_answer(objection, answered_at=at(dt.date(2026, 8, 5)), answered_by=atasan, received_on=RECEIVED_ON)
    desk = make_user("dispute_desk")
    later = at(dt.date(2026, 9, 10))
    with pytest.raises(ValidationError) as error:
        services.dispute_open(objection_id=objection.pk, filed_on=dt.date(2026, 9, 2), actor=desk, now=later)
    assert "1 September 2026" in " ".join(error.value.messages)
    dispute = services.dispute_open(objection_id=objection.pk, filed_on=dt.date(2026, 9, 1), actor=desk, now=later)
    assert dispute.filed_via == Dispute.FiledVia.DESK
    # One open dispute per objection.
    again = services.open_guard(desk, objection, later)
    assert not again.allowed and not again.forbidden


def test_withdrawn_or_accepted_objections_cannot_be_escalated(objection):
    objection.status = "withdrawn"
    objection.save()
    assert not services.escalate_guard(objection.requester.user, objection, at(objection.answer_due + dt.timedelta(days=1))).allowed
