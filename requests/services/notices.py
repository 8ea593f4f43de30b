"""Written notices, the berita acara of handover and proofs of sending: numbered, framed as letters with a
verification QR (ppid.letters), rendered to PDF, kept privately, sent.

Called by the stage services (decision, extension, fulfilment) inside the transaction that holds the request's row lock,
so a rolled-back decision gives its notice number back to the sequence (and, through
requests.services.files, deletes the PDF it stored).
"""

from __future__ import annotations

import datetime as dt
import logging

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from ppid import deadlines, law
from ppid.letters import Letter, atasan_label, document_issue, document_supersede, letter_for_ppid, signing_place
from ppid.office import office_identity
from ppid.pdf import DOCUMENT_LANGUAGE
from ppid.rules import ALLOWED, Verdict, refuse, verdict_enforce
from ppid.sequences import next_register_number
from ppid.storage import file_delete_on_commit
from ppid.workdays import OfficeCalendar

from ..events import RequestAction
from ..models import Delivery, DeliveryMethod, InformationRequest, Notice
from .access import DESK_PERMISSIONS, actor_scope_verdict
from .files import files_removed_on_failure, private_file_save
from .register_columns import register_columns_refresh_request
from .transitions import day_text, lock_request, record_event

logger = logging.getLogger("ppid.requests")

NOTICE_TEMPLATES = {
    Notice.Kind.DECISION: "print/requests/notice.html",
    Notice.Kind.REFUSAL: "print/requests/refusal.html",
    Notice.Kind.EXTENSION: "print/requests/extension.html",
}
# Each kind of decision has its own number series: a refusal is a surat keputusan (SK), apart from notices.
NOTICE_NUMBER_KINDS = {Notice.Kind.DECISION: "notice", Notice.Kind.REFUSAL: "refusal", Notice.Kind.EXTENSION: "notice"}
HANDOVER_TEMPLATE = "print/requests/handover.html"
# Sent by email or downloaded from the portal, a notice reaches the requester the day it is issued;
# by post or pick-up, on the delivery date the desk records (the objection window runs from it).
RECEIVED_ON_ISSUE_METHODS = (DeliveryMethod.EMAIL, DeliveryMethod.DOWNLOAD)


def notice_delivery_method(notice: Notice) -> str:
    """How this notice goes to the requester: its own method, else the one the request asked for."""
    return notice.delivery_method or notice.request.delivery_method


def notice_received_on_issue(notice: Notice) -> bool:
    return notice_delivery_method(notice) in RECEIVED_ON_ISSUE_METHODS


def objection_deadline(*, notice: Notice, calendar: OfficeCalendar) -> dt.date | None:
    """The last day to object to the Atasan PPID: 30 working days from the day the notice reached the requester.

    None while that day is unknown: a notice sent by post or handed over reaches the requester on a
    later day the desk records, so no date can be computed from the issue date.
    """
    if notice.received_by_requester_on is None:
        return None
    return deadlines.objection_window_last_day(notice.received_by_requester_on, calendar)


def safe_number(number: str) -> str:
    return number.replace("/", "-")


def notice_letter(*, notice: Notice, office, issued_on: dt.date) -> Letter:
    """The frame of a notice: addressed to the requester; a refusal is a decision with a tembusan to the Atasan PPID."""
    request, requester = notice.request, notice.request.requester
    with translation.override(DOCUMENT_LANGUAGE):
        title = str(Notice.Kind(notice.kind).label)
        if notice.kind == Notice.Kind.REFUSAL:
            return letter_for_ppid(
                office=office, title=title, number=notice.number, signed_on=issued_on,
                tembusan=[atasan_label(office), _("Arsip")],
            )
        subjects = {
            Notice.Kind.DECISION: _("Pemberitahuan tertulis atas permohonan informasi publik nomor %(number)s"),
            Notice.Kind.EXTENSION: _("Perpanjangan jangka waktu pemberitahuan tertulis atas permohonan nomor %(number)s"),
        }
        return letter_for_ppid(
            office=office,
            title=title,
            number=notice.number,
            signed_on=issued_on,
            subject=subjects[notice.kind] % {"number": request.register_number or request.tracking_code},
            addressee_name=requester.display_name,
            addressee_address=requester.address,
        )


