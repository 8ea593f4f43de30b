"""The deadline ledger: receipt date and why, each stage's due date, the days skipped and why, the
extension, on time or late, and calendar changes."""

import datetime as dt

import pytest

from ppid.services import calendar_override_set
from requests.models import Decision
from requests.selectors_ledger import LATE, ON_TIME, OVERDUE, PENDING, request_ledger
from requests.services import decision, extension, lifecycle, notices
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    DUE,
    NEXT_DAY,
    WIB,
    exempt_review,
    fast_password_hashing,
    make_request,
    staff,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def reasons(days):
    return {day.day: day.reason for day in days}


def test_ledger_explains_a_request_received_after_friday_closing_time(office):
    request = make_request(received_at=dt.datetime(2026, 3, 6, 17, 0, tzinfo=WIB))
    ledger = request_ledger(request=request, now=dt.datetime(2026, 3, 9, 9, tzinfo=WIB))
    assert ledger.receipt_date == dt.date(2026, 3, 9)
    assert "diterima setelah jam layanan (tutup pukul 16:30)" in ledger.receipt_reason
    assert reasons(ledger.receipt_skipped) == {dt.date(2026, 3, 7): "akhir pekan", dt.date(2026, 3, 8): "akhir pekan"}


def test_ledger_explains_a_request_received_on_a_holiday(office):
    request = make_request(received_at=dt.datetime(2026, 3, 19, 9, 0, tzinfo=WIB))
    ledger = request_ledger(request=request, now=dt.datetime(2026, 3, 19, 9, tzinfo=WIB))
    assert "hari bukan kerja (libur nasional: Hari Suci Nyepi)" in ledger.receipt_reason
    assert ledger.receipt_date == dt.date(2026, 3, 25)
    assert dt.date(2026, 3, 19) in reasons(ledger.receipt_skipped)


def test_ledger_names_each_skipped_holiday_and_cuti_bersama_before_the_due_date(office):
    request = make_request()
    ledger = request_ledger(request=request, now=NEXT_DAY)
    stage = ledger.stages[0]
    assert (stage.key, stage.due, stage.state, stage.working_days) == ("notice", DUE, PENDING, 10)
    skipped = reasons(stage.skipped)
    assert skipped[dt.date(2026, 3, 19)] == "libur nasional: Hari Suci Nyepi"
    assert skipped[dt.date(2026, 3, 18)].startswith("cuti bersama: ")
    assert skipped[dt.date(2026, 3, 23)].startswith("cuti bersama: ")
    assert skipped[dt.date(2026, 3, 14)] == "akhir pekan"
    assert "diterima pada hari kerja sebelum jam layanan berakhir" in ledger.receipt_reason
    assert stage.remaining_working_days == 9


def test_ledger_shows_the_notice_on_time_or_late(office, people):
    on_time = make_request()
    decision.request_decide(request_id=on_time.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=NEXT_DAY)
    stage = request_ledger(request=on_time, now=NEXT_DAY).stages[0]
    assert (stage.state, stage.done_on) == (ON_TIME, dt.date(2026, 3, 12))

    late = make_request()
    decision.request_decide(request_id=late.pk, decision=Decision.NOT_HELD, actor=people["ppid"], now=dt.datetime(2026, 4, 2, 9, tzinfo=WIB))
    assert request_ledger(request=late, now=NEXT_DAY).stages[0].state == LATE

    unanswered = make_request()
    assert request_ledger(request=unanswered, now=dt.datetime(2026, 4, 2, 9, tzinfo=WIB)).stages[0].state == OVERDUE


