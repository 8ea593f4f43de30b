"""The processing services: every allowed and forbidden transition, the role checks, the events."""

import datetime as dt
import io
import itertools

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from pypdf import PdfWriter

from requests.models import Decision, InformationRequest, Material, Notice
from ppid.rules import ActionNotPermitted
from requests.services import decision, extension, forwarding as forwarding_services, fulfilment, lifecycle, notices, review as review_services
from requests.services.transitions import ALLOWED_TRANSITIONS, TransitionRefused, change_status, lock_request
from tests.registry.factories import RequesterFactory
from tests.requests.processing_helpers import (  # noqa: F401 (fast_password_hashing is an autouse fixture)
    DUE,
    NEXT_DAY,
    WIB,
    dip_item,
    exempt_review,
    fast_password_hashing,
    make_request,
    pdf_upload,
    staff,
)

pytestmark = pytest.mark.django_db
Status = InformationRequest.Status


@pytest.fixture
def people(office, make_user):
    return staff(office, make_user)


def decide_granted(request, people, now=NEXT_DAY, **extra):
    return decision.request_decide(
        request_id=request.pk, decision=Decision.GRANTED, material="Laporan realisasi anggaran 2025 (PDF)", actor=people["ppid"], now=now, **extra
    )


# -- the state machine itself --------------------------------------------------------------------


@pytest.mark.parametrize("current,target", list(itertools.product(Status.values, Status.values)))
def test_state_machine_allows_exactly_the_listed_transitions(office, current, target):
    request = make_request(status=current)
    with transaction.atomic():
        locked = lock_request(request.pk)
        if target in ALLOWED_TRANSITIONS[current]:
            change_status(locked, to=target, actor=None, action="test", now=NEXT_DAY)
            assert InformationRequest.objects.get(pk=request.pk).status == target
        else:
            with pytest.raises(TransitionRefused):
                change_status(locked, to=target, actor=None, action="test", now=NEXT_DAY)


# -- review, forwarding, meeting -------------------------------------------------------------------


def test_exempt_review_moves_registered_request_into_review_and_logs_who_and_what(office, people):
    request = make_request()
    review = exempt_review(request, people["reviewer"])
    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW
    assert review.exemption_letter == "b" and review.reviewer == people["reviewer"]
    event = request.events.get(action="reviewed")
    assert (event.from_status, event.to_status, event.actor) == (Status.REGISTERED, Status.IN_REVIEW, people["reviewer"])


def test_exempt_review_requires_letter_harm_test_public_interest_test_and_considerations(office, people):
    request = make_request()
    with pytest.raises(ValidationError) as error:
        review_services.review_record(
            request_id=request.pk, outcome="exempt", legal_basis="pasal_17", considerations="", actor=people["reviewer"], now=NEXT_DAY
        )
    assert set(error.value.message_dict) == {"exemption_letter", "harm_test", "public_interest_test", "considerations"}
    with pytest.raises(ValidationError) as error:
        exempt_review(request, people["reviewer"], legal_basis="other_law", exemption_letter="")
    assert set(error.value.message_dict) == {"other_law"}
    assert not request.reviews.exists()


def test_review_under_another_law_keeps_the_law_and_drops_the_letter(office, people):
    request = make_request()
    review = exempt_review(request, people["reviewer"], legal_basis="other_law", other_law="UU 27/2022 pasal 4")
    assert (review.legal_basis, review.other_law, review.exemption_letter) == ("other_law", "UU 27/2022 pasal 4", "")


def test_review_links_only_a_dip_item_listed_as_exempt(office, people):
    request = make_request()
    with pytest.raises(ValidationError) as error:
        exempt_review(request, people["reviewer"], dip_item=dip_item(office, category="berkala"))
    assert "dip_item" in error.value.message_dict
    exempt_item = dip_item(office, category="dikecualikan", title="Dokumen penawaran tender")
    assert exempt_review(request, people["reviewer"], dip_item=exempt_item).dip_item == exempt_item


def test_review_needs_the_reviewer_role(office, people):
    request = make_request()
    for role in ("desk", "health", "atasan"):
        with pytest.raises(ActionNotPermitted):
            exempt_review(request, people[role])


