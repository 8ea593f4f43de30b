"""The Atasan PPID's 30 working days, the answer (on time and late), an overturn reopening the request
for fulfilment with the PPID's compliance tracked, acceptance, the calendar hook, and the PDFs read back."""

import datetime as dt
import io

import pytest
from django.core.exceptions import ValidationError
from pdfminer.high_level import extract_text

from objections.events import ObjectionAction
from objections.models import Objection
from objections.selectors_ledger import objection_ledger
from objections.services import answer as answer_services
from objections.services.documents import form_render, receipt_render
from ppid import deadlines
from ppid.models import OfficeSettings
from ppid.rules import ActionNotPermitted, TransitionRefused
from ppid.services import calendar_override_set
from ppid.workdays import OfficeCalendar
from requests.events import RequestAction
from requests.models import Decision, InformationRequest
from requests.services import fulfilment
from tests.objections.helpers import at, decided_request, file_online

pytestmark = pytest.mark.django_db


def text_of(data: bytes) -> str:
    return " ".join(extract_text(io.BytesIO(data)).split())


def field_text(field) -> str:
    field.open("rb")
    try:
        return text_of(field.read())
    finally:
        field.close()


@pytest.fixture
def signatory(db):
    OfficeSettings.objects.update_or_create(
        pk=1,
        defaults={"atasan_official_name": "Drs. H. Muhammad Taufik", "atasan_official_position": "Sekretaris Daerah", "atasan_official_nip": "196805121990031007"},
    )


@pytest.fixture
def objection(people):
    request, _notice = decided_request(people)
    # Filed on Thursday 19 March 2026 at 20:00 WIB: after closing, so the Atasan's clock starts on the next working day.
    return file_online(request, "a", now=at(dt.date(2026, 3, 19), 20))


def test_the_atasan_answers_within_30_working_days_of_the_receipt_date(objection):
    calendar = OfficeCalendar()
    receipt = calendar.receipt_date(objection.submitted_at)
    assert receipt > dt.date(2026, 3, 19)  # 20:00 rolls to the next working day
    assert objection.receipt_date == receipt
    assert objection.answer_due == deadlines.atasan_answer_due(receipt, calendar)
    assert calendar.working_days_between(receipt, objection.answer_due) == 30
    assert objection.dispute_filing_due == deadlines.dispute_filing_last_day(objection.answer_due, calendar)
    assert objection.register_number.endswith("/KEB-PPID/III/2026")


def test_answer_on_the_due_day_is_on_time_and_the_day_after_is_accepted_as_late(people, objection, signatory):
    due = objection.answer_due
    answer = answer_services.objection_answer(
        objection_id=objection.pk, outcome="rejected", body="Pengecualian sudah tepat.", actor=people["atasan"], now=at(due, 15)
    )
    assert not answer.is_late
    request2, _ = decided_request(people)
    other = file_online(request2, "a", now=at(dt.date(2026, 3, 19), 20))
    late = answer_services.objection_answer(
        objection_id=other.pk, outcome="rejected", body="Pengecualian sudah tepat.", actor=people["atasan"], now=at(due + dt.timedelta(days=1), 9)
    )
    assert late.is_late
    event = other.events.get(action=ObjectionAction.ANSWERED)
    assert event.data["late"] is True
    other = Objection.objects.get(pk=other.pk)
    stage = next(s for s in objection_ledger(objection=other, now=at(due + dt.timedelta(days=2), 9)).stages if s.key == "answer")
    assert stage.state == "late"


def test_an_overturn_reopens_the_request_and_the_ppid_complies_before_its_deadline(people, objection, signatory):
    now = at(dt.date(2026, 3, 30), 10)
    answer = answer_services.objection_answer(
        objection_id=objection.pk,
        outcome="upheld",
        body="Informasi tidak memenuhi uji konsekuensi pasal 17 huruf b.",
        ordered_decision=Decision.GRANTED,
        compliance_working_days=10,
        actor=people["atasan"],
        now=now,
    )
    objection.refresh_from_db()
    calendar = OfficeCalendar()
    assert objection.status == Objection.Status.ANSWERED
    assert objection.compliance_due == calendar.add_working_days(now.date(), 10)
    assert objection.dispute_filing_due == deadlines.dispute_filing_last_day(now.date(), calendar)
    request = InformationRequest.objects.get(pk=objection.request_id)
    assert (request.status, request.decision) == (InformationRequest.Status.DECIDED, Decision.GRANTED)
    reopened = request.events.get(action=RequestAction.REOPENED)
    assert reopened.data["reference"] == answer.number
    assert objection.events.filter(action=ObjectionAction.REQUEST_REOPENED).exists()
    fulfilment.request_fulfil(request_id=request.pk, method="post", proof_note="Resi JNE 0012", actor=people["ppid"], now=at(dt.date(2026, 4, 2), 10))
    objection = Objection.objects.get(pk=objection.pk)
    stage = next(s for s in objection_ledger(objection=objection, now=at(dt.date(2026, 4, 3), 10)).stages if s.key == "compliance")
    assert stage.state == "on_time" and stage.done_on == dt.date(2026, 4, 2)

    text = field_text(answer.pdf)
    for expected in (
        "Tanggapan atasan PPID atas keberatan nomor",
        answer.number,
        objection.register_number,
        objection.request.register_number,
        "Keberatan diterima",
        "Drs. H. Muhammad Taufik",
        "Sekretaris Daerah",
        "NIP. 19680512 199003 1 007",
        "Komisi Informasi",
        "14 hari kerja",
        objection.dispute_filing_due.strftime("%-d"),
    ):
        assert expected in text, expected
    assert "April 2026" in text


