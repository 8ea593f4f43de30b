"""Every ground's window, through the engine: the last allowed day (a filing at 20:00 that day is in
time) and the first refused day, for each way the notice reached the requester."""

import datetime as dt

import pytest
from django.core.exceptions import ValidationError

from objections.models import Objection
from objections.services.filing import file_guard
from objections.services.grounds import (
    BASIS_DELIVERY_FAILED,
    BASIS_NOTICE_DUE,
    BASIS_NOTICE_RECEIVED,
    BASIS_NOTICE_UNRECORDED,
    grounds_offered,
)
from ppid.rules import TransitionRefused
from ppid.workdays import OfficeCalendar
from requests.models import Decision, Delivery
from tests.objections.helpers import (
    DUE,
    ISSUED,
    ISSUED_LATE,
    RECEIVED,
    RECORDED_RECEIPT,
    at,
    decided_request,
    file_online,
    make_request,
    window_last_day,
)

pytestmark = pytest.mark.django_db

# How the notice reached the requester -> the day the window starts from.
METHODS = {
    "email": lambda issued: issued.date(),
    "download": lambda issued: issued.date(),
    "post": lambda issued: max(RECORDED_RECEIPT, issued.date()),
    "pick_up": lambda issued: max(RECORDED_RECEIPT, issued.date()),
    "fax": lambda issued: max(RECORDED_RECEIPT, issued.date()),
}


def _edges(request, ground, ground_date):
    last = window_last_day(ground_date)
    refused_on = last + dt.timedelta(days=1)
    # The first refused day: the calendar day after the last day, at 08:00 (the Atasan's clock never matters here).
    with pytest.raises((ValidationError, TransitionRefused)) as refused:
        file_online(request, ground, now=at(refused_on, 8))
    assert f"{last.day} " in str(refused.value) and str(last.year) in str(refused.value)
    assert not Objection.objects.filter(request=request).exists()
    # The last allowed day, at 20:00 (after closing time: still in time, judged on the local date).
    objection = file_online(request, ground, now=at(last, 20))
    claim = objection.grounds.get()
    assert (claim.ground, claim.ground_date, claim.window_closes) == (ground, ground_date, last)
    return objection


@pytest.mark.parametrize("method", list(METHODS))
@pytest.mark.parametrize("ground", ["a", "d", "e", "f"])
def test_notice_grounds_run_30_working_days_from_the_day_the_notice_reached_the_requester(people, method, ground):
    request, notice = decided_request(people, method=method)
    expected_start = METHODS[method](ISSUED)
    assert notice.received_by_requester_on == expected_start
    objection = _edges(request, ground, expected_start)
    assert objection.grounds.get().basis == BASIS_NOTICE_RECEIVED


@pytest.mark.parametrize("method", list(METHODS))
def test_late_answer_ground_g_is_offered_only_for_a_late_notice_and_runs_from_its_receipt(people, method):
    request, notice = decided_request(people, method=method, issued=ISSUED_LATE)
    assert notice.is_late
    _edges(request, "g", METHODS[method](ISSUED_LATE))


def test_ground_g_is_not_offered_when_the_notice_came_in_time(people):
    request, _notice = decided_request(people)
    offered = [o.ground for o in grounds_offered(request, submitted_at=at(ISSUED.date() + dt.timedelta(days=1), 9))]
    assert "g" not in offered and "c" not in offered
    with pytest.raises(ValidationError):
        file_online(request, "g", now=at(ISSUED.date() + dt.timedelta(days=1), 9))


def test_ground_a_only_after_a_pasal_17_refusal(people):
    granted, _ = decided_request(people, decision_code=Decision.GRANTED)
    assert "a" not in [o.ground for o in grounds_offered(granted, submitted_at=at(ISSUED.date(), 15))]
    partly, _ = decided_request(people, decision_code=Decision.PARTLY_GRANTED)
    assert "a" in [o.ground for o in grounds_offered(partly, submitted_at=at(ISSUED.date(), 15))]


def test_no_response_ground_c_runs_from_the_due_date_and_is_offered_only_once_it_passed(people):
    request = make_request(received_at=RECEIVED)
    assert request.notice_due == DUE
    on_due_day = [o.ground for o in grounds_offered(request, submitted_at=at(DUE, 20))]
    assert on_due_day == ["b"]
    verdict = file_guard(request.requester.user, request, at(DUE, 20))
    assert not verdict.allowed and "belum lewat" in str(verdict.reason)
    objection = _edges(request, "c", DUE)
    assert objection.grounds.get().basis == BASIS_NOTICE_DUE


def test_periodic_information_ground_b_runs_from_the_date_the_requester_states(people):
    request, _ = decided_request(people)
    found_out = dt.date(2026, 3, 2)
    last = window_last_day(found_out)
    with pytest.raises(ValidationError) as refused:
        file_online(request, "b", now=at(last + dt.timedelta(days=1), 8), found_out_on=found_out)
    assert f"{last.day} " in str(refused.value)
    objection = file_online(request, "b", now=at(last, 20), found_out_on=found_out)
    assert objection.grounds.get().window_closes == last


def test_not_fulfilled_ground_e_runs_from_a_failed_delivery(people):
    request, _ = decided_request(people, decision_code=Decision.GRANTED)
    failed_at = dt.datetime(2026, 3, 20, 11, tzinfo=ISSUED.tzinfo)
    Delivery.objects.create(request=request, method="post", delivered_at=failed_at, recorded_by=people["ppid"], failed=True)
    objection = _edges(request, "e", failed_at.date())
    assert objection.grounds.get().basis == BASIS_DELIVERY_FAILED


def test_a_posted_notice_whose_receipt_is_not_recorded_is_objected_to_from_the_filing_day(people):
    request, notice = decided_request(people, method="post", record_receipt=False)
    assert notice.received_by_requester_on is None
    late = at(ISSUED.date() + dt.timedelta(days=80), 10)
    objection = file_online(request, "a", now=late)
    claim = objection.grounds.get()
    assert claim.basis == BASIS_NOTICE_UNRECORDED and claim.ground_date == late.date()


def test_several_grounds_at_once_each_with_its_own_window_and_reason(people):
    from objections.services.filing import GroundClaim, objection_file

    request, _ = decided_request(people, issued=ISSUED_LATE)
    objection = objection_file(
        request_id=request.pk,
        claims=[GroundClaim("a", "Bukan rahasia negara."), GroundClaim("g", "Jawaban datang terlambat."), GroundClaim("b", "Laporan berkala tidak ada.", dt.date(2026, 4, 1))],
        actor=request.requester.user,
        now=at(dt.date(2026, 4, 6), 10),
    )
    claims = {c.ground: c for c in objection.grounds.all()}
    assert set(claims) == {"a", "b", "g"}
    assert claims["b"].ground_date == dt.date(2026, 4, 1) and claims["a"].ground_date == ISSUED_LATE.date()
    assert claims["g"].reason == "Jawaban datang terlambat."


def test_the_page_guard_refuses_saying_the_last_day_once_every_window_closed(people):
    request, _ = decided_request(people)
    last = window_last_day(ISSUED.date())
    assert file_guard(request.requester.user, request, at(last, 23, 59)).allowed
    verdict = file_guard(request.requester.user, request, at(last + dt.timedelta(days=1), 0, 5))
    assert not verdict.allowed
    assert OfficeCalendar().is_working_day(last)
    assert str(last.year) in str(verdict.reason) and "hari terakhir" in str(verdict.reason)