def test_forwarded_unit_returns_material_and_note(office, people):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="Mohon data", actor=people["reviewer"], now=NEXT_DAY)
    request.refresh_from_db()
    assert request.status == Status.IN_REVIEW
    forwarding_services.forwarding_return(
        forwarding_id=forwarding.pk, note="Terlampir", files=[pdf_upload()], actor=people["health"], now=NEXT_DAY
    )
    forwarding.refresh_from_db()
    assert forwarding.returned_by == people["health"] and forwarding.return_note == "Terlampir"
    material = forwarding.materials.get()
    assert material.kind == Material.Kind.UNIT_MATERIAL and len(material.sha256) == 64
    assert list(request.events.values_list("action", flat=True)) == ["forwarded", "material_returned"]
    with pytest.raises(TransitionRefused):
        forwarding_services.forwarding_return(forwarding_id=forwarding.pk, note="lagi", files=[], actor=people["health"], now=NEXT_DAY)


def test_another_unit_cannot_return_material_for_a_forwarding(office, people):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(ActionNotPermitted):
        forwarding_services.forwarding_return(forwarding_id=forwarding.pk, note="x", files=[], actor=people["education"], now=NEXT_DAY)


def test_forwarding_only_to_an_assisting_unit_and_not_twice_while_open(office, people):
    request = make_request()
    with pytest.raises(ValidationError, match="PPID Pembantu yang aktif"):
        forwarding_services.request_forward(request_id=request.pk, unit=office["main"], note="", actor=people["ppid"], now=NEXT_DAY)
    forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(ValidationError, match="belum dijawab"):
        forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)


def test_a_forged_file_is_refused_by_its_content(office, people):
    request = make_request()
    forwarding = forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY)
    forged = SimpleUploadedFile("laporan.pdf", b"MZ\x90\x00 not a pdf", content_type="application/pdf")
    with pytest.raises(ValidationError):
        forwarding_services.forwarding_return(forwarding_id=forwarding.pk, note="", files=[forged], actor=people["health"], now=NEXT_DAY)
    writer = PdfWriter()
    writer.add_blank_page(width=595, height=842)
    writer.add_attachment("lampiran.txt", b"isi")
    buffer = io.BytesIO()
    writer.write(buffer)
    active = SimpleUploadedFile("aktif.pdf", buffer.getvalue())
    with pytest.raises(ValidationError):
        forwarding_services.forwarding_return(forwarding_id=forwarding.pk, note="", files=[active], actor=people["health"], now=NEXT_DAY)
    assert not Material.objects.exists()


def test_coordination_meeting_is_recorded_with_minutes(office, people):
    request = make_request()
    meeting = review_services.meeting_record(
        request_id=request.pk,
        held_on=dt.date(2026, 3, 12),
        attendees="PPID Utama; Dinas Kesehatan",
        summary="Sepakat informasi dikecualikan",
        minutes=pdf_upload("berita-acara-rapat.pdf"),
        actor=people["ppid"],
        now=NEXT_DAY,
    )
    assert meeting.minutes.kind == Material.Kind.MEETING_MINUTES
    with pytest.raises(ValidationError):
        review_services.meeting_record(
            request_id=request.pk, held_on=dt.date(2026, 3, 20), attendees="x", summary="y", actor=people["ppid"], now=NEXT_DAY
        )


# -- decision ------------------------------------------------------------------------------------------


def test_refusal_needs_a_written_review_that_exempts_the_information(office, people):
    request = make_request()
    with pytest.raises(TransitionRefused) as refusal:
        decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    assert "uji konsekuensi" in str(refusal.value.message)
    exempt_review(request, people["reviewer"], outcome="partly_exempt")
    with pytest.raises(TransitionRefused):
        decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)


def test_refusal_issues_a_numbered_decision_with_the_review_and_meeting_and_emails_it(office, people, mailoutbox, django_capture_on_commit_callbacks):
    request = make_request()
    review = exempt_review(request, people["reviewer"])
    meeting = review_services.meeting_record(
        request_id=request.pk, held_on=dt.date(2026, 3, 12), attendees="PPID; Bappeda", summary="Dikecualikan", actor=people["ppid"], now=NEXT_DAY
    )
    with django_capture_on_commit_callbacks(execute=True):
        notice = decision.request_decide(
            request_id=request.pk, decision=Decision.REFUSED, meeting=meeting, actor=people["ppid"], now=NEXT_DAY
        )
    request.refresh_from_db()
    assert (request.status, request.decision, request.is_held) == (Status.DECIDED, Decision.REFUSED, True)
    assert notice.kind == Notice.Kind.REFUSAL and notice.review == review and notice.meeting == meeting
    # A refusal is a decision (SK): numbered in its own series, apart from the notices.
    assert notice.number == "0001/SK-PPID/III/2026" and not notice.is_late and notice.pdf
    assert len(mailoutbox) == 1 and mailoutbox[0].to == [request.requester.email]
    assert mailoutbox[0].attachments[0][0] == "0001-SK-PPID-III-2026.pdf"
    assert {"decided", "notice_issued", "notice_emailed"} <= set(request.events.values_list("action", flat=True))