def test_a_rejection_cannot_order_the_information_given(people, objection):
    with pytest.raises(ValidationError) as error:
        answer_services.objection_answer(
            objection_id=objection.pk, outcome="rejected", body="x", ordered_decision=Decision.GRANTED,
            compliance_working_days=5, actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10),
        )
    assert "ordered_decision" in error.value.message_dict
    assert not Objection.objects.get(pk=objection.pk).events.filter(action=ObjectionAction.ANSWERED).exists()


def test_only_the_atasan_answers_and_only_once(people, objection):
    for role in ("ppid", "desk", "reviewer"):
        with pytest.raises(ActionNotPermitted):
            answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people[role], now=at(dt.date(2026, 3, 30), 10))
    answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10))
    with pytest.raises(TransitionRefused):
        answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 11))


def test_the_requester_accepts_the_answer_and_the_objection_closes(people, objection):
    user = objection.requester.user
    with pytest.raises(TransitionRefused):
        answer_services.objection_accept(objection_id=objection.pk, actor=user, now=at(dt.date(2026, 3, 25), 10))
    answer_services.objection_answer(objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10))
    answer_services.objection_accept(objection_id=objection.pk, reply="Saya menerima.", actor=user, now=at(dt.date(2026, 3, 31), 10))
    objection = Objection.objects.get(pk=objection.pk)
    assert objection.status == Objection.Status.CLOSED and objection.answer.requester_reply == "Saya menerima."


def test_the_tim_pertimbangan_opinion_is_recorded_and_the_answer_says_so(people, objection):
    answer_services.opinion_record(
        objection_id=objection.pk, question="Apakah dokumen tender dikecualikan?", opinion="Tidak seluruhnya.",
        received_on=dt.date(2026, 3, 25), actor=people["atasan"], now=at(dt.date(2026, 3, 26), 10),
    )
    objection.refresh_from_db()
    assert objection.status == Objection.Status.IN_REVIEW
    answer = answer_services.objection_answer(objection_id=objection.pk, outcome="partly_upheld", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10))
    assert answer.consulted_advisory_team
    assert "Tim Pertimbangan" in field_text(answer.pdf)


def test_a_calendar_change_moves_the_atasan_due_date_and_is_logged(people, objection):
    before = objection.answer_due
    day_off = objection.receipt_date + dt.timedelta(days=1)
    while not OfficeCalendar().is_working_day(day_off):
        day_off += dt.timedelta(days=1)
    calendar_override_set(day=day_off, is_working_day=False, reason="Libur daerah", actor=people["ppid"])
    objection.refresh_from_db()
    assert objection.answer_due > before
    event = objection.events.get(action=ObjectionAction.DEADLINE_CHANGED)
    assert event.data["answer_due"] == {"from": before.isoformat(), "to": objection.answer_due.isoformat()}
    assert event.data["reason"] == "calendar_change"
    ledger = objection_ledger(objection=objection, now=at(dt.date(2026, 3, 25), 10))
    assert ledger.changes and "Libur daerah" in ledger.changes[0][1]


def test_receipt_and_form_pdfs_carry_the_numbers_grounds_moment_with_zone_and_due_date(objection):
    receipt = text_of(receipt_render(objection=objection))
    for expected in (
        "TANDA TERIMA PENGAJUAN KEBERATAN",
        objection.register_number,
        objection.request.register_number,
        "penolakan atas permintaan informasi berdasarkan alasan pengecualian pasal 17",
        "Informasi ini bukan rahasia.",
        "pukul 20.00 WIB",
        "30 hari kerja",
    ):
        assert expected in receipt, expected
    assert objection.answer_due.strftime("%Y") in receipt
    form = text_of(form_render(objection=objection))
    assert "PERNYATAAN KEBERATAN ATAS PERMOHONAN INFORMASI" in form and objection.requester.display_name in form


