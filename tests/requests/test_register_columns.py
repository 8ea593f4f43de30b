"""The register's columns kept on the request (requests.services.register_columns) by the services that
record reviews and notices, equal to what the notices and reviews themselves say."""

import datetime as dt

import pytest
from django.utils import translation

from requests.models import Decision, InformationRequest
from requests.selectors_register import RegisterFilters, register_refusal_reason, register_rows, register_typed_rows
from requests.services import decision, review as review_services
from requests.services.register_columns import REGISTER_COLUMNS, register_columns_refresh
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    NEXT_DAY,
    exempt_review,
    fast_password_hashing,
    make_request,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def stored(request) -> tuple:
    return tuple(InformationRequest.objects.filter(pk=request.pk).values_list(*REGISTER_COLUMNS).get())


def test_the_review_and_refusal_services_keep_the_register_columns(office, people, django_capture_on_commit_callbacks):
    request = make_request()
    assert stored(request) == (None, "", "", "")
    exempt_review(request, people["reviewer"], letter="b")
    assert stored(request) == (None, "", "b", "")
    meeting = review_services.meeting_record(
        request_id=request.pk, held_on=dt.date(2026, 3, 12), attendees="PPID; Bappeda", summary="Dikecualikan", actor=people["ppid"], now=NEXT_DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, meeting=meeting, actor=people["ppid"], now=NEXT_DAY)
    assert stored(request) == (notice.issued_at, notice.body, "b", "")
    with translation.override("id"):
        [row] = register_typed_rows(register_rows(filters=RegisterFilters(), user=people["ppid"]))
    assert register_refusal_reason(row) == "Pasal 17 huruf b UU 14/2008"
    assert row.values[13] == notice.issued_at.astimezone(dt.timezone(dt.timedelta(hours=7))).date()


def test_a_granted_request_gets_its_notice_date_and_no_refusal_reason(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan realisasi anggaran 2025 (PDF)", actor=people["ppid"], now=NEXT_DAY
    )
    assert stored(request) == (notice.issued_at, "", "", "")


def test_refresh_recomputes_from_the_records_themselves(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"], letter="c")
    InformationRequest.objects.filter(pk=request.pk).update(register_exemption_letter="", register_refusal_body="stale")
    register_columns_refresh([request.pk])
    assert stored(request) == (None, "", "c", "")