def test_deciding_twice_is_refused_with_the_reason(office, people):
    request = make_request()
    decide_granted(request, people)
    with pytest.raises(TransitionRefused) as refusal:
        decide_granted(request, people)
    assert "dua kali" in str(refusal.value.message)
    assert Notice.objects.count() == 1


def test_a_notice_after_the_due_date_is_accepted_and_recorded_late(office, people):
    request = make_request()
    late = dt.datetime(2026, 4, 2, 9, tzinfo=WIB)
    notice = decide_granted(request, people, now=late)
    assert notice.is_late
    assert request.events.get(action="decided").data["late"] is True


def test_a_notice_on_the_due_day_evening_is_on_time_in_office_time(office, people):
    request = make_request()
    notice = decide_granted(request, people, now=dt.datetime(2026, 4, 1, 22, 30, tzinfo=WIB))
    assert not notice.is_late


def test_partly_granted_needs_a_partial_exemption_and_says_what_is_withheld(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"], outcome="partly_exempt")
    with pytest.raises(ValidationError) as error:
        decision.request_decide(
            request_id=request.pk, decision=Decision.PARTLY_GRANTED, material="Dokumen kontrak", actor=people["ppid"], now=NEXT_DAY
        )
    assert "withheld" in error.value.message_dict
    notice = decision.request_decide(
        request_id=request.pk,
        decision=Decision.PARTLY_GRANTED,
        material="Dokumen kontrak",
        withheld="Harga satuan dihitamkan: rahasia dagang (pasal 17 huruf b)",
        actor=people["ppid"],
        now=NEXT_DAY,
    )
    assert notice.kind == Notice.Kind.DECISION and notice.decision == Decision.PARTLY_GRANTED


def test_granting_fully_after_an_exempting_review_is_refused(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    with pytest.raises(TransitionRefused):
        decide_granted(request, people)


def test_not_held_notice_names_the_body_that_holds_it(office, people):
    request = make_request()
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.NOT_HELD, holding_body="Badan Pusat Statistik", actor=people["ppid"], now=NEXT_DAY
    )
    request.refresh_from_db()
    assert request.is_held is False and notice.holding_body == "Badan Pusat Statistik"


@pytest.mark.parametrize("role", ["reviewer", "desk", "health", "atasan"])
def test_only_the_ppid_decides(office, people, role):
    request = make_request()
    with pytest.raises(ActionNotPermitted):
        decision.request_decide(request_id=request.pk, decision=Decision.NOT_HELD, actor=people[role], now=NEXT_DAY)


# -- extension -------------------------------------------------------------------------------------------


def test_extension_once_adds_seven_working_days_and_sends_a_notice(office, people, mailoutbox, django_capture_on_commit_callbacks):
    request = make_request()
    with django_capture_on_commit_callbacks(execute=True):
        notice = extension.request_extend(request_id=request.pk, reason="Dokumen di arsip inaktif", actor=people["ppid"], now=NEXT_DAY)
    request.refresh_from_db()
    # 1 April + 7 working days: 3 April is Good Friday.
    assert request.notice_due == dt.date(2026, 4, 13)
    assert request.status == Status.IN_REVIEW and request.extension_reason == "Dokumen di arsip inaktif"
    assert notice.kind == Notice.Kind.EXTENSION and notice.pdf
    assert len(mailoutbox) == 1
    change = request.events.get(action="deadline_changed")
    assert change.data["notice_due"] == {"from": "2026-04-01", "to": "2026-04-13"}


def test_extending_twice_is_refused(office, people):
    request = make_request()
    extension.request_extend(request_id=request.pk, reason="Alasan", actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(TransitionRefused) as refusal:
        extension.request_extend(request_id=request.pk, reason="Lagi", actor=people["ppid"], now=NEXT_DAY)
    assert "satu kali" in str(refusal.value.message)


def test_extension_is_allowed_on_the_due_day_itself_in_office_time(office, people):
    request = make_request()
    # 23:30 WIB on 1 April is still 1 April in the office (16:30 UTC).
    extension.request_extend(request_id=request.pk, reason="Alasan", actor=people["ppid"], now=dt.datetime(2026, 4, 1, 23, 30, tzinfo=WIB))
    request.refresh_from_db()
    assert request.is_extended


def test_extending_after_the_due_date_is_refused(office, people):
    request = make_request()
    with pytest.raises(TransitionRefused) as refusal:
        extension.request_extend(request_id=request.pk, reason="Alasan", actor=people["ppid"], now=dt.datetime(2026, 4, 2, 0, 5, tzinfo=WIB))
    assert "sudah lewat" in str(refusal.value.message)
    request.refresh_from_db()
    assert request.notice_due == DUE and not request.is_extended


def test_extending_after_the_decision_is_refused(office, people):
    request = make_request()
    decide_granted(request, people)
    with pytest.raises(TransitionRefused):
        extension.request_extend(request_id=request.pk, reason="Alasan", actor=people["ppid"], now=NEXT_DAY)


def test_an_extension_needs_a_written_reason_and_the_ppid(office, people):
    request = make_request()
    with pytest.raises(ValidationError):
        extension.request_extend(request_id=request.pk, reason="  ", actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(ActionNotPermitted):
        extension.request_extend(request_id=request.pk, reason="Alasan", actor=people["reviewer"], now=NEXT_DAY)
    request.refresh_from_db()
    assert not request.is_extended and not Notice.objects.exists()


# -- fulfilment, closing, withdrawal --------------------------------------------------------------------


def test_delivering_before_a_decision_is_refused(office, people):
    request = make_request()
    with pytest.raises(TransitionRefused) as refusal:
        fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="A", actor=people["desk"], now=NEXT_DAY)
    assert "sebelum ada keputusan" in str(refusal.value.message)


def test_delivering_a_refused_request_is_refused(office, people):
    request = make_request()
    exempt_review(request, people["reviewer"])
    decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    with pytest.raises(TransitionRefused):
        fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="A", actor=people["desk"], now=NEXT_DAY)


def test_pick_up_records_a_handover_then_the_request_closes(office, people):
    request = make_request()
    decide_granted(request, people)
    delivery = fulfilment.request_fulfil(
        request_id=request.pk, method="pick_up", recipient_name="Budi Santoso", actor=people["desk"], now=NEXT_DAY
    )
    request.refresh_from_db()
    assert request.status == Status.FULFILLED and request.fulfilled_at == NEXT_DAY
    assert delivery.handover_pdf
    with pytest.raises(TransitionRefused):
        fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="B", actor=people["desk"], now=NEXT_DAY)
    lifecycle.request_close(request_id=request.pk, actor=people["desk"], now=NEXT_DAY)
    request.refresh_from_db()
    assert request.status == Status.CLOSED and request.closed_at is not None


