"""The daily reminder sweep: assignees of notices due within 2 working days or overdue; idempotent."""

import datetime as dt

import pytest

from ppid import tasks
from requests.models import Decision, RequestEvent
from requests.services import decision, extension
from requests.services.reminders import deadline_reminder_send, deadline_reminders_sweep, reminder_candidates
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    WIB,
    fast_password_hashing,
    make_request,
    staff,
)

pytestmark = pytest.mark.django_db
# Due 1 April 2026; 30 March is two working days before it.
TWO_DAYS_BEFORE = dt.datetime(2026, 3, 30, 6, 30, tzinfo=WIB)
THREE_DAYS_BEFORE = dt.datetime(2026, 3, 27, 6, 30, tzinfo=WIB)
AFTER_DUE = dt.datetime(2026, 4, 2, 6, 30, tzinfo=WIB)


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def test_the_sweep_run_twice_sends_once(office, people, mailoutbox):
    request = make_request(assignee=people["ppid"])
    assert deadline_reminders_sweep(now=TWO_DAYS_BEFORE) == 1
    assert deadline_reminders_sweep(now=TWO_DAYS_BEFORE) == 0
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == [people["ppid"].email] and request.register_number in mailoutbox[0].subject
    assert RequestEvent.objects.filter(request=request, action="reminder_sent").count() == 1


def test_an_overdue_request_gets_its_own_reminder_once(office, people, mailoutbox):
    make_request(assignee=people["ppid"])
    deadline_reminders_sweep(now=TWO_DAYS_BEFORE)
    assert deadline_reminders_sweep(now=AFTER_DUE) == 1
    assert deadline_reminders_sweep(now=AFTER_DUE + dt.timedelta(hours=1)) == 0
    assert mailoutbox[-1].subject.startswith("TERLAMBAT")
    assert len(mailoutbox) == 2


def test_nothing_is_sent_too_early_without_an_assignee_or_after_the_notice(office, people, mailoutbox):
    assigned = make_request(assignee=people["ppid"])
    assert deadline_reminders_sweep(now=THREE_DAYS_BEFORE) == 0
    make_request()  # no assignee
    decided = make_request(assignee=people["ppid"])
    decision.request_decide(request_id=decided.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=THREE_DAYS_BEFORE)
    assert reminder_candidates(now=TWO_DAYS_BEFORE) == [assigned.pk]
    assert deadline_reminder_send(request_id=decided.pk, now=AFTER_DUE) is False
    assert not mailoutbox


def test_an_extension_moves_the_reminder_to_the_new_due_date(office, people, mailoutbox):
    request = make_request(assignee=people["ppid"])
    deadline_reminders_sweep(now=TWO_DAYS_BEFORE)
    extension.request_extend(request_id=request.pk, reason="Arsip", actor=people["ppid"], now=TWO_DAYS_BEFORE)
    assert deadline_reminders_sweep(now=AFTER_DUE) == 0  # new due 13 April: not yet
    assert deadline_reminders_sweep(now=dt.datetime(2026, 4, 9, 6, 30, tzinfo=WIB)) == 1


def test_the_celery_task_runs_the_sweep(office, people, mailoutbox):
    make_request(assignee=people["ppid"], received_at=dt.datetime.now(WIB) - dt.timedelta(days=60))
    assert tasks.send_deadline_reminders.apply().get() == 1
    assert tasks.send_deadline_reminders.apply().get() == 0
    assert len(mailoutbox) == 1


def test_the_task_for_one_request_by_id_sends_nothing_for_an_incomplete_request(office, people, mailoutbox):
    incomplete = make_request(status="incomplete", completed_at=None, assignee=people["ppid"])
    assert tasks.send_deadline_reminder.apply(args=[incomplete.pk]).get() is False
    assert not mailoutbox
