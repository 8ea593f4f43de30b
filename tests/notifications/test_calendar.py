"""A calendar override queues a recompute task after commit, and the officers whose items moved are told once."""

import datetime as dt

import pytest

from notifications.models import Notification, SweepRun
from ppid.services import calendar_override_remove, calendar_override_set
from requests.models import InformationRequest
from tests.requests.processing_helpers import DUE, fast_password_hashing, make_request, staff  # noqa: F401

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def test_an_added_closure_moves_open_deadlines_and_tells_their_officers_once(office, people, mailoutbox, django_capture_on_commit_callbacks):
    moved = make_request(assignee=people["reviewer"], unit=office["health"])
    decided = make_request(assignee=people["reviewer"], status=InformationRequest.Status.DECIDED)
    with django_capture_on_commit_callbacks(execute=True):
        override, changed = calendar_override_set(day=dt.date(2026, 3, 25), is_working_day=False, reason="Banjir", actor=people["ppid"])
    assert changed == 1
    moved.refresh_from_db()
    decided.refresh_from_db()
    assert moved.notice_due == dt.date(2026, 4, 2) and decided.notice_due == DUE
    run = SweepRun.objects.get(trigger="calendar")
    assert run.items == 1
    by_address = {m.to[0]: m for m in mailoutbox}
    assert set(by_address) == {people["reviewer"].email, people["health"].email}
    body = by_address[people["reviewer"].email].body
    assert "kalender kerja kantor diubah" in body and moved.register_number in body and "Kamis, 2 April 2026" in body
    assert decided.register_number not in body
    # The task run again (a retry, a second worker) tells nobody twice.
    from notifications.calendar import calendar_change_recompute

    calendar_change_recompute(change={"kind": "override_set", "day": "2026-03-25", "note": "Banjir"}, now=dt.datetime(2026, 3, 20, tzinfo=dt.timezone.utc))
    assert len(mailoutbox) == 2
    # Removing it moves the date back: told again, with the new date.
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_remove(override=override, actor=people["ppid"])
    moved.refresh_from_db()
    assert moved.notice_due == DUE
    assert len(mailoutbox) == 4 and "Rabu, 1 April 2026" in mailoutbox[-1].body
    assert Notification.objects.filter(kind="deadline_moved", item_id=moved.pk).count() == 4


def test_a_closure_that_moves_an_objections_answer_due_tells_the_atasan(office, people, mailoutbox, django_capture_on_commit_callbacks):
    from objections.models import Objection
    from tests.objections.dispute_factories import make_objection

    request = make_request(assignee=people["reviewer"], status=InformationRequest.Status.DECIDED)
    objection = make_objection(request, submitted_at=dt.datetime(2026, 3, 20, 10, tzinfo=dt.timezone(dt.timedelta(hours=7))), grounds=("d",))
    objection.status = Objection.Status.REGISTERED
    objection.save(update_fields=["status"])
    before = objection.answer_due
    with django_capture_on_commit_callbacks(execute=True):
        calendar_override_set(day=dt.date(2026, 4, 6), is_working_day=False, reason="Banjir", actor=people["ppid"])
    objection.refresh_from_db()
    assert objection.answer_due > before
    to_atasan = [m for m in mailoutbox if m.to == [people["atasan"].email]]
    assert len(to_atasan) == 1 and objection.register_number in to_atasan[0].body