def notice_render(*, notice: Notice, calendar: OfficeCalendar, reissued: bool = False):
    """The notice's PDF with its verification QR, recorded as an IssuedDocument: (pdf bytes, record)."""
    request = notice.request
    issued_on = calendar.local_date(notice.issued_at)
    office = office_identity(on=issued_on)
    context = {
        "notice": notice,
        "request": request,
        "requester": request.requester,
        "review": notice.review,
        "meeting": notice.meeting,
        "issued_on": issued_on,
        "reissued": reissued,
        "atasan": atasan_label(office),
        "objection_working_days": law.OBJECTION_WINDOW_WORKING_DAYS,
        "objection_due": objection_deadline(notice=notice, calendar=calendar),
        "notice_working_days": law.NOTICE_WORKING_DAYS,
        "extension_working_days": law.EXTENSION_WORKING_DAYS,
    }
    return document_issue(
        kind=f"notice_{notice.kind}",
        letter=notice_letter(notice=notice, office=office, issued_on=issued_on),
        template_name=NOTICE_TEMPLATES[notice.kind],
        context=context,
        office=office,
    )


def notice_issue(
    *, request: InformationRequest, kind: str, actor, now, calendar: OfficeCalendar, **fields
) -> Notice:
    """Number, record and render a notice for a locked request. Late when issued after the due date."""
    issued_on = calendar.local_date(now)
    notice = Notice(
        request=request,
        kind=kind,
        number=next_register_number(kind=NOTICE_NUMBER_KINDS[kind], on=issued_on),
        issued_by=actor,
        issued_at=now,
        is_late=kind != Notice.Kind.EXTENSION and request.notice_due is not None and issued_on > request.notice_due,
        **fields,
    )
    if notice_received_on_issue(notice):
        notice.received_by_requester_on = issued_on
    notice.save()
    register_columns_refresh_request(request)
    pdf, notice.document = notice_render(notice=notice, calendar=calendar)
    private_file_save(notice.pdf, f"{safe_number(notice.number)}.pdf", ContentFile(pdf))
    notice.save(update_fields=["pdf", "document"])
    record_event(
        request,
        action=RequestAction.NOTICE_ISSUED,
        actor=actor,
        data={"notice": notice.pk, "number": notice.number, "kind": kind, "late": notice.is_late},
    )
    return notice


def notice_reissue(*, notice: Notice, calendar: OfficeCalendar, now: dt.datetime) -> None:
    """Issue a posted or handed-over notice again once its receipt is recorded: it now prints the last day to object."""
    old_document, old_name = notice.document, notice.pdf.name
    pdf, notice.document = notice_render(notice=notice, calendar=calendar, reissued=True)
    document_supersede(old=old_document, new=notice.document)
    notice.reissued_at = now
    private_file_save(notice.pdf, f"{safe_number(notice.number)}-terbit-ulang.pdf", ContentFile(pdf))
    notice.save(update_fields=["pdf", "document", "reissued_at"])
    if old_name and old_name != notice.pdf.name:
        file_delete_on_commit(storage=notice.pdf.storage, name=old_name)