def test_sending_by_post_needs_a_proof_and_email_needs_the_file(office, people, mailoutbox, django_capture_on_commit_callbacks):
    request = make_request()
    decide_granted(request, people)
    with pytest.raises(ValidationError) as error:
        fulfilment.request_fulfil(request_id=request.pk, method="post", actor=people["desk"], now=NEXT_DAY)
    assert "proof_note" in error.value.message_dict
    with pytest.raises(ValidationError) as error:
        fulfilment.request_fulfil(request_id=request.pk, method="email", actor=people["desk"], now=NEXT_DAY)
    assert "files" in error.value.message_dict
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.request_fulfil(request_id=request.pk, method="email", files=[pdf_upload("lra.pdf")], actor=people["desk"], now=NEXT_DAY)
    assert mailoutbox[-1].attachments[0][0] == "lra.pdf"
    assert request.materials.get().kind == Material.Kind.INFORMATION
    # The proof of sending is made once the mail has left, numbered like every delivery document.
    delivery = request.deliveries.get()
    assert delivery.number and delivery.handover_pdf and delivery.document.sha256


def test_an_email_that_fails_leaves_no_proof_of_sending(office, people, django_capture_on_commit_callbacks, settings):
    settings.EMAIL_BACKEND = "tests.requests.test_workflow.FailingBackend"
    request = make_request()
    decide_granted(request, people)
    with django_capture_on_commit_callbacks(execute=True):
        fulfilment.request_fulfil(request_id=request.pk, method="email", files=[pdf_upload("lra.pdf")], actor=people["desk"], now=NEXT_DAY)
    delivery = request.deliveries.get()
    assert delivery.number is None and not delivery.handover_pdf


