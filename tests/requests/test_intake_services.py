import datetime as dt
from zoneinfo import ZoneInfo

import pytest
from django.test import override_settings

from ppid.models import RegisterSequence
from ppid.workdays import OfficeCalendar
from registry.models import Requester
from requests.models import Channel, DeliveryMethod, InformationRequest, ObtainMethod
from requests.selectors import request_possible_duplicates
from requests.services.intake import IntakeRefused, request_complete, request_record_at_desk, request_submit_online
from tests.requests.factories import InformationRequestFactory
from tests.registry.factories import RequesterFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fast_passwords(settings):
    """Factories hash a password per user; a fast hasher keeps tests with many rows quick."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]

WIB = ZoneInfo("Asia/Jakarta")
Status = InformationRequest.Status
CONTENT = dict(
    information_wanted="Laporan realisasi anggaran Dinas Kesehatan 2025",
    purpose="Penelitian skripsi",
    obtain_method=ObtainMethod.SOFT_COPY,
    delivery_method=DeliveryMethod.EMAIL,
)


def at(*args):
    return dt.datetime(*args, tzinfo=WIB)


def submit(requester, now, **overrides):
    return request_submit_online(requester=requester, user=requester.user, now=now, **{**CONTENT, **overrides})


def test_online_request_is_numbered_and_due_ten_working_days_later(office):
    requester = RequesterFactory()
    request = submit(requester, at(2026, 11, 25, 10, 0))
    assert request.status == Status.REGISTERED
    assert request.register_number == "0001/PPID/XI/2026"
    assert request.received_at == request.completed_at == at(2026, 11, 25, 10, 0)
    calendar = OfficeCalendar()
    assert request.receipt_date == dt.date(2026, 11, 25)
    assert request.notice_due == calendar.add_working_days(dt.date(2026, 11, 25), 10)
    assert request.unit == office["main"]
    assert list(request.events.values_list("action", flat=True)) == ["received", "registered"]


def test_online_request_of_11_march_2026_is_due_on_1_april(office):
    request = submit(RequesterFactory(), at(2026, 3, 11, 10, 0))
    assert request.notice_due == dt.date(2026, 4, 1)


def test_register_numbers_follow_the_sequence_and_the_local_month(office):
    requester = RequesterFactory()
    first = submit(requester, at(2026, 11, 30, 23, 30))  # 16:30 UTC: already 30 November in WIB
    second = submit(requester, at(2026, 12, 1, 6, 0), information_wanted="Data stunting 2025")
    assert first.register_number == "0001/PPID/XI/2026"
    assert second.register_number == "0002/PPID/XII/2026"


def test_online_request_after_closing_counts_from_the_next_working_day(office):
    request = submit(RequesterFactory(), at(2026, 11, 27, 16, 45))  # Friday after 16:30
    assert request.receipt_date == dt.date(2026, 11, 30)


def test_unverified_requester_cannot_submit_and_takes_no_number(office):
    requester = RequesterFactory(verification_status=Requester.Verification.PENDING)
    with pytest.raises(IntakeRefused) as refused:
        submit(requester, at(2026, 11, 25, 10, 0))
    assert "belum terverifikasi" in str(refused.value.message)
    assert not InformationRequest.objects.exists()
    assert not RegisterSequence.objects.filter(last_number__gt=0).exists()


def test_online_request_missing_content_is_refused(office):
    with pytest.raises(IntakeRefused):
        submit(RequesterFactory(), at(2026, 11, 25, 10, 0), purpose="  ")


def test_a_form_submitted_twice_creates_one_request_and_takes_one_number(office):
    requester = RequesterFactory()
    first = submit(requester, at(2026, 11, 25, 10, 0), idempotency_key="token-1")
    second = submit(requester, at(2026, 11, 25, 10, 1), idempotency_key="token-1")
    assert first.pk == second.pk
    assert InformationRequest.objects.count() == 1
    assert RegisterSequence.objects.get(kind="request", year=2026).last_number == 1


def test_a_form_token_of_another_requester_is_refused(office):
    submit(RequesterFactory(), at(2026, 11, 25, 10, 0), idempotency_key="token-1")
    with pytest.raises(IntakeRefused):
        submit(RequesterFactory(), at(2026, 11, 25, 10, 1), idempotency_key="token-1")


def desk(officer, requester, **kwargs):
    values = dict(
        officer=officer, requester=requester, channel=Channel.PHONE, is_complete=True, now=at(2026, 11, 25, 9, 0), **CONTENT
    )
    values.update(kwargs)
    return request_record_at_desk(**values)


def test_phone_request_received_yesterday_after_closing_counts_from_today(office, make_user):
    officer = make_user("desk_officer", unit=office["health"])
    request = desk(officer, RequesterFactory(user=None), received_at=at(2026, 11, 24, 17, 15))
    assert request.status == Status.REGISTERED
    assert request.receipt_date == dt.date(2026, 11, 25)
    assert request.notice_due == OfficeCalendar().add_working_days(dt.date(2026, 11, 25), 10)
    assert request.received_by == request.assignee == officer
    assert request.unit == office["health"]
    assert request.channel == Channel.PHONE


def test_phone_request_of_thursday_5_march_2026_after_closing_is_due_on_27_march(office, make_user):
    """Received Thursday 5 March 2026 at 16:20 WIB, after the 16:00 Thursday closing, logged next morning.

    Receipt date: Friday 6 March (the next working day); that day is day 0.
    Working days after it: Mon 9 (1), Tue 10 (2), Wed 11 (3), Thu 12 (4), Fri 13 (5),
    Mon 16 (6), Tue 17 (7); then Wed 18 cuti bersama Nyepi, Thu 19 Nyepi, Fri 20 cuti bersama
    Idul Fitri, Sat 21 and Sun 22 Idul Fitri (a weekend anyway), Mon 23 and Tue 24 cuti bersama
    Idul Fitri are not counted; Wed 25 (8), Thu 26 (9), Fri 27 (10).
    The written notice is due on Friday 27 March 2026.
    """
    officer = make_user("desk_officer", unit=office["main"])
    request = desk(
        officer,
        RequesterFactory(user=None),
        received_at=at(2026, 3, 5, 16, 20),
        now=at(2026, 3, 6, 8, 30),
    )
    assert request.status == Status.REGISTERED
    assert request.register_number == "0001/PPID/III/2026"
    assert request.receipt_date == dt.date(2026, 3, 6)
    assert request.notice_due == dt.date(2026, 3, 27)


def test_backdating_beyond_the_limit_needs_a_reason_which_is_recorded(office, make_user, settings):
    settings.PPID_BACKDATE_LIMIT_DAYS = 3
    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None)
    with pytest.raises(IntakeRefused):
        desk(officer, requester, received_at=at(2026, 11, 20, 10, 0))
    request = desk(officer, requester, received_at=at(2026, 11, 20, 10, 0), backdate_reason="Surat baru diteruskan bagian umum")
    assert request.backdate_reason == "Surat baru diteruskan bagian umum"
    assert request.receipt_date == dt.date(2026, 11, 20)
    received = request.events.get(action="received")
    assert received.note == "Surat baru diteruskan bagian umum"
    # within the limit no reason is needed
    assert desk(officer, requester, received_at=at(2026, 11, 23, 10, 0), information_wanted="Data lain").register_number


def test_desk_refuses_a_received_moment_in_the_future(office, make_user):
    with pytest.raises(IntakeRefused):
        desk(make_user("desk_officer"), RequesterFactory(user=None), received_at=at(2026, 11, 25, 11, 0))


def test_desk_refuses_the_online_channel(office, make_user):
    with pytest.raises(IntakeRefused):
        desk(make_user("desk_officer"), RequesterFactory(user=None), channel=Channel.ONLINE, received_at=at(2026, 11, 25, 8, 0))


def test_incomplete_request_has_no_number_and_no_clock_until_completed(office, make_user):
    officer = make_user("desk_officer")
    request = desk(
        officer,
        RequesterFactory(user=None),
        received_at=at(2026, 11, 20, 10, 0),
        backdate_reason="Surat",
        is_complete=False,
        purpose="",
        delivery_method="",
    )
    assert request.status == Status.INCOMPLETE
    assert request.register_number is None and request.receipt_date is None and request.notice_due is None
    assert request.tracking_code

    completed = request_complete(
        request_id=request.pk,
        officer=officer,
        purpose="Bahan liputan",
        delivery_method=DeliveryMethod.PICK_UP,
        now=at(2026, 11, 26, 16, 10),  # Thursday after closing: the clock starts Friday
    )
    assert completed.status == Status.REGISTERED
    assert completed.register_number == "0001/PPID/XI/2026"
    assert completed.completed_at == at(2026, 11, 26, 16, 10)
    assert completed.receipt_date == dt.date(2026, 11, 27)
    assert completed.notice_due == OfficeCalendar().add_working_days(dt.date(2026, 11, 27), 10)
    assert completed.purpose == "Bahan liputan"
    assert list(completed.events.values_list("action", flat=True)) == ["received", "completed", "registered"]


def test_completing_still_needs_every_field(office, make_user):
    officer = make_user("desk_officer")
    request = desk(officer, RequesterFactory(user=None), received_at=at(2026, 11, 25, 8, 0), is_complete=False, purpose="")
    with pytest.raises(IntakeRefused):
        request_complete(request_id=request.pk, officer=officer, now=at(2026, 11, 25, 10, 0))
    request.refresh_from_db()
    assert request.status == Status.INCOMPLETE and request.register_number is None


def test_completing_a_registered_request_is_refused(office, make_user):
    request = InformationRequestFactory()
    with pytest.raises(IntakeRefused):
        request_complete(request_id=request.pk, officer=make_user("desk_officer"))


def test_unverified_requester_at_the_desk_needs_identity_seen(office, make_user):
    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    with pytest.raises(IntakeRefused):
        desk(officer, requester, received_at=at(2026, 11, 25, 8, 0))
    request = desk(officer, requester, received_at=at(2026, 11, 25, 8, 0), identity_seen=True)
    assert request.status == Status.REGISTERED
    assert request.events.get(action="received").data["identity_seen"] is True


def test_desk_refuses_a_pending_online_claim_as_the_requester(office, make_user):
    record = RequesterFactory(user=None)
    claim = RequesterFactory(nik=record.nik, claimed_requester=record, verification_status=Requester.Verification.PENDING)
    with pytest.raises(IntakeRefused, match="menunggu verifikasi"):
        desk(make_user("desk_officer"), claim, received_at=at(2026, 11, 25, 8, 0), identity_seen=True)
    assert not InformationRequest.objects.exists()


def test_identity_seen_at_the_desk_verifies_the_requester_and_records_the_officer(office, make_user):
    from registry.models import VerificationDecision

    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    desk(officer, requester, received_at=at(2026, 11, 25, 8, 0), identity_seen=True)
    requester.refresh_from_db()
    assert requester.is_verified and requester.verified_by == officer
    decision = requester.verifications.get()
    assert decision.method == VerificationDecision.Method.DESK and decision.decided_by == officer


def test_identity_seen_on_an_incomplete_request_still_verifies_the_requester(office, make_user):
    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    desk(officer, requester, received_at=at(2026, 11, 25, 8, 0), identity_seen=True, is_complete=False, purpose="")
    requester.refresh_from_db()
    assert requester.is_verified and requester.verified_by == officer


def test_completing_with_identity_seen_verifies_the_requester(office, make_user):
    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    request = desk(officer, requester, received_at=at(2026, 11, 25, 8, 0), is_complete=False)
    requester.refresh_from_db()
    assert not requester.is_verified
    request_complete(request_id=request.pk, officer=officer, identity_seen=True, now=at(2026, 11, 25, 10, 0))
    requester.refresh_from_db()
    assert requester.is_verified and requester.verified_by == officer


def test_an_already_verified_requester_keeps_its_first_verification(office, make_user):
    officer = make_user("desk_officer")
    requester = RequesterFactory(user=None)
    desk(officer, requester, received_at=at(2026, 11, 25, 8, 0), identity_seen=True)
    requester.refresh_from_db()
    assert requester.verified_by is None and not requester.verifications.exists()


def test_a_failed_desk_registration_rolls_the_desk_verification_back(office, make_user, monkeypatch):
    import requests.services.intake as intake

    def broken(*args, **kwargs):
        raise RuntimeError("calendar unavailable")

    monkeypatch.setattr(intake, "request_deadlines_recompute", broken)
    requester = RequesterFactory(user=None, verification_status=Requester.Verification.UNVERIFIED)
    with pytest.raises(RuntimeError):
        desk(make_user("desk_officer"), requester, received_at=at(2026, 11, 25, 8, 0), identity_seen=True)
    requester.refresh_from_db()
    assert not requester.is_verified and not requester.verifications.exists()
    assert not InformationRequest.objects.exists()


def test_completing_a_request_logged_for_a_pending_claim_is_refused(office, make_user):
    officer = make_user("desk_officer")
    record = RequesterFactory(user=None)
    claim = RequesterFactory(nik=record.nik, claimed_requester=record, verification_status=Requester.Verification.PENDING)
    # A request logged for the claim before the desk refused claims.
    request = InformationRequestFactory(requester=claim, register_number=None, status=Status.INCOMPLETE, completed_at=None)
    with pytest.raises(IntakeRefused, match="menunggu verifikasi"):
        request_complete(request_id=request.pk, officer=officer, identity_seen=True, now=at(2026, 11, 25, 10, 0))
    assert Requester.objects.filter(pk=claim.pk, claimed_requester=record).exists()


def test_complete_desk_request_needs_every_field(office, make_user):
    with pytest.raises(IntakeRefused):
        desk(make_user("desk_officer"), RequesterFactory(user=None), received_at=at(2026, 11, 25, 8, 0), obtain_method="")


@override_settings(PPID_REGISTER_NUMBER_FORMATS={"request": "{number:03d}-{month}-{year}"})
def test_register_number_format_is_a_setting(office):
    assert submit(RequesterFactory(), at(2026, 11, 25, 10, 0)).register_number == "001-11-2026"


def test_same_requester_asking_the_same_thing_within_30_days_is_flagged(office):
    requester = RequesterFactory()
    old = submit(requester, at(2026, 10, 1, 10, 0))
    recent = submit(requester, at(2026, 11, 10, 10, 0))
    other_topic = submit(requester, at(2026, 11, 12, 10, 0), information_wanted="Daftar sekolah dasar negeri")
    submit(RequesterFactory(), at(2026, 11, 20, 10, 0))  # someone else asking the same
    new = submit(requester, at(2026, 11, 25, 10, 0), information_wanted="laporan realisasi anggaran dinas kesehatan tahun 2025")

    flagged = request_possible_duplicates(
        requester=requester, information_wanted=new.information_wanted, now=new.received_at, exclude_pk=new.pk
    )
    assert flagged == [recent]
    assert old not in flagged and other_topic not in flagged


def test_intake_records_possible_duplicates_in_the_received_event(office):
    requester = RequesterFactory()
    first = submit(requester, at(2026, 11, 20, 10, 0))
    second = submit(requester, at(2026, 11, 25, 10, 0))
    assert first.events.get(action="received").data["possible_duplicates"] == []
    assert second.events.get(action="received").data["possible_duplicates"] == [first.pk]
    assert second.status == Status.REGISTERED


def test_a_failed_registration_gives_its_number_back(office, monkeypatch):
    import requests.services.intake as intake

    def broken(*args, **kwargs):
        raise RuntimeError("calendar unavailable")

    monkeypatch.setattr(intake, "request_deadlines_recompute", broken)
    with pytest.raises(RuntimeError):
        submit(RequesterFactory(), at(2026, 11, 25, 10, 0))
    assert not InformationRequest.objects.exists()
    assert not RegisterSequence.objects.filter(last_number__gt=0).exists()
    monkeypatch.undo()
    assert submit(RequesterFactory(), at(2026, 11, 25, 10, 5)).register_number == "0001/PPID/XI/2026"