def test_ledger_shows_the_extension_and_its_own_skipped_days(office, people):
    request = make_request()
    extension.request_extend(request_id=request.pk, reason="Arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    request.refresh_from_db()
    ledger = request_ledger(request=request, now=NEXT_DAY)
    assert ledger.extension["old_due"] == DUE and ledger.extension["new_due"] == dt.date(2026, 4, 13)
    assert ledger.extension["reason"] == "Arsip inaktif" and ledger.extension["notice"] is not None
    first, extended = ledger.stages[:2]
    assert (first.due, first.state, extended.key, extended.due) == (DUE, ON_TIME, "extension", dt.date(2026, 4, 13))
    assert reasons(extended.skipped)[dt.date(2026, 4, 3)] == "libur nasional: Wafat Yesus Kristus"


def test_ledger_shows_a_calendar_change_as_an_event_and_the_office_closure_as_a_skipped_day(office, people):
    request = make_request()
    calendar_override_set(day=dt.date(2026, 3, 27), is_working_day=False, reason="Banjir, kantor tutup", actor=people["ppid"])
    request.refresh_from_db()
    assert request.notice_due == dt.date(2026, 4, 2)
    ledger = request_ledger(request=request, now=NEXT_DAY)
    assert reasons(ledger.stages[0].skipped)[dt.date(2026, 3, 27)] == "koreksi kantor: libur: Banjir, kantor tutup"
    [change] = ledger.changes
    assert "Banjir, kantor tutup" in change.note
    assert ("batas pemberitahuan tertulis", dt.date(2026, 4, 1), dt.date(2026, 4, 2)) in change.changes


def test_ledger_gives_the_objection_deadline_after_a_refusal(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    ledger = request_ledger(request=request, now=NEXT_DAY)
    objection = next(stage for stage in ledger.stages if stage.key == "objection")
    assert (objection.starts_on, objection.due, objection.working_days) == (dt.date(2026, 3, 12), dt.date(2026, 5, 4), 30)


def test_ledger_of_an_incomplete_request_says_the_clock_has_not_started(office):
    request = make_request(status="incomplete", completed_at=None)
    ledger = request_ledger(request=request, now=NEXT_DAY)
    assert ledger.receipt_date is None and not ledger.stages and "belum lengkap" in ledger.receipt_reason


def test_ledger_says_when_the_request_became_complete_later(office):
    request = make_request(completed_at=dt.datetime(2026, 3, 13, 9, tzinfo=WIB))
    ledger = request_ledger(request=request, now=NEXT_DAY)
    assert ledger.receipt_date == dt.date(2026, 3, 13)
    assert ledger.receipt_reason.startswith("permohonan lengkap pada 13-03-2026 09:00")


def test_the_requester_page_include_shows_the_ledger_and_notices(office, people):
    request = make_request()
    extension.request_extend(request_id=request.pk, reason="Arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    calendar_override_set(day=dt.date(2026, 4, 8), is_working_day=False, reason="Libur daerah", actor=people["ppid"])
    request.refresh_from_db()
    html = requester_sections_html(request)
    assert "Catatan jangka waktu" in html and "Pemberitahuan perpanjangan waktu" in html
    assert "Libur daerah" in html and "Senin, 13 April 2026 → Selasa, 14 April 2026" in html


def requester_sections_html(request):
    """The notices and the ledger as the requester's page shows them."""
    from django.template.loader import render_to_string

    from requests.selectors_processing import request_processing_records

    context = {
        "req": request,
        "ledger": request_ledger(request=request, now=NEXT_DAY),
        "records": request_processing_records(request=request, for_requester=True),
        "for_requester": True,
    }
    return render_to_string("requests/processing/_notices.html", context) + render_to_string("requests/processing/_ledger.html", context)


def closed_after_refusal(request, people, *, extend: bool):
    if extend:
        extension.request_extend(request_id=request.pk, reason="Arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    exempt_review(request, people["reviewer"])
    decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    lifecycle.request_close(request_id=request.pk, actor=people["desk"], now=NEXT_DAY)
    request.refresh_from_db()
    return request


def shown_dues(request):
    ledger = request_ledger(request=request, now=NEXT_DAY)
    return ledger.receipt_date, [(stage.key, stage.due, stage.state) for stage in ledger.stages if stage.key != "objection"], ledger.extension


@pytest.mark.parametrize("extend", [False, True])
def test_a_closed_request_keeps_its_shown_due_dates_after_a_calendar_override(office, people, extend):
    request = closed_after_refusal(make_request(), people, extend=extend)
    before = shown_dues(request)
    assert before[1][0][1] == DUE
    calendar_override_set(day=dt.date(2026, 3, 27), is_working_day=False, reason="Banjir, kantor tutup", actor=people["ppid"])
    request.refresh_from_db()
    assert (request.receipt_date, request.notice_due) == (dt.date(2026, 3, 11), dt.date(2026, 4, 13) if extend else DUE)
    assert shown_dues(request) == before


def test_an_extension_logged_without_the_earlier_due_date_derives_it_from_the_stored_due(office, people):
    request = closed_after_refusal(make_request(), people, extend=True)
    request.events.filter(action="extended").update(data={})
    calendar_override_set(day=dt.date(2026, 3, 27), is_working_day=False, reason="Banjir, kantor tutup", actor=people["ppid"])
    request.refresh_from_db()
    ledger = request_ledger(request=request, now=NEXT_DAY)
    assert ledger.stages[0].due == DUE and ledger.extension["old_due"] == DUE and ledger.extension["new_due"] == dt.date(2026, 4, 13)


@pytest.mark.parametrize("method", ["post", "pick_up"])
def test_the_objection_window_of_a_posted_refusal_waits_for_the_day_it_is_received(office, people, method):
    request = make_request(delivery_method=method)
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    objection = next(stage for stage in request_ledger(request=request, now=NEXT_DAY).stages if stage.key == "objection")
    # Not 4 May 2026 (12 March + 30 working days): the window runs from receipt, not from the issue day.
    assert (objection.starts_on, objection.due) == (None, None)
    assert objection.note == "tanggal pemberitahuan diterima pemohon belum dicatat"
    html = requester_sections_html(request)
    assert "belum dicatat" in html and "4 Mei 2026" not in html
    later = dt.datetime(2026, 3, 20, 9, tzinfo=WIB)
    notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 17), actor=people["desk"], now=later)
    objection = next(stage for stage in request_ledger(request=request, now=later).stages if stage.key == "objection")
    assert (objection.starts_on, objection.due, objection.state) == (dt.date(2026, 3, 17), dt.date(2026, 5, 7), PENDING)