def test_a_delivery_cannot_be_recorded_in_the_future(office, people):
    request = make_request()
    decide_granted(request, people)
    with pytest.raises(ValidationError):
        fulfilment.request_fulfil(
            request_id=request.pk, method="post", proof_note="resi 1", delivered_at=NEXT_DAY + dt.timedelta(hours=1), actor=people["desk"], now=NEXT_DAY
        )


def test_closing_a_granted_request_before_delivery_is_refused_but_a_refusal_closes(office, people):
    granted = make_request()
    decide_granted(granted, people)
    with pytest.raises(TransitionRefused):
        lifecycle.request_close(request_id=granted.pk, actor=people["desk"], now=NEXT_DAY)
    refused = make_request()
    exempt_review(refused, people["reviewer"])
    decision.request_decide(request_id=refused.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    lifecycle.request_close(request_id=refused.pk, actor=people["desk"], now=NEXT_DAY)
    undecided = make_request()
    with pytest.raises(TransitionRefused):
        lifecycle.request_close(request_id=undecided.pk, actor=people["desk"], now=NEXT_DAY)


@pytest.mark.parametrize("status", [Status.INCOMPLETE, Status.REGISTERED, Status.IN_REVIEW, Status.DECIDED])
def test_the_requester_withdraws_at_any_time_before_the_information_is_handed_over(office, status):
    request = make_request(status=status)
    lifecycle.request_withdraw(request_id=request.pk, reason="Tidak diperlukan lagi", actor=request.requester.user, now=NEXT_DAY)
    request.refresh_from_db()
    assert request.status == Status.WITHDRAWN
    assert request.events.get(action="withdrawn").note == "Tidak diperlukan lagi"


def test_withdrawing_a_fulfilled_closed_or_withdrawn_request_is_refused(office):
    for status in (Status.FULFILLED, Status.CLOSED, Status.WITHDRAWN):
        request = make_request(status=status)
        with pytest.raises(TransitionRefused):
            lifecycle.request_withdraw(request_id=request.pk, reason="", actor=request.requester.user, now=NEXT_DAY)


def test_another_requester_cannot_withdraw(office):
    request = make_request()
    other = RequesterFactory()
    with pytest.raises(ActionNotPermitted):
        lifecycle.request_withdraw(request_id=request.pk, reason="", actor=other.user, now=NEXT_DAY)


@pytest.mark.parametrize("status", [Status.CLOSED, Status.WITHDRAWN])
def test_nothing_happens_to_a_closed_or_withdrawn_request(office, people, status):
    request = make_request(status=status)
    calls = [
        lambda: exempt_review(request, people["reviewer"]),
        lambda: forwarding_services.request_forward(request_id=request.pk, unit=office["health"], note="", actor=people["ppid"], now=NEXT_DAY),
        lambda: extension.request_extend(request_id=request.pk, reason="x", actor=people["ppid"], now=NEXT_DAY),
        lambda: decide_granted(request, people),
        lambda: fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="A", actor=people["desk"], now=NEXT_DAY),
        lambda: lifecycle.request_close(request_id=request.pk, actor=people["desk"], now=NEXT_DAY),
    ]
    for call in calls:
        with pytest.raises(TransitionRefused):
            call()


def test_an_incomplete_request_cannot_be_decided_or_extended(office, people):
    request = make_request(status=Status.INCOMPLETE, completed_at=None)
    with pytest.raises(TransitionRefused):
        decide_granted(request, people)
    with pytest.raises(TransitionRefused):
        extension.request_extend(request_id=request.pk, reason="x", actor=people["ppid"], now=NEXT_DAY)


# -- information available at any time --------------------------------------------------------------


def test_setiap_saat_information_is_decided_and_handed_over_in_one_step(office, people):
    item = dip_item(office, category="setiap_saat", title="Peraturan Bupati tentang APBD")
    request = make_request(dip_item=item, channel="walk_in", delivery_method="pick_up")
    delivery = fulfilment.request_grant_at_desk(
        request_id=request.pk, material="Salinan Perbup APBD", recipient_name="Budi", actor=people["desk"], now=NEXT_DAY
    )
    request.refresh_from_db()
    assert request.status == Status.FULFILLED and request.decision == Decision.GRANTED
    assert delivery.handover_pdf and request.notices.get().kind == Notice.Kind.DECISION
    transitions = list(request.events.exclude(to_status="").values_list("from_status", "to_status"))
    assert transitions == [(Status.REGISTERED, Status.DECIDED), (Status.DECIDED, Status.FULFILLED)]


