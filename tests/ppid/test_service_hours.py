import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.urls import reverse

from ppid.models import ServiceHours
from requests.events import event_detail
from tests.requests.factories import InformationRequestFactory

pytestmark = pytest.mark.django_db
WIB = ZoneInfo("Asia/Jakarta")


def test_changing_closing_time_in_the_admin_recomputes_open_requests_and_logs_it(office, client_for):
    # Received Wednesday 4 March 2026 at 15:30, before the 16:00 closing: counts from that day.
    request = InformationRequestFactory(received_at=dt.datetime(2026, 3, 4, 15, 30, tzinfo=WIB))
    assert request.receipt_date == dt.date(2026, 3, 4)
    client = client_for("admin", is_staff=True, is_superuser=True)
    hours = ServiceHours.objects.get(weekday=2)
    response = client.post(
        reverse("admin:ppid_servicehours_change", args=[hours.pk]),
        {"weekday": 2, "is_open": "on", "opens_at": "08:00", "closes_at": "15:00", "break_starts_at": "12:00", "break_ends_at": "13:00"},
    )
    assert response.status_code == 302
    request.refresh_from_db()
    assert request.receipt_date == dt.date(2026, 3, 5)
    event = request.events.get(action="deadline_changed")
    assert event.data["calendar"] == {"kind": "service_hours", "weekday": 2}
    assert "jam layanan hari Rabu diubah" in event_detail(event.action, event.data)


def test_service_hours_rows_cannot_be_added_or_deleted_in_the_admin(client_for):
    client = client_for("admin", is_staff=True, is_superuser=True)
    assert client.get(reverse("admin:ppid_servicehours_add")).status_code == 403