def handover_render(*, delivery: Delivery, calendar: OfficeCalendar, notice: Notice | None):
    """The berita acara of a pick-up, or the proof of sending of any other method, numbered in its own series."""
    request = delivery.request
    delivered_on = calendar.local_date(delivery.delivered_at)
    office = office_identity(on=delivered_on)
    is_pick_up = delivery.method == DeliveryMethod.PICK_UP
    officer = delivery.recorded_by
    with translation.override(DOCUMENT_LANGUAGE):
        title = _("Berita acara serah terima informasi publik") if is_pick_up else _("Bukti pengiriman informasi publik")
    letter = Letter(title=title, number=delivery.number, place=signing_place(office), signed_on=delivered_on)
    context = {
        "delivery": delivery,
        "request": request,
        "requester": request.requester,
        "notice": notice,
        "is_pick_up": is_pick_up,
        "delivered_at": delivery.delivered_at,
        # The officer who handed over or sent signs as themselves (never as the PPID).
        "officer_name": officer.get_full_name() or officer.username,
        "officer_position": officer.position,
        "information_files": request.materials.filter(kind="information"),
    }
    return document_issue(kind=f"delivery_{delivery.method}", letter=letter, template_name=HANDOVER_TEMPLATE, context=context, office=office)


def handover_store(*, delivery: Delivery, calendar: OfficeCalendar, notice: Notice | None) -> None:
    delivery.number = next_register_number(kind="handover", on=calendar.local_date(delivery.delivered_at))
    pdf, delivery.document = handover_render(delivery=delivery, calendar=calendar, notice=notice)
    private_file_save(delivery.handover_pdf, f"{safe_number(delivery.number)}.pdf", ContentFile(pdf))
    delivery.save(update_fields=["number", "handover_pdf", "document"])


@files_removed_on_failure
@transaction.atomic
def delivery_proof_after_send(*, delivery_id: int) -> Delivery:
    """The proof of sending of information emailed, made once the mail has left (idempotent: a retry makes none)."""
    delivery = Delivery.objects.select_for_update().select_related("request__requester", "recorded_by").get(pk=delivery_id)
    if delivery.number is None:
        notice = delivery.request.notices.exclude(kind=Notice.Kind.EXTENSION).first()
        handover_store(delivery=delivery, calendar=OfficeCalendar(), notice=notice)
    return delivery


# -- the day a notice reached the requester --------------------------------------------------------


def notice_receipt_guard(actor, notice: Notice, now: dt.datetime) -> Verdict:
    """The desk records once the day a notice sent by post or handed over reached the requester."""
    refusal = actor_scope_verdict(actor, notice.request, DESK_PERMISSIONS)
    if refusal is not None:
        return refusal
    if notice.kind == Notice.Kind.EXTENSION:
        return refuse(gettext_lazy("Tanggal diterima dicatat untuk pemberitahuan keputusan, bukan untuk perpanjangan waktu."))
    if notice.received_by_requester_on is not None:
        return refuse(
            gettext_lazy("Tanggal diterima pemohon sudah dicatat (%(date)s).") % {"date": day_text(notice.received_by_requester_on)}
        )
    return ALLOWED


@transaction.atomic
def notice_receipt_record(*, notice_id: int, received_on: dt.date, actor, now: dt.datetime) -> Notice:
    """The day a notice sent by post or handed over reached the requester: the objection window runs from it."""
    request_id = Notice.objects.values_list("request_id", flat=True).get(pk=notice_id)
    request = lock_request(request_id)
    notice = Notice.objects.select_for_update().get(pk=notice_id)
    notice.request = request
    verdict_enforce(notice_receipt_guard(actor, notice, now))
    calendar = OfficeCalendar()
    if received_on < calendar.local_date(notice.issued_at) or received_on > calendar.local_date(now):
        raise ValidationError({"received_on": _("Tanggal diterima harus antara tanggal terbit pemberitahuan dan hari ini.")})
    notice.received_by_requester_on = received_on
    notice.save(update_fields=["received_by_requester_on"])
    # The letter is issued again, now printing the last day to object (UU KIP pasal 35-36).
    notice_reissue(notice=notice, calendar=calendar, now=now)
    record_event(
        request,
        action=RequestAction.NOTICE_RECEIVED,
        actor=actor,
        data={"notice": notice.pk, "number": notice.number, "received_on": received_on.isoformat(), "reissued": True},
    )
    return notice