def test_only_setiap_saat_information_is_granted_at_once_at_the_desk(office, people):
    request = make_request(dip_item=dip_item(office, category="berkala"))
    with pytest.raises(TransitionRefused):
        fulfilment.request_grant_at_desk(request_id=request.pk, material="x", recipient_name="A", actor=people["desk"], now=NEXT_DAY)
    assert make_request().notices.count() == 0


# -- unit scope ---------------------------------------------------------------------------------------


def test_a_ppid_pembantu_acts_only_on_its_units_requests(office, people):
    request = make_request()
    decide_granted(request, people)
    with pytest.raises(ActionNotPermitted):
        fulfilment.request_fulfil(request_id=request.pk, method="pick_up", recipient_name="A", actor=people["health"], now=NEXT_DAY)
    own = make_request(unit=office["health"])
    decide_granted(own, people)
    fulfilment.request_fulfil(request_id=own.pk, method="pick_up", recipient_name="A", actor=people["health"], now=NEXT_DAY)


def test_assigning_a_request_logs_the_assignee(office, people):
    request = make_request()
    forwarding_services.request_assign(request_id=request.pk, assignee=people["reviewer"], actor=people["ppid"], now=NEXT_DAY)
    request.refresh_from_db()
    assert request.assignee == people["reviewer"]
    assert request.events.get(action="assigned").data["to"] == people["reviewer"].pk


def test_the_day_a_posted_notice_reached_the_requester_starts_the_objection_window(office, people):
    from requests.selectors_ledger import request_ledger

    request = make_request(delivery_method="post")
    exempt_review(request, people["reviewer"])
    notice = decision.request_decide(request_id=request.pk, decision=Decision.REFUSED, actor=people["ppid"], now=NEXT_DAY)
    assert notice.received_by_requester_on is None
    later = dt.datetime(2026, 3, 20, 9, tzinfo=WIB)
    with pytest.raises(ValidationError):
        notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 11), actor=people["desk"], now=later)
    notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 17), actor=people["desk"], now=later)
    with pytest.raises(TransitionRefused):
        notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 17), actor=people["desk"], now=later)
    request.refresh_from_db()
    objection = next(stage for stage in request_ledger(request=request, now=later).stages if stage.key == "objection")
    assert objection.starts_on == dt.date(2026, 3, 17)
    with pytest.raises(ActionNotPermitted):
        notices.notice_receipt_record(notice_id=notice.pk, received_on=dt.date(2026, 3, 17), actor=people["reviewer"], now=later)


@pytest.mark.parametrize(
    "asked,sent,received_on_issue",
    [("email", "post", False), ("download", "pick_up", False), ("post", "email", True), ("pick_up", "download", True)],
)
def test_a_notice_counts_as_received_on_issue_by_its_own_delivery_method_not_the_requests(office, people, asked, sent, received_on_issue):
    request = make_request(delivery_method=asked)
    notice = decision.request_decide(
        request_id=request.pk, decision=Decision.NOT_HELD, delivery_method=sent, actor=people["ppid"], now=NEXT_DAY
    )
    assert notice.delivery_method == sent
    assert notice.received_by_requester_on == (dt.date(2026, 3, 12) if received_on_issue else None)


@pytest.mark.parametrize("asked,received_on_issue", [("email", True), ("post", False)])
def test_a_notice_without_its_own_delivery_method_follows_the_requests(office, people, asked, received_on_issue):
    from ppid.workdays import OfficeCalendar
    from requests.services import notices

    request = make_request(delivery_method=asked)
    with transaction.atomic():
        notice = notices.notice_issue(
            request=lock_request(request.pk), kind=Notice.Kind.EXTENSION, actor=people["ppid"], now=NEXT_DAY,
            calendar=OfficeCalendar(), body="Arsip inaktif",
        )
    assert notice.delivery_method == ""
    assert notice.received_by_requester_on == (dt.date(2026, 3, 12) if received_on_issue else None)


class FailingBackend:
    """An SMTP server that refuses every message."""

    def __init__(self, *args, **kwargs):
        pass

    def send_messages(self, messages):
        raise OSError("connection refused")
