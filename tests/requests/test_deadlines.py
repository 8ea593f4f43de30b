import datetime as dt

from requests.events import event_detail
from zoneinfo import ZoneInfo

import pytest

from ppid.services import calendar_override_remove, calendar_override_set
from requests.models import InformationRequest
from tests.requests.factories import InformationRequestFactory

WIB = ZoneInfo("Asia/Jakarta")
pytestmark = pytest.mark.django_db


def test_request_received_11_march_2026_at_10_wib_is_due_1_april(office):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 3, 11, 10, tzinfo=WIB))
    assert request.receipt_date == dt.date(2026, 3, 11)
    assert request.notice_due == dt.date(2026, 4, 1)


def test_calendar_change_recomputes_open_requests_and_logs_it(office, make_user):
    admin = make_user("admin")
    open_request = InformationRequestFactory(received_at=dt.datetime(2026, 8, 3, 9, tzinfo=WIB))
    closed = InformationRequestFactory(
        received_at=dt.datetime(2026, 8, 3, 9, tzinfo=WIB), status=InformationRequest.Status.CLOSED
    )
    assert open_request.notice_due == dt.date(2026, 8, 18)

    _override, changed = calendar_override_set(day=dt.date(2026, 8, 18), is_working_day=False, reason="Libur daerah", actor=admin)

    open_request.refresh_from_db()
    closed.refresh_from_db()
    assert changed == 1
    assert open_request.notice_due == dt.date(2026, 8, 19)
    assert closed.notice_due == dt.date(2026, 8, 18)
    event = open_request.events.get(action="deadline_changed")
    assert event.data["notice_due"] == {"from": "2026-08-18", "to": "2026-08-19"}
    assert event.data["calendar"]["note"] == "Libur daerah"
    assert "Libur daerah" in event_detail(event.action, event.data)


def test_removing_an_override_recomputes_again(office):
    request = InformationRequestFactory(received_at=dt.datetime(2026, 8, 3, 9, tzinfo=WIB))
    override, _changed = calendar_override_set(day=dt.date(2026, 8, 18), is_working_day=False, reason="Libur daerah")
    calendar_override_remove(override=override)
    request.refresh_from_db()
    assert request.notice_due == dt.date(2026, 8, 18)
    assert request.events.filter(action="deadline_changed").count() == 2