def test_the_answer_is_emailed_through_the_outbox_after_commit_with_its_pdf_and_the_sending_is_logged(
    people, objection, mailoutbox, django_capture_on_commit_callbacks
):
    from notifications.models import Notification, OutgoingEmail

    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        answer = answer_services.objection_answer(
            objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10)
        )
    assert len(mailoutbox) == 1
    message = mailoutbox[0]
    assert answer.number in message.subject and objection.register_number in message.subject
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and content.startswith(b"%PDF")
    assert "Komisi Informasi" in message.body
    notification = Notification.objects.get(kind="objection_answered", item_id=objection.pk)
    assert notification.key == f"answer:{answer.pk}" and notification.email.status == OutgoingEmail.Status.SENT
    event = objection.events.get(action=ObjectionAction.ANSWER_EMAILED)
    assert event.data["to"] == message.to[0] and event.data["answer"] == answer.pk


def test_a_failed_answer_email_is_logged_as_failed_and_nothing_as_sent(people, objection, settings, mailoutbox, django_capture_on_commit_callbacks):
    settings.EMAIL_BACKEND = "tests.notifications.test_requester.BrokenBackend"
    with django_capture_on_commit_callbacks(execute=True):
        answer_services.objection_answer(
            objection_id=objection.pk, outcome="rejected", body="x", actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10)
        )
    finals = list(objection.events.filter(action=ObjectionAction.ANSWER_EMAIL_FAILED).values_list("data__final", flat=True))
    assert finals and finals[-1] is True
    assert not objection.events.filter(action=ObjectionAction.ANSWER_EMAILED).exists()


def test_the_objection_receipt_is_emailed_through_the_outbox_and_logged(people, mailoutbox, django_capture_on_commit_callbacks):
    from notifications.models import Notification

    request, _notice = decided_request(people)
    mailoutbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    messages = [m for m in mailoutbox if objection.register_number in m.subject]
    assert len(messages) == 1
    message = messages[0]
    assert message.subject.startswith("Keberatan Anda diterima")
    name, content, mimetype = message.attachments[0]
    assert mimetype == "application/pdf" and name.startswith("tanda-terima-")
    assert "TANDA TERIMA PENGAJUAN KEBERATAN" in text_of(content)
    assert Notification.objects.filter(kind="objection_received", item_id=objection.pk).count() == 1
    event = objection.events.get(action=ObjectionAction.NOTIFICATION_EMAILED)
    assert event.data["kind"] == "objection_received" and event.data["to"] == message.to[0]


def test_no_address_is_logged_as_skipped(people, mailoutbox, django_capture_on_commit_callbacks):
    request, _notice = decided_request(people)
    requester = request.requester
    requester.email = ""
    requester.save(update_fields=["email"])
    if requester.user_id:
        type(requester.user).objects.filter(pk=requester.user_id).update(email="")
    with django_capture_on_commit_callbacks(execute=True):
        objection = file_online(request, "a", now=at(dt.date(2026, 3, 19), 10))
    event = objection.events.get(action=ObjectionAction.NOTIFICATION_EMAIL_SKIPPED)
    assert event.data["reason"] == "no_address"
    assert not objection.events.filter(action=ObjectionAction.NOTIFICATION_EMAILED).exists()


@pytest.mark.parametrize("zone, label", [("Asia/Makassar", "WITA"), ("Asia/Jayapura", "WIT")])
def test_the_receipt_states_the_received_moment_in_the_office_zone(people, settings, zone, label):
    from zoneinfo import ZoneInfo

    settings.TIME_ZONE = zone
    request, _notice = decided_request(people)
    moment = dt.datetime(2026, 3, 19, 10, 15, tzinfo=ZoneInfo(zone))
    objection = file_online(request, "a", now=moment)
    receipt = text_of(receipt_render(objection=objection))
    assert f"pukul 10.15 {label}" in receipt


@pytest.mark.parametrize("lines", [1, 25, 45, 70])
def test_the_signature_is_never_cut_off_whatever_the_answer_length(people, objection, signatory, lines):
    body = "\n".join(f"Pertimbangan angka {n}: informasi anggaran wajib diumumkan." for n in range(lines))
    answer = answer_services.objection_answer(
        objection_id=objection.pk, outcome="rejected", body=body, actor=people["atasan"], now=at(dt.date(2026, 3, 30), 10)
    )
    text = field_text(answer.pdf)
    assert "Drs. H. Muhammad Taufik" in text and "NIP. 19680512 199003 1 007" in text
